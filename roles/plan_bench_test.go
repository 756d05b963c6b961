package roles_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

// benchName returns a convention-following name part for i: "Taaa", "Taab"...
func benchName(i int) string {
	b := []byte("Taaa")
	for k := 3; k > 0; k-- {
		b[k] = byte('a' + i%26)
		i /= 26
	}
	return string(b)
}

// bigCatalog returns n tier-1 roles, each with one custom policy.
func bigCatalog(tb testing.TB, n int) *roles.Catalog {
	tb.Helper()
	defs := make([]roles.Definition, n)
	for i := range defs {
		name := benchName(i) + "-View-Dev"
		defs[i] = roles.Definition{
			Name: name, Tier: tiers.ReadOnly, Purpose: "View " + name + ".",
			Policies: []roles.Policy{{Document: policy.New(
				policy.Allow("cvm:DescribeInstances", "cvm:DescribeImages", "vpc:DescribeVpcs").On("*"),
				policy.Allow("cls:SearchLog").On("qcs::cls:ap-guangzhou::topic/"+name))}},
			SessionDuration: 3600e9,
			Tags:            map[string]string{"team": benchName(i)},
		}
	}
	c, err := roles.NewCatalog(defs...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkPlan plans a 1,000-role catalogue against an account at CAM's
// maxima: 1,000 roles (all managed and up to date), 1,000 users of whom 500
// hold a grant, 1,500 custom policies. The plan is empty; every role, policy
// and grant is compared. The catalogue is the same each time, so from the
// second plan on its roles are compiled and it is known to be valid, as in a
// program that calls Validate and then Plan (target: 50 ms).
func BenchmarkPlan(b *testing.B) {
	c, s, as := planBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := c.Plan(s, as...)
		if err != nil || !p.Empty() {
			b.Fatalf("plan: %v, %d changes", err, len(p.Changes))
		}
	}
}

// BenchmarkPlanFreshCatalog is BenchmarkPlan on a copy of the catalogue with
// nothing resolved, compiled or validated yet: Plan's first call in a program
// that does not call Validate itself, which resolves, compiles and validates
// all 1,000 roles (target: 50 ms).
func BenchmarkPlanFreshCatalog(b *testing.B) {
	c, s, as := planBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := c.WithTierOptions().Plan(s, as...) // a copy, with nothing cached
		if err != nil || !p.Empty() {
			b.Fatalf("plan: %v, %d changes", err, len(p.Changes))
		}
	}
}

// planBench returns the benchmarks' catalogue, a snapshot of an account it
// was applied to, and the assignments applied.
func planBench(b *testing.B) (*roles.Catalog, *cam.Snapshot, []roles.Assignment) {
	b.Helper()
	ctx := context.Background()
	f := camfake.New()
	var users []camfake.SeedUser
	for i := range 1000 {
		users = append(users, camfake.SeedUser{Name: "user" + benchName(i)})
	}
	if err := f.Seed(camfake.Seed{Users: users}); err != nil {
		b.Fatal(err)
	}
	c := bigCatalog(b, 1000)
	as := make([]roles.Assignment, 500)
	for i := range as {
		as[i] = roles.Assignment{User: "user" + benchName(i), Role: benchName(i*2) + "-View-Dev"}
	}
	snap := func() *cam.Snapshot {
		s, err := cam.Load(ctx, f, cam.WithRateScale(1e6))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	p, err := c.Plan(snap(), as...)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := roles.Apply(ctx, f, p, roles.ChangeRecord{}); err != nil {
		b.Fatal(err)
	}
	s := snap()
	if len(s.Roles) != 1000 || len(s.Policies) < 1500 {
		b.Fatalf("snapshot has %d roles, %d policies", len(s.Roles), len(s.Policies))
	}
	return c, s, as
}
