package camfake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

func TestSeed(t *testing.T) {
	ctx := context.Background()
	trust, err := policy.Parse([]byte(trustDoc(camfake.DefaultOwnerUIN)))
	must(t, err)
	f := camfake.MustSeed(camfake.Seed{
		Policies: []camfake.SeedPolicy{{Name: "view", Document: allowDoc, Description: "view", Age: 48 * time.Hour}},
		Groups:   []camfake.SeedGroup{{Name: "ops", Policies: []string{"view", "ReadOnlyAccess"}}},
		Users: []camfake.SeedUser{{
			Name: "ann", ConsoleLogin: true, Age: 100 * 24 * time.Hour, LastLoginAgo: time.Hour, LastLoginIP: "10.0.0.1",
			MFA:    cam.MFASettings{Login: cam.MFAFactors{Token: true}},
			Keys:   []camfake.SeedKey{{Description: "old", Age: 400 * 24 * time.Hour, LastUsedAgo: 24 * time.Hour}, {Status: cam.KeyInactive, Created: testNow.Add(-time.Hour)}},
			Groups: []string{"ops"}, Policies: []string{"AdministratorAccess"}, Boundary: "view",
		}},
		Roles: []camfake.SeedRole{{Name: "Reader", TrustDocument: trust, Policies: []string{"view"}, Tags: []cam.Tag{{Key: "tier", Value: "1"}},
			SessionDuration: 3600, Boundary: "ReadOnlyAccess"}},
		Events: []cam.AuditEvent{{Name: "ConsoleLogin", Time: testNow.Add(-time.Hour), Principal: "ann"}},
	}, camfake.WithClock(func() time.Time { return testNow }))

	u, err := f.GetUser(ctx, "ann")
	must(t, err)
	listed, _ := f.ListUsers(ctx)
	if !listed[0].Created.Equal(testNow.Add(-100*24*time.Hour)) || !u.LastLogin.Equal(testNow.Add(-time.Hour)) || u.LastLoginIP != "10.0.0.1" {
		t.Errorf("user = %+v", u)
	}
	keys, _ := f.ListAccessKeys(ctx, u.UIN)
	if len(keys) != 2 || keys[0].Status != cam.KeyActive || keys[1].Status != cam.KeyInactive || !keys[0].Created.Equal(testNow.Add(-400*24*time.Hour)) {
		t.Errorf("keys = %+v", keys)
	}
	lu, _ := f.KeysLastUsed(ctx, []string{keys[0].ID, keys[1].ID})
	if lu[0].LastUsed.IsZero() || !lu[1].LastUsed.IsZero() {
		t.Errorf("last used = %+v", lu)
	}
	mfa, _ := f.GetMFA(ctx, u.UIN)
	if !mfa.Login.Token {
		t.Errorf("mfa = %+v", mfa)
	}
	all, _ := f.ListUserPolicies(ctx, u.UIN, cam.AttachAll)
	if len(all) != 3 || all[0].PolicyName != "AdministratorAccess" || all[1].PolicyName != "view" || all[2].PolicyName != "ReadOnlyAccess" {
		t.Errorf("user policies = %+v", all)
	}
	if b, ok, _ := f.UserBoundary(ctx, u.UIN); !ok || b.PolicyName != "view" {
		t.Errorf("user boundary = %+v %v", b, ok)
	}
	r, err := f.GetRole(ctx, "Reader")
	must(t, err)
	if r.TrustPolicy != trust.Canonical() || r.SessionDuration != 3600 || len(r.Tags) != 1 {
		t.Errorf("role = %+v", r)
	}
	if b, ok, _ := f.RoleBoundary(ctx, "Reader"); !ok || b.PolicyName != "ReadOnlyAccess" {
		t.Errorf("role boundary = %+v %v", b, ok)
	}
	evs, _ := f.Events(ctx, cam.EventQuery{Start: testNow.Add(-2 * time.Hour), End: testNow})
	if len(evs) != 1 || evs[0].Principal != "ann" {
		t.Errorf("events = %+v", evs)
	}
	if len(f.Calls()) != 10 { // only the reads above
		t.Errorf("seeding recorded calls: %d", len(f.Calls()))
	}
}

func TestSeedErrors(t *testing.T) {
	bad := `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]`
	tests := []struct {
		name string
		seed camfake.Seed
		want []string
	}{
		{"bad policy", camfake.Seed{Policies: []camfake.SeedPolicy{{Name: "p", Document: allowDoc}, {Name: "q", Document: bad}}},
			[]string{`policies[1] "q"`}},
		{"duplicate policy", camfake.Seed{Policies: []camfake.SeedPolicy{{Name: "p", Document: allowDoc}, {Name: "p", Document: allowDoc}}},
			[]string{`policies[1] "p"`, "in use"}},
		{"group with unknown policy", camfake.Seed{Groups: []camfake.SeedGroup{{Name: "g", Policies: []string{"nope"}}}},
			[]string{`groups[0] "g"`, `policy "nope" does not exist`}},
		{"user in unknown group", camfake.Seed{Users: []camfake.SeedUser{{Name: "ok"}, {Name: "dave", Groups: []string{"ops"}}}},
			[]string{`users[1] "dave"`, `group "ops" does not exist`}},
		{"user bad name", camfake.Seed{Users: []camfake.SeedUser{{Name: "bad name"}}}, []string{`users[0] "bad name"`}},
		{"three keys", camfake.Seed{Users: []camfake.SeedUser{{Name: "k", Keys: make([]camfake.SeedKey, 3)}}}, []string{`users[0] "k"`, "keys[2]"}},
		{"unknown boundary", camfake.Seed{Users: []camfake.SeedUser{{Name: "b", Boundary: "nope"}}}, []string{`boundary policy "nope"`}},
		{"role with both trusts", camfake.Seed{Roles: []camfake.SeedRole{{Name: "R", Trust: trustDoc(1), TrustDocument: &policy.Document{}}}}, []string{`roles[0] "R"`, "not both"}},
		{"role without trust", camfake.Seed{Roles: []camfake.SeedRole{{Name: "R"}}}, []string{`roles[0] "R"`, "empty"}},
		{"role bad type", camfake.Seed{Roles: []camfake.SeedRole{{Name: "R", Trust: trustDoc(1), Type: "robot"}}}, []string{"robot"}},
		{"role unknown policy", camfake.Seed{Roles: []camfake.SeedRole{{Name: "R", Trust: trustDoc(1), Policies: []string{"x"}}}}, []string{`policy "x"`}},
		{"several problems", camfake.Seed{Users: []camfake.SeedUser{{Name: "a", Groups: []string{"x"}}, {Name: "b", Policies: []string{"y"}}}},
			[]string{`users[0] "a"`, `users[1] "b"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			before := f.String()
			err := f.Seed(tc.seed)
			if err == nil {
				t.Fatal("Seed accepted bad data")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "camfake: seed: ") {
				t.Errorf("error %q does not start with camfake: seed:", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if f.String() != before {
				t.Errorf("a failed Seed changed the account: %s", f)
			}
		})
	}
}

func TestMustSeedPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.HasPrefix(r.(string), `camfake: WithSeed #1: seed: users[0] "x y"`) {
			t.Fatalf("recover() = %v", r)
		}
	}()
	camfake.MustSeed(camfake.Seed{Users: []camfake.SeedUser{{Name: "x y"}}})
}
