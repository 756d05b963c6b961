package review

import "slices"

// Check describes one review check: its stable ID, default severity, what it
// finds and where its data comes from.
type Check struct {
	// ID is the stable ID that findings, suppressions and diffs carry.
	ID string `json:"id"`
	// Severity is the default severity of its findings.
	Severity Severity `json:"severity"`
	// Summary says what the check finds.
	Summary string `json:"summary"`
	// Events is true for checks over CloudAudit events ([Events]); false for
	// checks over a snapshot ([Assess]).
	Events bool `json:"events,omitempty"`
}

// The check IDs. They never change: reports, suppressions and diffs rely on
// them. Lint findings on the account's policies keep their policy rule IDs
// (policy.Rules), so a review check and a lint rule with one ID are one check.
const (
	CheckMFALoginMissing      = "mfa.login-missing"
	CheckMFAOperationMissing  = "mfa.operation-missing"
	CheckMFAWeakFactor        = "mfa.weak-factor"
	CheckRootAccessKey        = "root.access-key"
	CheckKeyNotRotated        = "key.not-rotated"
	CheckKeyUnused            = "key.unused"
	CheckKeyNeverUsed         = "key.never-used"
	CheckKeyTwoActive         = "key.two-active"
	CheckKeyUnnamed           = "key.unnamed"
	CheckUserInactive         = "user.inactive"
	CheckUserDirectPolicy     = "user.direct-policy"
	CheckUserNoGroup          = "user.no-group"
	CheckUserSharedAccount    = "user.shared-account"
	CheckUserTooManyRoles     = "user.too-many-roles"
	CheckGroupEmpty           = "group.empty"
	CheckPolicyAdminGrant     = "policy.admin-grant"
	CheckPolicyAllowAllCustom = "policy.allow-all-custom"
	CheckPolicyPrivEscalation = "policy.privilege-escalation"
	CheckPolicyUnattached     = "policy.unattached"
	CheckPolicyUnusedAccess   = "policy.unused-access"
	CheckRoleTrustExternal    = "role.trust-external"
	CheckRoleTierDrift        = "role.tier-drift"
	CheckRoleTierRequirement  = "role.tier-requirement"
	CheckRoleNaming           = "role.naming"
	CheckEventIAMChange       = "event.iam-change"
	CheckEventDenied          = "event.denied"
	CheckEventBreakGlassUsed  = "event.breakglass-used"
	CheckEventUnexpectedIP    = "event.unexpected-ip"
	CheckEventLoginFailure    = "event.login-failure"
	CheckReviewIncomplete     = "review.incomplete"
	CheckSuppressionExpired   = "review.suppression-expired"
)

var checks = []Check{
	{CheckMFALoginMissing, High, "console user without login protection by an MFA device", false},
	{CheckMFAOperationMissing, Medium, "sensitive-operation protection is off", false},
	{CheckMFAWeakFactor, Info, "protection uses only phone, WeChat or mail codes, no MFA device", false},
	{CheckRootAccessKey, Critical, "the root account has API keys", false},
	{CheckKeyNotRotated, Medium, "active key older than the rotation limit", false},
	{CheckKeyUnused, Medium, "active key not used within the limit", false},
	{CheckKeyNeverUsed, Low, "key created long ago and never used", false},
	{CheckKeyTwoActive, Low, "user with more than one active key", false},
	{CheckKeyUnnamed, Low, "key description does not say what uses it", false},
	{CheckUserInactive, Medium, "console user not signed in within the limit", false},
	{CheckUserDirectPolicy, Low, "policy attached directly to a user instead of a group or role", false},
	{CheckUserNoGroup, Low, "user in no group", false},
	{CheckUserSharedAccount, Medium, "name suggests a shared or throw-away identity", false},
	{CheckUserTooManyRoles, Medium, "user can assume more roles than one primary and one secondary", false},
	{CheckGroupEmpty, Low, "group with no members", false},
	{CheckPolicyAdminGrant, High, "AdministratorAccess or * on * held outside a break-glass role", false},
	{CheckPolicyAllowAllCustom, High, "custom policy allowing everything without a condition", false},
	{CheckPolicyPrivEscalation, High, "policy grants permission management on any resource (policy lint rule)", false},
	{CheckPolicyUnattached, Info, "custom policy attached to nothing", false},
	{CheckPolicyUnusedAccess, Low, "granted actions not used in the audit window, with a narrower policy", true},
	{CheckRoleTrustExternal, High, "trust policy names another account, anyone, or an unexpected service", false},
	{CheckRoleTierDrift, High, "role's policies need a higher tier than the role declares", false},
	{CheckRoleTierRequirement, Medium, "a tier requirement is not met", false},
	{CheckRoleNaming, Low, "role name breaks the naming convention", false},
	{CheckEventIAMChange, Info, "IAM changes in the window", true},
	{CheckEventDenied, Low, "access-denied calls per principal", true},
	{CheckEventBreakGlassUsed, High, "a break-glass role was assumed", true},
	{CheckEventUnexpectedIP, Medium, "sign-ins or calls from outside the allowlist", true},
	{CheckEventLoginFailure, Medium, "console login failures", true},
	{CheckReviewIncomplete, Medium, "data that could not be read, so a check could not run", false},
	{CheckSuppressionExpired, Low, "a suppression has expired and no longer suppresses", false},
}

// Checks lists every check of the review, in a fixed order. The slice is a
// copy.
func Checks() []Check { return slices.Clone(checks) }

// checkInfo returns the check with the given ID.
func checkInfo(id string) (Check, bool) {
	for _, c := range checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}
