package tiers

import (
	"fmt"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/msgtext"
)

// Defaults of [DefaultRequirements].
const (
	// DefaultMaxSession is the longest role session tiers 3 and 4 allow.
	DefaultMaxSession = time.Hour
	// DefaultMaxBreakGlassHolders is how many people may hold a tier-4 role.
	DefaultMaxBreakGlassHolders = 2
	// DefaultMaxBreakGlassGrant is the longest a tier-4 grant may last.
	DefaultMaxBreakGlassGrant = 24 * time.Hour
	// CAMDefaultSession is the session length CAM gives a role whose
	// SessionDuration is 0 (STS AssumeRole's default, 7,200 seconds).
	CAMDefaultSession = 2 * time.Hour
)

// DefaultBillingServices returns the products whose writes count as billing
// changes: "finance", the billing centre's CAM service.
func DefaultBillingServices() []string { return []string{"finance"} }

// Enforcement says how strongly a requirement applies.
type Enforcement uint8

// The enforcement levels.
const (
	// Off does not check the requirement.
	Off Enforcement = iota
	// Recommended reports a miss as an advisory violation.
	Recommended
	// Required reports a miss as a violation.
	Required
)

var enforcementNames = [...]string{Off: "off", Recommended: "recommended", Required: "required"}

// String returns "off", "recommended" or "required".
func (e Enforcement) String() string {
	if int(e) < len(enforcementNames) {
		return enforcementNames[e]
	}
	return fmt.Sprintf("Enforcement(%d)", uint8(e))
}

// MarshalText writes the name; it fails for an invalid value.
func (e Enforcement) MarshalText() ([]byte, error) {
	if int(e) >= len(enforcementNames) {
		return nil, fmt.Errorf("%w %d", ErrUnknownEnforcement, uint8(e))
	}
	return []byte(enforcementNames[e]), nil
}

// UnmarshalText reads "off", "recommended" or "required", ignoring case.
func (e *Enforcement) UnmarshalText(text []byte) error {
	for i, n := range enforcementNames {
		if strings.EqualFold(n, string(text)) {
			*e = Enforcement(i)
			return nil
		}
	}
	return fmt.Errorf("%w %q (want off, recommended or required)", ErrUnknownEnforcement, msgtext.Clip(string(text)))
}

// TierRequirements are the rules one tier's roles must meet. Zero values
// check nothing.
type TierRequirements struct {
	// NoWrites forbids any write or tag change.
	NoWrites bool `json:"noWrites,omitempty"`
	// NoProduction forbids writes that can reach production resources.
	// Reads are allowed at every tier: tier 1 itself reads everything.
	NoProduction bool `json:"noProduction,omitempty"`
	// NoPermissionsManagement forbids permission management, credential
	// issuing and full access.
	NoPermissionsManagement bool `json:"noPermissionsManagement,omitempty"`
	// NoBillingChanges forbids writes to BillingServices.
	NoBillingChanges bool `json:"noBillingChanges,omitempty"`
	// OperationMFA requires every holder to have operation (sensitive
	// action) protection with an MFA device: Token, Stoken or U2F.
	OperationMFA bool `json:"operationMFA,omitempty"`
	// LoginMFA requires every holder to have login protection with an MFA device.
	LoginMFA bool `json:"loginMFA,omitempty"`
	// IPCondition asks every allow statement that grants a write to carry
	// an ip_equal condition on qcs:ip, or to be covered by a deny with
	// ip_not_equal on qcs:ip.
	IPCondition Enforcement `json:"ipCondition,omitempty"`
	// MaxSession is the longest session the role may give; 0 means no limit.
	// A role's SessionDuration of 0 means CAM's default, [CAMDefaultSession].
	MaxSession time.Duration `json:"maxSession,omitempty"`
	// MaxHolders is how many people may hold the role at once; 0 means no
	// limit. It also forbids a trust policy open to a whole account.
	MaxHolders int `json:"maxHolders,omitempty"`
	// MaxGrant requires every grant (holder and trust statement) to expire
	// within this long of the check; 0 allows permanent grants.
	MaxGrant time.Duration `json:"maxGrant,omitempty"`
	// AuditAlerting requires audit alerting to be configured for the role.
	AuditAlerting bool `json:"auditAlerting,omitempty"`
}

// Requirements are every tier's rules, as data. They marshal to JSON for
// configuration files; durations are written as encoding/json writes a
// time.Duration, in nanoseconds.
type Requirements struct {
	// ReadOnly, DevTest, Production and BreakGlass are the rules of each tier.
	ReadOnly   TierRequirements `json:"readOnly"`
	DevTest    TierRequirements `json:"devTest"`
	Production TierRequirements `json:"production"`
	BreakGlass TierRequirements `json:"breakGlass"`
	// BillingServices are the products whose writes are billing changes
	// (see TierRequirements.NoBillingChanges).
	BillingServices []string `json:"billingServices,omitempty"`
}

// For returns tier t's requirements; an invalid tier has none.
func (r Requirements) For(t Tier) TierRequirements {
	switch t {
	case ReadOnly:
		return r.ReadOnly
	case DevTest:
		return r.DevTest
	case Production:
		return r.Production
	case BreakGlass:
		return r.BreakGlass
	}
	return TierRequirements{}
}

// DefaultRequirements returns the IAM guide's rules:
//
//   - tier 1: no writes, no permission management, no billing changes;
//   - tier 2: no writes that reach production, no permission management, no
//     billing changes;
//   - tier 3: holders have operation protection with an MFA device, an IP
//     condition on writes is recommended, sessions of at most an hour;
//   - tier 4: as tier 3 (MFA, sessions of at most an hour), at most two
//     holders, every grant expiring within 24 hours, audit alerting
//     required. An IP condition is not asked of tier 4: break-glass access
//     must work from wherever the emergency is handled.
func DefaultRequirements() Requirements {
	return Requirements{
		ReadOnly: TierRequirements{NoWrites: true, NoProduction: true, NoPermissionsManagement: true, NoBillingChanges: true},
		DevTest:  TierRequirements{NoProduction: true, NoPermissionsManagement: true, NoBillingChanges: true},
		Production: TierRequirements{
			NoPermissionsManagement: true, OperationMFA: true, IPCondition: Recommended, MaxSession: DefaultMaxSession,
		},
		BreakGlass: TierRequirements{
			OperationMFA: true, MaxSession: DefaultMaxSession, MaxHolders: DefaultMaxBreakGlassHolders,
			MaxGrant: DefaultMaxBreakGlassGrant, AuditAlerting: true,
		},
		BillingServices: DefaultBillingServices(),
	}
}
