package policy

import (
	"strings"
	"time"
)

// Rules about condition blocks.

func (l *linter) conditionUnknownKey() {
	l.eachConditionKey(func(ls *lintStatement, opName, key string) {
		if key == "" || KnownConditionKey(key) {
			return
		}
		hint := "check its spelling (keys are case-sensitive) or that the service documents it"
		for _, known := range l.knownKeys() {
			if strings.EqualFold(known, key) {
				hint = "keys are case-sensitive: did you mean " + quote(known) + "?"
				break
			}
		}
		if aws := awsKeyCAM(key); aws != "" {
			hint = aws
		}
		if base, tag, ok := strings.Cut(key, "/"); ok && tag != "" &&
			(strings.EqualFold(base, KeyResourceTag) || strings.EqualFold(base, KeyRequestTag)) {
			hint = "keys are case-sensitive: did you mean " + quote(strings.ToLower(base)+"/"+tag) + "?"
		}
		l.report(RuleConditionUnknownKey, ls.conditionPath(opName, key), "condition key %s is not one camkit knows; %s", quote(key), hint)
	})
}

// eachConditionKey calls f for every operator and key of every statement,
// whether the operator parses or not, in no particular order (findings are
// sorted afterwards) and without building paths.
func (l *linter) eachConditionKey(f func(ls *lintStatement, opName, key string)) {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for opName, keys := range ls.Condition {
			for key := range keys {
				f(ls, opName, key)
			}
		}
	}
}

// knownKeys returns ConditionKeys, computed once per Lint call.
func (l *linter) knownKeys() []string {
	if l.keys == nil {
		l.keys = ConditionKeys()
	}
	return l.keys
}

// lintPlace is where a condition key is, its path built only when a finding
// needs it.
type lintPlace struct {
	ls      *lintStatement
	op, key string
}

// String returns the JSON path of the key.
func (p lintPlace) String() string { return p.ls.conditionPath(p.op, p.key) }

// lintBound is one side of a range a statement's conditions put on a key.
type lintBound[T any] struct {
	set    bool
	value  T
	strict bool
	text   string // the value as written
	place  lintPlace
}

// lintRange collects the bounds operators put on one key. Values under one
// key are OR'd, so a less-than bound is the largest value and a greater-than
// bound the smallest; operators are AND'd, so the range is the tightest.
type lintRange[T any] struct {
	lo, hi  lintBound[T]
	equal   []Value // numeric_equal values, OR'd
	eqPlace lintPlace
}

// lintLimits is the comparison and reader for one value type.
type lintLimits[T any] struct {
	cmp   func(a, b T) int
	parse func(string) (T, bool)
}

var (
	lintDateLimits   = lintLimits[time.Time]{cmp: time.Time.Compare, parse: ParseDate}
	lintNumberLimits = lintLimits[float64]{cmp: func(a, b float64) int {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}, parse: ParseNumber}
)

// add folds the values of one operator into r. It returns the OR'd bound the
// operator sets, and false when a value does not parse (Validate's job).
func (lim lintLimits[T]) add(r *lintRange[T], op Op, vals []Value, place lintPlace) (lintBound[T], bool) {
	var b lintBound[T]
	upper := op == OpNumericLessThan || op == OpNumericLessThanEqual || op == OpDateLessThan || op == OpDateLessThanEqual
	b.strict = op == OpNumericLessThan || op == OpNumericGreaterThan || op == OpDateLessThan || op == OpDateGreaterThan
	b.place = place
	for _, v := range vals {
		x, ok := lim.parse(v.Text)
		if !ok {
			return b, false
		}
		if c := lim.cmp(x, b.value); !b.set || (upper && c > 0) || (!upper && c < 0) {
			b.set, b.value, b.text = true, x, v.Text
		}
	}
	if !b.set {
		return b, false
	}
	cur := &r.lo
	if upper {
		cur = &r.hi
	}
	if c := lim.cmp(b.value, cur.value); !cur.set || (upper && c < 0) || (!upper && c > 0) || (c == 0 && b.strict) {
		*cur = b
	}
	return b, true
}

// empty reports whether no value lies within r.
func (lim lintLimits[T]) empty(r *lintRange[T]) bool {
	if !r.lo.set || !r.hi.set {
		return false
	}
	c := lim.cmp(r.lo.value, r.hi.value)
	return c > 0 || (c == 0 && (r.lo.strict || r.hi.strict))
}

// inside reports whether x satisfies every bound of r.
func (lim lintLimits[T]) inside(r *lintRange[T], x T) bool {
	if r.lo.set {
		if c := lim.cmp(x, r.lo.value); c < 0 || (c == 0 && r.lo.strict) {
			return false
		}
	}
	if r.hi.set {
		if c := lim.cmp(x, r.hi.value); c > 0 || (c == 0 && r.hi.strict) {
			return false
		}
	}
	return true
}
