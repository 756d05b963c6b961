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
// Coverage lists the statements of the roles' custom policies and
// boundaries; the statements of preset policies are decided but not listed,
// since roles does not hand out the preset documents it resolves.
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
	d, ok := src.c.Role(name)
	if !ok {
		return nil, unknownSubject(src, kind, name, "")
	}
	identity := make([]policy.Named, len(d.Policies))
	for i, p := range d.Policies {
		// A preset keeps its place (nil document) so that statement
		// references by position still line up with the evaluator's.
		identity[i] = policy.Named{Name: d.PolicyName(i), Doc: p.Document}
	}
	var boundary []policy.Named
	if d.Boundary != nil {
		boundary = []policy.Named{{Name: d.BoundaryName(), Doc: d.Boundary}}
	}
	c := newCompiled(KindRole, name, identity, boundary, nil, docs)
	c.eval, c.err = src.c.Evaluator(name)
	return c, nil
}

func (src *catalogSource) trust(role string, docs *docCache) (*compiled, string, error) {
	return nil, "", errors.New("a catalogue harness has no users to assume roles; build the harness with FromSnapshot")
}
