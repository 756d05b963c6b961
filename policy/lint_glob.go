package policy

// Glob matching and glob subsumption for lint rules, the action catalogue,
// access levels and other packages' reading of policies. '*' is the only
// wildcard and matches any run of characters; fold compares ASCII letters
// without regard to case (how allow statements match action names).

// MatchPattern reports whether s matches pattern, a glob in CAM's wildcard
// syntax: '*' matches any run of bytes, none included, and every other byte,
// '?' among them, matches only itself. Letter case counts, as when deny
// statements match action names (docs/semantics.md §2). It is how an action
// pattern ("cvm:Describe*") matches an action name. The whole of s is one
// glob: a '*' matches ':' and '/' too, so on six-segment resource names it
// reads more broadly than the evaluator, which keeps a '*' in the first five
// segments within its segment (§3): match resources with [MatchResource] and
// compare resource patterns with [Resource.Covers]. Policy variables are not
// substituted: "${uin}" is literal text.
//
// A '*' in s is an ordinary byte that only a '*' of pattern matches, so
// MatchPattern(a, b) on two patterns is a sound test that a matches every
// string b matches: it never reports containment that does not hold.
//
// MatchPattern never allocates. On input longer than a few hundred bytes its
// time is linear in len(pattern)+len(s).
func MatchPattern(pattern, s string) bool {
	return lintGlobMatch(pattern, s, false)
}

// MatchPatternFold is [MatchPattern] comparing ASCII letters without regard
// to case, the way allow statements match action names ("sts:assume*"
// matches "sts:AssumeRole"). Bytes outside ASCII compare exactly.
func MatchPatternFold(pattern, s string) bool {
	return globMatchFold(pattern, s)
}

// lintGlobMatch reports whether s matches pattern.
//
// It is also the subsumption test of two globs: lintGlobMatch(a, b, fold)
// reports whether a matches every string the glob b matches. A '*' in s is
// an ordinary byte, and the only byte of pattern that can take it is a '*'
// (every other byte of pattern must equal it, and no other byte equals
// '*', even ignoring case), so each '*' of b is absorbed by a '*' of a. That
// is exact: read b's '*' as a letter a does not name; a string b matches
// with such letters in place of its '*'s escapes a unless a's '*'s absorb
// them, and then they absorb any text in their place.
//
// It runs in O(len(pattern)+len(s)) time without allocating (globMatchString).
func lintGlobMatch(pattern, s string, fold bool) bool {
	return globMatchString(pattern, s, fold)
}

// globMatchFold reports whether s matches pattern, comparing ASCII letters
// without regard to case (the catalogue's and access levels' reading).
func globMatchFold(pattern, s string) bool {
	return globMatchString(pattern, s, true)
}

// isAllActions reports whether a is "*" or "*:*": every API of every service.
func isAllActions(a Action) bool { return a.All || (a.Service == "*" && a.Name == "*") }

// lintActionCovers reports whether action pattern a matches the concrete action
// target ("service:ApiName"), ignoring case as allow statements do when fold is
// set. A permid action matches no API name.
func lintActionCovers(a Action, target string, fold bool) bool {
	if a.All {
		return true
	}
	if a.PermID {
		return false
	}
	return lintGlobMatch(a.Service+":"+a.Name, target, fold)
}

// lintActionSubsumes reports whether every action b matches, a matches too.
// "*" covers everything; a permid action is covered only by "*" or by the same
// permid action.
func lintActionSubsumes(a, b lintAction, fold bool) bool {
	switch {
	case a.All:
		return true
	case b.All:
		return false
	case a.PermID || b.PermID:
		return a.PermID && b.PermID && a.ID == b.ID
	}
	return lintGlobMatch(a.body, b.body, fold)
}

// lintResourceSubsumes reports whether a statement on resource a matches
// every request a statement on b matches: b's text itself, or [Resource.Covers]
// (docs/semantics.md §3). Both statements read one request, so a policy
// variable takes the same value in both: identical resources cover each
// other even with variables, which Covers alone does not claim.
func lintResourceSubsumes(a, b Resource) bool {
	return a == b || a.Covers(b)
}

func lintSegmentSubsumes(a, b string) bool {
	switch {
	case a == "":
		return true
	case b == "":
		// b means "all": only a segment of stars matches every value.
		for i := 0; i < len(a); i++ {
			if a[i] != '*' {
				return false
			}
		}
		return true
	}
	return lintGlobMatch(a, b, false)
}
