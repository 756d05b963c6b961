package policy

import (
	"maps"
	"slices"
	"time"
)

// conditionNeverHolds reports conditions that no request can satisfy, which
// make their statement dead: a date_less_than(_equal) on qcs:current_time whose
// every date has passed; a date or numeric range that is empty; numeric_equal
// values outside the statement's numeric range; a key that null_equal requires
// absent while a positive operator requires it present. A date_greater_than in
// the future is fine: it starts to hold later.
//
// Numeric ranges are judged only for plain operators (no _if_exist, no for_…
// prefix) and assume the key has one value per request, as CAM's numeric keys
// do; a multi-valued key could satisfy both sides with different values.
func (l *linter) conditionNeverHolds() {
	now := l.now()
	for i := range l.stmts {
		ls := &l.stmts[i]
		if len(ls.Condition) == 0 {
			continue
		}
		var times lintRange[time.Time]
		var numbers map[string]*lintRange[float64] // made when a numeric operator is met
		var absent, present map[string]lintPlace   // key → null_equal "true"; key → the first operator needing it
		if _, ok := ls.Condition[OpNullEqual.String()]; ok {
			// Only a null_equal can conflict with the other operators.
			absent, present = map[string]lintPlace{}, map[string]lintPlace{}
		}
		for _, opName := range lintSortedKeys(ls.Condition) {
			op, err := ParseOperator(opName)
			if err != nil {
				continue
			}
			keys := ls.Condition[opName]
			for _, key := range lintSortedKeys(keys) {
				l.neverHoldsKey(now, op, key, keys[key], lintPlace{ls, opName, key}, &times, &numbers, absent, present)
			}
		}
		if lintDateLimits.empty(&times) {
			l.report(RuleConditionNeverHolds, times.hi.place.String(), "no time is %s %s and %s %s on qcs:current_time, so the statement never applies",
				lintAfter(times.lo.strict), times.lo.text, lintBefore(times.hi.strict), times.hi.text)
		}
		for _, key := range slices.Sorted(maps.Keys(numbers)) {
			r := numbers[key]
			if lintNumberLimits.empty(r) {
				l.report(RuleConditionNeverHolds, r.hi.place.String(), "no number is %s %s and %s %s, so %s can never match and the statement never applies",
					lintAbove(r.lo.strict), r.lo.text, lintBelow(r.hi.strict), r.hi.text, quote(key))
				continue
			}
			if r.equal == nil {
				continue
			}
			fits := false
			for _, v := range r.equal {
				if x, ok := ParseNumber(v.Text); !ok || lintNumberLimits.inside(r, x) {
					fits = true
					break
				}
			}
			if !fits {
				l.report(RuleConditionNeverHolds, r.eqPlace.String(), "no value of numeric_equal on %s lies within the range the statement's other numeric conditions allow, so the statement never applies",
					quote(key))
			}
		}
		for _, key := range slices.Sorted(maps.Keys(absent)) {
			if p, ok := present[key]; ok {
				l.report(RuleConditionNeverHolds, p.String(), "this operator needs %s in the request, but null_equal \"true\" at %s requires it absent, so the statement never applies",
					quote(key), absent[key].String())
			}
		}
	}
}

// lintSortedKeys returns m's keys sorted; a map of one key costs no sort.
func lintSortedKeys[V any](m map[string]V) []string {
	if len(m) == 1 {
		for k := range m {
			return []string{k}
		}
	}
	return slices.Sorted(maps.Keys(m))
}

// neverHoldsKey folds one operator and key into the statement's ranges.
// absent and present are nil when the statement has no null_equal.
func (l *linter) neverHoldsKey(now time.Time, op Operator, key string, vals []Value, place lintPlace,
	times *lintRange[time.Time], numbers *map[string]*lintRange[float64], absent, present map[string]lintPlace) {
	switch {
	case absent == nil:
	case op.Op == OpNullEqual:
		all := len(vals) > 0
		for _, v := range vals {
			if b, ok := ParseBool(v.Text); !ok || !b {
				all = false
			}
		}
		if all {
			absent[key] = place
		}
	case !op.Op.Negated() && !op.IfExist && op.Qualifier != QualifierForAllValue:
		if _, ok := present[key]; !ok {
			present[key] = place
		}
	}
	switch op.Op {
	case OpDateLessThan, OpDateLessThanEqual, OpDateGreaterThan, OpDateGreaterThanEqual:
		// qcs:current_time has exactly one value in every request, so _if_exist
		// and the for_… prefixes do not change what holds.
		if key != KeyCurrentTime {
			return
		}
		b, ok := lintDateLimits.add(times, op.Op, vals, place)
		upper := op.Op == OpDateLessThan || op.Op == OpDateLessThanEqual
		if ok && upper {
			if c := b.value.Compare(now); c < 0 || (c == 0 && b.strict) {
				l.report(RuleConditionNeverHolds, place.String(), "the latest date, %s, has passed, so the statement never applies again", b.text)
			}
		}
	case OpNumericLessThan, OpNumericLessThanEqual, OpNumericGreaterThan, OpNumericGreaterThanEqual, OpNumericEqual:
		if op.IfExist || op.Qualifier != QualifierNone {
			return
		}
		if *numbers == nil {
			*numbers = map[string]*lintRange[float64]{}
		}
		r := (*numbers)[key]
		if r == nil {
			r = &lintRange[float64]{}
			(*numbers)[key] = r
		}
		if op.Op == OpNumericEqual {
			r.equal, r.eqPlace = vals, place
			return
		}
		lintNumberLimits.add(r, op.Op, vals, place)
	}
}

func lintAfter(strict bool) string {
	if strict {
		return "after"
	}
	return "at or after"
}

func lintBefore(strict bool) string {
	if strict {
		return "before"
	}
	return "at or before"
}

func lintAbove(strict bool) string {
	if strict {
		return "above"
	}
	return "at least"
}

func lintBelow(strict bool) string {
	if strict {
		return "below"
	}
	return "at most"
}
