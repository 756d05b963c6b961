package roletests_test

import (
	"sync"
	"testing"

	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
)

// owner is the account the catalogue is for (your root account's UIN).
const owner = 100000000001

var (
	catalogOnce sync.Once
	catalog     *roles.Catalog
	catalogH    *testutil.Harness
	catalogErr  error
)

// standard returns the catalogue under test and its harness, built once.
func standard(t *testing.T) (*roles.Catalog, *testutil.Harness) {
	t.Helper()
	catalogOnce.Do(func() {
		catalog = roles.Standard(owner)
		catalogH, catalogErr = testutil.FromCatalog(catalog)
		if catalogErr == nil {
			harnesses["standard catalogue"] = catalogH
		}
	})
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	return catalog, catalogH
}

// res names a resource of the account in the catalogue's region.
func res(service, path string) string {
	return "qcs::" + service + ":ap-guangzhou:uin/100000000001:" + path
}

// Every role's documented Can is allowed, every Cannot denied, and every role
// meets its tier's requirements. (testutil.VerifyCatalog(t, catalog) does the
// same in one call; through the shared harness the checks count in its
// coverage report.)
func TestCatalogVerifies(t *testing.T) {
	_, h := standard(t)
	h.Verify(t)
}

// The IAM guide's smoke test, one line per role: a safe read, one
// controlled write, one forbidden action.
func TestSmoke(t *testing.T) {
	_, h := standard(t)
	dev := testutil.WithResourceTag("env", "dev")
	prod := testutil.WithResourceTag("env", "prod")
	read := testutil.Call("cvm:DescribeInstances", "*")
	none := testutil.Probe{} // read-only roles have no write step

	h.Smoke(t, "Platform-ReadOnly", read, none, testutil.Call("cvm:TerminateInstances", res("cvm", "instance/ins-1")))
	h.Smoke(t, "Billing-View", testutil.Call("finance:DescribeBillList", "*"), none, testutil.Call("finance:PayDeals", "*"))
	h.Smoke(t, "Security-Audit", testutil.Call("cloudaudit:LookUpEvents", "*"), none, testutil.Call("cloudaudit:StopLogging", "*"))
	h.Smoke(t, "DevOps-Deploy-Dev", read,
		testutil.Call("cvm:StartInstances", res("cvm", "instance/ins-1"), dev),
		testutil.Call("cvm:StopInstances", res("cvm", "instance/ins-2"), prod))
	h.Smoke(t, "DevOps-Deploy-Prod", read,
		testutil.Call("cvm:StartInstances", res("cvm", "instance/ins-2"), prod),
		testutil.Call("cvm:TerminateInstances", res("cvm", "instance/ins-2"), prod))
	h.Smoke(t, "Break-Glass-Admin", read,
		testutil.Call("cam:AttachUserPolicy", "*"),
		testutil.Call("cloudaudit:StopLogging", "*"))
}

// A few expectations written as assertions: what matters most about the
// production deploy role.
func TestDeployProd(t *testing.T) {
	_, h := standard(t)
	r := h.Role("DevOps-Deploy-Prod")
	prodInstance := res("cvm", "instance/ins-2")
	r.Allows(t, "cvm:StartInstances", prodInstance, testutil.WithResourceTag("env", "prod"))
	r.Denies(t, "cvm:StartInstances", res("cvm", "instance/ins-1"), testutil.WithResourceTag("env", "dev"))
	r.DeniesExplicitly(t, "cvm:TerminateInstances", prodInstance, testutil.WithResourceTag("env", "prod"))
	r.Denies(t, "cam:AttachRolePolicy", "*")
}

// The team's own matrix: rows of role × request × outcome, each a parallel
// subtest named role/action/resource (go test -run 'TestMatrix/Billing-View').
func TestMatrix(t *testing.T) {
	_, h := standard(t)
	allow, deny := testutil.ExpectAllow, testutil.ExpectDeny
	h.Matrix(t, []testutil.Case{
		{Subject: "Platform-ReadOnly", Action: "tke:DescribeClusters", Resource: "*", Expect: allow},
		{Subject: "Platform-ReadOnly", Action: "tke:DescribeClusterKubeconfig", Resource: "*", Expect: deny,
			Why: "a kubeconfig is a credential, not a read"},
		{Subject: "Billing-View", Action: "finance:DescribeAccountBalance", Resource: "*", Expect: allow},
		{Subject: "Billing-View", Action: "cvm:DescribeInstances", Resource: "*", Expect: deny},
		{Subject: "Security-Audit", Action: "cam:GetPolicy", Resource: "*", Expect: allow},
		{Subject: "Security-Audit", Action: "cam:DeletePolicy", Resource: "*", Expect: deny},
		{Subject: "Break-Glass-Admin", Action: "cloudaudit:DeleteAuditTrack", Resource: "*", Expect: testutil.ExpectExplicitDeny,
			Why: "nobody, not even break-glass, switches audit logging off"},
	})
}
