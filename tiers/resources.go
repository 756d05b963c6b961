package tiers

import (
	"errors"
	"strings"

	"github.com/camkit/camkit/policy"
)

// everyName is the resource pattern "qcs:::::*": every six-segment name.
var everyName = policy.Resource{Path: "*"}

// schemePattern is one of a scheme's NonProductionResources, parsed for
// comparisons with the resources of statements.
type schemePattern struct {
	raw string
	// head is the pattern with the sixth segment "*": it holds the first
	// four segments, which policy.Resource.Covers compares as the evaluator
	// reads them.
	head policy.Resource
	path string // the sixth segment, read as Scheme.NonProductionResources says
}

// parseSchemePattern parses a NonProductionResources pattern. It returns a
// problem, in Validate's words (to follow the quoted pattern), for one that
// is not a six-segment name, uses a policy variable or covers every
// resource.
func parseSchemePattern(p string) (schemePattern, string) {
	r, err := policy.ParseResource(p)
	switch {
	case err != nil:
		var pe *policy.Error
		if errors.As(err, &pe) {
			return schemePattern{}, "is not a resource name pattern: " + pe.Message
		}
		return schemePattern{}, "is not a resource name pattern: " + err.Error()
	case r.All:
		return schemePattern{}, "would make every resource non-production"
	case strings.Contains(p, "${"):
		return schemePattern{}, "uses a policy variable, whose value comes from each request: name the resources themselves"
	}
	sp := schemePattern{raw: p, head: r, path: r.Path}
	sp.head.Path = "*"
	if sp.covers(&everyName) {
		return schemePattern{}, "would make every resource non-production"
	}
	return sp, ""
}

// schemePatterns returns the scheme's NonProductionResources that parse;
// Classify skips the rest (Validate reports them), so they confine nothing.
func (s *Scheme) schemePatterns() []schemePattern {
	var out []schemePattern
	for _, p := range s.NonProductionResources {
		if sp, problem := parseSchemePattern(p); problem == "" {
			out = append(out, sp)
		}
	}
	return out
}

// covers reports whether every resource the policy resource r can name
// matches the pattern p: the sixth segment by pathCovers, the first four as
// policy.Resource.Covers compares them.
func (p *schemePattern) covers(r *policy.Resource) bool {
	if r.All {
		return false
	}
	if !pathCovers(p.path, r.Path) {
		return false
	}
	head := *r
	head.Path = "*"
	return p.head.Covers(head)
}

// pathCovers reports whether the sixth segment a of a non-production pattern
// matches every sixth segment that b, the sixth segment of a statement's
// resource, can match. In a, a '*' that ends it matches any text and any
// other '*' any run of characters but '/'. In b, as CAM reads it, every '*'
// and policy variable matches any text. It is exact.
//
// a without its final '*'s is parts C0/C1/.../Ck: it matches a text whose
// first k parts between '/' are in C0...C(k-1) and whose next part is in Ck
// or, when a ends in '*', starts with a text in Ck. Every text b matches
// starts with lit, b's text before its first wildcard (all of b when it has
// none), of parts D0/.../Dj. Where lit has at least k '/', a covers b when
// the parts correspond: Ci matches Di, and Ck matches Dk or a start of it.
// Where it has fewer, b has a wildcard, which may stand for any text, so a
// must end in '*' and take whatever follows D0...D(j-1): Cj every text
// starting with Dj, the parts after it every text, Ck the empty one; and
// b's literal text must hold at least k '/', so that every text b matches
// reaches Ck.
func pathCovers(a, b string) bool {
	lit := b[:wildcardIndex(b)]
	head := strings.TrimRight(a, "*")
	open := len(head) < len(a) // a ends in '*'
	if !open && len(lit) < len(b) {
		return false
	}
	k := strings.Count(head, "/")
	at := 0 // where head's current part starts in a
	for {
		h, hrest, hmore := strings.Cut(head, "/")
		d, drest, dmore := strings.Cut(lit, "/")
		switch {
		case !hmore && open:
			// a[at:] is h and a's final '*'s: h matches a start of d.
			return policy.MatchPattern(a[at:], d)
		case !hmore:
			return !dmore && policy.MatchPattern(h, d)
		case !dmore:
			return open && len(lit) < len(b) && strings.HasSuffix(h, "*") && policy.MatchPattern(h, d) &&
				anyParts(hrest) && literalSlashes(b) >= k
		case !policy.MatchPattern(h, d):
			return false
		}
		head, lit, at = hrest, drest, at+len(h)+1
	}
}

// wildcardIndex returns the index of b's first '*' or policy variable, or
// len(b).
func wildcardIndex(b string) int {
	n := len(b)
	if i := strings.IndexByte(b, '*'); i >= 0 {
		n = i
	}
	if i := strings.Index(b[:n], "${"); i >= 0 {
		n = i
	}
	return n
}

// anyParts reports whether the parts of rest between '/' match every text
// as the parts of a non-production pattern: each is made of '*'s but the
// last, which is empty.
func anyParts(rest string) bool {
	for {
		part, more, ok := strings.Cut(rest, "/")
		if !ok {
			return part == ""
		}
		if part == "" || strings.Trim(part, "*") != "" {
			return false
		}
		rest = more
	}
}

// literalSlashes counts the '/' of b outside its policy variables.
func literalSlashes(b string) int {
	n := 0
	for {
		i := strings.Index(b, "${")
		if i < 0 {
			return n + strings.Count(b, "/")
		}
		n += strings.Count(b[:i], "/")
		end := strings.IndexByte(b[i:], '}')
		if end < 0 {
			return n
		}
		b = b[i+end+1:]
	}
}

// parsedResource is a statement's resource, parsed once for comparisons;
// ok is false for one that does not parse, which only a deny on "*" covers.
type parsedResource struct {
	raw string
	res policy.Resource
	ok  bool
}

// starOnly is the parsed form of the resource list ["*"], shared and never
// written to.
var starOnly = []parsedResource{{raw: "*", res: policy.Resource{All: true}, ok: true}}

// isStarOnly reports whether a statement's resources rs reach every resource
// by naming only "*", or none (a trust statement).
func isStarOnly(rs []string) bool { return len(rs) == 0 || len(rs) == 1 && rs[0] == "*" }

// parseResources appends the parsed resources rs to dst; see isStarOnly for
// an empty list.
func parseResources(dst []parsedResource, rs []string) []parsedResource {
	if len(rs) == 0 {
		return append(dst, starOnly[0])
	}
	for _, s := range rs {
		r, err := policy.ParseResource(s)
		dst = append(dst, parsedResource{raw: s, res: r, ok: err == nil})
	}
	return dst
}

// allResources is the parsed resource list ["*"], shared and never written
// to.
var allResources = []policy.Resource{{All: true}}

// denyResources returns the resources of a deny statement that parse: one
// that does not denies nothing.
func denyResources(rs []string) []policy.Resource {
	if isStarOnly(rs) {
		return allResources
	}
	out := make([]policy.Resource, 0, len(rs))
	for _, s := range rs {
		if r, err := policy.ParseResource(s); err == nil {
			out = append(out, r)
		}
	}
	return out
}

// resourceCovered reports whether one of a deny's resources matches every
// resource r can name.
func resourceCovered(denyRes []policy.Resource, r *parsedResource) bool {
	for i := range denyRes {
		if denyRes[i].All || (r.ok && denyRes[i].Covers(r.res)) {
			return true
		}
	}
	return false
}
