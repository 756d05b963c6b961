package tencent_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

// prompt is how soon after its context ends a call must return. The adapter
// needs milliseconds; the bound is generous so a loaded machine never fails
// the test, yet far below the SDK's own 1 s, 2 s, 4 s, ... backoff.
const prompt = 500 * time.Millisecond

// throttledServer starts a wire server over a Demo account that throttles
// every call (or delays every call by delay, if it is positive) and returns
// an adapter pointed at it with the default backoff and the most retries.
func throttledServer(t *testing.T, delay time.Duration) (*tencent.Client, *camfake.Fake) {
	t.Helper()
	f := camfake.Demo()
	if delay > 0 {
		f.Inject(camfake.Fault{Delay: delay})
	} else {
		f.Inject(camfake.Fault{ThrottleRate: 1})
	}
	srv := camfake.NewServer(f)
	t.Cleanup(srv.Close)
	id, key := srv.Credential()
	c, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()),
		tencent.WithScheme("http"), tencent.WithRetries(tencent.MaxRetries, tencent.MaxRetries))
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

// TestCancelWhileThrottled cancels calls that the server throttles every
// time: each returns promptly with an error matching context.Canceled.
func TestCancelWhileThrottled(t *testing.T) {
	t.Parallel()
	c, f := throttledServer(t, 0)
	calls := map[string]func(context.Context) error{
		"ListUsers":  func(ctx context.Context) error { _, err := c.ListUsers(ctx); return err },
		"ListGroups": func(ctx context.Context) error { _, err := c.ListGroups(ctx); return err },
		"AttachUserPolicy": func(ctx context.Context) error {
			return c.AttachUserPolicy(ctx, 1, 2)
		},
		"Events": func(ctx context.Context) error { _, err := c.Events(ctx, cam.EventQuery{}); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(150*time.Millisecond, cancel) // during the first backoff (0.5–1 s)
			start := time.Now()
			err := call(ctx)
			late := time.Since(start) - 150*time.Millisecond
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want one matching context.Canceled", err)
			}
			if late > prompt {
				t.Errorf("returned %v after the cancellation, want under %v", late, prompt)
			}
			if !strings.HasPrefix(err.Error(), "tencent: ") {
				t.Errorf("error %q does not say where it comes from", err)
			}
		})
	}
	t.Cleanup(func() {
		if n := len(f.Calls()); n == 0 {
			t.Error("the server saw no call")
		}
	})
}

// TestDeadlineWhileThrottled gives ListUsers a deadline shorter than the
// first backoffs add up to: it returns at the deadline, not after them.
func TestDeadlineWhileThrottled(t *testing.T) {
	t.Parallel()
	c, _ := throttledServer(t, 0)
	const deadline = 300 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err := c.ListUsers(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want one matching context.DeadlineExceeded", err)
	}
	if late := time.Since(start) - deadline; late > prompt {
		t.Errorf("returned %v after the deadline, want under %v", late, prompt)
	}
}

// TestCancelInFlight cancels a call while the server is still answering it:
// the HTTP request carries the context, so the call does not wait for the
// answer.
func TestCancelInFlight(t *testing.T) {
	t.Parallel()
	c, _ := throttledServer(t, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.GetUser(ctx, "dave.kim")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want one matching context.Canceled", err)
	}
	if late := time.Since(start) - 100*time.Millisecond; late > prompt {
		t.Errorf("returned %v after the cancellation, want under %v", late, prompt)
	}
}

// TestLoadCancelledWhileThrottled cancels a whole cam.Load over the wire
// while every call is throttled.
func TestLoadCancelledWhileThrottled(t *testing.T) {
	t.Parallel()
	c, _ := throttledServer(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	snap, err := cam.Load(ctx, c)
	if snap != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v, %v; want no snapshot and context.Canceled", snap, err)
	}
	if late := time.Since(start) - 200*time.Millisecond; late > prompt {
		t.Errorf("returned %v after the cancellation, want under %v", late, prompt)
	}
}

// TestThrottlingThenServed checks the adapter's retries succeed once the
// throttling stops, over the wire.
func TestThrottlingThenServed(t *testing.T) {
	t.Parallel()
	f := camfake.Demo()
	f.Inject(camfake.Fault{ThrottleRate: 1, Times: 2})
	srv := camfake.NewServer(f)
	t.Cleanup(srv.Close)
	id, key := srv.Credential()
	c, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"),
		tencent.WithExponentialBackoff(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	users, err := c.ListUsers(context.Background())
	if err != nil || len(users) == 0 {
		t.Fatalf("ListUsers = %d users, %v", len(users), err)
	}
	c0, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"),
		tencent.WithRetries(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	f.Inject(camfake.Fault{ThrottleRate: 1, Times: 1})
	if _, err := c0.ListUsers(context.Background()); !errors.Is(err, cam.ErrThrottled) {
		t.Fatalf("without retries: %v, want cam.ErrThrottled", err)
	}
}
