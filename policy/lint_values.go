package policy

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// valueDuplicate reports a value repeated in one list: an action (also when
// one is written with the "name/" prefix and the other without), a resource, a
// principal entry, or a condition key's value (same JSON type and text).
// Canonical output drops exact duplicates; they still suggest a copy-paste slip
// where a different value was meant.
func (l *linter) valueDuplicate() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		l.duplicateStrings(pathField(ls.path, "action"), ls.Action, func(s string) string { return strings.TrimPrefix(s, "name/") })
		l.duplicateStrings(pathField(ls.path, "resource"), ls.Resource, nil)
		if p := ls.Principal; p != nil {
			pp := pathField(ls.path, "principal")
			l.duplicateStrings(pathField(pp, "qcs"), p.QCS, nil)
			l.duplicateStrings(pathField(pp, "service"), p.Service, nil)
			l.duplicateStrings(pathField(pp, "federated"), p.Federated, nil)
		}
		cp := pathField(ls.path, "condition")
		for _, opName := range slices.Sorted(maps.Keys(ls.Condition)) {
			keys := ls.Condition[opName]
			for _, key := range slices.Sorted(maps.Keys(keys)) {
				kp := pathKey(pathField(cp, opName), key)
				lintValueRepeats(keys[key], func(j, k int) {
					l.report(RuleValueDuplicate, pathIndex(kp, j), "%s repeats value [%d]", lintValueText(keys[key][j]), k)
				})
			}
		}
	}
}

// duplicateStrings reports entries of list equal to an earlier one after norm
// (nil: compared as written).
func (l *linter) duplicateStrings(path string, list []string, norm func(string) string) {
	seen := make(map[string]int, len(list))
	for j, s := range list {
		k := s
		if norm != nil {
			k = norm(s)
		}
		first, dup := seen[k]
		if !dup {
			seen[k] = j
			continue
		}
		if list[first] == s {
			l.report(RuleValueDuplicate, pathIndex(path, j), "%s repeats [%d]", quote(s), first)
		} else {
			l.report(RuleValueDuplicate, pathIndex(path, j), "%s is the same as [%d] %s", quote(s), first, quote(list[first]))
		}
	}
}

// lintValueRepeats calls repeat(j, k) for each value vals[j] equal (same
// JSON type and text) to an earlier one, vals[k] the first of them. Short
// lists are searched, long ones hashed, so the cost is linear.
func lintValueRepeats(vals []Value, repeat func(j, k int)) {
	if len(vals) <= 8 {
		for j, v := range vals {
			if k := slices.Index(vals[:j], v); k >= 0 {
				repeat(j, k)
			}
		}
		return
	}
	first := make(map[Value]int, len(vals))
	for j, v := range vals {
		if k, ok := first[v]; ok {
			repeat(j, k)
			continue
		}
		first[v] = j
	}
}

// lintValueText writes a condition value as JSON would: strings quoted,
// numbers and booleans bare.
func lintValueText(v Value) string {
	if v.Kind == KindString {
		return quote(v.Text)
	}
	return v.Text
}

// documentLong reports a document whose canonical text is longer than
// LintDocumentLength characters.
func (l *linter) documentLong() {
	if n := utf8.RuneCountInString(l.doc.Canonical()); n > LintDocumentLength {
		l.report(RuleDocumentLong, "", "the document is %d characters long in canonical form; older Tencent pages quote a limit of %d (CAM now accepts %d), so split it or use wildcards with care",
			n, LintDocumentLength, MaxDocumentLength)
	}
}
