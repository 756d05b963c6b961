package testutil

import (
	"strings"

	"github.com/camkit/camkit/policy"
)

// Case is one expectation: a subject, a request and the outcome it must
// have. Matrices ([Harness.Matrix]), [Harness.Check] and expectation files
// ([LoadExpectations]) are lists of Cases.
type Case struct {
	// Kind is the kind of subject; zero means [KindRole].
	Kind Kind `json:"kind,omitempty"`
	// Subject is the role or user name.
	Subject string `json:"subject"`
	// Action is the API called, "service:ApiName".
	Action string `json:"action"`
	// Resource is the six-segment resource name, or "*" for an API that takes
	// only "*". It must not be empty.
	Resource string `json:"resource"`
	// Context holds condition keys and their values.
	Context map[string][]string `json:"context,omitempty"`
	// Principal optionally names the caller (see [AsPrincipal]).
	Principal string `json:"principal,omitempty"`
	// Expect is the outcome the request must have.
	Expect Expect `json:"expect,omitempty"`
	// Why says why the expectation holds; failures print it.
	Why string `json:"why,omitempty"`
	// Source is where the case was read from ("roles.yaml:12"), or "".
	Source string `json:"source,omitempty"`
	// Options are applied after Context (Go-built cases only).
	Options []Option `json:"-"`
}

// Name is the case's subtest name: "role/action/resource".
func (c Case) Name() string {
	return c.Subject + "/" + c.Action + "/" + c.Resource
}

func (c Case) kind() Kind {
	if c.Kind == 0 {
		return KindRole
	}
	return c.Kind
}

// result is the outcome of checking one expectation.
type result struct {
	kind       FailureKind // 0 when the expectation held
	c          *compiled
	dec        policy.Decision
	evaluated  bool
	missing    []MissingKey
	suggestion string
	problem    string // what is wrong, for failures other than outcome ones
}

// evaluate checks one expectation. It allocates nothing when the expectation
// holds, no option is given and no statement reads a missing key.
func (h *Harness) evaluate(e *entry, action, resource string, expect Expect, opts []Option) result {
	return h.evaluateWith(e, action, resource, nil, "", expect, opts)
}

// evaluateWith is evaluate with a context and principal given as data, as
// Cases carry them; opts apply after them.
func (h *Harness) evaluateWith(e *entry, action, resource string, ctx map[string][]string, principal string, expect Expect, opts []Option) result {
	if !expect.Valid() {
		return result{kind: FailureInvalidCase, problem: "the expectation has no valid expected outcome (want allow, deny or explicit_deny)"}
	}
	c, err := e.resolve()
	if err != nil {
		r := result{kind: FailureUnknownSubject, problem: strings.TrimPrefix(err.Error(), "testutil: ")}
		if u, ok := err.(*UnknownSubjectError); ok {
			r.suggestion = u.Suggestion
		}
		return r
	}
	if c.err != nil {
		return result{kind: FailureSubjectError, c: c, problem: c.err.Error()}
	}
	if p, ok := checkAction(action, h.cfg.known); !ok {
		return result{kind: p.kind, c: c, suggestion: p.suggestion, problem: p.msg}
	}
	if resource == "" {
		return result{kind: FailureInvalidCase, c: c,
			problem: "the expectation names no resource (use \"*\" for an API that takes only the resource \"*\")"}
	}
	full, p := buildWith(c.base, ctx, opts)
	if p != "" {
		principal = p
	}
	return h.decide(c, policy.Request{Action: action, Resource: resource, Context: full, Principal: principal}, expect)
}

// decide evaluates req for c and compares the outcome with expect.
func (h *Harness) decide(c *compiled, req policy.Request, expect Expect) result {
	r := result{c: c, evaluated: true}
	r.dec = c.eval.Evaluate(req) // a nil evaluator denies everything
	c.cover(r.dec)
	r.missing = c.missing(req, r.dec)
	switch {
	case !expect.met(r.dec.Outcome()):
		r.kind = FailureWrongOutcome
	case h.cfg.strict && len(r.missing) > 0:
		r.kind = FailureMissingContext
	}
	return r
}
