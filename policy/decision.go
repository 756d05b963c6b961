package policy

import (
	"fmt"
	"strconv"
)

// Outcome is the result of evaluating a request: [OutcomeAllow],
// [OutcomeExplicitDeny] or [OutcomeImplicitDeny]. The zero value is
// OutcomeImplicitDeny: CAM denies by default.
type Outcome uint8

// The three outcomes of docs/semantics.md §5.3.
const (
	// OutcomeImplicitDeny: no statement allowed the request (or the permission
	// boundary did not), and none denied it.
	OutcomeImplicitDeny Outcome = iota
	// OutcomeAllow: an allow statement matched (and the boundary allowed it),
	// and no deny statement matched.
	OutcomeAllow
	// OutcomeExplicitDeny: a deny statement matched.
	OutcomeExplicitDeny
)

var outcomeNames = [...]string{"implicit deny", "allow", "explicit deny"}
var outcomeText = [...]string{"implicit_deny", "allow", "explicit_deny"}

// String returns "allow", "explicit deny" or "implicit deny".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText returns "allow", "explicit_deny" or "implicit_deny".
func (o Outcome) MarshalText() ([]byte, error) {
	if int(o) < len(outcomeText) {
		return []byte(outcomeText[o]), nil
	}
	return nil, fmt.Errorf("policy: invalid outcome %d", uint8(o))
}

// UnmarshalText reads the form MarshalText writes.
func (o *Outcome) UnmarshalText(text []byte) error {
	for i, s := range outcomeText {
		if string(text) == s {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("policy: unknown outcome %s (want allow, explicit_deny or implicit_deny)", quote(string(text)))
}

// StatementRef names one statement of an evaluator's documents.
type StatementRef struct {
	// Boundary is true for a statement of the permission boundary.
	Boundary bool `json:"boundary,omitempty"`
	// Document is the document's position among the identity policies (or
	// among the boundary's documents).
	Document int `json:"document"`
	// Name is the document's name given to [CompileNamed], or "".
	Name string `json:"name,omitempty"`
	// Statement is the statement's position in the document.
	Statement int `json:"statement"`
	// Effect is the statement's effect.
	Effect Effect `json:"effect"`
}

// String names the statement the way decisions print it:
// `policy "DevOps" statement[2]`, `document[1] statement[0]`, or with
// "boundary" in place of "policy"/"document" for a boundary statement.
func (s StatementRef) String() string {
	kind := "policy"
	if s.Boundary {
		kind = "boundary"
	}
	if s.Name != "" {
		return kind + " " + quote(s.Name) + " " + StatementPath(s.Statement)
	}
	if s.Boundary {
		return "boundary document[" + strconv.Itoa(s.Document) + "] " + StatementPath(s.Statement)
	}
	return "document[" + strconv.Itoa(s.Document) + "] " + StatementPath(s.Statement)
}

// stmtRef is the compact form of a StatementRef inside a Decision.
type stmtRef struct {
	set uint8 // setIdentity or setBoundary
	idx int32 // index into the set's compiled statements
}

const (
	setIdentity uint8 = iota
	setBoundary
)

// identityAllowSlots is how many of a refList's slots identity allow
// statements may fill, leaving the rest for the boundary's.
const identityAllowSlots = 4

// refList is a fixed-size list of statements with a count and a "more" flag.
//
// n and more come first: in a Decision they then share a 16-byte block with
// the outcome, all written last, so that a caller copying the Decision waits
// for one block of recent stores rather than two.
type refList struct {
	n    uint8
	more bool
	refs [6]stmtRef
}

func (l *refList) add(r stmtRef, limit uint8) {
	if l.n < limit && int(l.n) < len(l.refs) {
		l.refs[l.n] = r
		l.n++
		return
	}
	l.more = true
}

// statement returns the compiled statement r refers to.
func (e *Evaluator) statement(r stmtRef) *cStatement {
	if r.set == setBoundary {
		return &e.boundary.stmts[r.idx]
	}
	return &e.identity.stmts[r.idx]
}

// resolve turns a compact reference into a StatementRef.
func (e *Evaluator) resolve(r stmtRef) StatementRef {
	set := e.identity
	if r.set == setBoundary {
		set = e.boundary
	}
	s := &set.stmts[r.idx]
	eff := EffectAllow
	if s.deny {
		eff = EffectDeny
	}
	return StatementRef{
		Boundary:  r.set == setBoundary,
		Document:  int(s.doc),
		Name:      set.names[s.doc],
		Statement: int(s.idx),
		Effect:    eff,
	}
}

// Decision is the result of [Evaluator.Evaluate]: the outcome, the statements
// that decided it and the assumptions it rests on. It is a value of fixed
// size (no allocation); the lists it exposes are capped (see
// [Decision.StatementsTruncated]), and near misses and the assumptions
// themselves are computed on demand, by examining the request again, so a
// caller that changes the request's Context map after Evaluate should not
// ask for them.
//
// The zero Decision is an implicit deny of an empty request.
type Decision struct {
	ev             *Evaluator
	req            Request
	outcome        Outcome
	boundaryDenied bool
	stmts          refList
	// Assumption counts, kept as if the assumptions were stored in
	// maxAssumptions slots (see assumeLog.add); the assumptions themselves
	// are recorded only when Assumptions asks for them, by deciding the
	// request again, which keeps the Decision small.
	nassume   int32 // assumptions Assumptions returns
	allowKept int32 // those of nassume that concern allow statements
	lost      int32 // assumptions made beyond those
	lostAllow int32 // those of lost that concern allow statements
}

// maxAssumptions is how many assumptions a decision keeps.
const maxAssumptions = 4

// assumeLog records a decision's assumptions for [Decision.Assumptions].
type assumeLog struct {
	assumes   [maxAssumptions]assumption
	nassume   int32 // assumptions stored in assumes
	lost      int32 // assumptions made but not stored
	lostAllow int32 // those of lost that concern allow statements
}

// Allowed reports whether the request is allowed.
func (d Decision) Allowed() bool { return d.outcome == OutcomeAllow }

// Outcome returns the outcome.
func (d Decision) Outcome() Outcome { return d.outcome }

// Request returns the request that was decided.
func (d Decision) Request() Request { return d.req }

// BoundaryDenied reports whether the request is implicitly denied only because
// the permission boundary did not allow what the identity policies allow.
func (d Decision) BoundaryDenied() bool { return d.boundaryDenied }

// NumStatements returns how many deciding statements the decision holds: for
// an explicit deny the matching deny statements, for an allow the matching
// allow statements (identity policies first, then the boundary's), for a
// boundary-caused implicit deny the identity allow statements the boundary
// overrode; none otherwise.
func (d Decision) NumStatements() int { return int(d.stmts.n) }

// Statement returns deciding statement i, 0 ≤ i < NumStatements. It does not
// allocate.
func (d Decision) Statement(i int) StatementRef {
	if i < 0 || i >= int(d.stmts.n) || d.ev == nil {
		return StatementRef{}
	}
	return d.ev.resolve(d.stmts.refs[i])
}

// Statements returns the deciding statements (see [Decision.NumStatements]).
func (d Decision) Statements() []StatementRef {
	if d.stmts.n == 0 {
		return nil
	}
	out := make([]StatementRef, d.stmts.n)
	for i := range out {
		out[i] = d.Statement(i)
	}
	return out
}

// StatementsTruncated reports whether more statements decided than the
// decision holds (at most four of the identity policies' allow statements,
// six statements in all).
func (d Decision) StatementsTruncated() bool { return d.stmts.more }

// Assumptions returns the assumptions the decision rests on (docs/semantics.md
// §5.7, §5.9), in the order they were made: those that widened an allow
// statement that matched, those that kept a deny statement from applying, and
// context values that could not be read. At most four are kept.
//
// Evaluate only counts assumptions; Assumptions records them by deciding the
// request again, so unlike Evaluate it allocates, and it reads the request's
// Context map as it is when called.
func (d Decision) Assumptions() []Assumption {
	if d.nassume == 0 || d.ev == nil || d.ev.identity == nil {
		return nil
	}
	var log assumeLog
	var st evalState
	var pend pending
	again := Decision{ev: d.ev, req: d.req}
	st.r, st.pend, st.rec = &again.req, &pend, &log
	d.ev.decide(&st, &again)
	out := make([]Assumption, log.nassume)
	for i := range out {
		out[i] = log.assumes[i].public(d.ev)
	}
	return out
}

// NumAssumptions returns how many assumptions the decision made, including
// any beyond the four it keeps.
func (d Decision) NumAssumptions() int { return int(d.nassume) + int(d.lost) }

// AssumptionsTruncated reports whether more assumptions were made than
// [Decision.Assumptions] returns.
func (d Decision) AssumptionsTruncated() bool { return d.lost > 0 }

// commit records the assumptions and notes of the statement just matched.
func (d *Decision) commit(st *evalState, ref stmtRef) {
	pend, rec := st.pend, st.rec
	for k := 0; k < min(st.n, len(pend.scratch)); k++ {
		d.addAssumption(rec, pend.scratch[k], ref)
	}
	d.addLost(rec, st.n-len(pend.scratch), ref)
	d.commitNotes(st, ref)
}

// commitNotes records the bad-context-value notes of the statement just matched.
func (d *Decision) commitNotes(st *evalState, ref stmtRef) {
	pend, rec := st.pend, st.rec
	for k := 0; k < min(st.nnotes, len(pend.notes)); k++ {
		d.addAssumption(rec, pend.notes[k], ref)
	}
	d.addLost(rec, st.nnotes-len(pend.notes), ref)
}

// addAssumption counts a, made by statement ref, as assumeLog.add stores it,
// and stores it in rec when Assumptions is recording (rec is not nil).
func (d *Decision) addAssumption(rec *assumeLog, a assumption, ref stmtRef) {
	if rec != nil {
		rec.add(d.ev, a, ref)
	}
	deny := d.ev.statement(ref).deny
	switch {
	case d.nassume < maxAssumptions:
		d.nassume++
		if !deny {
			d.allowKept++
		}
	case deny && d.allowKept > 0: // replaces an allow statement's
		d.allowKept--
		d.lost++
		d.lostAllow++
	default:
		d.lost++
		if !deny {
			d.lostAllow++
		}
	}
}

// addLost counts n assumptions of statement ref that did not fit.
func (d *Decision) addLost(rec *assumeLog, n int, ref stmtRef) {
	if n <= 0 {
		return
	}
	if rec != nil {
		rec.addLost(d.ev, n, ref)
	}
	d.lost += int32(n)
	if !d.ev.statement(ref).deny {
		d.lostAllow += int32(n)
	}
}

// dropAllowAssumptions keeps only the assumptions about deny statements. With
// an explicit deny, allow statements did not decide, and Evaluate stops
// examining them once a deny matched, so what they assumed is left out to keep
// the decision independent of statement order.
func (d *Decision) dropAllowAssumptions(st *evalState) {
	if st.rec != nil {
		st.rec.dropAllow(d.ev)
	}
	d.nassume -= d.allowKept
	d.allowKept = 0
	d.lost -= d.lostAllow
	d.lostAllow = 0
}

// add stores a, made by statement ref. When the slots are full, an
// assumption of a deny statement takes the place of the latest one of an
// allow statement: with an explicit deny only deny statements' assumptions
// count (see dropAllow), and which allow statements were examined before a
// deny matched depends on statement order.
func (l *assumeLog) add(e *Evaluator, a assumption, ref stmtRef) {
	a.ref = ref
	if int(l.nassume) < len(l.assumes) {
		l.assumes[l.nassume] = a
		l.nassume++
		return
	}
	if e.statement(ref).deny {
		for k := l.nassume - 1; k >= 0; k-- {
			if old := l.assumes[k].ref; !e.statement(old).deny {
				copy(l.assumes[k:], l.assumes[k+1:l.nassume])
				l.assumes[l.nassume-1] = a
				l.addLost(e, 1, old)
				return
			}
		}
	}
	l.addLost(e, 1, ref)
}

// addLost counts n assumptions of statement ref that did not fit.
func (l *assumeLog) addLost(e *Evaluator, n int, ref stmtRef) {
	l.lost += int32(n)
	if !e.statement(ref).deny {
		l.lostAllow += int32(n)
	}
}

// dropAllow keeps only the assumptions about deny statements.
func (l *assumeLog) dropAllow(e *Evaluator) {
	var kept int32
	for k := int32(0); k < l.nassume; k++ {
		if e.statement(l.assumes[k].ref).deny {
			l.assumes[kept] = l.assumes[k]
			kept++
		}
	}
	l.nassume = kept
	l.lost -= l.lostAllow
	l.lostAllow = 0
}
