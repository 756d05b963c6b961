package camfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestInjectError(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	a, b := mustUser(t, f, "a"), mustUser(t, f, "b")
	remove := f.Inject(camfake.Fault{
		Action: "DescribeSafeAuthFlagColl",
		Match:  func(c camfake.Call) bool { return c.UserName == "b" },
		Err:    &cam.APIError{Code: "InternalError", Message: "boom"},
	})
	if _, err := f.GetMFA(ctx, a.UIN); err != nil {
		t.Fatalf("fault hit the wrong user: %v", err)
	}
	for range 3 {
		_, err := f.GetMFA(ctx, b.UIN)
		wantCode(t, err, "InternalError", nil)
	}
	if _, err := f.ListAccessKeys(ctx, b.UIN); err != nil {
		t.Fatalf("fault hit the wrong action: %v", err)
	}
	remove()
	remove() // harmless
	if _, err := f.GetMFA(ctx, b.UIN); err != nil {
		t.Fatalf("removed fault still applies: %v", err)
	}
}

func TestInjectPlainErrorAndTimes(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	boom := errors.New("connection reset")
	f.Inject(camfake.Fault{Action: "ListUsers", Err: boom, Times: 2})
	for i := range 2 {
		if _, err := f.ListUsers(ctx); !errors.Is(err, boom) {
			t.Fatalf("call %d: err = %v, want %v", i, err, boom)
		}
	}
	if _, err := f.ListUsers(ctx); err != nil {
		t.Fatalf("fault outlived Times: %v", err)
	}
}

func TestInjectRates(t *testing.T) {
	ctx := context.Background()
	run := func(seed uint64) (throttled, internal int, errs []string) {
		f := newFake(t, camfake.WithRandSeed(seed))
		f.Inject(camfake.Fault{Match: camfake.Reads, ThrottleRate: 0.2, ErrRate: 0.05})
		for range 2000 {
			_, err := f.ListGroups(ctx)
			var ae *cam.APIError
			switch {
			case err == nil:
				errs = append(errs, "")
			case errors.Is(err, cam.ErrThrottled):
				throttled++
				errs = append(errs, "T")
			case errors.As(err, &ae) && ae.Code == "InternalError":
				internal++
				errs = append(errs, "I")
			default:
				t.Fatalf("unexpected error %v", err)
			}
		}
		// Writes are not faulted by a Reads fault.
		if _, err := f.CreateGroup(ctx, "g", ""); err != nil {
			t.Fatalf("write faulted: %v", err)
		}
		return throttled, internal, errs
	}
	th, in, seq1 := run(7)
	if th < 300 || th > 500 {
		t.Errorf("throttled %d of 2000, want about 400", th)
	}
	if in < 40 || in > 125 {
		t.Errorf("internal errors %d of 2000, want about 80", in)
	}
	_, _, seq2 := run(7)
	for i := range seq1 {
		if seq1[i] != seq2[i] {
			t.Fatalf("same seed, different outcome at call %d", i)
		}
	}
}

func TestInjectDelayHonoursContext(t *testing.T) {
	f := newFake(t)
	f.Inject(camfake.Fault{Action: "DescribeRoleList", Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := f.ListRoles(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
}

func TestHook(t *testing.T) {
	ctx := context.Background()
	var seen []string
	f := newFake(t, camfake.WithHook(func(_ context.Context, c camfake.Call) error {
		seen = append(seen, string(c.Action))
		if c.RoleName == "Forbidden" {
			return &cam.APIError{Code: "UnauthorizedOperation", Message: "no"}
		}
		return nil
	}))
	_, err := f.GetRole(ctx, "Forbidden")
	wantCode(t, err, "UnauthorizedOperation", cam.ErrAccessDenied)
	_, err = f.GetRole(ctx, "Other")
	wantCode(t, err, "InvalidParameter.RoleNotExist", cam.ErrNotFound)
	if len(seen) != 2 || seen[0] != "GetRole" {
		t.Errorf("hook saw %v", seen)
	}
}

func TestWritesMatcher(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.Inject(camfake.Fault{Match: camfake.Writes, Err: &cam.APIError{Code: "UnauthorizedOperation"}})
	if _, err := f.ListUsers(ctx); err != nil {
		t.Fatalf("read faulted: %v", err)
	}
	_, err := f.CreateGroup(ctx, "g", "")
	wantCode(t, err, "UnauthorizedOperation", cam.ErrAccessDenied)
	if groups, _ := f.ListGroups(ctx); len(groups) != 0 {
		t.Error("a faulted write changed the state")
	}
}

func TestClearFaults(t *testing.T) {
	f := newFake(t)
	f.Inject(camfake.Fault{Err: errors.New("x")})
	f.ClearFaults()
	if _, err := f.ListUsers(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestFaultRatesAreClamped(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	remove := f.Inject(camfake.Fault{Action: "ListUsers", ThrottleRate: 7})
	for range 20 {
		_, err := f.ListUsers(ctx)
		wantCode(t, err, "RequestLimitExceeded", cam.ErrThrottled)
	}
	remove()
	f.Inject(camfake.Fault{Action: "ListUsers", ThrottleRate: -1, ErrRate: -0.5})
	for range 20 {
		if _, err := f.ListUsers(ctx); err != nil {
			t.Fatalf("negative rates fired: %v", err)
		}
	}
}
