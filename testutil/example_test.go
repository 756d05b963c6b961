package testutil_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
)

// exampleT stands in for the *testing.T a test function receives, so the
// examples can run: it prints what a test would log or report.
type exampleT struct{ testing.TB }

func (exampleT) Helper()                           {}
func (exampleT) Name() string                      { return "TestRoles" }
func (exampleT) Errorf(format string, args ...any) { fmt.Println("FAIL") }
func (exampleT) Log(args ...any)                   {} // go test shows logs with -v

// The standard catalogue, tested offline: each role's policies as defined.
func ExampleFromCatalog() {
	h, err := testutil.FromCatalog(roles.Standard(100000000001))
	if err != nil {
		fmt.Println(err)
		return
	}
	var t testing.TB = exampleT{} // in a test: the *testing.T
	ro := h.Role("Platform-ReadOnly")
	fmt.Println(ro.Allows(t, "cvm:DescribeInstances", "*"))
	fmt.Println(ro.Denies(t, "cvm:TerminateInstances", "*"))
	// Output:
	// true
	// true
}

// What the account really holds: load it (here the fake demo account) and
// test its roles and users.
func ExampleFromSnapshot() {
	s, err := cam.Load(context.Background(), camfake.Demo(), cam.WithClock(func() time.Time { return camfake.DemoTime }), cam.WithRateScale(1000))
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := testutil.FromSnapshot(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	var t testing.TB = exampleT{}
	fmt.Println(h.User("bob.singh").CanAssume(t, "BreakGlass-Admin"))
	fmt.Println(h.User("ops-admin").Allows(t, "cam:AttachUserPolicy", "*"))
	// Output:
	// true
	// true
}

// Conditions need their context: the production deploy role may start
// tagged instances only from the office network.
func ExampleSubject_Allows() {
	h := exampleHarness()
	var t testing.TB = exampleT{}
	res := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	ok := h.Role("DevOps-Deploy-Prod").Allows(t, "cvm:StartInstances", res,
		testutil.WithIP("10.20.3.4"), testutil.WithResourceTag("env", "prod"))
	fmt.Println(ok)
	// Output: true
}

// A user may assume a role when the role's trust policy lets the user in and
// the user's own policies allow sts:AssumeRole on it.
func ExampleSubject_CanAssume() {
	h := exampleHarness()
	var t testing.TB = exampleT{}
	fmt.Println(h.User("bob.singh").CanAssume(t, "BreakGlass-Admin"))
	fmt.Println(h.User("alice.chen").CannotAssume(t, "BreakGlass-Admin")) // trusted, but holds no grant
	// Output:
	// true
	// true
}

// A deny statement, not just the lack of an allow.
func ExampleSubject_DeniesExplicitly() {
	h := exampleHarness()
	var t testing.TB = exampleT{}
	fmt.Println(h.Role("DevOps-Deploy-Prod").DeniesExplicitly(t, "cvm:TerminateInstances", "*"))
	// Output: true
}

// A misspelt action fails, even in a "denied" expectation, with the real
// name; the Failure says so.
func ExampleHarness_Check() {
	h := exampleHarness()
	fs := h.Check(
		testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow},
		testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:TerminateInstance", Resource: "*", Expect: testutil.ExpectDeny},
	)
	for _, f := range fs {
		fmt.Println(f.Kind, f.Suggestion)
	}
	// Output: unknown_action cvm:TerminateInstances
}

// A failed expectation explains itself: expected against actual, the near
// miss and the context key the request lacked.
func ExampleFailure() {
	h := exampleHarness()
	fs := h.Check(testutil.Case{Subject: "DevOps-Deploy-Prod", Action: "cvm:StartInstances",
		Resource: "*", Expect: testutil.ExpectAllow, Context: map[string][]string{"qcs:resource_tag": {"env&prod"}}})
	fmt.Println(fs[0].Message)
	// Output:
	// role "DevOps-Deploy-Prod": cvm:StartInstances on *
	//   expected: allowed
	//   actual:   denied implicitly: no statement allows it
	//   near miss: policy "devops-deploy-prod" statement[0] (condition did not match: ip_equal["qcs:ip"]: key is absent from the request)
	//   warning: the request does not supply condition key "qcs:ip" (read by policy "devops-deploy-prod" statement[0]); supply it with testutil.WithIP(...)
}

// The IAM guide's smoke test: a safe read, a controlled write, a forbidden
// action.
func ExampleHarness_Smoke() {
	h := exampleHarness()
	var t testing.TB = exampleT{}
	office := []testutil.Option{testutil.WithIP("10.20.3.4"), testutil.WithResourceTag("env", "prod")}
	res := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	fmt.Println(h.Smoke(t, "DevOps-Deploy-Prod",
		testutil.Call("cvm:DescribeInstances", res, office...),
		testutil.Call("cvm:RebootInstances", res, office...),
		testutil.Call("cvm:TerminateInstances", res, office...)))
	// Output: true
}

// The whole catalogue: every documented Can and Cannot, and every tier.
func ExampleVerifyCatalog() {
	var t testing.TB = exampleT{}
	fmt.Println(testutil.VerifyCatalog(t, roles.Standard(100000000001)))
	// Output: true
}

// Expectations a security team keeps in YAML (or JSON).
func ExampleParseExpectations() {
	cases, err := testutil.ParseExpectations("prod.yaml", []byte(`
- role: DevOps-Deploy-Prod
  action: cvm:TerminateInstances
  resource: "*"
  expect: explicit_deny
  why: production instances are never terminated by a deploy role
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cases[0].Source, cases[0].Expect, len(exampleHarness().Check(cases...)))
	_, err = testutil.ParseExpectations("prod.yaml", []byte("- role: DevOps-Deploy-Prod\n  action: cvm:StartInstances\n  resource: '*'\n  expect: alow\n"))
	fmt.Println(err)
	// Output:
	// prod.yaml:2 explicit_deny 0
	// testutil: prod.yaml:4: expectations[0].expect: unknown expectation "alow" (want allow, deny or explicit_deny)
}

// Statements no expectation exercised, as data and as a report.
func ExampleHarness_Coverage() {
	h := exampleHarness()
	h.Role("DevOps-Deploy-Prod").DeniesExplicitly(exampleT{}, "cvm:TerminateInstances", "*")
	cov := h.Coverage()
	fmt.Println(cov.Untested())
	fmt.Println(cov)
	// Output:
	// 1
	// testutil coverage: 1 of 2 statements exercised; 1 untested
	//   role "DevOps-Deploy-Prod": 1/2
	//     untested: policy "devops-deploy-prod" statement[0] allow cvm:*, tke:*, clb:* on * (with a condition)
}

// A table of cases as parallel subtests named role/action/resource. Matrix
// needs the *testing.T of a test function:
//
//	func TestRoles(t *testing.T) { h.Matrix(t, cases) }
func ExampleHarness_Matrix() {
	cases := []testutil.Case{
		{Subject: "Dev-View-Dev", Action: "cvm:DescribeInstances", Resource: "*", Expect: testutil.ExpectAllow},
		{Subject: "Dev-View-Dev", Action: "cvm:RunInstances", Resource: "*", Expect: testutil.ExpectDeny},
	}
	for _, c := range cases {
		fmt.Println(c.Name())
	}
	fmt.Println(len(exampleHarness().Check(cases...)))
	// Output:
	// Dev-View-Dev/cvm:DescribeInstances/*
	// Dev-View-Dev/cvm:RunInstances/*
	// 0
}

// Failures as JSON for a CI report.
func ExampleFailure_json() {
	fs := exampleHarness().Check(testutil.Case{Subject: "Dev-View-Dev", Action: "cvm:RunInstances", Resource: "*", Expect: testutil.ExpectAllow})
	var out struct {
		Kind   string `json:"kind"`
		Actual string `json:"actual"`
	}
	data, _ := json.Marshal(fs[0])
	_ = json.Unmarshal(data, &out)
	fmt.Println(out.Kind, out.Actual)
	// Output: wrong_outcome implicit_deny
}

// exampleHarness is a harness over the demo account's saved snapshot.
func exampleHarness() *testutil.Harness {
	f, err := os.Open("../cam/testdata/demo.snapshot.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	s, err := cam.ReadSnapshot(f)
	if err != nil {
		panic(err)
	}
	h, err := testutil.FromSnapshot(s)
	if err != nil {
		panic(err)
	}
	return h
}

// An expectation file kept next to the tests.
func ExampleLoadExpectations() {
	cases, err := testutil.LoadExpectations("testdata/demo-expectations.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cases {
		fmt.Println(c.Source, c.Kind, c.Subject, c.Expect)
	}
	fmt.Println(len(exampleHarness().Check(cases...)), "failures")
	// Output:
	// demo-expectations.yaml:4 role DevOps-Deploy-Prod allow
	// demo-expectations.yaml:12 role DevOps-Deploy-Prod explicit_deny
	// demo-expectations.yaml:20 user frank.wu deny
	// 0 failures
}

// Decide evaluates without asserting, for tools that want the decision.
func ExampleSubject_Decide() {
	d, err := exampleHarness().Role("DevOps-Deploy-Prod").Decide("cvm:TerminateInstances", "*")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Outcome())
	fmt.Println(d.Statement(0))
	// Output:
	// explicit deny
	// policy "devops-deploy-prod" statement[1]
}
