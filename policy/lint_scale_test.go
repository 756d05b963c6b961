package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// Regression tests for issue 7 items 1 and 4 on documents far larger than CAM
// accepts: the answers must be the same as on small ones. The benchmarks in
// lint_scale_bench_test.go and match_bench_test.go show the cost.

// scaleFindings returns the findings of rule, as "path: message".
func scaleFindings(d *policy.Document, rule string) []string {
	var out []string
	for _, f := range policy.LintWith(d, scaleLintOpts) {
		if f.Rule == rule {
			out = append(out, f.Path+": "+f.Message)
		}
	}
	return out
}

func TestLintScaleValueDuplicate(t *testing.T) {
	t.Parallel()
	d := scaleConditionValues(20000) // v0 … v19999, then v0 again
	d.Statement[0].Condition["string_equal"]["cos:prefix"] = append(d.Statement[0].Condition["string_equal"]["cos:prefix"], policy.String("v7"), policy.Number("7"))
	got := scaleFindings(d, policy.RuleValueDuplicate)
	want := []string{
		`statement[0].condition.string_equal["cos:prefix"][20000]: "v0" repeats value [0]`,
		`statement[0].condition.string_equal["cos:prefix"][20001]: "v7" repeats value [7]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("value.duplicate findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLintScaleRedundant(t *testing.T) {
	t.Parallel()
	// Thousands of distinct statements: none adds nothing.
	if got := scaleFindings(scaleStatements(5000), policy.RuleStatementRedundant); len(got) != 0 {
		t.Errorf("distinct statements reported redundant: %v", got[:min(3, len(got))])
	}
	// Two statements of the same 20,000 actions: on different resources
	// neither covers the other; on "*" the second covers the first.
	d := scaleWideActions(20000)
	if got := scaleFindings(d, policy.RuleStatementRedundant); len(got) != 0 {
		t.Errorf("statements on different instances reported redundant: %v", got)
	}
	d.Statement[1].Resource = []string{"*"}
	want := "statement[0]: adds nothing: statement[1] has the same effect, matches all of its actions and resources, and has no stricter condition"
	if got := scaleFindings(d, policy.RuleStatementRedundant); len(got) != 1 || got[0] != want {
		t.Errorf("findings = %v, want [%s]", got, want)
	}
	// The same with one action of the covering statement missing, and with
	// the covering statement's actions in lower case: allow statements match
	// names ignoring case.
	d.Statement[1].Action = d.Statement[1].Action[1:]
	if got := scaleFindings(d, policy.RuleStatementRedundant); len(got) != 0 {
		t.Errorf("statement missing an action covers: %v", got)
	}
	d.Statement[1].Action = append(d.Statement[1].Action, "CVM:api0")
	if got := scaleFindings(d, policy.RuleStatementRedundant); len(got) != 1 || got[0] != want {
		t.Errorf("findings = %v, want [%s]", got, want)
	}
	// Empty statements are never judged.
	if got := scaleFindings(scaleEmptyStatements(50000), policy.RuleStatementRedundant); len(got) != 0 {
		t.Errorf("empty statements reported redundant: %v", got[:min(3, len(got))])
	}
}

func TestEvaluateLongActionPattern(t *testing.T) {
	t.Parallel()
	lit := strings.Repeat("A", 5000) + "B"
	long := "cvm:" + strings.Repeat("A", 64<<10)
	for _, tc := range []struct {
		pattern, action string
		allowed         bool
	}{
		{"cvm:*" + lit, long, false},
		{"cvm:*" + lit, long + "B", true},
		{"cvm:*" + lit + "*", long + "BA", true},
		{"cvm:*" + lit + "*", long, false},
		{"cvm:" + strings.Repeat("*A", 2500) + "*B", long, false},
		{"cvm:" + strings.Repeat("*A", 2500) + "*B", long + "B", true},
	} {
		e, err := policy.Compile(&policy.Document{Version: policy.Version, Statement: []policy.Statement{{
			Effect: policy.EffectAllow, Action: []string{tc.pattern}, Resource: []string{"*"},
		}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Evaluate(policy.Request{Action: tc.action, Resource: "*"}).Allowed(); got != tc.allowed {
			t.Errorf("%s… (%d bytes) against %s… (%d bytes): allowed %v, want %v",
				tc.pattern[:12], len(tc.pattern), tc.action[:12], len(tc.action), got, tc.allowed)
		}
	}
}

func Example_lintStoppedEarly() {
	// Every statement allows cvm:* on its own instance, so each might cover
	// each other one: far more comparisons than statement.redundant makes.
	d := &policy.Document{Version: policy.Version}
	for i := range 3000 {
		d.Statement = append(d.Statement, policy.Statement{Effect: policy.EffectAllow, Action: []string{"cvm:*"},
			Resource: []string{fmt.Sprintf("qcs::cvm::uin/100000000001:instance/ins-%d", i)}})
	}
	for _, f := range policy.Lint(d) {
		if f.Rule == policy.RuleStatementRedundant {
			fmt.Println(f)
		}
	}
	// Output:
	// info statement.redundant: stopped early after 4,194,304 comparisons: statements from statement[466] on (2,534 of 3,000) were not checked for redundancy
}
