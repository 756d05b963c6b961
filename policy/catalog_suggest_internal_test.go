package policy

import (
	"slices"
	"strings"
	"testing"
)

// distanceTable is suggestDistance computed the plain way: the whole table,
// without a limit.
func distanceTable(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if lowerASCII(a[i-1]) == lowerASCII(b[j-1]) {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && lowerASCII(a[i-1]) == lowerASCII(b[j-2]) && lowerASCII(a[i-2]) == lowerASCII(b[j-1]) {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// checkDistance checks suggestDistance(a, b, limit) against distanceTable.
func checkDistance(t *testing.T, a, b string, limit int) {
	t.Helper()
	want := min(distanceTable(a, b), limit+1)
	if got := suggestDistance(a, b, limit); got != want {
		t.Errorf("suggestDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
	}
}

func TestSuggestDistanceAgreesWithTable(t *testing.T) {
	t.Parallel()
	words := []string{"", "a", "ab", "ba", "cvm", "cmv", "CVM", "StopInstances", "StopInstnaces", "StartInstances",
		"stopinstances", "DescribeInstances", "DescribeInstance", "DescribeInstancesStatus", "abcdef", "badcfe",
		"RunInstances", "RunInstance", "xRunInstances", "Instances", "GetObject", "GetBucket", "ca", "abc", "acb",
		// Past the 128 bytes kept on the stack.
		strings.Repeat("Ab", 64), strings.Repeat("aB", 64) + "c", strings.Repeat("ab", 63) + "ba", strings.Repeat("x", 200)}
	for _, a := range words {
		for _, b := range words {
			for limit := 0; limit <= 4; limit++ {
				checkDistance(t, a, b, limit)
			}
		}
	}
}

func FuzzSuggestDistance(f *testing.F) {
	f.Add("StopInstnaces", "StopInstances", 2)
	f.Add("cmv", "cvm", 1)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		checkDistance(t, a, b, (limit%6+6)%6)
	})
}

// TestLetterBagBoundsDistance checks that difference never rules out a name
// within the limit: it is at most twice the edit distance.
func TestLetterBagBoundsDistance(t *testing.T) {
	t.Parallel()
	words := []string{"", "a", "ab", "ba", "cvm", "cmv", "StopInstances", "StopInstnaces", "StartInstances",
		"DescribeInstances", "DescribeInstance", "abcdef", "badcfe", "\u00e9t\u00e9", "A\x01a", "~^"}
	for _, a := range words {
		var bag letterBag
		bag.add(a)
		for _, b := range words {
			if d, got := distanceTable(a, b), bag.difference(b); got > 2*d {
				t.Errorf("difference(%q, %q) = %d, more than twice the distance %d", a, b, got, d)
			}
		}
	}
}

func FuzzLetterBag(f *testing.F) {
	f.Add("StopInstnaces", "StopInstances")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 64 || len(b) > 64 {
			return
		}
		var bag letterBag
		bag.add(a)
		if d, got := distanceTable(a, b), bag.difference(b); got > 2*d {
			t.Errorf("difference(%q, %q) = %d, more than twice the distance %d", a, b, got, d)
		}
	})
}

// nearestRef is Nearest by its definition: the whole distance table for
// every candidate, no bound and no letter-count filter.
func nearestRef(name string, candidates []string) (string, bool) {
	if name == "" {
		return "", false
	}
	for _, c := range candidates {
		if c != name && distanceTable(name, c) == 0 {
			return c, true // differs only in case
		}
	}
	limit := suggestLimit(len(name))
	best, bestD, bestSame := "", limit+1, false
	for _, c := range candidates {
		d := distanceTable(name, c)
		if d == 0 || d > limit {
			continue
		}
		same := sortedFold(name) == sortedFold(c)
		if d < bestD || (d == bestD && same && !bestSame) {
			best, bestD, bestSame = c, d, same
		}
	}
	return best, bestD <= limit
}

// sortedFold returns the bytes of s, ASCII letters lowered, in order.
func sortedFold(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	slices.Sort(b)
	return string(b)
}

// checkNearest checks Nearest against nearestRef, and nearest against
// nearestRef with the candidates equal to name ignoring case left out.
func checkNearest(t *testing.T, name string, candidates []string) {
	t.Helper()
	gotS, gotOK := Nearest(name, candidates)
	if wantS, wantOK := nearestRef(name, candidates); gotS != wantS || gotOK != wantOK {
		t.Errorf("Nearest(%q, %q) = %q, %v; want %q, %v", name, candidates, gotS, gotOK, wantS, wantOK)
	}
	var others []string
	for _, c := range candidates {
		if !asciiEqualFold(c, name) {
			others = append(others, c)
		}
	}
	gotS, gotOK = nearest(name, candidates)
	if wantS, wantOK := nearestRef(name, others); gotS != wantS || gotOK != wantOK {
		t.Errorf("nearest(%q, %q) = %q, %v; want %q, %v", name, candidates, gotS, gotOK, wantS, wantOK)
	}
}

func TestNearestAgreesWithReference(t *testing.T) {
	t.Parallel()
	words := []string{"", "a", "A", "ab", "ba", "cvm", "cmv", "CVM", "cme", "cvn", "StopInstances", "StopInstnaces",
		"stopinstances", "StartInstances", "DescribeInstances", "DescribeInstance", "abcd", "abdc", "abxd", "abcdefghijkl",
		"abcdefghijxy", "abcdefghijklm", "abcdefghijxyz", "DevOps-Deploy-Prod", "DevOps-Deploy-Dev", "devops-deploy-prd",
		strings.Repeat("a", 130) + "x", strings.Repeat("a", 130) + "y", strings.Repeat("A", 130) + "X"}
	for _, name := range words {
		checkNearest(t, name, words)
		for i := range words {
			checkNearest(t, name, words[i:])
			checkNearest(t, name, words[:i])
		}
	}
}

// FuzzNearest checks Nearest and nearest against the reference on a name and
// up to eight candidates, given as one string split at commas.
func FuzzNearest(f *testing.F) {
	f.Add("StopInstnaces", "StartInstances,StopInstances,stopinstances")
	f.Add("cmv", "cme,cvm,CMV,cmv")
	f.Add("abcdefghijklm", "abcdefghijxyz,abcdefghijkl")
	f.Add("", "a,b")
	f.Fuzz(func(t *testing.T, name, list string) {
		candidates := strings.Split(list, ",")
		if len(candidates) > 8 || len(name) > 300 || len(list) > 2400 {
			t.Skip("too large for the reference")
		}
		checkNearest(t, name, candidates)
	})
}
