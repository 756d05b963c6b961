package testutil

import (
	"strconv"
	"strings"

	"github.com/camkit/camkit/policy"
)

// describe is what a message says about the expectation.
type describe struct {
	kind             Kind
	subject          string
	action, resource string
	expect           Expect
	why, source      string
}

// failure turns a failed result into a Failure with its teaching message:
// expected against actual, the deciding statements, the near misses and why
// they missed, the evaluator's assumptions and the condition keys the request
// did not supply.
func (r result) failure(d describe, c Case) Failure {
	// Invalid closed-set values do not marshal; the message names them.
	if c.Kind != 0 && c.Kind != KindRole && c.Kind != KindUser {
		c.Kind = 0
	}
	if !c.Expect.Valid() {
		c.Expect = 0
	}
	f := Failure{Kind: r.kind, Case: c, Suggestion: r.suggestion, Missing: r.missing}
	if r.evaluated {
		out, dec := r.dec.Outcome(), r.dec
		f.Actual, f.Decision = &out, &dec
	}
	f.Message = r.message(d)
	return f
}

func (r result) message(d describe) string {
	var b strings.Builder
	head := d.kind.String() + " " + quote(d.subject) + ": " + d.action + " on " + d.resource
	if d.source != "" {
		head = d.source + ": " + head
	}
	b.WriteString(head)
	if !r.evaluated {
		b.WriteString("\n  " + r.problem)
		r.writeWhy(&b, d)
		return b.String()
	}
	b.WriteString("\n  expected: " + d.expect.phrase())
	b.WriteString("\n  actual:   " + r.actual())
	if r.kind == FailureMissingContext {
		b.WriteString(strictNote)
	}
	r.writeStatements(&b)
	r.writeNearMisses(&b)
	for _, a := range r.dec.Assumptions() {
		b.WriteString("\n  assumption: " + a.String())
	}
	if r.dec.AssumptionsTruncated() {
		b.WriteString("\n  assumption: and " + strconv.Itoa(r.dec.NumAssumptions()-len(r.dec.Assumptions())) + " more")
	}
	writeMissing(&b, r.missing)
	r.writeWhy(&b, d)
	return b.String()
}

// strictNote explains a FailureMissingContext.
const strictNote = "\n  the outcome is as expected, but the request lacks context that a statement able to change it reads" +
	" (StrictContext is on): supply the keys below, or expect the outcome they lead to"

// actual describes the outcome in words.
func (r result) actual() string {
	switch r.dec.Outcome() {
	case policy.OutcomeAllow:
		return "allowed"
	case policy.OutcomeExplicitDeny:
		return "denied explicitly"
	}
	if r.dec.BoundaryDenied() {
		return "denied implicitly: the identity policies allow it, but the permission boundary does not"
	}
	return "denied implicitly: no statement allows it"
}

func (r result) writeStatements(b *strings.Builder) {
	n := r.dec.NumStatements()
	if n == 0 {
		return
	}
	label := "decided by"
	if r.dec.BoundaryDenied() {
		label = "allowed by (but outside the boundary)"
	}
	for i := 0; i < n; i++ {
		ref := r.dec.Statement(i)
		b.WriteString("\n  " + label + ": " + ref.String() + " (" + string(ref.Effect) + ")")
		if r.c != nil {
			if st, ok := r.c.statement(ref); ok {
				b.WriteString(" " + statementSummary(st))
			}
		}
	}
	if r.dec.StatementsTruncated() {
		b.WriteString("\n  " + label + ": and more statements")
	}
}

func (r result) writeNearMisses(b *strings.Builder) {
	if r.dec.Outcome() != policy.OutcomeImplicitDeny {
		return
	}
	misses := r.dec.NearMisses()
	if len(misses) == 0 && !r.dec.BoundaryDenied() {
		b.WriteString("\n  near misses: none (no allow statement names this action)")
		return
	}
	for _, m := range misses {
		b.WriteString("\n  near miss: " + m.String())
	}
}

func (r result) writeWhy(b *strings.Builder, d describe) {
	if d.why != "" {
		b.WriteString("\n  why: " + d.why)
	}
}

// writeMissing prints one line per missing key, with the option that
// supplies it.
func writeMissing(b *strings.Builder, missing []MissingKey) {
	for _, m := range missing {
		b.WriteString("\n  warning: the request does not supply condition key " + m.String() + "; supply it with " + optionFor(m.Key))
	}
}

// optionFor names the option that supplies a context key.
func optionFor(key string) string {
	switch {
	case key == policy.KeyIP:
		return "testutil.WithIP(...)"
	case key == policy.KeyCurrentTime:
		return "testutil.At(...)"
	case key == policy.KeyResourceTag || strings.HasPrefix(key, policy.KeyResourceTag+"/"):
		return "testutil.WithResourceTag(key, value)"
	case key == policy.KeyRequestTag || strings.HasPrefix(key, policy.KeyRequestTag+"/"):
		return "testutil.WithRequestTag(key, value)"
	}
	return "testutil.WithContext(" + quote(key) + ", ...)"
}

// statementSummary shows what a statement grants, shortened.
func statementSummary(st policy.Statement) string {
	s := "[action " + shortList(st.Action) + " on " + shortList(st.Resource)
	if len(st.Condition) > 0 {
		s += " with a condition"
	}
	return s + "]"
}

func shortList(ss []string) string {
	if len(ss) == 0 {
		return "(none)"
	}
	if len(ss) <= 3 {
		return strings.Join(ss, ", ")
	}
	return strings.Join(ss[:3], ", ") + " and " + strconv.Itoa(len(ss)-3) + " more"
}

// warning is the line logged for a passing expectation whose request lacked
// keys a statement reads.
func warning(d describe, missing []MissingKey) string {
	var b strings.Builder
	b.WriteString("testutil: " + d.kind.String() + " " + quote(d.subject) + ": " + d.action + " on " + d.resource +
		" is " + d.expect.phrase() + " as expected, but the request lacks context that applying statements read:")
	writeMissing(&b, missing)
	return b.String()
}
