package review

import "github.com/camkit/camkit/policy"

// requiredCAMActions are the CAM read APIs that cam.Load calls (one per
// cam.Reader method; the test checks the list against cam's), and that a
// review therefore needs.
var requiredCAMActions = []string{
	"GetUserAppId", "ListUsers", "GetUser", "DescribeSubAccounts", "ListAccessKeys", "GetSecurityLastUsed",
	"DescribeSafeAuthFlagColl", "ListGroups", "ListUsersForGroup", "DescribeRoleList", "GetRole", "ListPolicies",
	"GetPolicy", "ListPolicyVersions", "GetPolicyVersion", "ListAttachedUserAllPolicies", "ListAttachedGroupPolicies",
	"ListAttachedRolePolicies", "GetUserPermissionBoundary", "GetRolePermissionBoundary",
}

// RequiredPolicy returns the least-privilege CAM policy a reviewer needs for
// cam.Load and [Events]: CAM's read APIs that Load calls and CloudAudit's
// DescribeEvents, each named (no wildcard), on every resource, since these list
// and read APIs authorise at operation level. It grants no write and no
// credential. The document is valid and lint-clean (tests check both), so
// camkit practises what it preaches; attach it to the identity whose key the
// review uses.
func RequiredPolicy() *policy.Document {
	actions := make([]string, 0, len(requiredCAMActions)+1)
	for _, a := range requiredCAMActions {
		actions = append(actions, "cam:"+a)
	}
	actions = append(actions, "cloudaudit:DescribeEvents")
	return policy.New(policy.Allow(actions...).On("*"))
}
