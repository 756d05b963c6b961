package policy

import "testing"

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
	if len(a) > 127 || len(b) > 127 {
		return
	}
	want := min(distanceTable(a, b), limit+1)
	if got := suggestDistance(a, b, limit); got != want {
		t.Errorf("suggestDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
	}
}

func TestSuggestDistanceAgreesWithTable(t *testing.T) {
	t.Parallel()
	words := []string{"", "a", "ab", "ba", "cvm", "cmv", "CVM", "StopInstances", "StopInstnaces", "StartInstances",
		"stopinstances", "DescribeInstances", "DescribeInstance", "DescribeInstancesStatus", "abcdef", "badcfe",
		"RunInstances", "RunInstance", "xRunInstances", "Instances", "GetObject", "GetBucket", "ca", "abc", "acb"}
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
