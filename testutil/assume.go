package testutil

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// assumeAction is the API a role is assumed with.
const assumeAction = "sts:AssumeRole"

// CanAssume asserts that the user may assume role (docs/semantics.md §6): the
// role's trust policy lets the user in, and the user's own policies (within
// its boundary) allow sts:AssumeRole on the role. Both are decided for the
// request {sts:AssumeRole, the role's ARN, principal: the user's ARN} with
// the user's context and opts (use At for a time-limited grant). It fails
// for a role subject: only users assume roles.
func (s *Subject) CanAssume(t testing.TB, role string, opts ...Option) bool {
	t.Helper()
	return s.assume(t, role, true, opts)
}

// CannotAssume asserts that the user may not assume role: the trust policy
// or the user's own policies deny it.
func (s *Subject) CannotAssume(t testing.TB, role string, opts ...Option) bool {
	t.Helper()
	return s.assume(t, role, false, opts)
}

func (s *Subject) assume(t testing.TB, role string, want bool, opts []Option) bool {
	t.Helper()
	head := s.kind.String() + " " + quote(s.name) + ": assume role " + quote(role)
	if s.kind != KindUser {
		return fail(t, head+"\n  only a user assumes a role; use h.User(name).CanAssume")
	}
	c, err := s.e.resolve()
	if err != nil {
		return fail(t, head+"\n  "+strings.TrimPrefix(err.Error(), "testutil: "))
	}
	if c.err != nil {
		return fail(t, head+"\n  "+c.err.Error())
	}
	trust, arn, err := s.h.src.trust(role, &s.h.docs)
	if err != nil {
		return fail(t, head+"\n  "+strings.TrimPrefix(err.Error(), "testutil: "))
	}
	ctx, principal := build(c.base, opts)
	if principal == "" {
		principal = c.principal
	}
	req := policy.Request{Action: assumeAction, Resource: arn, Context: ctx, Principal: principal}
	tdec := trust.eval.Evaluate(req)
	expect := ExpectAllow
	if !want {
		expect = ExpectDeny
	}
	ident := s.h.decide(c, req, ExpectAllow)
	can := tdec.Allowed() && ident.dec.Allowed()
	missing := append(trust.missing(req, tdec), ident.missing...)
	if can == want && !(s.h.cfg.strict && len(missing) > 0) {
		if len(missing) > 0 {
			t.Log(warning(describe{kind: s.kind, subject: s.name, action: assumeAction, resource: arn, expect: expect}, missing))
		}
		return true
	}
	var b strings.Builder
	b.WriteString(head + " (" + assumeAction + " on " + arn + " as " + principal + ")")
	if want {
		b.WriteString("\n  expected: can assume the role")
	} else {
		b.WriteString("\n  expected: cannot assume the role")
	}
	switch {
	case can:
		b.WriteString("\n  actual:   can: the trust policy lets the user in and the user's policies allow " + assumeAction)
	case !tdec.Allowed() && !ident.dec.Allowed():
		b.WriteString("\n  actual:   cannot: neither the role's trust policy nor the user's policies allow it")
	case !tdec.Allowed():
		b.WriteString("\n  actual:   cannot: the role's trust policy does not let the user in")
	default:
		b.WriteString("\n  actual:   cannot: the user's policies do not allow " + assumeAction + " on the role")
	}
	if can == want {
		b.WriteString(strictNote)
	}
	b.WriteString("\n  trust policy: " + tdec.String())
	b.WriteString("\n  user's policies: " + ident.dec.String())
	writeMissing(&b, missing)
	return fail(t, b.String())
}
