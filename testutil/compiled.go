package testutil

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/camkit/camkit/policy"
)

// compiled is one subject (a role or a user) ready to decide requests: its
// evaluator, the context every request of it starts from, and what the
// harness needs about each statement for coverage and for the missing-context
// warning. It is built once per subject and shared by every assertion.
type compiled struct {
	kind Kind
	name string
	eval *policy.Evaluator
	// err is why the subject cannot be evaluated (a policy that does not
	// compile); assertions on it fail with this error.
	err error
	// base is the context every request starts from (the caller's identity
	// for policy variables); read-only.
	base map[string][]string
	// principal is the subject's own ARN where known (users), for CanAssume.
	principal string
	uin       uint64

	stmts       []stmtInfo
	byName      map[refKey]int // statement position by (boundary, policy name, index)
	byDoc       map[refKey]int // statement position by (boundary, document, index)
	conditional []int          // statements that read condition keys or variables
	// covered[i] is set once an evaluated request was decided by stmts[i].
	covered []atomic.Bool

	fullOnce sync.Once // builds stmtInfo.full on the first truncated decision
}

// refKey finds a statement from a policy.StatementRef.
type refKey struct {
	boundary bool
	name     string
	doc, idx int
}

// stmtInfo is one statement of a subject's identity policies or boundary.
type stmtInfo struct {
	ref  policy.StatementRef
	stmt policy.Statement
	// keys are the condition keys the statement reads, and the context keys of
	// the policy variables it uses; sorted as found, without duplicates.
	keys []string
	// bare decides whether the statement applies to a request by its action,
	// resource and principal alone (its conditions removed); nil when keys is
	// empty or the statement does not compile.
	bare *policy.Evaluator
	// full is the statement alone, built only when a decision's list of
	// deciding statements was truncated (see compiled.cover).
	full *policy.Evaluator
}

// variableKeys maps the policy variables to the context keys the evaluator
// reads them from (CAM-SEMANTICS §3).
var variableKeys = [...][2]string{
	{"${uin}", policy.KeyUIN},
	{"${owner_uin}", policy.KeyOwnerUIN},
	{"${app_id}", policy.KeyAppID},
}

// newCompiled builds a subject from its evaluator and the documents it was
// compiled from, in the same order (so that decisions' statement references
// find them).
func newCompiled(kind Kind, name string, eval *policy.Evaluator, identity, boundary []policy.Named, base map[string][]string) *compiled {
	c := &compiled{
		kind: kind, name: name, eval: eval, base: base,
		byName: map[refKey]int{}, byDoc: map[refKey]int{},
	}
	c.addDocs(identity, false)
	c.addDocs(boundary, true)
	c.covered = make([]atomic.Bool, len(c.stmts))
	return c
}

func (c *compiled) addDocs(docs []policy.Named, boundary bool) {
	for d, nd := range docs {
		if nd.Doc == nil {
			continue
		}
		for i, st := range nd.Doc.Statement {
			eff := policy.EffectAllow
			if strings.EqualFold(string(st.Effect), string(policy.EffectDeny)) {
				eff = policy.EffectDeny
			}
			info := stmtInfo{
				ref:  policy.StatementRef{Boundary: boundary, Document: d, Name: nd.Name, Statement: i, Effect: eff},
				stmt: st.Clone(),
				keys: statementKeys(st),
			}
			if len(info.keys) > 0 {
				bare := st.Clone()
				bare.Condition = nil
				info.bare, _ = policy.Compile(&policy.Document{Version: "2.0", Statement: []policy.Statement{bare}})
			}
			pos := len(c.stmts)
			c.stmts = append(c.stmts, info)
			if info.bare != nil {
				c.conditional = append(c.conditional, pos)
			}
			if nd.Name != "" {
				k := refKey{boundary: boundary, name: nd.Name, idx: i}
				if _, dup := c.byName[k]; !dup {
					c.byName[k] = pos
				}
			}
			c.byDoc[refKey{boundary: boundary, doc: d, idx: i}] = pos
		}
	}
}

// statementKeys lists the condition keys st reads and the context keys of the
// policy variables in its resources and condition values.
func statementKeys(st policy.Statement) []string {
	var keys []string
	addKey := func(k string) {
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	scanVars := func(s string) {
		if !strings.Contains(s, "${") {
			return
		}
		for _, v := range variableKeys {
			if strings.Contains(s, v[0]) {
				addKey(v[1])
			}
		}
	}
	for _, r := range st.Resource {
		scanVars(r)
	}
	for _, byKey := range st.Condition {
		for k, vals := range byKey {
			addKey(k)
			for _, v := range vals {
				scanVars(v.Text)
			}
		}
	}
	sortStrings(keys)
	return keys
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// find returns the position of the statement r refers to, or -1.
func (c *compiled) find(r policy.StatementRef) int {
	if r.Name != "" {
		if i, ok := c.byName[refKey{boundary: r.Boundary, name: r.Name, idx: r.Statement}]; ok {
			return i
		}
	}
	if i, ok := c.byDoc[refKey{boundary: r.Boundary, doc: r.Document, idx: r.Statement}]; ok {
		return i
	}
	return -1
}

// cover marks the statements that decided d as exercised. When the decision
// holds only part of them (see policy.Decision.StatementsTruncated), each
// statement of the deciding effect is asked on its own.
func (c *compiled) cover(d policy.Decision) {
	if !d.StatementsTruncated() {
		for i := 0; i < d.NumStatements(); i++ {
			if p := c.find(d.Statement(i)); p >= 0 {
				c.covered[p].Store(true)
			}
		}
		return
	}
	c.fullOnce.Do(c.buildFull)
	want := policy.OutcomeAllow
	if d.Outcome() == policy.OutcomeExplicitDeny {
		want = policy.OutcomeExplicitDeny
	}
	req := d.Request()
	for i := range c.stmts {
		s := &c.stmts[i]
		if s.full != nil && !c.covered[i].Load() && s.full.Evaluate(req).Outcome() == want {
			c.covered[i].Store(true)
		}
	}
}

func (c *compiled) buildFull() {
	for i := range c.stmts {
		s := &c.stmts[i]
		s.full, _ = policy.Compile(&policy.Document{Version: "2.0", Statement: []policy.Statement{s.stmt}})
	}
}

// MissingKey is a condition key (or the context key of a policy variable)
// that a statement applying to the request by action and resource reads, but
// that the request did not supply. Its absence may be why the request was
// decided as it was.
type MissingKey struct {
	// Key is the condition key, e.g. "qcs:ip".
	Key string `json:"key"`
	// Statement is a statement that reads it.
	Statement policy.StatementRef `json:"statement"`
}

// String reads `"qcs:ip" (read by policy "ops" statement[1])`.
func (m MissingKey) String() string {
	return quote(m.Key) + " (read by " + m.Statement.String() + ")"
}

// missing returns the condition keys whose absence from req may be why it
// was decided as d: keys that statements applying to req by action, resource
// and principal read and req does not supply, for the statements that could
// change the outcome were the keys supplied. For an allow those are the deny
// statements and the deciding allow statements; for an explicit deny the
// deciding deny statements; for an implicit deny the allow statements. It
// allocates only when it finds some.
func (c *compiled) missing(req policy.Request, d policy.Decision) []MissingKey {
	var out []MissingKey
	outcome := d.Outcome()
	for _, p := range c.conditional {
		s := &c.stmts[p]
		deny := s.ref.Effect == policy.EffectDeny
		switch outcome {
		case policy.OutcomeAllow:
			if !deny && !c.decided(p, d) {
				continue
			}
		case policy.OutcomeExplicitDeny:
			if !deny || !c.decided(p, d) {
				continue
			}
		default:
			if deny {
				continue
			}
		}
		if s.bare.Evaluate(req).Outcome() == policy.OutcomeImplicitDeny {
			continue
		}
		for _, k := range s.keys {
			if len(req.Context[k]) > 0 || suppliedTagKey(req.Context, k) {
				continue
			}
			out = append(out, MissingKey{Key: k, Statement: s.ref})
		}
	}
	return out
}

// decided reports whether statement p is among d's deciding statements (a
// truncated list counts every statement of the deciding effect).
func (c *compiled) decided(p int, d policy.Decision) bool {
	if d.StatementsTruncated() {
		return true
	}
	for i := 0; i < d.NumStatements(); i++ {
		if c.find(d.Statement(i)) == p {
			return true
		}
	}
	return false
}

// suppliedTagKey reports whether a per-tag key ("qcs:resource_tag/env") is
// answered by the multi-valued key it refines, as the evaluator reads it.
func suppliedTagKey(ctx map[string][]string, key string) bool {
	for _, base := range [...]string{policy.KeyResourceTag, policy.KeyRequestTag} {
		if tag, ok := strings.CutPrefix(key, base+"/"); ok {
			for _, v := range ctx[base] {
				if strings.HasPrefix(v, tag+"&") {
					return true
				}
			}
		}
	}
	return false
}

// quote writes s in double quotes, as policy's messages do.
func quote(s string) string { return strconv.Quote(s) }
