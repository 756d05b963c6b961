package camfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"golang.org/x/time/rate"
)

func TestBurst(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want int
	}{{3, 2}, {5, 2}, {20, 2}, {25, 3}, {100, 10}, {0.5, 2}} {
		if got := camfake.Burst(tc.rate); got != tc.want {
			t.Errorf("Burst(%g) = %d, want %d", tc.rate, got, tc.want)
		}
	}
}

func TestRateLimitsThrottle(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, camfake.WithRateScale(1))
	// ListAttachedUserAllPolicies allows 5/s with a burst of 2: a tight loop
	// of 10 calls must be throttled.
	u := mustUser(t, f, "u")
	var throttled int
	for range 10 {
		_, err := f.ListUserPolicies(ctx, u.UIN, cam.AttachAll)
		if err != nil {
			if !errors.Is(err, cam.ErrThrottled) {
				t.Fatalf("err = %v, want throttling", err)
			}
			wantCode(t, err, "RequestLimitExceeded", cam.ErrThrottled)
			throttled++
		}
	}
	if throttled < 7 {
		t.Errorf("throttled %d of 10 back-to-back calls, want at least 7", throttled)
	}
	// Other actions have their own buckets.
	if _, err := f.ListUsers(ctx); err != nil {
		t.Errorf("ListUsers throttled by another action's bucket: %v", err)
	}
}

func TestRateLimitsTolerateAPacedClient(t *testing.T) {
	ctx := context.Background()
	// Scale 10 makes UpdateAssumeRolePolicy (3/s) 30/s, so the test is short.
	f := newFake(t, camfake.WithRateScale(10))
	mustRole(t, f, "R")
	r := cam.RateLimit("UpdateAssumeRolePolicy") * 10
	client := rate.NewLimiter(rate.Limit(r), 1)
	trust := trustDoc(f.OwnerUIN())
	for i := range 15 {
		must(t, client.Wait(ctx))
		if err := f.UpdateTrustPolicy(ctx, "R", trust); err != nil {
			t.Fatalf("call %d of a client paced at %g/s was throttled: %v", i, r, err)
		}
	}
}

func TestLatencyAndCancellation(t *testing.T) {
	f := newFake(t, camfake.WithLatency(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	_, err := f.ListUsers(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}

	g := newFake(t, camfake.WithLatency(5*time.Millisecond))
	start := time.Now()
	if _, err := g.ListUsers(context.Background()); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 5*time.Millisecond {
		t.Error("latency not applied")
	}
}

func TestCancelledContext(t *testing.T) {
	f := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]func() error{
		"ListUsers": func() error { _, err := f.ListUsers(ctx); return err },
		"CreatePolicy": func() error {
			_, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "p", Document: allowDoc})
			return err
		},
		"Events":           func() error { _, err := f.Events(ctx, cam.EventQuery{}); return err },
		"CreateUser":       func() error { _, err := f.CreateUser(ctx, camfake.UserInput{Name: "x"}); return err },
		"AttachRolePolicy": func() error { return f.AttachRolePolicy(ctx, 1, "R") },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
		})
	}
	if _, err := f.ListPolicies(context.Background(), cam.ScopeCustom); err != nil {
		t.Fatal(err)
	}
	if n := f.CallCount("CreatePolicy"); n != 1 {
		t.Errorf("cancelled call not recorded: count %d", n)
	}
	if p, _ := f.ListPolicies(context.Background(), cam.ScopeCustom); len(p) != 0 {
		t.Error("a cancelled CreatePolicy changed the state")
	}
}
