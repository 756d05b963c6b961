package policy_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestAccessLevelOrderAndNames(t *testing.T) {
	t.Parallel()
	order := []policy.AccessLevel{
		policy.AccessUnknown, policy.AccessList, policy.AccessRead, policy.AccessTagging,
		policy.AccessWrite, policy.AccessPermissionsManagement,
	}
	names := []string{"Unknown", "List", "Read", "Tagging", "Write", "PermissionsManagement"}
	for i, l := range order {
		if i > 0 && !(order[i-1] < l) {
			t.Errorf("%v is not below %v", order[i-1], l)
		}
		if l.String() != names[i] {
			t.Errorf("String() = %q, want %q", l.String(), names[i])
		}
		text, err := l.MarshalText()
		if err != nil || string(text) != names[i] {
			t.Errorf("MarshalText() = %q, %v; want %q", text, err, names[i])
		}
		var back policy.AccessLevel
		if err := back.UnmarshalText(text); err != nil || back != l {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, l)
		}
	}
	if got := policy.AccessLevel(42).String(); got != "AccessLevel(42)" {
		t.Errorf("String of an invalid level = %q", got)
	}
	if _, err := policy.AccessLevel(42).MarshalText(); err == nil || !strings.HasPrefix(err.Error(), "policy: ") {
		t.Errorf("MarshalText of an invalid level: err = %v", err)
	}
}

func TestParseAccessLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    policy.AccessLevel
		wantErr bool
	}{
		{"Read", policy.AccessRead, false},
		{"read", policy.AccessRead, false},
		{"LIST", policy.AccessList, false},
		{"Permissions management", policy.AccessPermissionsManagement, false},
		{"permissions_management", policy.AccessPermissionsManagement, false},
		{"Tagging", policy.AccessTagging, false},
		{"write", policy.AccessWrite, false},
		{"Unknown", policy.AccessUnknown, false},
		{"admin", policy.AccessUnknown, true},
		{"", policy.AccessUnknown, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseAccessLevel(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("ParseAccessLevel(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "policy: unknown access level") {
				t.Errorf("error %q does not say what is wrong", err)
			}
		})
	}
}

func TestAccessLevelJSON(t *testing.T) {
	t.Parallel()
	type row struct {
		Level policy.AccessLevel `json:"level"`
	}
	b, err := json.Marshal(row{policy.AccessPermissionsManagement})
	if err != nil || string(b) != `{"level":"PermissionsManagement"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var r row
	if err := json.Unmarshal([]byte(`{"level":"Tagging"}`), &r); err != nil || r.Level != policy.AccessTagging {
		t.Fatalf("Unmarshal = %v, %v", r.Level, err)
	}
	if err := json.Unmarshal([]byte(`{"level":"root"}`), &r); err == nil {
		t.Fatal("Unmarshal accepted an unknown level")
	}
}

func TestAccessLevelOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		service, api string
		want         policy.AccessLevel
	}{
		// Verbs.
		{"cvm", "DescribeInstances", policy.AccessRead},
		{"cvm", "InquiryPriceRunInstances", policy.AccessRead},
		{"cloudaudit", "LookUpEvents", policy.AccessRead},
		{"cls", "SearchLog", policy.AccessRead},
		{"cos", "HeadObject", policy.AccessRead},
		{"cos", "GetObject", policy.AccessRead},
		{"cos", "GetBucketTagging", policy.AccessRead},
		{"ssm", "GetSecretValue", policy.AccessRead},
		{"cam", "GetPolicy", policy.AccessRead},
		{"cam", "ListUsers", policy.AccessList},
		{"cam", "ListAttachedUserAllPolicies", policy.AccessList},
		{"scf", "ListFunctions", policy.AccessList},
		{"cvm", "RunInstances", policy.AccessWrite},
		{"cvm", "TerminateInstances", policy.AccessWrite},
		{"vpc", "ReplaceSecurityGroupPolicy", policy.AccessWrite},
		{"kms", "Decrypt", policy.AccessWrite},
		{"kms", "ReEncrypt", policy.AccessWrite},
		{"monitor", "UnBindingPolicyObject", policy.AccessWrite},
		{"cdb", "IsolateDBInstance", policy.AccessWrite},
		{"cvm", "FrobnicateInstances", policy.AccessWrite},
		{"cvm", "Listen", policy.AccessWrite},
		// Tagging.
		{"tag", "TagResources", policy.AccessTagging},
		{"tag", "UnTagResources", policy.AccessTagging},
		{"tag", "ModifyResourceTags", policy.AccessTagging},
		{"tag", "AddResourceTag", policy.AccessTagging},
		{"cos", "PutBucketTagging", policy.AccessTagging},
		{"cam", "TagRole", policy.AccessTagging},
		{"cam", "UntagRole", policy.AccessTagging},
		{"tag", "DescribeTags", policy.AccessRead},
		// Overrides and sensitive services.
		{"cam", "AttachUserPolicy", policy.AccessPermissionsManagement},
		{"cam", "CreatePolicyVersion", policy.AccessPermissionsManagement},
		{"cam", "SetDefaultPolicyVersion", policy.AccessPermissionsManagement},
		{"cam", "PutRolePermissionsBoundary", policy.AccessPermissionsManagement},
		{"cam", "UpdateAssumeRolePolicy", policy.AccessPermissionsManagement},
		{"cam", "AddUserToGroup", policy.AccessPermissionsManagement},
		{"cam", "CreateAccessKey", policy.AccessPermissionsManagement},
		{"cam", "UpdateUser", policy.AccessPermissionsManagement},
		{"cam", "SetMfaFlag", policy.AccessPermissionsManagement},
		{"cam", "CreateRole", policy.AccessPermissionsManagement},
		{"cam", "PassRole", policy.AccessPermissionsManagement},
		{"cam", "DeleteGroup", policy.AccessWrite},
		{"cam", "UpdateRoleDescription", policy.AccessWrite},
		{"cam", "SomeFutureMutation", policy.AccessPermissionsManagement},
		{"sts", "AssumeRole", policy.AccessPermissionsManagement},
		{"sts", "AssumeRoleWithSAML", policy.AccessPermissionsManagement},
		{"sts", "GetFederationToken", policy.AccessPermissionsManagement},
		{"sts", "GetCallerIdentity", policy.AccessRead},
		{"cos", "PutBucketPolicy", policy.AccessPermissionsManagement},
		{"cos", "PutObjectACL", policy.AccessPermissionsManagement},
		{"tke", "AcquireClusterAdminRole", policy.AccessPermissionsManagement},
		// Case does not matter.
		{"CAM", "attachuserpolicy", policy.AccessPermissionsManagement},
		{"cvm", "describeinstances", policy.AccessRead},
		// Patterns.
		// cvm:DescribeInstanceVncUrl issues console access.
		{"cvm", "Describe*", policy.AccessPermissionsManagement},
		{"cvm", "DescribeInstance*", policy.AccessPermissionsManagement},
		{"cvm", "DescribeInstances*", policy.AccessRead},
		{"cvm", "List*", policy.AccessList},
		{"cvm", "*", policy.AccessPermissionsManagement},
		{"cvm", "*Instances", policy.AccessWrite},
		{"cos", "*", policy.AccessPermissionsManagement},
		{"cos", "Get*", policy.AccessRead},
		{"cos", "*Bucket*", policy.AccessPermissionsManagement},
		{"cam", "*", policy.AccessPermissionsManagement},
		{"cam", "Get*", policy.AccessRead},
		{"cam", "Attach*", policy.AccessPermissionsManagement},
		{"cam", "List*", policy.AccessList},
		{"sts", "Get*", policy.AccessPermissionsManagement},
		{"*", "*", policy.AccessPermissionsManagement},
		{"*", "Describe*", policy.AccessPermissionsManagement},
		{"c*", "*", policy.AccessPermissionsManagement},
		{"unknownsvc", "Describe*", policy.AccessRead},
		{"unknownsvc", "*", policy.AccessWrite},
		{"unknownsvc", "Is*", policy.AccessWrite},
		{"unknownsvc", "IsEnabled*", policy.AccessRead},
		{"unknownsvc", "Tag*", policy.AccessTagging},
		{"unknownsvc", "Des*", policy.AccessWrite},
		{"unknownsvc", "Listen*", policy.AccessWrite},
		// No action.
		{"", "DescribeInstances", policy.AccessUnknown},
		{"cvm", "", policy.AccessUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.service+":"+tt.api, func(t *testing.T) {
			t.Parallel()
			if got := policy.AccessLevelOf(tt.service, tt.api); got != tt.want {
				t.Errorf("AccessLevelOf(%q, %q) = %v, want %v", tt.service, tt.api, got, tt.want)
			}
		})
	}
}

func TestActionAccessLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action string
		want   policy.AccessLevel
	}{
		{"*", policy.AccessPermissionsManagement},
		{"*:*", policy.AccessPermissionsManagement},
		{"cam:*", policy.AccessPermissionsManagement},
		{"cvm:*", policy.AccessPermissionsManagement},
		{"vpc:*", policy.AccessWrite},
		{"name/cvm:Describe*", policy.AccessPermissionsManagement},
		{"name/vpc:Describe*", policy.AccessRead},
		{"name/cos:GetObject", policy.AccessRead},
		{"cvm:RunInstances", policy.AccessWrite},
		{"sts:AssumeRole", policy.AccessPermissionsManagement},
		{"name/sts:AssumeRole", policy.AccessPermissionsManagement},
		{"permid/12345", policy.AccessPermissionsManagement},
		{"tag:TagResources", policy.AccessTagging},
		{"cam:List*", policy.AccessList},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			t.Parallel()
			a, err := policy.ParseAction(tt.action)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.AccessLevel(); got != tt.want {
				t.Errorf("%s: AccessLevel() = %v, want %v", tt.action, got, tt.want)
			}
		})
	}
	if got := (policy.Action{}).AccessLevel(); got != policy.AccessUnknown {
		t.Errorf("zero Action: AccessLevel() = %v, want Unknown", got)
	}
}

// TestWildcardNeverBelowMembers checks the safety rule: a service wildcard is
// at least as privileged as every catalogued API it covers.
func TestWildcardNeverBelowMembers(t *testing.T) {
	t.Parallel()
	for _, svc := range policy.CatalogServices() {
		all := policy.AccessLevelOf(svc, "*")
		for _, act := range policy.CatalogActions(svc) {
			_, api, _ := strings.Cut(act, ":")
			if l := policy.AccessLevelOf(svc, api); l > all || l == policy.AccessUnknown {
				t.Errorf("%s is %v but %s:* is %v", act, l, svc, all)
			}
		}
	}
}

func BenchmarkAccessLevelOf(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = policy.AccessLevelOf("cvm", "DescribeInstances")
	}
}

func BenchmarkAccessLevelPattern(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = policy.AccessLevelOf("cos", "*Bucket*")
	}
}
