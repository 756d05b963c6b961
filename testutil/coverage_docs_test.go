package testutil_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
	"github.com/camkit/camkit/tiers"
)

// presetRoleCatalog is one role holding a two-statement preset (resolved by
// the catalogue), a custom policy and a boundary.
func presetRoleCatalog(t *testing.T) *roles.Catalog {
	t.Helper()
	c, err := roles.NewCatalog(roles.Definition{
		Name: "Logs-View-Dev", Tier: tiers.ReadOnly, Purpose: "Read logs.",
		Policies: []roles.Policy{{Preset: "QcloudCLSReadOnlyAccess"},
			{Document: policy.New(policy.Allow("monitor:GetMonitorData").On("*"))}},
		Boundary: policy.New(policy.Allow("cls:*", "monitor:*").On("*")),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c.WithPresets(roles.PresetList(roles.Preset{ID: 7, Name: "QcloudCLSReadOnlyAccess",
		Document: policy.New(policy.Allow("cls:SearchLog").On("*"), policy.Allow("cls:DescribeTopics").On("*"))}))
}

// A catalogue's preset statements are covered like any other: counted,
// listed while untested, and named in failure messages.
func TestCoverageListsPresetStatements(t *testing.T) {
	h, err := testutil.FromCatalog(presetRoleCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	r := h.Role("Logs-View-Dev")
	r.Allows(t, "cls:SearchLog", "*")
	r.Allows(t, "monitor:GetMonitorData", "*")

	cov := h.Coverage()
	if len(cov.Subjects) != 1 {
		t.Fatalf("coverage has %d subjects, want 1", len(cov.Subjects))
	}
	sc := cov.Subjects[0]
	// Preset: 2 statements; custom policy: 1; boundary: 1.
	if sc.Statements != 4 || sc.Exercised != 3 || len(sc.Untested) != 1 {
		t.Fatalf("coverage = %+v, want 3 of 4 statements exercised", sc)
	}
	u := sc.Untested[0]
	want := policy.StatementRef{Name: "QcloudCLSReadOnlyAccess", Document: 0, Statement: 1, Effect: policy.EffectAllow}
	if u.Statement != want || len(u.Action) != 1 || u.Action[0] != "cls:DescribeTopics" {
		t.Errorf("untested = %+v, want the preset's statement[1]", u)
	}
	if s := cov.String(); !strings.Contains(s, `untested: policy "QcloudCLSReadOnlyAccess" statement[1] allow cls:DescribeTopics on *`) {
		t.Errorf("report does not list the preset statement:\n%s", s)
	}

	// A failure shows what the deciding preset statement grants.
	rec := record(t)
	r.Denies(rec, "cls:SearchLog", "*")
	rec.mustFail(t, `decided by: policy "QcloudCLSReadOnlyAccess" statement[0] (allow) [action cls:SearchLog on *]`)

	r.Allows(t, "cls:DescribeTopics", "*")
	h.RequireCoverage(t)
}

// The harness names a snapshot subject's boundary as cam's evaluators do,
// by the boundary's PolicyName, even when the snapshot's policy of that ID
// has another name (renamed since, or a hand-made snapshot): decisions'
// references then find the boundary's statements.
func TestSnapshotBoundaryNamedAsCAMNamesIt(t *testing.T) {
	const owner = 100000000001
	identity := policy.New(policy.Allow("cvm:*").On("*"))
	boundary := policy.New(policy.Allow("cvm:Describe*").On("*"))
	s := &cam.Snapshot{SchemaVersion: cam.SnapshotSchemaVersion, Account: cam.Account{OwnerUIN: owner},
		Policies: []cam.Policy{
			{ID: 1, Name: "ops-policy", Type: cam.PolicyCustom, Document: identity.Canonical(), Parsed: identity},
			{ID: 2, Name: "ops-boundary", Type: cam.PolicyCustom, Document: boundary.Canonical(), Parsed: boundary},
		},
		Roles: []cam.RoleRecord{{Role: cam.Role{Name: "Ops-View", Trust: policy.Trust(policy.AccountRoot(owner))},
			Policies:      []cam.Attachment{{PolicyID: 1, PolicyName: "ops-policy", PolicyType: cam.PolicyCustom}},
			PoliciesKnown: true, BoundaryKnown: true,
			Boundary: &cam.Boundary{PolicyID: 2, PolicyName: "ops-boundary-v1", Document: boundary.Canonical()}}},
	}
	s.Reindex()
	h, err := testutil.FromSnapshot(s)
	if err != nil {
		t.Fatal(err)
	}
	r := h.Role("Ops-View")
	d, err := r.Decide("cvm:DescribeInstances", "*")
	if err != nil {
		t.Fatal(err)
	}
	var boundaryRef *policy.StatementRef
	for _, ref := range d.Statements() {
		if ref.Boundary {
			boundaryRef = &ref
		}
	}
	if boundaryRef == nil || boundaryRef.Name != "ops-boundary-v1" {
		t.Fatalf("cam's evaluator names the boundary %+v, want ops-boundary-v1 (the test's premise)", boundaryRef)
	}

	rec := record(t)
	r.Denies(rec, "cvm:DescribeInstances", "*")
	rec.mustFail(t, `boundary "ops-boundary-v1" statement[0] (allow) [action cvm:Describe* on *]`)

	cov := h.Coverage()
	if len(cov.Subjects) != 1 || cov.Subjects[0].Statements != 2 || cov.Subjects[0].Exercised != 2 {
		t.Errorf("coverage = %+v, want both statements exercised", cov.Subjects)
	}
}
