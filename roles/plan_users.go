package roles

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// users plans each user's assume policy: created or updated and attached for
// users with grants, detached and deleted for users without.
func (pl *planner) users(byRole map[string][]Assignment) {
	byUser := map[string][]Assignment{}
	for role, gs := range byRole {
		if pl.conflicted[role] {
			continue
		}
		for _, g := range gs {
			byUser[g.User] = append(byUser[g.User], g)
			pl.p.Grants = append(pl.p.Grants, g)
		}
	}
	sortAssignments(pl.p.Grants)
	holders := pl.directHolders()
	for _, user := range slices.Sorted(maps.Keys(byUser)) {
		pl.user(user, byUser[user], holders)
	}
	// Managed assume policies of users who have no grant left.
	for i := range pl.s.Policies {
		p := &pl.s.Policies[i]
		user, ok := strings.CutPrefix(p.Name, AssumePolicyPrefix)
		if !ok || !managedPolicy(p) {
			continue
		}
		pl.claim(p.ID)
		if _, granted := byUser[user]; granted {
			continue
		}
		env := pl.assumeEnv(p.Parsed, nil)
		for _, h := range holders[p.ID] {
			pl.add(Change{Kind: Revoke, User: h.Name, UIN: h.UIN, Policy: p.Name, PolicyID: p.ID, Env: env,
				Reason: "no grant left"})
		}
		pl.add(Change{Kind: DeletePolicy, User: user, Policy: p.Name, PolicyID: p.ID, Env: env, Reason: "no grant left"})
	}
}

// directHolders maps policy IDs to the users they are attached to directly.
func (pl *planner) directHolders() map[uint64][]*cam.UserRecord {
	out := map[uint64][]*cam.UserRecord{}
	for i := range pl.s.Users {
		u := &pl.s.Users[i]
		for _, a := range u.Policies {
			if a.GroupID == 0 {
				out[a.PolicyID] = append(out[a.PolicyID], u)
			}
		}
	}
	return out
}

// user plans one user's assume policy.
func (pl *planner) user(name string, grants []Assignment, holders map[uint64][]*cam.UserRecord) {
	u, _ := pl.s.UserByName(name) // checked by assignments
	if !u.PoliciesKnown {
		pl.errs = append(pl.errs, planErr("user %s: the snapshot could not read the user's attachments (see Snapshot.Problems); load again", msgtext.Name(name)))
		return
	}
	pname := AssumePolicyPrefix + name
	if err := policy.ValidatePolicyName(pname); err != nil {
		pl.errs = append(pl.errs, planErr("user %s: the assume policy name %q is not a valid policy name: %v", msgtext.Name(name), msgtext.Clip(pname), trimPolicy(err)))
		return
	}
	doc := pl.assumeDoc(grants)
	want := doc.Canonical()
	if n := utf8.RuneCountInString(want); n > policy.MaxDocumentLength {
		pl.errs = append(pl.errs, planErr("user %s: the assume policy %s for %d role(s) is %d characters; CAM allows %d: grant the user fewer roles",
			msgtext.Name(name), msgtext.Name(pname), len(grants), n, policy.MaxDocumentLength))
		return
	}
	desc := assumeDescription(name)
	p, exists := pl.s.PolicyByName(pname)
	if exists && !managedPolicy(p) {
		pl.p.Conflicts = append(pl.p.Conflicts, Conflict{User: name, Message: fmt.Sprintf(
			"policy %s exists and was not made by camkit; user %s's grants are not written: rename or delete that policy", msgtext.Name(pname), msgtext.Name(name))})
		return
	}
	if !exists {
		env := pl.assumeEnv(doc, nil)
		pl.add(Change{Kind: CreatePolicy, User: name, Policy: pname, After: want, Description: desc, Env: env})
		pl.add(Change{Kind: Grant, User: name, UIN: u.UIN, Policy: pname, Env: env})
		return
	}
	env := pl.assumeEnv(doc, p.Parsed)
	pl.updatePolicy("", p, want, desc, env)
	for i := range pl.p.Changes {
		if c := &pl.p.Changes[i]; c.PolicyID == p.ID && c.User == "" && (c.Kind == UpdatePolicy || c.Kind == UpdatePolicyDescription) {
			c.User = name
		}
	}
	held := false
	for _, h := range holders[p.ID] {
		if h.UIN == u.UIN {
			held = true
			continue
		}
		pl.add(Change{Kind: Revoke, User: h.Name, UIN: h.UIN, Policy: pname, PolicyID: p.ID, Env: env,
			Reason: "the policy is " + name + "'s, not " + h.Name + "'s"})
	}
	if !held {
		pl.add(Change{Kind: Grant, User: name, UIN: u.UIN, Policy: pname, PolicyID: p.ID, Env: env})
	}
}

// assumeDoc is a user's assume policy: sts:AssumeRole on each granted role's
// ARN, one statement for the permanent grants and one per expiry date.
func (pl *planner) assumeDoc(grants []Assignment) *policy.Document {
	byRole := make([]Assignment, len(grants))
	for i, g := range grants {
		byRole[i] = g
		byRole[i].User = g.Role // group by expiry, naming roles
	}
	doc := &policy.Document{Version: policy.Version}
	for _, g := range groupByUntil(byRole) {
		arns := make([]string, len(g.names))
		for i, r := range g.names {
			arns[i] = policy.RoleARN(pl.owner, r)
		}
		st := policy.Allow("sts:AssumeRole").On(arns...)
		if !g.until.IsZero() {
			st = st.Until(g.until)
		}
		doc.Statement = append(doc.Statement, st)
	}
	return doc
}

// assumeEnv lists the environments of the roles two assume documents name,
// comma-separated.
func (pl *planner) assumeEnv(docs ...*policy.Document) string {
	var envs []string
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, st := range d.Statement {
			for _, r := range st.Resource {
				_, role, ok := strings.Cut(r, ":roleName/")
				if !ok {
					continue
				}
				if e := pl.env(role); !slices.Contains(envs, e) {
					envs = append(envs, e)
				}
			}
		}
	}
	slices.Sort(envs)
	return strings.Join(envs, ",")
}

// orphans notes managed roles and policies the catalog no longer has.
func (pl *planner) orphans() {
	for i := range pl.s.Roles {
		r := &pl.s.Roles[i]
		if _, ok := pl.c.def(r.Name); !ok && managedRole(r) {
			pl.p.Notes = append(pl.p.Notes, fmt.Sprintf("role %s was made by camkit but is not in the catalog; camkit leaves it: delete it by hand if it is no longer needed", msgtext.Name(r.Name)))
		}
	}
	for i := range pl.s.Policies {
		p := &pl.s.Policies[i]
		if managedPolicy(p) && !pl.claimed[p.ID] {
			pl.p.Notes = append(pl.p.Notes, fmt.Sprintf("policy %s was made by camkit but no role in the catalog uses it; camkit leaves it: delete it by hand if it is no longer needed", msgtext.Name(p.Name)))
		}
	}
}
