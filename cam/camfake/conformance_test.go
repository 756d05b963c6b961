package camfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/camtest"
	"github.com/camkit/camkit/cam/tencent"
)

// conformanceSeed is the account both sides of the conformance tests start
// from: a user in no group, a group, and some history.
func conformanceSeed() camfake.Seed {
	return camfake.Seed{
		Policies: []camfake.SeedPolicy{{
			Name:     "seed-readonly",
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}]}`,
			Age:      48 * time.Hour,
		}},
		Groups: []camfake.SeedGroup{{Name: "testers", Policies: []string{"seed-readonly"}}},
		Users: []camfake.SeedUser{
			{
				Name: "tess", ConsoleLogin: true, Age: 90 * 24 * time.Hour,
				LastLoginAgo: 26 * time.Hour, LastLoginIP: "198.51.100.7",
				MFA:  cam.MFASettings{Login: cam.MFAFactors{Stoken: true}, Operation: cam.MFAFactors{Phone: true}},
				Keys: []camfake.SeedKey{{Description: "ci", Age: 30 * 24 * time.Hour, LastUsedAgo: 49 * time.Hour}},
			},
			{Name: "max", Groups: []string{"testers"}, Boundary: "seed-readonly"},
		},
		Roles: []camfake.SeedRole{{
			Name:  "Seed-Role",
			Trust: `{"version":"2.0","statement":[{"effect":"allow","action":"name/sts:AssumeRole","principal":{"qcs":["qcs::cam::uin/100000000001:root"]}}]}`,
			Tags:  []cam.Tag{{Key: "tier", Value: "1"}}, Policies: []string{"seed-readonly"}, Boundary: "seed-readonly",
		}},
		Events: []cam.AuditEvent{{
			ID: "seed-1", Name: "ConsoleLogin", Principal: "tess", PrincipalUIN: 1, SourceIP: "198.51.100.7",
			Time: time.Now().Add(-3 * time.Hour).Truncate(time.Second),
		}},
	}
}

// fixedClock is a whole-second clock, so that times survive the wire's
// one-second precision unchanged.
func fixedClock() func() time.Time {
	t := time.Now().Add(-time.Minute).Truncate(time.Second)
	return func() time.Time { return t }
}

// wireClient returns the real adapter talking to srv.
func wireClient(tb testing.TB, srv *camfake.Server, opts ...tencent.Option) *tencent.Client {
	tb.Helper()
	id, key := srv.Credential()
	opts = append([]tencent.Option{
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"),
		tencent.WithBackoff(func(int) time.Duration { return time.Millisecond }),
	}, opts...)
	c, err := tencent.New(common.NewCredential(id, key), opts...)
	if err != nil {
		tb.Fatalf("tencent.New: %v", err)
	}
	return c
}

// fixture finds the suite's user and group in r.
func fixture(tb testing.TB, r cam.Reader, user, group string) camtest.Fixture {
	tb.Helper()
	ctx := context.Background()
	u, err := r.GetUser(ctx, user)
	if err != nil {
		tb.Fatalf("GetUser(%q): %v", user, err)
	}
	groups, err := r.ListGroups(ctx)
	if err != nil {
		tb.Fatalf("ListGroups: %v", err)
	}
	for _, g := range groups {
		if g.Name == group {
			return camtest.Fixture{UserUIN: u.UIN, UserName: u.Name, GroupID: g.ID}
		}
	}
	tb.Fatalf("no group %q", group)
	return camtest.Fixture{}
}

func TestConformance(t *testing.T) {
	ctx := context.Background()
	t.Run("fake", func(t *testing.T) {
		t.Parallel()
		f := camfake.New(camfake.WithSeed(conformanceSeed()))
		if err := camtest.TestAPI(ctx, f, fixture(t, f, "tess", "testers")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("wire", func(t *testing.T) {
		t.Parallel()
		srv := camfake.NewServer(camfake.New(camfake.WithSeed(conformanceSeed())))
		defer srv.Close()
		c := wireClient(t, srv)
		if err := camtest.TestAPI(ctx, c, fixture(t, c, "tess", "testers")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("demo/fake", func(t *testing.T) {
		t.Parallel()
		f := camfake.Demo()
		if err := camtest.TestReader(ctx, f, fixture(t, f, "frank.wu", "contractors")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("demo/wire", func(t *testing.T) {
		t.Parallel()
		srv := camfake.NewServer(camfake.Demo())
		defer srv.Close()
		c := wireClient(t, srv)
		if err := camtest.TestReader(ctx, c, fixture(t, c, "frank.wu", "contractors")); err != nil {
			t.Fatal(err)
		}
	})
}

// TestConformanceThrottled runs the whole suite over the wire with 20% of
// calls throttled: the SDK's own retries make every call succeed.
func TestConformanceThrottled(t *testing.T) {
	f := camfake.New(camfake.WithSeed(conformanceSeed()))
	srv := camfake.NewServer(f)
	defer srv.Close()
	c := wireClient(t, srv, tencent.WithRetries(10, 0))
	fx := fixture(t, c, "tess", "testers")
	f.Inject(camfake.Fault{ThrottleRate: 0.2})
	if err := camtest.TestAPI(context.Background(), c, fx); err != nil {
		t.Fatal(err)
	}
	throttled := 0
	for _, call := range f.Calls() {
		if errors.Is(call.Err, cam.ErrThrottled) {
			throttled++
		}
	}
	if throttled == 0 {
		t.Fatal("no call was throttled: the test proves nothing")
	}
	t.Logf("%d calls throttled and retried", throttled)
}

// TestWireErrors checks that failures the fake injects reach the adapter's
// caller as the same sentinels.
func TestWireErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		fault camfake.Fault
		want  error
	}{
		{"throttled beyond retries", camfake.Fault{Action: "ListUsers", ThrottleRate: 1}, cam.ErrThrottled},
		{"not found", camfake.Fault{Action: "ListUsers", Err: &cam.APIError{Code: "ResourceNotFound.UserNotExist", Message: "gone"}}, cam.ErrNotFound},
		{"access denied", camfake.Fault{Action: "ListUsers", Err: &cam.APIError{Code: "AuthFailure.UnauthorizedOperation"}}, cam.ErrAccessDenied},
		{"invalid", camfake.Fault{Action: "ListUsers", Err: &cam.APIError{Code: "InvalidParameter.ParamError"}}, cam.ErrInvalid},
		{"limit", camfake.Fault{Action: "ListUsers", Err: &cam.APIError{Code: "LimitExceeded.Users"}}, cam.ErrLimitExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := camfake.New(camfake.WithSeed(conformanceSeed()))
			srv := camfake.NewServer(f)
			defer srv.Close()
			c := wireClient(t, srv, tencent.WithRetries(2, 0))
			f.Inject(tt.fault)
			_, direct := f.ListUsers(ctx)
			_, wire := c.ListUsers(ctx)
			for side, err := range map[string]error{"fake": direct, "wire": wire} {
				if !errors.Is(err, tt.want) {
					t.Errorf("%s: got %v, want %v", side, err, tt.want)
				}
				var apiErr *cam.APIError
				if !errors.As(err, &apiErr) || apiErr.Action != "ListUsers" || apiErr.RequestID == "" {
					t.Errorf("%s: %#v is not a *cam.APIError with action and request ID", side, err)
				}
			}
			if tt.fault.ThrottleRate == 1 {
				if n := f.CallCount("ListUsers"); n != 1+3 {
					t.Errorf("ListUsers reached the fake %d times, want 4 (1 direct + 1 wire + 2 SDK retries)", n)
				}
			}
		})
	}
}

// TestWirePaging reads lists longer than one page (200 rows) over the wire.
func TestWirePaging(t *testing.T) {
	var seed camfake.Seed
	for i := range 450 {
		seed.Policies = append(seed.Policies, camfake.SeedPolicy{
			Name:     "p-" + string(rune('a'+i%26)) + "-" + time.Duration(i).String(),
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`,
		})
	}
	for i := range 230 {
		seed.Roles = append(seed.Roles, camfake.SeedRole{
			Name:  "r-" + time.Duration(i).String(),
			Trust: `{"version":"2.0","statement":[{"effect":"allow","action":"name/sts:AssumeRole","principal":{"qcs":["qcs::cam::uin/100000000001:root"]}}]}`,
		})
	}
	f := camfake.New(camfake.WithSeed(seed))
	srv := camfake.NewServer(f)
	defer srv.Close()
	c := wireClient(t, srv)
	ctx := context.Background()
	for _, scope := range []cam.PolicyScope{cam.ScopeCustom, cam.ScopeAll} {
		direct, err1 := f.ListPolicies(ctx, scope)
		wire, err2 := c.ListPolicies(ctx, scope)
		if err1 != nil || err2 != nil || len(wire) != len(direct) || len(direct) < 450 {
			t.Fatalf("ListPolicies(%s): %d direct (%v), %d over the wire (%v)", scope, len(direct), err1, len(wire), err2)
		}
		for i := range wire {
			if wire[i].ID != direct[i].ID {
				t.Fatalf("policy %d: ID %d over the wire, %d direct", i, wire[i].ID, direct[i].ID)
			}
		}
	}
	f.ResetCalls()
	roles, err := c.ListRoles(ctx)
	if err != nil || len(roles) != 230 {
		t.Fatalf("ListRoles: %d roles, %v", len(roles), err)
	}
	if n := f.CallCount("DescribeRoleList"); n < 2 {
		t.Errorf("230 roles read in %d DescribeRoleList calls: not paged", n)
	}
}
