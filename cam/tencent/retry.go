package tencent

import (
	"context"
	"errors"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/backoff"
)

// callKind says whether a call may be repeated after a network failure.
type callKind uint8

const (
	// reading calls change nothing: repeating one is always safe.
	reading callKind = iota
	// writing calls change the account (or, for AssumeRole, issue
	// credentials): they are repeated only when the service refused them.
	writing
)

// failure sorts a failed attempt for the retry decision.
type failure uint8

const (
	final     failure = iota // not retried
	throttled                // RequestLimitExceeded*: the request was refused unexecuted
	lostCall                 // no answer: connection, timeout or a body cut short
)

// SDK client error codes of an exchange that got no complete answer: the
// transport failed (connection refused or reset, the HTTP timeout), or the
// response body could not be read.
const (
	codeNetworkError = "ClientError.NetworkError"
	codeIOError      = "ClientError.IOError"
)

// classify sorts an SDK error: throttling by cam's sentinel mapping
// (RequestLimitExceeded and its sub-codes), lost calls by the SDK's client
// error codes; everything else is final.
func classify(err error) failure {
	var sdk *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdk) {
		return final
	}
	switch {
	case cam.Classify(sdk.Code) == cam.ErrThrottled:
		return throttled
	case sdk.Code == codeNetworkError, sdk.Code == codeIOError:
		return lostCall
	}
	return final
}

// send makes one SDK call with the adapter's retries: a throttled call is
// repeated up to the configured rate-limit retries, a lost read up to the
// network retries, each after the configured backoff. The wait ends as soon as
// ctx does, and then send returns ctx.Err(); a call that fails while ctx is
// done is not retried. Other errors are returned as the SDK gave them, for
// the caller to map with [Client.fail] (which reports ctx.Err() when ctx is
// done).
func send[R any](ctx context.Context, c *Client, kind callKind, action cam.Action, call func() (R, error)) (R, error) {
	var zero R
	var throttles, lost int
	for attempt := 0; ; attempt++ {
		out, err := call()
		if err == nil {
			return out, nil
		}
		if ctx.Err() != nil {
			return zero, err
		}
		var why string
		switch classify(err) {
		case throttled:
			if throttles >= c.cfg.rateRetries {
				return zero, err
			}
			throttles++
			why = "throttled"
		case lostCall:
			if kind != reading || lost >= c.cfg.netRetries {
				return zero, err
			}
			lost++
			why = "no answer"
		default:
			return zero, err
		}
		wait := c.cfg.backoff(attempt)
		c.log.Printf("[WARN] tencent: %s: %s, retry %d in %v", action, why, attempt+1, wait)
		if err := c.cfg.sleep(ctx, wait); err != nil {
			return zero, err
		}
	}
}

// exponentialBackoff returns the wait before retry attempt n: base×2ⁿ,
// capped at limit, then jittered to a uniform draw from [d - d/2, d] using
// rnd (which returns a number in [0, n)); see [backoff.Wait].
func exponentialBackoff(base, limit time.Duration, rnd func(n int64) int64) func(attempt int) time.Duration {
	return func(attempt int) time.Duration { return backoff.Wait(base, limit, attempt, rnd) }
}
