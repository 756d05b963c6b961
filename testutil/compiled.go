package testutil

import (
	"strconv"
	"sync/atomic"

	"github.com/camkit/camkit/policy"
)

// compiled is one subject (a role or a user) ready to decide requests: its
// evaluator, the context every request of it starts from, and its documents
// with what the harness knows about each (for coverage and the
// missing-context warning). It is built once per subject and shared by every
// assertion.
type compiled struct {
	kind Kind
	name string
	eval *policy.Evaluator
	// err is why the subject cannot be evaluated (a policy that does not
	// compile, a snapshot that lacks part of what it holds); assertions on it
	// fail with this error.
	err error
	// base is the context every request starts from (the caller's identity
	// for policy variables); read-only.
	base map[string][]string
	// principal is the subject's own ARN where known (users), for CanAssume.
	principal string

	docs []docSlot
	// keys are the condition keys any statement reads, for a quick "all
	// supplied" test.
	keys []string
	// covered[i] is set once an evaluated request was decided by statement i
	// (numbered across docs, see docSlot.first).
	covered []atomic.Bool
}

// docSlot is one document of a subject: an identity policy or the boundary,
// in the evaluator's order.
type docSlot struct {
	boundary bool
	name     string
	pos      int      // position among the identity documents or the boundary's
	info     *docInfo // what the harness knows of the document
	first    int      // number of its first statement in compiled.covered
}

// newCompiled builds a subject from the documents its evaluator was (or is
// to be) compiled from, in the same order and under the same names, so that
// decisions' statement references find them; no document may be nil. infos
// caches per-document analysis across subjects.
func newCompiled(kind Kind, name string, identity, boundary []policy.Named, base map[string][]string, infos *docCache) *compiled {
	c := &compiled{kind: kind, name: name, base: base}
	n := 0
	add := func(docs []policy.Named, isBoundary bool) {
		for i, nd := range docs {
			slot := docSlot{boundary: isBoundary, name: nd.Name, pos: i, first: n, info: infos.get(nd.Doc)}
			n += len(slot.info.stmts)
			for _, k := range slot.info.keys {
				c.keys = appendUnique(c.keys, k)
			}
			c.docs = append(c.docs, slot)
		}
	}
	add(identity, false)
	add(boundary, true)
	c.covered = make([]atomic.Bool, n)
	return c
}

func appendUnique(list []string, s string) []string {
	for _, have := range list {
		if have == s {
			return list
		}
	}
	return append(list, s)
}

// find returns the slot and statement index r refers to, or nil.
func (c *compiled) find(r policy.StatementRef) (*docSlot, int) {
	for i := range c.docs {
		s := &c.docs[i]
		if s.boundary != r.Boundary {
			continue
		}
		if (r.Name != "" && s.name == r.Name) || (r.Name == "" && s.pos == r.Document) {
			if r.Statement >= 0 && r.Statement < len(s.info.stmts) {
				return s, r.Statement
			}
			return nil, 0
		}
	}
	return nil, 0
}

// statement returns the statement r refers to, if the harness can see it.
func (c *compiled) statement(r policy.StatementRef) (policy.Statement, bool) {
	s, i := c.find(r)
	if s == nil {
		return policy.Statement{}, false
	}
	return s.info.doc.Statement[i], true
}

// cover marks the statements that decided d as exercised. When the decision
// holds only part of them (see policy.Decision.StatementsTruncated), each
// statement of the deciding effect is asked on its own.
func (c *compiled) cover(d policy.Decision) {
	if !d.StatementsTruncated() {
		for i := 0; i < d.NumStatements(); i++ {
			if s, k := c.find(d.Statement(i)); s != nil {
				c.covered[s.first+k].Store(true)
			}
		}
		return
	}
	want := policy.OutcomeAllow
	if d.Outcome() == policy.OutcomeExplicitDeny {
		want = policy.OutcomeExplicitDeny
	}
	req := d.Request()
	for _, s := range c.docs {
		for k, ev := range s.info.singles() {
			if ev != nil && !c.covered[s.first+k].Load() && ev.Evaluate(req).Outcome() == want {
				c.covered[s.first+k].Store(true)
			}
		}
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

// quote writes s in double quotes, as policy's messages do.
func quote(s string) string { return strconv.Quote(s) }
