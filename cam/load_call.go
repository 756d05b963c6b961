package cam

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/time/rate"

	"github.com/camkit/camkit/internal/backoff"
	"github.com/camkit/camkit/internal/ctxsleep"
)

// gate is what every read of a load passes through: the API action's rate
// limiter, then a slot among the concurrency limit, with retries of transient
// failures.
//
// Calls of one action take their turn one at a time: a call holds the turn
// while it waits for a token and then for a slot, so tokens are never
// reserved ahead. After a stall (a busy machine, a slow slot) calls therefore
// resume at the limiter's pace instead of all firing at once, and the API
// never sees more than about two calls closer together than its rate allows.
type gate struct {
	limiters map[Action]*rate.Limiter
	turns    map[Action]chan struct{}
	slots    chan struct{}
	retries  int
	backoff  time.Duration
}

// newGate builds the gate of a load of r: each action's rate is the one r
// reports ([RateLimiter]) or the documented one, unless an option sets it,
// times the scale.
func newGate(cfg *loadConfig, r Reader) *gate {
	reported, _ := r.(RateLimiter)
	g := &gate{
		limiters: make(map[Action]*rate.Limiter, len(readerActions)),
		turns:    make(map[Action]chan struct{}, len(readerActions)),
		slots:    make(chan struct{}, cfg.concurrency),
		retries:  cfg.retries,
		backoff:  cfg.backoff,
	}
	for _, action := range readerActions {
		if _, done := g.limiters[action]; done {
			continue
		}
		r := RateLimit(action)
		if reported != nil {
			if v := reported.RateLimit(action); v > 0 { // NaN and nonsense keep the documented rate
				r = v
			}
		}
		if o, ok := cfg.rates[action]; ok {
			r = o
		}
		r *= cfg.scale
		limit := rate.Limit(r)
		if math.IsInf(r, 1) {
			limit = rate.Inf
		}
		// A burst of one spaces the calls evenly, as CAM counts them per second.
		g.limiters[action] = rate.NewLimiter(limit, 1)
		g.turns[action] = make(chan struct{}, 1)
	}
	return g
}

// call runs fn, the Reader method's read, under the action's rate limit and the
// concurrency limit, retrying transient failures. It returns fn's last error,
// or the context's error once ctx is done.
func (g *gate) call(ctx context.Context, action Action, fn func(context.Context) error) error {
	lim, turn := g.limiters[action], g.turns[action]
	for attempt := 0; ; attempt++ {
		select {
		case turn <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		err := lim.Wait(ctx)
		if err == nil {
			select {
			case g.slots <- struct{}{}:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		<-turn
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// The limiter refuses a wait that would outlast the deadline: the
			// load cannot finish in time, so it ends now.
			return &deadlineError{action: action}
		}
		err = fn(ctx)
		<-g.slots
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if attempt >= g.retries || !transient(err) {
			return err
		}
		if err := ctxsleep.Sleep(ctx, g.wait(attempt)); err != nil {
			return err
		}
	}
}

// deadlineError reports that the rate limit of an action cannot be met
// before the context's deadline. It aborts the load.
type deadlineError struct{ action Action }

func (e *deadlineError) Error() string {
	return "cam: load: " + string(e.action) + ": waiting for the rate limit would pass the context deadline"
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *deadlineError) Unwrap() error { return context.DeadlineExceeded }

// wait returns the jittered backoff before retry number attempt+1: a random
// duration between half and all of backoff·2^attempt, capped at MaxBackoff.
func (g *gate) wait(attempt int) time.Duration {
	return backoff.Wait(g.backoff, MaxBackoff, attempt, rand.Int64N)
}

// transient reports whether err is worth retrying: throttling ([ErrThrottled])
// or an [*APIError] whose code reports a server-side fault (InternalError…,
// ResourceUnavailable…, ResourceInsufficient…, FailedOperation.Timeout…).
// Errors that a retry cannot fix (not found, access denied, invalid input) and
// context errors are not transient.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, ErrThrottled) {
		return true
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	for _, prefix := range []string{"InternalError", "ResourceUnavailable", "ResourceInsufficient", "FailedOperation.Timeout"} {
		if strings.HasPrefix(apiErr.Code, prefix) {
			return true
		}
	}
	return false
}

// forEach runs fn(ctx, i) for every i in [0, n) on at most workers goroutines and
// returns the first error. fn returns an error only to abort the load.
func forEach(ctx context.Context, n, workers int, fn func(ctx context.Context, i int) error) error {
	if n <= 0 {
		return nil
	}
	eg, ctx := errgroup.WithContext(ctx)
	var next atomic.Int64
	for range min(n, workers) {
		eg.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				if err := fn(ctx, i); err != nil {
					return err
				}
			}
		})
	}
	return eg.Wait()
}

// splitBatches splits n items into consecutive [lo, hi) ranges of at most size.
func splitBatches(n, size int) [][2]int {
	out := make([][2]int, 0, (n+size-1)/size)
	for lo := 0; lo < n; lo += size {
		out = append(out, [2]int{lo, min(lo+size, n)})
	}
	return out
}
