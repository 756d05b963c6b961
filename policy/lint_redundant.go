package policy

import "strings"

// lintPairBudget caps the comparisons (of two actions, two resources, two
// principal entries or two condition values) statementRedundant makes in one
// document. Real documents need a few thousand; the cap only stops documents
// built to make the rule quadratic, and the rule then says where it stopped.
const lintPairBudget = 1 << 22

// statementRedundant reports a statement that another statement of the same
// effect makes redundant: the other matches every action and resource it
// matches (glob subsumption, see lintGlobMatch), admits every principal it
// admits, and its conditions are implied by this one's. Of two statements that
// cover each other, the later is reported; the finding names the first
// statement (in document order) that covers it.
//
// The check is conservative: it reports only what it can prove. Statements
// with elements that do not parse are never judged, condition values are
// compared by their exact JSON type and text, and a condition is implied only
// by the same operator on the same key with a subset of the values (a superset
// for negated operators, the same values for null_equal).
//
// It is near-linear: only statements that could cover a statement's most
// selective action are compared with it (see lintRedundancy), and lists are
// compared through hash sets. When a document still needs more than
// lintPairBudget comparisons, the rule stops and reports at the document
// which statement it stopped at.
func (l *linter) statementRedundant() {
	r := newLintRedundancy(l.stmts)
	for j := range l.stmts {
		if !r.judgeable[j] {
			continue
		}
		found := -1
		r.candidates(j, func(i int) bool {
			if i == j || !r.covers(i, j) || r.stopped {
				return !r.stopped
			}
			if j < i && (r.covers(j, i) || r.stopped) {
				return !r.stopped // equivalent: the later one is reported
			}
			found = i
			return false
		})
		if r.stopped {
			l.report(RuleStatementRedundant, "", "stopped early after %s comparisons: statements from %s on (%s of %s) were not checked for redundancy",
				groupThousands(lintPairBudget), l.stmts[j].path, groupThousands(len(l.stmts)-j), groupThousands(len(l.stmts)))
			return
		}
		if found >= 0 {
			b := &l.stmts[j]
			l.report(RuleStatementRedundant, b.path, "adds nothing: %s has the same effect, matches all of its actions and resources%s, and has no stricter condition",
				l.stmts[found].path, lintIf(b.Principal != nil, " and principals"))
		}
	}
}

func lintIf(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// lintJudgeable reports whether every element of ls parsed, so coverage can
// be decided.
func lintJudgeable(ls *lintStatement) bool {
	return ls.Effect.Valid() && len(ls.actions) > 0 && len(ls.actions) == len(ls.Action) &&
		len(ls.resources) == len(ls.Resource) && (len(ls.Resource) > 0 || ls.Principal != nil)
}

// lintEffectiveResources returns the statement's resources; a trust statement
// without resources matches every resource.
func lintEffectiveResources(ls *lintStatement) []Resource {
	if len(ls.Resource) == 0 && ls.Principal != nil {
		return []Resource{{All: true}}
	}
	return ls.resources
}

// lintRedundancy holds what statementRedundant needs to compare statements
// without comparing every pair: the judgeable statements indexed by the
// actions they could cover a statement's action with, per-statement sets of
// actions and resources (built for long lists on first use), and the
// remaining comparison budget.
type lintRedundancy struct {
	stmts     []lintStatement
	judgeable []bool
	index     [2]lintActionIndex // by effect: allow, deny
	keys      [][]lintKey        // per judgeable statement, its actions' keys
	sets      []*lintCoverSet    // per statement, nil until needed
	budget    int
	stopped   bool
}

// lintActionIndex lists, in document order, the statements of one effect with
// an action of each kind. Keys are action bodies ("service:Name", lowercased
// for allow statements, which ignore case), services, or "permid/<id>".
type lintActionIndex struct {
	all     []int            // an action "*": covers every action
	anySvc  []int            // an action of service "*" ("*:*", "*:Describe*"): covers any service's actions
	wildSvc map[string][]int // a wildcard action of one service, by service
	literal map[string][]int // an action without wildcard, by body; permid actions by "permid/<id>"
}

// lintActionKind sorts an action into the lists of lintActionIndex.
type lintActionKind uint8

const (
	lintAll lintActionKind = iota
	lintAnySvc
	lintWildSvc
	lintLiteral
)

// lintKey is an action's place in the lists of lintActionIndex: its kind;
// for lintLiteral its body or "permid/<id>"; and for lintWildSvc and a
// lintLiteral that is not permid its service. Bodies and services are
// lowercased for allow statements.
type lintKey struct {
	kind     lintActionKind
	key, svc string
}

func lintClassify(a *lintAction, fold bool) lintKey {
	switch {
	case a.All:
		return lintKey{kind: lintAll}
	case a.PermID:
		return lintKey{kind: lintLiteral, key: "permid/" + a.ID}
	case a.Service == "*":
		return lintKey{kind: lintAnySvc}
	case strings.IndexByte(a.Name, '*') >= 0:
		return lintKey{kind: lintWildSvc, svc: lintFoldKey(a.Service, fold)}
	}
	return lintKey{kind: lintLiteral, key: lintFoldKey(a.body, fold), svc: lintFoldKey(a.Service, fold)}
}

// lintFoldKey lowercases s when fold is set. Services and API names are
// ASCII, so this is the folding globMatchString does.
func lintFoldKey(s string, fold bool) string {
	if fold {
		return strings.ToLower(s)
	}
	return s
}

func newLintRedundancy(stmts []lintStatement) *lintRedundancy {
	r := &lintRedundancy{
		stmts:     stmts,
		judgeable: make([]bool, len(stmts)),
		keys:      make([][]lintKey, len(stmts)),
		sets:      make([]*lintCoverSet, len(stmts)),
		budget:    lintPairBudget,
	}
	for i := range stmts {
		ls := &stmts[i]
		if !lintJudgeable(ls) {
			continue
		}
		r.judgeable[i] = true
		ix, fold := r.effectIndex(ls.Effect)
		keys := make([]lintKey, len(ls.actions))
		r.keys[i] = keys
		for k := range ls.actions {
			keys[k] = lintClassify(&ls.actions[k], fold)
			switch key := keys[k]; key.kind {
			case lintAll:
				ix.all = lintAppendOnce(ix.all, i)
			case lintAnySvc:
				ix.anySvc = lintAppendOnce(ix.anySvc, i)
			case lintWildSvc:
				if ix.wildSvc == nil {
					ix.wildSvc = make(map[string][]int)
				}
				ix.wildSvc[key.svc] = lintAppendOnce(ix.wildSvc[key.svc], i)
			case lintLiteral:
				if ix.literal == nil {
					ix.literal = make(map[string][]int)
				}
				ix.literal[key.key] = lintAppendOnce(ix.literal[key.key], i)
			}
		}
	}
	return r
}

// effectIndex returns the index of statements with effect e and whether
// their actions match ignoring case. e is valid.
func (r *lintRedundancy) effectIndex(e Effect) (*lintActionIndex, bool) {
	if e == EffectAllow {
		return &r.index[0], true
	}
	return &r.index[1], false
}

// lintAppendOnce appends i unless it is already last (lists are built in
// statement order, so this keeps each statement once).
func lintAppendOnce(list []int, i int) []int {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

// candidates calls yield, in ascending order, with every statement that may
// cover statement j: one that has, for the action of j with the fewest such
// statements, an action that could cover it. It stops when yield returns
// false.
func (r *lintRedundancy) candidates(j int, yield func(int) bool) {
	ix, _ := r.effectIndex(r.stmts[j].Effect)
	var best [4][]int
	bestN := -1
	for _, key := range r.keys[j] {
		var lists [4][]int
		lists[0] = ix.all
		switch key.kind {
		case lintLiteral:
			lists[3] = ix.literal[key.key]
			if key.svc == "" {
				break // permid: only "*" and the same permid cover it
			}
			lists[1], lists[2] = ix.anySvc, ix.wildSvc[key.svc]
		case lintWildSvc:
			lists[1], lists[2] = ix.anySvc, ix.wildSvc[key.svc]
		case lintAnySvc:
			lists[1] = ix.anySvc
		}
		if n := len(lists[0]) + len(lists[1]) + len(lists[2]) + len(lists[3]); bestN < 0 || n < bestN {
			best, bestN = lists, n
		}
	}
	lintMerge(best, yield)
}

// lintMerge calls yield with the union of sorted lists, in ascending order,
// each value once, until yield returns false.
func lintMerge(lists [4][]int, yield func(int) bool) {
	last := -1
	for {
		next, from := -1, -1
		for k, l := range lists {
			for len(l) > 0 && l[0] <= last {
				l = l[1:]
			}
			lists[k] = l
			if len(l) > 0 && (next < 0 || l[0] < next) {
				next, from = l[0], k
			}
		}
		if from < 0 || !yield(next) {
			return
		}
		last = next
	}
}

// spend takes n comparisons from the budget and reports whether any were
// left; once they run out, stopped is set.
func (r *lintRedundancy) spend(n int) bool {
	r.budget -= n
	if r.budget < 0 {
		r.stopped = true
	}
	return !r.stopped
}

// covers reports whether statement i matches every request statement j
// matches. Both are judgeable. A false answer with r.stopped set means the
// budget ran out.
func (r *lintRedundancy) covers(i, j int) bool {
	a, b := &r.stmts[i], &r.stmts[j]
	if a.Effect != b.Effect || !r.spend(1) {
		return false
	}
	fold := a.Effect == EffectAllow // allow statements match action names ignoring case
	return r.actionsCovered(i, j, fold) && r.resourcesCovered(i, b) &&
		r.principalCovers(a.Principal, b.Principal) && r.conditionImplied(a.Condition, b.Condition)
}
