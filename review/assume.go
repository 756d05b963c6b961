package review

import (
	"errors"
	"slices"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// assumeIndex is who can assume which role, computed once per review from the
// snapshot's exact decisions (cam.Snapshot.CanAssume). A user can assume only
// roles that an allow statement matching sts:AssumeRole in its own policies
// names, so only those are asked about: all roles when a statement's resource
// is a wildcard (or a policy could not be read), the named roles otherwise,
// none when no statement grants sts:AssumeRole. Asking for every user and
// role of a large account would cost a million decisions.
type assumeIndex struct {
	roles   map[uint64][]*cam.RoleRecord // by user UIN
	holders map[string][]*cam.UserRecord // by role name
	errs    map[uint64]error             // users whose roles could not all be decided
}

func (a *assessment) assumes() *assumeIndex {
	if a.assume != nil {
		return a.assume
	}
	ix := &assumeIndex{roles: map[uint64][]*cam.RoleRecord{}, holders: map[string][]*cam.UserRecord{}, errs: map[uint64]error{}}
	// targets[policyID] lists the role names a policy's sts:AssumeRole allows
	// can name; all is set when they can name any role (a wildcard, a policy
	// variable, or a policy that was not read).
	type targets struct {
		all   bool
		names []string
	}
	byPolicy := map[uint64]targets{}
	for i := range a.s.Policies {
		p := &a.s.Policies[i]
		if p.Parsed == nil {
			byPolicy[p.ID] = targets{all: true}
			continue
		}
		all, names := assumeTargets(p.Parsed)
		byPolicy[p.ID] = targets{all: all, names: names}
	}
	for i := range a.s.Users {
		u := &a.s.Users[i]
		all := !u.PoliciesKnown || !u.GroupsKnown
		var names []string
		collect := func(atts []cam.Attachment) {
			for _, att := range atts {
				t, ok := byPolicy[att.PolicyID]
				all = all || !ok || t.all
				names = append(names, t.names...)
			}
		}
		collect(u.Policies)
		for _, gid := range u.GroupIDs {
			g, ok := a.s.GroupByID(gid)
			if !ok || !g.PoliciesKnown {
				all = true
				continue
			}
			collect(g.Policies)
		}
		switch {
		case all:
			roles, err := a.s.AssumableRoles(u.UIN)
			if err != nil {
				ix.errs[u.UIN] = err
			}
			ix.roles[u.UIN] = roles
		case len(names) > 0:
			slices.Sort(names)
			var errs []error
			for _, name := range slices.Compact(names) {
				r, ok := a.s.RoleByName(name)
				if !ok {
					continue // a grant on a role that does not exist
				}
				c, err := a.s.CanAssume(u.UIN, name)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if c.Possible() {
					ix.roles[u.UIN] = append(ix.roles[u.UIN], r)
				}
			}
			if len(errs) > 0 {
				ix.errs[u.UIN] = errors.Join(errs...)
			}
		}
		for _, r := range ix.roles[u.UIN] {
			ix.holders[r.Name] = append(ix.holders[r.Name], u)
		}
	}
	a.assume = ix
	return ix
}

// assumeTargets reads the allow statements of doc (not trust statements)
// whose actions match sts:AssumeRole, ignoring case as allow statements match
// (docs/semantics.md §2), and returns the role names their resources name, or
// all when a resource can name any role: "*", a wildcard or a policy variable
// in the role's name, or a resource that is not a CAM role ARN.
func assumeTargets(doc *policy.Document) (all bool, names []string) {
	for _, st := range doc.Statement {
		if st.Effect != policy.EffectAllow || !st.Principal.Empty() || !actionsAssume(st.Action) {
			continue
		}
		for _, res := range st.Resource {
			i := strings.LastIndex(res, ":roleName/")
			if i < 0 || strings.ContainsAny(res, "*$") {
				return true, nil
			}
			names = append(names, res[i+len(":roleName/"):])
		}
	}
	return false, names
}

func actionsAssume(actions []string) bool {
	for _, raw := range actions {
		a, err := policy.ParseAction(raw)
		if err != nil || a.PermID {
			continue
		}
		if a.All || (policy.MatchPatternFold(a.Service, "sts") && policy.MatchPatternFold(a.Name, "AssumeRole")) {
			return true
		}
	}
	return false
}
