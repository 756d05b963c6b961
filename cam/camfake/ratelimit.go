package camfake

import (
	"math"

	"github.com/camkit/camkit/cam"
	"golang.org/x/time/rate"
)

// Burst returns the token-bucket burst the fake allows for an action limited to
// ratePerSecond requests per second under [WithRateScale]:
// max(2, ceil(ratePerSecond/10)). A client pacing itself at the same rate with
// a burst no larger than this is never throttled.
func Burst(ratePerSecond float64) int {
	b := int(math.Ceil(ratePerSecond / 10))
	return max(2, b)
}

// allow takes a token from the action's bucket, or returns the throttling
// error CAM returns.
func (f *Fake) allow(action cam.Action) error {
	if f.rateScale <= 0 {
		return nil
	}
	f.limMu.Lock()
	lim := f.limiters[action]
	if lim == nil {
		r := cam.RateLimit(action) * f.rateScale
		lim = rate.NewLimiter(rate.Limit(r), Burst(r))
		f.limiters[action] = lim
	}
	f.limMu.Unlock()
	if !lim.Allow() {
		return apiErr(codeThrottled, "the request rate of %s exceeds the limit of %g requests per second", action, cam.RateLimit(action)*f.rateScale)
	}
	return nil
}
