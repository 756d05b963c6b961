package policy_test

import (
	"errors"
	"fmt"

	"github.com/camkit/camkit/policy"
)

// Validate reports every problem at once, each with its JSON path.
func ExampleDocument_Validate() {
	doc, err := policy.Parse([]byte(`{
		"version": "2.0",
		"statement": [
			{"effect": "Allow", "action": "cvm:Describe*", "resource": "*"},
			{
				"effect": "allow",
				"action": ["cvm:StartInstances", "cvm:Stop Instances"],
				"resource": "qcs::cvm:ap-guangzhou:uin/100000000001:instance/*",
				"condition": {
					"ip_equal": {"qcs:ip": ["10.0.0.0/8", "10.0.0.256"]},
					"date_less_than": {"qcs:current_time": "next friday"}
				}
			}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Validate())
	// Output:
	// policy: statement[0].effect: "Allow" is not valid: effects are lowercase: "allow"
	// policy: statement[1].action[1]: action "cvm:Stop Instances": invalid character ' ' in API name
	// policy: statement[1].condition.date_less_than["qcs:current_time"][0]: "next friday" is not a date; want RFC 3339 such as "2026-01-02T15:04:05Z" or "2026-01-02T23:04:05+08:00", or "2026-01-02 15:04:05" (UTC)
	// policy: statement[1].condition.ip_equal["qcs:ip"][1]: "10.0.0.256" is not an IP address or CIDR block
}

// Each problem is a *policy.Error; errors.Join's Unwrap gives them one by one.
func ExampleDocument_Validate_errors() {
	doc := policy.New(policy.Allow("cos:GetObject")) // no resource
	err := doc.Validate()
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var perr *policy.Error
		if errors.As(e, &perr) {
			fmt.Printf("path %s: %s\n", perr.Path, perr.Message)
		}
	}
	// Output:
	// path statement[0].resource: missing; a statement without a principal needs at least one resource ("*" for all)
}

func ExampleValidateRoleName() {
	fmt.Println(policy.ValidateRoleName("tier2-deploy.dev"))
	fmt.Println(policy.ValidateRoleName("deploy dev"))
	// Output:
	// <nil>
	// policy: role name "deploy dev": invalid character ' ' at position 6; use only A-Z a-z 0-9 + = , . @ _ -
}

// The typed readers accept the forms CAM documents and never allocate.
func ExampleParseDate() {
	for _, s := range []string{"2026-06-01T08:00:00+08:00", "2026-06-01 00:00:00", "June 1st"} {
		t, ok := policy.ParseDate(s)
		fmt.Println(t, ok)
	}
	// Output:
	// 2026-06-01 00:00:00 +0000 UTC true
	// 2026-06-01 00:00:00 +0000 UTC true
	// 0001-01-01 00:00:00 +0000 UTC false
}

func ExampleParseIPOrCIDR() {
	for _, s := range []string{"203.0.113.7", "2001:db8::/32", "10.0.0.0/33"} {
		p, ok := policy.ParseIPOrCIDR(s)
		fmt.Println(p, ok)
	}
	// Output:
	// 203.0.113.7/32 true
	// 2001:db8::/32 true
	// invalid Prefix false
}
