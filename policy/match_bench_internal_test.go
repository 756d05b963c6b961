package policy

import "testing"

// BenchmarkGlobMatch times globMatch on the short patterns and names of real
// policies, where the segment matcher must be as fast as the backtracking
// one it replaced.
func BenchmarkGlobMatch(b *testing.B) {
	cases := []struct {
		name, pattern, s string
		fold             bool
	}{
		{"infix-hit", "Describe*Instances", "DescribeInstances", false},
		{"infix-fold-hit", "Describe*Instances", "describeinstances", true},
		{"contains-hit", "*Bucket*", "PutBucketAcl", false},
		{"contains-fold-miss", "*Bucket*", "DescribeInstancesStatus", true},
		{"suffix-miss", "*Object", "GetObjectAcl", false},
		{"path-hit", "logs/*/2026/*.gz", "logs/web/2026/11/29/access.gz", false},
		{"var-hit", "home/${uin}/*", "home/100000000002/notes.txt", false},
	}
	st := testState(Request{Context: map[string][]string{KeyUIN: {"100000000002"}}})
	for _, c := range cases {
		p, err := compilePattern(c.pattern, true)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				globMatch(p.pieces, c.s, c.fold, &st)
			}
		})
	}
}
