package roles_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
)

var t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// newAccount returns a fake account with a few users at the clock t0.
func newAccount(t testing.TB, opts ...camfake.Option) *camfake.Fake {
	t.Helper()
	dev := cam.MFASettings{Login: cam.MFAFactors{Stoken: true}, Operation: cam.MFAFactors{Stoken: true}}
	seed := camfake.Seed{Users: []camfake.SeedUser{
		{Name: "alice", ConsoleLogin: true, MFA: dev},
		{Name: "bob", ConsoleLogin: true, MFA: dev},
		{Name: "carol", ConsoleLogin: true, MFA: cam.MFASettings{Login: cam.MFAFactors{Phone: true}}},
	}}
	all := append([]camfake.Option{camfake.WithClock(func() time.Time { return t0 }), camfake.WithSeed(seed)}, opts...)
	return camfake.New(all...)
}

func load(t testing.TB, f cam.Reader) *cam.Snapshot {
	t.Helper()
	s, err := cam.Load(context.Background(), f, cam.WithClock(func() time.Time { return t0 }), cam.WithRateScale(1000))
	if err != nil {
		t.Fatalf("cam.Load: %v", err)
	}
	if len(s.Problems) > 0 {
		t.Fatalf("cam.Load problems: %v", s.Problems)
	}
	return s
}

func ticket(id string) roles.Ticket {
	return roles.Ticket{ID: id, Why: "on-call rotation", ApprovedBy: "dana", Resources: []string{"prod"}}
}

func standardAssignments() []roles.Assignment {
	return []roles.Assignment{
		{User: "alice", Role: "Platform-ReadOnly"},
		{User: "alice", Role: "DevOps-Deploy-Prod", Ticket: ticket("OPS-1")},
		{User: "bob", Role: "DevOps-Deploy-Dev"},
		{User: "bob", Role: "Break-Glass-Admin", Until: t0.Add(8 * time.Hour), Ticket: ticket("INC-7")},
		{User: "carol", Role: "Billing-View"},
	}
}

func apply(t testing.TB, f *camfake.Fake, p *roles.Plan) roles.ChangeRecord {
	t.Helper()
	rec, err := roles.Apply(context.Background(), f, p, roles.ChangeRecord{Why: "test", ApprovedBy: "dana"})
	if err != nil {
		t.Fatalf("Apply: %v\nplan:\n%s", err, p)
	}
	return rec
}

func TestPlanApplyConverges(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	p, err := c.Plan(load(t, f), standardAssignments()...)
	if err != nil {
		t.Fatal(err)
	}
	if p.Empty() {
		t.Fatal("first plan is empty")
	}
	add, change, remove := p.Counts()
	if add == 0 || remove != 0 {
		t.Errorf("counts = %d, %d, %d; want additions and no removals", add, change, remove)
	}
	rec := apply(t, f, p)
	if rec.Done() != len(p.Changes) || rec.Error != "" {
		t.Fatalf("record: %d of %d done, error %q", rec.Done(), len(p.Changes), rec.Error)
	}
	if got := strings.Join(rec.Environments, ","); got != "all,dev,prod" {
		t.Errorf("environments = %q, want all,dev,prod", got)
	}

	snap := load(t, f)
	again, err := c.Plan(snap, standardAssignments()...)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", again)
	}

	// CAM itself holds the grants: alice can assume the production role, carol cannot.
	who := map[string]bool{}
	holders, err := snap.WhoCanAssume("DevOps-Deploy-Prod")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range holders {
		who[u.Name] = true
	}
	if !who["alice"] || who["carol"] || who["bob"] {
		t.Errorf("WhoCanAssume(DevOps-Deploy-Prod) = %v, want alice only", who)
	}
	r, _ := snap.RoleByName("Break-Glass-Admin")
	if !strings.Contains(r.TrustPolicy, "date_less_than") {
		t.Errorf("break-glass trust has no expiry: %s", r.TrustPolicy)
	}
}

func TestPlanExpiredGrantIsRevoked(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	as := standardAssignments()
	apply(t, f, mustPlan(t, c, load(t, f), as...))

	// Eight hours later bob's break-glass grant has ended.
	later := load(t, f)
	later.Taken = t0.Add(9 * time.Hour)
	p := mustPlan(t, c, later, as...)
	if len(p.Expired) != 1 || p.Expired[0].Role != "Break-Glass-Admin" {
		t.Fatalf("Expired = %v", p.Expired)
	}
	kinds := map[roles.ChangeKind]int{}
	for _, ch := range p.Changes {
		kinds[ch.Kind]++
	}
	if kinds[roles.UpdateTrust] != 1 || kinds[roles.UpdatePolicy] != 1 {
		t.Errorf("changes = %v, want the trust and bob's assume policy updated:\n%s", kinds, p)
	}
	apply(t, f, p)
	after := load(t, f)
	after.Taken = later.Taken
	if p := mustPlan(t, c, after, as...); !p.Empty() {
		t.Errorf("not converged:\n%s", p)
	}

	// Dropping every assignment of a user revokes and deletes their policy.
	p = mustPlan(t, c, after, as[:2]...)
	var revoked, deleted bool
	for _, ch := range p.Changes {
		revoked = revoked || (ch.Kind == roles.Revoke && ch.User == "bob")
		deleted = deleted || (ch.Kind == roles.DeletePolicy && ch.Policy == "camkit-assume-bob")
	}
	if !revoked || !deleted {
		t.Errorf("bob not revoked and deleted:\n%s", p)
	}
	apply(t, f, p)
	if p := mustPlan(t, c, load(t, f), as[:2]...); !p.Empty() {
		t.Errorf("not converged after revoke:\n%s", p)
	}
}

func mustPlan(t testing.TB, c *roles.Catalog, s *cam.Snapshot, as ...roles.Assignment) *roles.Plan {
	t.Helper()
	p, err := c.Plan(s, as...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanPartialApplyConverges(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	p := mustPlan(t, c, load(t, f), standardAssignments()...)
	f.Inject(camfake.Fault{Action: "AttachRolePolicy", Err: &cam.APIError{Code: "InternalError", Message: "injected"}, Times: 1})
	rec, err := roles.Apply(context.Background(), f, p, roles.ChangeRecord{Why: "test"})
	if !errors.Is(err, roles.ErrApply) {
		t.Fatalf("Apply error = %v, want ErrApply", err)
	}
	var apiErr *cam.APIError
	if !errors.As(err, &apiErr) {
		t.Errorf("Apply error does not wrap the *cam.APIError: %v", err)
	}
	failed, skipped := 0, 0
	for _, r := range rec.Changes {
		switch r.Status {
		case roles.StatusFailed:
			failed++
		case roles.StatusNotAttempted:
			skipped++
		}
	}
	if failed != 1 || skipped == 0 || rec.Done() == 0 || rec.Error == "" {
		t.Errorf("record: %d done, %d failed, %d not attempted, error %q", rec.Done(), failed, skipped, rec.Error)
	}
	p2 := mustPlan(t, c, load(t, f), standardAssignments()...)
	if p2.Empty() || len(p2.Changes) >= len(p.Changes) {
		t.Fatalf("re-plan after partial apply: %d changes (first plan %d)", len(p2.Changes), len(p.Changes))
	}
	apply(t, f, p2)
	if p3 := mustPlan(t, c, load(t, f), standardAssignments()...); !p3.Empty() {
		t.Errorf("not converged:\n%s", p3)
	}
}

func TestApplyHonoursContext(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	p := mustPlan(t, c, load(t, f))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec, err := roles.Apply(ctx, f, p, roles.ChangeRecord{})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, roles.ErrApply) {
		t.Fatalf("err = %v, want context.Canceled and ErrApply", err)
	}
	if rec.Done() != 0 || f.CallCount("CreatePolicy") != 0 {
		t.Errorf("changes made after cancellation: %d done, %d CreatePolicy calls", rec.Done(), f.CallCount("CreatePolicy"))
	}
}

func TestPlanConflictsLeftAlone(t *testing.T) {
	f := camfake.Demo()
	c := roles.Standard(f.OwnerUIN())
	s := load(t, f)
	p := mustPlan(t, c, s)
	conflicted := map[string]bool{}
	for _, k := range p.Conflicts {
		conflicted[k.Role] = true
	}
	// The demo's hand-made Platform-ReadOnly and Billing-View are in the way.
	if !conflicted["Platform-ReadOnly"] || !conflicted["Billing-View"] {
		t.Fatalf("conflicts = %v", p.Conflicts)
	}
	for _, ch := range p.Changes {
		if conflicted[ch.Role] {
			t.Errorf("plan changes conflicted role %s: %s", ch.Role, ch)
		}
	}
	if !strings.Contains(p.String(), "! conflict: role Platform-ReadOnly exists and was not made by camkit") {
		t.Errorf("String lacks the conflict:\n%s", p)
	}
	before := len(f.Calls())
	apply(t, f, p)
	_ = before
	after := load(t, f)
	r, _ := after.RoleByName("Platform-ReadOnly")
	orig, _ := s.RoleByName("Platform-ReadOnly")
	if r.TrustPolicy != orig.TrustPolicy || len(r.Tags) != len(orig.Tags) || len(r.Policies) != len(orig.Policies) {
		t.Errorf("hand-made role changed: %+v", r)
	}
	if p := mustPlan(t, c, after); !p.Empty() {
		t.Errorf("not converged:\n%s", p)
	}
}

func TestPlanDriftIsRepaired(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	apply(t, f, mustPlan(t, c, load(t, f), standardAssignments()...))
	ctx := context.Background()
	s := load(t, f)
	// Someone widens a managed policy, attaches an extra one and retags the role.
	pol, _ := s.PolicyByName("Billing-View-Policy")
	if _, err := f.CreatePolicyVersion(ctx, pol.ID, policy.New(policy.Allow("finance:*").On("*")).Canonical(), true); err != nil {
		t.Fatal(err)
	}
	for range 3 { // five versions in all: the update must make room
		if _, err := f.CreatePolicyVersion(ctx, pol.ID, policy.New(policy.Allow("finance:DescribeBillList").On("*")).Canonical(), false); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.AttachRolePolicy(ctx, 1, "Billing-View"); err != nil {
		t.Fatal(err)
	}
	if err := f.TagRole(ctx, "Billing-View", []cam.Tag{{Key: "tier", Value: "4"}, {Key: "extra", Value: "x"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.UpdateRoleSessionDuration(ctx, "Billing-View", 43200); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, c, load(t, f), standardAssignments()...)
	want := []roles.ChangeKind{roles.UpdatePolicy, roles.UpdateSessionDuration, roles.TagRole, roles.UntagRole, roles.DetachRolePolicy}
	var got []roles.ChangeKind
	for _, ch := range p.Changes {
		got = append(got, ch.Kind)
	}
	if len(got) != len(want) {
		t.Fatalf("changes = %v, want %v:\n%s", got, want, p)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("changes = %v, want %v", got, want)
		}
	}
	apply(t, f, p)
	if p := mustPlan(t, c, load(t, f), standardAssignments()...); !p.Empty() {
		t.Errorf("not converged:\n%s", p)
	}
}

func TestPlanErrors(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	s := load(t, f)
	cases := map[string]struct {
		a    roles.Assignment
		want string
	}{
		"unknown role":    {roles.Assignment{User: "alice", Role: "Nope-Role"}, `role "Nope-Role" is not in the catalog`},
		"unknown user":    {roles.Assignment{User: "zed", Role: "Billing-View"}, `user "zed" is not in the snapshot`},
		"prod no ticket":  {roles.Assignment{User: "alice", Role: "DevOps-Deploy-Prod"}, "a grant of a Production role needs a ticket"},
		"timed no ticket": {roles.Assignment{User: "alice", Role: "Billing-View", Until: t0.Add(time.Hour)}, "): a time-limited grant needs a ticket"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := c.Plan(s, tc.a)
			if !errors.Is(err, roles.ErrPlan) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want ErrPlan containing %q", err, tc.want)
			}
		})
	}
	if _, err := c.Plan(nil); !errors.Is(err, roles.ErrPlan) {
		t.Errorf("nil snapshot: %v", err)
	}
	if _, err := c.Plan(&cam.Snapshot{}); !errors.Is(err, roles.ErrPlan) {
		t.Errorf("no owner: %v", err)
	}
}

func TestPlanWarnsOnHolders(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	s := load(t, f)
	p := mustPlan(t, c, s,
		roles.Assignment{User: "carol", Role: "DevOps-Deploy-Prod", Ticket: ticket("OPS-2")},
		roles.Assignment{User: "alice", Role: "Break-Glass-Admin", Ticket: ticket("INC-8")},
	)
	text := strings.Join(p.Warnings, "\n")
	for _, want := range []string{"carol has no operation protection with an MFA device", "alice holds the role permanently"} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
}

func TestChangeRecordLog(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	p := mustPlan(t, c, load(t, f), standardAssignments()...)
	rec, err := roles.Apply(context.Background(), f, p, roles.ChangeRecord{Why: "quarterly & onboarding", ApprovedBy: "dana", Ticket: ticket("CHG-1")})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rec.AppendLog(&buf); err != nil {
		t.Fatal(err)
	}
	if err := rec.AppendLog(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	if !strings.Contains(lines[0], `"why":"quarterly & onboarding"`) {
		t.Errorf("HTML-escaped or missing why: %.200s", lines[0])
	}
	var back roles.ChangeRecord
	if err := json.Unmarshal([]byte(lines[0]), &back); err != nil {
		t.Fatal(err)
	}
	if back.ApprovedBy != "dana" || len(back.Changes) != len(p.Changes) || back.Start.IsZero() || back.End.Before(back.Start) ||
		len(back.Grants) != 5 || back.Changes[0].Status != roles.StatusDone || back.Account != f.OwnerUIN() {
		t.Errorf("record round trip: %+v", back)
	}
}

func TestPlanJSONRoundTrip(t *testing.T) {
	f := newAccount(t)
	c := roles.Standard(f.OwnerUIN())
	p := mustPlan(t, c, load(t, f), standardAssignments()...)
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back roles.Plan
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.String() != p.String() {
		t.Fatalf("plan changed in JSON:\n%s\nwant\n%s", back.String(), p.String())
	}
	apply(t, f, &back) // a reviewed plan, saved and read back, applies
	if p := mustPlan(t, c, load(t, f), standardAssignments()...); !p.Empty() {
		t.Errorf("not converged:\n%s", p)
	}
}
