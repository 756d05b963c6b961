package tiers_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// pairedDenies returns n allow statements, each a write on its own instance,
// and n unconditional denies, each on one of those instances: every allow is
// denied outright, so the documents hold tier 1. Weighing them compares n²
// pairs.
func pairedDenies(n int, cond policy.Condition) *policy.Document {
	d := &policy.Document{Version: policy.Version}
	for i := range n {
		res := "qcs::cvm:ap-guangzhou::instance/ins-" + strconv.Itoa(i)
		d.Statement = append(d.Statement, policy.Statement{Effect: policy.EffectAllow,
			Action: []string{"cvm:RunInstances"}, Resource: []string{res}})
	}
	for i := range n {
		res := "qcs::cvm:ap-guangzhou::instance/ins-" + strconv.Itoa(i)
		d.Statement = append(d.Statement, policy.Statement{Effect: policy.EffectDeny,
			Action: []string{"cvm:RunInstances"}, Resource: []string{res}, Condition: cond})
	}
	return d
}

func TestClassifyWeighsEveryDenyWithinTheCap(t *testing.T) {
	c := tiers.Classify(pairedDenies(200, nil))
	if c.Tier != tiers.ReadOnly || c.Incomplete || len(c.Reasons) != 0 {
		t.Fatalf("got tier %v, incomplete %v, %d reasons; want ReadOnly, complete, none", c.Tier, c.Incomplete, len(c.Reasons))
	}
}

// Past the cap on deny comparisons the result is marked incomplete and may
// overstate the tier, never understate it, and each affected reason says so.
func TestClassifyCapsDenyWork(t *testing.T) {
	c := tiers.Classify(pairedDenies(3000, nil))
	if !c.Incomplete {
		t.Fatal("Incomplete is false after 9,000,000 deny comparisons")
	}
	if c.Tier != tiers.Production || len(c.Reasons) == 0 {
		t.Fatalf("got tier %v with %d reasons; want the unweighed writes at Production", c.Tier, len(c.Reasons))
	}
	for _, r := range c.Reasons {
		if !strings.Contains(r.Message, "not every deny statement was weighed") {
			t.Fatalf("reason does not say the denies were not weighed: %s", r.Message)
		}
	}
	// The first statements were weighed: their writes are denied outright.
	if c.Reasons[0].Statement == 0 {
		t.Fatalf("statement 0 was not weighed: %s", c.Reasons[0].Message)
	}
}

// Check's search for ip_not_equal denies is capped the same way: a role with
// thousands of write statements and thousands of such denies is checked, and
// the statements it could not weigh are reported with a note.
func TestCheckCapsIPDenyWork(t *testing.T) {
	ipDeny := policy.Condition{"ip_not_equal": {policy.KeyIP: {{Text: "10.0.0.0/8"}}}}
	small := tiers.Check(tiers.Role{Name: "Ops-Deploy-Prod", Tier: tiers.Production, SessionDuration: 3600e9,
		Policies: []tiers.NamedDocument{{Name: "p", Document: pairedDenies(100, ipDeny)}}})
	if len(small) != 0 {
		t.Fatalf("every write is covered by its ip_not_equal deny, got %v", small)
	}
	big := tiers.Check(tiers.Role{Name: "Ops-Deploy-Prod", Tier: tiers.Production, SessionDuration: 3600e9,
		Policies: []tiers.NamedDocument{{Name: "p", Document: pairedDenies(3000, ipDeny)}}})
	if len(big) == 0 {
		t.Fatal("no violation for the statements past the cap")
	}
	for _, v := range big {
		if v.Rule != tiers.RuleIPCondition || !strings.Contains(v.Message, "not every ip_not_equal deny was weighed") {
			t.Fatalf("unexpected violation: %v", v)
		}
	}
}

// BenchmarkClassifyDenies shows the cost of weighing denies is bounded: n
// allows against n denies, at two sizes past the cap.
func BenchmarkClassifyDenies(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		d := pairedDenies(n, nil)
		b.Run(fmt.Sprintf("statements=%d", 2*n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tiers.Classify(d)
			}
		})
	}
}

// BenchmarkCheckIPDenies is the same for Check's ip_not_equal denies.
func BenchmarkCheckIPDenies(b *testing.B) {
	ipDeny := policy.Condition{"ip_not_equal": {policy.KeyIP: {{Text: "10.0.0.0/8"}}}}
	for _, n := range []int{1000, 8000} {
		r := tiers.Role{Name: "Ops-Deploy-Prod", Tier: tiers.Production, SessionDuration: 3600e9,
			Policies: []tiers.NamedDocument{{Name: "p", Document: pairedDenies(n, ipDeny)}}}
		b.Run(fmt.Sprintf("statements=%d", 2*n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tiers.Check(r)
			}
		})
	}
}
