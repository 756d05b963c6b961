package roles

import (
	"fmt"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// RoleDocuments are the policy documents of one role of a catalog, resolved:
// what a session of the role holds, as [Catalog.Evaluator] compiles it.
type RoleDocuments struct {
	// Policies are the role's policies in definition order (Policies[i] is
	// the definition's Policies[i]), each named by its CAM policy name
	// ([Definition.PolicyName]): a custom policy's document as defined, a
	// preset's as the catalog's resolver ([Catalog.WithPresets]) gives it.
	Policies []policy.Named
	// Boundary is the role's permission boundary, named by its CAM policy
	// name ([Definition.BoundaryName]), or nil when the role has none.
	Boundary *policy.Named
}

// Documents returns the named role's policy documents with its presets
// resolved: the documents [Catalog.Evaluator] compiles, in the same order
// and under the same names, so the policy.StatementRef of any decision of
// the role's evaluator (by Name, or by Document index) points into
// Policies, or into Boundary for a boundary statement. Tools that report on
// a role's statements, such as a coverage report, read them here.
//
// A role's presets are resolved once per catalog, on first use by
// Documents, Evaluator, Validate or Plan, and shared by all of them. The
// documents returned are copies.
//
// It fails, matching [ErrUnknownPreset], when the catalog's resolver gives
// no document for one of the role's presets (the error names each of them),
// and, matching [ErrInvalid], for a nil catalog or a role it does not hold.
func (c *Catalog) Documents(name string) (RoleDocuments, error) {
	i, err := c.index(name)
	if err != nil {
		return RoleDocuments{}, err
	}
	rd, err := c.resolved(i)
	if err != nil {
		return RoleDocuments{}, err
	}
	out := RoleDocuments{Policies: make([]policy.Named, len(rd.Policies))}
	for k, n := range rd.Policies {
		out.Policies[k] = policy.Named{Name: n.Name, Doc: n.Doc.Clone()}
	}
	if rd.Boundary != nil {
		out.Boundary = &policy.Named{Name: rd.Boundary.Name, Doc: rd.Boundary.Doc.Clone()}
	}
	return out, nil
}

// Evaluator returns an evaluator over the role's own policies (presets
// resolved) within its boundary: what a session of the role may do. It is
// compiled from the role's [Catalog.Documents] on first use and cached.
func (c *Catalog) Evaluator(name string) (*policy.Evaluator, error) {
	i, err := c.index(name)
	if err != nil {
		return nil, err
	}
	return c.evaluator(i)
}

// roleCache is what a catalog has worked out about one of its roles; each
// field is set once, on first success, and never changed.
type roleCache struct {
	docs *RoleDocuments    // the role's documents, presets resolved
	eval *policy.Evaluator // compiled from docs
}

// index returns the definition index of the named role.
func (c *Catalog) index(name string) (int, error) {
	if c == nil {
		return 0, invalidf("the catalog is nil; build one with NewCatalog or Standard")
	}
	i, ok := c.byName[name]
	if !ok {
		return 0, invalidf("role %q is not in the catalog", msgtext.Clip(name))
	}
	return i, nil
}

// cached returns the i-th role's value in the field of its cache entry that
// field points to, computing it with compute on first use. compute runs
// without the lock, so roles resolve and compile in parallel; of concurrent
// computations of one value, the first stored wins. Errors are not cached.
func cached[T comparable](c *Catalog, i int, field func(*roleCache) *T, compute func() (T, error)) (T, error) {
	c.mu.Lock()
	v := *field(c.slot(i))
	c.mu.Unlock()
	var zero T
	if v != zero {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return zero, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p := field(c.slot(i))
	if *p == zero {
		*p = v
	}
	return *p, nil
}

// slot returns the i-th role's cache entry; c.mu must be held.
func (c *Catalog) slot(i int) *roleCache {
	if c.cache == nil {
		c.cache = make([]roleCache, len(c.defs))
	}
	return &c.cache[i]
}

// resolved returns the i-th role's documents, resolving its presets on first
// use. They are the catalog's own: callers must neither change nor hand
// them out.
func (c *Catalog) resolved(i int) (*RoleDocuments, error) {
	return cached(c, i, func(r *roleCache) **RoleDocuments { return &r.docs },
		func() (*RoleDocuments, error) { return c.resolve(&c.defs[i]) })
}

// resolve returns d's documents, named by their CAM names, with presets
// resolved through the catalog's resolver; it names every preset that does
// not resolve.
func (c *Catalog) resolve(d *Definition) (*RoleDocuments, error) {
	rd := &RoleDocuments{Policies: make([]policy.Named, 0, len(d.Policies))}
	var errs []error
	for i, p := range d.Policies {
		doc := p.Document
		if p.Preset != "" {
			pre, ok := Preset{}, false
			if c.presets != nil {
				pre, ok = c.presets(p.Preset)
			}
			if !ok || pre.Document == nil {
				errs = append(errs, &wrapped{sentinel: ErrUnknownPreset, msg: fmt.Sprintf(
					"roles: role %s: policies[%d]: preset policy %q cannot be resolved; give its document with Catalog.WithPresets", msgtext.Name(d.Name), i, p.Preset)})
				continue
			}
			doc = pre.Document.Clone() // the catalog's own, whatever the resolver's owner does
		}
		rd.Policies = append(rd.Policies, policy.Named{Name: d.PolicyName(i), Doc: doc})
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	if d.Boundary != nil {
		rd.Boundary = &policy.Named{Name: d.BoundaryName(), Doc: d.Boundary}
	}
	return rd, nil
}

// evaluator returns the i-th role's evaluator, compiling it from its
// resolved documents on first use.
func (c *Catalog) evaluator(i int) (*policy.Evaluator, error) {
	return cached(c, i, func(r *roleCache) **policy.Evaluator { return &r.eval }, func() (*policy.Evaluator, error) {
		rd, err := c.resolved(i)
		if err != nil {
			return nil, err
		}
		return compileRole(c.defs[i].Name, rd)
	})
}

// compileRole compiles a role's documents, its boundary included.
func compileRole(role string, rd *RoleDocuments) (*policy.Evaluator, error) {
	e, err := policy.CompileNamed(rd.Policies...)
	if err != nil {
		return nil, &wrapped{sentinel: ErrInvalid, cause: err, msg: eachLine("roles: role "+msgtext.Name(role)+": compiling its policies: ", err)}
	}
	if rd.Boundary != nil {
		e, err = e.WithNamedBoundary(*rd.Boundary)
		if err != nil {
			return nil, &wrapped{sentinel: ErrInvalid, cause: err, msg: eachLine("roles: role "+msgtext.Name(role)+": compiling its boundary: ", err)}
		}
	}
	return e, nil
}
