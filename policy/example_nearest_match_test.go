package policy_test

import (
	"fmt"

	"github.com/camkit/camkit/policy"
)

// Nearest gives the "did you mean" for a name that is not there: a few edits
// away, or the same name in other letter case.
func ExampleNearest() {
	roles := []string{"DevOps-Deploy-Prod", "DevOps-Deploy-Dev", "Billing-View"}
	fmt.Println(policy.Nearest("DevOps-Deploy-Prd", roles))
	fmt.Println(policy.Nearest("billing-view", roles))
	s, ok := policy.Nearest("Security-Audit", roles)
	fmt.Printf("%q %v\n", s, ok)
	// Output:
	// DevOps-Deploy-Prod true
	// Billing-View true
	// "" false
}

// MatchPattern reads CAM's only wildcard, '*'; letter case counts.
func ExampleMatchPattern() {
	fmt.Println(policy.MatchPattern("cvm:Describe*", "cvm:DescribeInstances"))
	fmt.Println(policy.MatchPattern("cvm:Describe*", "cvm:describeinstances"))
	fmt.Println(policy.MatchPattern("cvm:Describe?", "cvm:DescribeX")) // '?' is no wildcard
	// A pattern matched against a pattern: every action cvm:Describe*
	// matches, cvm:* matches too, but not the other way round.
	fmt.Println(policy.MatchPattern("cvm:*", "cvm:Describe*"), policy.MatchPattern("cvm:Describe*", "cvm:*"))
	// Output:
	// true
	// false
	// false
	// true false
}

// MatchPatternFold ignores ASCII letter case, as allow statements do when they
// match action names.
func ExampleMatchPatternFold() {
	fmt.Println(policy.MatchPatternFold("STS:assume*", "sts:AssumeRole"))
	fmt.Println(policy.MatchPatternFold("sts:Assume*", "sts:GetFederationToken"))
	// Output:
	// true
	// false
}
