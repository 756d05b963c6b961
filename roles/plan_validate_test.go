package roles_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

// Plan refuses an invalid catalogue before planning anything: the error
// matches ErrPlan and each kind of problem Validate found, and names every
// problem, one a line.
func TestPlanRefusesInvalidCatalog(t *testing.T) {
	f := newAccount(t)
	c, err := roles.NewCatalog(
		roles.Definition{Name: "ops-view", Tier: tiers.ReadOnly, Purpose: "Look around.",
			Policies: []roles.Policy{{Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}}},
		roles.Definition{Name: "Billing-View", Tier: tiers.ReadOnly, Purpose: "Read bills.",
			Policies: []roles.Policy{{Document: policy.New(policy.Allow("finance:DescribeBillList").On("*"))}},
			Can:      []roles.Intent{roles.Intend("Reads the bill summary.", "finance:DescribeBillSummary", "*")}},
	)
	if err != nil {
		t.Fatal(err)
	}
	verr := c.Validate()
	if verr == nil {
		t.Fatal("the catalog validates")
	}
	p, err := c.Plan(load(t, f), roles.Assignment{User: "alice", Role: "Billing-View"})
	if p != nil {
		t.Errorf("an invalid catalog was planned:\n%s", p)
	}
	for _, target := range []error{roles.ErrPlan, roles.ErrBadName, roles.ErrIntent} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = false; err:\n%v", target, err)
		}
	}
	lines := strings.Split(err.Error(), "\n")
	if n := len(strings.Split(verr.Error(), "\n")); len(lines) != n {
		t.Errorf("Plan's error has %d lines, Validate's %d:\n%v", len(lines), n, err)
	}
	for _, want := range []string{
		`roles: plan: the catalog is invalid: role name "ops-view": part 1 "ops" must start with an upper-case letter`,
		`roles: plan: the catalog is invalid: role Billing-View: can[0] "Reads the bill summary.": finance:DescribeBillSummary on * should be allowed`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in\n%v", want, err)
		}
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, "roles: plan: the catalog is invalid: role") {
			t.Errorf("a line does not say what it is about: %q", line)
		}
	}

	// Fixed, the same catalog plans.
	defs := c.Roles()
	defs[0].Name = "Ops-View"
	defs[1].Can = nil
	fixed, err := roles.NewCatalog(defs...)
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPlan(t, fixed, load(t, f), roles.Assignment{User: "alice", Role: "Billing-View"}); p.Empty() {
		t.Error("the fixed catalog plans nothing")
	}
}

// The standard catalogue plans with or without an earlier Validate, and a
// Standard option error reaches Plan.
func TestPlanValidatesStandard(t *testing.T) {
	f := newAccount(t)
	s := load(t, f)
	if p := mustPlan(t, roles.Standard(f.OwnerUIN()), s, standardAssignments()...); p.Empty() {
		t.Error("the standard catalogue plans nothing")
	}
	c := roles.Standard(f.OwnerUIN())
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if p := mustPlan(t, c, s, standardAssignments()...); p.Empty() {
		t.Error("the validated standard catalogue plans nothing")
	}
	_, err := roles.Standard(f.OwnerUIN(), roles.WithOfficeIPs("not-an-ip")).Plan(s)
	if !errors.Is(err, roles.ErrPlan) || !errors.Is(err, roles.ErrInvalid) || !strings.Contains(err.Error(), "not-an-ip") {
		t.Errorf("Plan of a catalogue with a bad option: %v", err)
	}
}

// A catalogue resolves each preset once: Documents, Evaluator, Validate,
// Advisories and Plan all see the document the resolver gave first.
func TestPresetsResolvedOnce(t *testing.T) {
	f := newAccount(t)
	var mu sync.Mutex
	calls := map[string]int{}
	list := roles.PresetList(fakePresetList(t)...)
	counting := func(name string) (roles.Preset, bool) {
		mu.Lock()
		calls[name]++
		mu.Unlock()
		return list(name)
	}
	c := presetCatalog(t).WithPresets(counting)
	if _, err := c.Documents("Logs-View-Dev"); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Evaluator("Logs-View-Dev"); err != nil {
		t.Fatal(err)
	}
	c.Advisories()
	if n := calls["QcloudCLSReadOnlyAccess"]; n != 1 {
		t.Errorf("the preset's document was resolved %d times, want once", n)
	}
	// Plan asks once more, for the ID of a preset the snapshot lacks.
	mustPlan(t, c, load(t, f), roles.Assignment{User: "alice", Role: "Logs-View-Dev"})
	if n := calls["QcloudCLSReadOnlyAccess"]; n != 2 {
		t.Errorf("after Plan the resolver was asked %d times, want 2", n)
	}
}

// Validate, Plan, Documents and Evaluator may run at once on a fresh
// catalogue (go test -race).
func TestCatalogConcurrentUse(t *testing.T) {
	f := newAccount(t)
	s := load(t, f)
	c := presetCatalog(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 4 {
		wg.Go(func() {
			if err := c.Validate(); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			if _, err := c.Plan(s); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			if _, err := c.Documents("Logs-View-Dev"); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			if _, err := c.Evaluator("Logs-View-Dev"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
