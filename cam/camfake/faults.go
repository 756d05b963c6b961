package camfake

import (
	"context"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/ctxsleep"
)

// Fault makes matching API calls fail or slow down. Inject it with
// [Fake.Inject].
//
// A fault applies to a call when Action is empty or equal to the call's API
// action and Match is nil or returns true. An applicable fault first sleeps
// Delay (honouring the context), then, with probability ThrottleRate, fails
// the call with RequestLimitExceeded (matching [cam.ErrThrottled]); then:
//
//   - Err set, ErrRate 0: the call fails with Err, always;
//   - Err set, ErrRate > 0: the call fails with Err with probability ErrRate;
//   - Err nil, ErrRate > 0: the call fails with InternalError (no sentinel,
//     like a real transient failure) with probability ErrRate.
//
// Rates are clamped to [0, 1]; the random draws come from the fake's seeded
// source ([WithRandSeed]). Several faults may apply to one call: they are
// tried in the order they were injected, and the first failure wins.
//
// Examples: 20% throttling and 5% internal errors on every read,
//
//	f.Inject(camfake.Fault{Match: camfake.Reads, ThrottleRate: 0.2, ErrRate: 0.05})
//
// and a permanently failing GetMFA for one user,
//
//	f.Inject(camfake.Fault{Action: "DescribeSafeAuthFlagColl",
//		Match: func(c camfake.Call) bool { return c.UserName == "frank.wu" },
//		Err: &cam.APIError{Code: "InternalError"}})
type Fault struct {
	// Action is the API action to fault ("DescribeSafeAuthFlagColl",
	// "AttachUserPolicy", ...); empty faults every action.
	Action cam.Action
	// Match, when set, further selects calls, typically by subject.
	Match func(Call) bool
	// Err is the error to return. A *cam.APIError without an action or request
	// ID gets them filled in.
	Err error
	// ErrRate is the probability of failing with Err (or InternalError).
	ErrRate float64
	// ThrottleRate is the probability of failing with RequestLimitExceeded.
	ThrottleRate float64
	// Delay is added to each matching call.
	Delay time.Duration
	// Times, when positive, limits how many calls the fault applies to; after
	// that it stops applying (for "fail once, then succeed" tests).
	Times int
}

// Reads matches read-only calls; use it as a [Fault.Match].
func Reads(c Call) bool { return c.ReadOnly }

// Writes matches mutating calls; use it as a [Fault.Match].
func Writes(c Call) bool { return !c.ReadOnly }

type faultEntry struct {
	id   uint64
	f    Fault
	used int
}

// Inject adds a fault and returns a function that removes it (calling it more
// than once is harmless).
func (f *Fake) Inject(flt Fault) (remove func()) {
	f.init()
	flt.ErrRate = clamp01(flt.ErrRate)
	flt.ThrottleRate = clamp01(flt.ThrottleRate)
	f.faultMu.Lock()
	f.faultSeq++
	id := f.faultSeq
	f.faults = append(f.faults, &faultEntry{id: id, f: flt})
	f.faultMu.Unlock()
	return func() {
		f.faultMu.Lock()
		defer f.faultMu.Unlock()
		for i, e := range f.faults {
			if e.id == id {
				f.faults = append(f.faults[:i:i], f.faults[i+1:]...)
				return
			}
		}
	}
}

// ClearFaults removes every injected fault.
func (f *Fake) ClearFaults() {
	f.init()
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	f.faults = nil
}

func clamp01(x float64) float64 {
	switch {
	case x != x || x < 0: // NaN or negative
		return 0
	case x > 1:
		return 1
	}
	return x
}

// faultOutcome is what one applicable fault decided for a call.
type faultOutcome struct {
	delay    time.Duration
	throttle bool
	err      error
}

// applyFaults runs the applicable faults for c.
func (f *Fake) applyFaults(ctx context.Context, c Call) error {
	f.faultMu.Lock()
	entries := append([]*faultEntry(nil), f.faults...)
	f.faultMu.Unlock()
	for _, e := range entries {
		if e.f.Action != "" && e.f.Action != c.Action {
			continue
		}
		// Match is user code: run it without holding any of the fake's locks.
		if e.f.Match != nil && !e.f.Match(c.clone()) {
			continue
		}
		out, ok := f.decide(e)
		if !ok {
			continue
		}
		if err := ctxsleep.Sleep(ctx, out.delay); err != nil {
			return ctxErr(c.Action, err)
		}
		if out.throttle {
			return apiErr(codeThrottled, "injected fault: request rate of %s exceeds the limit", c.Action)
		}
		if out.err != nil {
			return out.err
		}
	}
	return nil
}

// decide counts the use of e and draws its random outcomes; ok is false when e
// has been used up (see [Fault.Times]).
func (f *Fake) decide(e *faultEntry) (out faultOutcome, ok bool) {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	if e.f.Times > 0 && e.used >= e.f.Times {
		return out, false
	}
	e.used++
	out.delay = e.f.Delay
	if e.f.ThrottleRate > 0 && f.rnd.Float64() < e.f.ThrottleRate {
		out.throttle = true
		return out, true
	}
	switch {
	case e.f.Err != nil && e.f.ErrRate == 0:
		out.err = e.f.Err
	case e.f.ErrRate > 0 && f.rnd.Float64() < e.f.ErrRate:
		out.err = e.f.Err
		if out.err == nil {
			out.err = apiErr(codeInternal, "injected fault: internal error")
		}
	}
	return out, true
}
