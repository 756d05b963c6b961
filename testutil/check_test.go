package testutil_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/testutil"
)

func TestCheckReturnsFailuresAsJSON(t *testing.T) {
	h := demoHarness(t)
	fs := h.Check(
		testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow},
		testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:RunInstances", Resource: "*", Expect: testutil.ExpectAllow, Why: "needs to launch"},
		testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:RunInstance", Resource: "*", Expect: testutil.ExpectDeny},
		testutil.Case{Kind: testutil.KindUser, Subject: "nobody", Action: "cvm:RunInstances", Resource: "*", Expect: testutil.ExpectDeny},
	)
	if len(fs) != 3 {
		t.Fatalf("got %d failures, want 3: %v", len(fs), fs)
	}
	kinds := []testutil.FailureKind{testutil.FailureWrongOutcome, testutil.FailureUnknownAction, testutil.FailureUnknownSubject}
	for i, k := range kinds {
		if fs[i].Kind != k {
			t.Errorf("failure %d kind %v, want %v", i, fs[i].Kind, k)
		}
	}
	if fs[1].Suggestion != "cvm:RunInstances" {
		t.Errorf("suggestion %q, want cvm:RunInstances", fs[1].Suggestion)
	}
	data, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back[0]["kind"] != "wrong_outcome" || back[0]["actual"] != "implicit_deny" {
		t.Errorf("JSON of a wrong outcome: %s", data)
	}
	if c := back[0]["case"].(map[string]any); c["expect"] != "allow" || c["why"] != "needs to launch" {
		t.Errorf("JSON case: %v", c)
	}
	if _, ok := back[0]["decision"].(map[string]any)["explanation"]; !ok {
		t.Errorf("JSON lacks the decision's explanation: %s", data)
	}
	if back[2]["kind"] != "unknown_subject" || back[2]["decision"] != nil {
		t.Errorf("JSON of an unknown subject: %v", back[2])
	}
}

func TestSubjectErrorForIncompleteSnapshot(t *testing.T) {
	s := demoSnapshot(t)
	for i := range s.Policies {
		if s.Policies[i].Name == "devops-deploy-prod" {
			s.Policies[i].Document, s.Policies[i].Parsed = "", nil
		}
	}
	s.Reindex()
	h, err := testutil.FromSnapshot(s)
	if err != nil {
		t.Fatal(err)
	}
	rec := record(t)
	h.Role("DevOps-Deploy-Prod").Denies(rec, "cvm:TerminateInstances", "*")
	rec.mustFail(t, "devops-deploy-prod")
	fs := h.Check(testutil.Case{Subject: "DevOps-Deploy-Prod", Action: "cvm:TerminateInstances", Resource: "*", Expect: testutil.ExpectDeny})
	if len(fs) != 1 || fs[0].Kind != testutil.FailureSubjectError {
		t.Errorf("got %v, want one subject_error", fs)
	}
	if _, err := testutil.FromSnapshot((*cam.Snapshot)(nil)); err == nil {
		t.Error("FromSnapshot(nil) did not fail")
	}
}

func TestDecide(t *testing.T) {
	h := demoHarness(t)
	d, err := h.Role("Dev-View-Dev").Decide("cvm:DescribeInstances", "*")
	if err != nil || !d.Allowed() {
		t.Errorf("Decide = %v, %v", d, err)
	}
	if _, err := h.Role("Dev-View-Dev").Decide("cvm:DescribeInstance", "*"); !errors.Is(err, testutil.ErrUnknownAction) ||
		!strings.Contains(err.Error(), "cvm:DescribeInstances") {
		t.Errorf("Decide of a misspelt action = %v", err)
	}
	if _, err := h.Role("No-Such-Role").Decide("cvm:DescribeInstances", "*"); !errors.Is(err, testutil.ErrUnknownSubject) {
		t.Errorf("Decide for an unknown role = %v", err)
	}
}

func TestMatrix(t *testing.T) {
	h := demoHarness(t)
	h.Matrix(t, []testutil.Case{
		{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow},
		{Subject: "Dev-View-Dev", Action: "cvm:RunInstances", Resource: "*", Expect: testutil.ExpectDeny},
		{Kind: testutil.KindUser, Subject: "ops-admin", Action: "cam:CreateAccessKey", Resource: "*", Expect: testutil.ExpectAllow},
	})
}

func TestSmoke(t *testing.T) {
	h := demoHarness(t)
	prod := []testutil.Option{testutil.WithIP(office), testutil.WithResourceTag("env", "prod")}
	h.Smoke(t, "DevOps-Deploy-Prod",
		testutil.Call("cvm:DescribeInstances", prodTagged, prod...),
		testutil.Call("cvm:RebootInstances", prodTagged, prod...),
		testutil.Call("cvm:TerminateInstances", prodTagged, prod...))
	h.Smoke(t, "Dev-View-Dev", testutil.Call("cvm:DescribeInstances", "*"), testutil.Probe{}, testutil.Call("cvm:RunInstances", "*"))

	rec := record(t)
	if h.Smoke(rec, "Dev-View-Dev", testutil.Call("cvm:DescribeInstances", "*"), testutil.Call("cvm:DescribeImages", "*"), testutil.Call("cvm:RunInstances", "*")) {
		t.Error("Smoke passed a write step that reads")
	}
	rec.mustFail(t, "the write step calls cvm:DescribeImages, a Read API; the write step needs a Write, Tagging or PermissionsManagement API")
}

func TestCoverage(t *testing.T) {
	h := demoHarness(t)
	h.Role("DevOps-Deploy-Prod").DeniesExplicitly(t, "cvm:TerminateInstances", "*")
	cov := h.Coverage()
	if len(cov.Subjects) != 1 {
		t.Fatalf("coverage of %d subjects, want 1", len(cov.Subjects))
	}
	s := cov.Subjects[0]
	if s.Statements != 2 || s.Exercised != 1 || len(s.Untested) != 1 ||
		s.Untested[0].Statement.Name != "devops-deploy-prod" || s.Untested[0].Statement.Statement != 0 || !s.Untested[0].Conditional {
		t.Errorf("coverage %+v", s)
	}
	if !strings.Contains(cov.String(), `untested: policy "devops-deploy-prod" statement[0] allow cvm:*, tke:*, clb:* on * (with a condition)`) {
		t.Errorf("coverage report:\n%s", cov)
	}
	rec := record(t)
	if h.RequireCoverage(rec) {
		t.Error("RequireCoverage passed with an untested statement")
	}
	h.Role("DevOps-Deploy-Prod").Allows(t, "cvm:StartInstances", prodTagged, testutil.WithIP(office), testutil.WithResourceTag("env", "prod"))
	h.RequireCoverage(t)
	data, err := json.Marshal(h.Coverage())
	if err != nil || !strings.Contains(string(data), `"exercised":2`) {
		t.Errorf("coverage JSON %s, %v", data, err)
	}
}

func TestCheckLongListKeepsOrder(t *testing.T) {
	h := demoHarness(t)
	var cases []testutil.Case
	for i := range 10000 {
		c := testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow}
		if i%1000 == 7 {
			c.Expect, c.Why = testutil.ExpectDeny, fmt.Sprint(i)
		}
		cases = append(cases, c)
	}
	fs := h.Check(cases...)
	if len(fs) != 10 {
		t.Fatalf("%d failures, want 10", len(fs))
	}
	for k, f := range fs {
		if f.Case.Why != fmt.Sprint(k*1000+7) {
			t.Errorf("failure %d is case %s, want %d", k, f.Case.Why, k*1000+7)
		}
	}
}
