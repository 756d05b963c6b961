package policy

// level is how a part of a statement matched a request.
type level uint8

const (
	// lvNone: no match under any reading.
	lvNone level = iota
	// lvAssumed: a match only under the broad reading of something CAM does not
	// document (docs/semantics.md §5.7); the assumptions are recorded.
	lvAssumed
	// lvClean: a match that needs no assumption.
	lvClean
)

// evalState is the per-request scratch space of one Evaluate call. It lives on
// the stack.
type evalState struct {
	// r is the request: the Decision's own copy.
	r *Request
	p reqParts
	// pend holds the assumptions and notes of the statement being matched;
	// n and nnotes count them, and may exceed what pend holds.
	pend   *pending
	n      int
	nnotes int
	cache  valueCache
	// denied is set once a deny statement of either set matched: allow
	// statements examined after it cannot change the outcome and are skipped.
	denied bool
	// rec, when not nil, records the assumptions the Decision counts
	// (Decision.Assumptions sets it; Evaluate does not).
	rec *assumeLog
}

// pending holds the assumptions and notes of the statement being matched. It
// is a variable of its own, not part of evalState, so that recording them
// (which copies their values into the Decision's log) does not make the
// compiler move the Decision that evalState.r points into to the heap.
type pending struct {
	// scratch holds the assumptions; they are rolled back (by evalState.n)
	// when an alternative fails.
	scratch [3]assumption
	// notes holds bad-context-value and unverified-key notes; they are not
	// rolled back with the assumptions.
	notes [1]assumption
}

// variable returns the value of policy variable v from the request context.
func (st *evalState) variable(v int) (string, bool) {
	if vals := st.r.Context[varKeys[v]]; len(vals) > 0 {
		return vals[0], true
	}
	return "", false
}

// assume records an assumption of the statement being matched.
// aux is the index of the action or condition concerned, or of the policy
// variable for AssumeMissingVariable.
func (st *evalState) assume(kind AssumptionKind, aux int, value string) {
	if st.n < len(st.pend.scratch) {
		st.pend.scratch[st.n] = assumption{kind: kind, aux: int32(aux), value: value}
	}
	st.n++
}

// note records a context value that could not be read as an operator's type.
func (st *evalState) note(cond int32, value string) {
	notes := &st.pend.notes
	for k := 0; k < min(st.nnotes, len(notes)); k++ {
		if notes[k].aux == cond && notes[k].value == value {
			return
		}
	}
	if st.nnotes < len(notes) {
		notes[st.nnotes] = assumption{kind: AssumeBadContextValue, aux: cond, value: value}
	}
	st.nnotes++
}

// Evaluate decides r (docs/semantics.md §5): an explicit deny when a deny
// statement of the identity policies or the boundary matches; otherwise an
// allow when an allow statement of the identity policies matches and, with a
// boundary, an allow statement of the boundary matches too; otherwise an
// implicit deny. The order of documents and statements never matters.
//
// Conditions follow docs/semantics.md §4: values of a key are OR'd, keys and
// operators AND'd; a positive operator needs any context value to match any
// policy value, a negated one is its exact negation, for_all_value: needs
// every context value to match; string_like's only wildcard is '*' ('?' is
// literal); dates are RFC 3339 or "YYYY-MM-DD HH:MM:SS" in UTC; bool_equal
// ignores case; a context value unreadable as the operator's type matches
// nothing. "qcs:resource_tag/<k>" reads the "<k>&<v>" entries of
// "qcs:resource_tag" when the request does not supply it directly.
//
// Evaluate never fails and does not allocate; a nil Evaluator denies
// everything. The [Decision] names the statements that decided and every
// assumption made where CAM's behaviour is undocumented.
func (e *Evaluator) Evaluate(r Request) (d Decision) {
	// Field by field: a whole-struct copy of r reloads the fields just
	// spilled from registers in wider loads, which stalls store forwarding.
	d.ev = e
	d.req.Action, d.req.Resource, d.req.Context, d.req.Principal = r.Action, r.Resource, r.Context, r.Principal
	if e == nil || e.identity == nil {
		return d
	}
	var st evalState
	var pend pending
	st.r, st.pend = &d.req, &pend
	e.decide(&st, &d)
	return d
}

// decide fills in d for the request st.r: the outcome, the deciding
// statements and the assumption counts.
func (e *Evaluator) decide(st *evalState, d *Decision) {
	st.p.splitAction(st.r.Action)
	idAllow, idDeny := e.identity.scan(st, d, setIdentity)
	bAllow, bDeny := false, false
	if e.boundary != nil {
		bAllow, bDeny = e.boundary.scan(st, d, setBoundary)
	}
	switch {
	case idDeny || bDeny:
		d.outcome = OutcomeExplicitDeny
		if st.rec != nil || d.allowKept != 0 || d.lostAllow != 0 {
			d.dropAllowAssumptions(st)
		}
	case idAllow && (e.boundary == nil || bAllow):
		d.outcome = OutcomeAllow
	case idAllow:
		d.outcome = OutcomeImplicitDeny
		d.boundaryDenied = true
	default:
		d.stmts = refList{} // boundary allow statements decide nothing
	}
}

// scan matches every candidate statement of the set against the request,
// recording the matching statements in d.stmts (allow statements until a deny
// statement matches, then deny statements only) and assumptions in d. It
// reports whether an allow and whether a deny matched.
func (set *policySet) scan(st *evalState, d *Decision, which uint8) (allowed, denied bool) {
	if !st.p.actionOK {
		return false, false
	}
	limit := uint8(len(d.stmts.refs))
	if which == setIdentity {
		limit = identityAllowSlots
	}
	for _, i := range set.index.lookup(&st.p) {
		s := &set.stmts[i]
		if !s.deny && st.denied {
			continue // an allow cannot change an explicit deny
		}
		st.n, st.nnotes = 0, 0
		lv := s.match(st)
		ref := stmtRef{set: which, idx: i}
		switch {
		case lv == lvClean && s.deny:
			denied = true
			if !st.denied { // from now on only deny statements decide
				st.denied = true
				d.stmts = refList{}
			}
			d.stmts.add(ref, uint8(len(d.stmts.refs)))
		case lv != lvNone && !s.deny:
			allowed = true
			d.stmts.add(ref, limit)
		}
		// Most statements make no assumption and no note: skip the call.
		switch {
		case st.n == 0 && st.nnotes == 0:
		case lv == lvAssumed || (lv == lvClean && !s.deny):
			// an allow matched or widened, or a deny kept from applying
			d.commit(st, ref)
		default:
			d.commitNotes(st, ref)
		}
	}
	return allowed, denied
}

// match matches the whole statement: action, principal, resource and every
// condition (docs/semantics.md §5.5).
func (s *cStatement) match(st *evalState) level {
	lv := lvNone
	if s.quick != nil {
		// Every action is "svc:Text*": most requests are decided by the
		// packed tests; the others by matchAction.
		p := &st.p
		for k := range s.quick {
			q := &s.quick[k]
			if p.lead&q.mask != q.lead {
				continue // cannot match, even ignoring case
			}
			if q.svcLen == len(p.svc) && q.svcKey == p.svcKey && p.exact&q.mask == q.exact &&
				(q.rest == "" || len(p.name) >= 8+len(q.rest) && p.name[8:8+len(q.rest)] == q.rest) {
				lv = lvClean
			} else {
				lv = s.matchAction(st)
			}
			break
		}
	} else {
		lv = s.matchAction(st)
	}
	if lv == lvNone {
		return lvNone
	}
	if s.principal != nil && !matchPrincipal(s.principal, st.r.Principal) {
		return lvNone
	}
	switch {
	case s.resAll:
	case len(s.resources) == 1:
		// matchResource for one resource: only an assumed match keeps
		// the assumptions made while matching it.
		mark := st.n
		rl := s.resources[0].match(st)
		if rl != lvAssumed {
			st.n = mark
		}
		if lv = min(lv, rl); lv == lvNone {
			return lvNone
		}
	default:
		if lv = min(lv, s.matchResource(st)); lv == lvNone {
			return lvNone
		}
	}
	for k := range s.conds {
		if lv = min(lv, s.conds[k].match(st)); lv == lvNone {
			return lvNone
		}
	}
	return lv
}

// matchAction matches the request's action against the statement's action
// list. Names are compared case-sensitively; a match that needs case folding
// is lvAssumed (docs/semantics.md §2, §5.7).
func (s *cStatement) matchAction(st *evalState) level {
	best, mark := lvNone, st.n
	p := &st.p
	for k := range s.actions {
		a := &s.actions[k]
		lv := a.match(p)
		if lv == lvClean {
			st.n = mark
			return lvClean
		}
		if lv == lvAssumed && best == lvNone {
			best = lvAssumed
			st.assume(AssumeActionCase, k, "")
		}
	}
	return best
}

// match matches one action pattern against a request's service and API name.
// API names are ASCII: a request name with other characters is compared
// exactly, so that case folding never equates different Unicode letters.
func (a *cAction) match(p *reqParts) level {
	svc, name := p.svc, p.name
	switch {
	case a.all:
		return lvClean
	case a.permid, p.lead&a.leadMask != a.lead:
		return lvNone
	}
	lv := lvClean
	if !a.anySvc && (len(a.svc) != len(svc) || (a.svcShort && a.svcKey != p.svcKey) || (!a.svcShort && a.svc != svc)) {
		if !asciiEqualFold(a.svc, svc) {
			return lvNone
		}
		lv = lvAssumed
	}
	if a.prefixLead {
		// The name's first bytes agree with the text ignoring case (the
		// lead test above), so it starts with the text ignoring case.
		if p.exact&a.leadMask == a.exact {
			return lv
		}
		if p.nameASCII() {
			return lvAssumed
		}
		return lvNone
	}
	if a.name.literal {
		if a.name.raw == name {
			return lv
		}
		if asciiEqualFold(a.name.raw, name) && p.nameASCII() {
			return lvAssumed
		}
		return lvNone
	}
	// Most candidates miss: one case-insensitive pass rules them out.
	if a.name.isPrefix {
		if len(name) >= len(a.name.prefix) && name[:len(a.name.prefix)] == a.name.prefix {
			return lv
		}
		if _, ok := hasPrefix(name, a.name.prefix, true); ok && p.nameASCII() {
			return lvAssumed
		}
		return lvNone
	}
	if !p.nameASCII() {
		if globMatch(a.name.pieces, name, false, nil) {
			return lv
		}
		return lvNone
	}
	if !globMatch(a.name.pieces, name, true, nil) {
		return lvNone
	}
	if globMatch(a.name.pieces, name, false, nil) {
		return lv
	}
	return lvAssumed
}

// asciiEqualFold is strings.EqualFold restricted to ASCII letters: service and
// API names are ASCII.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
