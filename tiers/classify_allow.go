package tiers

import (
	"strings"

	"github.com/camkit/camkit/policy"
)

// allow classifies every action of one allow statement, appending a reason
// for each that needs more than tier 1.
func (c *classifier) allow(out *Classification, name string, di, si int, st *policy.Statement) {
	if len(st.Action) == 0 {
		return
	}
	var sc statementScope
	scoped := false
	denies := c.applicableDenies(st)
	for _, raw := range st.Action {
		r := Reason{Policy: name, Document: di, Statement: si, Action: raw}
		a, err := policy.ParseAction(raw)
		if err != nil {
			r.Tier, r.Cause, r.AccessLevel = BreakGlass, CauseUnreadable, policy.AccessUnknown
			r.Message = c.prefix(&r) + " cannot be read (" + strings.TrimPrefix(err.Error(), "policy: ") +
				"), so it counts as tier 4; fix the action"
			out.Reasons = append(out.Reasons, r)
			continue
		}
		info := infoFor(a)
		eff := c.effective(info, denies)
		if eff.removed {
			continue
		}
		r.AccessLevel = eff.level
		switch {
		case info.all && scopeStar(st) && !eff.narrowed:
			r.Tier, r.Cause = BreakGlass, CauseFullAccess
			r.Message = c.prefix(&r) + " allows every action on every resource: tier 4 (break-glass)"
		case eff.level == policy.AccessPermissionsManagement && (eff.pmOther || eff.cred == ""):
			r.Tier, r.Cause = BreakGlass, CausePermissions
			r.Message = c.prefix(&r) + " manages permissions: tier 4 (break-glass)"
		case eff.cred != "":
			// Credential-issuing APIs count as permission management
			// (CAM-SEMANTICS §2), whatever their verb says.
			r.Tier, r.Cause, r.AccessLevel = BreakGlass, CauseCredentials, policy.AccessPermissionsManagement
			if eff.cred == raw {
				r.Message = c.prefix(&r) + " issues credentials: tier 4 (break-glass)"
			} else {
				r.Message = c.prefix(&r) + " includes " + eff.cred + ", which issues credentials: tier 4 (break-glass)"
			}
		case writeLevel(eff.level):
			if !scoped {
				sc, scoped = c.scope(st), true
			}
			how := sc.resources
			if how == "" {
				how = sc.region
			}
			if how == "" && sc.tag != "" && c.tagSupported(a.Service) {
				how = sc.tag
			}
			if how == "" && eff.denyConfined != "" {
				how = eff.denyConfined
			}
			if how != "" {
				r.Tier, r.Cause = DevTest, CauseConfinedWrite
				r.Message = c.prefix(&r) + " is confined to non-production resources by " + how + ": tier 2 (dev/test)"
			} else {
				r.Tier, r.Cause = Production, CauseWrite
				r.Message = c.prefix(&r) + " can reach production resources" + c.unconfinedWhy(a, sc) + ": tier 3 (production)"
			}
		default:
			continue
		}
		out.Reasons = append(out.Reasons, r)
	}
}

func (c *classifier) prefix(r *Reason) string {
	return r.Policy + ": " + policy.StatementPath(r.Statement) + ": " + r.Action + " (" + r.AccessLevel.String() + ")"
}

// unconfinedWhy explains, for a write that is not confined, what would have
// confined it.
func (c *classifier) unconfinedWhy(a policy.Action, sc statementScope) string {
	if sc.tag != "" {
		return " (" + sc.tag + " does not confine it: " + a.Service + " does not support authorisation by tag)"
	}
	if sc.starOnStar {
		return " (resource * and no environment condition)"
	}
	return " (neither its resources nor its conditions keep it off production)"
}

func scopeStar(st *policy.Statement) bool {
	if len(st.Resource) == 0 {
		return true
	}
	for _, r := range st.Resource {
		if r == "*" {
			return true
		}
	}
	return false
}

// tagSupported reports whether every product the service pattern can name
// supports authorisation by tag.
func (c *classifier) tagSupported(service string) bool {
	if service == "" {
		return false
	}
	if !strings.Contains(service, "*") {
		return c.s.tagSupported(strings.ToLower(service))
	}
	matched := false
	for _, svc := range policy.CatalogServices() {
		if globMatch(service, svc, true) {
			if !c.s.tagSupported(svc) {
				return false
			}
			matched = true
		}
	}
	return matched
}

// effect is an action's effective reach after the deny statements.
type effect struct {
	level        policy.AccessLevel
	cred         string
	pmOther      bool
	removed      bool   // denied outright
	narrowed     bool   // some APIs denied outright
	denyConfined string // how denies keep its writes off production, "" if they do not
}

// effective applies the deny statements that cover an allow statement's
// resources to one of its actions.
func (c *classifier) effective(info *actionInfo, denies []*denyInfo) effect {
	e := effect{level: info.level, cred: info.cred, pmOther: info.pmOther}
	if len(denies) == 0 {
		return e
	}
	raw := info.action.Raw
	for _, d := range denies {
		if d.always && actionCovered(d.actions, raw) {
			e.removed = true
			return e
		}
	}
	// APIs removed by unconditional denies.
	removed := make([]bool, len(info.members))
	anyRemoved := false
	for i, m := range info.members {
		for _, d := range denies {
			if d.always && memberDenied(d.actions, m.name) {
				removed[i], anyRemoved = true, true
				break
			}
		}
	}
	if anyRemoved {
		e = effect{narrowed: true}
		left := 0
		for i, m := range info.members {
			if removed[i] {
				continue
			}
			left++
			e.level = max(e.level, m.level)
			if m.cred && e.cred == "" {
				e.cred = m.name
			}
			if m.level == policy.AccessPermissionsManagement && !m.cred {
				e.pmOther = true
			}
		}
		if left == 0 {
			e.removed = true
			return e
		}
	}
	if !writeLevel(e.level) || e.level == policy.AccessPermissionsManagement {
		return e
	}
	// Writes kept off production by denies: literally, or API by API.
	a := info.action
	for _, d := range denies {
		if actionCovered(d.actions, raw) && (d.always || c.tagSupported(a.Service)) {
			e.denyConfined = "a deny statement on production resources"
			return e
		}
	}
	if len(info.members) == 0 {
		// Nothing catalogued to check API by API.
		return e
	}
	for i, m := range info.members {
		if removed[i] || !writeLevel(m.level) {
			continue
		}
		if !c.memberConfined(m, denies) {
			return e
		}
	}
	e.denyConfined = "deny statements on production resources"
	return e
}

// memberConfined reports whether a deny keeps the catalogued API off
// production resources.
func (c *classifier) memberConfined(m member, denies []*denyInfo) bool {
	for _, d := range denies {
		if (d.always || c.tagSupported(m.service)) && memberDenied(d.actions, m.name) {
			return true
		}
	}
	return false
}
