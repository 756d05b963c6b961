package testutil_test

import (
	"testing"

	"github.com/camkit/camkit/testutil"
)

const (
	prodTagged = "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	office     = "10.20.3.4"
)

func demoHarness(t testing.TB, opts ...testutil.HarnessOption) *testutil.Harness {
	t.Helper()
	h, err := testutil.FromSnapshot(demoSnapshot(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestSnapshotAssertionsPass(t *testing.T) {
	h := demoHarness(t)
	prod := h.Role("DevOps-Deploy-Prod")
	prod.Allows(t, "cvm:StartInstances", prodTagged, testutil.WithIP(office), testutil.WithResourceTag("env", "prod"))
	prod.Denies(t, "cvm:StartInstances", prodTagged, testutil.WithIP("198.51.100.7"), testutil.WithResourceTag("env", "prod"))
	prod.DeniesExplicitly(t, "cvm:TerminateInstances", prodTagged, testutil.WithIP(office), testutil.WithResourceTag("env", "prod"))
	h.Role("Dev-View-Dev").Allows(t, "cvm:DescribeInstances", "*")
	h.Role("DevOps-Deploy-Dev").Denies(t, "cam:ListUsers", "*")
	h.User("bob.singh").CanAssume(t, "BreakGlass-Admin")
	h.User("alice.chen").CannotAssume(t, "BreakGlass-Admin")
	h.User("frank.wu").CannotAssume(t, "BreakGlass-Admin")
	h.User("ops-admin").Allows(t, "cam:AttachUserPolicy", "*")
}

func TestWrongOutcomeFails(t *testing.T) {
	h := demoHarness(t)
	rec := record(t)
	if h.Role("Dev-View-Dev").Allows(rec, "cvm:RunInstances", "*") {
		t.Error("Allows returned true for a denied request")
	}
	rec.mustFail(t, `role "Dev-View-Dev": cvm:RunInstances on *`,
		"expected: allowed", "actual:   denied implicitly: no statement allows it")
}
