package testutil_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"

	"github.com/camkit/camkit/testutil"
)

// Each kind of wrong expectation must fail, with a message that says what is
// wrong. The recorder stands in for the test so the failure can be inspected.

func TestWrongOutcomeNamesDecidingStatement(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	if h.Role("DevOps-Deploy-Prod").Allows(rec, "cvm:TerminateInstances", prodTagged,
		testutil.WithIP(office), testutil.WithResourceTag("env", "prod")) {
		t.Error("Allows returned true for an explicitly denied request")
	}
	rec.mustFail(t, "expected: allowed", "actual:   denied explicitly",
		`decided by: policy "devops-deploy-prod" statement[1] (deny) [action cvm:TerminateInstances on *]`)
}

func TestExplicitDenyExpectationRejectsImplicitDeny(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	h.Role("Dev-View-Dev").DeniesExplicitly(rec, "cvm:RunInstances", "*")
	rec.mustFail(t, "expected: denied explicitly by a deny statement",
		"actual:   denied implicitly: no statement allows it",
		"near misses: none (no allow statement names this action)")
}

func TestWrongOutcomeShowsNearMissAndMissingContext(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	// The deploy statement needs the office IP and the prod tag; the request
	// gives the tag only.
	h.Role("DevOps-Deploy-Prod").Allows(rec, "cvm:StartInstances", prodTagged, testutil.WithResourceTag("env", "prod"))
	rec.mustFail(t,
		"actual:   denied implicitly",
		`near miss: policy "devops-deploy-prod" statement[0] (condition did not match: ip_equal["qcs:ip"]: key is absent from the request)`,
		`warning: the request does not supply condition key "qcs:ip" (read by policy "devops-deploy-prod" statement[0]); supply it with testutil.WithIP(...)`)
}

func TestBoundaryDenialIsExplained(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	// devops-deploy-dev allows cvm:* on dev-tagged resources, but nothing in
	// deploy-boundary allows cam:*, and the boundary denies it.
	h.Role("DevOps-Deploy-Dev").Allows(rec, "cam:ListUsers", "*")
	rec.mustFail(t, "expected: allowed", "actual:   denied")
}

func TestUnknownActionFailsWithNearestName(t *testing.T) {
	h := demoHarness(t)
	for _, tc := range []struct {
		action string
		wants  []string
	}{
		{"cvm:TerminateInstance", []string{`action "cvm:TerminateInstance" is not an API of "cvm"`, `did you mean "cvm:TerminateInstances"?`}},
		{"cmv:TerminateInstances", []string{`service "cmv" of action "cmv:TerminateInstances" is not a Tencent Cloud CAM service`, `did you mean "cvm"?`}},
		{"cvm:terminateinstances", []string{`is spelt "cvm:TerminateInstances" by Tencent Cloud`}},
		{"cvm:Terminate*", []string{"is a pattern; a request names one API"}},
		{"TerminateInstances", []string{"is not of the form service:ApiName"}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			rec := record(t)
			// A typo in a "forbidden" case must fail, not pass.
			if h.Role("Dev-View-Dev").Denies(rec, tc.action, "*") {
				t.Error("Denies passed for an action that does not exist")
			}
			rec.mustFail(t, tc.wants...)
		})
	}
}

func TestKnownActionsDeclaresMissingAPIs(t *testing.T) {
	h := demoHarness(t, testutil.KnownActions("cvm:DescribeBrandNewThing"))
	h.Role("Dev-View-Dev").Allows(t, "cvm:DescribeBrandNewThing", "*")
	if _, err := testutil.FromSnapshot(demoSnapshot(t), testutil.KnownActions("cvm")); err == nil {
		t.Error("KnownActions accepted an action without an API name")
	}
}

func TestUnknownSubjectFailsByName(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	h.Role("DevOps-Deploy-Prd").Denies(rec, "cvm:RunInstances", "*")
	rec.mustFail(t, `role "DevOps-Deploy-Prd" is not in the snapshot; did you mean "DevOps-Deploy-Prod"?`)

	rec = record(t)
	h.User("alice.chan").Denies(rec, "cvm:RunInstances", "*")
	rec.mustFail(t, `user "alice.chan" is not in the snapshot; did you mean "alice.chen"?`)

	rec = record(t)
	h.User("nobody-at-all").CanAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, `user "nobody-at-all" is not in the snapshot`)

	rec = record(t)
	h.User("alice.chen").CanAssume(rec, "BreakGlass-Admn")
	rec.mustFail(t, `role "BreakGlass-Admn" is not in the snapshot; did you mean "BreakGlass-Admin"?`)
}

func TestMissingContextWarnsAndStrictFails(t *testing.T) {
	// Denied without the office IP: right outcome, for an incomplete reason.
	h := demoHarness(t)
	rec := record(t)
	if !h.Role("DevOps-Deploy-Prod").Denies(rec, "cvm:StopInstances", prodTagged, testutil.WithResourceTag("env", "prod")) {
		t.Fatal("Denies failed")
	}
	rec.mustPass(t)
	if len(rec.logs) != 1 || !strings.Contains(rec.logs[0], `does not supply condition key "qcs:ip"`) {
		t.Errorf("want one warning about qcs:ip, got %q", rec.logs)
	}

	strict := demoHarness(t, testutil.StrictContext())
	rec = record(t)
	if strict.Role("DevOps-Deploy-Prod").Denies(rec, "cvm:StopInstances", prodTagged, testutil.WithResourceTag("env", "prod")) {
		t.Error("strict Denies passed on a request lacking a key the policy reads")
	}
	rec.mustFail(t, "the outcome is as expected, but the request lacks context that a statement able to change it reads (StrictContext is on)",
		`"qcs:ip" (read by policy "devops-deploy-prod" statement[0])`)
}

func TestInvalidCases(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	h.Role("Dev-View-Dev").Allows(rec, "cvm:DescribeInstances", "")
	rec.mustFail(t, "names no resource")

	rec = record(t)
	h.Role("Dev-View-Dev").CanAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, "only a user assumes a role")

	fs := h.Check(testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*"},
		testutil.Case{Kind: 9, Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow})
	if len(fs) != 2 || fs[0].Kind != testutil.FailureInvalidCase || fs[1].Kind != testutil.FailureInvalidCase ||
		!strings.Contains(fs[1].Message, "Kind(9) is neither role nor user") {
		t.Errorf("a case without Expect and one of kind 9: got %v, want two invalid_case failures", fs)
	}
	if _, err := json.Marshal(fs); err != nil {
		t.Errorf("failures of invalid cases do not marshal: %v", err)
	}
}

func TestCanAssumeFailureNamesTheSide(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	h.User("alice.chen").CanAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, "actual:   cannot: the user's policies do not allow sts:AssumeRole on the role",
		`near miss: policy "assume-platform-roles" statement[0]`)

	rec = record(t)
	h.User("erin.lopez").CanAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, "neither the role's trust policy nor the user's policies allow it")

	rec = record(t)
	h.User("bob.singh").CannotAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, "expected: cannot assume the role", "actual:   can")
}

func TestTimeLimitedTrustNeedsTime(t *testing.T) {
	// A time-limited grant: BreakGlass-Admin trusts bob.singh until the end
	// of the day. Without a time the trust statement cannot apply, and the
	// failure says which key to supply.
	s := demoSnapshot(t)
	expiry := time.Date(2026, 11, 1, 23, 59, 59, 0, time.UTC)
	r, _ := s.RoleByName("BreakGlass-Admin")
	r.Trust = policy.Trust(policy.SubUser(100000000001, 100000001002))
	r.Trust.Statement[0] = r.Trust.Statement[0].Until(expiry)
	h, err := testutil.FromSnapshot(s)
	if err != nil {
		t.Fatal(err)
	}
	bob := h.User("bob.singh")
	rec := record(t)
	bob.CanAssume(rec, "BreakGlass-Admin")
	rec.mustFail(t, "actual:   cannot: the role's trust policy does not let the user in",
		`warning: the request does not supply condition key "qcs:current_time" (read by policy "BreakGlass-Admin trust policy" statement[0]); supply it with testutil.At(...)`)
	bob.CanAssume(t, "BreakGlass-Admin", testutil.At(expiry.Add(-time.Hour)))
	bob.CannotAssume(t, "BreakGlass-Admin", testutil.At(expiry.Add(time.Hour)))
}
