package policy

import "strings"

// matchResource matches the request's resource against the statement's
// resource list, preferring a match that needs no assumption.
func (s *cStatement) matchResource(st *evalState) level {
	if s.anyResource {
		return lvClean
	}
	best, start := lvNone, st.n
	for k := range s.resources {
		mark := st.n
		if st.keep(&best, s.resources[k].match(st), start, mark) {
			return lvClean
		}
	}
	return best
}

// keep folds lv, the level of one alternative tried from assumption mark
// on, into best, the best level among alternatives tried from start on. It
// keeps only the assumptions of the first assumed match, drops them all on a
// clean match and reports whether lv is clean, so the caller can stop.
func (st *evalState) keep(best *level, lv level, start, mark int) bool {
	switch lv {
	case lvClean:
		st.n = start
		return true
	case lvAssumed:
		if *best == lvNone {
			*best = lvAssumed
			return false
		}
	}
	st.n = mark
	return false
}

// match matches one resource pattern (docs/semantics.md §3): "*" matches every
// request; otherwise the request must be a six-segment name whose project,
// service, region and account each match the pattern's segment (an empty
// segment in the policy means "all", a '*' matches within the segment) and
// whose sixth segment matches the pattern's glob, where '*' also matches '/'
// and ':'.
func (r *cResource) match(st *evalState) level {
	if r.all {
		return lvClean
	}
	if h := r.headPrefix; h != "" && len(st.r.Resource) >= len(h) && st.r.Resource[:len(h)] == h {
		return lvClean // the common case, decided without a call
	}
	if r.head != "" {
		if lv, ok := r.matchHead(st); ok {
			return lv
		}
	}
	if !st.p.resDone {
		st.p.splitResource(st.r.Resource)
	}
	if !st.p.resOK {
		return lvNone
	}
	lv := lvClean
	for i := range r.seg {
		p := &r.seg[i]
		if p.raw == "" && i < 4 {
			continue
		}
		s := st.p.segment(st.r.Resource, i)
		switch {
		case p.literal:
			// The common cases, compared here without a call.
			if s != p.raw {
				return lvNone
			}
		case p.isPrefix:
			if len(s) < len(p.prefix) || s[:len(p.prefix)] != p.prefix {
				return lvNone
			}
		default:
			if lv = min(lv, p.match(st, s, false)); lv == lvNone {
				return lvNone
			}
		}
	}
	return lv
}

// matchHead matches a request against a pattern whose first four segments
// are literal by comparing the start of the request with r.head, without
// splitting it. It reports false when the segment-by-segment comparison must
// decide: when a request with a project could still match an empty one.
func (r *cResource) matchHead(st *evalState) (level, bool) {
	res := st.r.Resource
	if len(res) < len(r.head) || res[:len(r.head)] != r.head {
		if !r.headDecides || (r.seg[0].raw == "" && !strings.HasPrefix(res, "qcs::")) {
			return lvNone, false
		}
		return lvNone, true
	}
	p, rest := &r.seg[4], res[len(r.head):]
	switch {
	case p.literal:
		if rest == p.raw {
			return lvClean, true
		}
		return lvNone, true
	case p.isPrefix:
		if strings.HasPrefix(rest, p.prefix) {
			return lvClean, true
		}
		return lvNone, true
	}
	return p.match(st, rest, false), true
}

// firstMismatch returns the index of the first segment of the request that
// r does not match, -1 when the request is not a six-segment name, and 5
// when every segment matches.
func (r *cResource) firstMismatch(st *evalState) int {
	if !st.p.resDone {
		st.p.splitResource(st.r.Resource)
	}
	if !st.p.resOK {
		return -1
	}
	for i := range r.seg {
		if r.seg[i].raw == "" && i < 4 {
			continue
		}
		mark := st.n
		lv := r.seg[i].match(st, st.p.segment(st.r.Resource, i), false)
		st.n = mark
		if lv == lvNone {
			return i
		}
	}
	return len(r.seg)
}

// matchPrincipal reports whether a trust statement's principal element lists
// the caller who (docs/semantics.md §5.8): "*" lists everyone, an account's
// "qcs::cam::uin/<owner>:root" every identity of that account (the root and
// "qcs::cam::uin/<owner>:uin/<sub>" sub-users alike), a sub-user, SAML
// provider or service itself only. Service names compare ignoring case, as
// DNS names do. A request without a principal matches no principal element.
func matchPrincipal(p *Principal, who string) bool {
	if who == "" {
		return false
	}
	if p.Any {
		return true
	}
	for _, q := range p.QCS {
		if q == who || q == "*" {
			return true
		}
		if acct, ok := strings.CutSuffix(q, ":root"); ok &&
			len(who) > len(acct)+1 && who[:len(acct)] == acct && who[len(acct)] == ':' {
			return true
		}
	}
	for _, q := range p.Service {
		if q == "*" || strings.EqualFold(q, who) {
			return true
		}
	}
	for _, q := range p.Federated {
		if q == who || q == "*" {
			return true
		}
	}
	return false
}
