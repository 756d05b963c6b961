package policy_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/camkit/camkit/policy"
)

// Lint reports risky but valid patterns, each with a stable rule ID, a
// severity and the path of the element.
func ExampleLint() {
	doc, err := policy.Parse([]byte(`{
		"version": "2.0",
		"statement": [
			{"effect": "allow", "action": "*", "resource": "*"},
			{"effect": "allow", "action": ["cam:AttachUserPolicy", "cos:GetObject"], "resource": "*"},
			{"effect": "allow", "principal": "*", "action": "name/sts:AssumeRole"}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range policy.Lint(doc) {
		fmt.Println(f)
	}
	// Output:
	// statement[0].action[0]: critical policy.full-admin: "*" on resource "*" allows every action on every resource: full administrator access
	// statement[1]: info statement.redundant: adds nothing: statement[0] has the same effect, matches all of its actions and resources, and has no stricter condition
	// statement[1].action[0]: high policy.privilege-escalation: "cam:AttachUserPolicy" on resource "*" is permission management (policies, attachments, trust policies, access keys, credentials) on every resource, so the holder can widen anyone's access, their own included
	// statement[1].action[1]: high policy.exfiltration-read-any: "cos:GetObject" reads data on every resource ("*"): it covers cos:GetObject; name the buckets, secrets or keys it needs
	// statement[2].principal: critical trust.open-to-anyone: principal "*" lets anyone, in any Tencent Cloud account, use this statement
}

// LintWith takes the owner's account (to judge trust policies), a clock (for
// expiry) and rules to skip.
func ExampleLintWith() {
	trust := policy.Trust(policy.AccountRoot(200000000002))
	trust.Statement[0] = trust.Statement[0].Until(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	opts := policy.LintOptions{
		OwnerUIN: 100000000001,
		Now:      func() time.Time { return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) },
		Disable:  []string{policy.RuleConditionUnknownKey},
	}
	for _, f := range policy.LintWith(trust, opts) {
		fmt.Println(f.Severity, f.Rule, f.Path)
	}
	// Output:
	// medium condition.never-holds statement[0].condition.date_less_than["qcs:current_time"]
	// medium trust.other-account statement[0].principal.qcs[0]
}

// Rules lists every rule, for documentation or a configuration UI.
func ExampleRules() {
	for _, r := range policy.Rules()[:3] {
		fmt.Printf("%-30s %-8s %s\n", r.ID, r.Severity, r.Summary)
	}
	// Output:
	// policy.full-admin              critical an allow of action "*" or "*:*" on resource "*": full administrator access
	// policy.service-wildcard        medium   an allow of every action of a service ("cvm:*"), or of "*" on specific resources
	// policy.write-on-any-resource   medium   an allow of a write action on resource "*"
}

// Lint catches names and forms that make a statement grant or deny nothing,
// with the nearest real name.
func ExampleLint_mistakes() {
	doc, err := policy.Parse([]byte(`{
		"version": "2.0",
		"statement": [
			{"effect": "deny", "action": ["cvm:StopInstnaces", "ec2:TerminateInstances"], "resource": "qcs::cvm:ap-guangzho:uin/100000000001:instance/*"},
			{"effect": "allow", "action": "cos:GetObject", "resource": "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1"},
			{"effect": "allow", "action": "cvm:StartInstances", "resource": "*",
			 "condition": {"ip_equal": {"qcs:resource_tag": "10.0.0.0/8"}, "string_equal": {"qcs:resource_tag": "env=dev"}}}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rules := []string{policy.RuleUnknownAction, policy.RuleUnknownService, policy.RuleResourceUnknownRegion,
		policy.RuleResourceOtherService, policy.RuleConditionOperatorType, policy.RuleConditionTagFormat}
	for _, f := range policy.Lint(doc) {
		if slices.Contains(rules, f.Rule) {
			fmt.Println(f.Path, f.Rule)
			fmt.Println("   ", f.Message)
		}
	}
	// Output:
	// statement[0].action[0] policy.unknown-action
	//     "cvm:StopInstnaces": cvm has no action "StopInstnaces", so this deny never applies; did you mean "cvm:StopInstances"?
	// statement[0].action[1] policy.unknown-service
	//     "ec2:TerminateInstances": Tencent Cloud has no service "ec2", so this deny never applies; did you mean "cvm:TerminateInstances"?
	// statement[0].resource[0] resource.unknown-region
	//     region "ap-guangzho" is not a Tencent Cloud region, so the resource matches nothing; did you mean "ap-guangzhou"?
	// statement[1].action[0] resource.other-service
	//     "cos:GetObject" acts on cos resources, but the statement names only cvm resources, so it applies to none of them
	// statement[2].condition.ip_equal["qcs:resource_tag"] condition.operator-type
	//     ip_equal compares IP addresses, but "qcs:resource_tag" holds strings, so the condition never compares as meant; use string_equal, string_like and their variants
	// statement[2].condition.string_equal["qcs:resource_tag"][0] condition.tag-format
	//     qcs:resource_tag values are "key&value", so "env=dev" never matches; did you mean "env&dev"?
}
