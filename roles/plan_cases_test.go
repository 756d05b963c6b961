package roles_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

// fakePresets resolves the fake's preset policies, with their IDs.
func fakePresets(t testing.TB) roles.PresetResolver {
	t.Helper()
	return roles.PresetList(fakePresetList(t)...)
}

// fakePresetList returns the fake's preset policies, with their IDs.
func fakePresetList(t testing.TB) []roles.Preset {
	t.Helper()
	var ps []roles.Preset
	for _, p := range camfake.PresetPolicies() {
		doc, err := policy.Parse([]byte(p.Document))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, roles.Preset{ID: p.ID, Name: p.Name, Document: doc})
	}
	return ps
}

func presetCatalog(t testing.TB) *roles.Catalog {
	t.Helper()
	d := roles.Definition{
		Name: "Logs-View-Dev", Tier: tiers.ReadOnly, Purpose: "Read logs.",
		Policies: []roles.Policy{{Preset: "QcloudCLSReadOnlyAccess"},
			{Document: policy.New(policy.Allow("monitor:GetMonitorData").On("*"))}},
		Boundary: policy.New(policy.Allow("cls:*", "monitor:*").On("*")),
		Can:      []roles.Intent{roles.Intend("Search logs.", "cls:SearchLog", "*")},
		Cannot:   []roles.Intent{roles.Intend("Delete no topic.", "cls:DeleteTopic", "*")},
	}
	c, err := roles.NewCatalog(d)
	if err != nil {
		t.Fatal(err)
	}
	return c.WithPresets(fakePresets(t))
}

func TestPlanPresetsAndBoundary(t *testing.T) {
	f := newAccount(t)
	c := presetCatalog(t)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	as := []roles.Assignment{{User: "alice", Role: "Logs-View-Dev"}}
	p := mustPlan(t, c, load(t, f), as...)
	apply(t, f, p)
	s := load(t, f)
	r, _ := s.RoleByName("Logs-View-Dev")
	if r.Boundary == nil || r.Boundary.PolicyName != "Logs-View-Dev-Boundary" || len(r.Policies) != 2 {
		t.Errorf("role after apply: boundary %+v, %d policies", r.Boundary, len(r.Policies))
	}
	if p := mustPlan(t, c, s, as...); !p.Empty() {
		t.Errorf("not converged:\n%s", p)
	}

	// Without a resolver, the catalog is invalid (its intents cannot be
	// checked), and Plan says so.
	d, _ := c.Role("Logs-View-Dev")
	bare, _ := roles.NewCatalog(d)
	_, err := bare.Plan(load(t, newAccount(t)))
	if !errors.Is(err, roles.ErrPlan) || !errors.Is(err, roles.ErrUnknownPreset) ||
		err.Error() != `roles: plan: the catalog is invalid: role Logs-View-Dev: policies[0]: preset policy "QcloudCLSReadOnlyAccess" cannot be resolved; give its document with Catalog.WithPresets` {
		t.Errorf("plan without a preset resolver: %v", err)
	}

	// A resolver that gives the document but no ID, with the preset not in
	// the snapshot, leaves Plan without an ID to attach: it fails clearly.
	noIDs := fakePresetList(t)
	for i := range noIDs {
		noIDs[i].ID = 0
	}
	_, err = bare.WithPresets(roles.PresetList(noIDs...)).Plan(load(t, newAccount(t)))
	if !errors.Is(err, roles.ErrUnknownPreset) || !strings.Contains(err.Error(), `preset policy "QcloudCLSReadOnlyAccess" is not in the snapshot`) {
		t.Errorf("plan without preset IDs: %v", err)
	}

	// Removing the boundary from the definition removes it from the role and
	// leaves the policy, which is then reported as unused.
	d.Boundary = nil
	nb, _ := roles.NewCatalog(d)
	nb = nb.WithPresets(fakePresets(t))
	p = mustPlan(t, nb, s, as...)
	if len(p.Changes) != 1 || p.Changes[0].Kind != roles.DeleteRoleBoundary {
		t.Fatalf("plan = %s", p)
	}
	apply(t, f, p)
	p = mustPlan(t, nb, load(t, f), as...)
	if !p.Empty() || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "policy Logs-View-Dev-Boundary was made by camkit but no role in the catalog uses it") {
		t.Errorf("after removing the boundary: %s (notes %q)", p, p.Notes)
	}
}

func TestPlanPolicyConflictAndOrphans(t *testing.T) {
	f := newAccount(t)
	ctx := context.Background()
	if _, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "Billing-View-Policy", Document: policy.New(policy.Allow("finance:*").On("*")).Canonical()}); err != nil {
		t.Fatal(err)
	}
	c := roles.Standard(f.OwnerUIN())
	p := mustPlan(t, c, load(t, f), roles.Assignment{User: "carol", Role: "Billing-View"})
	if len(p.Conflicts) != 1 || p.Conflicts[0].Role != "Billing-View" ||
		!strings.Contains(p.Conflicts[0].Message, "policy Billing-View-Policy of role Billing-View exists and was not made by camkit") ||
		!strings.Contains(p.Conflicts[0].Message, "its 1 grant(s) are not written") {
		t.Fatalf("conflicts = %+v", p.Conflicts)
	}
	for _, ch := range p.Changes {
		if ch.Role == "Billing-View" || ch.User == "carol" {
			t.Errorf("change for the conflicted role: %s", ch)
		}
	}
	apply(t, f, p)

	// A catalog without Platform-ReadOnly leaves the managed role alone.
	var keep []roles.Definition
	for _, d := range c.Roles() {
		if d.Name != "Platform-ReadOnly" {
			keep = append(keep, d)
		}
	}
	smaller, _ := roles.NewCatalog(keep...)
	p = mustPlan(t, smaller, load(t, f))
	if !p.Empty() {
		t.Errorf("plan deletes or changes: %s", p)
	}
	notes := strings.Join(p.Notes, "\n")
	if !strings.Contains(notes, "role Platform-ReadOnly was made by camkit but is not in the catalog") ||
		!strings.Contains(notes, "policy Platform-ReadOnly-Policy was made by camkit") {
		t.Errorf("notes = %s", notes)
	}
}

func TestPlanConsoleLoginNoteAndHolderLimit(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	apply(t, f, mustPlan(t, c, load(t, f)))
	s := load(t, f)
	r, _ := s.RoleByName("Billing-View")
	r.ConsoleLogin = false
	s.Reindex()
	grant := func(u string) roles.Assignment {
		return roles.Assignment{User: u, Role: "Break-Glass-Admin", Until: t0.Add(2 * 3600e9), Ticket: ticket("INC-" + u)}
	}
	p := mustPlan(t, c, s, grant("alice"), grant("bob"), grant("carol"))
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "role Billing-View: console login is false in CAM but true in the catalog") {
		t.Errorf("notes = %q", p.Notes)
	}
	if !strings.Contains(strings.Join(p.Warnings, "\n"), "3 people hold the role; a tier-4 role allows at most 2") {
		t.Errorf("warnings = %q", p.Warnings)
	}
}
