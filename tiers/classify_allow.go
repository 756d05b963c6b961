package tiers

import (
	"strconv"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// allow classifies every action of one allow statement, appending a reason
// for each that needs more than tier 1. name is the document's name for
// Reason.Policy, label the same as messages print it.
func (c *classifier) allow(out *Classification, name, label string, di, si int, st *policy.Statement) {
	if len(st.Action) == 0 {
		return
	}
	var sc statementScope
	scoped := false
	// c.skipped is reset per statement and per action, so that each reason
	// can say whether denies went unweighed for it; it is restored at the end.
	skippedBefore := c.skipped
	c.skipped = false
	denies := c.applicableDenies(st)
	stmtSkipped, anySkipped := c.skipped, c.skipped
	// denyActions is the cost of matching one API against the denies.
	denyActions := 0
	for _, d := range denies {
		denyActions += len(d.actions)
	}
	defer func() { c.skipped = skippedBefore || anySkipped }()
	for _, raw := range st.Action {
		c.skipped = false
		r := Reason{Policy: name, Document: di, Statement: si, Action: raw}
		info := infoFor(raw)
		if info.err != "" {
			r.Tier, r.Cause, r.AccessLevel = BreakGlass, CauseUnreadable, policy.AccessUnknown
			c.lead(label, si, msgtext.Text(raw), r.AccessLevel)
			c.say(" cannot be read (", msgtext.Text(info.err), "), so it counts as tier 4; fix the action")
			c.keep(out, r)
			continue
		}
		eff := c.effective(info, denies, denyActions)
		if eff.removed {
			continue
		}
		r.AccessLevel = eff.level
		switch {
		case info.all && scopeStar(st) && !eff.narrowed:
			r.Tier, r.Cause = BreakGlass, CauseFullAccess
			c.lead(label, si, raw, r.AccessLevel)
			c.say(" allows every action on every resource: tier 4 (break-glass)")
		case eff.level == policy.AccessPermissionsManagement && (eff.pmOther || eff.cred == ""):
			r.Tier, r.Cause = BreakGlass, CausePermissions
			c.lead(label, si, raw, r.AccessLevel)
			if eff.pmName != "" && eff.pmName != raw {
				c.say(" includes ", eff.pmName, ", which manages permissions: tier 4 (break-glass)")
			} else {
				c.say(" manages permissions: tier 4 (break-glass)")
			}
		case eff.cred != "":
			// Credential-issuing APIs count as permission management
			// (docs/semantics.md §2), whatever their verb says.
			r.Tier, r.Cause, r.AccessLevel = BreakGlass, CauseCredentials, policy.AccessPermissionsManagement
			c.lead(label, si, raw, r.AccessLevel)
			if eff.cred == raw {
				c.say(" issues credentials: tier 4 (break-glass)")
			} else {
				c.say(" includes ", eff.cred, ", which issues credentials: tier 4 (break-glass)")
			}
		case writeLevel(eff.level):
			if !scoped {
				sc, scoped = c.scope(st), true
			}
			how := sc.resources
			if how == "" {
				how = sc.region
			}
			if how == "" && sc.tag != "" && c.tagScopes(info) {
				how = sc.tag
			}
			if how == "" {
				how = c.denyConfined(info, eff, denies, denyActions)
			}
			c.lead(label, si, raw, r.AccessLevel)
			if how != "" {
				r.Tier, r.Cause = DevTest, CauseConfinedWrite
				c.say(" is confined to non-production resources by ", how, ": tier 2 (dev/test)")
			} else {
				r.Tier, r.Cause = Production, CauseWrite
				c.say(" can reach production resources", c.unconfinedWhy(info, sc), ": tier 3 (production)")
			}
		default:
			anySkipped = anySkipped || c.skipped
			continue
		}
		if stmtSkipped || c.skipped {
			c.say("; not every deny statement was weighed (too many statements), so the tier may be overstated")
		}
		anySkipped = anySkipped || c.skipped
		c.keep(out, r)
	}
}

// lead starts a reason's message: "<policy>: statement[i]: <action> (<level>)".
func (c *classifier) lead(label string, si int, action string, level policy.AccessLevel) {
	var num [20]byte
	c.say(label, ": statement[")
	c.msgs.Write(strconv.AppendInt(num[:0], int64(si), 10))
	c.say("]: ", action, " (", level.String(), ")")
}

// say appends to the message being written.
func (c *classifier) say(parts ...string) {
	for _, p := range parts {
		c.msgs.WriteString(p)
	}
}

// keep appends r, whose message is what was said since the previous reason.
func (c *classifier) keep(out *Classification, r Reason) {
	out.Reasons = append(out.Reasons, r)
	c.ends = append(c.ends, c.msgs.Len())
}

// unconfinedWhy explains, for a write that is not confined, what would have
// confined it.
func (c *classifier) unconfinedWhy(info *actionInfo, sc statementScope) string {
	if sc.tag != "" {
		if info.coarse != "" && c.tagSupported(info.action.Service) {
			return " (" + sc.tag + " does not confine it: CAM authorises " + info.coarse + " without a resource, so it cannot see the tag)"
		}
		return " (" + sc.tag + " does not confine it: " + info.action.Service + " does not support authorisation by tag)"
	}
	if sc.envCond != "" {
		return " (" + sc.envCond + " admits production resources)"
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

// tagScopes reports whether a resource-tag condition can scope the action:
// its product supports authorisation by tag, and none of the write APIs it
// matches is one CAM documents as authorised only as a whole (operation or
// service granularity).
func (c *classifier) tagScopes(info *actionInfo) bool {
	return info.coarse == "" && c.tagSupported(info.action.Service)
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
		if policy.MatchPatternFold(service, svc) {
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
	level    policy.AccessLevel
	cred     string
	pmOther  bool
	pmName   string
	removed  bool // denied outright
	narrowed bool // some APIs denied outright
}

// effective applies the deny statements that cover an allow statement's
// resources to one of its actions: unconditional denies remove the APIs they
// name, and the action's level is recomputed from the catalogued APIs left.
// denyActions is the number of action patterns the denies have.
func (c *classifier) effective(info *actionInfo, denies []*denyInfo, denyActions int) effect {
	e := effect{level: info.level, cred: info.cred, pmOther: info.pmOther, pmName: info.pmName}
	if len(denies) == 0 || !c.spend(denyActions*(1+2*len(info.members))) {
		return e
	}
	always := false
	for _, d := range denies {
		if d.always {
			always = true
			if actionCovered(d.actions, info.action.Raw) {
				e.removed = true
				return e
			}
		}
	}
	if !always {
		return e
	}
	anyRemoved := false
	for _, m := range info.members {
		if c.memberRemoved(m, denies) {
			anyRemoved = true
			break
		}
	}
	if !anyRemoved {
		return e
	}
	e = effect{narrowed: true, removed: true}
	for _, m := range info.members {
		if c.memberRemoved(m, denies) {
			continue
		}
		e.removed = false
		e.level = max(e.level, m.level)
		if m.cred && e.cred == "" {
			e.cred = m.name
		}
		if m.level == policy.AccessPermissionsManagement && !m.cred {
			e.pmOther = true
			if e.pmName == "" {
				e.pmName = m.name
			}
		}
	}
	return e
}

// denyConfined says how deny statements keep an action's writes off
// production resources, or returns "" if they do not: a deny names the
// action literally, or names each catalogued write API it matches.
func (c *classifier) denyConfined(info *actionInfo, e effect, denies []*denyInfo, denyActions int) string {
	if len(denies) == 0 || !writeLevel(e.level) || e.level == policy.AccessPermissionsManagement ||
		!c.spend(denyActions*(1+2*len(info.members))) {
		return ""
	}
	a := info.action
	for _, d := range denies {
		if actionCovered(d.actions, a.Raw) && (d.always || c.tagScopes(info)) {
			return "a deny statement on production resources"
		}
	}
	if len(info.members) == 0 {
		// Nothing catalogued to check API by API.
		return ""
	}
	for _, m := range info.members {
		if !writeLevel(m.level) || c.memberRemoved(m, denies) {
			continue
		}
		if !c.memberConfined(m, denies) {
			return ""
		}
	}
	return "deny statements on production resources"
}

// memberRemoved reports whether an unconditional deny names the API.
func (c *classifier) memberRemoved(m member, denies []*denyInfo) bool {
	for _, d := range denies {
		if d.always && memberDenied(d.actions, m.name) {
			return true
		}
	}
	return false
}

// memberConfined reports whether a deny keeps the catalogued API off
// production resources.
func (c *classifier) memberConfined(m member, denies []*denyInfo) bool {
	for _, d := range denies {
		if (d.always || (!m.coarse && c.tagSupported(m.service))) && memberDenied(d.actions, m.name) {
			return true
		}
	}
	return false
}
