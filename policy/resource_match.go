package policy

import "strings"

// MatchResource reports whether the resource name matches pattern, a
// resource of a policy statement, exactly as the evaluator decides it
// (docs/semantics.md §3): a one-statement allow policy on pattern allows a
// request for name (Request.Resource) exactly when MatchResource reports
// true.
//
// The pattern "*" matches every name, "*" itself included. Any other pattern
// matches only a six-segment name (qcs:project:service:region:account:path)
// whose project, service, region and account each match the pattern's
// segment, an empty segment in the pattern meaning "all" and a '*' matching
// within the segment, and whose sixth segment matches the pattern's glob, in
// which '*' also matches '/' and ':'. Letter case counts. name is read as
// text: a '*' or "${uin}" in it is an ordinary character.
//
// pattern is checked as [Compile] checks a statement's resource. One that
// does not parse is an error, and so is one that uses a policy variable
// (${uin}, ${owner_uin}, ${app_id}): its value comes from a request.
// Compare two patterns with [Resource.Covers].
func MatchResource(pattern, name string) (bool, error) {
	cr, err := compileResource(pattern)
	if err != nil {
		return false, errorf("", "%s", errorMessage(err))
	}
	for i := range cr.seg {
		if cr.seg[i].vars {
			return false, errorf("", "resource %s uses a policy variable, whose value comes from a request", quote(pattern))
		}
	}
	st := evalState{r: &Request{Resource: name}, pend: new(pending)}
	return cr.match(&st) != lvNone, nil
}

// Covers reports whether r matches every resource name q matches, r and q
// read as resources of policy statements ([MatchResource]): "*" covers
// everything and only "*" covers "*"; otherwise r's project, service,
// region and account must each match every value q's segment allows (an
// empty segment allows every value, so only an empty or all-'*' segment
// covers it), and r's sixth segment every text q's allows.
//
// Covers is exact for resources without policy variables, and never reports
// true when some name matches q but not r. A policy variable in q is read as
// '*', since it may take any value (and an allow reads one the request does
// not supply as matching anything). A segment of r that uses one covers
// nothing: its value changes from request to request, and a deny reads a
// missing one as matching nothing (docs/semantics.md §5.7). So
// "qcs::cam::uin/1:uin/*" covers "qcs::cam::uin/1:uin/${uin}", but not the
// other way round, nor does either cover itself.
//
// r and q are read as [ParseResource] returns them; a Resource that could
// not come from it (a ':' in its first four segments, or an empty sixth
// segment) covers nothing and is covered only by "*". Covers never
// allocates unless q uses a policy variable.
func (r Resource) Covers(q Resource) bool {
	switch {
	case r.All:
		return true
	case q.All || r.Path == "" || q.Path == "":
		return false
	}
	// Most pairs differ in their text: compare it first (the service and
	// the sixth segment, where they differ most, first), q's variables read
	// as text. A false answer is final, since reading them as '*' only
	// widens q, and so is one for a Resource ParseResource cannot return.
	if !segmentCovers(1, r.Service, q.Service) || !segmentCovers(4, r.Path, q.Path) ||
		!segmentCovers(2, r.Region, q.Region) || !segmentCovers(3, r.Account, q.Account) ||
		!segmentCovers(0, r.Project, q.Project) {
		return false
	}
	rs := [...]string{r.Project, r.Service, r.Region, r.Account, r.Path}
	qs := [...]string{q.Project, q.Service, q.Region, q.Account, q.Path}
	for i, a := range rs {
		colon, variable := scanSegment(a)
		if i < 4 && colon || variable {
			return false // not as ParseResource returns it, or a variable
		}
		b := qs[i]
		colon, variable = scanSegment(b)
		if i < 4 && colon || variable && !segmentCovers(i, a, variablesAsStars(b)) {
			return false
		}
	}
	return true
}

// scanSegment reports whether s holds a ':' and whether it holds "${", the
// start of a policy variable.
func scanSegment(s string) (colon, variable bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			colon = true
		case '$':
			variable = variable || i+1 < len(s) && s[i+1] == '{'
		}
	}
	return colon, variable
}

// segmentCovers reports whether segment i of a resource pattern, a, matches
// every text the same segment b does, both without policy variables.
func segmentCovers(i int, a, b string) bool {
	switch {
	case a == b:
		return true
	case i < 4:
		return lintSegmentSubsumes(a, b)
	}
	return lintGlobMatch(a, b, false)
}

// variablesAsStars returns s with each policy variable "${...}" replaced by
// '*', and an unterminated one with the rest of s.
func variablesAsStars(s string) string {
	i := strings.Index(s, "${")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte('*')
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return b.String()
		}
		s = s[i+end+1:]
		i = strings.Index(s, "${")
	}
	b.WriteString(s)
	return b.String()
}
