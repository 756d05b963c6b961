package cam

import (
	"time"

	"github.com/camkit/camkit/policy"
)

// Account identifies the account a Reader reads and the identity it reads as.
type Account struct {
	// OwnerUIN is the root account's UIN (the "uin/<owner>" of every ARN).
	OwnerUIN uint64 `json:"ownerUIN"`
	// CallerUIN is the UIN of the identity making the calls.
	CallerUIN uint64 `json:"callerUIN,omitempty"`
	// AppID is the account's APPID (the "uid/<appid>" of COS resources).
	AppID uint64 `json:"appID,omitempty"`
}

// User is a CAM sub-user.
type User struct {
	// UIN is the sub-user's account identifier (SubAccountInfo.Uin).
	UIN uint64 `json:"uin"`
	// UID is the sub-user's user ID, used by some group APIs.
	UID uint64 `json:"uid,omitempty"`
	// Name is the sub-user's login name.
	Name string `json:"name"`
	// Remark is the free-text remark.
	Remark string `json:"remark,omitempty"`
	// ConsoleLogin reports whether the user may sign in to the console.
	ConsoleLogin bool `json:"consoleLogin"`
	// Created is when the user was created.
	Created time.Time `json:"created,omitzero"`
	// LastLogin is the last console login; zero when the user never signed in
	// or the time is unknown.
	LastLogin time.Time `json:"lastLogin,omitzero"`
	// LastLoginIP is the source address of the last console login.
	LastLoginIP string `json:"lastLoginIP,omitempty"`
}

// Group is a CAM user group.
type Group struct {
	// ID is CAM's group ID.
	ID uint64 `json:"id"`
	// Name is the group name, unique in the account.
	Name string `json:"name"`
	// Remark is the free-text remark.
	Remark string `json:"remark,omitempty"`
	// Created is when the group was created.
	Created time.Time `json:"created,omitzero"`
}

// RoleType is the kind of a role as CAM reports it.
type RoleType string

// The role types CAM reports.
const (
	RoleTypeUser          RoleType = "user"
	RoleTypeSystem        RoleType = "system"
	RoleTypeServiceLinked RoleType = "service_linked"
)

// Tag is a key/value tag on a role.
type Tag struct {
	// Key is the tag key.
	Key string `json:"key"`
	// Value is the tag value.
	Value string `json:"value"`
}

// Role is a CAM role.
type Role struct {
	// ID is CAM's role identifier (RoleId).
	ID string `json:"id"`
	// Name is the role name, unique in the account.
	Name string `json:"name"`
	// ARN is "qcs::cam::uin/<owner>:roleName/<name>".
	ARN string `json:"arn,omitempty"`
	// Type is the role type.
	Type RoleType `json:"type,omitempty"`
	// TrustPolicy is the trust policy exactly as CAM returned it.
	TrustPolicy string `json:"trustPolicy"`
	// Trust is TrustPolicy parsed; nil when it does not parse (the snapshot
	// records the problem).
	Trust *policy.Document `json:"-"`
	// Description is the role description.
	Description string `json:"description,omitempty"`
	// SessionDuration is the maximum session length in seconds (0: CAM's default).
	SessionDuration int64 `json:"sessionDuration,omitempty"`
	// ConsoleLogin reports whether the role may be used to sign in to the console.
	ConsoleLogin bool `json:"consoleLogin"`
	// Tags are the role's tags, sorted by key.
	Tags []Tag `json:"tags,omitempty"`
	// Created is when the role was created.
	Created time.Time `json:"created,omitzero"`
	// Updated is when the role was last changed.
	Updated time.Time `json:"updated,omitzero"`
}

// KeyStatus is an access key's status.
type KeyStatus string

// The access key statuses.
const (
	KeyActive   KeyStatus = "Active"
	KeyInactive KeyStatus = "Inactive"
)

// AccessKey describes an API key. It never holds the secret key.
type AccessKey struct {
	// ID is the SecretId (access key ID), which is not secret.
	ID string `json:"id"`
	// UserUIN is the owner of the key.
	UserUIN uint64 `json:"userUIN"`
	// Status says whether the key can sign requests.
	Status KeyStatus `json:"status"`
	// Created is when the key was created; its age is measured from here.
	Created time.Time `json:"created,omitzero"`
	// Description is the key's free-text description, which should say what
	// uses the key (for example "ci-cd-prod-deploy-jan2026").
	Description string `json:"description,omitempty"`
	// LastUsed is the last day the key was used (CAM reports a date, about a day
	// behind); zero when it was never used or is unknown.
	LastUsed time.Time `json:"lastUsed,omitzero"`
}

// KeyLastUsed is one row of GetSecurityLastUsed.
type KeyLastUsed struct {
	// KeyID is the access key ID (SecretId).
	KeyID string `json:"keyID"`
	// LastUsed is zero when the key was never used.
	LastUsed time.Time `json:"lastUsed,omitzero"`
}

// MFAFactors lists which verification factors a protection setting accepts.
// Token (hardware MFA), Stoken (virtual MFA app) and U2F (security key) are MFA
// devices; Phone, Wechat and Mail are one-time codes, not MFA devices.
type MFAFactors struct {
	// Token is a hardware MFA device.
	Token bool `json:"token,omitempty"`
	// Stoken is a virtual MFA app (TOTP).
	Stoken bool `json:"stoken,omitempty"`
	// U2F is a security key.
	U2F bool `json:"u2f,omitempty"`
	// Phone is a one-time code by text message.
	Phone bool `json:"phone,omitempty"`
	// Wechat is a one-time code by WeChat.
	Wechat bool `json:"wechat,omitempty"`
	// Mail is a one-time code by e-mail.
	Mail bool `json:"mail,omitempty"`
}

// Device reports whether an MFA device (Token, Stoken or U2F) is required.
func (f MFAFactors) Device() bool { return f.Token || f.Stoken || f.U2F }

// Any reports whether any factor at all is required.
func (f MFAFactors) Any() bool { return f.Device() || f.Phone || f.Wechat || f.Mail }

// MFASettings is a sub-user's protection settings (DescribeSafeAuthFlagColl).
type MFASettings struct {
	// Login is login protection (LoginFlag).
	Login MFAFactors `json:"login"`
	// Operation is sensitive-operation protection (ActionFlag).
	Operation MFAFactors `json:"operation"`
}

// PolicyType says whether a policy is the account's own or Tencent's.
type PolicyType string

// The policy types.
const (
	PolicyCustom PolicyType = "custom" // CAM Type 1
	PolicyPreset PolicyType = "preset" // CAM Type 2, a Tencent-managed policy
)

// PolicyScope filters ListPolicies.
type PolicyScope string

// The ListPolicies scopes.
const (
	ScopeAll    PolicyScope = "All"
	ScopeCustom PolicyScope = "Local"
	ScopePreset PolicyScope = "QCS"
)

// Policy is a CAM policy. Document is kept verbatim as CAM returned it; Parsed is
// that text parsed with [policy.Parse] (nil if it did not parse or was not read).
type Policy struct {
	// ID is CAM's policy ID.
	ID uint64 `json:"id"`
	// Name is the policy name, unique in the account.
	Name string `json:"name"`
	// Type says whether the policy is the account's own or Tencent's.
	Type PolicyType `json:"type"`
	// Description is the policy description.
	Description string `json:"description,omitempty"`
	// Document is the default version's document text, verbatim. ListPolicies does
	// not return it; GetPolicy does.
	Document string `json:"document,omitempty"`
	// Parsed is Document parsed.
	Parsed *policy.Document `json:"-"`
	// AttachmentCount is how many users, groups and roles the policy is attached to.
	AttachmentCount int `json:"attachmentCount"`
	// DefaultVersion is the default version's ID (custom policies with versions).
	DefaultVersion uint64 `json:"defaultVersion,omitempty"`
	// Created is when the policy was created.
	Created time.Time `json:"created,omitzero"`
	// Updated is when the policy was last changed.
	Updated time.Time `json:"updated,omitzero"`
}

// PolicyVersion is one version of a custom policy.
type PolicyVersion struct {
	// Version is the version ID.
	Version uint64 `json:"version"`
	// Document is the version's document text, verbatim; empty in lists.
	Document string `json:"document,omitempty"`
	// IsDefault reports whether this is the version CAM enforces.
	IsDefault bool `json:"isDefault"`
	// Created is when the version was created.
	Created time.Time `json:"created,omitzero"`
}

// AttachFilter selects user attachments by how they are held.
type AttachFilter int

// The attachment filters of ListAttachedUserAllPolicies (AttachType 0, 1, 2).
const (
	AttachAll      AttachFilter = 0
	AttachDirect   AttachFilter = 1
	AttachViaGroup AttachFilter = 2
)

// Attachment is a policy attached to a user, group or role.
type Attachment struct {
	// PolicyID is the attached policy's ID.
	PolicyID uint64 `json:"policyID"`
	// PolicyName is the attached policy's name.
	PolicyName string `json:"policyName"`
	// PolicyType says whether the policy is custom or preset.
	PolicyType PolicyType `json:"policyType"`
	// GroupID is set for a user's attachment held through a group.
	GroupID uint64 `json:"groupID,omitempty"`
	// Attached is when the policy was attached.
	Attached time.Time `json:"attached,omitzero"`
}

// Boundary is a permission boundary set on a user or role.
type Boundary struct {
	// PolicyID is the boundary policy's ID.
	PolicyID uint64 `json:"policyID"`
	// PolicyName is the boundary policy's name.
	PolicyName string `json:"policyName,omitempty"`
	// Document is the boundary policy's text, verbatim.
	Document string `json:"document,omitempty"`
}

// AuditEvent is one CloudAudit event.
type AuditEvent struct {
	// ID is CloudAudit's event ID.
	ID string `json:"id"`
	// Name is the event name, which is the API action ("AttachUserPolicy").
	Name string `json:"name"`
	// Time is when the call was made.
	Time time.Time `json:"time"`
	// Principal is the caller as CloudAudit reports it (user name or ARN).
	Principal string `json:"principal,omitempty"`
	// PrincipalUIN is the caller's UIN when known.
	PrincipalUIN uint64 `json:"principalUIN,omitempty"`
	// SourceIP is the caller's source address.
	SourceIP string `json:"sourceIP,omitempty"`
	// Region is the region the call was made in.
	Region string `json:"region,omitempty"`
	// ErrorCode is the API error code, 0 for success.
	ErrorCode int64 `json:"errorCode,omitempty"`
	// Sensitive is CloudAudit's sensitive-action flag.
	Sensitive bool `json:"sensitive,omitempty"`
	// ReadOnly is true for read-only actions.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Resources names the resources the call acted on.
	Resources []string `json:"resources,omitempty"`
}

// EventQuery selects audit events. CloudAudit serves events from at most 90 days
// back, in windows shorter than 30 days; implementations slice longer windows.
type EventQuery struct {
	// Start and End bound the window, [Start, End).
	Start, End time.Time
	// Names keeps only events with these names; empty means all.
	Names []string
	// Principal keeps only events by this user name; empty means all.
	Principal string
}
