package tencent

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/ctxsleep"
)

// TestExponentialBackoff checks that the adapter's schedule is
// backoff.Wait's (tested in internal/backoff) for its base and cap.
func TestExponentialBackoff(t *testing.T) {
	high := func(n int64) int64 { return n - 1 }
	b := exponentialBackoff(time.Second, 20*time.Second, high)
	var got []time.Duration
	for n := range 7 {
		got = append(got, b(n))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 20 * time.Second, 20 * time.Second}
	if !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// retryClient returns a Client whose waits are recorded instead of slept.
func retryClient(t *testing.T, rate, net int) (*Client, *[]time.Duration) {
	t.Helper()
	c, err := New(common.NewCredential("AKIDretry", "retry-secret"), WithRetries(rate, net),
		WithBackoff(func(n int) time.Duration { return time.Duration(n+1) * time.Second }))
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	c.cfg.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return c, &waits
}

var (
	errThrottled = tcerr.NewTencentCloudSDKError("RequestLimitExceeded.UinLimitExceeded", "slow down", "r1")
	errLost      = tcerr.NewTencentCloudSDKErrorWithCause(codeNetworkError, "Fail to get response", "", errors.New("connection reset"))
	errInternal  = tcerr.NewTencentCloudSDKError("InternalError", "boom", "r2")
)

// failing returns a call that fails with errs in turn, then succeeds, and
// counts its attempts.
func failing(calls *int, errs ...error) func() (string, error) {
	return func() (string, error) {
		*calls++
		if *calls <= len(errs) {
			return "", errs[*calls-1]
		}
		return "ok", nil
	}
}

func TestSendRetries(t *testing.T) {
	tests := []struct {
		name      string
		kind      callKind
		rate, net int
		errs      []error
		wantCalls int
		wantErr   error // nil: success
		wantWaits []time.Duration
	}{
		{"throttled twice, then served", reading, 3, 3, []error{errThrottled, errThrottled}, 3, nil,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"throttling outlasts the retries", reading, 2, 3, []error{errThrottled, errThrottled, errThrottled}, 3, cam.ErrThrottled,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"writes are retried when throttled", writing, 1, 0, []error{errThrottled}, 2, nil,
			[]time.Duration{time.Second}},
		{"no throttling retries", reading, 0, 3, []error{errThrottled}, 1, cam.ErrThrottled, nil},
		{"a lost read is repeated", reading, 0, 2, []error{errLost, errLost}, 3, nil,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"a lost write is not", writing, 3, 3, []error{errLost}, 1, errLost, nil},
		{"lost reads outlast the retries", reading, 3, 1, []error{errLost, errLost}, 2, errLost,
			[]time.Duration{time.Second}},
		{"the counts are separate, the schedule shared", reading, 1, 1, []error{errLost, errThrottled}, 3, nil,
			[]time.Duration{time.Second, 2 * time.Second}},
		{"other errors are final", reading, 3, 3, []error{errInternal}, 1, errInternal, nil},
		{"non-SDK errors are final", reading, 3, 3, []error{errEmpty}, 1, errEmpty, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, waits := retryClient(t, tt.rate, tt.net)
			calls := 0
			out, err := send(context.Background(), c, tt.kind, "ListUsers", failing(&calls, tt.errs...))
			if calls != tt.wantCalls {
				t.Errorf("%d calls, want %d", calls, tt.wantCalls)
			}
			switch {
			case tt.wantErr == nil && (err != nil || out != "ok"):
				t.Errorf("send = %q, %v; want ok", out, err)
			case tt.wantErr != nil && !errors.Is(c.fail(context.Background(), "ListUsers", err), tt.wantErr) && !errors.Is(err, tt.wantErr):
				t.Errorf("send error %v, want %v", err, tt.wantErr)
			}
			if !slices.Equal(*waits, tt.wantWaits) {
				t.Errorf("waits %v, want %v", *waits, tt.wantWaits)
			}
		})
	}
}

func TestSendStopsWhenTheContextEnds(t *testing.T) {
	t.Run("cancelled while waiting", func(t *testing.T) {
		c, _ := retryClient(t, MaxRetries, MaxRetries)
		ctx, cancel := context.WithCancel(context.Background())
		c.cfg.sleep = func(ctx context.Context, _ time.Duration) error {
			cancel() // the operator gives up during the first backoff
			return ctxsleep.Sleep(ctx, time.Hour)
		}
		calls := 0
		_, err := send(ctx, c, reading, "ListUsers", failing(&calls, errThrottled, errThrottled))
		if calls != 1 || !errors.Is(err, context.Canceled) {
			t.Errorf("%d calls, error %v; want 1 call and context.Canceled", calls, err)
		}
	})
	t.Run("cancelled during the call", func(t *testing.T) {
		c, waits := retryClient(t, MaxRetries, MaxRetries)
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		_, err := send(ctx, c, reading, "ListUsers", func() (string, error) {
			calls++
			cancel()
			return "", errLost // what the SDK reports for an abandoned request
		})
		mapped := c.fail(ctx, "ListUsers", err)
		if calls != 1 || len(*waits) != 0 || !errors.Is(mapped, context.Canceled) {
			t.Errorf("%d calls, %d waits, error %v; want 1 call, no wait, context.Canceled", calls, len(*waits), mapped)
		}
	})
}

func TestSleepContext(t *testing.T) {
	if err := ctxsleep.Sleep(context.Background(), 0); err != nil {
		t.Errorf("zero wait: %v", err)
	}
	if err := ctxsleep.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("short wait: %v", err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ctxsleep.Sleep(done, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("done context, zero wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	start := time.Now()
	err := ctxsleep.Sleep(ctx, time.Hour)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 30*time.Second {
		t.Errorf("cancelled hour-long wait: %v after %v", err, time.Since(start))
	}
}
