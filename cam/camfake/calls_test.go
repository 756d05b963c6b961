package camfake_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestCalls(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "alice")
	_, _ = f.GetMFA(ctx, u.UIN)
	_, _ = f.GetUser(ctx, "alice")
	_, _ = f.GetRole(ctx, "missing")
	_, _ = f.KeysLastUsed(ctx, []string{"AKID1"})

	calls := f.Calls()
	if len(calls) != 5 {
		t.Fatalf("Calls = %+v", calls)
	}
	wantActions := []cam.Action{"AddUser", "DescribeSafeAuthFlagColl", "GetUser", "GetRole", "GetSecurityLastUsed"}
	for i, c := range calls {
		if c.Action != wantActions[i] || c.RequestID == "" || !c.Time.Equal(testNow) {
			t.Errorf("call %d = %+v, want %s", i, c, wantActions[i])
		}
	}
	if calls[0].UserUIN != u.UIN {
		t.Errorf("AddUser record lacks the new UIN: %+v", calls[0])
	}
	if calls[0].ReadOnly || !calls[1].ReadOnly {
		t.Error("ReadOnly wrong")
	}
	if calls[1].UserUIN != u.UIN || calls[1].UserName != "alice" || calls[2].UserUIN != u.UIN {
		t.Errorf("subject not filled in: %+v / %+v", calls[1], calls[2])
	}
	if calls[3].Err == nil || calls[3].RoleName != "missing" {
		t.Errorf("failed call = %+v", calls[3])
	}
	if calls[4].KeyIDs[0] != "AKID1" {
		t.Errorf("KeyIDs = %v", calls[4].KeyIDs)
	}
	calls[4].KeyIDs[0] = "changed"
	if f.Calls()[4].KeyIDs[0] != "AKID1" {
		t.Error("Calls hands out shared slices")
	}
	if f.CallCount("GetRole") != 1 || f.CallCounts()["AddUser"] != 1 {
		t.Errorf("counts = %v", f.CallCounts())
	}
	f.ResetCalls()
	if len(f.Calls()) != 0 || f.CallCount("GetRole") != 0 {
		t.Error("ResetCalls kept records")
	}
}

func TestCallLogBound(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		max, want int
	}{{0, 0}, {2, 2}, {-1, 5}} {
		f := newFake(t, camfake.WithCallLog(tc.max))
		for range 5 {
			_, _ = f.ListPolicies(ctx, cam.ScopeAll)
		}
		if got := len(f.Calls()); got != tc.want {
			t.Errorf("WithCallLog(%d): %d calls kept, want %d", tc.max, got, tc.want)
		}
		if calls := f.Calls(); tc.max == 2 && calls[1].RequestID != "00000000-0000-4000-8000-000000000005" {
			t.Errorf("WithCallLog(2) kept %+v, want the last two calls", calls)
		}
		if f.CallCount("ListPolicies") != 5 {
			t.Errorf("WithCallLog(%d): count %d", tc.max, f.CallCount("ListPolicies"))
		}
	}
}

func TestRequestIDsAreDistinct(t *testing.T) {
	f := newFake(t)
	seen := map[string]bool{}
	for range 50 {
		_, err := f.GetRole(context.Background(), "none")
		var ae *cam.APIError
		if !asAPIError(err, &ae) || seen[ae.RequestID] {
			t.Fatalf("request ID reused or missing: %v", err)
		}
		seen[ae.RequestID] = true
	}
}

func TestCallerString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		c    camfake.Caller
		want string
		root bool
	}{
		{camfake.Caller{UIN: 100}, "root (uin 100)", true},
		{camfake.Caller{UIN: 200, UserName: "alice"}, "sub-user alice (uin 200)", false},
		{camfake.Caller{UIN: 200, UserName: "alice", Role: "Auditor", Session: "ci"}, "role Auditor session ci, assumed by sub-user alice (uin 200)", false},
		{camfake.Caller{UIN: 100, Role: "Auditor", Session: "ops"}, "role Auditor session ops, assumed by root (uin 100)", false},
		{camfake.Caller{}, "nobody", false},
	} {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.c, got, tt.want)
		}
		if got := tt.c.IsRoot(); got != tt.root {
			t.Errorf("%+v.IsRoot() = %v, want %v", tt.c, got, tt.root)
		}
	}
}
