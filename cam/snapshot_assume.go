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
// (docs/semantics.md, "Roles"): the role's trust policy must allow the user as
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
// real request has (the caller's IP, MFA) cannot be decided from a snapshot;
// following the safety rule (never report less access than CAM could grant)
// the check sets [AssumeCheck.Conditional] when allow statements would
// apply were those conditions met and no deny that the snapshot can decide
// applies.
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
	return s.canAssume(uin, r, trust)
}

func (s *Snapshot) canAssume(uin uint64, r *RoleRecord, trust *evalEntry) (AssumeCheck, error) {
	user, err := s.userEval(uin)
	if err != nil {
		return AssumeCheck{}, err
	}
	owner := s.owner(r)
	if owner == 0 {
		return AssumeCheck{}, &IncompleteError{Subject: roleSubject(r.Name), Missing: []string{"the account's owner UIN was not read and the role has no ARN"}}
	}
	req := policy.Request{
		Action:    actionAssumeRole,
		Resource:  policy.RoleARN(owner, r.Name),
		Principal: policy.CAMUser(owner, uin).String(),
		Context:   s.requestContext(uin, owner),
	}
	c := AssumeCheck{Request: req, Trust: trust.ev.Evaluate(req), Identity: user.ev.Evaluate(req)}
	if !c.Allowed() {
		c.Conditional = could(c.Trust, trust, req) && could(c.Identity, user, req)
	}
	return c, nil
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
	return err == nil && ev.Evaluate(req).Allowed()
}

// WhoCanAssume returns the sub-users, ordered by UIN, that can assume the
// role: those whose [Snapshot.CanAssume] check is [AssumeCheck.Possible].
//
// It returns an error wrapping [ErrNotFound] for an unknown role and an
// *[IncompleteError] for a role whose trust policy was not read or does not
// parse. Users it cannot decide (see [Snapshot.UserEvaluator]) are left out
// and named in the returned error, which then joins one error per such
// user; the users it could decide are returned with it.
func (s *Snapshot) WhoCanAssume(roleName string) ([]*UserRecord, error) {
	r, ok := s.RoleByName(roleName)
	if !ok {
		return nil, fmt.Errorf("cam: snapshot: no role named %q: %w", roleName, ErrNotFound)
	}
	trust, err := s.trustEval(r)
	if err != nil {
		return nil, err
	}
	var out []*UserRecord
	var errs []error
	for i := range s.Users {
		c, err := s.canAssume(s.Users[i].UIN, r, trust)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if c.Possible() {
			out = append(out, &s.Users[i])
		}
	}
	return out, errors.Join(errs...)
}

// AssumableRoles returns the roles, ordered by name, that the sub-user with
// the given UIN can assume (see [Snapshot.WhoCanAssume]). It returns the
// errors of [Snapshot.UserEvaluator] for the user; roles it cannot decide
// (trust policy unread or unparsable) are left out and named in the returned
// error, with the roles it could decide.
func (s *Snapshot) AssumableRoles(uin uint64) ([]*RoleRecord, error) {
	if _, err := s.userEval(uin); err != nil {
		return nil, err
	}
	var out []*RoleRecord
	var errs []error
	for i := range s.Roles {
		r := &s.Roles[i]
		trust, err := s.trustEval(r)
		if err == nil {
			var c AssumeCheck
			if c, err = s.canAssume(uin, r, trust); err == nil && c.Possible() {
				out = append(out, r)
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return out, errors.Join(errs...)
}

// owner returns the account's owner UIN, or the one in the role's ARN when the
// account could not be read.
func (s *Snapshot) owner(r *RoleRecord) uint64 {
	if s.Account.OwnerUIN != 0 {
		return s.Account.OwnerUIN
	}
	res, err := policy.ParseResource(r.ARN)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(res.Account, "uin/"), 10, 64)
	if err != nil || !strings.HasPrefix(res.Account, "uin/") {
		return 0
	}
	return n
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
		docs := make([]policy.Named, len(e.set.docs))
		for i, d := range e.set.docs {
			docs[i] = policy.Named{Name: d.Name, Doc: relax(d.Doc, ctx)}
		}
		ev, err := policy.CompileNamed(docs...)
		if err == nil && e.set.boundary != nil {
			ev, err = ev.WithNamedBoundary(policy.Named{Name: e.set.boundary.Name, Doc: relax(e.set.boundary.Doc, ctx)})
		}
		e.relaxed, e.relaxErr = ev, err
	})
	return e.relaxed, e.relaxErr
}

// relax returns a copy of doc for the relaxed reading (see relaxedFor).
func relax(doc *policy.Document, ctx map[string][]string) *policy.Document {
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
		if unknown && strings.EqualFold(string(st.Effect), string(policy.EffectDeny)) {
			continue
		}
		st = st.Clone()
		st.Condition = kept
		out.Statement = append(out.Statement, st)
	}
	return out
}
