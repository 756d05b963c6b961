package tiers

import (
	"time"

	"github.com/camkit/camkit/policy"
)

// Role is what [Check] needs to know about a role: its declared tier, what it
// allows, who may assume it and who holds it.
type Role struct {
	// Name is the role's name, used in violations.
	Name string
	// Tier is the tier the role declares.
	Tier Tier
	// Policies are the role's attached policies.
	Policies []NamedDocument
	// Boundary is the role's permission boundary; nil if none. The role
	// holds only what both its policies and the boundary allow.
	Boundary *policy.Document
	// Trust is the role's trust policy (who may assume it); nil if unknown.
	Trust *policy.Document
	// SessionDuration is the role's maximum session; 0 means CAM's default
	// ([CAMDefaultSession]).
	SessionDuration time.Duration
	// Holders are the people who may assume the role.
	Holders []Holder
	// AuditAlerting is true when audit alerting is configured for the role
	// (tier 4 needs it).
	AuditAlerting bool
}

// Holder is one person who may assume a role.
type Holder struct {
	// Name is the sub-user's name.
	Name string
	// LoginMFA is true when the holder's login protection uses an MFA
	// device (Token, Stoken or U2F), not phone, WeChat or mail codes.
	LoginMFA bool
	// OperationMFA is true when the holder's operation (sensitive action)
	// protection uses an MFA device: Token, Stoken or U2F.
	OperationMFA bool
	// Until is when the holder's grant expires; zero means permanent.
	Until time.Time
}

// active reports whether the grant still holds at now.
func (h Holder) active(now time.Time) bool { return h.Until.IsZero() || h.Until.After(now) }
