package roles

import (
	"slices"
	"strings"
	"sync"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/tiers"
)

// Catalog is a set of role definitions: the desired state of an account's
// roles. Build it with [NewCatalog] or [Standard]; check it with
// [Catalog.Validate]; plan it against an account with [Catalog.Plan].
//
// A Catalog is immutable: the With methods return changed copies, and
// [Catalog.Roles] and [Catalog.Role] return deep copies. It is safe for
// concurrent use. Each role's presets are resolved once, and its evaluator
// compiled once, on first use, and cached: [Catalog.Documents],
// [Catalog.Evaluator], [Catalog.Validate] and [Catalog.Plan] all see the same
// documents. A nil *Catalog reads as an empty one; its Validate, Plan,
// Documents and Evaluator return errors.
type Catalog struct {
	defs    []Definition
	byName  map[string]int
	conv    Convention
	presets PresetResolver
	check   []tiers.CheckOption
	errs    []error    // option errors of Standard, reported by Validate
	canon   [][]string // canonical text of each custom policy (by def, by policy); "" for presets
	bcanon  []string   // canonical text of each boundary; "" for none
	envs    []string   // the environment each role touches (see envOf)

	mu    sync.Mutex
	cache []roleCache // by definition index; allocated on first use
	valid bool        // Validate passed (see Catalog.Validate)
}

// NewCatalog returns a catalog of defs, in the order given. It rejects what
// would make the catalog ambiguous: an empty or repeated role name, a policy
// with both or neither of Document and Preset. Everything else (the naming
// convention, the documents, the tiers, the intents) is checked by
// [Catalog.Validate]. The definitions are copied.
func NewCatalog(defs ...Definition) (*Catalog, error) {
	c := &Catalog{byName: make(map[string]int, len(defs)), conv: DefaultConvention()}
	var errs []error
	for i, d := range defs {
		if d.Name == "" {
			errs = append(errs, invalidf("definition[%d]: Name is empty", i))
			continue
		}
		if j, dup := c.byName[d.Name]; dup {
			errs = append(errs, invalidf("definition[%d]: role %s is already defined by definition[%d]", i, msgtext.Name(d.Name), j))
			continue
		}
		for k, p := range d.Policies {
			if (p.Document == nil) == (p.Preset == "") {
				errs = append(errs, invalidf("role %s: policies[%d]: set exactly one of Document and Preset", msgtext.Name(d.Name), k))
			}
		}
		c.byName[d.Name] = len(c.defs)
		c.defs = append(c.defs, d.clone())
		texts := make([]string, len(d.Policies))
		for k, p := range d.Policies {
			if p.Document != nil {
				texts[k] = p.Document.Canonical()
			}
		}
		c.canon = append(c.canon, texts)
		b := ""
		if d.Boundary != nil {
			b = d.Boundary.Canonical()
		}
		c.bcanon = append(c.bcanon, b)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	c.envs = c.computeEnvs()
	return c, nil
}

// computeEnvs returns the environment of each role under c's convention.
func (c *Catalog) computeEnvs() []string {
	out := make([]string, len(c.defs))
	for i := range c.defs {
		out[i] = envOf(c.conv, c.defs[i].Name)
	}
	return out
}

// envOf is the environment a role name touches: its environment part in lower
// case, or "all" when it has none.
func envOf(conv Convention, name string) string {
	if n, err := conv.Parse(name); err == nil && n.Env != "" {
		return strings.ToLower(n.Env)
	}
	return "all"
}

// derive returns a copy of c with nothing resolved, compiled or validated
// yet (the copy may resolve presets or check tiers differently); a nil c
// gives an empty catalog.
func (c *Catalog) derive() *Catalog {
	if c == nil {
		return &Catalog{byName: map[string]int{}, conv: DefaultConvention()}
	}
	return &Catalog{defs: c.defs, byName: c.byName, conv: c.conv, presets: c.presets, check: slices.Clone(c.check), errs: c.errs,
		canon: c.canon, bcanon: c.bcanon, envs: c.envs}
}

// WithPresets returns a copy of c that resolves preset policies with r.
func (c *Catalog) WithPresets(r PresetResolver) *Catalog {
	out := c.derive()
	out.presets = r
	return out
}

// WithConvention returns a copy of c whose role names are checked against conv
// instead of [DefaultConvention].
func (c *Catalog) WithConvention(conv Convention) *Catalog {
	out := c.derive()
	out.conv = conv
	out.envs = out.computeEnvs()
	return out
}

// WithTierOptions returns a copy of c whose [Catalog.Validate] passes opts to
// tiers.Check (another environment scheme or other requirements).
func (c *Catalog) WithTierOptions(opts ...tiers.CheckOption) *Catalog {
	out := c.derive()
	out.check = append(out.check, opts...)
	return out
}

// Convention returns the catalog's naming convention.
func (c *Catalog) Convention() Convention {
	if c == nil {
		return DefaultConvention()
	}
	return c.conv
}

// Len returns the number of roles; a nil Catalog has none.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.defs)
}

// Roles returns copies of the definitions, in catalog order.
func (c *Catalog) Roles() []Definition {
	if c == nil {
		return nil
	}
	out := make([]Definition, len(c.defs))
	for i, d := range c.defs {
		out[i] = d.clone()
	}
	return out
}

// Role returns a copy of the definition named name.
func (c *Catalog) Role(name string) (Definition, bool) {
	if c == nil {
		return Definition{}, false
	}
	i, ok := c.byName[name]
	if !ok {
		return Definition{}, false
	}
	return c.defs[i].clone(), true
}

// def returns the catalog's own definition (not a copy).
func (c *Catalog) def(name string) (*Definition, bool) {
	if c == nil {
		return nil, false
	}
	i, ok := c.byName[name]
	if !ok {
		return nil, false
	}
	return &c.defs[i], true
}
