package policy

import (
	"strings"
	"testing"
)

// allStrings returns every string over alphabet of length at most n.
func allStrings(alphabet string, n int) []string {
	out := []string{""}
	layer := []string{""}
	for range n {
		var next []string
		for _, s := range layer {
			for _, c := range alphabet {
				next = append(next, s+string(c))
			}
		}
		out = append(out, next...)
		layer = next
	}
	return out
}

// TestLintGlobSubsumesBruteForce checks lintGlobMatch as the subsumption test
// of two globs against its definition on every pair of short patterns: a
// covers b exactly when every string b matches, a matches. Strings use a letter no pattern contains, which stands
// for every character the patterns do not name.
func TestLintGlobSubsumesBruteForce(t *testing.T) {
	patterns := allStrings("ab*", 4)
	strs := allStrings("abz", 6)
	matched := make(map[string][]string, len(patterns))
	for _, p := range patterns {
		for _, s := range strs {
			if lintGlobMatch(p, s, false) {
				matched[p] = append(matched[p], s)
			}
		}
	}
	for _, a := range patterns {
		for _, b := range patterns {
			want := true
			for _, s := range matched[b] {
				if !lintGlobMatch(a, s, false) {
					want = false
					break
				}
			}
			// Strings up to length 6 decide for patterns of length 4: a
			// counterexample needs at most len(b) literals plus one character per
			// star of b.
			if got := lintGlobMatch(a, b, false); got != want {
				t.Errorf("lintGlobMatch(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestResourceCoversBruteForce checks Covers against its definition for
// every pair of short patterns varying in region and path: a covers b
// exactly when every name b matches (by MatchResource), a matches. Names use
// a letter no pattern holds, which stands for every character the patterns
// do not name, and are long enough to show any pattern's escape.
func TestResourceCoversBruteForce(t *testing.T) {
	t.Parallel()
	var patterns []string
	for _, region := range allStrings("a*", 2) {
		for _, path := range allStrings("a/*", 2)[1:] {
			patterns = append(patterns, "qcs::cvm:"+region+":uin/1:"+path)
		}
	}
	var names []string
	for _, region := range allStrings("az", 2) {
		for _, path := range allStrings("a/z", 3) {
			names = append(names, "qcs::cvm:"+region+":uin/1:"+path)
		}
	}
	matched := make([][]bool, len(patterns))
	for i, p := range patterns {
		matched[i] = make([]bool, len(names))
		for j, n := range names {
			ok, err := MatchResource(p, n)
			if err != nil {
				t.Fatal(err)
			}
			matched[i][j] = ok
		}
	}
	for i, a := range patterns {
		ra, _ := ParseResource(a)
		for k, b := range patterns {
			rb, _ := ParseResource(b)
			want := true
			for j := range names {
				if matched[k][j] && !matched[i][j] {
					want = false
					break
				}
			}
			if got := ra.Covers(rb); got != want {
				t.Errorf("%q.Covers(%q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestLintGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		fold       bool
		match      bool // s matches pattern, or (for a glob s) pattern covers s
	}{
		{"cvm:Describe*", "cvm:DescribeInstances", false, true},
		{"cvm:Describe*", "cvm:describeInstances", false, false},
		{"cvm:Describe*", "cvm:describeInstances", true, true},
		{"*:Describe*", "cvm:Describe*", false, true},
		{"cvm:*", "*:*", false, false},
		{"cos:*Bucket*", "cos:GetBucketAcl", false, true},
		{"a*b*c", "a*c", false, false},
		{"a*c", "a*b*c", false, true},
		{"*", "", false, true},
		{"", "*", false, false},
		{strings.Repeat("*a", 20) + "b", strings.Repeat("a", 60), false, false},
	}
	for _, tt := range tests {
		if got := lintGlobMatch(tt.pattern, tt.s, tt.fold); got != tt.match {
			t.Errorf("lintGlobMatch(%q, %q, %v) = %v, want %v", tt.pattern, tt.s, tt.fold, got, tt.match)
		}
	}
}

func TestLintResourceSubsumes(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", true},
		{"qcs::cvm::uin/1:*", "*", false},
		{"qcs::cvm::uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", true},
		{"qcs::cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm::uin/1:instance/ins-1", false},
		{"qcs::cvm:*:uin/1:instance/*", "qcs::cvm::uin/1:instance/ins-1", true},
		{"qcs::cvm:ap-*:uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", true},
		{"qcs::cvm:ap-*:uin/1:instance/*", "qcs::cvm:eu-frankfurt:uin/1:instance/ins-1", false},
		{"qcs::cos:ap-guangzhou:uid/1:b-1/*", "qcs::cos:ap-guangzhou:uid/1:b-1/a/b:c/*", true},
		{"qcs::cos:ap-guangzhou:uid/1:b-1/logs/*", "qcs::cos:ap-guangzhou:uid/1:b-1/*", false},
		{"qcs::cam::uin/1:uin/${uin}", "qcs::cam::uin/1:uin/${uin}", true},
		{"qcs::cam::uin/1:uin/${uin}", "qcs::cam::uin/1:uin/2", false},
		{"qcs::cam::uin/1:uin/*", "qcs::cam::uin/1:uin/${uin}", true},
		{"qcs::cam::uin/1:uin/*", "qcs::cam::uin/2:uin/3", false},
		{"qcs::cam::uin/1:uin/$*", "qcs::cam::uin/1:uin/${uin}", false}, // "$*" does not cover every value of ${uin}
		{"qcs::cam::uin/1:uin/${uin}*", "qcs::cam::uin/1:uin/${uin}x", false},
	}
	for _, tt := range tests {
		a, errA := ParseResource(tt.a)
		b, errB := ParseResource(tt.b)
		if errA != nil || errB != nil {
			t.Fatalf("ParseResource: %v, %v", errA, errB)
		}
		if got := lintResourceSubsumes(a, b); got != tt.want {
			t.Errorf("lintResourceSubsumes(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestComparePaths(t *testing.T) {
	ordered := []string{
		"",
		"statement[2]",
		"statement[2].action[9]",
		"statement[2].action[10]",
		"statement[10]",
		"statement[010].resource[0]",
		"statement[11]",
	}
	for i := range ordered {
		for j := range ordered {
			got := comparePaths(ordered[i], ordered[j])
			if (i < j && got >= 0) || (i > j && got <= 0) || (i == j && got != 0) {
				t.Errorf("comparePaths(%q, %q) = %d", ordered[i], ordered[j], got)
			}
		}
	}
}
