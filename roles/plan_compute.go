package roles

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// Plan computes the changes that bring the account in snap to the catalog and
// the given assignments. It is pure: it reads only its arguments, and the
// same arguments give the same plan. The snapshot's Taken is the plan's "now":
// assignments that ended at or before it are not granted (they are listed in
// [Plan.Expired]) and the grants they left in CAM are revoked. A snapshot with
// a zero Taken (one not made by cam.Load) treats no grant as expired, and its
// holder warnings judge grant lengths at the current time: only then does
// the plan depend on the clock.
//
// What it plans, in the order [Apply] performs it ([ChangeKind]): custom
// policies to create, or to update as a new default version; roles to create,
// with their trust policy, description, session duration, console login and
// tags; trust, description, session and tag updates; attachments and the
// permission boundary; each user's assume policy ("camkit-assume-<user>",
// see [Assignment]) created, updated, attached (Grant) or detached and deleted
// when the user has no grant left (Revoke). A role's trust policy is the
// definition's Trust plus one statement for the permanently assigned users
// and one per expiry date for time-limited grants; a role with neither
// has a closed trust policy that lets nobody in: CAM needs a principal, so it
// names the account root with a qcs:current_time limit of 2000-01-01, which
// has passed.
//
// camkit only changes what it made (see [ManagedTagKey]). A role or policy of
// a catalog name that it did not make is a [Conflict]: the role is left alone,
// and grants to it are not written. Managed roles and policies that are no
// longer in the catalog are reported in [Plan.Notes], not deleted; so is a
// console-login setting that differs (cam.Writer cannot change it). Holder
// requirements of the tiers (MFA devices, time-limited break-glass grants, at
// most two break-glass holders) are checked with tiers.Check on the
// assignments and the users' protection settings in the snapshot, and
// reported in [Plan.Warnings].
//
// Plan validates the catalog first ([Catalog.Validate]) and plans nothing
// for an invalid one: its error matches [ErrPlan] and whatever Validate's
// error matches ([ErrInvalid], [ErrBadName], [ErrIntent], [ErrTier],
// [ErrUnknownPreset]), and lists every problem, one a line, each naming its
// role. A catalog validates once: planning a catalog that passed Validate
// does not check it again. Plan also fails (matching [ErrPlan]) for a nil
// snapshot or one without an owner UIN, an assignment naming a role not in the catalog or a user not in the
// snapshot, a time-limited grant or a Production or BreakGlass assignment
// without a ticket (Why and ApprovedBy), a preset whose ID is neither in the
// snapshot nor given by the resolver, a managed role or a granted user
// whose attachments or boundary the snapshot could not read, and a trust or
// assume policy the grants would make longer than CAM's 6,144 characters
// (caught here, before Apply writes anything).
func (c *Catalog) Plan(snap *cam.Snapshot, assignments ...Assignment) (*Plan, error) {
	if c == nil {
		return nil, planErr("the catalog is nil; build one with NewCatalog or Standard")
	}
	if snap == nil {
		return nil, planErr("the snapshot is nil")
	}
	if snap.Account.OwnerUIN == 0 {
		return nil, planErr("the snapshot has no owner UIN (Account.OwnerUIN); load it with cam.Load")
	}
	if err := c.Validate(); err != nil {
		return nil, invalidCatalog(err)
	}
	pl := &planner{c: c, s: snap, owner: snap.Account.OwnerUIN, now: snap.Taken,
		p: &Plan{Owner: snap.Account.OwnerUIN, At: snap.Taken}, conflicted: map[string]bool{}}
	byRole := pl.assignments(assignments)
	if len(pl.errs) > 0 {
		return nil, joinErrors(pl.errs)
	}
	for i := range c.defs {
		pl.role(i, byRole[c.defs[i].Name])
	}
	pl.users(byRole)
	pl.orphans()
	if len(pl.errs) > 0 {
		return nil, joinErrors(pl.errs)
	}
	slices.SortStableFunc(pl.p.Changes, func(a, b Change) int { return int(a.Kind) - int(b.Kind) })
	if pl.p.Changes == nil {
		pl.p.Changes = []Change{}
	}
	return pl.p, nil
}

// invalidCatalog is Plan's error for a catalog that fails Validate with err:
// it matches ErrPlan and what err matches, and each of err's lines (one a
// problem) reads "roles: plan: the catalog is invalid: role ...".
func invalidCatalog(err error) error {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = "roles: plan: the catalog is invalid: " + strings.TrimPrefix(l, "roles: ")
	}
	return &wrapped{sentinel: ErrPlan, cause: err, msg: strings.Join(lines, "\n")}
}

func planErr(format string, args ...any) error {
	return &wrapped{sentinel: ErrPlan, msg: "roles: plan: " + fmt.Sprintf(format, args...)}
}

type planner struct {
	c          *Catalog
	s          *cam.Snapshot
	owner      uint64
	now        time.Time
	p          *Plan
	errs       []error
	conflicted map[string]bool
	claimed    map[uint64]bool // managed policy IDs the catalog uses
}

func (pl *planner) add(c Change) { pl.p.Changes = append(pl.p.Changes, c) }

// assignments validates the assignments, drops expired ones into p.Expired,
// merges duplicates (a permanent assignment wins, else the latest Until) and
// returns them by role.
func (pl *planner) assignments(as []Assignment) map[string][]Assignment {
	type key struct{ user, role string }
	kept := map[key]Assignment{}
	for i, a := range as {
		where := fmt.Sprintf("assignment[%d] (%s)", i, a)
		d, ok := pl.c.def(a.Role)
		if !ok {
			pl.errs = append(pl.errs, planErr("%s: role %q is not in the catalog", where, msgtext.Clip(a.Role)))
			continue
		}
		if _, ok := pl.s.UserByName(a.User); !ok {
			pl.errs = append(pl.errs, planErr("%s: user %q is not in the snapshot", where, msgtext.Clip(a.User)))
			continue
		}
		if (!a.Until.IsZero() || d.Tier >= tiers.Production) && (a.Ticket.Why == "" || a.Ticket.ApprovedBy == "") {
			what := "a time-limited grant"
			if d.Tier >= tiers.Production {
				what = "a grant of a " + d.Tier.String() + " role"
			}
			pl.errs = append(pl.errs, planErr("%s: %s needs a ticket saying why (Ticket.Why) and who approved (Ticket.ApprovedBy)", where, what))
			continue
		}
		if a.Expired(pl.now) {
			pl.p.Expired = append(pl.p.Expired, a)
			continue
		}
		k := key{a.User, a.Role}
		prev, dup := kept[k]
		if !dup || (!prev.Permanent() && (a.Permanent() || a.Until.After(prev.Until))) {
			kept[k] = a
		}
	}
	out := map[string][]Assignment{}
	for _, a := range kept {
		out[a.Role] = append(out[a.Role], a)
	}
	for r := range out {
		sortAssignments(out[r])
	}
	sortAssignments(pl.p.Expired)
	return out
}

// env returns the environment a role touches, from its name.
func (pl *planner) env(role string) string {
	if i, ok := pl.c.byName[role]; ok {
		return pl.c.envs[i]
	}
	return envOf(pl.c.conv, role)
}

// target is a policy a role wants attached: by ID, or by name when a change
// of this plan creates it.
type target struct {
	name    string
	id      uint64
	pending bool
}

// conflictsOf lists what is in the way of managing d.
func (pl *planner) conflictsOf(d *Definition) []string {
	var out []string
	if r, ok := pl.s.RoleByName(d.Name); ok && !managedRole(r) {
		out = append(out, fmt.Sprintf("role %s exists and was not made by camkit (no tag %s=%s); it is left alone: rename it, or delete it and plan again",
			msgtext.Name(d.Name), ManagedTagKey, ManagedTagValue))
	}
	names := []string{}
	for i, p := range d.Policies {
		if p.Preset == "" {
			names = append(names, d.PolicyName(i))
		}
	}
	if d.Boundary != nil {
		names = append(names, d.BoundaryName())
	}
	for _, n := range names {
		if p, ok := pl.s.PolicyByName(n); ok && !managedPolicy(p) {
			out = append(out, fmt.Sprintf("policy %s of role %s exists and was not made by camkit (its description does not start with %q); the role is left alone",
				msgtext.Name(n), msgtext.Name(d.Name), ManagedDescriptionPrefix))
		}
	}
	return out
}

// role plans the i-th definition.
func (pl *planner) role(i int, grants []Assignment) {
	d := &pl.c.defs[i]
	if cs := pl.conflictsOf(d); len(cs) > 0 {
		pl.conflicted[d.Name] = true
		if len(grants) > 0 {
			cs[len(cs)-1] += fmt.Sprintf("; its %d grant(s) are not written", len(grants))
		}
		for _, m := range cs {
			pl.p.Conflicts = append(pl.p.Conflicts, Conflict{Role: d.Name, Message: m})
		}
		return
	}
	env := pl.env(d.Name)
	existing, exists := pl.s.RoleByName(d.Name)
	if exists && (!existing.PoliciesKnown || !existing.BoundaryKnown) {
		pl.errs = append(pl.errs, planErr("role %s: the snapshot could not read its attachments or boundary (see Snapshot.Problems); load again", msgtext.Name(d.Name)))
		return
	}
	var want []target
	for k, p := range d.Policies {
		name := d.PolicyName(k)
		if p.Preset != "" {
			id := pl.presetID(d, p.Preset)
			if id != 0 {
				want = append(want, target{name: name, id: id})
			}
			continue
		}
		want = append(want, pl.custom(d.Name, name, pl.c.canon[i][k], policyDescription(d), env))
	}
	var boundary *target
	if d.Boundary != nil {
		b := pl.custom(d.Name, d.BoundaryName(), pl.c.bcanon[i], boundaryDescription(d), env)
		boundary = &b
	}
	trust := pl.trustDoc(d, grants).Canonical()
	if n := utf8.RuneCountInString(trust); n > policy.MaxDocumentLength {
		pl.errs = append(pl.errs, planErr("role %s: its trust policy for %d grant(s) is %d characters; CAM allows %d: grant the role to fewer users",
			msgtext.Name(d.Name), len(grants), n, policy.MaxDocumentLength))
		return
	}
	secs := int64(d.SessionDuration / time.Second)
	if !exists {
		pl.add(Change{Kind: CreateRole, Role: d.Name, After: trust, Description: d.Purpose, Seconds: secs,
			ConsoleLogin: d.ConsoleLogin, Tags: roleTags(d), Env: env})
		for _, t := range want {
			pl.add(Change{Kind: AttachRolePolicy, Role: d.Name, Policy: t.name, PolicyID: t.id, Env: env})
		}
		if boundary != nil {
			pl.add(Change{Kind: PutRoleBoundary, Role: d.Name, Policy: boundary.name, PolicyID: boundary.id, Env: env})
		}
		pl.warnHolders(d, grants)
		return
	}
	pl.updateRole(d, existing, trust, secs, env)
	pl.attachments(d, existing, want, boundary, env)
	pl.warnHolders(d, grants)
}

// updateRole plans the trust, description, session and tag changes of an
// existing managed role.
func (pl *planner) updateRole(d *Definition, r *cam.RoleRecord, trust string, secs int64, env string) {
	have := r.TrustPolicy
	if have != trust && r.Trust != nil {
		have = r.Trust.Canonical() // the same policy written differently is no change
	}
	if have != trust {
		pl.add(Change{Kind: UpdateTrust, Role: d.Name, Before: have, After: trust, Env: env})
	}
	if r.Description != d.Purpose {
		pl.add(Change{Kind: UpdateDescription, Role: d.Name, Before: r.Description, After: d.Purpose, Env: env})
	}
	if r.SessionDuration != secs && !(secs == 0 && r.SessionDuration == camDefaultSession) {
		pl.add(Change{Kind: UpdateSessionDuration, Role: d.Name, Before: sessionText(r.SessionDuration), After: sessionText(secs), Seconds: secs, Env: env})
	}
	wantTags := roleTags(d)
	var set []cam.Tag
	for _, t := range wantTags {
		if !slices.Contains(r.Tags, t) {
			set = append(set, t)
		}
	}
	var drop []string
	for _, t := range r.Tags {
		if !slices.ContainsFunc(wantTags, func(w cam.Tag) bool { return w.Key == t.Key }) {
			drop = append(drop, t.Key)
		}
	}
	if len(set) > 0 {
		pl.add(Change{Kind: TagRole, Role: d.Name, Tags: set, Env: env})
	}
	if len(drop) > 0 {
		slices.Sort(drop)
		pl.add(Change{Kind: UntagRole, Role: d.Name, TagKeys: drop, Env: env})
	}
	if r.ConsoleLogin != d.ConsoleLogin {
		pl.p.Notes = append(pl.p.Notes, fmt.Sprintf("role %s: console login is %v in CAM but %v in the catalog; camkit cannot change it (UpdateRoleConsoleLogin is not part of cam.Writer): change it in the console",
			msgtext.Name(d.Name), r.ConsoleLogin, d.ConsoleLogin))
	}
}

// attachments plans attaching and detaching policies and the boundary of an
// existing managed role: the role ends up with exactly the catalog's.
func (pl *planner) attachments(d *Definition, r *cam.RoleRecord, want []target, boundary *target, env string) {
	for _, t := range want {
		if t.pending || !slices.ContainsFunc(r.Policies, func(a cam.Attachment) bool { return a.PolicyID == t.id }) {
			pl.add(Change{Kind: AttachRolePolicy, Role: d.Name, Policy: t.name, PolicyID: t.id, Env: env})
		}
	}
	for _, a := range r.Policies {
		if !slices.ContainsFunc(want, func(t target) bool { return !t.pending && t.id == a.PolicyID }) {
			pl.add(Change{Kind: DetachRolePolicy, Role: d.Name, Policy: a.PolicyName, PolicyID: a.PolicyID, Env: env})
		}
	}
	switch {
	case boundary != nil && (boundary.pending || r.Boundary == nil || r.Boundary.PolicyID != boundary.id):
		pl.add(Change{Kind: PutRoleBoundary, Role: d.Name, Policy: boundary.name, PolicyID: boundary.id, Env: env})
	case boundary == nil && r.Boundary != nil:
		pl.add(Change{Kind: DeleteRoleBoundary, Role: d.Name, Policy: r.Boundary.PolicyName, PolicyID: r.Boundary.PolicyID, Env: env})
	}
}

// custom plans one managed custom policy (creating it or updating its document
// and description) and returns how to attach it. Conflicts were ruled out.
func (pl *planner) custom(role, name, want, desc, env string) target {
	p, ok := pl.s.PolicyByName(name)
	if !ok {
		pl.add(Change{Kind: CreatePolicy, Role: role, Policy: name, After: want, Description: desc, Env: env})
		return target{name: name, pending: true}
	}
	pl.claim(p.ID)
	pl.updatePolicy(role, p, want, desc, env)
	return target{name: name, id: p.ID}
}

func (pl *planner) claim(id uint64) {
	if pl.claimed == nil {
		pl.claimed = map[uint64]bool{}
	}
	pl.claimed[id] = true
}

func (pl *planner) updatePolicy(role string, p *cam.Policy, want, desc, env string) {
	have := p.Document
	if have != want && p.Parsed != nil {
		have = p.Parsed.Canonical() // the same policy written differently is no change
	}
	if have != want {
		pl.add(Change{Kind: UpdatePolicy, Role: role, Policy: p.Name, PolicyID: p.ID, Before: have, After: want, Env: env})
	}
	if p.Description != desc {
		pl.add(Change{Kind: UpdatePolicyDescription, Role: role, Policy: p.Name, PolicyID: p.ID, Before: p.Description, After: desc, Env: env})
	}
}

// presetID finds a preset's ID in the snapshot or through the resolver.
func (pl *planner) presetID(d *Definition, name string) uint64 {
	if p, ok := pl.s.PolicyByName(name); ok && p.Type == cam.PolicyPreset {
		return p.ID
	}
	if pl.c.presets != nil {
		if pre, ok := pl.c.presets(name); ok && pre.ID != 0 {
			return pre.ID
		}
	}
	pl.errs = append(pl.errs, &wrapped{sentinel: ErrUnknownPreset, msg: fmt.Sprintf(
		"roles: plan: role %s: preset policy %q is not in the snapshot (nothing in the account uses it) and the catalog's preset resolver gives no ID; add it with its ID to Catalog.WithPresets",
		d.Name, name)})
	return 0
}

// trustDoc is the role's trust policy: the definition's Trust plus the
// grants, or the account root when there is neither.
func (pl *planner) trustDoc(d *Definition, grants []Assignment) *policy.Document {
	doc := &policy.Document{Version: policy.Version}
	if d.Trust != nil {
		doc = d.Trust.Clone()
	}
	for _, g := range groupByUntil(grants) {
		ps := make([]policy.Principal, len(g.names))
		for i, n := range g.names {
			u, _ := pl.s.UserByName(n)
			ps[i] = policy.SubUser(pl.owner, u.UIN)
		}
		st := policy.Allow(policy.ActionAssumeRole).For(ps...)
		if !g.until.IsZero() {
			st = st.Until(g.until)
		}
		doc.Statement = append(doc.Statement, st)
	}
	if len(doc.Statement) == 0 {
		doc.Statement = append(doc.Statement, policy.Allow(policy.ActionAssumeRole).For(policy.AccountRoot(pl.owner)).Until(closedTrustUntil))
	}
	return doc
}

// camDefaultSession is CAM's default role session, 7,200 s (docs/semantics.md
// §6): a definition's SessionDuration of 0 ("CAM's default") matches a role
// that reports either 0 or this.
const camDefaultSession = 7200

// closedTrustUntil is the expiry of the trust statement of a role that nobody
// may assume (no Trust in its definition and no grant): CAM needs a principal
// in a trust policy, so camkit names the account root, but only before this
// date, 2000-01-01T00:00:00Z, which has passed. Assigning a user opens it.
var closedTrustUntil = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// untilGroup is the names (users or roles) of grants ending at one time.
type untilGroup struct {
	until time.Time
	names []string
}

// groupByUntil groups grants by expiry, permanent first, then by time; names
// are users. Grants must be sorted by user within a role.
func groupByUntil(grants []Assignment) []untilGroup {
	var out []untilGroup
	for _, g := range grants {
		i := slices.IndexFunc(out, func(x untilGroup) bool { return x.until.Equal(g.Until) })
		if i < 0 {
			out = append(out, untilGroup{until: g.Until})
			i = len(out) - 1
		}
		out[i].names = append(out[i].names, g.User)
	}
	slices.SortStableFunc(out, func(a, b untilGroup) int { return a.until.Compare(b.until) })
	for i := range out {
		slices.Sort(out[i].names)
	}
	return out
}

// warnHolders checks the tier's holder requirements on the grants: the
// violations tiers.Check finds about holders (MFA, time limits, how many).
func (pl *planner) warnHolders(d *Definition, grants []Assignment) {
	if len(grants) == 0 || !d.Tier.Valid() {
		return
	}
	holders := make([]tiers.Holder, 0, len(grants))
	for _, g := range grants {
		u, _ := pl.s.UserByName(g.User)
		holders = append(holders, tiers.Holder{Name: g.User, Until: g.Until,
			LoginMFA: u.MFAKnown && u.MFA.Login.Device(), OperationMFA: u.MFAKnown && u.MFA.Operation.Device()})
	}
	with, err := pl.c.tierRole(d, holders)
	if err != nil {
		return
	}
	opts := slices.Clone(pl.c.check)
	if !pl.now.IsZero() {
		opts = append(opts, tiers.At(pl.now))
	}
	for _, v := range tiers.Check(with, opts...) {
		if v.Holder != "" || v.Rule == tiers.RuleTooManyHolders {
			adv := ""
			if v.Advisory {
				adv = " (advisory)"
			}
			pl.p.Warnings = append(pl.p.Warnings, fmt.Sprintf("role %s: %s%s: %s", msgtext.Name(d.Name), v.Rule, adv, v.Message))
		}
	}
}
