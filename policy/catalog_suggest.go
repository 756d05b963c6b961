package policy

// Edit distance for "did you mean" suggestions.

// suggestDistance is the optimal-string-alignment distance between a and b,
// ignoring ASCII case: insertions, deletions, substitutions and transpositions
// of adjacent characters each cost 1 ("StopInstnaces" is 1 from
// "StopInstances"). It gives up and returns limit+1 as soon as the distance must
// exceed limit, so comparing against thousands of names stays cheap.
func suggestDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(b) > 127 || len(a) > 127 {
		return limit + 1
	}
	var rows [3][128]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		ai := lowerASCII(a[i-1])
		for j := 1; j <= len(b); j++ {
			bj := lowerASCII(b[j-1])
			cost := 1
			if ai == bj {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ai == lowerASCII(b[j-2]) && lowerASCII(a[i-2]) == bj {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// suggestLimit is the largest edit distance at which a name of length n still
// counts as "close": one edit for short names, two for ordinary API names,
// three for long ones.
func suggestLimit(n int) int {
	switch {
	case n <= 4:
		return 1
	case n <= 12:
		return 2
	default:
		return 3
	}
}

// nearest returns the candidate closest to s within suggestLimit(len(s)), and
// whether one was found. A candidate equal to s ignoring case is never
// returned: s is then not a mistake of spelling. Among equally close
// candidates, one with the same letters as s (a transposition, "cmv" and
// "cvm") wins over a substitution ("cme"), then the first in candidates' order.
func nearest(s string, candidates []string) (string, bool) {
	limit := suggestLimit(len(s))
	best, bestD, bestAnagram := "", limit+1, false
	for _, c := range candidates {
		d := suggestDistance(s, c, min(limit, bestD))
		if d == 0 || d > limit {
			continue
		}
		if d < bestD || (d == bestD && !bestAnagram && sameLetters(s, c)) {
			best, bestD, bestAnagram = c, d, sameLetters(s, c)
		}
	}
	return best, bestD <= limit
}

// sameLetters reports whether a and b hold the same bytes, ignoring ASCII
// case and order.
func sameLetters(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	var count [256]int
	for i := 0; i < len(a); i++ {
		count[lowerASCII(a[i])]++
		count[lowerASCII(b[i])]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
