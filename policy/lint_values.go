package policy

import (
	"strings"
	"unicode/utf8"
)

// valueDuplicate reports a value repeated in one list: an action (also when
// one is written with the "name/" prefix and the other without), a resource, a
// principal entry, or a condition key's value (same JSON type and text).
// Canonical output drops exact duplicates; they still suggest a copy-paste slip
// where a different value was meant.
//
// Short lists are searched and long ones hashed, so the cost is linear in the
// size of the document; paths are built only for findings.
func (l *linter) valueDuplicate() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		l.duplicateStrings(ls.path, "action", ls.Action, true)
		l.duplicateStrings(ls.path, "resource", ls.Resource, false)
		if p := ls.Principal; p != nil {
			l.duplicateStrings(ls.path, "principal.qcs", p.QCS, false)
			l.duplicateStrings(ls.path, "principal.service", p.Service, false)
			l.duplicateStrings(ls.path, "principal.federated", p.Federated, false)
		}
		// Findings are sorted at the end, so the maps' order does not matter.
		for opName, keys := range ls.Condition {
			for key, vals := range keys {
				lintRepeats(len(vals), func(j int) Value { return vals[j] }, func(j, k int) {
					kp := pathKey(pathField(pathField(ls.path, "condition"), opName), key)
					l.report(RuleValueDuplicate, pathIndex(kp, j), "%s repeats value [%d]", lintValueText(vals[j]), k)
				})
			}
		}
	}
}

// duplicateStrings reports entries of list, the field of the statement at
// parent, equal to an earlier one; actions (names set) are compared without
// a "name/" prefix.
func (l *linter) duplicateStrings(parent, field string, list []string, names bool) {
	key := func(j int) string { return list[j] }
	if names {
		key = func(j int) string { return strings.TrimPrefix(list[j], "name/") }
	}
	lintRepeats(len(list), key, func(j, first int) {
		path := pathIndex(pathField(parent, field), j)
		if s := list[j]; list[first] == s {
			l.report(RuleValueDuplicate, path, "%s repeats [%d]", quote(s), first)
		} else {
			l.report(RuleValueDuplicate, path, "%s is the same as [%d] %s", quote(s), first, quote(list[first]))
		}
	})
}

// lintRepeats calls repeat(j, k) for each of n entries whose key(j) equals
// that of an earlier entry, k the first of them. Up to 8 entries are
// compared with each other; more are hashed, so the cost is linear.
func lintRepeats[K comparable](n int, key func(int) K, repeat func(j, k int)) {
	if n <= 8 {
		for j := 1; j < n; j++ {
			kj := key(j)
			for k := 0; k < j; k++ {
				if key(k) == kj {
					repeat(j, k)
					break
				}
			}
		}
		return
	}
	first := make(map[K]int, n)
	for j := range n {
		kj := key(j)
		if k, ok := first[kj]; ok {
			repeat(j, k)
			continue
		}
		first[kj] = j
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
