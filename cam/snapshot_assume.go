package cam

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/camkit/camkit/policy"
)

// Condition keys and the action WhoCanAssume evaluates with.
const (
	assumeAction   = "sts:AssumeRole"
	keyCurrentTime = "qcs:current_time"
)

// WhoCanAssume returns the users, ordered by UIN, who could assume the role
// (CAM-SEMANTICS §6): the role's trust policy lets them (it names the user,
// the account root, or "*"), and their own policies (direct and through groups,
// within their permission boundary) allow sts:AssumeRole on the role's ARN.
// Both sides are decided by [policy.Evaluator] for the request
// {Action: "sts:AssumeRole", Resource: <role ARN>, Principal: <user ARN>}.
// It returns nil for an unknown role or one whose trust policy did not parse.
//
// Following the safety rule (CAM-SEMANTICS §5.7: never report less access than
// CAM could grant), conditions are read broadly: a condition on
// qcs:current_time is evaluated at [Snapshot.Taken], so an expired
// time-limited grant does not count; every other condition of an allow
// statement (an IP range, MFA) is taken as satisfiable; and a deny statement
// with such a condition is left out, since it may not apply. A policy
// document the evaluator rejects is left out too (a deny in it is then not
// applied); so are the parts of a user that could not be read (see the
// record's Known flags). The result may therefore include users who can assume
// the role only under conditions: check them with an evaluator over the exact
// documents.
func (s *Snapshot) WhoCanAssume(roleName string) []*UserRecord {
	r, ok := s.RoleByName(roleName)
	if !ok || r.Trust == nil {
		return nil
	}
	ix := s.index()
	var out []*UserRecord
	for i := range s.Users {
		if ix.canAssume(s, &s.Users[i], r) {
			out = append(out, &s.Users[i])
		}
	}
	return out
}

// AssumableRoles returns the roles, ordered by name, that the user with the
// given UIN could assume, read as [Snapshot.WhoCanAssume] reads it; nil for an
// unknown UIN.
func (s *Snapshot) AssumableRoles(uin uint64) []*RoleRecord {
	u, ok := s.UserByUIN(uin)
	if !ok {
		return nil
	}
	ix := s.index()
	var out []*RoleRecord
	for i := range s.Roles {
		if ix.canAssume(s, u, &s.Roles[i]) {
			out = append(out, &s.Roles[i])
		}
	}
	return out
}

// canAssume decides whether u could assume r: the trust policy allows u as the
// principal, and u's own policies allow sts:AssumeRole on the role.
func (ix *snapshotIndex) canAssume(s *Snapshot, u *UserRecord, r *RoleRecord) bool {
	trust := ix.trustEvaluator(s, r)
	if trust == nil {
		return false
	}
	owner := s.owner(r)
	ue := ix.userEntry(s, u, owner)
	req := policy.Request{
		Action:    assumeAction,
		Resource:  roleARN(r, owner),
		Principal: ue.principal,
		Context:   ue.context,
	}
	if !trust.Evaluate(req).Allowed() {
		return false
	}
	req.Principal = "" // identity policies ignore it
	return ue.eval.Evaluate(req).Allowed()
}

// owner returns the account's owner UIN, or the one in the role's ARN when the
// account could not be read.
func (s *Snapshot) owner(r *RoleRecord) uint64 {
	if s.Account.OwnerUIN != 0 {
		return s.Account.OwnerUIN
	}
	return ownerFromARN(r.ARN)
}

func roleARN(r *RoleRecord, owner uint64) string {
	if r.ARN != "" {
		return r.ARN
	}
	return "qcs::cam::uin/" + strconv.FormatUint(owner, 10) + ":roleName/" + r.Name
}

// requestContext is the context WhoCanAssume evaluates in: the snapshot's time
// and the caller's identity for the policy variables.
func (s *Snapshot) requestContext(uin, owner uint64) map[string][]string {
	ctx := map[string][]string{
		"qcs:uin":       {strconv.FormatUint(uin, 10)},
		"qcs:owner_uin": {strconv.FormatUint(owner, 10)},
	}
	if s.Account.AppID != 0 {
		ctx["qcs:app_id"] = []string{strconv.FormatUint(s.Account.AppID, 10)}
	}
	if !s.Taken.IsZero() {
		ctx[keyCurrentTime] = []string{s.Taken.UTC().Format(time.RFC3339)}
	}
	return ctx
}

// evaluatorCache holds what WhoCanAssume needs per user and per role's trust
// policy, built on first use.
type evaluatorCache struct {
	mu    sync.Mutex
	users map[uint64]*userEntry
	roles map[string]*policy.Evaluator
}

// userEntry is a user's broad evaluator and request parts.
type userEntry struct {
	owner     uint64
	eval      *policy.Evaluator // nil (deny all) without usable policies
	principal string
	context   map[string][]string // read-only once built
}

// userEntry returns the cached entry of u as a sub-user of owner.
func (ix *snapshotIndex) userEntry(s *Snapshot, u *UserRecord, owner uint64) *userEntry {
	ix.evals.mu.Lock()
	defer ix.evals.mu.Unlock()
	if e, ok := ix.evals.users[u.UIN]; ok && e.owner == owner {
		return e
	}
	e := &userEntry{
		owner:     owner,
		eval:      broadEvaluator(s, u),
		principal: "qcs::cam::uin/" + strconv.FormatUint(owner, 10) + ":uin/" + strconv.FormatUint(u.UIN, 10),
		context:   s.requestContext(u.UIN, owner),
	}
	if ix.evals.users == nil {
		ix.evals.users = map[uint64]*userEntry{}
	}
	ix.evals.users[u.UIN] = e
	return e
}

// trustEvaluator returns the evaluator of a role's trust policy, broadened,
// or nil when the role has no usable trust policy.
func (ix *snapshotIndex) trustEvaluator(s *Snapshot, r *RoleRecord) *policy.Evaluator {
	ix.evals.mu.Lock()
	defer ix.evals.mu.Unlock()
	if e, ok := ix.evals.roles[r.Name]; ok {
		return e
	}
	var e *policy.Evaluator
	if d := broaden(r.Trust, !s.Taken.IsZero()); d != nil {
		e, _ = policy.Compile(d)
	}
	if ix.evals.roles == nil {
		ix.evals.roles = map[string]*policy.Evaluator{}
	}
	ix.evals.roles[r.Name] = e
	return e
}

// broadEvaluator compiles a user's policies and boundary with conditions
// broadened (see WhoCanAssume). A user with no usable policy gets a nil
// evaluator, which denies everything.
func broadEvaluator(s *Snapshot, u *UserRecord) *policy.Evaluator {
	keepTime := !s.Taken.IsZero()
	var docs []*policy.Document
	for _, h := range s.EffectivePolicies(u.UIN) {
		if d := broaden(h.Policy.Parsed, keepTime); d != nil {
			if _, err := policy.Compile(d); err == nil {
				docs = append(docs, d)
			}
		}
	}
	if len(docs) == 0 {
		return nil
	}
	e, err := policy.Compile(docs...)
	if err != nil {
		return nil
	}
	if u.Boundary != nil {
		if b := broaden(s.boundaryDocument(u.Boundary), keepTime); b != nil {
			if eb, err := e.WithBoundary(b); err == nil {
				e = eb
			}
		}
	}
	return e
}

// boundaryDocument returns a boundary's parsed document: the snapshot's
// policy, or the boundary's own text.
func (s *Snapshot) boundaryDocument(b *Boundary) *policy.Document {
	if p, ok := s.PolicyByID(b.PolicyID); ok && p.Parsed != nil {
		return p.Parsed
	}
	return parseOrNil(b.Document)
}

// broaden returns a copy of doc for the broad reading: allow statements keep
// only their conditions on qcs:current_time (none when keepTime is false);
// deny statements with any other condition are dropped. It returns nil for a
// nil document or one left without statements.
func broaden(doc *policy.Document, keepTime bool) *policy.Document {
	if doc == nil {
		return nil
	}
	out := &policy.Document{Version: doc.Version}
	for _, st := range doc.Statement {
		st = st.Clone()
		var cond policy.Condition
		other := false
		for op, keys := range st.Condition {
			for key, vals := range keys {
				if key != keyCurrentTime || !keepTime {
					other = true
					continue
				}
				if cond == nil {
					cond = policy.Condition{}
				}
				if cond[op] == nil {
					cond[op] = map[string][]policy.Value{}
				}
				cond[op][key] = vals
			}
		}
		if other && strings.EqualFold(string(st.Effect), string(policy.EffectDeny)) {
			continue
		}
		st.Condition = cond
		out.Statement = append(out.Statement, st)
	}
	if len(out.Statement) == 0 {
		return nil
	}
	return out
}

// ownerFromARN reads the owner UIN from "qcs::cam::uin/<owner>:roleName/<name>".
func ownerFromARN(arn string) uint64 {
	rest, ok := strings.CutPrefix(arn, "qcs::cam::uin/")
	if !ok {
		return 0
	}
	digits, _, _ := strings.Cut(rest, ":")
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return 0
	}
	return n
}
