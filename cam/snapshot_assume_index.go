package cam

import (
	"slices"
	"strings"
	"sync"

	"github.com/camkit/camkit/policy"
)

// This file narrows WhoCanAssume and AssumableRoles to plausible pairs. A
// user can assume a role only if an allow statement of its own policies
// matches sts:AssumeRole on the role's ARN and an allow statement of the
// role's trust policy matches sts:AssumeRole with the user as principal;
// conditions, deny statements and boundaries only take access away. The
// index reads those allow statements once per snapshot and keeps, for each
// user, the role names its grants can name and, for each role, the
// principals its trust policy can admit. Each pair that passes both is then
// decided exactly, as CanAssume decides it; a pair that fails either could
// not be Possible, so the answers are those of asking every pair.

// assumeIndex is the snapshot's who-can-assume index, kept with the lookup
// index. Its parts are built on first use and read-only afterwards; it is
// safe for concurrent use.
type assumeIndex struct {
	probe actionProbe

	docsMu sync.Mutex
	// docs remembers whether each policy document compiles (see compiles).
	docs map[*policy.Document]bool

	usersOnce sync.Once
	// errs are the errors of the users that cannot be decided
	// (Snapshot.UserEvaluator's), in Snapshot.Users order.
	errs []error
	// anyRole, byName and byPrefix list the users, by position in
	// Snapshot.Users and ascending, whose grants can name any role, a role by
	// its exact name, or the roles whose names start with a prefix.
	anyRole  []int
	byName   map[string][]int
	byPrefix map[string][]int

	trustOnce sync.Once
	// trust holds, by position in Snapshot.Roles, the principals each
	// role's trust policy can admit; nil for a role whose trust policy was
	// not read or does not parse.
	trust []*trustTargets

	rolesOnce sync.Once
	// roles holds, by position in Snapshot.Roles, what deciding a request
	// on each role needs; roleErrs the errors of the roles that cannot be
	// decided, in Snapshot.Roles order.
	roles    []assumeRole
	roleErrs []error
}

// assumeRole is a role's compiled trust policy and ARN; trust is nil for a
// role that cannot be decided.
type assumeRole struct {
	trust *evalEntry
	owner uint64
	arn   string
}

// assumeUsers returns the snapshot's who-can-assume index with its users'
// part built.
//
// A user's evaluator compiles exactly when each of its documents does (the
// compiler reads statements one by one), so building the index compiles each
// policy document once instead of every user's evaluator; only a user with a
// document that does not compile is compiled whole, for the error
// UserEvaluator gives. The evaluators of the users a query asks about are
// compiled when it does.
func (s *Snapshot) assumeUsers() *assumeIndex {
	ai := &s.index().assume
	ai.usersOnce.Do(func() {
		ai.byName, ai.byPrefix = map[string][]int{}, map[string][]int{}
		for i := range s.Users {
			e, _, err := s.userEntry(s.Users[i].UIN)
			if err == nil && !ai.compiles(e.set) {
				_, err = s.userEval(s.Users[i].UIN)
			}
			if err != nil {
				ai.errs = append(ai.errs, err)
				continue
			}
			t := e.grants(&ai.probe)
			if t.any {
				ai.anyRole = append(ai.anyRole, i)
				continue
			}
			for _, n := range t.names {
				ai.byName[n] = append(ai.byName[n], i)
			}
			for _, p := range t.prefixes {
				ai.byPrefix[p] = append(ai.byPrefix[p], i)
			}
		}
	})
	return ai
}

// assumeTrust returns the who-can-assume index with its roles' part built.
func (s *Snapshot) assumeTrust() *assumeIndex {
	ai := &s.index().assume
	ai.trustOnce.Do(func() {
		ai.trust = make([]*trustTargets, len(s.Roles))
		for i := range s.Roles {
			if doc := s.Roles[i].Trust; doc != nil {
				ai.trust[i] = trustTargetsOf(doc, &ai.probe)
			}
		}
	})
	return ai
}

// assumeRoles returns the who-can-assume index with every role's trust
// policy compiled and ARN made.
func (s *Snapshot) assumeRoles() *assumeIndex {
	ix := s.index()
	ai := &ix.assume
	ai.rolesOnce.Do(func() {
		ai.roles = make([]assumeRole, len(s.Roles))
		for i := range s.Roles {
			trust, err := s.trustEval(&s.Roles[i])
			var owner uint64
			var arn string
			if err == nil {
				owner, arn, err = s.roleARN(ix, i)
			}
			if err != nil {
				ai.roleErrs = append(ai.roleErrs, err)
				continue
			}
			ai.roles[i] = assumeRole{trust: trust, owner: owner, arn: arn}
		}
	})
	return ai
}

// compiles reports whether every document of set compiles, compiling each
// document once per index.
func (ai *assumeIndex) compiles(set heldSet) bool {
	docs := set.docs
	if set.boundary != nil {
		docs = append(slices.Clip(docs), *set.boundary)
	}
	for _, d := range docs {
		ai.docsMu.Lock()
		ok, seen := ai.docs[d.Doc]
		ai.docsMu.Unlock()
		if !seen {
			_, err := policy.CompileNamed(d)
			ok = err == nil
			ai.docsMu.Lock()
			if ai.docs == nil {
				ai.docs = map[*policy.Document]bool{}
			}
			ai.docs[d.Doc] = ok
			ai.docsMu.Unlock()
		}
		if !ok {
			return false
		}
	}
	return true
}

// candidates returns the positions, ascending, of the users whose grants can
// name the role.
func (ai *assumeIndex) candidates(role string) []int {
	named := ai.byName[role]
	var prefixed [][]int
	for p, users := range ai.byPrefix {
		if strings.HasPrefix(role, p) {
			prefixed = append(prefixed, users)
		}
	}
	if len(named) == 0 && len(prefixed) == 0 {
		return ai.anyRole
	}
	out := slices.Concat(append(prefixed, ai.anyRole, named)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// grants returns the roles the entry's sts:AssumeRole grants can name,
// reading its documents once.
func (e *evalEntry) grants(probe *actionProbe) *roleTargets {
	e.grantsOnce.Do(func() { e.grantTargets = grantTargets(e.set.docs, probe) })
	return e.grantTargets
}

// roleTargets is which roles a user's grants can name: any role, or the
// roles with one of the names or whose names start with one of the
// prefixes. Both lists are sorted and free of duplicates.
type roleTargets struct {
	any      bool
	names    []string
	prefixes []string
}

// grantTargets reads the allow statements of a user's policies that can
// match sts:AssumeRole and returns the roles their resources can name.
func grantTargets(docs []policy.Named, probe *actionProbe) *roleTargets {
	t := &roleTargets{}
	for _, d := range docs {
		for k := range d.Doc.Statement {
			st := &d.Doc.Statement[k]
			if st.Effect == policy.EffectDeny || !probe.anyAssumes(st.Action) {
				continue
			}
			if len(st.Resource) == 0 {
				t.any = true // a statement without resources matches every resource
			}
			for _, res := range st.Resource {
				t.add(res)
			}
		}
	}
	if t.any {
		return &roleTargets{any: true}
	}
	slices.Sort(t.names)
	slices.Sort(t.prefixes)
	t.names, t.prefixes = slices.Compact(t.names), slices.Compact(t.prefixes)
	return t
}

// roleNamePath starts the resource path of every role ARN
// (policy.RoleARN): "roleName/<name>".
const roleNamePath = "roleName/"

// add records the roles whose ARNs the resource pattern res can match. A
// role's ARN has an empty project and region, the service cam and the path
// "roleName/<name>", and segments compare case-sensitively
// (docs/semantics.md §3), so a literal project, region or service other than
// those rules every role out, and the path's text up to its first wildcard
// or policy variable (a missing variable matches like '*') names a role or a
// prefix of role names. The account segment is not read: it can only rule
// roles out.
func (t *roleTargets) add(res string) {
	r, err := policy.ParseResource(res)
	if err != nil || r.All {
		t.any = true // the compiler accepted it, so it is "*" here
		return
	}
	if literal(r.Project) && r.Project != "" || literal(r.Region) && r.Region != "" ||
		literal(r.Service) && r.Service != "" && r.Service != "cam" {
		return
	}
	lead, wild := r.Path, false
	if i := strings.IndexAny(r.Path, "*$"); i >= 0 {
		lead, wild = r.Path[:i], true
	}
	name, ok := strings.CutPrefix(lead, roleNamePath)
	switch {
	case !ok && wild && strings.HasPrefix(roleNamePath, lead):
		t.any = true // "*", "role*", "roleName*" and the like
	case !ok:
	case wild && name == "":
		t.any = true
	case wild:
		t.prefixes = append(t.prefixes, name)
	default:
		t.names = append(t.names, name)
	}
}

// none reports whether the targets name no role.
func (t *roleTargets) none() bool { return !t.any && len(t.names) == 0 && len(t.prefixes) == 0 }

// admits reports whether the targets can name the role.
func (t *roleTargets) admits(role string) bool {
	if t.any {
		return true
	}
	if _, ok := slices.BinarySearch(t.names, role); ok {
		return true
	}
	for _, p := range t.prefixes {
		if strings.HasPrefix(role, p) {
			return true
		}
	}
	return false
}

// literal reports whether a resource segment pattern has neither a wildcard
// nor a policy variable, so that it matches only its own text.
func literal(seg string) bool { return !strings.ContainsAny(seg, "*$") }

// trustTargets is which principals a role's trust policy can admit to
// sts:AssumeRole, read from its allow statements that can match the action
// (the principal rules of docs/semantics.md §5.8, without conditions).
type trustTargets struct {
	any      bool                // a statement admits everyone
	exact    map[string]struct{} // qcs and federated principals, as written
	accounts []string            // "<account>:" of each qcs "<account>:root"
	services []string            // service principals, compared ignoring case
}

func trustTargetsOf(doc *policy.Document, probe *actionProbe) *trustTargets {
	t := &trustTargets{}
	for k := range doc.Statement {
		st := &doc.Statement[k]
		if st.Effect == policy.EffectDeny || !probe.anyAssumes(st.Action) {
			continue
		}
		p := st.Principal
		if p == nil || p.Any {
			t.any = true // a statement without a principal admits every caller
			continue
		}
		for _, q := range p.QCS {
			t.any = t.any || q == "*"
			if acct, ok := strings.CutSuffix(q, "root"); ok && strings.HasSuffix(acct, ":") {
				t.accounts = append(t.accounts, acct)
			}
			t.addExact(q)
		}
		for _, q := range p.Service {
			t.any = t.any || q == "*"
			t.services = append(t.services, q)
		}
		for _, q := range p.Federated {
			t.any = t.any || q == "*"
			t.addExact(q)
		}
	}
	return t
}

func (t *trustTargets) addExact(q string) {
	if t.exact == nil {
		t.exact = map[string]struct{}{}
	}
	t.exact[q] = struct{}{}
}

// admits reports whether the trust policy can admit the principal who.
func (t *trustTargets) admits(who string) bool {
	if t.any {
		return true
	}
	if _, ok := t.exact[who]; ok {
		return true
	}
	for _, acct := range t.accounts {
		if strings.HasPrefix(who, acct) {
			return true
		}
	}
	for _, q := range t.services {
		if strings.EqualFold(q, who) {
			return true
		}
	}
	return false
}

// never reports whether the trust policy admits nobody: no allow statement
// can match sts:AssumeRole.
func (t *trustTargets) never() bool {
	return !t.any && len(t.exact) == 0 && len(t.accounts) == 0 && len(t.services) == 0
}

// actionProbe remembers, by action pattern, whether the pattern can match
// sts:AssumeRole. The evaluator itself decides, so that case folding and
// wildcards count as they do in decisions. It is safe for concurrent use.
type actionProbe struct {
	mu    sync.Mutex
	known map[string]bool
}

// anyAssumes reports whether any of the patterns can match sts:AssumeRole.
func (p *actionProbe) anyAssumes(actions []string) bool {
	return slices.ContainsFunc(actions, p.assumes)
}

func (p *actionProbe) assumes(raw string) bool {
	p.mu.Lock()
	v, ok := p.known[raw]
	p.mu.Unlock()
	if ok {
		return v
	}
	v = actionAssumes(raw)
	p.mu.Lock()
	if p.known == nil {
		p.known = map[string]bool{}
	}
	p.known[raw] = v
	p.mu.Unlock()
	return v
}

// actionAssumes reports whether the action pattern raw can match
// sts:AssumeRole.
func actionAssumes(raw string) bool {
	a, err := policy.ParseAction(raw)
	switch {
	case err != nil:
		return true // the compiler rejects it, so its document has failed already
	case a.All:
		return true
	case a.PermID:
		return false // permid/ entries match no API name
	case a.Service != "*" && !strings.EqualFold(a.Service, "sts"):
		return false // services compare ignoring case at most
	}
	doc := &policy.Document{Version: policy.Version, Statement: []policy.Statement{
		{Effect: policy.EffectAllow, Action: []string{raw}, Resource: []string{"*"}}}}
	ev, err := policy.Compile(doc)
	return err != nil || ev.Evaluate(policy.Request{Action: actionAssumeRole, Resource: "*"}).Allowed()
}
