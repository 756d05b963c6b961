package tiers

import (
	"strconv"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// Violation is one way a role breaks its tier's requirements.
type Violation struct {
	// Rule is the stable rule ID, one of [Rules].
	Rule string `json:"rule"`
	// Tier is the tier the role declares.
	Tier Tier `json:"tier"`
	// Role is the role's name.
	Role string `json:"role"`
	// Message says what is wrong and what to change.
	Message string `json:"message"`
	// Advisory is true for a recommended, not required, rule.
	Advisory bool `json:"advisory,omitempty"`
	// Policy names the policy the fix applies to ("trust" for the trust
	// policy, "boundary" for the boundary); empty for the role as a whole.
	Policy string `json:"policy,omitempty"`
	// Statement is the index of the statement in Policy; -1 when none.
	Statement int `json:"statement"`
	// Holder names the holder the fix applies to; empty if none.
	Holder string `json:"holder,omitempty"`
}

// String returns "rule: role: message".
func (v Violation) String() string { return v.Rule + ": " + msgtext.Name(v.Role) + ": " + v.Message }

// CheckOption configures [Check].
type CheckOption func(*checkConfig)

type checkConfig struct {
	scheme Scheme
	req    Requirements
	now    time.Time
}

// WithScheme sets the environment scheme used to classify the role's
// policies; the default is [DefaultScheme]. Check does not validate it: call
// [Scheme.Validate] when the scheme comes from configuration.
func WithScheme(s Scheme) CheckOption { return func(c *checkConfig) { c.scheme = s } }

// WithRequirements sets the tier requirements; the default is
// [DefaultRequirements].
func WithRequirements(r Requirements) CheckOption { return func(c *checkConfig) { c.req = r } }

// At sets the time grants are judged at (expired grants are ignored, others
// must expire within the tier's limit); the default is the current time.
func At(t time.Time) CheckOption { return func(c *checkConfig) { c.now = t } }

// RequirementsOf returns the requirements Check uses under opts: those of the
// last [WithRequirements], or [DefaultRequirements]. Documentation that
// describes a tier's rules uses it to describe the rules in force.
func RequirementsOf(opts ...CheckOption) Requirements {
	cfg := checkConfig{req: DefaultRequirements()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return cfg.req
}

// Check checks a role against its declared tier and returns the violations,
// each with a stable rule ID and a message saying what to change, in a stable
// order: the declared tier, tier drift, what the policies allow (per action),
// billing, IP conditions, session length, holders, grants, trust and audit
// alerting. A role that meets its tier has no violations.
//
// The policies are classified with [Scheme.ClassifyRole]; a classified tier
// above the declared one is [RuleDrift]. Holders whose grant has expired (at
// the time given by [At]) are ignored. Check never fails and never panics.
func Check(r Role, opts ...CheckOption) []Violation {
	cfg := checkConfig{scheme: DefaultScheme(), req: DefaultRequirements()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.now.IsZero() {
		cfg.now = time.Now()
	}
	ck := checker{cfg: &cfg, role: &r}
	cls, docs := cfg.scheme.classifyRole(r)
	if !r.Tier.Valid() {
		ck.add(Violation{Rule: RuleUnknownTier, Message: "the role declares " + r.Tier.String() +
			", which is not a tier; declare one of 1 (ReadOnly) to 4 (BreakGlass): its policies need tier " +
			strconv.Itoa(int(cls.Tier)) + " (" + cls.Tier.String() + ")"})
		return ck.out
	}
	req := cfg.req.For(r.Tier)
	ck.drift(cls)
	ck.content(cls, req)
	ck.billing(cls, req, cfg.req.BillingServices)
	ck.ipConditions(cls, docs, req)
	ck.session(req)
	ck.holders(req)
	ck.trust(req)
	if req.AuditAlerting && !r.AuditAlerting {
		ck.add(Violation{Rule: RuleAuditAlerting, Message: "tier " + strconv.Itoa(int(r.Tier)) +
			" needs audit alerting: alert on every assumption of this role (CloudAudit events for AssumeRole naming it) and set AuditAlerting"})
	}
	return ck.out
}

type checker struct {
	cfg  *checkConfig
	role *Role
	out  []Violation
}

func (ck *checker) add(v Violation) {
	v.Tier, v.Role = ck.role.Tier, ck.role.Name
	if v.Policy == "" {
		v.Statement = -1
	}
	ck.out = append(ck.out, v)
}

func (ck *checker) addAt(v Violation, policyName string, stmt int) {
	v.Policy = policyName
	ck.add(v)
	ck.out[len(ck.out)-1].Statement = stmt
}

func (ck *checker) drift(cls Classification) {
	if cls.Tier <= ck.role.Tier {
		return
	}
	above := cls.Above(ck.role.Tier)
	msg := "the role declares tier " + strconv.Itoa(int(ck.role.Tier)) + " (" + ck.role.Tier.String() +
		") but its policies need tier " + strconv.Itoa(int(cls.Tier)) + " (" + cls.Tier.String() + "): " +
		strconv.Itoa(len(above)) + " allowed action(s) exceed tier " + strconv.Itoa(int(ck.role.Tier))
	if len(above) > 0 {
		msg += ", first " + msgtext.Text(above[0].Action) + " in " + documentLabel(above[0].Policy, above[0].Document) + " " + policy.StatementPath(above[0].Statement)
	}
	msg += "; declare tier " + strconv.Itoa(int(cls.Tier)) + " or narrow the policies"
	ck.add(Violation{Rule: RuleDrift, Message: msg})
}

// content reports each allowed action the tier's requirements forbid.
func (ck *checker) content(cls Classification, req TierRequirements) {
	for _, r := range cls.Reasons {
		var rule, fix string
		switch r.Cause {
		case CauseConfinedWrite, CauseWrite:
			switch {
			case req.NoWrites:
				rule, fix = RuleNoWrites, "remove it or replace it with read and list actions (Describe*, Get*, List*)"
			case req.NoProduction && r.Cause == CauseWrite:
				rule, fix = RuleProductionWrite, "confine it to non-production resources (a resource_tag condition on the environment tag, "+
					"non-production resources or regions), or move it to a tier-3 role"
			}
		case CausePermissions, CauseCredentials, CauseFullAccess, CauseUnreadable:
			if req.NoPermissionsManagement {
				rule, fix = RulePermissionsManagement, "remove it: permission management, credential issuing and full access belong to a tier-4 (break-glass) role"
				if strings.Contains(r.Action, "*") && r.Cause != CauseFullAccess {
					fix = "list the APIs the role needs instead of the wildcard, or deny the ones that manage permissions or issue credentials: they belong to a tier-4 (break-glass) role"
				}
			}
		}
		if rule == "" {
			continue
		}
		ck.addAt(Violation{Rule: rule, Message: r.Message + "; " + fix}, r.Policy, r.Statement)
	}
}

// billing reports allowed writes to billing products.
func (ck *checker) billing(cls Classification, req TierRequirements, services []string) {
	if !req.NoBillingChanges || len(services) == 0 {
		return
	}
	for _, r := range cls.Reasons {
		a, err := policy.ParseAction(r.Action)
		if err != nil {
			continue
		}
		for _, svc := range services {
			if a.All || (policy.MatchPatternFold(a.Service, svc) && writeLevel(policy.AccessLevelOf(svc, a.Name))) {
				ck.addAt(Violation{Rule: RuleBillingChange, Message: documentLabel(r.Policy, r.Document) + ": " + policy.StatementPath(r.Statement) + ": " +
					msgtext.Text(r.Action) + " can change billing (" + svc + "); allow only " + svc + " reads (Describe*, Get*, Query*) in a tier-" +
					strconv.Itoa(int(ck.role.Tier)) + " role"}, r.Policy, r.Statement)
				break
			}
		}
	}
}

func (ck *checker) session(req TierRequirements) {
	if req.MaxSession <= 0 {
		return
	}
	d := ck.role.SessionDuration
	what := "its session lasts " + d.String()
	if d <= 0 {
		d = CAMDefaultSession
		what = "its SessionDuration is 0, so CAM's default of " + d.String() + " applies"
	}
	if d > req.MaxSession {
		ck.add(Violation{Rule: RuleSessionTooLong, Message: what + "; set SessionDuration to at most " + req.MaxSession.String() +
			" for a tier-" + strconv.Itoa(int(ck.role.Tier)) + " role"})
	}
}

func (ck *checker) holders(req TierRequirements) {
	now := ck.cfg.now
	active := 0
	for _, h := range ck.role.Holders {
		if !h.active(now) {
			continue
		}
		active++
		if req.OperationMFA && !h.OperationMFA {
			ck.add(Violation{Rule: RuleOperationMFA, Holder: h.Name, Message: msgtext.Name(h.Name) +
				" has no operation protection with an MFA device; turn on sensitive-operation protection with a hardware token, virtual MFA (Stoken) or U2F key, not phone, WeChat or mail codes"})
		}
		if req.LoginMFA && !h.LoginMFA {
			ck.add(Violation{Rule: RuleLoginMFA, Holder: h.Name, Message: msgtext.Name(h.Name) +
				" has no login protection with an MFA device; turn on login protection with a hardware token, virtual MFA (Stoken) or U2F key"})
		}
		if req.MaxGrant > 0 {
			switch {
			case h.Until.IsZero():
				ck.add(Violation{Rule: RuleGrantNotTimeLimited, Holder: h.Name, Message: msgtext.Name(h.Name) +
					" holds the role permanently; grant it for at most " + req.MaxGrant.String() + " (a date_less_than condition on qcs:current_time)"})
			case h.Until.Sub(now) > req.MaxGrant:
				ck.add(Violation{Rule: RuleGrantNotTimeLimited, Holder: h.Name, Message: msgtext.Name(h.Name) + "'s grant runs until " +
					h.Until.UTC().Format(time.RFC3339) + "; shorten it to at most " + req.MaxGrant.String() + " from now"})
			}
		}
	}
	if req.MaxHolders > 0 && active > req.MaxHolders {
		ck.add(Violation{Rule: RuleTooManyHolders, Message: strconv.Itoa(active) + " people hold the role; a tier-" +
			strconv.Itoa(int(ck.role.Tier)) + " role allows at most " + strconv.Itoa(req.MaxHolders) + ": remove " +
			strconv.Itoa(active-req.MaxHolders)})
	}
}
