package policy_test

import (
	"testing"

	"github.com/camkit/camkit/policy"
)

// TestAccessLevelFixes pins the levels issue 6 found wrong in the hand-typed
// catalogue: camkit never rates a write or a credential issue too low.
func TestAccessLevelFixes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		service, api string
		want         policy.AccessLevel
	}{
		// A name written in lowercase has no visible word boundary: "issue"
		// is a write, not the verb "is".
		{"ssl", "issuecertificate", policy.AccessWrite},
		{"x", "issuecertificate", policy.AccessWrite},
		{"x", "IssueCertificate", policy.AccessWrite},
		{"tdid", "IssueCredential", policy.AccessPermissionsManagement},
		{"x", "isenabled", policy.AccessRead},
		{"x", "isolateinstance", policy.AccessWrite},
		// Deleting container image tags is no tagging.
		{"tcr", "DeleteRepositoryTags", policy.AccessWrite},
		{"tsf", "DeleteImageTags", policy.AccessWrite},
		{"tcr", "deleterepositorytags", policy.AccessWrite},
		{"x", "CreateTags", policy.AccessWrite},
		// Tag-only changes stay Tagging.
		{"tke", "ModifyClusterTags", policy.AccessTagging},
		{"cos", "PutBucketTagging", policy.AccessTagging},
		{"cos", "DeleteBucketTagging", policy.AccessTagging},
		{"tag", "DeleteResourceTag", policy.AccessTagging},
		{"tag", "AttachResourcesTag", policy.AccessTagging},
		{"cam", "TagRole", policy.AccessTagging},
		// Reads that issue credentials or access.
		{"tke", "DescribeClusterKubeconfig", policy.AccessPermissionsManagement},
		{"tke", "DescribeClusterSecurity", policy.AccessPermissionsManagement},
		{"cvm", "DescribeInstanceVncUrl", policy.AccessPermissionsManagement},
		{"kms", "GetDataKeyPlaintext", policy.AccessPermissionsManagement},
		{"lighthouse", "DescribeInstanceVncUrl", policy.AccessPermissionsManagement},
		// Identity management in other services.
		{"organization", "AddPermissionPolicyToRoleConfiguration", policy.AccessPermissionsManagement},
		{"organization", "CreateRoleAssignment", policy.AccessPermissionsManagement},
		{"organization", "CreateOrganizationMemberPolicy", policy.AccessPermissionsManagement},
		{"organization", "ListRoleAssignments", policy.AccessList},
		{"cdb", "ModifyAccountPrivileges", policy.AccessPermissionsManagement},
		{"cdb", "ModifyAccountPassword", policy.AccessPermissionsManagement},
		{"tke", "GrantUserPermissions", policy.AccessPermissionsManagement},
		{"iap", "CreateIAPUserOIDCConfig", policy.AccessPermissionsManagement},
		{"mqtt", "CreateAuthorizationPolicy", policy.AccessPermissionsManagement},
		{"x", "modifyaccountprivileges", policy.AccessPermissionsManagement},
		// Ordinary writes stay writes, reads reads.
		{"monitor", "CreateAlarmPolicy", policy.AccessWrite},
		{"vpc", "CreateSecurityGroupPolicies", policy.AccessWrite},
		{"cvm", "DescribeInstances", policy.AccessRead},
		{"ssm", "GetSecretValue", policy.AccessRead},
		{"sts", "GetSessionToken", policy.AccessWrite},
		{"cam", "CreateGroup", policy.AccessWrite},
		{"cam", "AttachUserPolicy", policy.AccessPermissionsManagement},
		{"cam", "PassRole", policy.AccessPermissionsManagement},
		{"cam", "DeleteApiKey", policy.AccessPermissionsManagement},
	}
	for _, tt := range tests {
		if got := policy.AccessLevelOf(tt.service, tt.api); got != tt.want {
			t.Errorf("AccessLevelOf(%q, %q) = %v, want %v", tt.service, tt.api, got, tt.want)
		}
	}
}

// TestCredentialIssuersAreTheHighestLevel checks that every API
// IssuesCredentials names is PermissionsManagement, so a wildcard reaching one
// is too.
func TestCredentialIssuersAreTheHighestLevel(t *testing.T) {
	t.Parallel()
	for _, svc := range policy.CatalogServices() {
		for _, act := range policy.CatalogActions(svc) {
			api := act[len(svc)+1:]
			if policy.IssuesCredentials(svc, api) && policy.AccessLevelOf(svc, api) != policy.AccessPermissionsManagement {
				t.Errorf("%s issues credentials but is %v", act, policy.AccessLevelOf(svc, api))
			}
		}
	}
	if got := policy.AccessLevelOf("tke", "Describe*"); got != policy.AccessPermissionsManagement {
		t.Errorf("tke:Describe* is %v; it reaches DescribeClusterKubeconfig", got)
	}
}
