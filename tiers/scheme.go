package tiers

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// Default environment tag and values of [DefaultScheme].
const (
	// DefaultTagKey is the resource tag that names a resource's environment.
	DefaultTagKey = "env"
)

// DefaultProductionValues returns the values of the environment tag that mark
// a production resource in [DefaultScheme]: "prod" and "production".
func DefaultProductionValues() []string { return []string{"prod", "production"} }

// DefaultNonProductionValues returns the values of the environment tag that
// mark a non-production resource in [DefaultScheme]: "dev", "test",
// "staging" and "qa".
func DefaultNonProductionValues() []string { return []string{"dev", "test", "staging", "qa"} }

// Scheme tells production resources from non-production (dev, test, staging)
// ones, so that [Scheme.Classify] can decide whether a write is confined to
// non-production resources (tier 2) or can reach production (tier 3).
//
// A write is confined when its statement, or the deny statements around it,
// keep it away from every production resource:
//
//   - by resource: every resource the statement names matches one of
//     NonProductionResources, or lies in one of NonProductionRegions;
//   - by region condition: a positive string condition on a region key
//     (cvm:region, vpc:region, ...) whose values are all NonProductionRegions;
//   - by tag: a condition on the resource tag TagKey (written
//     qcs:resource_tag with values "env&dev", or qcs:resource_tag/env with
//     values "dev") that no production resource satisfies, for an action of a
//     product that supports authorisation by tag (see TagAuthorization). For a
//     product without it CAM cannot see the tag, so the condition confines
//     nothing.
//
// Which resources count as production: by default (Strict false) a resource
// is production exactly when its TagKey tag has one of ProductionValues, so a
// condition "env is dev", "env is not prod or production", "no env tag" or a
// deny "where env is prod or production" all keep writes off production.
// Untagged resources are then non-production: tag every production resource.
// With Strict, a resource is non-production only when its tag has one of
// NonProductionValues; untagged resources and other values count as
// production, and only a positive condition naming non-production values
// (without _if_exist) confines.
//
// Tag values are compared exactly, as CAM compares them ("Prod" is not
// "prod"): list every spelling the account uses. An _ignore_case operator
// matches every casing, and is read that way, including the tag key in
// "key&value" values.
//
// A Scheme marshals to JSON for configuration files (TagAuthorization is
// left out). The zero Scheme has no tag key and no patterns, so it confines
// nothing: every write is tier 3. Build one from [DefaultScheme].
type Scheme struct {
	// TagKey is the resource tag that names the environment, "env" by default.
	TagKey string `json:"tagKey"`
	// ProductionValues are the TagKey values of production resources.
	ProductionValues []string `json:"productionValues,omitempty"`
	// NonProductionValues are the TagKey values of non-production resources.
	// They decide only in Strict mode, and in [Scheme.NonProductionCondition].
	NonProductionValues []string `json:"nonProductionValues,omitempty"`
	// Strict counts untagged resources (and unlisted values) as production.
	Strict bool `json:"strict,omitempty"`
	// NonProductionResources are patterns of six-segment resource names
	// (qcs:project:service:region:account:resource) that hold only
	// non-production resources, e.g. "qcs::cos:*:*:*-dev-*/*" for the
	// objects of buckets named like app-dev-1250000000, or
	// "qcs::cvm:*:*:instance/ins-dev*".
	//
	// A pattern is read segment by segment, as the evaluator reads a
	// policy's resource (docs/semantics.md §3): an empty project, service,
	// region or account means "all", and a '*' in one of them matches
	// within that segment only. The sixth segment is read more narrowly
	// than CAM reads it in a policy: a '*' that ends the pattern matches any
	// text, but any other '*' only a run of characters without '/'. So
	// "*-dev-*/*" names the objects of buckets whose names hold "-dev-",
	// and not "prod-bucket/x-dev-y/z", which CAM's reading would match. A
	// pattern never counts more resources as non-production than CAM's
	// reading of its text would.
	//
	// A statement's resource is covered when every resource it can name
	// matches a pattern; a policy variable in it may stand for any text. A
	// pattern that does not parse (policy.ParseResource), or uses a policy
	// variable, confines nothing; Validate reports it.
	NonProductionResources []string `json:"nonProductionResources,omitempty"`
	// NonProductionRegions are regions that hold only non-production
	// resources, e.g. "ap-singapore" for an account that deploys production
	// elsewhere. A resource whose region segment is one of them, or a region
	// condition limited to them, confines a write.
	NonProductionRegions []string `json:"nonProductionRegions,omitempty"`
	// TagAuthorization reports whether a product (the service prefix of an
	// action, e.g. "cvm") supports authorisation by tag. Nil means the
	// catalogue's answer: policy.ServiceTagAuthorization(service) is
	// policy.TagSupported. A product whose support is unknown does not.
	TagAuthorization func(service string) bool `json:"-"`
}

// DefaultScheme returns the scheme of the IAM guide: the resource tag "env",
// with "prod" and "production" for production and "dev", "test", "staging"
// and "qa" for the rest; not strict; no resource patterns or regions; tag
// support from the catalogue.
func DefaultScheme() Scheme {
	return Scheme{
		TagKey:              DefaultTagKey,
		ProductionValues:    DefaultProductionValues(),
		NonProductionValues: DefaultNonProductionValues(),
	}
}

// Validate reports every problem with the scheme at once: an empty or
// malformed tag key, no production values (outside Strict mode), empty
// values, a value listed as both production and non-production, resource
// patterns that are not six-segment resource names (as
// policy.ParseResource reads them) or use a policy variable, and patterns
// or regions that would cover everything. Each problem names the field and
// index concerned.
func (s Scheme) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("tiers: scheme: "+format, args...))
	}
	if s.TagKey == "" && (len(s.ProductionValues) > 0 || len(s.NonProductionValues) > 0) {
		bad("TagKey is empty but tag values are set")
	}
	if s.TagKey != "" && !s.Strict && len(s.ProductionValues) == 0 {
		bad("ProductionValues is empty: no tagged resource would count as production, so every tag condition would confine")
	}
	if strings.ContainsAny(s.TagKey, "&*") {
		bad("TagKey %q must not contain '&' or '*'", s.TagKey)
	}
	for i, v := range s.ProductionValues {
		if v == "" {
			bad("ProductionValues[%d] is empty", i)
		} else if slices.Contains(s.NonProductionValues, v) {
			bad("ProductionValues[%d] %q is also a non-production value", i, v)
		}
	}
	for i, v := range s.NonProductionValues {
		if v == "" {
			bad("NonProductionValues[%d] is empty", i)
		}
	}
	for i, p := range s.NonProductionResources {
		if _, problem := parseSchemePattern(p); problem != "" {
			bad("NonProductionResources[%d] %q %s", i, p, problem)
		}
	}
	for i, r := range s.NonProductionRegions {
		if r == "" || strings.Contains(r, "*") {
			bad("NonProductionRegions[%d] %q must be a region name without '*'", i, r)
		}
	}
	return errors.Join(errs...)
}

// NonProductionCondition returns a condition for the policy builder that
// confines a statement to resources tagged with one of the scheme's
// non-production values: for_any_value:string_equal on qcs:resource_tag with
// "env&dev", "env&test", ... (policy.ResourceTagEqual). A scheme without a
// tag key or non-production values gives the zero Cond, which
// policy.Document.Validate rejects.
func (s Scheme) NonProductionCondition() policy.Cond {
	return s.tagCondition(s.NonProductionValues)
}

// ProductionCondition returns a condition that matches resources tagged with
// one of the scheme's production values, for a production role's allows or
// for a deny that keeps a role off production. A scheme without a tag key or
// production values gives the zero Cond.
func (s Scheme) ProductionCondition() policy.Cond {
	return s.tagCondition(s.ProductionValues)
}

func (s Scheme) tagCondition(values []string) policy.Cond {
	if s.TagKey == "" || len(values) == 0 {
		return policy.Cond{}
	}
	return policy.ResourceTagEqual(s.TagKey, values...)
}

// tagSupported reports whether CAM authorises the service by tag under s.
func (s *Scheme) tagSupported(service string) bool {
	if s.TagAuthorization != nil {
		return s.TagAuthorization(service)
	}
	return policy.ServiceTagAuthorization(service) == policy.TagSupported
}

// resourceNonProduction reports whether every resource the statement's
// resource r can name is non-production under the scheme's patterns and
// regions, and says how.
func (c *classifier) resourceNonProduction(r *parsedResource) (bool, string) {
	if !r.ok || r.res.All {
		return false, ""
	}
	for i := range c.patterns {
		if p := &c.patterns[i]; p.covers(&r.res) {
			return true, "resource " + msgtext.Text(r.raw) + " matches the non-production pattern " + msgtext.Text(p.raw)
		}
	}
	if reg := r.res.Region; reg != "" && !strings.ContainsAny(reg, "*$") && slices.Contains(c.s.NonProductionRegions, reg) {
		return true, "resource " + msgtext.Text(r.raw) + " is in the non-production region " + reg
	}
	return false, ""
}
