package roles

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// Validate checks the whole catalog and reports every problem at once
// (errors.Join), each naming the role and what to change:
//
//   - role names are unique and follow the catalog's [Convention];
//   - the tier is valid, the purpose fits CAM's 300-byte description, the
//     session is at most 12 hours, tag keys and values fit CAM's limits, and
//     the role has 1 to 200 policies;
//   - every custom policy, the trust policy and the boundary pass
//     policy.Document.Validate; CAM policy names are valid and unique across
//     the catalog, and a role lists each preset once; every preset resolves
//     ([Catalog.WithPresets]);
//   - the role meets its tier (tiers.Check: the policies fit the declared tier
//     and the tier's requirements on sessions, conditions, alerting and
//     holders hold; errors match [ErrTier]);
//   - every Can intent is allowed and every Cannot intent denied by the role's
//     own policies within its boundary (errors are *[IntentError]s with the
//     evaluator's explanation, matching [ErrIntent]).
//
// Holders' MFA and time-limited grants are properties of assignments, not of
// definitions: [Catalog.Plan] checks them against the account.
//
// Validate judges the documents the catalog resolved and compiled for each
// role (see [Catalog.Documents]), so once it passes it passes for good: a
// catalog remembers that and later calls, including the one [Catalog.Plan]
// makes, return nil at once. A failing catalog is checked again on each call.
func (c *Catalog) Validate() error {
	if c == nil {
		return invalidf("the catalog is nil; build one with NewCatalog or Standard")
	}
	c.mu.Lock()
	valid := c.valid
	c.mu.Unlock()
	if valid {
		return nil
	}
	errs := slices.Clone(c.errs)
	policyOwner := map[string]string{}
	for i := range c.defs {
		d := &c.defs[i]
		errs = append(errs, c.validateShape(d, policyOwner)...)
		if e, err := c.evaluator(i); err != nil {
			errs = append(errs, err)
		} else {
			errs = append(errs, checkIntents(d, e)...)
		}
		if d.Tier.Valid() {
			errs = append(errs, c.checkTier(d)...)
		}
	}
	if len(errs) > 0 {
		return joinErrors(errs)
	}
	c.mu.Lock()
	c.valid = true
	c.mu.Unlock()
	return nil
}

// validateShape checks one definition's fields (everything but intents and
// tiers). policyOwner maps CAM policy names to the role that defines them.
func (c *Catalog) validateShape(d *Definition, policyOwner map[string]string) []error {
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, invalidf("role %s: "+format, append([]any{msgtext.Name(d.Name)}, args...)...))
	}
	// addEach adds one error per problem of a policy error (Validate joins
	// them), each under where.
	addEach := func(where string, err error) {
		for _, line := range strings.Split(err.Error(), "\n") {
			add("%s: %s", where, strings.TrimPrefix(line, "policy: "))
		}
	}
	if err := c.conv.Validate(d.Name); err != nil {
		errs = append(errs, err)
	}
	if !d.Tier.Valid() {
		add("Tier %v is not a tier; declare ReadOnly, DevTest, Production or BreakGlass", d.Tier)
	}
	if d.Purpose == "" {
		add("Purpose is empty; say in a sentence what the role is for")
	} else if err := policy.ValidateDescription(d.Purpose); err != nil {
		add("Purpose: %v", trimPolicy(err))
	}
	if d.SessionDuration < 0 || d.SessionDuration > MaxSessionDuration {
		add("SessionDuration %v is outside 0 to %v", d.SessionDuration, MaxSessionDuration)
	} else if d.SessionDuration%1e9 != 0 {
		add("SessionDuration %v is not a whole number of seconds", d.SessionDuration)
	}
	if len(d.Policies) == 0 {
		add("has no policies")
	} else if len(d.Policies) > maxRolePolicies {
		add("has %d policies; CAM attaches at most %d to a role: merge some", len(d.Policies), maxRolePolicies)
	}
	first := make(map[string]int, len(d.Policies)) // the role's CAM policy names
	for i, p := range d.Policies {
		name := d.PolicyName(i)
		if j, dup := first[name]; !dup {
			first[name] = i
		} else if p.Preset != "" || d.Policies[j].Preset != "" { // two custom ones are claim's
			add("policies[%d]: policy %s is already policies[%d]; a role holds each policy once", i, msgtext.Name(name), j)
		}
		if p.Preset != "" {
			continue // resolution is reported by the evaluator
		}
		if err := policy.ValidatePolicyName(name); err != nil {
			add("policies[%d]: %v", i, trimPolicy(err))
		}
		claim(policyOwner, name, d.Name, add)
		if p.Document != nil {
			if err := p.Document.Validate(); err != nil {
				addEach(fmt.Sprintf("policies[%d] (%s)", i, msgtext.Name(name)), err)
			}
		}
	}
	if d.Boundary != nil {
		claim(policyOwner, d.BoundaryName(), d.Name, add)
		if err := d.Boundary.Validate(); err != nil {
			addEach("Boundary", err)
		}
	}
	if d.Trust != nil {
		if err := d.Trust.Validate(); err != nil {
			addEach("Trust", err)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(d.Tags)) {
		switch {
		case k == ManagedTagKey || k == TierTagKey:
			add("Tags: key %q is camkit's own; choose another key", k)
		case k == "" || len([]rune(k)) > 127:
			add("Tags: key %q must have 1 to 127 characters", k)
		case len([]rune(d.Tags[k])) > 255:
			add("Tags: value of %q has more than 255 characters", k)
		}
	}
	if len(d.Tags)+2 > maxRoleTags {
		add("Tags: %d tags and camkit's two exceed CAM's %d per role", len(d.Tags), maxRoleTags)
	}
	return errs
}

// maxRoleTags is how many tags CAM allows on a role.
const maxRoleTags = 50

// maxRolePolicies is how many policies CAM attaches to one role.
const maxRolePolicies = 200

func claim(owner map[string]string, name, role string, add func(string, ...any)) {
	if prev, ok := owner[name]; ok && prev != role {
		add("policy name %q is already used by role %s; CAM policy names are unique in an account", msgtext.Clip(name), msgtext.Name(prev))
		return
	} else if ok {
		add("policy name %q is used twice", msgtext.Clip(name))
		return
	}
	owner[name] = role
}

// checkIntents evaluates the role's Can and Cannot intents.
func checkIntents(d *Definition, e *policy.Evaluator) []error {
	var errs []error
	for i, in := range d.Can {
		if dec := e.Evaluate(in.Request); !dec.Allowed() {
			errs = append(errs, &IntentError{Role: d.Name, Kind: "can", Index: i, Intent: in, Decision: dec.String()})
		}
	}
	for i, in := range d.Cannot {
		if dec := e.Evaluate(in.Request); dec.Allowed() {
			errs = append(errs, &IntentError{Role: d.Name, Kind: "cannot", Index: i, Intent: in, Decision: dec.String()})
		}
	}
	return errs
}

// checkTier runs tiers.Check on the definition (without holders, which
// belong to assignments).
func (c *Catalog) checkTier(d *Definition) []error {
	r, err := c.tierRole(d, nil)
	if err != nil {
		return nil // the unresolved preset is reported by the evaluator
	}
	var errs []error
	for _, v := range tiers.Check(r, c.check...) {
		if !v.Advisory {
			errs = append(errs, tierError(v))
		}
	}
	return errs
}

// Advisories returns the recommendations of the roles' tiers that the
// catalog does not follow (tiers.Check's advisory violations, such as an IP
// condition on production writes), which [Catalog.Validate] does not count as
// errors. Roles whose presets cannot be resolved are skipped.
func (c *Catalog) Advisories() []tiers.Violation {
	if c == nil {
		return nil
	}
	var out []tiers.Violation
	for i := range c.defs {
		r, err := c.tierRole(&c.defs[i], nil)
		if err != nil || !r.Tier.Valid() {
			continue
		}
		for _, v := range tiers.Check(r, c.check...) {
			if v.Advisory {
				out = append(out, v)
			}
		}
	}
	return out
}

// tierRole describes d, a definition of c, to package tiers, with the given
// holders.
func (c *Catalog) tierRole(d *Definition, holders []tiers.Holder) (tiers.Role, error) {
	rd, err := c.resolved(c.byName[d.Name])
	if err != nil {
		return tiers.Role{}, err
	}
	named := make([]tiers.NamedDocument, len(rd.Policies))
	for i, n := range rd.Policies {
		named[i] = tiers.NamedDocument{Name: n.Name, Document: n.Doc}
	}
	return tiers.Role{
		Name: d.Name, Tier: d.Tier, Policies: named, Boundary: d.Boundary, Trust: d.Trust,
		SessionDuration: d.SessionDuration, Holders: holders, AuditAlerting: d.AuditAlerting,
	}, nil
}

func tierError(v tiers.Violation) error {
	return &wrapped{sentinel: ErrTier, msg: fmt.Sprintf("roles: role %s: %s: %s", msgtext.Name(v.Role), v.Rule, v.Message)}
}

// trimPolicy returns err's message without the "policy: " prefix, so it can
// be placed under a roles path.
func trimPolicy(err error) string {
	s := err.Error()
	if len(s) > 8 && s[:8] == "policy: " {
		return s[8:]
	}
	return s
}
