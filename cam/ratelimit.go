package cam

// DefaultRateLimits is each CAM and CloudAudit API's documented rate limit in
// requests per second (CAM-SEMANTICS §7), keyed by API action name. Throttling is
// counted per API, region and caller. [Load] stays under these by default; the
// fake enforces them when asked to.
//
// APIs not listed default to [DefaultRateLimit].
var DefaultRateLimits = map[string]float64{
	"ListUsers":                   20,
	"GetUser":                     20,
	"DescribeSubAccounts":         20,
	"ListAccessKeys":              20,
	"GetSecurityLastUsed":         20,
	"DescribeSafeAuthFlagColl":    20,
	"ListGroups":                  20,
	"ListUsersForGroup":           20,
	"ListAttachedUserAllPolicies": 5,
	"ListAttachedGroupPolicies":   20,
	"ListAttachedRolePolicies":    20,
	"ListPolicies":                20,
	"GetPolicy":                   20,
	"ListPolicyVersions":          20,
	"GetPolicyVersion":            20,
	"DescribeRoleList":            10,
	"GetRole":                     20,
	"GetUserPermissionBoundary":   20,
	"GetRolePermissionBoundary":   20,
	"CreatePolicy":                10,
	"UpdateAssumeRolePolicy":      3,
	"DescribeEvents":              20,
}

// DefaultRateLimit is the rate, in requests per second, assumed for an API that
// [DefaultRateLimits] does not list.
const DefaultRateLimit = 20

// RateLimit returns the documented rate limit of the API action.
func RateLimit(action string) float64 {
	if r, ok := DefaultRateLimits[action]; ok {
		return r
	}
	return DefaultRateLimit
}

// ReaderActions maps each [Reader] method name to the CAM API action it calls, so
// rate limits, fault injection and call records can all be keyed by API action.
var ReaderActions = map[string]string{
	"Account":            "GetUserAppId",
	"ListUsers":          "ListUsers",
	"GetUser":            "GetUser",
	"LastLogins":         "DescribeSubAccounts",
	"ListAccessKeys":     "ListAccessKeys",
	"KeysLastUsed":       "GetSecurityLastUsed",
	"GetMFA":             "DescribeSafeAuthFlagColl",
	"ListGroups":         "ListGroups",
	"ListGroupMembers":   "ListUsersForGroup",
	"ListRoles":          "DescribeRoleList",
	"GetRole":            "GetRole",
	"ListPolicies":       "ListPolicies",
	"GetPolicy":          "GetPolicy",
	"ListPolicyVersions": "ListPolicyVersions",
	"GetPolicyVersion":   "GetPolicyVersion",
	"ListUserPolicies":   "ListAttachedUserAllPolicies",
	"ListGroupPolicies":  "ListAttachedGroupPolicies",
	"ListRolePolicies":   "ListAttachedRolePolicies",
	"UserBoundary":       "GetUserPermissionBoundary",
	"RoleBoundary":       "GetRolePermissionBoundary",
}
