package policy

// Edit distance for "did you mean" suggestions.

// Nearest returns the candidate that name most likely misspells, for a "did
// you mean" hint, and whether there is one.
//
// Closeness is the optimal-string-alignment distance, ignoring ASCII case:
// inserting, deleting or changing one byte, or swapping two adjacent ones,
// each count as one edit ("StopInstnaces" is one edit from "StopInstances").
// A candidate is close when it is at most one edit from a name of up to 4
// bytes, two from a name of up to 12 and three from a longer one. Bytes
// outside ASCII compare exactly.
//
// A candidate that differs from name only in ASCII letter case is the nearest
// of all, the first such one winning; a candidate equal to name is never
// returned. Among equally close candidates, one holding the same letters as
// name (a swap, "cmv" for "cvm") wins over others ("cme"), then the first in
// candidates' order. An empty name has no suggestion.
//
// Most candidates are ruled out by their length or letter counts without
// computing a distance, so searching thousands of names is cheap. Nearest
// allocates only to compare names of 128 bytes or more.
func Nearest(name string, candidates []string) (string, bool) {
	return nearestCandidate(name, candidates, true)
}

// suggestDistance is the optimal-string-alignment distance between a and b,
// ignoring ASCII case: insertions, deletions, substitutions and transpositions
// of adjacent characters each cost 1 ("StopInstnaces" is 1 from
// "StopInstances"). It returns limit+1 for any distance above limit, and so
// computes only the cells of the table within limit of its diagonal (a cell
// farther off is at least that far) and gives up as soon as a row is all
// above limit: comparing against thousands of names stays cheap. It
// allocates only when b is 128 bytes or longer.
func suggestDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if limit > 127 {
		return limit + 1
	}
	// Cells hold min(distance, far); far stands for "above limit".
	far := uint8(limit + 1)
	clamp := func(v int) uint8 { return uint8(min(v, limit+1)) }
	var stack [3][128]uint8
	prev2, prev, cur := stack[0][:], stack[1][:], stack[2][:]
	if len(b) >= len(stack[0]) {
		rows := make([]uint8, 3*(len(b)+1))
		prev2, prev, cur = rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)], rows[2*(len(b)+1):]
	}
	for j := 0; j <= len(b); j++ {
		prev[j] = clamp(j)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		// The cells the band reads but does not compute: left of it in this
		// row, and right of the previous row's band.
		if lo == 1 {
			cur[0] = clamp(i)
		} else {
			cur[lo-1] = far
		}
		if i+limit <= len(b) {
			prev[i+limit] = far
		}
		best := cur[lo-1]
		ai := lowerASCII(a[i-1])
		for j := lo; j <= hi; j++ {
			bj := lowerASCII(b[j-1])
			cost := uint8(1)
			if ai == bj {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, far)
			if i > 1 && j > 1 && ai == lowerASCII(b[j-2]) && lowerASCII(a[i-2]) == bj {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best >= far {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
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
// whether one was found, as [Nearest] does, except that a candidate equal to
// s ignoring case is never returned: the catalogue looks names up without
// case before it suggests, and a pattern's literal prefix that some action
// shares is not a mistake of spelling.
func nearest(s string, candidates []string) (string, bool) {
	return nearestCandidate(s, candidates, false)
}

// nearestCandidate is Nearest (caseOnly set: a candidate differing from s
// only in case wins) and nearest (caseOnly clear: such a candidate is
// skipped).
func nearestCandidate(s string, candidates []string, caseOnly bool) (string, bool) {
	if s == "" {
		return "", false
	}
	limit := suggestLimit(len(s))
	best, bestD, bestAnagram := "", limit+1, false
	var bag letterBag
	bag.add(s)
	for _, c := range candidates {
		if d := len(c) - len(s); d > limit || -d > limit {
			continue
		}
		if len(c) == len(s) && asciiEqualFold(c, s) {
			if caseOnly && c != s {
				return c, true
			}
			continue
		}
		// Each edit changes the letter counts by at most two: a candidate
		// whose counts differ by more than twice the limit is too far, and is
		// ruled out without the table.
		if bag.difference(c) > 2*min(limit, bestD) {
			continue
		}
		d := suggestDistance(s, c, min(limit, bestD))
		if d > limit {
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

// letterBag counts the bytes of a name, ignoring ASCII case; bytes that agree
// in their low six bits share a count, which only makes difference smaller.
type letterBag struct {
	count [64]int32
	n     int
}

func (b *letterBag) add(s string) {
	for i := 0; i < len(s); i++ {
		b.count[lowerASCII(s[i])&63]++
	}
	b.n += len(s)
}

// difference returns the sum over bytes of how much their counts in b and in
// s differ: at most twice the edit distance between b's name and s.
func (b *letterBag) difference(s string) int {
	count := b.count
	diff := b.n
	for i := 0; i < len(s); i++ {
		k := lowerASCII(s[i]) & 63
		if count[k] > 0 {
			diff--
		} else {
			diff++
		}
		count[k]--
	}
	return diff
}
