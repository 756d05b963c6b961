package testutil

import (
	"testing"

	"github.com/camkit/camkit/policy"
)

// Subject is one role or user of a [Harness], on which assertions are made:
//
//	h.Role("DevOps-Deploy-Prod").Allows(t, "cvm:RunInstances", res, testutil.WithIP("10.0.0.8"))
//
// Assertions report through t like testify's assert package: a failure calls
// t.Errorf with the explanation and the test goes on; the result says
// whether the expectation held. A request lacking condition keys that an
// applying statement reads is logged as a warning (t.Log; a failure with
// [StrictContext]).
type Subject struct {
	h    *Harness
	e    *entry
	kind Kind
	name string
}

// Name returns the subject's name.
func (s *Subject) Name() string { return s.name }

// Kind returns [KindRole] or [KindUser].
func (s *Subject) Kind() Kind { return s.kind }

// Allows asserts that the subject is allowed action on resource.
func (s *Subject) Allows(t testing.TB, action, resource string, opts ...Option) bool {
	t.Helper()
	return s.assert(t, action, resource, ExpectAllow, opts)
}

// Denies asserts that the subject is denied action on resource, implicitly
// (no statement allows it) or explicitly.
func (s *Subject) Denies(t testing.TB, action, resource string, opts ...Option) bool {
	t.Helper()
	return s.assert(t, action, resource, ExpectDeny, opts)
}

// DeniesExplicitly asserts that a deny statement denies the subject action on
// resource: the denial holds whatever other policies are attached later.
func (s *Subject) DeniesExplicitly(t testing.TB, action, resource string, opts ...Option) bool {
	t.Helper()
	return s.assert(t, action, resource, ExpectExplicitDeny, opts)
}

// Expect asserts the given outcome; Allows, Denies and DeniesExplicitly are
// Expect with a fixed outcome.
func (s *Subject) Expect(t testing.TB, expect Expect, action, resource string, opts ...Option) bool {
	t.Helper()
	return s.assert(t, action, resource, expect, opts)
}

func (s *Subject) assert(t testing.TB, action, resource string, expect Expect, opts []Option) bool {
	r := s.h.evaluate(s.e, action, resource, expect, opts)
	if r.kind == 0 && len(r.missing) == 0 {
		return true // the common case: no t.Helper bookkeeping
	}
	t.Helper()
	d := describe{kind: s.kind, subject: s.name, action: action, resource: resource, expect: expect}
	return report(t, r, d)
}

// report fails t for a failed result and logs the missing-context warning of
// a passing one.
func report(t testing.TB, r result, d describe) bool {
	if r.kind == 0 && len(r.missing) == 0 {
		return true
	}
	t.Helper()
	if r.kind != 0 {
		return fail(t, r.message(d))
	}
	t.Log(warning(d, r.missing))
	return true
}

// Decide evaluates action on resource for the subject without asserting
// anything. It fails, with a [Failure] as the error, for an unknown subject
// (matching [ErrUnknownSubject]), a subject whose policies do not compile,
// and an action (matching [ErrUnknownAction]) or resource the assertions
// would reject.
func (s *Subject) Decide(action, resource string, opts ...Option) (policy.Decision, error) {
	r := s.h.evaluate(s.e, action, resource, ExpectDeny, opts)
	if !r.evaluated {
		return policy.Decision{}, r.failure(describe{kind: s.kind, subject: s.name, action: action, resource: resource, expect: ExpectDeny}, Case{})
	}
	return r.dec, nil
}
