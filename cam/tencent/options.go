package tencent

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/ctxsleep"
)

// Defaults used by [New] when no option overrides them.
const (
	// DefaultRegion is the region the SDK clients are created for. CAM is a
	// global service; the region only picks the endpoint CloudAudit reads.
	DefaultRegion = "ap-guangzhou"
	// DefaultRateLimitRetries is how many times the adapter retries a call
	// that was throttled (error code RequestLimitExceeded...).
	DefaultRateLimitRetries = 3
	// DefaultNetworkRetries is how many times the adapter retries a read
	// whose HTTP exchange failed without an answer from the service.
	DefaultNetworkRetries = 3
	// DefaultBackoffBase is the wait before the first retry, before jitter;
	// each later retry doubles it, up to [DefaultBackoffCap].
	DefaultBackoffBase = time.Second
	// DefaultBackoffCap is the longest wait between two attempts of a call.
	DefaultBackoffCap = 20 * time.Second
	// DefaultTimeout is the HTTP timeout of one request.
	DefaultTimeout = 60 * time.Second
	// MaxRetries bounds both retry counts of [WithRetries].
	MaxRetries = 10
)

// Option configures a [Client]. Options are applied in order by [New], which
// reports every invalid option at once.
type Option func(*config) error

// Logger receives the SDK's diagnostic output (request dumps) and the
// adapter's retry notices. *log.Logger satisfies it.
type Logger interface {
	Printf(format string, args ...any)
}

type config struct {
	region      string
	endpoint    string
	scheme      string
	rateRetries int
	netRetries  int
	// backoff is the wait before retry attempt n (0-based), never negative.
	backoff func(attempt int) time.Duration
	// sleep waits d or until ctx ends, whichever is first; tests replace it.
	sleep   func(ctx context.Context, d time.Duration) error
	timeout time.Duration
	logger  Logger
	loc     *time.Location
	backup  string
}

func defaultConfig() config {
	return config{
		region:      DefaultRegion,
		scheme:      "HTTPS",
		rateRetries: DefaultRateLimitRetries,
		netRetries:  DefaultNetworkRetries,
		backoff:     exponentialBackoff(DefaultBackoffBase, DefaultBackoffCap, rand.Int64N),
		sleep:       ctxsleep.Sleep,
		timeout:     DefaultTimeout,
		loc:         Beijing,
	}
}

var regionPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// WithRegion sets the region of the SDK clients (default [DefaultRegion]),
// such as "ap-shanghai".
func WithRegion(region string) Option {
	return func(c *config) error {
		if !regionPattern.MatchString(region) {
			return fmt.Errorf("tencent: WithRegion: %q is not a region name like %q", region, DefaultRegion)
		}
		c.region = region
		return nil
	}
}

// WithEndpoint sends every call (CAM, STS and CloudAudit) to host, given as
// "host" or "host:port" without a scheme or path: a private endpoint, or a
// test server such as camfake's. By default each service uses its public
// endpoint (cam.tencentcloudapi.com, ...).
func WithEndpoint(host string) Option {
	return func(c *config) error {
		if err := checkEndpoint(host); err != nil {
			return fmt.Errorf("tencent: WithEndpoint: %w", err)
		}
		c.endpoint = host
		return nil
	}
}

func checkEndpoint(host string) error {
	switch {
	case host == "":
		return fmt.Errorf("empty endpoint")
	case strings.Contains(host, "://"):
		return fmt.Errorf("%q has a scheme; give host[:port] and use WithScheme", host)
	case strings.ContainsAny(host, "/?#@ \t\r\n"):
		return fmt.Errorf("%q is not a host[:port]", host)
	}
	name := host
	if h, port, err := net.SplitHostPort(host); err == nil {
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%q has an invalid port", host)
		}
		name = h
	} else if strings.Count(host, ":") == 1 {
		return fmt.Errorf("%q has an invalid port", host)
	}
	if name == "" {
		return fmt.Errorf("%q has no host name", host)
	}
	return nil
}

// WithScheme sets the URL scheme, "https" (the default) or "http". Plain HTTP
// is for test servers on loopback only: it would expose the request, though
// never the secret key, on the network.
func WithScheme(scheme string) Option {
	return func(c *config) error {
		switch strings.ToLower(scheme) {
		case "https":
			c.scheme = "HTTPS"
		case "http":
			c.scheme = "HTTP"
		default:
			return fmt.Errorf("tencent: WithScheme: %q is neither \"https\" nor \"http\"", scheme)
		}
		return nil
	}
}

// WithRetries sets how many times the adapter retries a call, each 0–
// [MaxRetries] (defaults [DefaultRateLimitRetries] and
// [DefaultNetworkRetries]):
//
//   - rateLimitRetries: a call of any kind that CAM, STS or CloudAudit
//     throttled (RequestLimitExceeded and its sub-codes). A throttled request
//     was not carried out, so repeating it is safe even for a write.
//   - networkRetries: a read (List*, Get*, Describe*) whose HTTP exchange
//     failed without an answer from the service (connection refused or
//     reset, the [WithTimeout] limit, a body cut short). A write that failed
//     this way is never repeated: the service may have carried it out.
//
// The wait before each retry comes from [WithBackoff] or
// [WithExponentialBackoff]; a cancelled or expired context ends the wait at
// once. The SDK's own retries are always off: they sleep without looking at
// the context.
func WithRetries(rateLimitRetries, networkRetries int) Option {
	return func(c *config) error {
		if rateLimitRetries < 0 || rateLimitRetries > MaxRetries || networkRetries < 0 || networkRetries > MaxRetries {
			return fmt.Errorf("tencent: WithRetries: retries (%d, %d) must each be 0–%d", rateLimitRetries, networkRetries, MaxRetries)
		}
		c.rateRetries, c.netRetries = rateLimitRetries, networkRetries
		return nil
	}
}

// WithBackoff sets the wait before retry attempt n (0-based, counting both
// kinds of retry) to backoff(n), used as returned: negative waits are zero,
// and no jitter or cap is added. The default is
// WithExponentialBackoff([DefaultBackoffBase], [DefaultBackoffCap]).
func WithBackoff(backoff func(attempt int) time.Duration) Option {
	return func(c *config) error {
		if backoff == nil {
			return fmt.Errorf("tencent: WithBackoff: nil function")
		}
		c.backoff = func(n int) time.Duration {
			if d := backoff(n); d > 0 {
				return d
			}
			return 0
		}
		return nil
	}
}

// WithExponentialBackoff sets a jittered exponential wait before each retry:
// attempt n waits a random duration between half and all of base×2ⁿ, and
// never more than limit. Jitter keeps many clients throttled at the same
// moment from retrying in step. base must be positive and limit at least
// base.
func WithExponentialBackoff(base, limit time.Duration) Option {
	return func(c *config) error {
		if base <= 0 || limit < base {
			return fmt.Errorf("tencent: WithExponentialBackoff: base %v must be positive and limit %v at least base", base, limit)
		}
		c.backoff = exponentialBackoff(base, limit, rand.Int64N)
		return nil
	}
}

// WithTimeout sets the HTTP timeout of one request (default [DefaultTimeout]).
// The SDK counts it in whole seconds, so it must be at least one second;
// fractions are rounded up. Use a context deadline for finer control.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second {
			return fmt.Errorf("tencent: WithTimeout: %v is shorter than one second", d)
		}
		c.timeout = d
		return nil
	}
}

// WithLogger turns on the SDK's debug output (request and response dumps,
// retry notices) and sends it to l. The adapter removes the secret key, the
// session token and request signatures from every line before l sees it.
func WithLogger(l Logger) Option {
	return func(c *config) error {
		if l == nil {
			return fmt.Errorf("tencent: WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithLocation sets the time zone in which CAM's "2006-01-02 15:04:05" time
// strings are read. CAM writes them in Beijing time, the default ([Beijing]);
// returned times are in UTC either way.
func WithLocation(loc *time.Location) Option {
	return func(c *config) error {
		if loc == nil {
			return fmt.Errorf("tencent: WithLocation: nil location")
		}
		c.loc = loc
		return nil
	}
}

// WithRegionBreaker turns on the SDK's region circuit breaker: when most
// calls in a minute fail without a service answer, the SDK sends calls for a
// while to "<service>.<backupEndpoint>" instead, for example
// "ap-shanghai.tencentcloudapi.com" (CAM is global, so any region's endpoint
// serves it). It is off by default, because failing over to a public
// endpoint is wrong for a private endpoint or a test server.
func WithRegionBreaker(backupEndpoint string) Option {
	return func(c *config) error {
		if err := checkEndpoint(backupEndpoint); err != nil {
			return fmt.Errorf("tencent: WithRegionBreaker: %w", err)
		}
		c.backup = backupEndpoint
		return nil
	}
}
