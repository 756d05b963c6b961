package testutil

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/camkit/camkit/roles"
)

// CatalogCases returns the documented intents of every role of c as Cases:
// each Can expected allowed, each Cannot expected denied, in catalogue order,
// with the intent's Why and a Source such as "Deploy-Prod Can[2]". Run them
// with [Harness.Matrix] or [Harness.Check], or use [VerifyCatalog].
func CatalogCases(c *roles.Catalog) []Case {
	if c == nil {
		return nil
	}
	var out []Case
	for _, d := range c.Roles() {
		add := func(list []roles.Intent, label string, expect Expect) {
			for i, in := range list {
				out = append(out, Case{
					Kind: KindRole, Subject: d.Name,
					Action: in.Request.Action, Resource: in.Request.Resource,
					Context: in.Request.Context, Principal: in.Request.Principal,
					Expect: expect, Why: in.Why,
					Source: d.Name + " " + label + "[" + strconv.Itoa(i) + "]",
				})
			}
		}
		add(d.Can, "Can", ExpectAllow)
		add(d.Cannot, "Cannot", ExpectDeny)
	}
	return out
}

// VerifyCatalog checks a whole catalogue through t: every role's documented
// Can is allowed and every Cannot denied (with the harness's typo check, so
// a misspelt Cannot fails instead of passing), and every role meets its tier
// (the tier violations [roles.Catalog.Validate] finds with tiers.Check, each
// reported on its own with the rule and what to change). It returns whether
// everything held. To keep the coverage of these checks, build the harness
// yourself and call [Harness.Verify].
func VerifyCatalog(t testing.TB, c *roles.Catalog) bool {
	t.Helper()
	h, err := FromCatalog(c)
	if err != nil {
		return fail(t, "testutil: VerifyCatalog: "+strings.TrimPrefix(err.Error(), "testutil: "))
	}
	return h.Verify(t)
}

// Verify is [VerifyCatalog] on the catalogue the harness was built from, so
// the statements the documented intents exercise count in
// [Harness.Coverage]. It fails for a snapshot harness.
func (h *Harness) Verify(t testing.TB) bool {
	t.Helper()
	src, ok := h.src.(*catalogSource)
	if !ok {
		return fail(t, "testutil: Verify: the harness was built from a "+h.src.label()+", not a catalogue; use FromCatalog")
	}
	ok = true
	for _, cs := range CatalogCases(src.c) {
		ok = h.Assert(t, cs) && ok
	}
	for _, v := range tierViolations(src.c.Validate()) {
		ok = fail(t, "testutil: VerifyCatalog: "+strings.TrimPrefix(v.Error(), "roles: ")) && ok
	}
	return ok
}

// tierViolations picks the tier errors out of a joined validation error.
func tierViolations(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, tierViolations(e)...)
		}
		return out
	}
	if errors.Is(err, roles.ErrTier) {
		return []error{err}
	}
	return nil
}
