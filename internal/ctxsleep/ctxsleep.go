// Package ctxsleep waits for a duration or a context, whichever ends first. It
// is shared by cam.Load's backoff, the cam/tencent adapter's retry and
// camfake's latency and fault delays, so that every wait in camkit ends the
// moment its context does.
package ctxsleep

import (
	"context"
	"time"
)

// Sleep waits d, or until ctx is done, whichever comes first. It returns
// ctx.Err() when the context ended the wait or had already ended (even for a
// d of zero or less), and nil otherwise.
func Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil || d <= 0 {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
