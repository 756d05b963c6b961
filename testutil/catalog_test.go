package testutil_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
	"github.com/camkit/camkit/tiers"
)

const owner = 100000000001

func TestVerifyStandardCatalog(t *testing.T) {
	testutil.VerifyCatalog(t, roles.Standard(owner))
}

// deployCatalog is a one-role catalogue with a typo in a Cannot intent and
// a tier too low for what it grants.
func deployCatalog(t *testing.T, cannot string) *roles.Catalog {
	t.Helper()
	doc := policy.New(
		policy.Allow("cvm:Describe*", "cvm:StartInstances").On("*"),
		policy.Deny("cvm:TerminateInstances").On("*"),
	)
	c, err := roles.NewCatalog(roles.Definition{
		Name: "DevOps-Deploy-Dev", Tier: tiers.DevTest, Purpose: "deploy to dev",
		Policies: []roles.Policy{{Document: doc}},
		Can:      []roles.Intent{roles.Intend("starts instances", "cvm:StartInstances", "*")},
		Cannot:   []roles.Intent{roles.Intend("never terminates", cannot, "*")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestVerifyCatalogCatchesTypoInCannot(t *testing.T) {
	c := deployCatalog(t, "cvm:TerminateInstance")
	rec := record(t)
	if testutil.VerifyCatalog(rec, c) {
		t.Error("VerifyCatalog passed a catalogue with a misspelt Cannot")
	}
	got := rec.failures()
	for _, want := range []string{"DevOps-Deploy-Dev Cannot[0]", `did you mean "cvm:TerminateInstances"?`, "why: never terminates"} {
		if !strings.Contains(got, want) {
			t.Errorf("failures lack %q:\n%s", want, got)
		}
	}
}

func TestVerifyKeepsCoverage(t *testing.T) {
	h, err := testutil.FromCatalog(deployCatalog(t, "cvm:TerminateInstances"))
	if err != nil {
		t.Fatal(err)
	}
	rec := record(t)
	h.Verify(rec) // the role's wildcard reads break its tier: reported, not fatal
	if got := rec.failures(); !strings.Contains(got, "tier.") || strings.Contains(got, "Can[") || strings.Contains(got, "Cannot[") {
		t.Errorf("want only tier failures, got:\n%s", got)
	}
	if got := h.Coverage(); got.Untested() != 0 {
		t.Errorf("untested statements after Verify:\n%s", got)
	}
	rec = record(t)
	demoHarness(t).Verify(rec)
	rec.mustFail(t, "the harness was built from a snapshot, not a catalogue")
}

func TestFromCatalogAssertions(t *testing.T) {
	h, err := testutil.FromCatalog(deployCatalog(t, "cvm:TerminateInstances"))
	if err != nil {
		t.Fatal(err)
	}
	r := h.Role("DevOps-Deploy-Dev")
	r.Allows(t, "cvm:StartInstances", "*")
	r.DeniesExplicitly(t, "cvm:TerminateInstances", "*")
	r.Denies(t, "cvm:RunInstances", "*")

	rec := record(t)
	h.User("alice").Allows(rec, "cvm:StartInstances", "*")
	rec.mustFail(t, `user "alice" is not in the catalogue`, "build the harness with FromSnapshot to test users")

	rec = record(t)
	h.Role("DevOps-Deploy-Dve").Allows(rec, "cvm:StartInstances", "*")
	rec.mustFail(t, `did you mean "DevOps-Deploy-Dev"?`)
}

func TestFromCatalogRejectsBadInput(t *testing.T) {
	if _, err := testutil.FromCatalog(nil); !errors.Is(err, testutil.ErrInvalidHarness) {
		t.Errorf("FromCatalog(nil) = %v, want ErrInvalidHarness", err)
	}
	c, err := roles.NewCatalog(roles.Definition{Name: "Dev-View-Dev", Tier: tiers.ReadOnly,
		Policies: []roles.Policy{{Preset: "QcloudNoSuchPreset"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = testutil.FromCatalog(c)
	if err == nil || !strings.Contains(err.Error(), "role Dev-View-Dev") {
		t.Errorf("FromCatalog with an unresolvable preset = %v, want an error naming the role", err)
	}
}

func TestCatalogCases(t *testing.T) {
	cases := testutil.CatalogCases(deployCatalog(t, "cvm:TerminateInstances"))
	if len(cases) != 2 {
		t.Fatalf("got %d cases, want 2", len(cases))
	}
	if cases[0].Expect != testutil.ExpectAllow || cases[1].Expect != testutil.ExpectDeny {
		t.Errorf("expectations %v, %v; want allow, deny", cases[0].Expect, cases[1].Expect)
	}
	if cases[1].Source != "DevOps-Deploy-Dev Cannot[0]" || cases[1].Why != "never terminates" {
		t.Errorf("case %+v lacks its source or why", cases[1])
	}
}

func TestVerifyCatalogReportsTierViolation(t *testing.T) {
	c, err := roles.NewCatalog(roles.Definition{
		Name: "Platform-ReadOnly", Tier: tiers.ReadOnly, Purpose: "look around",
		Policies: []roles.Policy{{Document: policy.New(policy.Allow("cvm:Describe*", "cvm:StartInstances").On("*"))}},
		Can:      []roles.Intent{roles.Intend("reads", "cvm:DescribeInstances", "*")},
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := record(t)
	if testutil.VerifyCatalog(rec, c) {
		t.Fatal("VerifyCatalog passed a read-only role that starts instances")
	}
	if got := rec.failures(); !strings.Contains(got, "Platform-ReadOnly") || !strings.Contains(got, "tier") {
		t.Errorf("failure does not name the role and its tier:\n%s", got)
	}
}
