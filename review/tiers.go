package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

// TierConfig configures the checks that rest on the tier model and the naming
// convention: role.tier-drift, role.tier-requirement and role.naming.
type TierConfig struct {
	// TagKey is the role tag that declares a role's tier ("tier": "3"); a role
	// in Catalog takes its tier from there instead. Roles that declare no tier
	// are not tier-checked.
	TagKey string
	// Catalog optionally supplies declared tiers (and marks tier-4 roles as
	// break-glass) by role name.
	Catalog *roles.Catalog
	// Convention is the role-naming convention (role.naming); the zero value
	// is roles.DefaultConvention.
	Convention roles.Convention
	// CheckNaming turns role.naming on. Service-linked and system roles are
	// never checked.
	CheckNaming bool
	// Options are passed to tiers.Check (a scheme, requirements).
	Options []tiers.CheckOption
	// AuditAlerting names the roles whose use raises an audit alert; tier 4
	// requires it.
	AuditAlerting []string
}

// DefaultTierConfig reads the "tier" tag, uses the default naming convention
// and the default tier requirements.
func DefaultTierConfig() TierConfig {
	return TierConfig{TagKey: DefaultBreakGlassTagKey, Convention: roles.DefaultConvention(), CheckNaming: true}
}

// declaredTier returns the tier a role declares.
func (a *assessment) declaredTier(r *cam.RoleRecord) (tiers.Tier, string, bool) {
	if c := a.cfg.Tiers.Catalog; c != nil {
		if d, ok := c.Role(r.Name); ok && d.Tier.Valid() {
			return d.Tier, "the role catalogue", true
		}
	}
	if key := a.cfg.Tiers.TagKey; key != "" {
		for _, t := range r.Tags {
			if t.Key == key {
				if tier, err := tiers.ParseTier(t.Value); err == nil {
					return tier, fmt.Sprintf("tag %s=%s", t.Key, t.Value), true
				}
			}
		}
	}
	return 0, "", false
}

func (a *assessment) declaredBreakGlass(r *cam.RoleRecord) bool {
	t, _, ok := a.declaredTier(r)
	return ok && t == tiers.BreakGlass
}

// tierRole builds what tiers.Check needs from the snapshot.
func (a *assessment) tierRole(r *cam.RoleRecord, declared tiers.Tier) (tiers.Role, []string) {
	var missing []string
	tr := tiers.Role{Name: r.Name, Tier: declared, Trust: r.Trust}
	if r.SessionDuration > 0 {
		tr.SessionDuration = secondsDuration(r.SessionDuration)
	}
	for _, name := range a.cfg.Tiers.AuditAlerting {
		if name == r.Name {
			tr.AuditAlerting = true
		}
	}
	if !r.PoliciesKnown {
		missing = append(missing, "attached policies")
	}
	for _, att := range r.Policies {
		p, ok := a.s.PolicyByID(att.PolicyID)
		if !ok || p.Parsed == nil {
			missing = append(missing, "policy "+att.PolicyName)
			continue
		}
		tr.Policies = append(tr.Policies, tiers.NamedDocument{Name: p.Name, Document: p.Parsed})
	}
	if r.Boundary != nil {
		if p, ok := a.s.PolicyByID(r.Boundary.PolicyID); ok && p.Parsed != nil {
			tr.Boundary = p.Parsed
		} else {
			missing = append(missing, "boundary "+r.Boundary.PolicyName)
		}
	}
	ix := a.assumes()
	if r.Trust == nil {
		missing = append(missing, "the trust policy")
	}
	for uin := range ix.errs {
		if u, ok := a.s.UserByUIN(uin); ok {
			missing = append(missing, "whether "+u.Name+" can assume it")
		}
	}
	slices.Sort(missing)
	for _, u := range ix.holders[r.Name] {
		h := tiers.Holder{Name: u.Name}
		if u.MFAKnown {
			h.LoginMFA = u.MFA.Login.Device()
			h.OperationMFA = u.MFA.Operation.Device()
		} else {
			missing = append(missing, "MFA settings of "+u.Name)
		}
		tr.Holders = append(tr.Holders, h)
	}
	return tr, missing
}

// roleTiers runs role.tier-drift and role.tier-requirement.
func (a *assessment) roleTiers() {
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		declared, source, ok := a.declaredTier(r)
		if !ok {
			continue
		}
		tr, missing := a.tierRole(r, declared)
		if len(missing) > 0 {
			a.add(CheckReviewIncomplete, SubjectRole, r.Name, "tiers",
				"the role's tier could not be fully checked", "Make the missing parts readable and review again.",
				"missing: "+strings.Join(missing, ", "))
		}
		opts := append([]tiers.CheckOption{tiers.At(a.now)}, a.cfg.Tiers.Options...)
		byItem := map[string]int{} // one finding per rule, policy statement and holder
		for _, v := range tiers.Check(tr, opts...) {
			id := CheckRoleTierRequirement
			if v.Rule == tiers.RuleDrift {
				id = CheckRoleTierDrift
			}
			item := v.Rule
			if v.Policy != "" {
				item += " " + v.Policy
				if v.Statement >= 0 {
					item += fmt.Sprintf(" statement[%d]", v.Statement)
				}
			}
			if v.Holder != "" {
				item += " holder " + v.Holder
			}
			if !a.cfg.enabled(id) {
				continue
			}
			if at, dup := byItem[id+"|"+item]; dup {
				a.findings[at].Evidence = append(a.findings[at].Evidence, "also: "+v.Message)
				continue
			}
			byItem[id+"|"+item] = len(a.findings)
			sev := a.cfg.severity(id, High)
			if id == CheckRoleTierRequirement {
				sev = a.cfg.severity(id, Medium)
				if v.Advisory {
					sev = Low
				}
			}
			a.addSeverity(sev, id, SubjectRole, r.Name, item, v.Message,
				"Change the role so it meets its tier, or declare the tier it really needs and meet that tier's requirements.",
				fmt.Sprintf("declared tier: %s (%s)", declared, source), "rule: "+v.Rule)
		}
	}
}

// roleNaming runs role.naming on user-created roles.
func (a *assessment) roleNaming() {
	if !a.cfg.Tiers.CheckNaming {
		return
	}
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		if r.Type == cam.RoleTypeServiceLinked || r.Type == cam.RoleTypeSystem {
			continue
		}
		if err := a.cfg.Tiers.Convention.Validate(r.Name); err != nil {
			a.add(CheckRoleNaming, SubjectRole, r.Name, "", "role name breaks the naming convention",
				"Rename the role (create the new one, move holders, delete the old one) to the convention.", oneLine(err.Error()))
		}
	}
}
