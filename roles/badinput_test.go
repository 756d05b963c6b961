package roles_test

import (
	"bytes"
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

func TestNilCatalog(t *testing.T) {
	var c *roles.Catalog
	if c.Len() != 0 || c.Roles() != nil || len(c.Advisories()) != 0 {
		t.Fatal("a nil catalog is not empty")
	}
	if _, ok := c.Role("Ops-View"); ok {
		t.Fatal("a nil catalog has a role")
	}
	if err := c.Validate(); !errors.Is(err, roles.ErrInvalid) || !strings.HasPrefix(err.Error(), "roles: ") {
		t.Fatalf("Validate: %v", err)
	}
	if _, err := c.Evaluator("Ops-View"); !errors.Is(err, roles.ErrInvalid) {
		t.Fatalf("Evaluator: %v", err)
	}
	snap := &cam.Snapshot{Account: cam.Account{OwnerUIN: 1}}
	if _, err := c.Plan(snap); !errors.Is(err, roles.ErrPlan) || !strings.Contains(err.Error(), "catalog is nil") {
		t.Fatalf("Plan: %v", err)
	}
	if d := c.WithPresets(roles.PresetList()); d.Len() != 0 || d.Convention().Separator() != "-" {
		t.Fatal("WithPresets on a nil catalog")
	}
	if err := roles.WriteMarkdown(&bytes.Buffer{}, c); err == nil {
		t.Fatal("WriteMarkdown of a nil catalog")
	}
}

func TestNilWritersAndContext(t *testing.T) {
	c := roles.Standard(100000000001)
	if err := roles.WriteMarkdown(nil, c); err == nil || !strings.HasPrefix(err.Error(), "roles: WriteMarkdown: ") {
		t.Fatalf("WriteMarkdown(nil): %v", err)
	}
	if err := roles.WriteRoleMarkdown(nil, c, "Billing-View"); err == nil {
		t.Fatal("WriteRoleMarkdown(nil) did not fail")
	}
	if err := (roles.ChangeRecord{}).AppendLog(nil); err == nil || !strings.HasPrefix(err.Error(), "roles: ") {
		t.Fatalf("AppendLog(nil): %v", err)
	}
	var nilCtx context.Context // a nil context is the bad input under test
	_, err := roles.Apply(nilCtx, camfake.New(), &roles.Plan{Changes: []roles.Change{{Kind: roles.CreatePolicy}}}, roles.ChangeRecord{})
	if !errors.Is(err, roles.ErrApply) || !strings.Contains(err.Error(), "context is nil") {
		t.Fatalf("Apply(nil ctx): %v", err)
	}
}

func TestPolicyNameOutOfRange(t *testing.T) {
	d := roles.Definition{Name: "Ops-View", Policies: []roles.Policy{{Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}}}
	if got := d.PolicyName(0); got != "Ops-View-Policy" {
		t.Fatalf("PolicyName(0) = %q", got)
	}
	for _, i := range []int{-1, 1, 100} {
		if got := d.PolicyName(i); got != "" {
			t.Fatalf("PolicyName(%d) = %q, want empty", i, got)
		}
	}
}

// Errors say "roles: ..." once, and still match their sentinel and cause.
func TestErrorsHaveOnePrefix(t *testing.T) {
	_, err := roles.DefaultConvention().Format(roles.Name{Team: "Ops"})
	if !errors.Is(err, roles.ErrBadName) || strings.Count(err.Error(), "roles: ") != 1 {
		t.Fatalf("Format: %v", err)
	}
	f := camfake.New()
	boom := errors.New("injected")
	f.Inject(camfake.Fault{Err: boom})
	_, err = roles.Apply(context.Background(), f, &roles.Plan{Changes: []roles.Change{{Kind: roles.CreatePolicy, Policy: "P",
		After: policy.New(policy.Allow("cvm:DescribeInstances").On("*")).Canonical()}}}, roles.ChangeRecord{})
	if !errors.Is(err, roles.ErrApply) || !errors.Is(err, boom) || strings.Count(err.Error(), "roles: ") != 1 ||
		!strings.HasPrefix(err.Error(), "roles: apply: change 0 (+ create-policy P): ") {
		t.Fatalf("Apply: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = roles.Apply(ctx, camfake.New(), &roles.Plan{Changes: []roles.Change{{Kind: roles.CreatePolicy, Policy: "P"}}}, roles.ChangeRecord{})
	if !errors.Is(err, roles.ErrApply) || !errors.Is(err, context.Canceled) || strings.Count(err.Error(), "roles: ") != 1 {
		t.Fatalf("Apply with a cancelled context: %v", err)
	}
}

// A hostile name's control characters never reach a message raw: every line
// of the joined error starts with "roles: ", and the plan prints quoted names.
func TestHostileNamesAreQuoted(t *testing.T) {
	hostile := "Ops\x1b[31m-View\nroles: all good"
	c, err := roles.NewCatalog(roles.Definition{Name: hostile, Tier: tiers.ReadOnly, Purpose: "x",
		Policies: []roles.Policy{{Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}},
		Can:      []roles.Intent{roles.Intend("Reboot.", "cvm:RebootInstances", "*")}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil {
		t.Fatal("a hostile name is valid")
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.ContainsAny(line, "\x1b") || !strings.HasPrefix(line, "roles: ") || strings.HasPrefix(line, "roles: all good") {
			t.Fatalf("raw control characters or a forged line in %q", err.Error())
		}
	}
	ch := roles.Change{Kind: roles.Grant, Policy: "camkit-assume-x", User: hostile}
	if s := ch.String(); strings.ContainsAny(s, "\x1b\n") {
		t.Fatalf("Change.String: %q", s)
	}
	if s := (roles.Assignment{User: hostile, Role: "Ops-View"}).String(); strings.ContainsAny(s, "\x1b\n") {
		t.Fatalf("Assignment.String: %q", s)
	}
	p := &roles.Plan{Changes: []roles.Change{{Kind: roles.UpdateDescription, Role: "Ops-View", Before: "a\nb", After: hostile}}}
	if s := p.String(); strings.Contains(s, "\x1b") || strings.Contains(s, "\nroles: all good") {
		t.Fatalf("Plan.String: %q", s)
	}
	var md bytes.Buffer
	if err := roles.WriteMarkdown(&md, c); err != nil || strings.Contains(md.String(), "\x1b") {
		t.Fatalf("WriteMarkdown: %v %q", err, md.String())
	}
}

// Standard(0) would name the account "uin/0" in every resource: Validate
// says so.
func TestStandardOwnerZero(t *testing.T) {
	err := roles.Standard(0).Validate()
	if !errors.Is(err, roles.ErrInvalid) || !strings.Contains(err.Error(), "roles: Standard: ownerUIN is 0") {
		t.Fatalf("Validate: %v", err)
	}
}

// Grants that would make a trust or assume policy longer than CAM accepts are
// refused by Plan, before Apply writes anything.
func TestPlanRefusesOversizeGrantPolicies(t *testing.T) {
	var users []camfake.SeedUser
	for i := range 300 {
		users = append(users, camfake.SeedUser{Name: "user" + benchName(i)})
	}
	f := camfake.New(camfake.WithSeed(camfake.Seed{Users: users}))
	snap, err := cam.Load(context.Background(), f, cam.WithRateScale(1e6))
	if err != nil {
		t.Fatal(err)
	}
	var many []roles.Assignment
	for i := range 300 {
		many = append(many, roles.Assignment{User: "user" + benchName(i), Role: "Platform-ReadOnly"})
	}
	_, err = roles.Standard(f.OwnerUIN()).Plan(snap, many...)
	if !errors.Is(err, roles.ErrPlan) || !strings.Contains(err.Error(), "roles: plan: role Platform-ReadOnly: its trust policy for 300 grant(s) is ") {
		t.Fatalf("Plan with 300 holders of one role: %v", err)
	}
	c := bigCatalog(t, 200)
	var wide []roles.Assignment
	for _, d := range c.Roles() {
		wide = append(wide, roles.Assignment{User: "user" + benchName(0), Role: d.Name})
	}
	_, err = c.Plan(snap, wide...)
	if !errors.Is(err, roles.ErrPlan) || !strings.Contains(err.Error(), "the assume policy camkit-assume-userTaaa for 200 role(s) is ") {
		t.Fatalf("Plan with one user holding 200 roles: %v", err)
	}
}

// CAM attaches at most 200 policies to a role: Validate says so.
func TestValidateTooManyPolicies(t *testing.T) {
	ps := make([]roles.Policy, 201)
	for i := range ps {
		ps[i] = roles.Policy{Preset: "QcloudP" + benchName(i)}
	}
	c, err := roles.NewCatalog(roles.Definition{Name: "Ops-View", Tier: tiers.ReadOnly, Purpose: "p", Policies: ps})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "roles: role Ops-View: has 201 policies; CAM attaches at most 200") {
		t.Fatalf("Validate: %v", err)
	}
}

// A huge input makes a short message.
func TestHugeInputsMakeShortErrors(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	c := roles.Standard(100000000001)
	var k roles.ChangeKind
	_, evalErr := c.Evaluator(huge)
	snap := &cam.Snapshot{Account: cam.Account{OwnerUIN: 1}}
	_, planErr := c.Plan(snap, roles.Assignment{User: huge, Role: huge})
	for _, err := range []error{roles.DefaultConvention().Validate(huge), evalErr, planErr, k.UnmarshalText([]byte(huge)),
		roles.WriteRoleMarkdown(&bytes.Buffer{}, c, huge)} {
		if err == nil || len(err.Error()) > 1024 || !strings.HasPrefix(err.Error(), "roles: ") {
			t.Fatalf("error of %d bytes: %.200s", len(err.Error()), err)
		}
	}
}

// The plan shows documents and descriptions whole.
func TestPlanStringShowsDocumentsWhole(t *testing.T) {
	doc := policy.New(policy.Allow("cvm:DescribeInstances", "cvm:DescribeImages", "cvm:DescribeDisks", "vpc:DescribeVpcs",
		"vpc:DescribeSubnets", "clb:DescribeLoadBalancers").On("*")).Canonical()
	desc := strings.Repeat("A long purpose. ", 15)
	p := &roles.Plan{Changes: []roles.Change{{Kind: roles.CreatePolicy, Policy: "Ops-View-Policy", After: doc},
		{Kind: roles.UpdateDescription, Role: "Ops-View", Before: "old", After: desc}}}
	s := p.String()
	if !strings.Contains(s, "    document: "+doc+"\n") || !strings.Contains(s, "    + "+desc+"\n") {
		t.Fatalf("the plan cuts a document or description:\n%s", s)
	}
}

// Every line of Validate's joined error names the role: a policy's several
// problems each get the role's path.
func TestValidateEveryLineNamesTheRole(t *testing.T) {
	c, err := roles.NewCatalog(roles.Definition{Name: "Ops-View", Tier: tiers.ReadOnly, Purpose: "p",
		Policies: []roles.Policy{{Document: &policy.Document{}}}, Trust: &policy.Document{}, Boundary: &policy.Document{}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil {
		t.Fatal("empty documents are valid")
	}
	lines := strings.Split(err.Error(), "\n")
	for _, line := range lines {
		if !strings.HasPrefix(line, "roles: role Ops-View: ") {
			t.Fatalf("a line does not name the role: %q in\n%v", line, err)
		}
	}
	for _, want := range []string{"policies[0] (Ops-View-Policy): statement: ", "Trust: statement: ", "Boundary: statement: "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in\n%v", want, err)
		}
	}
}
