package cam

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/camkit/camkit/policy"
)

// actionAssumeRole is the action a sub-user needs, in its own policies and
// in the role's trust policy, to assume a role.
const actionAssumeRole = "sts:AssumeRole"

// AssumeCheck is the answer to "can this sub-user assume this role?"
// (docs/semantics.md §6): the role's trust policy must allow the user as
// principal and the user's own policies, within its boundary, must allow
// sts:AssumeRole on the role's ARN.
type AssumeCheck struct {
	// Request is the request decided: sts:AssumeRole on the role's ARN
	// (policy.RoleARN), with the user as principal and the context the
	// snapshot knows: qcs:uin, qcs:owner_uin, qcs:app_id (when read) and
	// qcs:current_time at [Snapshot.Taken] (when set).
	Request policy.Request
	// Trust is the trust policy's exact decision.
	Trust policy.Decision
	// Identity is the decision of the user's exact evaluator
	// ([Snapshot.UserEvaluator]).
	Identity policy.Decision
	// Conditional is set when the exact decisions do not both allow, but
	// would if the conditions on keys the snapshot cannot know held (the
	// caller's IP, MFA, tags of the request): the user may assume the role,
	// for example from the office network. Under the safety rule camkit
	// counts such a user as able to assume the role (see [AssumeCheck.Possible]).
	Conditional bool
}

// Allowed reports whether both exact decisions allow the request.
func (c AssumeCheck) Allowed() bool { return c.Trust.Allowed() && c.Identity.Allowed() }

// Possible reports whether the user can assume the role under some request
// context: [AssumeCheck.Allowed] or [AssumeCheck.Conditional].
func (c AssumeCheck) Possible() bool { return c.Allowed() || c.Conditional }

// CanAssume decides whether the sub-user with the given UIN can assume the
// named role, with the role's exact trust policy and the user's exact
// evaluator ([Snapshot.UserEvaluator]).
//
// Conditions on keys the request carries (qcs:current_time at the
// snapshot's time, so an expired time-limited grant does not count, and the
// caller's identity) are evaluated as written. Conditions on keys only a
// real request has (the caller's IP, MFA) cannot be decided from a snapshot.
// Following the safety rule (docs/semantics.md §5.7: never report less access
// than CAM could grant), the check sets [AssumeCheck.Conditional] when allow
// statements would apply were those conditions met and no deny that the
// snapshot can decide applies.
//
// Errors are those of [Snapshot.UserEvaluator], an error wrapping
// [ErrNotFound] for an unknown role, and an *[IncompleteError] for a role
// whose trust policy was not read or does not parse.
func (s *Snapshot) CanAssume(uin uint64, roleName string) (AssumeCheck, error) {
	r, ok := s.RoleByName(roleName)
	if !ok {
		return AssumeCheck{}, fmt.Errorf("cam: snapshot: no role named %q: %w", roleName, ErrNotFound)
	}
	trust, err := s.trustEval(r)
	if err != nil {
		return AssumeCheck{}, err
	}
	owner, err := s.owner(r)
	if err != nil {
		return AssumeCheck{}, err
	}
	return s.canAssume(uin, owner, policy.RoleARN(owner, r.Name), trust)
}

// canAssume decides for the user with the given UIN and the role with ARN
// arn of the account owner.
func (s *Snapshot) canAssume(uin, owner uint64, arn string, trust *evalEntry) (AssumeCheck, error) {
	a, err := s.assumerFor(uin, owner)
	if err != nil {
		return AssumeCheck{}, err
	}
	req := policy.Request{Action: actionAssumeRole, Resource: arn, Principal: a.principal, Context: a.ctx}
	c := AssumeCheck{Request: req, Trust: trust.ev.Evaluate(req), Identity: a.e.ev.Evaluate(req)}
	if !c.Allowed() {
		c.Conditional = could(c.Trust, trust, req) && could(c.Identity, a.e, req)
	}
	return c, nil
}

// possible is canAssume(...).Possible() for the user of a, without building
// the check: each side is decided only as far as needed.
func (a *assumer) possible(arn string, trust *evalEntry) bool {
	req := policy.Request{Action: actionAssumeRole, Resource: arn, Principal: a.principal, Context: a.ctx}
	// The user's side first: most users hold sts:AssumeRole on few roles, so
	// it usually decides alone.
	return could(a.e.ev.Evaluate(req), a.e, req) && could(trust.ev.Evaluate(req), trust, req)
}

// assumer is a user's evaluator with the cached parts of its AssumeRole
// requests.
type assumer struct {
	e         *evalEntry
	owner     uint64
	principal string
	ctx       map[string][]string // read-only once built
}

// assumerFor returns the cached assumer of a user, as a sub-user of owner.
func (s *Snapshot) assumerFor(uin, owner uint64) (*assumer, error) {
	ix := s.index()
	ix.evals.mu.Lock()
	a, ok := ix.evals.assumers[uin]
	ix.evals.mu.Unlock()
	if ok && a.owner == owner {
		return a, nil
	}
	e, err := s.userEval(uin)
	if err != nil {
		return nil, err
	}
	a = &assumer{e: e, owner: owner, principal: policy.CAMUser(owner, uin).String(), ctx: s.requestContext(uin, owner)}
	ix.evals.mu.Lock()
	if ix.evals.assumers == nil {
		ix.evals.assumers = map[uint64]*assumer{}
	}
	ix.evals.assumers[uin] = a
	ix.evals.mu.Unlock()
	return a, nil
}

// could reports whether a side's decision allows, or is an implicit deny
// that the relaxed evaluator (conditions on keys the request lacks taken as
// met) turns into an allow.
func could(d policy.Decision, e *evalEntry, req policy.Request) bool {
	if d.Allowed() {
		return true
	}
	if d.Outcome() != policy.OutcomeImplicitDeny {
		return false
	}
	ev, err := e.relaxedFor(req.Context)
	if err != nil || ev == e.ev {
		return false // nothing to relax: the exact decision stands
	}
	return ev.Evaluate(req).Allowed()
}

// WhoCanAssume returns the sub-users, ordered by UIN, that can assume the
// role: those whose [Snapshot.CanAssume] check is [AssumeCheck.Possible].
//
// It returns an error wrapping [ErrNotFound] for an unknown role and an
// *[IncompleteError] for a role whose trust policy was not read or does not
// parse. Users it cannot decide (see [Snapshot.UserEvaluator]) are left out
// and named in the returned error, which then joins one error per such
// user; the users it could decide are returned with it.
//
// The first call on a snapshot indexes, for every user, the roles its
// sts:AssumeRole grants can name and, for every role, the principals its
// trust policy can admit (compiling each policy document once); each call
// then decides exactly only the users whose grants can name the role and
// whom its trust policy can admit, not every user. The answers are those of
// asking CanAssume for every user. WhoCanAssume is safe for concurrent use.
func (s *Snapshot) WhoCanAssume(roleName string) ([]*UserRecord, error) {
	r, ok := s.RoleByName(roleName)
	if !ok {
		return nil, fmt.Errorf("cam: snapshot: no role named %q: %w", roleName, ErrNotFound)
	}
	trust, err := s.trustEval(r)
	if err != nil {
		return nil, err
	}
	ix := s.index()
	owner, arn, err := s.roleARN(ix, ix.roleByName[roleName])
	if err != nil {
		return nil, err
	}
	ai := s.assumeUsers()
	var out []*UserRecord
	if admits := s.assumeTrust().trust[ix.roleByName[roleName]]; !admits.never() {
		for _, i := range ai.candidates(r.Name) {
			u := &s.Users[i]
			a, err := s.assumerFor(u.UIN, owner)
			if err != nil {
				return nil, err // the index decided this user: it does not fail
			}
			if admits.admits(a.principal) && a.possible(arn, trust) {
				out = append(out, u)
			}
		}
	}
	return out, errors.Join(ai.errs...)
}

// AssumableRoles returns the roles, ordered by name, that the sub-user with
// the given UIN can assume (see [Snapshot.WhoCanAssume], whose index it
// shares). It returns the errors of [Snapshot.UserEvaluator] for the user;
// roles it cannot decide (trust policy unread or unparsable) are left out and
// named in the returned error, with the roles it could decide.
// AssumableRoles is safe for concurrent use.
func (s *Snapshot) AssumableRoles(uin uint64) ([]*RoleRecord, error) {
	e, _, err := s.userEntry(uin)
	if err != nil {
		return nil, err
	}
	ai := s.assumeRoles()
	if !ai.compiles(e.set) {
		if _, err := s.userEval(uin); err != nil {
			return nil, err // the compiler's error, naming the document
		}
	}
	targets := s.assumeTrust().trust
	grants := e.grants(&ai.probe)
	var out []*RoleRecord
	if !grants.none() {
		for i := range s.Roles {
			r, d := &s.Roles[i], ai.roles[i]
			if d.trust == nil || !grants.admits(r.Name) || targets[i].never() {
				continue
			}
			a, err := s.assumerFor(uin, d.owner)
			if err != nil {
				return nil, err
			}
			if targets[i].admits(a.principal) && a.possible(d.arn, d.trust) {
				out = append(out, r)
			}
		}
	}
	return out, errors.Join(ai.roleErrs...)
}

// owner returns the account's owner UIN, or the one in the role's ARN when the
// account could not be read.
func (s *Snapshot) owner(r *RoleRecord) (uint64, error) {
	if s.Account.OwnerUIN != 0 {
		return s.Account.OwnerUIN, nil
	}
	if res, err := policy.ParseResource(r.ARN); err == nil && strings.HasPrefix(res.Account, "uin/") {
		if n, err := strconv.ParseUint(strings.TrimPrefix(res.Account, "uin/"), 10, 64); err == nil && n != 0 {
			return n, nil
		}
	}
	return 0, &IncompleteError{Subject: roleSubject(r.Name), Missing: []string{"the account's owner UIN was not read and the role's ARN does not name it"}}
}

// requestContext is the context the snapshot knows for a sub-user's request:
// its identity for the policy variables and the snapshot's time.
func (s *Snapshot) requestContext(uin, owner uint64) map[string][]string {
	ctx := map[string][]string{
		policy.KeyUIN:      {strconv.FormatUint(uin, 10)},
		policy.KeyOwnerUIN: {strconv.FormatUint(owner, 10)},
	}
	if s.Account.AppID != 0 {
		ctx[policy.KeyAppID] = []string{strconv.FormatUint(s.Account.AppID, 10)}
	}
	if !s.Taken.IsZero() {
		ctx[policy.KeyCurrentTime] = []string{policy.FormatDate(s.Taken)}
	}
	return ctx
}

// relaxedFor returns the entry's relaxed evaluator for requests carrying
// exactly the keys of ctx (every request of one snapshot carries the same
// keys): allow statements keep only their conditions on those keys, and deny
// statements with a condition on any other key are left out, since they may
// not apply. It is built once.
func (e *evalEntry) relaxedFor(ctx map[string][]string) (*policy.Evaluator, error) {
	e.relaxOnce.Do(func() {
		changed := false
		docs := make([]policy.Named, len(e.set.docs))
		for i, d := range e.set.docs {
			docs[i] = policy.Named{Name: d.Name, Doc: relax(d.Doc, ctx, &changed)}
		}
		var boundary *policy.Document
		if e.set.boundary != nil {
			boundary = relax(e.set.boundary.Doc, ctx, &changed)
		}
		if !changed {
			e.relaxed = e.ev // the same documents: the exact evaluator
			return
		}
		ev, err := policy.CompileNamed(docs...)
		if err == nil && boundary != nil {
			ev, err = ev.WithNamedBoundary(policy.Named{Name: e.set.boundary.Name, Doc: boundary})
		}
		e.relaxed, e.relaxErr = ev, err
	})
	return e.relaxed, e.relaxErr
}

// relax returns a copy of doc for the relaxed reading (see relaxedFor),
// setting *changed when it differs from doc.
func relax(doc *policy.Document, ctx map[string][]string, changed *bool) *policy.Document {
	out := &policy.Document{Version: doc.Version, Statement: make([]policy.Statement, 0, len(doc.Statement))}
	for _, st := range doc.Statement {
		var kept policy.Condition
		unknown := false
		for op, keys := range st.Condition {
			for key, vals := range keys {
				if _, known := ctx[key]; !known {
					unknown = true
					continue
				}
				if kept == nil {
					kept = policy.Condition{}
				}
				if kept[op] == nil {
					kept[op] = map[string][]policy.Value{}
				}
				kept[op][key] = vals
			}
		}
		if unknown {
			*changed = true
			if strings.EqualFold(string(st.Effect), string(policy.EffectDeny)) {
				continue
			}
		}
		st = st.Clone()
		st.Condition = kept
		out.Statement = append(out.Statement, st)
	}
	return out
}

// roleARN returns the owner UIN and ARN of the i-th role, computing every
// role's ARN once per index.
func (s *Snapshot) roleARN(ix *snapshotIndex, i int) (uint64, string, error) {
	r := &s.Roles[i]
	owner, err := s.owner(r)
	if err != nil {
		return 0, "", err
	}
	ix.arnOnce.Do(func() {
		ix.roleARNs = make([]string, len(s.Roles))
		for j := range s.Roles {
			if o, err := s.owner(&s.Roles[j]); err == nil {
				ix.roleARNs[j] = policy.RoleARN(o, s.Roles[j].Name)
			}
		}
	})
	if i < len(ix.roleARNs) && ix.roleARNs[i] != "" {
		return owner, ix.roleARNs[i], nil
	}
	return owner, policy.RoleARN(owner, r.Name), nil
}
