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
	rates       map[string]float64
	scale       float64
	progress    func(Progress)
	failFast    bool
	retries     int
	backoff     time.Duration
	now         func() time.Time
	errs        []error
}

func defaultLoadConfig() loadConfig {
	return loadConfig{
		concurrency: DefaultConcurrency,
		scale:       1,
		retries:     DefaultRetries,
		backoff:     DefaultBackoff,
		now:         time.Now,
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

// WithRateLimits overrides the rate limit, in requests per second, of the API
// actions it names (for example {"ListAttachedUserAllPolicies": 2}). Actions it
// does not name keep their documented rate ([RateLimit]). A rate of
// math.Inf(1) means unlimited. Keys must be API action names that [Load] calls
// (the values of [ReaderActions]) and rates must be positive; Load reports
// anything else as an error. Repeated options merge, later ones winning.
func WithRateLimits(rates map[string]float64) LoadOption {
	return func(c *loadConfig) {
		for action, r := range rates {
			if !isReaderAction(action) {
				c.errorf("WithRateLimits: %q is not an API action that Load calls", action)
				continue
			}
			if !(r > 0) {
				c.errorf("WithRateLimits: rate %v for %s must be positive", r, action)
				continue
			}
			if c.rates == nil {
				c.rates = make(map[string]float64)
			}
			c.rates[action] = r
		}
	}
}

// WithRateScale multiplies every rate limit, documented or overridden with
// [WithRateLimits], by factor. Use it when the account's limits have been raised
// or against a fake whose limits are scaled the same way; a factor below 1 leaves
// headroom for other callers of the same APIs. factor must be positive and finite.
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

// WithClock sets the clock that stamps [Snapshot.Taken] (default time.Now).
// Tests use it to make two loads of the same account marshal identically.
func WithClock(now func() time.Time) LoadOption {
	return func(c *loadConfig) {
		if now == nil {
			c.errorf("WithClock: the clock must not be nil")
			return
		}
		c.now = now
	}
}

func isReaderAction(action string) bool {
	for _, a := range ReaderActions {
		if a == action {
			return true
		}
	}
	return false
}
