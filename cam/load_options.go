package cam

import (
	"fmt"
	"math"
	"time"
)

// Defaults for [Load]'s options.
const (
	// DefaultConcurrency is how many API calls Load keeps in flight at most.
	DefaultConcurrency = 16
	// DefaultRetries is how many times Load retries a read that failed
	// transiently (see [WithRetry]).
	DefaultRetries = 8
	// DefaultBackoff is the wait before Load's first retry; it doubles with
	// every further retry, up to [MaxBackoff].
	DefaultBackoff = 50 * time.Millisecond
	// MaxBackoff caps the wait between two retries of one read.
	MaxBackoff = 2 * time.Second
)

// LoadOption configures [Load].
type LoadOption func(*loadConfig)

// loadConfig is Load's configuration after the options have run.
type loadConfig struct {
	concurrency int
	rates       map[Action]float64
	scale       float64
	progress    func(Progress)
	failFast    bool
	retries     int
	backoff     time.Duration
	now         func() time.Time // nil: the Reader's Clock, or time.Now
	errs        []error
}

func defaultLoadConfig() loadConfig {
	return loadConfig{
		concurrency: DefaultConcurrency,
		scale:       1,
		retries:     DefaultRetries,
		backoff:     DefaultBackoff,
	}
}

func (c *loadConfig) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("cam: load: "+format, args...))
}

// WithConcurrency sets how many API calls Load keeps in flight at most
// (default [DefaultConcurrency]). n must be at least 1.
func WithConcurrency(n int) LoadOption {
	return func(c *loadConfig) {
		if n < 1 {
			c.errorf("WithConcurrency(%d): concurrency must be at least 1", n)
			return
		}
		c.concurrency = n
	}
}

// WithActionRate sets the rate limit, in requests per second, at which Load
// calls one API action, in place of the documented rate ([RateLimit]) or the
// one the Reader reports ([RateLimiter]). A rate of math.Inf(1) means
// unlimited. The action must be one that [Load] calls (see [ReaderActions])
// and the rate positive; Load reports anything else as an error. Several
// WithActionRate options combine; for one action the last wins.
func WithActionRate(action Action, perSecond float64) LoadOption {
	return func(c *loadConfig) {
		if !isReaderAction(action) {
			c.errorf("WithActionRate: %q is not an API action that Load calls", action)
			return
		}
		if !(perSecond > 0) {
			c.errorf("WithActionRate: rate %v for %s must be positive", perSecond, action)
			return
		}
		if c.rates == nil {
			c.rates = make(map[Action]float64)
		}
		c.rates[action] = perSecond
	}
}

// WithRateScale multiplies every rate limit Load paces itself at (documented,
// reported by the Reader, or set with [WithActionRate]) by factor. Use it when
// the account's limits have been raised; a factor below 1 leaves headroom for
// other callers of the same APIs. factor must be positive and finite.
// camfake.WithRateScale is the same scale on the enforcing side.
func WithRateScale(factor float64) LoadOption {
	return func(c *loadConfig) {
		if !(factor > 0) || math.IsInf(factor, 0) {
			c.errorf("WithRateScale(%v): the factor must be positive and finite", factor)
			return
		}
		c.scale = factor
	}
}

// WithProgress makes Load report its progress to fn. fn is called from Load's
// goroutines, but never concurrently: calls are serialized, and each reports a
// state no older than the one before. fn must not block for long, because the
// load waits for it, and must not call back into the same Load.
func WithProgress(fn func(Progress)) LoadOption {
	return func(c *loadConfig) { c.progress = fn }
}

// WithFailFast makes the first read that fails (after its retries) abort the
// load: Load then returns a nil snapshot and an error naming the phase, the API
// action and the subject that failed, wrapping the API's error. Without it, Load
// records each failure as a [Problem] in the snapshot and goes on. A document
// that was read but does not parse is recorded as a Problem in either case.
func WithFailFast() LoadOption {
	return func(c *loadConfig) { c.failFast = true }
}

// WithRetry sets how often Load itself retries a read that failed transiently,
// and the wait before the first retry (default [DefaultRetries] and
// [DefaultBackoff]). The wait doubles with each retry up to [MaxBackoff], with
// random jitter, and ends early when the context is cancelled; every retry also
// waits for the API's rate limiter again.
//
// Transient failures are throttling ([ErrThrottled]) and [*APIError] codes that
// report a server-side fault (InternalError…, ResourceUnavailable…,
// ResourceInsufficient…, FailedOperation.Timeout…). These retries come on top of
// any the Reader does itself (the Tencent adapter configures the SDK's own
// retries). WithRetry(0, 0) turns Load's retries off.
func WithRetry(retries int, backoff time.Duration) LoadOption {
	return func(c *loadConfig) {
		if retries < 0 || backoff < 0 {
			c.errorf("WithRetry(%d, %v): retries and backoff must not be negative", retries, backoff)
			return
		}
		c.retries, c.backoff = retries, backoff
	}
}

// WithClock sets the clock that stamps [Snapshot.Taken]. Without it Load
// uses the Reader's own clock when it has one ([Clock]; camfake's Fake does),
// and time.Now otherwise. Tests use it to make two loads of the same account
// marshal identically.
func WithClock(now func() time.Time) LoadOption {
	return func(c *loadConfig) {
		if now == nil {
			c.errorf("WithClock: the clock must not be nil")
			return
		}
		c.now = now
	}
}
