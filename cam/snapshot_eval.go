package cam

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/camkit/camkit/policy"
)

// This file owns "what can a principal do": the exact evaluator of each user
// and role, built from the snapshot's records and cached with its index.

// UserEvaluator returns the evaluator of exactly what the sub-user with the
// given UIN holds: every policy attached to the user directly and through each
// of its groups, within its permission boundary if it has one (docs/semantics.md
// §5.2 and §5.4). Documents are named by their policy
// names, so decisions say which policy decided.
//
// The evaluator is built once per snapshot and shared: users holding the same
// policies and boundary get the same *policy.Evaluator, so each set of
// documents is compiled once. UserEvaluator is safe for concurrent use.
//
// It returns an error wrapping [ErrNotFound] for an unknown UIN, and an
// *[IncompleteError] (matching [ErrIncomplete]) when the snapshot lacks part of
// what the user holds: attachments, group memberships, a group's attachments
// or the boundary that could not be read, or a policy whose document was not
// read or does not parse. It never builds an evaluator from part of the
// user's policies, which could report access that a missing deny takes away.
// A document that parses but does not compile is an error naming the policy.
func (s *Snapshot) UserEvaluator(uin uint64) (*policy.Evaluator, error) {
	e, err := s.userEval(uin)
	if err != nil {
		return nil, err
	}
	return e.ev, nil
}

// RoleEvaluator returns the evaluator of exactly what a session of the named
// role may do: the policies attached to the role, within its permission
// boundary if it has one. It is built, shared and cached as
// [Snapshot.UserEvaluator] describes, and fails the same way: an error
// wrapping [ErrNotFound] for an unknown role, an *[IncompleteError] when part
// of what the role holds could not be read or parsed.
//
// The role's trust policy (who may assume it) is not part of this evaluator;
// see [Snapshot.CanAssume].
func (s *Snapshot) RoleEvaluator(name string) (*policy.Evaluator, error) {
	e, err := s.roleEval(name)
	if err != nil {
		return nil, err
	}
	return e.ev, nil
}

// heldSet is what a principal holds, ready to compile: identity documents
// and the boundary (nil without one), named by policy name.
type heldSet struct {
	key      string // policy IDs and boundary ID: principals with equal keys share an evaluator
	docs     []policy.Named
	boundary *policy.Named
}

// evalEntry is one compiled held set, built once.
type evalEntry struct {
	once sync.Once
	set  heldSet
	ev   *policy.Evaluator
	err  error

	relaxOnce sync.Once
	relaxed   *policy.Evaluator // see relaxedFor
	relaxErr  error

	grantsOnce   sync.Once
	grantTargets *roleTargets // see grants
}

// evalCache holds a snapshot's evaluators: by held set, and the principals'
// lookups into it. Entries are created under mu and compiled outside it, so
// different principals compile in parallel and each set compiles once.
type evalCache struct {
	mu    sync.Mutex
	sets  map[string]*evalEntry
	users map[uint64]*evalEntry
	roles map[string]*evalEntry
	trust map[string]*evalEntry

	assumers map[uint64]*assumer // see snapshot_assume.go
}

func (s *Snapshot) userEval(uin uint64) (*evalEntry, error) {
	e, u, err := s.userEntry(uin)
	if err != nil {
		return nil, err
	}
	if err := e.build(); err != nil {
		return nil, compileError(userSubject(&u.User), err)
	}
	return e, nil
}

// userEntry returns the entry of what the user holds, not yet compiled.
func (s *Snapshot) userEntry(uin uint64) (*evalEntry, *UserRecord, error) {
	u, ok := s.UserByUIN(uin)
	if !ok {
		return nil, nil, fmt.Errorf("cam: snapshot: no user with uin %d: %w", uin, ErrNotFound)
	}
	ix := s.index()
	ix.evals.mu.Lock()
	e, ok := ix.evals.users[uin]
	ix.evals.mu.Unlock()
	if !ok {
		set, err := s.userHeld(u)
		if err != nil {
			return nil, nil, err
		}
		e = ix.evals.entry(set)
		ix.evals.mu.Lock()
		if ix.evals.users == nil {
			ix.evals.users = map[uint64]*evalEntry{}
		}
		ix.evals.users[uin] = e
		ix.evals.mu.Unlock()
	}
	return e, u, nil
}

func (s *Snapshot) roleEval(name string) (*evalEntry, error) {
	r, ok := s.RoleByName(name)
	if !ok {
		return nil, fmt.Errorf("cam: snapshot: no role named %q: %w", name, ErrNotFound)
	}
	ix := s.index()
	ix.evals.mu.Lock()
	e, ok := ix.evals.roles[name]
	ix.evals.mu.Unlock()
	if !ok {
		set, err := s.roleHeld(r)
		if err != nil {
			return nil, err
		}
		e = ix.evals.entry(set)
		ix.evals.mu.Lock()
		if ix.evals.roles == nil {
			ix.evals.roles = map[string]*evalEntry{}
		}
		ix.evals.roles[name] = e
		ix.evals.mu.Unlock()
	}
	if err := e.build(); err != nil {
		return nil, compileError(roleSubject(name), err)
	}
	return e, nil
}

// trustEval returns the entry of a role's trust policy.
func (s *Snapshot) trustEval(r *RoleRecord) (*evalEntry, error) {
	if r.Trust == nil {
		why := "its trust policy does not parse"
		if r.TrustPolicy == "" {
			why = "its trust policy was not read"
		}
		return nil, &IncompleteError{Subject: roleSubject(r.Name), Missing: []string{why}}
	}
	ix := s.index()
	ix.evals.mu.Lock()
	e, ok := ix.evals.trust[r.Name]
	if !ok {
		e = &evalEntry{set: heldSet{docs: []policy.Named{{Name: r.Name + " trust policy", Doc: r.Trust}}}}
		if ix.evals.trust == nil {
			ix.evals.trust = map[string]*evalEntry{}
		}
		ix.evals.trust[r.Name] = e
	}
	ix.evals.mu.Unlock()
	if err := e.build(); err != nil {
		return nil, compileError(trustSubject(r.Name), err)
	}
	return e, nil
}

// entry returns the shared entry for a held set.
func (c *evalCache) entry(set heldSet) *evalEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.sets[set.key]; ok {
		return e
	}
	e := &evalEntry{set: set}
	if c.sets == nil {
		c.sets = map[string]*evalEntry{}
	}
	c.sets[set.key] = e
	return e
}

// build compiles the entry once and returns the compiler's error.
func (e *evalEntry) build() error {
	e.once.Do(func() {
		ev, err := policy.CompileNamed(e.set.docs...)
		if err == nil && e.set.boundary != nil {
			ev, err = ev.WithNamedBoundary(*e.set.boundary)
		}
		e.ev, e.err = ev, err
	})
	return e.err
}

// compileError names the principal whose documents did not compile.
func compileError(subject string, err error) error {
	return fmt.Errorf("cam: %s: a policy it holds does not compile: %w", subject, err)
}

// userHeld collects what u holds, or says what is missing.
func (s *Snapshot) userHeld(u *UserRecord) (heldSet, error) {
	var missing []string
	if !u.PoliciesKnown {
		missing = append(missing, "the policies attached to it directly were not read")
	}
	if !u.GroupsKnown {
		missing = append(missing, "its group memberships were not read")
	}
	atts := slices.Clone(u.Policies)
	for _, gid := range u.GroupIDs {
		g, ok := s.GroupByID(gid)
		switch {
		case !ok:
			missing = append(missing, "group id "+strconv.FormatUint(gid, 10)+" is not in the snapshot")
		case !g.PoliciesKnown:
			missing = append(missing, "the policies attached to "+groupSubject(&g.Group)+" were not read")
		default:
			atts = append(atts, g.Policies...)
		}
	}
	if !u.BoundaryKnown {
		missing = append(missing, "its permission boundary was not read")
	}
	return s.held(userSubject(&u.User), atts, u.Boundary, missing)
}

// roleHeld collects what r holds, or says what is missing.
func (s *Snapshot) roleHeld(r *RoleRecord) (heldSet, error) {
	var missing []string
	if !r.PoliciesKnown {
		missing = append(missing, "the policies attached to it were not read")
	}
	if !r.BoundaryKnown {
		missing = append(missing, "its permission boundary was not read")
	}
	return s.held(roleSubject(r.Name), r.Policies, r.Boundary, missing)
}

// held resolves attachments and a boundary into named documents, one per
// policy in ID order.
func (s *Snapshot) held(subject string, atts []Attachment, b *Boundary, missing []string) (heldSet, error) {
	ids := make([]uint64, 0, len(atts))
	for _, a := range atts {
		ids = append(ids, a.PolicyID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var set heldSet
	var key strings.Builder
	for _, id := range ids {
		p := s.policyFor(Attachment{PolicyID: id, PolicyName: attachmentName(atts, id)})
		if p.Parsed == nil {
			missing = append(missing, documentMissing(id, p.Name, p.Document))
			continue
		}
		set.docs = append(set.docs, policy.Named{Name: p.Name, Doc: p.Parsed})
		key.WriteString(strconv.FormatUint(id, 10))
		key.WriteByte(',')
	}
	if b != nil {
		doc := s.boundaryDocument(b)
		if doc == nil {
			text := b.Document
			if p, ok := s.PolicyByID(b.PolicyID); ok && text == "" {
				text = p.Document
			}
			missing = append(missing, "boundary "+documentMissing(b.PolicyID, b.PolicyName, text))
		} else {
			set.boundary = &policy.Named{Name: b.PolicyName, Doc: doc}
			key.WriteString("b" + strconv.FormatUint(b.PolicyID, 10))
		}
	}
	if len(missing) > 0 {
		return heldSet{}, &IncompleteError{Subject: subject, Missing: missing}
	}
	set.key = key.String()
	return set, nil
}

func attachmentName(atts []Attachment, id uint64) string {
	for _, a := range atts {
		if a.PolicyID == id {
			return a.PolicyName
		}
	}
	return ""
}

func documentMissing(id uint64, name, text string) string {
	if text == "" {
		return policySubject(id, name) + ": its document was not read"
	}
	return policySubject(id, name) + ": its document does not parse"
}

// boundaryDocument returns a boundary's parsed document: the snapshot's
// policy, or the boundary's own text.
func (s *Snapshot) boundaryDocument(b *Boundary) *policy.Document {
	if p, ok := s.PolicyByID(b.PolicyID); ok && p.Parsed != nil {
		return p.Parsed
	}
	return parseOrNil(b.Document)
}
