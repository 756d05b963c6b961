package roletests_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/testutil"
)

var (
	snapshotOnce sync.Once
	snapshotH    *testutil.Harness
	snapshotErr  error
)

// account returns a harness over the account's snapshot, built once. Here
// the account is the fake demo account; in real use, read a snapshot a
// nightly job saved:
//
//	f, _ := os.Open("account.snapshot.json")
//	s, err := cam.ReadSnapshot(f)
//
// or load the account live with the cam/tencent adapter and cam.Load.
func account(t *testing.T) *testutil.Harness {
	t.Helper()
	snapshotOnce.Do(func() {
		var s *cam.Snapshot
		s, snapshotErr = cam.Load(context.Background(), camfake.Demo(),
			cam.WithClock(func() time.Time { return camfake.DemoTime }), cam.WithRateScale(1000))
		if snapshotErr != nil {
			return
		}
		snapshotH, snapshotErr = testutil.FromSnapshot(s)
		if snapshotErr == nil {
			harnesses["demo account snapshot"] = snapshotH
		}
	})
	if snapshotErr != nil {
		t.Fatal(snapshotErr)
	}
	return snapshotH
}

// The security team's expectations, kept in YAML next to the tests.
func TestExpectationFile(t *testing.T) {
	cases, err := testutil.LoadExpectations("testdata/expectations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	account(t).Matrix(t, cases)
}

// Who may assume the powerful roles: the trust policy must let the user in
// and the user's own policies must allow sts:AssumeRole on the role.
func TestWhoAssumesBreakGlass(t *testing.T) {
	h := account(t)
	h.User("bob.singh").CanAssume(t, "BreakGlass-Admin")
	h.User("alice.chen").CannotAssume(t, "BreakGlass-Admin") // trusted, but holds no grant for it
	h.User("frank.wu").CannotAssume(t, "BreakGlass-Admin")
	h.User("alice.chen").CanAssume(t, "DevOps-Deploy-Prod")
	h.User("erin.lopez").CannotAssume(t, "DevOps-Deploy-Prod")
}

// What the production deploy role really holds in the account, including
// the condition that pins it to the office network.
func TestDeployProdInAccount(t *testing.T) {
	h := account(t)
	r := h.Role("DevOps-Deploy-Prod")
	inst := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	office, tagged := testutil.WithIP("10.20.3.4"), testutil.WithResourceTag("env", "prod")
	r.Allows(t, "cvm:StartInstances", inst, office, tagged)
	r.Denies(t, "cvm:StartInstances", inst, testutil.WithIP("203.0.113.77"), tagged)
	r.DeniesExplicitly(t, "cvm:TerminateInstances", inst, office, tagged)
}
