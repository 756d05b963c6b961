package camfake_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestDemo(t *testing.T) {
	ctx := context.Background()
	f := camfake.Demo()
	if !f.Now().Equal(camfake.DemoTime) {
		t.Fatalf("clock = %v", f.Now())
	}
	users, err := f.ListUsers(ctx)
	must(t, err)
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	want := []string{"alice.chen", "bob.singh", "carol.zhang", "dave.kim", "erin.lopez", "frank.wu", "grace.li", "ops-admin", "ci-deploy", "backup-sync"}
	if !slices.Equal(names, want) {
		t.Fatalf("users = %v", names)
	}
	uin := func(name string) uint64 { return users[slices.Index(names, name)].UIN }

	t.Run("developer with admin attached directly", func(t *testing.T) {
		atts, err := f.ListUserPolicies(ctx, uin("dave.kim"), cam.AttachDirect)
		must(t, err)
		if len(atts) != 1 || atts[0].PolicyName != "AdministratorAccess" {
			t.Errorf("dave.kim direct = %+v", atts)
		}
	})
	t.Run("console user without MFA", func(t *testing.T) {
		m, err := f.GetMFA(ctx, uin("frank.wu"))
		must(t, err)
		if m.Login.Any() || !users[slices.Index(names, "frank.wu")].ConsoleLogin {
			t.Errorf("frank.wu MFA = %+v", m)
		}
	})
	t.Run("old key still used", func(t *testing.T) {
		keys, err := f.ListAccessKeys(ctx, uin("ci-deploy"))
		must(t, err)
		if len(keys) != 1 || camfake.DemoTime.Sub(keys[0].Created) != 400*24*time.Hour || keys[0].Description != "ci-cd-dev-deploy-2025" {
			t.Fatalf("ci-deploy keys = %+v", keys)
		}
		lu, _ := f.KeysLastUsed(ctx, []string{keys[0].ID})
		if lu[0].LastUsed.IsZero() {
			t.Error("ci-deploy key never used")
		}
	})
	t.Run("unused unnamed key", func(t *testing.T) {
		keys, _ := f.ListAccessKeys(ctx, uin("backup-sync"))
		lu, _ := f.KeysLastUsed(ctx, []string{keys[0].ID})
		if len(keys) != 1 || keys[0].Description != "" || !lu[0].LastUsed.IsZero() {
			t.Errorf("backup-sync keys = %+v, %+v", keys, lu)
		}
	})
	t.Run("shared ops-admin", func(t *testing.T) {
		u, err := f.GetUser(ctx, "ops-admin")
		must(t, err)
		if u.LastLoginIP != "203.0.113.77" {
			t.Errorf("ops-admin = %+v", u)
		}
		atts, _ := f.ListUserPolicies(ctx, u.UIN, cam.AttachDirect)
		if len(atts) != 1 || atts[0].PolicyName != "legacy-full-access" {
			t.Errorf("ops-admin direct = %+v", atts)
		}
	})
	t.Run("roles", func(t *testing.T) {
		roles, err := f.ListRoles(ctx)
		must(t, err)
		var got []string
		for _, r := range roles {
			got = append(got, r.Name)
			if r.Trust == nil {
				t.Errorf("%s trust does not parse", r.Name)
			}
		}
		for _, w := range []string{"Platform-ReadOnly", "DevOps-Deploy-Dev", "DevOps-Deploy-Prod", "Security-Audit-All", "Billing-View", "BreakGlass-Admin", "CVM-LogShipper"} {
			if !slices.Contains(got, w) {
				t.Errorf("role %s missing from %v", w, got)
			}
		}
		if b, ok, _ := f.RoleBoundary(ctx, "DevOps-Deploy-Dev"); !ok || b.PolicyName != "deploy-boundary" {
			t.Errorf("DevOps-Deploy-Dev boundary = %+v", b)
		}
	})
	t.Run("groups", func(t *testing.T) {
		groups, _ := f.ListGroups(ctx)
		if len(groups) != 5 {
			t.Fatalf("groups = %+v", groups)
		}
		m, _ := f.ListGroupMembers(ctx, groups[4].ID)
		if groups[4].Name != "contractors" || len(m) != 0 {
			t.Errorf("contractors = %+v, members %v", groups[4], m)
		}
	})
	t.Run("unattached custom policy", func(t *testing.T) {
		ps, _ := f.ListPolicies(ctx, cam.ScopeCustom)
		for _, p := range ps {
			if p.Name == "cos-migration-2024" && p.AttachmentCount != 0 {
				t.Errorf("cos-migration-2024 attached %d times", p.AttachmentCount)
			}
		}
	})
	t.Run("events", func(t *testing.T) {
		evs, err := f.Events(ctx, cam.EventQuery{Start: camfake.DemoTime.Add(-29 * 24 * time.Hour), End: camfake.DemoTime})
		must(t, err)
		var denied, breakglass bool
		for _, e := range evs {
			denied = denied || (e.ErrorCode != 0 && e.Principal == "frank.wu")
			breakglass = breakglass || (e.Name == "AssumeRole" && len(e.Resources) == 1 && e.Resources[0] == "qcs::cam::uin/100000000001:roleName/BreakGlass-Admin")
		}
		if len(evs) != 7 || !denied || !breakglass {
			t.Errorf("events = %+v", evs)
		}
	})
}

func TestDemoIsDeterministic(t *testing.T) {
	ctx := context.Background()
	a, b := camfake.Demo(), camfake.Demo()
	ka, _ := a.ListAccessKeys(ctx, camfake.DefaultOwnerUIN+1007)
	kb, _ := b.ListAccessKeys(ctx, camfake.DefaultOwnerUIN+1007)
	if len(ka) != 1 || ka[0] != kb[0] {
		t.Errorf("keys differ: %+v vs %+v", ka, kb)
	}
	if a.String() != b.String() {
		t.Errorf("%s != %s", a, b)
	}
}

func TestDemoOptions(t *testing.T) {
	later := camfake.DemoTime.Add(24 * time.Hour)
	f := camfake.Demo(camfake.WithOwnerUIN(100000000999), camfake.WithClock(func() time.Time { return later }))
	r, err := f.GetRole(context.Background(), "Billing-View")
	must(t, err)
	if r.ARN != "qcs::cam::uin/100000000999:roleName/Billing-View" || !r.Created.Equal(later.Add(-300*24*time.Hour)) {
		t.Errorf("role = %+v", r)
	}
}
