package testutil

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// FromSnapshot returns a harness over what an account really holds: each
// role's attached policies and each user's policies (attached directly and
// through groups), within their permission boundaries. Subjects are compiled
// on first use and cached.
//
// Decisions come from [cam.Snapshot.RoleEvaluator] and
// [cam.Snapshot.UserEvaluator]. A subject they cannot evaluate exactly fails
// every assertion ([FailureSubjectError]) instead of being decided on part of
// its policies: a policy whose document was not read or does not compile,
// attachments, group memberships or a boundary the snapshot could not read.
//
// Every request of a user starts from the context "qcs:uin" (the user's UIN),
// "qcs:owner_uin" and, when known, "qcs:app_id", so policy variables resolve;
// a role's requests start from "qcs:owner_uin" and "qcs:app_id".
func FromSnapshot(s *cam.Snapshot, opts ...HarnessOption) (*Harness, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: FromSnapshot: the snapshot is nil", ErrInvalidHarness)
	}
	return newHarness(&snapshotSource{s: s}, opts)
}

type snapshotSource struct {
	s *cam.Snapshot

	once      sync.Once
	roleNames []string
	userNames []string
	trustMu   sync.Mutex
	trusts    map[string]*compiled
}

func (src *snapshotSource) label() string { return "snapshot" }

func (src *snapshotSource) coversAll() bool { return false }

func (src *snapshotSource) names(kind Kind) []string {
	src.once.Do(func() {
		for i := range src.s.Roles {
			src.roleNames = append(src.roleNames, src.s.Roles[i].Name)
		}
		for i := range src.s.Users {
			src.userNames = append(src.userNames, src.s.Users[i].Name)
		}
	})
	if kind == KindUser {
		return src.userNames
	}
	return src.roleNames
}

// context is the base context of a subject: the policy variables' keys.
func (src *snapshotSource) context(uin uint64) map[string][]string {
	ctx := map[string][]string{}
	if uin != 0 {
		ctx[policy.KeyUIN] = []string{strconv.FormatUint(uin, 10)}
	}
	if o := src.s.Account.OwnerUIN; o != 0 {
		ctx[policy.KeyOwnerUIN] = []string{strconv.FormatUint(o, 10)}
	}
	if a := src.s.Account.AppID; a != 0 {
		ctx[policy.KeyAppID] = []string{strconv.FormatUint(a, 10)}
	}
	return ctx
}

func (src *snapshotSource) compile(kind Kind, name string, docs *docCache) (*compiled, error) {
	if kind == KindUser {
		u, ok := src.s.UserByName(name)
		if !ok {
			return nil, unknownSubject(src, kind, name, "")
		}
		return src.compileUser(u, docs), nil
	}
	r, ok := src.s.RoleByName(name)
	if !ok {
		return nil, unknownSubject(src, kind, name, "")
	}
	return src.compileRole(r, docs), nil
}

func (src *snapshotSource) compileRole(r *cam.RoleRecord, docs *docCache) *compiled {
	identity := parsed(src.s.RolePolicies(r.Name))
	c := newCompiled(KindRole, r.Name, identity, src.boundary(r.Boundary), src.context(0), docs)
	c.eval, c.err = src.s.RoleEvaluator(r.Name)
	return c
}

func (src *snapshotSource) compileUser(u *cam.UserRecord, docs *docCache) *compiled {
	var held []cam.Policy
	for _, hp := range src.s.EffectivePolicies(u.UIN) {
		held = append(held, hp.Policy)
	}
	identity := parsed(held)
	c := newCompiled(KindUser, u.Name, identity, src.boundary(u.Boundary), src.context(u.UIN), docs)
	c.principal = policy.SubUser(src.s.Account.OwnerUIN, u.UIN).QCS[0]
	c.eval, c.err = src.s.UserEvaluator(u.UIN)
	return c
}

// parsed returns the readable documents of policies, in order and named by
// policy name: with the snapshot's RolePolicies and EffectivePolicies (one
// per policy, ascending ID) they are the documents cam's evaluators hold. A
// policy without a readable document is left out; the evaluator's error
// reports it.
func parsed(ps []cam.Policy) []policy.Named {
	out := make([]policy.Named, 0, len(ps))
	for _, p := range ps {
		if p.Parsed != nil {
			out = append(out, policy.Named{Name: p.Name, Doc: p.Parsed})
		}
	}
	return out
}

// boundary returns a boundary's document as cam's evaluators hold it: the
// snapshot's policy of its ID, or else its own text, named by the boundary's
// PolicyName (as CAM reports it with the boundary), whatever the snapshot's
// policy of that ID is called. Nil when neither document can be read; the
// evaluator's error reports it.
func (src *snapshotSource) boundary(b *cam.Boundary) []policy.Named {
	if b == nil {
		return nil
	}
	if p, ok := src.s.PolicyByID(b.PolicyID); ok && p.Parsed != nil {
		return []policy.Named{{Name: b.PolicyName, Doc: p.Parsed}}
	}
	if doc, err := policy.Parse([]byte(b.Document)); err == nil {
		return []policy.Named{{Name: b.PolicyName, Doc: doc}}
	}
	return nil
}

func (src *snapshotSource) trust(role string, docs *docCache) (*compiled, string, error) {
	r, ok := src.s.RoleByName(role)
	if !ok {
		return nil, "", unknownSubject(src, KindRole, role, "")
	}
	arn := r.ARN
	if arn == "" {
		arn = policy.CAMRoleName(src.s.Account.OwnerUIN, r.Name).String()
	}
	if r.Trust == nil {
		return nil, arn, fmt.Errorf("role %s has no readable trust policy in the snapshot", quote(role))
	}
	src.trustMu.Lock()
	defer src.trustMu.Unlock()
	if c, ok := src.trusts[role]; ok {
		return c, arn, c.err
	}
	named := []policy.Named{{Name: r.Name + " trust policy", Doc: r.Trust}} // as cam names it
	c := newCompiled(KindRole, r.Name, named, nil, nil, docs)
	c.eval, c.err = policy.CompileNamed(named...)
	if src.trusts == nil {
		src.trusts = map[string]*compiled{}
	}
	src.trusts[role] = c
	return c, arn, c.err
}
