package camfake

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/camkit/camkit/cam"
	"golang.org/x/time/rate"
)

// Interface checks: a *Fake is a whole CAM account and its audit log.
var (
	_ cam.API         = (*Fake)(nil)
	_ cam.AuditLog    = (*Fake)(nil)
	_ cam.RateLimiter = (*Fake)(nil)
	_ cam.Clock       = (*Fake)(nil)
)

// DefaultOwnerUIN is the root account UIN of a Fake made without [WithOwnerUIN].
const DefaultOwnerUIN uint64 = 100000000001

// DefaultAppID is the APPID of a Fake made without [WithAppID].
const DefaultAppID uint64 = 1250000000

// DefaultRandSeed seeds fault-injection randomness unless [WithRandSeed] is given.
const DefaultRandSeed uint64 = 1

// Fake is an in-memory CAM account. It implements [cam.API] and [cam.AuditLog]
// with real state and CAM's rules, and is safe for concurrent use.
//
// Every API method runs the same pipeline: a cancelled context fails at once
// (the error wraps ctx.Err()); then the configured latency ([WithLatency]);
// then the rate limit ([WithRateScale]); then injected faults ([Fake.Inject])
// and hooks ([WithHook]); then the state operation. Each call, failed or not,
// is recorded ([Fake.Calls]). Successful writes also append an audit event
// (see [Fake.Events]).
//
// Values handed out are copies: changing a returned slice, struct or parsed
// document never changes the fake.
//
// The fake holds no secret keys at all, so nothing it prints or returns can
// leak one.
//
// The zero Fake is an empty account with the defaults of [New] (no options):
// it is usable, and is set up on first use. Use New to set options.
type Fake struct {
	initOnce sync.Once

	owner, appID uint64
	now          func() time.Time
	latency      time.Duration
	rateScale    float64
	hooks        []func(context.Context, Call) error
	maxCalls     int

	mu sync.RWMutex
	st *state

	reqSeq atomic.Uint64

	limMu    sync.Mutex
	limiters map[cam.Action]*rate.Limiter

	faultMu  sync.Mutex
	faults   []*faultEntry
	faultSeq uint64
	rnd      *rand.Rand

	callMu sync.Mutex
	calls  []Call
	counts map[cam.Action]int
}

// Option configures a Fake made by [New].
type Option func(*config)

type config struct {
	owner, appID uint64
	now          func() time.Time
	latency      time.Duration
	rateScale    float64
	randSeed     uint64
	hooks        []func(context.Context, Call) error
	seeds        []Seed
	maxCalls     int
}

// WithOwnerUIN sets the root account's UIN (default [DefaultOwnerUIN]). It
// appears in every ARN the fake makes.
func WithOwnerUIN(uin uint64) Option { return func(c *config) { c.owner = uin } }

// WithAppID sets the account's APPID (default [DefaultAppID]).
func WithAppID(appID uint64) Option { return func(c *config) { c.appID = appID } }

// WithClock sets the clock the fake reads for creation, update and attachment
// times, audit events, call records and the CloudAudit query window. A fixed
// clock makes every time the fake reports deterministic. The default is
// time.Now. A nil clock is ignored.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithLatency delays every API call by d (before anything else happens to
// it), as a network round trip would. A context cancelled during the delay
// ends the call at once with an error wrapping ctx.Err().
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithRateScale makes the fake enforce CAM's documented rate limit
// ([cam.RateLimit]) times scale on every API action, each action with its own
// token bucket (golang.org/x/time/rate), as CAM counts per API. A call over
// the limit fails with *cam.APIError{Code: "RequestLimitExceeded"}, which
// matches [cam.ErrThrottled], exactly as the service answers.
// cam.WithRateScale is the same scale on the calling side; cam.Load reads
// the fake's limits ([Fake.RateLimit]) and keeps under them by itself.
//
// Each bucket's burst is max(2, ceil(rate/10)) (see [Burst]): a client that
// paces itself at exactly the same rate, with a burst no larger than that, is
// never throttled, even with scheduling jitter. scale ≤ 0 disables
// enforcement (the default).
func WithRateScale(scale float64) Option { return func(c *config) { c.rateScale = scale } }

// WithRandSeed seeds the pseudo-random source that decides probabilistic
// faults ([Fault.ThrottleRate], [Fault.ErrRate]), so a test replays the same
// sequence of failures for the same sequence of calls. The default seed is
// [DefaultRandSeed].
func WithRandSeed(seed uint64) Option { return func(c *config) { c.randSeed = seed } }

// WithHook adds a hook that runs for every API call after the injected faults
// and before the state operation. A non-nil error fails the call with that
// error (a *cam.APIError without an action or request ID gets them filled
// in). Hooks run in the order given. Use [Fault] for the common cases.
func WithHook(hook func(ctx context.Context, c Call) error) Option {
	return func(c *config) {
		if hook != nil {
			c.hooks = append(c.hooks, hook)
		}
	}
}

// WithSeed seeds the fake's state with s (see [Fake.Seed]) when [New] builds
// it, after every other option. Several WithSeed options apply in order.
//
// Like httptest.NewServer, New panics if the seed data is bad, naming the bad
// entry: seed data is part of a test, not user input. Call [Fake.Seed] to get
// the error instead.
func WithSeed(s Seed) Option { return func(c *config) { c.seeds = append(c.seeds, s) } }

// WithCallLog bounds the call log ([Fake.Calls]) to the most recent n calls,
// so a long benchmark does not grow it without limit; n == 0 keeps no calls,
// n < 0 keeps all (the default). Per-action counts ([Fake.CallCount]) are
// always kept.
func WithCallLog(n int) Option { return func(c *config) { c.maxCalls = n } }

// New returns an empty account: no users, groups, roles or custom policies,
// and Tencent's preset policies (see [PresetPolicies]). It panics only if a
// [WithSeed] seed is bad.
func New(opts ...Option) *Fake {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	f := &Fake{}
	f.initOnce.Do(func() { f.setup(cfg) })
	for i, s := range cfg.seeds {
		if err := f.Seed(s); err != nil {
			panic(fmt.Sprintf("camfake: WithSeed #%d: %s", i+1, strings.TrimPrefix(err.Error(), "camfake: ")))
		}
	}
	return f
}

func defaultConfig() config {
	return config{
		owner:    DefaultOwnerUIN,
		appID:    DefaultAppID,
		now:      time.Now,
		randSeed: DefaultRandSeed,
		maxCalls: -1,
	}
}

// setup sets the fake's fields from cfg; it runs once, from New or on the
// zero Fake's first use.
func (f *Fake) setup(cfg config) {
	f.owner, f.appID = cfg.owner, cfg.appID
	f.now = cfg.now
	f.latency = cfg.latency
	f.rateScale = cfg.rateScale
	f.hooks = cfg.hooks
	f.maxCalls = cfg.maxCalls
	f.limiters = map[cam.Action]*rate.Limiter{}
	f.rnd = rand.New(rand.NewPCG(cfg.randSeed, cfg.randSeed^0x9e3779b97f4a7c15))
	f.counts = map[cam.Action]int{}
	f.st = newState(f.owner, f.now)
}

// init sets up a zero Fake with New's defaults on first use; every exported
// method calls it.
func (f *Fake) init() { f.initOnce.Do(func() { f.setup(defaultConfig()) }) }

// OwnerUIN returns the root account's UIN.
func (f *Fake) OwnerUIN() uint64 {
	f.init()
	return f.owner
}

// Now returns the fake's current time (see [WithClock]).
func (f *Fake) Now() time.Time {
	f.init()
	return f.now()
}

// RateLimit returns the rate, in requests per second, at which the fake
// accepts calls of the action: math.Inf(1) unless [WithRateScale] made it
// enforce limits. It makes a *Fake a [cam.RateLimiter], so cam.Load paces
// itself to the fake and a load of an unthrottled fake takes milliseconds.
func (f *Fake) RateLimit(action cam.Action) float64 {
	f.init()
	if f.rateScale <= 0 {
		return math.Inf(1)
	}
	return cam.RateLimit(action) * f.rateScale
}

// Account returns the account's owner UIN, the caller (the root account) and
// the APPID (GetUserAppId).
func (f *Fake) Account(ctx context.Context) (cam.Account, error) {
	var out cam.Account
	err := f.read(ctx, cam.ActionGetUserAppID, Call{}, func(*state) error {
		out = cam.Account{OwnerUIN: f.owner, CallerUIN: f.owner, AppID: f.appID}
		return nil
	})
	return out, err
}

// String summarises the account: owner and entity counts. It never shows
// anything secret (the fake holds no secrets).
func (f *Fake) String() string {
	f.init()
	f.mu.RLock()
	defer f.mu.RUnlock()
	return fmt.Sprintf("camfake.Fake{owner: %d, users: %d, groups: %d, roles: %d, custom policies: %d, keys: %d, events: %d}",
		f.owner, len(f.st.users), len(f.st.groups), len(f.st.roles), f.st.customCount, len(f.st.keys), len(f.st.events))
}

// Format prints the same summary as [Fake.String] for every verb, so %v,
// %+v and %#v never dump internal state.
func (f *Fake) Format(s fmt.State, _ rune) { fmt.Fprint(s, f.String()) }
