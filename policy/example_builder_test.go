package policy_test

import (
	"fmt"
	"time"

	"github.com/camkit/camkit/policy"
)

// A least-privilege statement: start and stop only the development instances of
// one account in one region, from the office network.
func ExampleAllow() {
	instances := policy.NewResource("cvm", "ap-guangzhou", policy.UIN(100000000001), "instance/*")
	stmt := policy.Allow("cvm:StartInstances", "cvm:StopInstances").
		On(instances.String()).
		When(
			policy.ResourceTagEqual("env", "dev"),
			policy.IPEqual(policy.KeyIP, "203.0.113.0/24"),
		)
	fmt.Println(policy.New(stmt).Canonical())
	// Output:
	// {"version":"2.0","statement":[{"effect":"allow","action":["cvm:StartInstances","cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/*"],"condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env&dev"]},"ip_equal":{"qcs:ip":["203.0.113.0/24"]}}}]}
}

// New assembles statements into a document: read-only access to one bucket
// prefix over HTTPS, and an explicit deny on changing the bucket's policy.
func ExampleNew() {
	logs := policy.COSObject("ap-guangzhou", 1250000000, "examplebucket-1250000000", "logs/*")
	bucket := policy.COSObject("ap-guangzhou", 1250000000, "examplebucket-1250000000", "*")
	doc := policy.New(
		policy.Allow("cos:GetObject", "cos:HeadObject").
			OnResources(logs).
			When(policy.BoolEqual(policy.KeyCOSSecureTransport, true)),
		policy.Deny("cos:PutBucketPolicy", "cos:DeleteBucketPolicy").
			OnResources(bucket),
	)
	fmt.Println(doc.Indent())
	// Output:
	// {
	//   "version": "2.0",
	//   "statement": [
	//     {
	//       "effect": "allow",
	//       "action": [
	//         "cos:GetObject",
	//         "cos:HeadObject"
	//       ],
	//       "resource": [
	//         "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*"
	//       ],
	//       "condition": {
	//         "bool_equal": {
	//           "cos:secure-transport": [
	//             "true"
	//           ]
	//         }
	//       }
	//     },
	//     {
	//       "effect": "deny",
	//       "action": [
	//         "cos:PutBucketPolicy",
	//         "cos:DeleteBucketPolicy"
	//       ],
	//       "resource": [
	//         "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"
	//       ]
	//     }
	//   ]
	// }
}

// Trust builds a role's trust policy. Here a sub-user may assume the role until
// the end of the year, and the company's SAML identity provider at any time.
func ExampleTrust() {
	const owner = 100000000001
	doc := policy.Trust(policy.SubUser(owner, 100000000002), policy.SAMLProvider(owner, "corp-idp"))
	doc.Statement[0] = doc.Statement[0].Until(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(doc.Canonical())
	fmt.Println(policy.RoleARN(owner, "ops-readonly"))
	// Output:
	// {"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000002"]},"action":["name/sts:AssumeRole"],"condition":{"date_less_than":{"qcs:current_time":["2027-01-01T00:00:00Z"]}}},{"effect":"allow","principal":{"federated":["qcs::cam::uin/100000000001:saml-provider/corp-idp"]},"action":["name/sts:AssumeRoleWithSAML"]}]}
	// qcs::cam::uin/100000000001:roleName/ops-readonly
}

// ParseResource splits a six-segment resource name; the sixth segment keeps its
// own colons and slashes.
func ExampleParseResource() {
	r, err := policy.ParseResource("qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/2026:11/*")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("service=%s region=%s account=%s\n", r.Service, r.Region, r.Account)
	fmt.Printf("type=%s id=%s\n", r.Type(), r.ID())

	_, err = policy.ParseResource("qcs::cvm:ap-guangzhou:100000000001:instance/*")
	fmt.Println(err)
	// Output:
	// service=cos region=ap-guangzhou account=uid/1250000000
	// type=examplebucket-1250000000 id=logs/2026:11/*
	// policy: resource "qcs::cvm:ap-guangzhou:100000000001:instance/*": account segment "100000000001" must be empty, uin/<digits> or uid/<digits>
}

// AccessLevelOf classifies an API by its verb, with overrides where the verb
// misleads; a wildcard's level is the highest it can reach.
func ExampleAccessLevelOf() {
	fmt.Println(policy.AccessLevelOf("cvm", "DescribeInstances"))
	fmt.Println(policy.AccessLevelOf("cam", "ListUsers"))
	fmt.Println(policy.AccessLevelOf("tag", "TagResources"))
	fmt.Println(policy.AccessLevelOf("cvm", "RunInstances"))
	fmt.Println(policy.AccessLevelOf("cam", "AttachUserPolicy"))
	fmt.Println(policy.AccessLevelOf("cvm", "Describe*"))
	fmt.Println(policy.AccessLevelOf("cos", "*"))

	a, _ := policy.ParseAction("name/sts:AssumeRole")
	fmt.Println(a.AccessLevel() > policy.AccessWrite)
	// Output:
	// Read
	// List
	// Tagging
	// Write
	// PermissionsManagement
	// PermissionsManagement
	// PermissionsManagement
	// true
}

// KnownAction returns the catalogue's spelling of an action, which Lint uses to
// flag actions whose case differs from Tencent's.
func ExampleKnownAction() {
	fmt.Println(policy.KnownAction("CVM", "describeinstances"))
	fmt.Println(policy.KnownAction("cvm", "DescribeEverything"))
	// Output:
	// cvm:DescribeInstances true
	//  false
}

// Condition constructors cover every operator family; IfExist, ForAnyValue and
// ForAllValue rewrite the operator.
func ExampleCond() {
	for _, c := range []policy.Cond{
		policy.StringLike(policy.ResourceTagKey("team"), "infra-*").IfExist(),
		policy.StringEqual(policy.KeyRequestTag, policy.RequestTag("env", "dev")).ForAllValue(),
		policy.NumericLessThanEqual(policy.KeyCOSTLSVersion, 1.2),
		policy.NullEqual(policy.KeyMFA, false),
	} {
		fmt.Printf("%s %s:", c.Operator, c.Key)
		for _, v := range c.Values {
			fmt.Printf(" %s(%s)", v.Kind, v.Text)
		}
		fmt.Println()
	}
	// Output:
	// string_like_if_exist qcs:resource_tag/team: string(infra-*)
	// for_all_value:string_equal qcs:request_tag: string(env&dev)
	// numeric_less_than_equal cos:tls-version: number(1.2)
	// null_equal qcs:mfa: string(false)
}
