package cam

import (
	"context"
	"maps"
	"time"
)

// Action is the name of a CAM or CloudAudit API action ("ListUsers",
// "DescribeSubAccounts"), the key of rate limits, problems, fault injection
// and call records. The constants below name every action a [Reader] calls
// and the writes with limits of their own.
type Action string

// String returns the action's name.
func (a Action) String() string { return string(a) }

// The API actions behind the [Reader] methods, and a few others with
// documented rate limits.
const (
	ActionGetUserAppID                Action = "GetUserAppId"                // Reader.Account
	ActionListUsers                   Action = "ListUsers"                   // Reader.ListUsers
	ActionGetUser                     Action = "GetUser"                     // Reader.GetUser
	ActionDescribeSubAccounts         Action = "DescribeSubAccounts"         // Reader.LastLogins
	ActionListAccessKeys              Action = "ListAccessKeys"              // Reader.ListAccessKeys, Reader.RootAccessKeys
	ActionGetSecurityLastUsed         Action = "GetSecurityLastUsed"         // Reader.KeysLastUsed
	ActionDescribeSafeAuthFlagColl    Action = "DescribeSafeAuthFlagColl"    // Reader.GetMFA
	ActionListGroups                  Action = "ListGroups"                  // Reader.ListGroups
	ActionListUsersForGroup           Action = "ListUsersForGroup"           // Reader.ListGroupMembers
	ActionDescribeRoleList            Action = "DescribeRoleList"            // Reader.ListRoles
	ActionGetRole                     Action = "GetRole"                     // Reader.GetRole
	ActionListPolicies                Action = "ListPolicies"                // Reader.ListPolicies
	ActionGetPolicy                   Action = "GetPolicy"                   // Reader.GetPolicy
	ActionListPolicyVersions          Action = "ListPolicyVersions"          // Reader.ListPolicyVersions
	ActionGetPolicyVersion            Action = "GetPolicyVersion"            // Reader.GetPolicyVersion
	ActionListAttachedUserAllPolicies Action = "ListAttachedUserAllPolicies" // Reader.ListUserPolicies
	ActionListAttachedGroupPolicies   Action = "ListAttachedGroupPolicies"   // Reader.ListGroupPolicies
	ActionListAttachedRolePolicies    Action = "ListAttachedRolePolicies"    // Reader.ListRolePolicies
	ActionGetUserPermissionBoundary   Action = "GetUserPermissionBoundary"   // Reader.UserBoundary
	ActionGetRolePermissionBoundary   Action = "GetRolePermissionBoundary"   // Reader.RoleBoundary
	ActionCreatePolicy                Action = "CreatePolicy"                // Writer.CreatePolicy
	ActionUpdateAssumeRolePolicy      Action = "UpdateAssumeRolePolicy"      // Writer.UpdateTrustPolicy
	ActionDescribeEvents              Action = "DescribeEvents"              // AuditLog.Events (CloudAudit)
)

// defaultRateLimits is each API's documented rate limit in requests per
// second (Tencent's API reference for each action; docs/semantics.md §7).
var defaultRateLimits = map[Action]float64{
	ActionListUsers:                   20,
	ActionGetUser:                     20,
	ActionDescribeSubAccounts:         20,
	ActionListAccessKeys:              20,
	ActionGetSecurityLastUsed:         20,
	ActionDescribeSafeAuthFlagColl:    20,
	ActionListGroups:                  20,
	ActionListUsersForGroup:           20,
	ActionListAttachedUserAllPolicies: 5,
	ActionListAttachedGroupPolicies:   20,
	ActionListAttachedRolePolicies:    20,
	ActionListPolicies:                20,
	ActionGetPolicy:                   20,
	ActionListPolicyVersions:          20,
	ActionGetPolicyVersion:            20,
	ActionDescribeRoleList:            10,
	ActionGetRole:                     20,
	ActionGetUserPermissionBoundary:   20,
	ActionGetRolePermissionBoundary:   20,
	ActionCreatePolicy:                10,
	ActionUpdateAssumeRolePolicy:      3,
	ActionDescribeEvents:              20,
}

// DefaultRateLimits returns each CAM and CloudAudit API's documented rate
// limit in requests per second, keyed by action: a new map on each call.
// Throttling is counted per API, region and caller. [Load] stays under these
// by default; camfake enforces them when asked to. APIs not listed default
// to [DefaultRateLimit].
func DefaultRateLimits() map[Action]float64 { return maps.Clone(defaultRateLimits) }

// DefaultRateLimit is the rate, in requests per second, assumed for an API
// that [DefaultRateLimits] does not list.
const DefaultRateLimit = 20

// RateLimit returns the documented rate limit of the API action.
func RateLimit(action Action) float64 {
	if r, ok := defaultRateLimits[action]; ok {
		return r
	}
	return DefaultRateLimit
}

// readerActions maps each Reader method name to the action it calls.
var readerActions = map[string]Action{
	"Account":            ActionGetUserAppID,
	"ListUsers":          ActionListUsers,
	"GetUser":            ActionGetUser,
	"LastLogins":         ActionDescribeSubAccounts,
	"ListAccessKeys":     ActionListAccessKeys,
	"RootAccessKeys":     ActionListAccessKeys,
	"KeysLastUsed":       ActionGetSecurityLastUsed,
	"GetMFA":             ActionDescribeSafeAuthFlagColl,
	"ListGroups":         ActionListGroups,
	"ListGroupMembers":   ActionListUsersForGroup,
	"ListRoles":          ActionDescribeRoleList,
	"GetRole":            ActionGetRole,
	"ListPolicies":       ActionListPolicies,
	"GetPolicy":          ActionGetPolicy,
	"ListPolicyVersions": ActionListPolicyVersions,
	"GetPolicyVersion":   ActionGetPolicyVersion,
	"ListUserPolicies":   ActionListAttachedUserAllPolicies,
	"ListGroupPolicies":  ActionListAttachedGroupPolicies,
	"ListRolePolicies":   ActionListAttachedRolePolicies,
	"UserBoundary":       ActionGetUserPermissionBoundary,
	"RoleBoundary":       ActionGetRolePermissionBoundary,
}

// ReaderActions returns, for each [Reader] method name, the API action it
// calls: a new map on each call.
func ReaderActions() map[string]Action { return maps.Clone(readerActions) }

// isReaderAction reports whether a Reader method calls the action.
func isReaderAction(a Action) bool {
	for _, r := range readerActions {
		if r == a {
			return true
		}
	}
	return false
}

// RateLimiter is implemented by a [Reader] that knows the rate limits it
// enforces itself, such as camfake's Fake. [Load] paces each action at the
// rate the Reader reports instead of the documented one, so a load of an
// in-memory account that enforces no limits takes milliseconds.
type RateLimiter interface {
	// RateLimit returns the requests per second the Reader accepts for the
	// action; math.Inf(1) when it enforces no limit.
	RateLimit(action Action) float64
}

// RootKeysReader is implemented by a [Reader] that can list the root
// account's access keys given the account it already read, such as
// tencent's Client, whose [Reader.RootAccessKeys] must otherwise read the
// account again (GetUserAppId) to know whose keys to list. [Load] calls
// RootAccessKeysOf with what [Reader.Account] returned when that read
// succeeded, and RootAccessKeys otherwise; a Reader without the method (a
// test fake, say) needs nothing more.
type RootKeysReader interface {
	// RootAccessKeysOf returns the root account's own access keys, as
	// [Reader.RootAccessKeys] does, for the account a that [Reader.Account]
	// returned (ListAccessKeys for a.OwnerUIN).
	RootAccessKeysOf(ctx context.Context, a Account) ([]AccessKey, error)
}

// Clock is implemented by a [Reader] whose account has a clock of its own,
// such as camfake's Fake with a fixed clock. [Load] stamps
// [Snapshot.Taken] with it (unless [WithClock] is given), so times in the
// snapshot and ages measured from Taken agree with the account.
type Clock interface {
	// Now returns the account's current time.
	Now() time.Time
}
