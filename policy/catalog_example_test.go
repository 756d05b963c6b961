package policy_test

import (
	"fmt"

	"github.com/camkit/camkit/policy"
)

// SuggestAction names the real action a mistyped one most likely meant; Lint
// uses it for its "did you mean" hints.
func ExampleSuggestAction() {
	fmt.Println(policy.SuggestAction("cvm:StopInstnaces"))
	fmt.Println(policy.SuggestAction("cmv:StopInstances"))
	fmt.Println(policy.SuggestAction("ec2:StopInstances"))
	fmt.Println(policy.SuggestAction("cvm:Stpo*"))
	fmt.Printf("%q\n", policy.SuggestAction("cvm:StopInstances"))
	// Output:
	// cvm:StopInstances
	// cvm:StopInstances
	// cvm:StopInstances
	// cvm:Stop*
	// ""
}

// The catalogue knows every Tencent Cloud API under the prefix CAM authorises
// it by: CBS disks are cvm actions, the billing centre's are finance actions.
func ExampleKnownService() {
	fmt.Println(policy.KnownService("cvm"), policy.KnownService("cbs"), policy.SuggestService("cbs"))
	fmt.Println(policy.KnownAction("cvm", "CreateDisks"))
	fmt.Println(policy.SuggestService("billing"), policy.ServiceActionsComplete("finance"))
	// Output:
	// true false cvm
	// cvm:CreateDisks true
	// finance true
}

// ReadOnlyAction is CAM's qcs:read_only_action; IssuesCredentials marks reads
// that are as good as the rights they hand out.
func ExampleReadOnlyAction() {
	fmt.Println(policy.ReadOnlyAction("cvm", "DescribeInstances"), policy.ReadOnlyAction("cvm", "RunInstances"))
	fmt.Println(policy.ReadOnlyAction("tke", "DescribeClusterKubeconfig"), policy.IssuesCredentials("tke", "DescribeClusterKubeconfig"))
	fmt.Println(policy.AccessLevelOf("tke", "DescribeClusterKubeconfig"))
	// Output:
	// true false
	// true true
	// PermissionsManagement
}

// What Tencent's CAM pages say about a product and an API.
func ExampleServiceTagAuthorization() {
	fmt.Println(policy.ServiceTagAuthorization("cvm"), policy.ServiceTagAuthorization("cam"))
	fmt.Println(policy.APIGranularity("cdb", "CreateDBInstance"), policy.APIGranularity("cvm", "StopInstances"))
	fmt.Println(policy.ResourceServiceTypes("tke"))
	fmt.Println(policy.KnownRegion("ap-guangzhou"), policy.SuggestRegion("ap-guangzho"))
	// Output:
	// Supported Unsupported
	// Operation Resource
	// [ccs clb cvm tke]
	// true ap-guangzhou
}
