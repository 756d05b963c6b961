package policy

import "strings"

// ctxVals is the values of one condition key in a request context. When strip
// is set, only values starting with it count, with it removed (the values of
// "qcs:resource_tag/<k>" read from "qcs:resource_tag" entries "<k>&<v>").
type ctxVals struct {
	vals  []string
	strip string
}

// at returns value i and whether it counts.
func (c ctxVals) at(i int) (string, bool) {
	v := c.vals[i]
	if c.strip == "" {
		return v, true
	}
	if !strings.HasPrefix(v, c.strip) {
		return "", false
	}
	return v[len(c.strip):], true
}

// context returns the values of c's key in ctx and whether the key is
// present: it is absent when missing or without values.
func (c *cCond) context(ctx map[string][]string) (ctxVals, bool) {
	if vs := ctx[c.key]; len(vs) > 0 {
		return ctxVals{vals: vs}, true
	}
	return c.tagContext(ctx)
}

// contextFor returns the values of c's key for the request of st, as match
// reads them: the request's own, those of a tag key read from the tag list, or
// those the evaluator derives (see derivedContext).
func (c *cCond) contextFor(st *evalState) (ctxVals, bool) {
	if vals, ok := c.context(st.r.Context); ok {
		return vals, true
	}
	return c.derivedContext(st)
}

// noteUnverified records that condition cond tests a key whose spelling
// Tencent's documentation does not confirm ([AssumeUnverifiedKey]), once per
// condition.
func (st *evalState) noteUnverified(cond int32) {
	notes := &st.pend.notes
	for k := 0; k < min(st.nnotes, len(notes)); k++ {
		if notes[k].kind == AssumeUnverifiedKey && notes[k].aux == cond {
			return
		}
	}
	if st.nnotes < len(notes) {
		notes[st.nnotes] = assumption{kind: AssumeUnverifiedKey, aux: cond}
	}
	st.nnotes++
}

// readOnlyValues are the values of qcs:read_only_action the evaluator
// supplies: "0" and "1". Conditions never modify context values, so they are
// shared.
var readOnlyValues = [2][]string{{"0"}, {"1"}}

// derivedContext returns the values the evaluator supplies for a key the
// request lacks: qcs:read_only_action is "1" when the requested API is
// read-only by CAM's verb rule ([ReadOnlyAction]) and "0" otherwise, so
// Tencent's read-only presets ("numeric_equal": {"qcs:read_only_action": 1})
// decide as CAM does. A request that supplies the key keeps its own value.
func (c *cCond) derivedContext(st *evalState) (ctxVals, bool) {
	if c.key != KeyReadOnlyAction || !st.p.actionOK {
		return ctxVals{}, false
	}
	if ReadOnlyAction(st.p.svc, st.p.name) {
		return ctxVals{vals: readOnlyValues[1]}, true
	}
	return ctxVals{vals: readOnlyValues[0]}, true
}

// tagContext returns the values of a "qcs:resource_tag/<k>" key read from
// the "<k>&<v>" entries of "qcs:resource_tag" (and likewise for
// "qcs:request_tag/<k>"), for a request that does not supply the key itself.
func (c *cCond) tagContext(ctx map[string][]string) (ctxVals, bool) {
	if c.tagBase != "" {
		vs := ctx[c.tagBase]
		for _, v := range vs {
			if strings.HasPrefix(v, c.tagPrefix) {
				return ctxVals{vals: vs, strip: c.tagPrefix}, true
			}
		}
	}
	return ctxVals{}, false
}

// match evaluates the condition test (docs/semantics.md §4). A positive operator
// (plain or for_any_value:) is satisfied when any context value matches any
// policy value; for_all_value: when every context value does. A negated
// operator tests, per context value, that it matches none of the policy
// values; plain and for_all_value: negated operators need that of every
// context value (so the plain form is exactly the negation of the positive
// one), for_any_value: of some value. On an absent key _if_exist forms are
// satisfied and positive operators are not; negated operators and
// for_all_value: are satisfied only under the broad reading (§5.7), recorded
// as an assumption.
//
// string_like and string_not_like treat only '*' as a wildcard, the only one
// CAM documents; '?' is an ordinary character. Policy variables in string
// values read the request context like those in resources.
func (c *cCond) match(st *evalState) level {
	if c.unverified {
		st.noteUnverified(c.idx)
	}
	vals := ctxVals{vals: st.r.Context[c.key]}
	if c.ip4 != nil && len(vals.vals) == 1 {
		// The common IP test: one dotted-quad address against IPv4 blocks,
		// read without the value cache. Anything else takes the general path.
		if a, ok := ipv4Number(vals.vals[0]); ok {
			in := false
			for _, b := range c.ip4 {
				if a&b.mask == b.net {
					in = true
					break
				}
			}
			if in != c.neg {
				return lvClean
			}
			return lvNone
		}
	}
	if len(vals.vals) == 0 && c.tagBase != "" {
		vals, _ = c.tagContext(st.r.Context)
	}
	if len(vals.vals) == 0 {
		vals, _ = c.derivedContext(st)
	}
	present := len(vals.vals) > 0
	if c.op.Op == OpNullEqual {
		for k := range c.vals {
			if c.vals[k].b == !present {
				return lvClean
			}
		}
		return lvNone
	}
	if !present {
		switch {
		case c.op.IfExist:
			return lvClean
		case c.neg:
			st.assume(AssumeAbsentKeyNegated, int(c.idx), "")
			return lvAssumed
		case c.op.Qualifier == QualifierForAllValue:
			st.assume(AssumeAbsentKeyForAll, int(c.idx), "")
			return lvAssumed
		}
		return lvNone
	}
	best, start := lvNone, st.n
	if c.every {
		best = lvClean
	}
	for _, v := range vals.vals {
		if vals.strip != "" {
			if !strings.HasPrefix(v, vals.strip) {
				continue
			}
			v = v[len(vals.strip):]
		}
		mark := st.n
		lv := c.test(st, v)
		if c.neg {
			lv = negate(lv)
		}
		if c.every {
			if best = min(best, lv); best == lvNone {
				return lvNone
			}
			continue
		}
		if st.keep(&best, lv, start, mark) {
			return lvClean
		}
	}
	return best
}

// negate is the negation of a level: a match that needed the broad reading
// stays one, since its negation also holds for the values the reading covers.
func negate(lv level) level {
	switch lv {
	case lvClean:
		return lvNone
	case lvNone:
		return lvClean
	}
	return lvAssumed
}

// test reports whether one context value matches any policy value under the
// positive form of c's operator. A value that cannot be read as the
// operator's type matches nothing and is noted.
func (c *cCond) test(st *evalState, v string) level {
	op := c.pos
	switch c.typ {
	case TypeIP:
		ip := st.ip(v)
		if !ip.ok {
			st.note(c.idx, v)
			return lvNone
		}
		for k := range c.vals {
			if ip.within(&c.vals[k]) {
				return lvClean
			}
		}
	case TypeString:
		fold := op == OpStringEqualIgnoreCase
		best, start := lvNone, st.n
		for k := range c.vals {
			mark := st.n
			if st.keep(&best, c.vals[k].pat.match(st, v, fold), start, mark) {
				return lvClean
			}
		}
		return best
	case TypeBinary:
		best := lvNone
		for k := range c.vals {
			if c.vals[k].text == v {
				return lvClean
			}
			if best == lvNone && strings.EqualFold(c.vals[k].text, v) {
				best = lvAssumed
			}
		}
		if best == lvAssumed {
			st.assume(AssumeBinaryCase, int(c.idx), v)
		}
		return best
	case TypeNumeric:
		n, ok := st.number(v)
		if !ok {
			st.note(c.idx, v)
			return lvNone
		}
		for k := range c.vals {
			if compareHolds(op, cmpFloat(n, c.vals[k].num)) {
				return lvClean
			}
		}
	case TypeDate:
		t, ok := st.date(v)
		if !ok {
			st.note(c.idx, v)
			return lvNone
		}
		for k := range c.vals {
			if compareHolds(op, t.Compare(c.vals[k].t)) {
				return lvClean
			}
		}
	case TypeBool:
		b, ok := ParseBool(v)
		if !ok {
			st.note(c.idx, v)
			return lvNone
		}
		for k := range c.vals {
			if c.vals[k].b == b {
				return lvClean
			}
		}
	}
	return lvNone
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareHolds reports whether the comparison result cmp (context value
// compared with policy value) satisfies the positive operator op.
func compareHolds(op Op, cmp int) bool {
	switch op {
	case OpNumericEqual, OpDateEqual:
		return cmp == 0
	case OpNumericLessThan, OpDateLessThan:
		return cmp < 0
	case OpNumericLessThanEqual, OpDateLessThanEqual:
		return cmp <= 0
	case OpNumericGreaterThan, OpDateGreaterThan:
		return cmp > 0
	case OpNumericGreaterThanEqual, OpDateGreaterThanEqual:
		return cmp >= 0
	}
	return false
}
