package cam_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestSnapshotDeterministicJSON(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	first := snapshotJSON(t, mustLoad(t, f))
	for i := range 3 {
		// Different concurrency gives different completion orders.
		if got := snapshotJSON(t, mustLoad(t, f, cam.WithConcurrency(1+i*7))); !bytes.Equal(got, first) {
			t.Fatalf("load %d marshals differently:\n%s\nfirst:\n%s", i+2, got, first)
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	s := mustLoad(t, newTestFake(t))
	data := snapshotJSON(t, s)
	back, err := cam.ReadSnapshot(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadSnapshot: %v", err)
	}
	if again := snapshotJSON(t, back); !bytes.Equal(again, data) {
		t.Errorf("round trip changed the snapshot:\n%s\nwant\n%s", again, data)
	}
	for _, p := range back.Policies {
		if p.Parsed == nil {
			t.Errorf("policy %s not parsed after ReadSnapshot", p.Name)
		}
	}
	for _, r := range back.Roles {
		if r.Trust == nil {
			t.Errorf("role %s trust not parsed after ReadSnapshot", r.Name)
		}
	}
	// json.Unmarshal goes through the same checks and parsing.
	compact, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var viaJSON cam.Snapshot
	if err := json.Unmarshal(compact, &viaJSON); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	if u, ok := viaJSON.UserByName("alice"); !ok || len(viaJSON.EffectivePolicies(u.UIN)) != 4 {
		t.Errorf("lookups after json.Unmarshal: alice %v", ok)
	}
	if p, ok := viaJSON.PolicyByName("dev-deploy"); !ok || p.Parsed == nil {
		t.Errorf("dev-deploy after json.Unmarshal = %+v", p)
	}
}

func TestSnapshotLookups(t *testing.T) {
	t.Parallel()
	s := mustLoad(t, newTestFake(t))
	alice := mustUser(t, s, "alice")
	if u, ok := s.UserByUIN(alice.UIN); !ok || u != alice {
		t.Errorf("UserByUIN(%d) = %v, %v", alice.UIN, u, ok)
	}
	if _, ok := s.UserByName("nobody"); ok {
		t.Error("UserByName(nobody) found someone")
	}
	if _, ok := s.UserByUIN(1); ok {
		t.Error("UserByUIN(1) found someone")
	}
	if g, ok := s.GroupByID(alice.GroupIDs[0]); !ok || g.Name != "developers" || len(g.Members) != 2 {
		t.Errorf("GroupByID = %+v, %v", g, ok)
	}
	if _, ok := s.GroupByID(0); ok {
		t.Error("GroupByID(0) found a group")
	}
	if p, ok := s.PolicyByID(1); !ok || p.Name != "AdministratorAccess" {
		t.Errorf("PolicyByID(1) = %+v, %v", p, ok)
	}
	if p, ok := s.PolicyByName("unattached"); !ok || p.Type != cam.PolicyCustom {
		t.Errorf("PolicyByName(unattached) = %+v, %v", p, ok)
	}
	if _, ok := s.PolicyByName("QcloudCOSFullAccess"); ok {
		t.Error("an unreferenced preset policy is in the snapshot")
	}
	if _, ok := s.RoleByName("nobody"); ok {
		t.Error("RoleByName(nobody) found a role")
	}
}

func TestEffectivePolicies(t *testing.T) {
	t.Parallel()
	s := mustLoad(t, newTestFake(t))
	alice := mustUser(t, s, "alice")
	dev, ops := alice.GroupIDs[0], alice.GroupIDs[1]
	var got []string
	for _, h := range s.EffectivePolicies(alice.UIN) {
		got = append(got, fmt.Sprintf("%s direct=%v groups=%v parsed=%v", h.Policy.Name, h.Direct, h.GroupIDs, h.Policy.Parsed != nil))
	}
	readOnly, _ := s.PolicyByName("ReadOnlyAccess")
	cvmFull, _ := s.PolicyByName("QcloudCVMFullAccess")
	devDeploy, _ := s.PolicyByName("dev-deploy")
	assume, _ := s.PolicyByName("assume-deployer")
	want := []string{
		fmt.Sprintf("QcloudCVMFullAccess direct=false groups=[%d] parsed=true", ops),
		fmt.Sprintf("ReadOnlyAccess direct=false groups=[%d %d] parsed=true", dev, ops),
		fmt.Sprintf("dev-deploy direct=false groups=[%d] parsed=true", dev),
		"assume-deployer direct=true groups=[] parsed=true",
	}
	// Ordered by policy ID.
	order := map[string]uint64{"QcloudCVMFullAccess": cvmFull.ID, "ReadOnlyAccess": readOnly.ID, "dev-deploy": devDeploy.ID, "assume-deployer": assume.ID}
	slices.SortFunc(want, func(a, b string) int {
		return int(order[strings.Fields(a)[0]]) - int(order[strings.Fields(b)[0]])
	})
	if !slices.Equal(got, want) {
		t.Errorf("EffectivePolicies(alice) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	carol := mustUser(t, s, "carol")
	if h := s.EffectivePolicies(carol.UIN); len(h) != 1 || h[0].Policy.Name != "AdministratorAccess" || !h[0].Direct {
		t.Errorf("EffectivePolicies(carol) = %+v", h)
	}
	if s.EffectivePolicies(1) != nil {
		t.Error("EffectivePolicies of an unknown UIN is not nil")
	}
}

func TestRolePolicies(t *testing.T) {
	t.Parallel()
	s := mustLoad(t, newTestFake(t))
	var names []string
	for _, p := range s.RolePolicies("Deployer") {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if want := []string{"QcloudCOSReadOnlyAccess", "dev-deploy"}; !slices.Equal(names, want) {
		t.Errorf("RolePolicies(Deployer) = %v, want %v", names, want)
	}
	if got := s.RolePolicies("CVMService"); len(got) != 0 {
		t.Errorf("RolePolicies(CVMService) = %v", got)
	}
	if s.RolePolicies("nobody") != nil {
		t.Error("RolePolicies of an unknown role is not nil")
	}
}

func TestWhoCanAssume(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	ctx := context.Background()
	users, err := f.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	uin := map[string]uint64{}
	for _, u := range users {
		uin[u.Name] = u.UIN
	}
	owner := camfake.DefaultOwnerUIN
	// bob may assume any role of the account, from the office network only:
	// the broad reading counts that.
	anyRole := fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","resource":"qcs::cam::uin/%d:roleName/*",`+
		`"condition":{"ip_equal":{"qcs:ip":"10.0.0.0/8"}}}]}`, owner)
	id, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "assume-any", Document: anyRole})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AttachUserPolicy(ctx, id, uin["bob"]); err != nil {
		t.Fatal(err)
	}
	trustOnly := func(who string, extra string) string {
		return fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":"name/sts:AssumeRole","principal":{"qcs":"qcs::cam::uin/%d:%s"}%s}]}`, owner, who, extra)
	}
	trusts := map[string]string{
		"OnlyBob":   trustOnly(fmt.Sprintf("uin/%d", uin["bob"]), ""),
		"OnlyAlice": trustOnly(fmt.Sprintf("uin/%d", uin["alice"]), ""),
		"RootButNotCarol": fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":"sts:*","principal":{"qcs":"qcs::cam::uin/%d:root"}},`+
			`{"effect":"deny","action":"sts:AssumeRole","principal":{"qcs":"qcs::cam::uin/%d:uin/%d"}}]}`, owner, owner, uin["carol"]),
		"DenyIfNoMFA": fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","principal":{"qcs":"qcs::cam::uin/%d:root"}},`+
			`{"effect":"deny","action":"sts:AssumeRole","principal":{"qcs":"qcs::cam::uin/%d:root"},"condition":{"bool_equal":{"qcs:mfa":"false"}}}]}`, owner, owner),
		"OtherAccount": `{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","principal":{"qcs":"qcs::cam::uin/100000000999:root"}}]}`,
		"Until":        trustOnly(fmt.Sprintf("uin/%d", uin["bob"]), `,"condition":{"date_less_than":{"qcs:current_time":"2026-12-01T00:00:00Z"}}`),
		"Expired":      trustOnly(fmt.Sprintf("uin/%d", uin["bob"]), `,"condition":{"date_less_than":{"qcs:current_time":"2026-10-01T00:00:00Z"}}`),
		"WrongAction":  fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRoleWithSAML","principal":{"qcs":"qcs::cam::uin/%d:root"}}]}`, owner),
	}
	for name, doc := range trusts {
		if _, err := f.CreateRole(ctx, cam.RoleInput{Name: name, TrustPolicy: doc}); err != nil {
			t.Fatalf("CreateRole %s: %v", name, err)
		}
	}
	s := mustLoad(t, f)
	tests := []struct {
		role string
		want []string
	}{
		// alice holds assume-deployer, but her boundary (dev-deploy) does not
		// allow sts:AssumeRole; carol holds AdministratorAccess.
		{"Deployer", []string{"bob", "carol"}},
		{"CVMService", nil},
		{"OnlyBob", []string{"bob"}},
		{"OnlyAlice", nil}, // trusted, but no sts:AssumeRole allow of her own
		{"RootButNotCarol", []string{"bob"}},
		{"DenyIfNoMFA", []string{"bob", "carol"}}, // a conditional deny may not apply
		{"OtherAccount", nil},
		{"Until", []string{"bob"}},
		{"Expired", nil}, // evaluated at the snapshot's time
		{"WrongAction", nil},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, u := range whoCanAssume(t, s, tt.role) {
				got = append(got, u.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("WhoCanAssume(%s) = %v, want %v", tt.role, got, tt.want)
			}
		})
	}
	// AssumableRoles is the same relation seen from the user.
	var bobRoles []string
	for _, r := range assumableRoles(t, s, uin["bob"]) {
		bobRoles = append(bobRoles, r.Name)
	}
	if want := []string{"Auditor", "DenyIfNoMFA", "Deployer", "OnlyBob", "RootButNotCarol", "Until"}; !slices.Equal(bobRoles, want) {
		t.Errorf("AssumableRoles(bob) = %v, want %v", bobRoles, want)
	}
	for _, u := range s.Users {
		for _, r := range s.Roles {
			byRole := slices.Contains(whoCanAssume(t, s, r.Name), &s.Users[slices.IndexFunc(s.Users, func(x cam.UserRecord) bool { return x.UIN == u.UIN })])
			byUser := slices.ContainsFunc(assumableRoles(t, s, u.UIN), func(x *cam.RoleRecord) bool { return x.Name == r.Name })
			if byRole != byUser {
				t.Errorf("%s and %s: WhoCanAssume says %v, AssumableRoles %v", u.Name, r.Name, byRole, byUser)
			}
		}
	}
	if rs, err := s.AssumableRoles(1); rs != nil || !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("AssumableRoles of an unknown UIN = %v, %v", rs, err)
	}
	if us, err := s.WhoCanAssume("nobody"); us != nil || !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("WhoCanAssume of an unknown role = %v, %v", us, err)
	}
}

// whoCanAssume is WhoCanAssume for a snapshot that must answer fully.
func whoCanAssume(tb testing.TB, s *cam.Snapshot, role string) []*cam.UserRecord {
	tb.Helper()
	us, err := s.WhoCanAssume(role)
	if err != nil {
		tb.Fatalf("WhoCanAssume(%s): %v", role, err)
	}
	return us
}

// assumableRoles is AssumableRoles for a snapshot that must answer fully.
func assumableRoles(tb testing.TB, s *cam.Snapshot, uin uint64) []*cam.RoleRecord {
	tb.Helper()
	rs, err := s.AssumableRoles(uin)
	if err != nil {
		tb.Fatalf("AssumableRoles(%d): %v", uin, err)
	}
	return rs
}

func TestSnapshotLiteralLookups(t *testing.T) {
	t.Parallel()
	var none *cam.Snapshot
	if us, err := none.WhoCanAssume("r"); us != nil || !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("WhoCanAssume on a nil snapshot = %v, %v", us, err)
	}
	if _, ok := none.UserByName("x"); ok || none.EffectivePolicies(1) != nil {
		t.Error("lookups on a nil snapshot found something")
	}
	s := &cam.Snapshot{Users: []cam.UserRecord{{User: cam.User{UIN: 7, Name: "x"}}}}
	if u, ok := s.UserByName("x"); !ok || u.UIN != 7 {
		t.Errorf("UserByName on a literal = %v, %v", u, ok)
	}
	s.Users = append(s.Users, cam.UserRecord{User: cam.User{UIN: 8, Name: "y"}})
	s.Reindex()
	if u, ok := s.UserByUIN(8); !ok || u.Name != "y" {
		t.Errorf("UserByUIN after Reindex = %v, %v", u, ok)
	}
}

var updateSnapshot = flag.Bool("update-snapshot", false, "rewrite testdata/demo.snapshot.json from camfake.Demo")

// TestDemoSnapshotGolden pins the snapshot format: the Demo account's snapshot
// must marshal exactly as testdata/demo.snapshot.json, which other packages'
// tests may also read offline with ReadSnapshot. After an intended change run
// go test ./cam -run DemoSnapshotGolden -update-snapshot.
func TestDemoSnapshotGolden(t *testing.T) {
	t.Parallel()
	got := snapshotJSON(t, loadDemo(t, camfake.Demo()))
	path := filepath.Join("testdata", "demo.snapshot.json")
	if *updateSnapshot {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the Demo snapshot differs from %s; if the change is intended, run go test ./cam -run DemoSnapshotGolden -update-snapshot\ngot:\n%s", path, got)
	}
	s, err := cam.ReadSnapshot(bytes.NewReader(want))
	if err != nil {
		t.Fatalf("ReadSnapshot(%s): %v", path, err)
	}
	if len(s.Users) != 10 || s.Taken != camfake.DemoTime {
		t.Errorf("%s: %d users, taken %v", path, len(s.Users), s.Taken)
	}
}
