package cam_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// testNow is the fixed clock of the fakes and loads in these tests.
var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func testClock() time.Time { return testNow }

const (
	devDeployDoc = `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:RunInstances","cvm:Describe*"],"resource":["*"]}]}`
	assumeDoc    = `{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":["qcs::cam::uin/100000000001:roleName/Deployer"]}]}`
	rootTrust    = `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"],"principal":{"qcs":["qcs::cam::uin/100000000001:root"]}}]}`
	serviceTrust = `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"],"principal":{"service":["cvm.qcloud.com"]}}]}`
)

// testSeed is a small account with every kind of entity and relation Load reads.
func testSeed() camfake.Seed {
	return camfake.Seed{
		Policies: []camfake.SeedPolicy{
			{Name: "dev-deploy", Description: "deploy to dev", Document: devDeployDoc, Age: 48 * time.Hour},
			{Name: "assume-deployer", Document: assumeDoc},
			{Name: "unattached", Document: devDeployDoc},
		},
		Groups: []camfake.SeedGroup{
			{Name: "developers", Policies: []string{"dev-deploy", "ReadOnlyAccess"}},
			{Name: "ops", Policies: []string{"QcloudCVMFullAccess", "ReadOnlyAccess"}},
			{Name: "empty"},
		},
		Users: []camfake.SeedUser{
			{Name: "alice", ConsoleLogin: true, LastLoginAgo: 24 * time.Hour, LastLoginIP: "10.0.0.1",
				MFA:    cam.MFASettings{Login: cam.MFAFactors{Stoken: true}, Operation: cam.MFAFactors{Stoken: true}},
				Keys:   []camfake.SeedKey{{Description: "ci", Age: 200 * 24 * time.Hour, LastUsedAgo: 48 * time.Hour}, {Description: "laptop", Status: cam.KeyInactive}},
				Groups: []string{"developers", "ops"}, Policies: []string{"assume-deployer"}, Boundary: "dev-deploy"},
			{Name: "bob", ConsoleLogin: true, Groups: []string{"developers"}},
			{Name: "carol", Policies: []string{"AdministratorAccess"}, Keys: []camfake.SeedKey{{Description: "script"}}},
		},
		Roles: []camfake.SeedRole{
			{Name: "Deployer", Trust: rootTrust, Policies: []string{"dev-deploy", "QcloudCOSReadOnlyAccess"}, Boundary: "QcloudCVMReadOnlyAccess",
				Tags: []cam.Tag{{Key: "tier", Value: "2"}, {Key: "owner", Value: "platform"}}},
			{Name: "CVMService", Trust: serviceTrust},
			{Name: "Auditor", Trust: rootTrust, Policies: []string{"QcloudAuditReadOnlyAccess"}},
		},
	}
}

func newTestFake(tb testing.TB, opts ...camfake.Option) *camfake.Fake {
	tb.Helper()
	return camfake.MustSeed(testSeed(), append([]camfake.Option{camfake.WithClock(testClock)}, opts...)...)
}

// testRates lifts the documented rate limits for tests that do not test them,
// against fakes that do not enforce them.
var testRates = cam.WithRateScale(1000)

func mustLoad(tb testing.TB, r cam.Reader, opts ...cam.LoadOption) *cam.Snapshot {
	tb.Helper()
	s, err := cam.Load(context.Background(), r, append([]cam.LoadOption{cam.WithClock(testClock), testRates}, opts...)...)
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return s
}

func snapshotJSON(tb testing.TB, s *cam.Snapshot) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		tb.Fatalf("WriteJSON: %v", err)
	}
	return buf.Bytes()
}

func mustUser(tb testing.TB, s *cam.Snapshot, name string) *cam.UserRecord {
	tb.Helper()
	u, ok := s.UserByName(name)
	if !ok {
		tb.Fatalf("UserByName(%q): not found", name)
	}
	return u
}

func TestLoadReadsEverything(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	s := mustLoad(t, f)

	if s.SchemaVersion != cam.SnapshotSchemaVersion || !s.Taken.Equal(testNow) {
		t.Errorf("SchemaVersion %d, Taken %v", s.SchemaVersion, s.Taken)
	}
	if s.Account.OwnerUIN != camfake.DefaultOwnerUIN || s.Account.AppID != camfake.DefaultAppID {
		t.Errorf("Account = %+v", s.Account)
	}
	if len(s.Problems) != 0 {
		t.Fatalf("Problems = %v, want none", s.Problems)
	}
	if len(s.Users) != 3 || len(s.Groups) != 3 || len(s.Roles) != 3 {
		t.Fatalf("got %d users, %d groups, %d roles; want 3 each", len(s.Users), len(s.Groups), len(s.Roles))
	}
	// Custom policies all, presets only when referenced (attached or boundary).
	var names []string
	for _, p := range s.Policies {
		names = append(names, p.Name)
		if p.Document == "" || p.Parsed == nil {
			t.Errorf("policy %s: document %q, parsed %v", p.Name, p.Document, p.Parsed)
		}
	}
	slices.Sort(names)
	want := []string{"AdministratorAccess", "QcloudAuditReadOnlyAccess", "QcloudCOSReadOnlyAccess", "QcloudCVMFullAccess",
		"QcloudCVMReadOnlyAccess", "ReadOnlyAccess", "assume-deployer", "dev-deploy", "unattached"}
	if !slices.Equal(names, want) {
		t.Errorf("policies = %v\nwant %v", names, want)
	}

	alice := mustUser(t, s, "alice")
	if !alice.LastLoginKnown || !alice.KeysKnown || !alice.KeyUsageKnown || !alice.MFAKnown ||
		!alice.GroupsKnown || !alice.PoliciesKnown || !alice.BoundaryKnown {
		t.Errorf("alice has an unknown part: %+v", alice)
	}
	if alice.LastLoginIP != "10.0.0.1" || !alice.LastLogin.Equal(testNow.Add(-24*time.Hour)) {
		t.Errorf("alice last login %v from %q", alice.LastLogin, alice.LastLoginIP)
	}
	if len(alice.Keys) != 2 || !alice.MFA.Login.Stoken {
		t.Errorf("alice keys %v, MFA %+v", alice.Keys, alice.MFA)
	}
	for _, k := range alice.Keys {
		used := k.Description == "ci"
		if used != !k.LastUsed.IsZero() {
			t.Errorf("key %s (%s): LastUsed %v", k.ID, k.Description, k.LastUsed)
		}
	}
	if len(alice.GroupIDs) != 2 || len(alice.Policies) != 1 || alice.Policies[0].PolicyName != "assume-deployer" {
		t.Errorf("alice groups %v, policies %v", alice.GroupIDs, alice.Policies)
	}
	if alice.Boundary == nil || alice.Boundary.PolicyName != "dev-deploy" {
		t.Errorf("alice boundary = %+v", alice.Boundary)
	}
	if bob := mustUser(t, s, "bob"); bob.Boundary != nil || len(bob.Keys) != 0 || !bob.BoundaryKnown {
		t.Errorf("bob = %+v", bob)
	}

	deployer, ok := s.RoleByName("Deployer")
	if !ok || deployer.Trust == nil || deployer.Boundary == nil || len(deployer.Policies) != 2 {
		t.Fatalf("Deployer = %+v", deployer)
	}
	if deployer.Tags[0].Key != "owner" {
		t.Errorf("Deployer tags not sorted: %v", deployer.Tags)
	}
	for _, g := range s.Groups {
		if !g.MembersKnown || !g.PoliciesKnown {
			t.Errorf("group %s has an unknown part", g.Name)
		}
	}
}

func TestLoadUsesBatches(t *testing.T) {
	t.Parallel()
	seed := camfake.Seed{}
	for i := range 120 {
		seed.Users = append(seed.Users, camfake.SeedUser{Name: fmt.Sprintf("user%03d", i),
			Keys: []camfake.SeedKey{{Description: "a"}, {Description: "b"}}})
	}
	f := camfake.MustSeed(seed, camfake.WithClock(testClock))
	s := mustLoad(t, f)
	if len(s.Problems) != 0 || len(s.Users) != 120 {
		t.Fatalf("%d users, problems %v", len(s.Users), s.Problems)
	}
	tests := []struct {
		action cam.Action
		want   int
	}{
		{"ListUsers", 1},
		{"DescribeSubAccounts", 3},  // 120 UINs in batches of 50
		{"GetSecurityLastUsed", 24}, // 240 keys in batches of 10
		{"ListAccessKeys", 121},     // each user, and the root account
		{"DescribeSafeAuthFlagColl", 120},
		{"ListAttachedUserAllPolicies", 120},
		{"GetUserPermissionBoundary", 120},
		{"GetPolicy", 0}, // nothing attached, no custom policies
	}
	for _, tt := range tests {
		if got := f.CallCount(tt.action); got != tt.want {
			t.Errorf("%s called %d times, want %d", tt.action, got, tt.want)
		}
	}
}

func TestLoadProgress(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	type state struct{ done, total int }
	var (
		last    = map[cam.Phase]state{}
		calls   int // unsynchronized on purpose: the race detector checks serialization
		mu      sync.Mutex
		reports []cam.Progress
	)
	s := mustLoad(t, f, cam.WithConcurrency(4), cam.WithProgress(func(p cam.Progress) {
		calls++
		mu.Lock()
		reports = append(reports, p)
		mu.Unlock()
	}))
	if len(s.Problems) != 0 || calls != len(reports) {
		t.Fatalf("problems %v; %d calls, %d reports", s.Problems, calls, len(reports))
	}
	for i, p := range reports {
		prev := last[p.Phase]
		if p.Done < prev.done || p.Total < prev.total || p.Done > p.Total {
			t.Fatalf("report %d %+v after %+v: not monotone", i, p, prev)
		}
		last[p.Phase] = state{p.Done, p.Total}
	}
	for _, ph := range []cam.Phase{cam.PhaseAccount, cam.PhaseUsers, cam.PhaseKeys, cam.PhaseMFA, cam.PhaseGroups,
		cam.PhaseRoles, cam.PhasePolicies, cam.PhaseAttachments, cam.PhaseBoundaries} {
		st, ok := last[ph]
		if !ok || st.done != st.total || st.total == 0 {
			t.Errorf("phase %s ended at %+v (reported %v)", ph, st, ok)
		}
	}
	// 3 users + 3 groups + 3 roles attachments; 3 users + 3 roles boundaries.
	if last[cam.PhaseAttachments].total != 9 || last[cam.PhaseBoundaries].total != 6 {
		t.Errorf("attachments %+v, boundaries %+v", last[cam.PhaseAttachments], last[cam.PhaseBoundaries])
	}
}

func TestLoadOptionErrors(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	tests := []struct {
		name string
		opt  cam.LoadOption
		want string
	}{
		{"concurrency", cam.WithConcurrency(0), "concurrency must be at least 1"},
		{"unknown action", cam.WithActionRate("ListUser", 1), `"ListUser" is not an API action`},
		{"write action", cam.WithActionRate(cam.ActionCreatePolicy, 1), `"CreatePolicy" is not an API action`},
		{"zero rate", cam.WithActionRate(cam.ActionListUsers, 0), "must be positive"},
		{"NaN rate", cam.WithActionRate(cam.ActionListUsers, math.NaN()), "must be positive"},
		{"scale", cam.WithRateScale(-2), "must be positive and finite"},
		{"retry", cam.WithRetry(-1, 0), "must not be negative"},
		{"clock", cam.WithClock(nil), "clock must not be nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := cam.Load(context.Background(), f, tt.opt)
			if err == nil || s != nil || !strings.HasPrefix(err.Error(), "cam: load: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load = %v, %v; want an error containing %q", s, err, tt.want)
			}
		})
	}
	if _, err := cam.Load(context.Background(), nil); err == nil {
		t.Error("Load(nil Reader) succeeded")
	}
}

func TestLoadRespectsRateLimits(t *testing.T) {
	t.Parallel()
	seed := camfake.Seed{}
	for i := range 25 {
		seed.Users = append(seed.Users, camfake.SeedUser{Name: fmt.Sprintf("u%02d", i), Policies: []string{"ReadOnlyAccess"}})
	}
	// ListAttachedUserAllPolicies at 5×10 = 50 requests per second: Load
	// reads the fake's limits and keeps under them without being told
	// (WithRateScale(1) undoes mustLoad's scale).
	f := camfake.MustSeed(seed, camfake.WithClock(testClock), camfake.WithRateScale(10))
	s := mustLoad(t, f, cam.WithRateScale(1), cam.WithRetry(0, 0))
	if len(s.Problems) != 0 {
		t.Fatalf("problems: %v", s.Problems)
	}
	for _, c := range f.Calls() {
		if c.Err != nil {
			t.Errorf("call %s failed: %v", c.Action, c.Err)
		}
	}
}

func TestWithActionRateOverrides(t *testing.T) {
	t.Parallel()
	seed := camfake.Seed{}
	for i := range 40 {
		seed.Users = append(seed.Users, camfake.SeedUser{Name: fmt.Sprintf("u%02d", i)})
	}
	// The fake allows ListAttachedUserAllPolicies 5×10 = 50 requests per
	// second; overriding Load's rate for it to 1,000 gets it throttled,
	// which, without retries, shows up as problems of that action only.
	f := camfake.MustSeed(seed, camfake.WithClock(testClock), camfake.WithRateScale(10))
	s := mustLoad(t, f, cam.WithRateScale(1), cam.WithRetry(0, 0),
		cam.WithActionRate(cam.ActionListAttachedUserAllPolicies, 1000), cam.WithActionRate(cam.ActionListUsers, math.Inf(1)))
	if len(s.Problems) == 0 {
		t.Fatal("no problems: the override did not take effect")
	}
	for _, p := range s.Problems {
		if p.Action != "ListAttachedUserAllPolicies" || !strings.Contains(p.Err, "RequestLimitExceeded") {
			t.Errorf("unexpected problem %v", p)
		}
	}
}
