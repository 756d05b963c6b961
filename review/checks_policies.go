package review

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// adminPolicyName is Tencent's preset policy granting everything.
const adminPolicyName = "AdministratorAccess"

// allowsAll reports whether doc has an allow statement of every action on
// every resource, and whether such a statement has no condition; where is the
// first such statement's path.
func allowsAll(doc *policy.Document) (found, unconditional bool, where string) {
	if doc == nil {
		return false, false, ""
	}
	for i, st := range doc.Statement {
		if st.Effect != policy.EffectAllow || !st.Principal.Empty() {
			continue
		}
		allActions, allResources := false, false
		for _, raw := range st.Action {
			if a, err := policy.ParseAction(raw); err == nil && (a.All || (a.Service == "*" && a.Name == "*")) {
				allActions = true
			}
		}
		for _, r := range st.Resource {
			if r == "*" {
				allResources = true
			}
		}
		if allActions && allResources {
			path := "statement[" + strconv.Itoa(i) + "]"
			if len(st.Condition) == 0 {
				return true, true, path
			}
			if !found {
				found, where = true, path
			}
		}
	}
	return found, false, where
}

// adminEvidence says why a held policy counts as administrator access, or "".
func (a *assessment) adminEvidence(att cam.Attachment) string {
	if att.PolicyName == adminPolicyName && att.PolicyType == cam.PolicyPreset {
		return "holds the preset policy AdministratorAccess"
	}
	p, ok := a.s.PolicyByID(att.PolicyID)
	if !ok {
		return ""
	}
	if found, uncond, where := allowsAll(p.Parsed); found {
		s := fmt.Sprintf("policy %s allows * on * at %s", p.Name, where)
		if !uncond {
			s += " (under a condition)"
		}
		return s
	}
	return ""
}

func (a *assessment) policyAdminGrant() {
	const rec = "Grant administrator access only through the break-glass role; give everyone else the least-privilege role of their tier."
	a.users(func(u *cam.UserRecord) {
		if !u.PoliciesKnown {
			return
		}
		for _, att := range u.Policies {
			if att.GroupID != 0 {
				continue // reported on the group
			}
			if ev := a.adminEvidence(att); ev != "" {
				a.add(CheckPolicyAdminGrant, SubjectUser, u.Name, att.PolicyName, "user holds administrator access directly", rec, ev)
			}
		}
	})
	for i := range a.s.Groups {
		g := &a.s.Groups[i]
		for _, att := range g.Policies {
			if ev := a.adminEvidence(att); ev != "" {
				ev2 := []string{ev}
				if g.MembersKnown {
					ev2 = append(ev2, fmt.Sprintf("members: %d", len(g.Members)))
				}
				a.add(CheckPolicyAdminGrant, SubjectGroup, g.Name, att.PolicyName, "group grants administrator access to its members", rec, ev2...)
			}
		}
	}
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		if a.breakGlass(r) {
			continue
		}
		for _, att := range r.Policies {
			if ev := a.adminEvidence(att); ev != "" {
				a.add(CheckPolicyAdminGrant, SubjectRole, r.Name, att.PolicyName, "role that is not break-glass holds administrator access", rec, ev)
			}
		}
	}
}

func (a *assessment) policyAllowAllCustom() {
	for i := range a.s.Policies {
		p := &a.s.Policies[i]
		if p.Type != cam.PolicyCustom {
			continue
		}
		if found, uncond, where := allowsAll(p.Parsed); found && uncond {
			a.add(CheckPolicyAllowAllCustom, SubjectPolicy, p.Name, "",
				"custom policy allows every action on every resource with no condition",
				"Replace it with the actions the holders need, or use the break-glass role for full access.",
				fmt.Sprintf("%s: allow * on *", where), fmt.Sprintf("attached to %d users, groups or roles", p.AttachmentCount))
		}
	}
}

// boundaryPolicies returns the IDs of the policies set as a permission
// boundary on any user or role.
func (a *assessment) boundaryPolicies() map[uint64]bool {
	out := map[uint64]bool{}
	for i := range a.s.Users {
		if b := a.s.Users[i].Boundary; b != nil {
			out[b.PolicyID] = true
		}
	}
	for i := range a.s.Roles {
		if b := a.s.Roles[i].Boundary; b != nil {
			out[b.PolicyID] = true
		}
	}
	return out
}

func (a *assessment) policyUnattached() {
	boundaries := a.boundaryPolicies()
	for i := range a.s.Policies {
		p := &a.s.Policies[i]
		if p.Type != cam.PolicyCustom || p.AttachmentCount > 0 || boundaries[p.ID] {
			continue
		}
		a.add(CheckPolicyUnattached, SubjectPolicy, p.Name, "", "custom policy is attached to nothing",
			"Delete it if nothing needs it, so it cannot be attached by mistake later.",
			fmt.Sprintf("policy id: %d", p.ID))
	}
}

// lintPolicies runs policy.Lint on every custom policy and role trust policy,
// reporting findings of severity low and above under the lint rule IDs. A
// policy used only as a permission boundary is not linted: a boundary never
// grants, so its wildcards are limits, not grants.
func (a *assessment) lintPolicies() {
	boundaries := a.boundaryPolicies()
	breakGlassOnly := a.breakGlassOnlyPolicies()
	now := a.now
	lintOpts := policy.LintOptions{Now: func() time.Time { return now }, OwnerUIN: a.owner}
	for i := range a.s.Policies {
		p := &a.s.Policies[i]
		if p.Type != cam.PolicyCustom || p.Parsed == nil || (boundaries[p.ID] && p.AttachmentCount == 0) {
			continue
		}
		for _, f := range policy.LintWith(p.Parsed, lintOpts) {
			if breakGlassOnly[p.ID] && breadthRules[f.Rule] {
				continue // a break-glass role is meant to be broad
			}
			a.lintFinding(SubjectPolicy, p.Name, f)
		}
	}
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		if r.Trust == nil {
			continue
		}
		for _, f := range policy.LintWith(r.Trust, lintOpts) {
			if strings.HasPrefix(f.Rule, "trust.") {
				continue // role.trust-external judges trust against the configured accounts
			}
			a.lintFinding(SubjectRole, r.Name, f)
		}
	}
}

func (a *assessment) lintFinding(kind SubjectKind, subject string, f policy.Finding) {
	if f.Severity < policy.SeverityLow {
		return
	}
	// The two scales have the same five steps.
	sev := a.cfg.severity(f.Rule, Severity(f.Severity))
	a.addSeverity(sev, f.Rule, kind, subject, f.Path, f.Message,
		"Change the policy as the message says; policy.Rules documents each lint rule.", "lint rule "+f.Rule+" at "+f.Path)
}

// breadthRules are the lint rules about how much a policy grants; they are not
// reported for policies held only by break-glass roles, whose purpose is full
// access (policy.admin-grant and the tier checks judge those roles).
var breadthRules = map[string]bool{
	policy.RuleFullAdmin: true, policy.RuleServiceWildcard: true, policy.RuleWriteOnAnyResource: true,
	policy.RulePrivilegeEscalation: true, policy.RuleExfiltrationReadAny: true,
}

// breakGlassOnlyPolicies returns the IDs of custom policies attached to at
// least one break-glass role and to no user, group or other role.
func (a *assessment) breakGlassOnlyPolicies() map[uint64]bool {
	bg, other := map[uint64]bool{}, map[uint64]bool{}
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		m := other
		if a.breakGlass(r) {
			m = bg
		}
		for _, att := range r.Policies {
			m[att.PolicyID] = true
		}
	}
	for i := range a.s.Users {
		for _, att := range a.s.Users[i].Policies {
			other[att.PolicyID] = true
		}
	}
	for i := range a.s.Groups {
		for _, att := range a.s.Groups[i].Policies {
			other[att.PolicyID] = true
		}
	}
	for id := range other {
		delete(bg, id)
	}
	return bg
}
