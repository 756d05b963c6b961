package testutil

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// Coverage lists, per subject, the statements of its policies (and boundary)
// that no evaluated request exercised: statements nobody tests are where
// excess privilege hides. A statement is exercised when it decided at least
// one request the harness evaluated (an allow statement that allowed it, a
// deny statement that denied it, or an allow statement the boundary
// overrode), whether or not the expectation held.
type Coverage struct {
	// Subjects are the subjects covered: for a catalogue harness every role,
	// in catalogue order; for a snapshot harness the subjects assertions were
	// made on, roles then users, by name.
	Subjects []SubjectCoverage `json:"subjects"`
}

// SubjectCoverage is one subject's coverage.
type SubjectCoverage struct {
	// Kind is the kind of subject.
	Kind Kind `json:"kind"`
	// Name is the role or user name.
	Name string `json:"name"`
	// Statements is how many statements its policies and boundary have.
	Statements int `json:"statements"`
	// Exercised is how many of them decided some evaluated request.
	Exercised int `json:"exercised"`
	// Untested lists the others, in policy order.
	Untested []UntestedStatement `json:"untested,omitempty"`
	// Error says why the subject could not be evaluated, if it could not.
	Error string `json:"error,omitempty"`
}

// UntestedStatement is a statement no evaluated request exercised.
type UntestedStatement struct {
	// Statement names it (policy name and statement index).
	Statement policy.StatementRef `json:"statement"`
	// Action is the statement's action list, as written.
	Action []string `json:"action"`
	// Resource is the statement's resource list, as written.
	Resource []string `json:"resource,omitempty"`
	// Conditional reports that the statement has a condition.
	Conditional bool `json:"conditional,omitempty"`
}

// Coverage returns the harness's coverage so far. Call it after the
// assertions ran (for parallel subtests, after the parent test's subtests
// finished, e.g. in a t.Cleanup of the parent or in TestMain).
func (h *Harness) Coverage() Coverage {
	if h.src.coversAll() {
		for _, n := range h.src.names(KindRole) {
			h.entry(KindRole, n)
		}
	}
	h.mu.RLock()
	keys := append([]subjectKey(nil), h.order...)
	h.mu.RUnlock()
	if h.src.coversAll() {
		keys = catalogueOrder(keys, h.src.names(KindRole))
	} else {
		slices.SortFunc(keys, func(a, b subjectKey) int {
			return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.name, b.name))
		})
	}
	var out Coverage
	for _, k := range keys {
		e := h.entry(k.kind, k.name)
		c, err := e.resolve()
		if err != nil {
			continue // an unknown subject has no statements
		}
		sc := SubjectCoverage{Kind: k.kind, Name: k.name, Statements: len(c.covered)}
		if c.err != nil {
			sc.Error = c.err.Error()
		}
		for _, s := range c.docs {
			for i, st := range s.info.doc.Statement {
				if c.covered[s.first+i].Load() {
					sc.Exercised++
					continue
				}
				ref := policy.StatementRef{Boundary: s.boundary, Document: s.pos, Name: s.name, Statement: i, Effect: s.info.stmts[i].effect}
				sc.Untested = append(sc.Untested, UntestedStatement{Statement: ref,
					Action: st.Action, Resource: st.Resource, Conditional: len(st.Condition) > 0})
			}
		}
		out.Subjects = append(out.Subjects, sc)
	}
	return out
}

// catalogueOrder puts the catalogue's roles first, in catalogue order, then
// any other subject used.
func catalogueOrder(used []subjectKey, roles []string) []subjectKey {
	out := make([]subjectKey, 0, len(used))
	seen := map[subjectKey]bool{}
	for _, n := range roles {
		k := subjectKey{KindRole, n}
		out, seen[k] = append(out, k), true
	}
	for _, k := range used {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// Untested returns how many statements are untested in all.
func (c Coverage) Untested() int {
	n := 0
	for _, s := range c.Subjects {
		n += len(s.Untested)
	}
	return n
}

// String is the report ReportCoverage prints: one line per subject with its
// exercised and total statements, then one line per untested statement.
func (c Coverage) String() string {
	var b strings.Builder
	total, done := 0, 0
	for _, s := range c.Subjects {
		total += s.Statements
		done += s.Exercised
	}
	b.WriteString("testutil coverage: " + strconv.Itoa(done) + " of " + strconv.Itoa(total) +
		" statements exercised; " + strconv.Itoa(total-done) + " untested")
	for _, s := range c.Subjects {
		b.WriteString("\n  " + s.Kind.String() + " " + quote(s.Name) + ": " +
			strconv.Itoa(s.Exercised) + "/" + strconv.Itoa(s.Statements))
		if s.Error != "" {
			b.WriteString(" (cannot be evaluated: " + s.Error + ")")
		}
		for _, u := range s.Untested {
			b.WriteString("\n    untested: " + u.Statement.String() + " " + string(u.Statement.Effect) + " " +
				shortList(u.Action) + " on " + shortList(u.Resource))
			if u.Conditional {
				b.WriteString(" (with a condition)")
			}
		}
	}
	return b.String()
}

// WriteTo writes the report String returns, followed by a newline.
func (c Coverage) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, c.String()+"\n")
	return int64(n), err
}

// ReportCoverage logs the coverage report when t and its subtests finish
// (shown with go test -v, or when the test fails). To print it on every run,
// write h.Coverage() to os.Stdout after m.Run() in TestMain.
func (h *Harness) ReportCoverage(t testing.TB) {
	t.Helper()
	t.Cleanup(func() { t.Log(h.Coverage().String()) })
}

// RequireCoverage fails t, listing them, if any statement is untested.
// Call it after the assertions (for parallel subtests, in a t.Cleanup of
// the parent or after a t.Run group).
func (h *Harness) RequireCoverage(t testing.TB) bool {
	t.Helper()
	c := h.Coverage()
	if c.Untested() == 0 {
		return true
	}
	t.Errorf("testutil: %d statements are not exercised by any expectation; add expectations for them or remove them:\n%s",
		c.Untested(), c.String())
	return false
}
