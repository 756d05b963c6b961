package tiers

import (
	"maps"
	"slices"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// Reading environment conditions. A statement's conditions are AND'd, so an
// allow is confined as soon as one condition clause (operator, key) confines
// it; a deny keeps off production only when every clause holds for every
// production resource.

// tagForm tells how a condition key names the environment tag.
type tagForm uint8

const (
	formOther tagForm = iota
	formTags          // qcs:resource_tag, values "key&value"
	formEnv           // qcs:resource_tag/<TagKey>, values "value"
)

func (s *Scheme) tagForm(key string) tagForm {
	if s.TagKey == "" {
		return formOther
	}
	if key == policy.KeyResourceTag {
		return formTags
	}
	if rest, ok := strings.CutPrefix(key, policy.KeyResourceTag+"/"); ok && rest == s.TagKey {
		return formEnv
	}
	return formOther
}

// clause is one (operator, key, values) of a condition block.
type clause struct {
	op     policy.Operator
	key    string
	values []policy.Value
	form   tagForm
}

func (c *clause) like() bool {
	return c.op.Op == policy.OpStringLike || c.op.Op == policy.OpStringNotLike
}

func (c *clause) fold() bool {
	return c.op.Op == policy.OpStringEqualIgnoreCase || c.op.Op == policy.OpStringNotEqualIgnoreCase
}

func (c *clause) stringOp() (positive, negated bool) {
	switch c.op.Op {
	case policy.OpStringEqual, policy.OpStringEqualIgnoreCase, policy.OpStringLike:
		return true, false
	case policy.OpStringNotEqual, policy.OpStringNotEqualIgnoreCase, policy.OpStringNotLike:
		return false, true
	}
	return false, false
}

// candidate is the context value a resource with environment value v has
// under the clause's key.
func (s *Scheme) candidate(c *clause, v string) string {
	if c.form == formTags {
		return s.TagKey + "&" + v
	}
	return v
}

// admits reports whether the policy value pv can match the context value cv.
func (c *clause) admits(pv, cv string) bool {
	if c.like() {
		return policy.MatchPattern(pv, cv)
	}
	if c.fold() {
		return strings.EqualFold(pv, cv)
	}
	return pv == cv
}

// envOnly reports whether policy value pv can match only values of the
// environment tag, and returns the value part.
func (s *Scheme) envOnly(c *clause, pv string) (string, bool) {
	if c.form == formEnv {
		return pv, true
	}
	k, v, ok := strings.Cut(pv, "&")
	if !ok || k != s.TagKey || c.fold() || (c.like() && strings.Contains(k, "*")) {
		return "", false
	}
	return v, true
}

// anyAdmitsProduction reports whether some policy value of c can match a
// production resource's tag.
func (s *Scheme) anyAdmitsProduction(c *clause) bool {
	for _, pv := range c.values {
		for _, p := range s.ProductionValues {
			if c.admits(pv.Text, s.candidate(c, p)) {
				return true
			}
		}
	}
	return false
}

// everyProductionAdmitted reports whether every production value is matched
// by some policy value of c.
func (s *Scheme) everyProductionAdmitted(c *clause) bool {
	if len(s.ProductionValues) == 0 {
		return false
	}
	for _, p := range s.ProductionValues {
		cv := s.candidate(c, p)
		if !slices.ContainsFunc(c.values, func(pv policy.Value) bool { return c.admits(pv.Text, cv) }) {
			return false
		}
	}
	return true
}

// exactNonProduction reports whether every policy value of c is exactly one
// of the non-production values (no wildcard, no case folding).
func (s *Scheme) exactNonProduction(c *clause) bool {
	if len(c.values) == 0 || c.fold() {
		return false
	}
	for _, pv := range c.values {
		v, ok := s.envOnly(c, pv.Text)
		if !ok || (c.like() && strings.Contains(v, "*")) || !slices.Contains(s.NonProductionValues, v) {
			return false
		}
	}
	return true
}

// allowConfines reports whether an allow statement carrying clause c reaches
// no production resource, and says how.
func (s *Scheme) allowConfines(c *clause) bool {
	if c.form == formOther || len(c.values) == 0 {
		return false
	}
	if c.op.Op == policy.OpNullEqual {
		return !s.Strict && len(c.values) == 1 && strings.EqualFold(c.values[0].Text, "true")
	}
	positive, negated := c.stringOp()
	switch {
	case s.Strict:
		return positive && !c.op.IfExist && c.op.Qualifier != policy.QualifierForAllValue && s.exactNonProduction(c)
	case positive && c.op.Qualifier == policy.QualifierForAllValue:
		// Every tag of the resource must be listed: confined when no
		// listed value is a production tag.
		return !s.anyAdmitsProduction(c)
	case positive:
		// Some tag of the resource must be listed: confined when every
		// listed value is a non-production environment value.
		for _, pv := range c.values {
			if _, ok := s.envOnly(c, pv.Text); !ok {
				return false
			}
		}
		return !s.anyAdmitsProduction(c)
	case negated && c.op.Qualifier != policy.QualifierForAnyValue:
		// No tag of the resource may be listed: confined when every
		// production value is listed.
		return s.everyProductionAdmitted(c)
	}
	return false
}

// denyCoversProduction reports whether a deny statement's clause c holds for
// every production resource (so the deny applies to all of them).
func (s *Scheme) denyCoversProduction(c *clause) bool {
	if c.form == formOther || len(c.values) == 0 {
		return false
	}
	positive, negated := c.stringOp()
	if s.Strict {
		// Production is everything not tagged non-production, untagged
		// resources included: only "env is none of <non-production
		// values>, or absent" holds for all of it.
		return negated && c.op.IfExist && c.op.Qualifier != policy.QualifierForAnyValue && s.exactNonProduction(c)
	}
	switch {
	case c.op.Op == policy.OpNullEqual:
		return len(c.values) == 1 && strings.EqualFold(c.values[0].Text, "false")
	case positive && c.op.Qualifier != policy.QualifierForAllValue:
		return s.everyProductionAdmitted(c)
	case negated && c.op.Qualifier != policy.QualifierForAnyValue:
		for _, pv := range c.values {
			if _, ok := s.envOnly(c, pv.Text); !ok {
				return false
			}
		}
		return !s.anyAdmitsProduction(c)
	}
	return false
}

// regionConfines reports whether c limits a request to non-production
// regions: a positive string operator, without _if_exist, on a region key
// (cvm:region, vpc:region, ...) whose values are all non-production regions.
func (s *Scheme) regionConfines(c *clause) bool {
	if len(s.NonProductionRegions) == 0 || !strings.HasSuffix(c.key, ":region") || c.op.IfExist ||
		c.op.Qualifier == policy.QualifierForAllValue || len(c.values) == 0 {
		return false
	}
	positive, _ := c.stringOp()
	if !positive {
		return false
	}
	for _, v := range c.values {
		if c.like() && strings.Contains(v.Text, "*") {
			return false
		}
		ok := slices.ContainsFunc(s.NonProductionRegions, func(r string) bool {
			if c.fold() {
				return strings.EqualFold(r, v.Text)
			}
			return r == v.Text
		})
		if !ok {
			return false
		}
	}
	return true
}

// clauses lists a condition block's clauses in a stable order.
func (s *Scheme) clauses(cond policy.Condition) []clause {
	if len(cond) == 0 {
		return nil
	}
	var out []clause
	for _, name := range slices.Sorted(maps.Keys(cond)) {
		// An operator that does not parse stays as a clause that neither
		// confines an allow nor lets a deny cover production.
		op, err := policy.ParseOperator(name)
		if err != nil {
			op = policy.Operator{}
		}
		for _, k := range slices.Sorted(maps.Keys(cond[name])) {
			form := s.tagForm(k)
			if op.Op == policy.OpInvalid {
				form = formOther
			}
			out = append(out, clause{op: op, key: k, values: cond[name][k], form: form})
		}
	}
	return out
}

// describe writes a clause as "operator key [values]" for messages.
func (c *clause) describe() string {
	var b strings.Builder
	b.WriteString(c.op.String())
	b.WriteByte(' ')
	b.WriteString(msgtext.Text(c.key))
	b.WriteString(" [")
	for i, v := range c.values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(msgtext.Text(v.Text))
	}
	b.WriteByte(']')
	return b.String()
}
