package tiers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// NamedDocument is a policy document with the name reasons should use for it
// (normally the CAM policy name).
type NamedDocument struct {
	// Name names the document in reasons and violations.
	Name string
	// Document is the policy; nil documents are skipped.
	Document *policy.Document
}

// Classify classifies documents with [DefaultScheme]; see [Scheme.Classify].
func Classify(docs ...*policy.Document) Classification {
	s := DefaultScheme()
	return s.Classify(docs...)
}

// Classify returns the lowest tier that can hold the allows of docs taken
// together (as the policies attached to one role), with the reasons.
//
// Each action of each allow statement needs:
//   - tier 4 ([BreakGlass]) for "*" or "*:*" on resource "*", for
//     permission management (policy.AccessPermissionsManagement) and for
//     APIs that issue credentials (policy.IssuesCredentials);
//   - tier 3 ([Production]) for a write or tag change that can reach a
//     production resource, which includes every write the statement does not
//     scope (resource "*" and no environment condition);
//   - tier 2 ([DevTest]) for a write or tag change confined to
//     non-production resources (see [Scheme] for what confines);
//   - tier 1 ([ReadOnly]) for reads and lists.
//
// A pattern's level is the highest level of any API it can match
// (policy.Action.AccessLevel): "cvm:Describe*" is a read, "cvm:*" a write,
// "cos:*" permission management (bucket policies). Tag changes count as
// writes because changing a resource's environment tag can move it into a
// scope a tier-2 role may write.
//
// Deny statements never raise the tier. They may lower it: a deny with no
// condition that covers an allow's resources removes the APIs it names (a
// pattern covered entirely needs no tier at all; otherwise its level is
// recomputed from the catalogued APIs that remain), and a deny whose
// conditions hold for every production resource (for example string_equal
// qcs:resource_tag ["env&prod", "env&production"]) confines the writes it
// covers to non-production resources, for products that support
// authorisation by tag. A deny's action patterns are matched against the
// catalogue's spelling of each API, case-sensitively, as docs/semantics.md §2
// and §5.7 require of deny statements; when a deny does not name a wildcard allow
// literally, the catalogue is taken as the complete list of the APIs the
// allow matches.
//
// Statements with a principal element (trust policies) grant their holder
// nothing and are skipped; so are statements whose effect is a mis-cased
// "deny", which CAM rejects. Any other effect is read as allow. An action
// that does not parse is a [CauseUnreadable] reason at tier 4: validate
// documents first. Classify never fails and never panics; nil documents are
// skipped. It is safe for concurrent use.
//
// Weighing deny statements against allows compares pairs, so its work is
// capped ([MaxDenyWork] comparisons per call, far above what documents
// within CAM's limits need). Past the cap the remaining allows are
// classified without the denies, which can only overstate the tier, never
// understate it: [Classification.Incomplete] is then true and each reason
// concerned says so.
func (s Scheme) Classify(docs ...*policy.Document) Classification {
	named := make([]NamedDocument, len(docs))
	for i, d := range docs {
		named[i] = NamedDocument{Document: d}
	}
	return s.ClassifyNamed(named...)
}

// ClassifyNamed is [Scheme.Classify] for documents with names, which the
// reasons then use.
func (s Scheme) ClassifyNamed(docs ...NamedDocument) Classification {
	c := classifier{s: &s, budget: MaxDenyWork, patterns: s.schemePatterns()}
	c.collectDenies(docs)
	out := Classification{Tier: ReadOnly}
	// Room for a reason (and its message) per action that may need one, so
	// that appending never copies: reads and lists never do.
	n, size := 0, 0
	for _, nd := range docs {
		if nd.Document == nil {
			continue
		}
		for i := range nd.Document.Statement {
			st := &nd.Document.Statement[i]
			if st.Principal != nil || strings.EqualFold(string(st.Effect), "deny") {
				continue
			}
			for _, raw := range st.Action {
				if info := infoFor(raw); info.err != "" || info.all || writeLevel(info.level) {
					n++
					size += messageRoom + len(raw) + max(len(nd.Name), len("document[999]"))
				}
			}
		}
	}
	out.Reasons = make([]Reason, 0, n)
	c.ends = make([]int, 0, n)
	c.msgs.Grow(size)
	for di := range docs {
		d := docs[di].Document
		if d == nil {
			continue
		}
		name, label := documentName(docs[di].Name, di), documentLabel(docs[di].Name, di)
		for si := range d.Statement {
			st := &d.Statement[si]
			if st.Principal != nil || st.Effect == policy.EffectDeny || strings.EqualFold(string(st.Effect), "deny") {
				continue
			}
			c.allow(&out, name, label, di, si, st)
		}
	}
	// The messages were written one after another into c.msgs.
	text, start := c.msgs.String(), 0
	for i := range out.Reasons {
		out.Reasons[i].Message = text[start:c.ends[i]]
		start = c.ends[i]
		out.Tier = max(out.Tier, out.Reasons[i].Tier)
	}
	out.Incomplete = c.skipped
	if len(out.Reasons) == 0 {
		out.Reasons = nil
	}
	return out
}

// documentLabel is documentName as messages print it (see show).
func documentLabel(name string, i int) string {
	if name != "" {
		return msgtext.Name(name)
	}
	return documentName(name, i)
}

func documentName(name string, i int) string {
	if name != "" {
		return name
	}
	return "document[" + strconv.Itoa(i) + "]"
}

// messageRoom is the room a reason's message takes besides its policy name
// and action, enough for most: the tag condition that confines a write is
// the longest part.
const messageRoom = 200

// MaxDenyWork caps the comparisons of deny statements with allowed actions
// and resources that one classification makes (see [Scheme.Classify]).
const MaxDenyWork = 1 << 21

// classifier holds one Classify call's state.
type classifier struct {
	s *Scheme
	// patterns are the scheme's NonProductionResources that parse.
	patterns []schemePattern
	denies   []denyInfo
	// res holds the resources of the statement resOf, parsed (see
	// resources).
	res   []parsedResource
	resOf *policy.Statement
	// budget is how many deny comparisons are left; skipped is set once
	// some denies were not weighed because it ran out.
	budget  int
	skipped bool
	// denyResources counts the resources of all denies, the cost of
	// matching one allowed resource against them.
	denyResources int
	// msgs holds the reasons' messages one after another, ends the end of
	// each in it: one buffer instead of an allocation per message.
	msgs strings.Builder
	ends []int
}

// spend takes n comparisons from the budget, or reports false (and marks the
// classification incomplete) when not enough are left.
func (c *classifier) spend(n int) bool {
	if n <= c.budget {
		c.budget -= n
		return true
	}
	c.skipped = true
	return false
}

// denyInfo is a deny statement that may lower a tier.
type denyInfo struct {
	actions   []string          // as written, without the "name/" prefix
	resources []policy.Resource // those that parse
	// always is true for a deny without conditions; prodOnly for one whose
	// every condition holds for every production resource.
	always, prodOnly bool
}

func (c *classifier) collectDenies(docs []NamedDocument) {
	for _, nd := range docs {
		if nd.Document == nil {
			continue
		}
		for i := range nd.Document.Statement {
			st := &nd.Document.Statement[i]
			if st.Effect != policy.EffectDeny || st.Principal != nil {
				continue
			}
			if len(st.Resource) == 0 {
				continue // CAM requires a resource; a deny without one decides nothing
			}
			var d denyInfo
			if len(st.Condition) == 0 {
				d.always = true
			} else {
				d.prodOnly = true
				for _, cl := range c.s.clauses(st.Condition) {
					if !c.s.denyCoversProduction(&cl) {
						d.prodOnly = false
						break
					}
				}
				if !d.prodOnly {
					continue
				}
			}
			for _, a := range st.Action {
				d.actions = append(d.actions, strings.TrimPrefix(a, "name/"))
			}
			d.resources = denyResources(st.Resource)
			c.denies = append(c.denies, d)
			c.denyResources += len(d.resources)
		}
	}
}

// statementScope is what an allow statement's resources and conditions say
// about environments.
type statementScope struct {
	resources  string // how the resources confine, "" if they do not
	region     string // how a region condition confines, "" if none does
	tag        string // how a tag condition confines, "" if none does
	envCond    string // the first environment-tag condition, confining or not
	starOnStar bool   // resource "*" (or none) is listed
}

func (c *classifier) scope(st *policy.Statement) statementScope {
	var sc statementScope
	sc.starOnStar = len(st.Resource) == 0 || slices.Contains(st.Resource, "*")
	if !sc.starOnStar && (len(c.patterns) > 0 || len(c.s.NonProductionRegions) > 0) {
		sc.resources = c.resourcesConfined(st)
	}
	for _, cl := range c.s.clauses(st.Condition) {
		if sc.region == "" && c.s.regionConfines(&cl) {
			sc.region = "the region condition " + cl.describe()
		}
		if sc.tag == "" && c.s.allowConfines(&cl) {
			sc.tag = "the tag condition " + cl.describe()
			if sc.envCond == "" {
				sc.envCond = sc.tag
			}
		}
		if sc.envCond == "" && cl.form != formOther {
			sc.envCond = "the tag condition " + cl.describe()
		}
	}
	return sc
}

// resourcesConfined says how every resource st names is non-production, or
// returns "" if one may be production.
func (c *classifier) resourcesConfined(st *policy.Statement) string {
	how := ""
	for i, r := range c.resources(st) {
		ok, h := c.resourceNonProduction(&r)
		switch {
		case !ok:
			return ""
		case i == 0:
			how = h
		default:
			how = "every resource is non-production (" + how + "; ...)"
		}
	}
	return how
}

// resources returns the resources of st parsed ("*" when it names none),
// parsing them once for the statement classified.
func (c *classifier) resources(st *policy.Statement) []parsedResource {
	if isStarOnly(st.Resource) {
		return starOnly
	}
	if c.resOf != st {
		c.res, c.resOf = parseResources(c.res[:0], st.Resource), st
	}
	return c.res
}

// applicableDenies returns the denies that cover every resource of st.
func (c *classifier) applicableDenies(st *policy.Statement) []*denyInfo {
	if len(c.denies) == 0 {
		return nil
	}
	res := c.resources(st)
	if !c.spend(c.denyResources * len(res)) {
		return nil
	}
	var out []*denyInfo
	for i := range c.denies {
		d := &c.denies[i]
		covered := true
		for k := range res {
			if !resourceCovered(d.resources, &res[k]) {
				covered = false
				break
			}
		}
		if covered {
			out = append(out, d)
		}
	}
	return out
}

// actionCovered reports whether one of the deny patterns names every API the
// allow pattern (as written) can match, comparing case-sensitively
// (policy.MatchPattern on two patterns tests that).
func actionCovered(denyActions []string, allow string) bool {
	allow = strings.TrimPrefix(allow, "name/")
	if allow == "*" {
		allow = "*:*"
	}
	for _, d := range denyActions {
		if d == "*" || policy.MatchPattern(d, allow) {
			return true
		}
	}
	return false
}

// memberDenied reports whether a deny pattern names the catalogued API.
func memberDenied(denyActions []string, name string) bool {
	for _, d := range denyActions {
		if d == "*" || policy.MatchPattern(d, name) {
			return true
		}
	}
	return false
}
