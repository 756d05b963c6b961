package testutil

import (
	"errors"
	"fmt"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
)

// FromCatalog returns a harness over a role catalogue: each role's policies
// (presets resolved by the catalogue) within its boundary, as defined, decided
// by [roles.Catalog.Evaluator]. Every role is compiled here, once, so a role
// whose policies do not compile or whose preset cannot be resolved is an error
// naming it (all such roles at once). A catalogue has no users: h.User fails
// every assertion.
//
// Coverage lists the statements of every document a role holds, as
// [roles.Catalog.Documents] gives them: its custom policies, the preset
// policies the catalogue resolves, and its boundary.
func FromCatalog(c *roles.Catalog, opts ...HarnessOption) (*Harness, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: FromCatalog: the catalogue is nil", ErrInvalidHarness)
	}
	h, err := newHarness(&catalogSource{c: c}, opts)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, d := range c.Roles() {
		cc, err := h.entry(KindRole, d.Name).resolve()
		if err == nil && cc.err != nil {
			err = cc.err
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("testutil: FromCatalog: role %s: %w", d.Name, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return h, nil
}

type catalogSource struct {
	c *roles.Catalog
}

func (src *catalogSource) label() string { return "catalogue" }

func (src *catalogSource) coversAll() bool { return true }

func (src *catalogSource) names(kind Kind) []string {
	if kind != KindRole {
		return nil
	}
	defs := src.c.Roles()
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.Name
	}
	return out
}

func (src *catalogSource) compile(kind Kind, name string, docs *docCache) (*compiled, error) {
	if kind == KindUser {
		return nil, unknownSubject(src, kind, name, "a catalogue has roles only; build the harness with FromSnapshot to test users")
	}
	if _, ok := src.c.Role(name); !ok {
		return nil, unknownSubject(src, kind, name, "")
	}
	// The documents the role's evaluator was compiled from, in its order and
	// under its names, so that decisions' statement references find them.
	rd, err := src.c.Documents(name)
	var boundary []policy.Named
	if rd.Boundary != nil {
		boundary = []policy.Named{*rd.Boundary}
	}
	c := newCompiled(KindRole, name, rd.Policies, boundary, nil, docs)
	if err != nil {
		c.err = err // a preset that cannot be resolved: the role has no documents
		return c, nil
	}
	c.eval, c.err = src.c.Evaluator(name)
	return c, nil
}

func (src *catalogSource) trust(role string, docs *docCache) (*compiled, string, error) {
	return nil, "", errors.New("a catalogue harness has no users to assume roles; build the harness with FromSnapshot")
}
