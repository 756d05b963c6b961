package policy

import (
	"errors"
	"fmt"
	"strings"
)

// Evaluator decides requests against a compiled set of identity policies and,
// optionally, a permission boundary. Build one with [Compile] or
// [CompileNamed]; add a boundary with [Evaluator.WithBoundary].
//
// An Evaluator is immutable: it copies what it needs from the documents, so
// changing a document afterwards does not change its decisions, and it is safe
// for concurrent use by any number of goroutines.
type Evaluator struct {
	identity *policySet
	boundary *policySet // nil without a permission boundary
}

// Named is a policy document with the name decisions use for it, typically
// the CAM policy name ("DevOps-Deploy").
type Named struct {
	// Name identifies the document in decisions and errors.
	Name string
	// Doc is the document itself.
	Doc *Document
}

// policySet is one compiled group of documents: the identity policies or the
// permission boundary.
type policySet struct {
	boundary bool
	names    []string // document names, "" when unnamed
	stmts    []cStatement
	index    stmtIndex
}

// cStatement is a compiled statement.
type cStatement struct {
	doc, idx    int32 // document index and statement index within it
	deny        bool
	actions     []cAction
	anyResource bool // a trust statement without a resource element
	// resAll is set when every request resource matches: a resource is "*",
	// or anyResource.
	resAll    bool
	resources []cResource
	principal *Principal // nil when the statement has none
	conds     []cCond
	// quick holds the actions' quick tests when every action has one
	// (see quickAction): cStatement.match tries them before matchAction.
	quick []quickAction
}

// quickAction is the quick test of a "svc:Text*" action with a service of at
// most eight bytes and ASCII text: a request name can match only when its
// packed lead agrees under mask, and matches exactly when the service's
// packed bytes and length and the name's exact first bytes agree too, and
// the name goes on with rest (the text past its first eight bytes).
type quickAction struct {
	lead, mask, exact, svcKey uint64
	svcLen                    int
	rest                      string
}

// cAction is a compiled action pattern.
type cAction struct {
	raw    string
	all    bool // "*" or "*:*"
	anySvc bool // service part "*"
	permid bool // never matches an API name
	svc    string
	name   pattern
	// lead holds the first (up to eight) characters of the API-name pattern
	// before any '*', ASCII-lowercased and packed as by packLead, when they
	// are ASCII; leadMask covers them (0 when there are none). A request
	// name, even ignoring case, can only match when its packed lead agrees.
	lead, leadMask uint64
	// svcKey is svc packed by packBytes when it has at most eight bytes
	// (svcShort): a request service of the same length is the same exactly
	// when its packed bytes are equal.
	svcKey   uint64
	svcShort bool
	// prefixLead is set for a "text*" API-name pattern whose text is one to
	// eight ASCII bytes other than NUL; exact holds them packed by packBytes
	// (leadMask covers them). A request name then starts with the text
	// exactly when its packed first bytes agree under leadMask.
	prefixLead bool
	exact      uint64
}

// cResource is a compiled resource pattern: All, or the five segments after
// "qcs:" as patterns, an empty one meaning "all".
type cResource struct {
	raw string
	all bool
	seg [5]pattern
	// head is "qcs:<project>:<service>:<region>:<account>:" when those four
	// segments are literal: a request starting with it matches them exactly.
	// headDecides is set when a request not starting with it cannot match
	// them either, unless (with an empty project) its project is not empty.
	head        string
	headDecides bool
	// headPrefix is head followed by the resource path's text when the path
	// is of the form "text*": a request starting with it matches.
	headPrefix string
}

// segmentNames names the segments of cResource.seg and reqParts.segment.
var segmentNames = [5]string{"project", "service", "region", "account", "resource path"}

// Compile compiles identity policies (the policies attached to a user directly
// and through groups, or to a role) into an [Evaluator]. Documents are
// numbered by position ("document[1] statement[0]") in decisions; use
// [CompileNamed] to name them.
//
// Compile rejects anything whose meaning would be ambiguous: an effect other
// than "allow" or "deny", an unparseable action, resource, operator or
// condition value, an unknown policy variable, a statement without actions, an
// access statement without resources, a principal element naming nobody, and
// a nil document. The error is an *[Error] whose path names the document:
// "policy: document[1]: statement[0].condition.ip_equal["qcs:ip"][0]: ...".
// Compile does not apply CAM's length or count limits; see [Document.Validate].
func Compile(docs ...*Document) (*Evaluator, error) {
	return CompileNamed(namedDocs(docs)...)
}

// CompileNamed is [Compile] for named documents: decisions and errors refer to
// a document by its name ("policy \"DevOps-Deploy\" statement[2]").
func CompileNamed(docs ...Named) (*Evaluator, error) {
	set, err := compileSet(docs, false)
	if err != nil {
		return nil, err
	}
	return &Evaluator{identity: set}, nil
}

// WithBoundary returns a new evaluator that also applies the permission
// boundary made of docs (docs/semantics.md §5.4). A boundary never grants: a
// request is allowed only if the identity policies allow it and the boundary
// allows it, and an explicit deny in either denies. An entity has at most one
// boundary, so the boundary replaces any e already had; several documents
// form one boundary. e itself is not changed. Errors are as for [Compile],
// with paths starting "boundary[i]".
func (e *Evaluator) WithBoundary(docs ...*Document) (*Evaluator, error) {
	return e.WithNamedBoundary(namedDocs(docs)...)
}

// WithNamedBoundary is [Evaluator.WithBoundary] for named documents.
func (e *Evaluator) WithNamedBoundary(docs ...Named) (*Evaluator, error) {
	if e == nil {
		return nil, &Error{Message: "WithBoundary called on a nil *Evaluator"}
	}
	if len(docs) == 0 {
		return nil, &Error{Message: "WithBoundary needs at least one boundary document"}
	}
	set, err := compileSet(docs, true)
	if err != nil {
		return nil, err
	}
	return &Evaluator{identity: e.identity, boundary: set}, nil
}

// HasBoundary reports whether e applies a permission boundary.
func (e *Evaluator) HasBoundary() bool { return e != nil && e.boundary != nil }

func namedDocs(docs []*Document) []Named {
	out := make([]Named, len(docs))
	for i, d := range docs {
		out[i] = Named{Doc: d}
	}
	return out
}

// docPrefix is the start of an error path for document i.
func docPrefix(boundary bool, i int, name string) string {
	p := "document"
	if boundary {
		p = "boundary"
	}
	p = pathIndex(p, i)
	if name != "" {
		p += " " + quote(name)
	}
	return p
}

func compileSet(docs []Named, boundary bool) (*policySet, error) {
	set := &policySet{boundary: boundary, names: make([]string, len(docs))}
	var errs []error
	for i, nd := range docs {
		set.names[i] = nd.Name
		prefix := docPrefix(boundary, i, nd.Name)
		if nd.Doc == nil {
			errs = append(errs, &Error{Path: prefix, Message: "nil document"})
			continue
		}
		for j := range nd.Doc.Statement {
			cs, err := compileStatement(&nd.Doc.Statement[j], StatementPath(j))
			if err != nil {
				var pe *Error
				if errors.As(err, &pe) {
					err = &Error{Path: prefix + ": " + pe.Path, Message: pe.Message}
				}
				errs = append(errs, err)
				continue
			}
			cs.doc, cs.idx = int32(i), int32(j)
			set.stmts = append(set.stmts, cs)
		}
	}
	if len(errs) > 0 {
		return nil, joinLimited(errs)
	}
	set.index = buildIndex(set.stmts)
	return set, nil
}

func compileStatement(s *Statement, path string) (cStatement, error) {
	var cs cStatement
	if msg := effectProblem(s.Effect); msg != "" {
		return cs, errorf(pathField(path, "effect"), "%s", msg)
	}
	cs.deny = s.Effect == EffectDeny
	switch {
	case s.Action == nil:
		return cs, errorf(pathField(path, "action"), "%s", msgActionMissing)
	case len(s.Action) == 0:
		return cs, errorf(pathField(path, "action"), "%s", msgActionEmpty)
	}
	for i, a := range s.Action {
		ca, err := compileAction(a)
		if err != nil {
			return cs, errorf(pathIndex(pathField(path, "action"), i), "%s", errorMessage(err))
		}
		cs.actions = append(cs.actions, ca)
	}
	cs.quick = quickActions(cs.actions)
	if s.Principal != nil {
		if s.Principal.Empty() {
			return cs, errorf(pathField(path, "principal"), "%s", msgPrincipalNobody)
		}
		p := *s.Principal
		p.QCS, p.Service, p.Federated = cloneStrings(p.QCS), cloneStrings(p.Service), cloneStrings(p.Federated)
		cs.principal = &p
	}
	if len(s.Resource) == 0 {
		if cs.principal == nil {
			msg := msgResourceMissing
			if s.Resource != nil {
				msg = msgResourceEmpty
			}
			return cs, errorf(pathField(path, "resource"), "%s", msg)
		}
		cs.anyResource = true
	}
	for i, r := range s.Resource {
		cr, err := compileResource(r)
		if err != nil {
			return cs, errorf(pathIndex(pathField(path, "resource"), i), "%s", errorMessage(err))
		}
		cs.resources = append(cs.resources, cr)
		cs.resAll = cs.resAll || cr.all
	}
	cs.resAll = cs.resAll || cs.anyResource
	conds, err := compileConditions(s.Condition, pathField(path, "condition"))
	if err != nil {
		return cs, err
	}
	cs.conds = conds
	return cs, nil
}

// quickActions returns the quick tests of actions, or nil unless every action
// has one.
func quickActions(actions []cAction) []quickAction {
	out := make([]quickAction, 0, len(actions))
	for k := range actions {
		a := &actions[k]
		q := quickAction{lead: a.lead, mask: a.leadMask, exact: a.exact, svcKey: a.svcKey, svcLen: len(a.svc)}
		switch text := a.name.prefix; {
		case a.prefixLead && a.svcShort && !a.anySvc:
		case a.svcShort && !a.anySvc && a.name.isPrefix && len(text) > 8 && a.leadMask == ^uint64(0) &&
			strings.IndexByte(text[:8], 0) < 0:
			q.rest = text[8:] // the lead, all ASCII, is the text's first eight bytes
		default:
			return nil
		}
		out = append(out, q)
	}
	return out
}

func compileAction(s string) (cAction, error) {
	a, err := ParseAction(s)
	if err != nil {
		return cAction{}, err
	}
	ca := cAction{raw: s}
	switch {
	case a.All || (a.Service == "*" && a.Name == "*"):
		ca.all = true
	case a.PermID:
		ca.permid = true
	default:
		ca.anySvc = a.Service == "*"
		ca.svc = a.Service
		if len(ca.svc) <= 8 {
			ca.svcKey, ca.svcShort = packBytes(ca.svc), true
		}
		if ca.name, err = compilePattern(a.Name, true); err != nil {
			return cAction{}, err
		}
		lit := a.Name
		if i := strings.IndexByte(lit, '*'); i >= 0 {
			lit = lit[:i]
		}
		lit = lit[:min(len(lit), 8)]
		if isASCII(lit) {
			ca.lead = packLead(lit)
			ca.leadMask = ^uint64(0) >> (64 - 8*len(lit)) // 0 for an empty lit
			ca.exact = packBytes(lit)
			ca.prefixLead = ca.name.isPrefix && len(ca.name.prefix) == len(lit) &&
				lit != "" && strings.IndexByte(lit, 0) < 0
		}
	}
	return ca, nil
}

func compileResource(s string) (cResource, error) {
	r, err := ParseResource(s)
	if err != nil {
		return cResource{}, err
	}
	cr := cResource{raw: s, all: r.All}
	if r.All {
		return cr, nil
	}
	for i, seg := range [5]string{r.Project, r.Service, r.Region, r.Account, r.Path} {
		if cr.seg[i], err = compilePattern(seg, true); err != nil {
			return cResource{}, fmt.Errorf("resource %s: %s segment %v", quote(s), segmentNames[i], err)
		}
	}
	decides := true
	for i := range 4 {
		if !cr.seg[i].literal {
			return cr, nil
		}
		if i > 0 && cr.seg[i].raw == "" {
			decides = false
		}
	}
	cr.head = "qcs:" + r.Project + ":" + r.Service + ":" + r.Region + ":" + r.Account + ":"
	cr.headDecides = decides
	if p := &cr.seg[4]; p.isPrefix {
		cr.headPrefix = cr.head + p.prefix
	}
	return cr, nil
}
