package testutil_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
	"github.com/camkit/camkit/tiers"
)

// oneRole returns a harness over a catalogue of one role with the given
// policy and optional boundary.
func oneRole(t *testing.T, doc, boundary *policy.Document) *testutil.Harness {
	t.Helper()
	c, err := roles.NewCatalog(roles.Definition{Name: "Test-Role", Tier: tiers.Production,
		Policies: []roles.Policy{{Name: "test-policy", Document: doc}}, Boundary: boundary})
	if err != nil {
		t.Fatal(err)
	}
	h, err := testutil.FromCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestFailureShowsAssumptions(t *testing.T) {
	// A deny that applies outside the office network: with no qcs:ip in the
	// request the evaluator assumes the deny does not apply (docs/semantics.md
	// §5.7), and says so.
	doc := policy.New(
		policy.Allow("cvm:StopInstances").On("*"),
		policy.Deny("cvm:StopInstances").On("*").When(policy.IPNotEqual(policy.KeyIP, "10.0.0.0/8")),
	)
	h := oneRole(t, doc, nil)
	rec := record(t)
	h.Role("Test-Role").Denies(rec, "cvm:StopInstances", "*")
	rec.mustFail(t, "actual:   allowed",
		`decided by: policy "test-policy" statement[0] (allow)`,
		`assumption: policy "test-policy" statement[1]: ip_not_equal["qcs:ip"] on an absent key; assumed the deny does not apply`,
		`warning: the request does not supply condition key "qcs:ip" (read by policy "test-policy" statement[1])`)
	// With the key the deny applies.
	h.Role("Test-Role").DeniesExplicitly(t, "cvm:StopInstances", "*", testutil.WithIP("203.0.113.9"))
}

func TestFailureExplainsBoundary(t *testing.T) {
	doc := policy.New(policy.Allow("cvm:*").On("*"))
	boundary := policy.New(policy.Allow("cvm:Describe*").On("*"))
	h := oneRole(t, doc, boundary)
	rec := record(t)
	h.Role("Test-Role").Allows(rec, "cvm:RunInstances", "*")
	rec.mustFail(t, "actual:   denied implicitly: the identity policies allow it, but the permission boundary does not",
		`allowed by (but outside the boundary): policy "test-policy" statement[0] (allow) [action cvm:* on *]`)
	cov := h.Coverage()
	if cov.Subjects[0].Exercised != 1 || cov.Subjects[0].Statements != 2 {
		t.Errorf("coverage %+v: want the identity statement exercised, the boundary's not", cov.Subjects[0])
	}
}

func TestCoverageOfTruncatedDecisions(t *testing.T) {
	// Seven allow statements match: more than a decision keeps, so coverage
	// asks each statement on its own.
	var b []policy.Statement
	for i := range 7 {
		b = append(b, policy.Allow("cvm:Describe*", fmt.Sprintf("cvm:Run%s*", strings.Repeat("X", i))).On("*"))
	}
	h := oneRole(t, policy.New(b...), nil)
	if d, err := h.Role("Test-Role").Decide("cvm:DescribeInstances", "*"); err != nil || !d.StatementsTruncated() {
		t.Fatalf("Decide = %v, %v; the test needs a truncated decision", d, err)
	}
	if got := h.Coverage(); got.Untested() != 0 {
		t.Errorf("untested statements after a truncated decision:\n%s", got)
	}
}

func TestVariablesResolveForSnapshotUsers(t *testing.T) {
	// ops-admin's policies allow everything; a user's requests carry its UIN,
	// so statements with ${uin} resolve without a warning.
	h := demoHarness(t)
	rec := record(t)
	h.User("ops-admin").Allows(rec, "cam:GetUser", "qcs::cam::uin/100000000001:uin/100000001008")
	rec.mustPass(t)
	if len(rec.logs) != 0 {
		t.Errorf("unexpected warnings %q", rec.logs)
	}
}

func TestConcurrentAssertions(t *testing.T) {
	h := demoHarness(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				role := []string{"Dev-View-Dev", "DevOps-Deploy-Prod", "Billing-View"}[(i+j)%3]
				h.Role(role).Denies(t, "cam:AttachUserPolicy", "*")
				h.User("bob.singh").CanAssume(t, "BreakGlass-Admin")
			}
		}()
	}
	wg.Wait()
	if c := h.Coverage(); len(c.Subjects) != 4 {
		t.Errorf("coverage of %d subjects, want 4", len(c.Subjects))
	}
}
