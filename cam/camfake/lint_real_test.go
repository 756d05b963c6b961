package camfake_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

// lintMistakeRules are the policy lint rules that catch names and forms that
// never match ("mistakes are caught"). Real policies, such as the presets and
// the demo account's, must draw none of them unless they really are wrong.
var lintMistakeRules = []string{
	policy.RuleUnknownService, policy.RuleUnknownAction, policy.RuleResourceOtherService,
	policy.RuleResourceUnknownRegion, policy.RuleOperationLevelResource, policy.RuleTagUnsupported,
	policy.RuleConditionOperatorType, policy.RuleConditionTagFormat,
}

// lintRealWrong lists the mistake findings that real policies of camfake draw
// because they really are wrong, as "<policy> <path> <rule>", with the reason.
var lintRealWrong = map[string]string{
	// The demo account's own policies keep this mistake on purpose (see Demo).
	"billing-view statement[0].action[1] policy.unknown-service":    `"billing:Describe*": the billing centre's CAM prefix is finance (Tencent's CAM page for the billing centre, product 598, document 92835)`,
	"deploy-boundary statement[1].action[2] policy.unknown-service": `"billing:*" in a deny: the same wrong prefix, so the deny never applies`,
}

// checkRealPolicy lints one real document and reports mistake findings not in
// lintRealWrong; seen collects the keys it met.
func checkRealPolicy(t *testing.T, name string, doc *policy.Document, seen map[string]bool) {
	t.Helper()
	if err := doc.Validate(); err != nil {
		t.Errorf("%s: Validate: %v", name, err)
	}
	for _, f := range policy.Lint(doc) {
		if !slices.Contains(lintMistakeRules, f.Rule) {
			continue
		}
		key := name + " " + f.Path + " " + f.Rule
		seen[key] = true
		if _, ok := lintRealWrong[key]; !ok {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// TestRealPoliciesLintClean lints every preset policy and every policy and
// trust policy of the demo account.
func TestRealPoliciesLintClean(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range camfake.PresetPolicies() {
		doc, err := policy.Parse([]byte(p.Document))
		if err != nil {
			t.Errorf("preset %s: %v", p.Name, err)
			continue
		}
		checkRealPolicy(t, p.Name, doc, seen)
	}
	ctx := context.Background()
	f := camfake.Demo()
	pols, err := f.ListPolicies(ctx, cam.ScopeCustom)
	if err != nil {
		t.Fatal(err)
	}
	if len(pols) == 0 {
		t.Fatal("the demo account has no custom policies")
	}
	for _, p := range pols {
		full, err := f.GetPolicy(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := policy.Parse([]byte(full.Document))
		if err != nil {
			t.Errorf("demo policy %s: %v", p.Name, err)
			continue
		}
		checkRealPolicy(t, p.Name, doc, seen)
	}
	roles, err := f.ListRoles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		doc, err := policy.Parse([]byte(r.TrustPolicy))
		if err != nil {
			t.Errorf("demo role %s trust: %v", r.Name, err)
			continue
		}
		checkRealPolicy(t, "trust of "+r.Name, doc, seen)
	}
	for key, why := range lintRealWrong {
		if !seen[key] {
			t.Errorf("lintRealWrong lists %s (%s), which Lint no longer reports", key, strings.SplitN(why, ":", 2)[0])
		}
	}
}
