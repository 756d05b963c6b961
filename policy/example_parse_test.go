package policy_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/camkit/camkit/policy"
)

// Parse accepts the lenient forms CAM accepts and Canonical writes the form CAM
// stores: lists everywhere, keys in CAM's order, operators sorted, duplicates
// dropped, and nothing HTML-escaped.
func ExampleParse() {
	doc, err := policy.Parse([]byte(`{
		"statement": {
			"resource": "qcs::cvm:ap-guangzhou:uin/100000000001:instance/*",
			"action": ["cvm:StartInstances", "cvm:StopInstances", "cvm:StartInstances"],
			"effect": "allow",
			"condition": {
				"ip_equal": {"qcs:ip": "10.0.0.0/8"},
				"for_any_value:string_equal": {"qcs:resource_tag": "env&prod"}
			}
		},
		"version": "2.0"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Canonical())
	// Output:
	// {"version":"2.0","statement":[{"effect":"allow","action":["cvm:StartInstances","cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/*"],"condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env&prod"]},"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}}]}
}

// Parse errors are *policy.Error values whose Path names the JSON path.
func ExampleParse_error() {
	_, err := policy.Parse([]byte(`{"version":"2.0","Statement":[]}`))
	fmt.Println(err)

	_, err = policy.Parse([]byte(`{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*",
		"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8",{"cidr":"192.168.0.0/16"}]}}}]}`))
	var perr *policy.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Path)
	}
	// Output:
	// policy: Statement: element names are lowercase: use "statement" instead of "Statement"
	// statement[0].condition.ip_equal["qcs:ip"][1]
}

// Canonical is the text to send to CAM. json.Marshal gives an equivalent
// document, but encoding/json HTML-escapes '&' in it.
func ExampleDocument_Canonical() {
	doc := &policy.Document{Version: policy.Version, Statement: []policy.Statement{{
		Effect:    policy.EffectAllow,
		Action:    []string{"cvm:DescribeInstances"},
		Resource:  []string{"*"},
		Condition: policy.Condition{"string_equal": {"qcs:resource_tag": policy.Strings("env&prod")}},
	}}}
	fmt.Println(doc.Canonical())
	b, _ := json.Marshal(doc)
	fmt.Println(string(b))
	// Output:
	// {"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod"]}}}]}
	// {"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env\u0026prod"]}}}]}
}

// Indent is the canonical document laid out for people.
func ExampleDocument_Indent() {
	doc, _ := policy.Parse([]byte(`{"version":"2.0","statement":{"effect":"allow","principal":{"service":"cvm.qcloud.com"},"action":"name/sts:AssumeRole"}}`))
	fmt.Println(doc.Indent())
	// Output:
	// {
	//   "version": "2.0",
	//   "statement": [
	//     {
	//       "effect": "allow",
	//       "principal": {
	//         "service": [
	//           "cvm.qcloud.com"
	//         ]
	//       },
	//       "action": [
	//         "name/sts:AssumeRole"
	//       ]
	//     }
	//   ]
	// }
}
