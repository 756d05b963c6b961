package policy_test

import (
	"slices"
	"testing"

	"github.com/camkit/camkit/policy"
)

// TestExplicitDenyAssumptionsIndependentOfOrder checks that the assumptions
// of an explicit deny do not depend on how many allow statements happened to
// be examined (and filled the decision's slots) before the deny matched.
func TestExplicitDenyAssumptionsIndependentOfOrder(t *testing.T) {
	t.Parallel()
	allow := policy.Statement{Effect: policy.EffectAllow, Action: []string{"*"}, Resource: []string{"*"},
		Condition: policy.Condition{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}}
	denyNot := policy.Statement{Effect: policy.EffectDeny, Action: []string{"*"}, Resource: []string{"*"},
		Condition: policy.Condition{"ip_not_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}}
	denyEq := policy.Statement{Effect: policy.EffectDeny, Action: []string{"*"}, Resource: []string{"*"},
		Condition: policy.Condition{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}}
	q := policy.Request{Action: "cvm:RunInstances", Resource: "*", Context: map[string][]string{"qcs:ip": {"not-an-ip"}}}
	orders := map[string][]policy.Statement{
		"denies first": {denyNot, denyEq, allow, allow, allow, allow},
		"allows first": {allow, allow, allow, allow, denyEq, denyNot},
		"interleaved":  {allow, denyEq, allow, allow, allow, denyNot},
	}
	for name, stmts := range orders {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, err := policy.Compile(&policy.Document{Version: policy.Version, Statement: stmts})
			if err != nil {
				t.Fatal(err)
			}
			d := e.Evaluate(q)
			if d.Outcome() != policy.OutcomeExplicitDeny {
				t.Fatalf("outcome: %v", d)
			}
			if d.AssumptionsTruncated() || d.NumAssumptions() != 2 {
				t.Fatalf("want the 2 deny statements' notes, untruncated: %v", d)
			}
			var kinds []policy.AssumptionKind
			for _, a := range d.Assumptions() {
				if a.Statement.Effect != policy.EffectDeny {
					t.Errorf("allow statement's assumption kept: %v", a)
				}
				kinds = append(kinds, a.Kind)
			}
			if want := []policy.AssumptionKind{policy.AssumeBadContextValue, policy.AssumeBadContextValue}; !slices.Equal(kinds, want) {
				t.Errorf("kinds = %v, want %v", kinds, want)
			}
		})
	}
}
