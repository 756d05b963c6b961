package cam

import "context"

// Reader is the read side of CAM: everything the access review, planning and the
// permission-test harness need. Methods return whole lists; implementations page
// CAM's APIs themselves. Every method honours ctx.
//
// A Reader never returns a secret key.
type Reader interface {
	// Account identifies the account and the caller (GetUserAppId).
	Account(ctx context.Context) (Account, error)
	// ListUsers returns every sub-user (ListUsers).
	ListUsers(ctx context.Context) ([]User, error)
	// GetUser returns one sub-user by name, with its last login time and IP (GetUser).
	GetUser(ctx context.Context, name string) (User, error)
	// LastLogins returns the users with the given UINs, with their last login
	// (DescribeSubAccounts); at most [MaxLastLoginBatch] UINs per call. Unknown
	// UINs are left out of the result.
	LastLogins(ctx context.Context, uins []uint64) ([]User, error)
	// ListAccessKeys returns a sub-user's access keys (ListAccessKeys).
	ListAccessKeys(ctx context.Context, uin uint64) ([]AccessKey, error)
	// RootAccessKeys returns the root account's own access keys
	// (ListAccessKeys for the owner's UIN), which should not exist.
	RootAccessKeys(ctx context.Context) ([]AccessKey, error)
	// KeysLastUsed returns when each key was last used (GetSecurityLastUsed); at
	// most [MaxKeyLastUsedBatch] key IDs per call.
	KeysLastUsed(ctx context.Context, keyIDs []string) ([]KeyLastUsed, error)
	// GetMFA returns a sub-user's protection settings (DescribeSafeAuthFlagColl).
	GetMFA(ctx context.Context, uin uint64) (MFASettings, error)

	// ListGroups returns every group (ListGroups).
	ListGroups(ctx context.Context) ([]Group, error)
	// ListGroupMembers returns the UINs of a group's members (ListUsersForGroup).
	ListGroupMembers(ctx context.Context, groupID uint64) ([]uint64, error)

	// ListRoles returns every role with its trust policy (DescribeRoleList).
	ListRoles(ctx context.Context) ([]Role, error)
	// GetRole returns one role by name (GetRole).
	GetRole(ctx context.Context, name string) (Role, error)

	// ListPolicies returns policies in scope, without documents (ListPolicies).
	ListPolicies(ctx context.Context, scope PolicyScope) ([]Policy, error)
	// GetPolicy returns one policy with its default version's document (GetPolicy).
	GetPolicy(ctx context.Context, id uint64) (Policy, error)
	// ListPolicyVersions returns a custom policy's versions without documents
	// (ListPolicyVersions).
	ListPolicyVersions(ctx context.Context, id uint64) ([]PolicyVersion, error)
	// GetPolicyVersion returns one version with its document (GetPolicyVersion).
	GetPolicyVersion(ctx context.Context, id, version uint64) (PolicyVersion, error)

	// ListUserPolicies returns the policies attached to a user, directly, through
	// groups, or both (ListAttachedUserAllPolicies).
	ListUserPolicies(ctx context.Context, uin uint64, filter AttachFilter) ([]Attachment, error)
	// ListGroupPolicies returns the policies attached to a group (ListAttachedGroupPolicies).
	ListGroupPolicies(ctx context.Context, groupID uint64) ([]Attachment, error)
	// ListRolePolicies returns the policies attached to a role (ListAttachedRolePolicies).
	ListRolePolicies(ctx context.Context, roleName string) ([]Attachment, error)

	// UserBoundary returns a user's permission boundary, or ok=false when it has
	// none (GetUserPermissionBoundary).
	UserBoundary(ctx context.Context, uin uint64) (b Boundary, ok bool, err error)
	// RoleBoundary returns a role's permission boundary, or ok=false when it has
	// none (GetRolePermissionBoundary).
	RoleBoundary(ctx context.Context, roleName string) (b Boundary, ok bool, err error)
}

// Batch limits of CAM's batched read APIs.
const (
	// MaxLastLoginBatch is how many UINs DescribeSubAccounts takes per call.
	MaxLastLoginBatch = 50
	// MaxKeyLastUsedBatch is how many key IDs GetSecurityLastUsed takes per call.
	MaxKeyLastUsedBatch = 10
)

// RoleInput describes a role to create.
type RoleInput struct {
	// Name is the role name (see policy.ValidateRoleName).
	Name string
	// TrustPolicy is the trust policy document text (canonical JSON from
	// [policy.Document.Canonical] is what camkit sends).
	TrustPolicy string
	// Description says what the role is for (at most 300 bytes).
	Description string
	// SessionDuration in seconds, 0–43,200; 0 leaves CAM's default.
	SessionDuration int64
	// ConsoleLogin allows the role to be used to sign in to the console.
	ConsoleLogin bool
	// Tags are set on the new role.
	Tags []Tag
}

// PolicyInput describes a custom policy to create.
type PolicyInput struct {
	// Name is the policy name (see policy.ValidatePolicyName).
	Name string
	// Description says what the policy is for (at most 300 bytes).
	Description string
	// Document is the policy document text.
	Document string
}

// Writer is the mutating side of CAM: what planning and applying role changes
// need. Roles are named by role name, policies by ID, users by UIN, groups by ID.
type Writer interface {
	// CreatePolicy creates a custom policy and returns its ID (CreatePolicy).
	CreatePolicy(ctx context.Context, in PolicyInput) (uint64, error)
	// UpdatePolicyDescription changes a custom policy's description (UpdatePolicy).
	UpdatePolicyDescription(ctx context.Context, id uint64, description string) error
	// DeletePolicy deletes custom policies (DeletePolicy).
	DeletePolicy(ctx context.Context, ids ...uint64) error
	// CreatePolicyVersion adds a version to a custom policy, optionally making it
	// the default, and returns the version ID (CreatePolicyVersion). A policy has
	// at most five versions.
	CreatePolicyVersion(ctx context.Context, id uint64, document string, setDefault bool) (uint64, error)
	// SetDefaultPolicyVersion makes a version the default (SetDefaultPolicyVersion).
	SetDefaultPolicyVersion(ctx context.Context, id, version uint64) error
	// DeletePolicyVersion deletes non-default versions (DeletePolicyVersion).
	DeletePolicyVersion(ctx context.Context, id uint64, versions ...uint64) error

	// CreateRole creates a role and returns it (CreateRole).
	CreateRole(ctx context.Context, in RoleInput) (Role, error)
	// DeleteRole deletes a role (DeleteRole).
	DeleteRole(ctx context.Context, name string) error
	// UpdateTrustPolicy replaces a role's trust policy (UpdateAssumeRolePolicy).
	UpdateTrustPolicy(ctx context.Context, roleName, document string) error
	// UpdateRoleDescription changes a role's description (UpdateRoleDescription).
	UpdateRoleDescription(ctx context.Context, roleName, description string) error
	// UpdateRoleSessionDuration changes a role's maximum session length in
	// seconds (UpdateRoleSessionDuration).
	UpdateRoleSessionDuration(ctx context.Context, roleName string, seconds int64) error
	// TagRole adds or replaces tags on a role (TagRole).
	TagRole(ctx context.Context, roleName string, tags []Tag) error
	// UntagRole removes tags from a role by key (UntagRole).
	UntagRole(ctx context.Context, roleName string, keys []string) error

	// AttachUserPolicy attaches a policy to a user (AttachUserPolicy).
	AttachUserPolicy(ctx context.Context, policyID, uin uint64) error
	// DetachUserPolicy detaches a policy from a user (DetachUserPolicy).
	DetachUserPolicy(ctx context.Context, policyID, uin uint64) error
	// AttachGroupPolicy attaches a policy to a group (AttachGroupPolicy).
	AttachGroupPolicy(ctx context.Context, policyID, groupID uint64) error
	// DetachGroupPolicy detaches a policy from a group (DetachGroupPolicy).
	DetachGroupPolicy(ctx context.Context, policyID, groupID uint64) error
	// AttachRolePolicy attaches a policy to a role (AttachRolePolicy).
	AttachRolePolicy(ctx context.Context, policyID uint64, roleName string) error
	// DetachRolePolicy detaches a policy from a role (DetachRolePolicy).
	DetachRolePolicy(ctx context.Context, policyID uint64, roleName string) error

	// AddUserToGroup adds a user to a group (AddUserToGroup).
	AddUserToGroup(ctx context.Context, groupID, uin uint64) error
	// RemoveUserFromGroup removes a user from a group (RemoveUserFromGroup).
	RemoveUserFromGroup(ctx context.Context, groupID, uin uint64) error

	// PutUserBoundary sets a user's permission boundary (PutUserPermissionsBoundary).
	PutUserBoundary(ctx context.Context, uin, policyID uint64) error
	// DeleteUserBoundary removes a user's permission boundary (DeleteUserPermissionsBoundary).
	DeleteUserBoundary(ctx context.Context, uin uint64) error
	// PutRoleBoundary sets a role's permission boundary (PutRolePermissionsBoundary).
	PutRoleBoundary(ctx context.Context, roleName string, policyID uint64) error
	// DeleteRoleBoundary removes a role's permission boundary (DeleteRolePermissionsBoundary).
	DeleteRoleBoundary(ctx context.Context, roleName string) error
}

// API is the whole account boundary: reads and writes.
type API interface {
	Reader
	Writer
}

// AuditLog reads CloudAudit events.
type AuditLog interface {
	// Events returns the events matching q, oldest first (DescribeEvents).
	// Implementations split windows of 30 days or more and page through results.
	Events(ctx context.Context, q EventQuery) ([]AuditEvent, error)
}
