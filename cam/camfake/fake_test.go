package camfake_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestAccount(t *testing.T) {
	f := newFake(t, camfake.WithOwnerUIN(100000000777), camfake.WithAppID(1250000777))
	a, err := f.Account(context.Background())
	must(t, err)
	if a != (cam.Account{OwnerUIN: 100000000777, CallerUIN: 100000000777, AppID: 1250000777}) {
		t.Errorf("Account = %+v", a)
	}
	if f.CallCount("GetUserAppId") != 1 {
		t.Error("Account not recorded as GetUserAppId")
	}
}

func TestStringShowsNoState(t *testing.T) {
	f := camfake.Demo()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		s := fmt.Sprintf(verb, f)
		if !strings.HasPrefix(s, "camfake.Fake{owner: 100000000001, users: 10, groups: 5, roles: 8") {
			t.Errorf("%s = %q", verb, s)
		}
		if strings.Contains(s, "AKID") || strings.Contains(strings.ToLower(s), "secret") {
			t.Errorf("%s shows key material: %q", verb, s)
		}
	}
}

func TestCopies(t *testing.T) {
	ctx := context.Background()
	f := camfake.Demo()
	roles, _ := f.ListRoles(ctx)
	roles[0].Name = "changed"
	roles[0].Tags[0].Value = "changed"
	roles[0].Trust.Statement[0].Action[0] = "changed"
	r, _ := f.GetRole(ctx, "Platform-ReadOnly")
	if r.Name != "Platform-ReadOnly" || r.Tags[0].Value == "changed" || r.Trust.Statement[0].Action[0] == "changed" {
		t.Error("mutating ListRoles output changed the fake")
	}
	r.Trust.Statement[0].Principal.QCS[0] = "changed"
	r2, _ := f.GetRole(ctx, "Platform-ReadOnly")
	if r2.Trust.Statement[0].Principal.QCS[0] == "changed" {
		t.Error("mutating GetRole output changed the fake")
	}
	p, _ := f.GetPolicy(ctx, 1)
	p.Parsed.Statement[0].Action[0] = "changed"
	p2, _ := f.GetPolicy(ctx, 1)
	if p2.Parsed.Statement[0].Action[0] != "*" {
		t.Error("mutating GetPolicy output changed the fake")
	}
	groups, _ := f.ListGroups(ctx)
	members, _ := f.ListGroupMembers(ctx, groups[0].ID)
	members[0] = 0
	m2, _ := f.ListGroupMembers(ctx, groups[0].ID)
	if m2[0] == 0 {
		t.Error("mutating ListGroupMembers output changed the fake")
	}
	presets := camfake.PresetPolicies()
	presets[0].Name = "changed"
	if camfake.PresetPolicies()[0].Name != "AdministratorAccess" {
		t.Error("PresetPolicies hands out its table")
	}
	evs, _ := f.Events(ctx, cam.EventQuery{Start: camfake.DemoTime.Add(-29 * 24 * 3600e9), End: camfake.DemoTime})
	evs[0].Resources[0] = "changed"
	evs2, _ := f.Events(ctx, cam.EventQuery{Start: camfake.DemoTime.Add(-29 * 24 * 3600e9), End: camfake.DemoTime})
	if evs2[0].Resources[0] == "changed" {
		t.Error("mutating Events output changed the fake")
	}
}

// TestConcurrentUse runs readers, writers and the call log at once; run it
// with -race.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	f := camfake.Demo()
	f.Inject(camfake.Fault{Match: camfake.Reads, ErrRate: 0.01})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			name := fmt.Sprintf("worker-%d", w)
			u, err := f.CreateUser(ctx, camfake.UserInput{Name: name})
			if err != nil {
				t.Error(err)
				return
			}
			id, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: name, Document: allowDoc})
			if err != nil {
				t.Error(err)
				return
			}
			for range 50 {
				_ = f.AttachUserPolicy(ctx, id, u.UIN)
				_, _ = f.ListUserPolicies(ctx, u.UIN, cam.AttachAll)
				_, _ = f.ListUsers(ctx)
				_, _ = f.ListPolicies(ctx, cam.ScopeAll)
				_ = f.DetachUserPolicy(ctx, id, u.UIN)
				_ = f.Calls()
				_ = f.String()
			}
		})
	}
	wg.Wait()
	ps, _ := f.ListPolicies(ctx, cam.ScopeCustom)
	for _, p := range ps {
		if strings.HasPrefix(p.Name, "worker-") && p.AttachmentCount != 0 {
			t.Errorf("%s AttachmentCount = %d", p.Name, p.AttachmentCount)
		}
	}
}

// TestZeroFake: the zero Fake is an empty account with New's defaults.
func TestZeroFake(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var f camfake.Fake
	if f.OwnerUIN() != camfake.DefaultOwnerUIN {
		t.Errorf("OwnerUIN = %d", f.OwnerUIN())
	}
	if users, err := f.ListUsers(ctx); err != nil || len(users) != 0 {
		t.Errorf("ListUsers = %v, %v", users, err)
	}
	if _, err := f.CreateUser(ctx, camfake.UserInput{Name: "alice"}); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if f.CallCount("ListUsers") != 1 || !strings.Contains(f.String(), "users: 1") {
		t.Errorf("calls %d, %s", f.CallCount("ListUsers"), f.String())
	}
	var g camfake.Fake
	if err := g.Seed(camfake.Seed{Users: []camfake.SeedUser{{Name: "bob"}}}); err != nil {
		t.Fatalf("Seed on a zero Fake: %v", err)
	}
	s, err := cam.Load(ctx, &g)
	if err != nil || len(s.Users) != 1 {
		t.Fatalf("Load of a zero Fake = %v, %v", s, err)
	}
	if !math.IsInf(g.RateLimit(cam.ActionListUsers), 1) {
		t.Errorf("RateLimit = %v, want +Inf", g.RateLimit(cam.ActionListUsers))
	}
	if lim := camfake.New(camfake.WithRateScale(2)).RateLimit(cam.ActionListAttachedUserAllPolicies); lim != 10 {
		t.Errorf("RateLimit with scale 2 = %v, want 10", lim)
	}
}
