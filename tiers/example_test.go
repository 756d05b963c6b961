package tiers_test

import (
	"fmt"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

func ExampleClassify() {
	dev := tiers.DefaultScheme().NonProductionCondition()
	deploy := policy.New(
		policy.Allow("cvm:DescribeInstances").On("*"),
		policy.Allow("cvm:RunInstances", "cvm:TerminateInstances").On("*").When(dev),
	)
	c := tiers.Classify(deploy)
	fmt.Println(c.Tier)
	for _, r := range c.Reasons {
		fmt.Println(r.Message)
	}

	admin := policy.New(policy.Allow("*").On("*"))
	fmt.Println(tiers.Classify(deploy, admin).Tier)
	// Output:
	// DevTest
	// document[0]: statement[1]: cvm:RunInstances (Write) is confined to non-production resources by the tag condition for_any_value:string_equal qcs:resource_tag [env&dev, env&test, env&staging, env&qa]: tier 2 (dev/test)
	// document[0]: statement[1]: cvm:TerminateInstances (Write) is confined to non-production resources by the tag condition for_any_value:string_equal qcs:resource_tag [env&dev, env&test, env&staging, env&qa]: tier 2 (dev/test)
	// BreakGlass
}

func ExampleCheck() {
	role := tiers.Role{
		Name: "DevOps-Deploy-Prod",
		Tier: tiers.Production,
		Policies: []tiers.NamedDocument{{
			Name:     "deploy-prod",
			Document: policy.New(policy.Allow("cvm:RunInstances").On("*")),
		}},
		SessionDuration: 2 * time.Hour,
		Holders:         []tiers.Holder{{Name: "alice", OperationMFA: true}, {Name: "bob"}},
	}
	for _, v := range tiers.Check(role) {
		fmt.Println(v.Rule)
		fmt.Println("  " + v.Message)
	}
	// Output:
	// tier.ip-condition
	//   deploy-prod: statement[0] grants writes (cvm:RunInstances) from any address; add an ip_equal condition on qcs:ip with the office or CI ranges (recommended for this tier)
	// tier.session-too-long
	//   its session lasts 2h0m0s; set SessionDuration to at most 1h0m0s for a tier-3 role
	// tier.operation-mfa
	//   bob has no operation protection with an MFA device; turn on sensitive-operation protection with a hardware token, virtual MFA (Stoken) or U2F key, not phone, WeChat or mail codes
}

// A deny that holds for every production resource keeps a broad allow off
// production: the role is tier 2, not tier 3.
func ExampleScheme_Classify() {
	s := tiers.DefaultScheme()
	network := policy.New(
		policy.Allow("vpc:*").On("*"),
		policy.Deny("vpc:*").On("*").When(s.ProductionCondition()),
	)
	c := s.Classify(network)
	fmt.Println(c.Tier)
	fmt.Println(c.Reasons[0].Message)

	// cvm:* also resets passwords and shares images: permission management,
	// which no deny on production makes tier 2.
	compute := policy.New(
		policy.Allow("cvm:*").On("*"),
		policy.Deny("cvm:*").On("*").When(s.ProductionCondition()),
	)
	fmt.Println(s.Classify(compute).Tier)
	// Output:
	// DevTest
	// document[0]: statement[0]: vpc:* (Write) is confined to non-production resources by a deny statement on production resources: tier 2 (dev/test)
	// BreakGlass
}
