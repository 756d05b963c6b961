// Package backoff computes the jittered, capped exponential wait before a
// retry. It is shared by cam.Load's retries and the cam/tencent adapter's,
// so that both wait the same way.
package backoff

import "time"

// Wait returns the wait before retry number attempt+1 (attempt 0 is the
// first retry): d is base doubled attempt times, but never more than limit
// (the doubling stops there, so it never overflows), and the wait is a
// uniform random draw from [d - d/2, d] made with rnd, which must return a
// number in [0, n) for n > 0, as rand.Int64N does. Jitter keeps many clients
// that failed at the same moment from retrying in step.
//
// A base of zero or less waits nothing; a limit below base caps d at limit;
// a negative attempt counts as 0.
func Wait(base, limit time.Duration, attempt int, rnd func(n int64) int64) time.Duration {
	if base <= 0 {
		return 0
	}
	d := min(base, max(limit, 0))
	for i := 0; i < attempt && d < limit; i++ {
		if d > limit/2 {
			d = limit
			break
		}
		d *= 2
	}
	half := d / 2
	return d - half + time.Duration(rnd(int64(half)+1))
}
