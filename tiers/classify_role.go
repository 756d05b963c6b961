package tiers

import "github.com/camkit/camkit/policy"

// ClassifyRole classifies what a role can do: its policies, limited by its
// permission boundary.
//
// Without a boundary it is [Scheme.ClassifyNamed] of the policies. With one,
// the role holds only what both allow, and a deny in either applies to
// everything, so the tier is the lower of two classifications: the policies
// with the boundary's denies, and the boundary (named "boundary") with the
// policies' denies. When the boundary gives the lower tier, its reasons are
// the role's: the boundary is what holds the role down. The trust policy
// grants the role nothing and is not classified.
func (s Scheme) ClassifyRole(r Role) Classification {
	c, _ := s.classifyRole(r)
	return c
}

// BoundaryName is the policy name reasons and violations use for a role's
// permission boundary.
const BoundaryName = "boundary"

// classifyRole returns the classification and the documents its reasons'
// Document indexes refer to.
func (s Scheme) classifyRole(r Role) (Classification, []NamedDocument) {
	docs := make([]NamedDocument, 0, len(r.Policies)+1)
	docs = append(docs, r.Policies...)
	if r.Boundary == nil {
		return s.ClassifyNamed(docs...), docs
	}
	if d := denyOnly(r.Boundary); d != nil {
		docs = append(docs, NamedDocument{Name: BoundaryName, Document: d})
	}
	withPolicies := s.ClassifyNamed(docs...)
	bdocs := []NamedDocument{{Name: BoundaryName, Document: r.Boundary}}
	for _, p := range r.Policies {
		if d := denyOnly(p.Document); d != nil {
			bdocs = append(bdocs, NamedDocument{Name: p.Name, Document: d})
		}
	}
	withBoundary := s.ClassifyNamed(bdocs...)
	if withBoundary.Tier < withPolicies.Tier {
		return withBoundary, bdocs
	}
	return withPolicies, docs
}

// denyOnly returns a document with only d's deny statements, or nil if it
// has none.
func denyOnly(d *policy.Document) *policy.Document {
	if d == nil {
		return nil
	}
	var out *policy.Document
	for _, st := range d.Statement {
		if st.Effect == policy.EffectDeny && st.Principal == nil {
			if out == nil {
				out = &policy.Document{Version: d.Version}
			}
			out.Statement = append(out.Statement, st)
		}
	}
	return out
}
