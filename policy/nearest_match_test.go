package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestNearest(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 150)
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"StopInstnaces", []string{"StartInstances", "StopInstances"}, "StopInstances"},
		{"DevOps-Deploy-Prd", []string{"DevOps-Deploy-Dev", "DevOps-Deploy-Prod"}, "DevOps-Deploy-Prod"},
		// Only case differs: the nearest of all, the first such one.
		{"devops-deploy-dev", []string{"DevOps-Deploy-Dve", "DevOps-Deploy-Dev", "DEVOPS-DEPLOY-DEV"}, "DevOps-Deploy-Dev"},
		{"cvm", []string{"cvm"}, ""},
		{"cvm", []string{"cvm", "CVM"}, "CVM"},
		// A swap wins over an earlier substitution; then the first wins.
		{"cmv", []string{"cme", "cvm"}, "cvm"},
		{"cmv", []string{"cma", "cmb"}, "cma"},
		{"", []string{"", "a"}, ""},
		// One edit up to 4 bytes, two up to 12, three beyond.
		{"abcd", []string{"abxy"}, ""},
		{"abcd", []string{"abxd"}, "abxd"},
		{"abcdefghijkl", []string{"abcdefghixyz"}, ""},
		{"abcdefghijkl", []string{"abcdefghijxy"}, "abcdefghijxy"},
		{"abcdefghijklm", []string{"abcdefghijxyz"}, "abcdefghijxyz"},
		{"abcdefghijklm", []string{"abcdefghiwxyz"}, ""},
		{"Something-Else", []string{"DevOps-Deploy-Prod", "Billing-View"}, ""},
		{long + "xy", []string{long + "yx"}, long + "yx"},
		{"cvm", nil, ""},
	}
	for _, tt := range tests {
		got, ok := policy.Nearest(tt.name, tt.candidates)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Nearest(%.20q, %.40q) = %q, %v; want %q", tt.name, tt.candidates, got, ok, tt.want)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s  string
		match, fold bool
	}{
		{"*", "", true, true},
		{"*", "x", true, true},
		{"", "", true, true},
		{"a", "", false, false},
		{"cvm:Describe*", "cvm:DescribeInstances", true, true},
		{"cvm:Describe*", "cvm:describeinstances", false, true},
		{"cvm:Describe*", "cvm:RunInstances", false, false},
		{"Assume*", "assumerole", false, true},
		{"*Role", "AssumeRole", true, true},
		{"A*e*R*", "AssumeRole", true, true},
		{"Get*", "AssumeRole", false, false},
		{"cos:*Bucket*", "cos:PutBucketAcl", true, true},
		{"a*b*c", "abcabc", true, true},
		{"a*b*c", "abcab", false, false},
		// '?' is no wildcard; '*' spans ':' and '/'.
		{"cvm:Describe?", "cvm:DescribeX", false, false},
		{"cvm:Describe?", "cvm:Describe?", true, true},
		{"qcs::cos:*:*:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/logs/a.log", true, true},
		// A pattern covers a pattern: its '*' absorbs the other's.
		{"cvm:*", "cvm:Describe*", true, true},
		{"cvm:Describe*", "cvm:*", false, false},
		// Folding is ASCII only; other bytes compare exactly.
		{"é*", "É", false, false},
		{"*k", "\u212a", false, false},
		{"${uin}", "${UIN}", false, true},
		// Long input takes the linear matcher.
		{"*" + strings.Repeat("ab", 200) + "*", strings.Repeat("a", 300) + strings.Repeat("AB", 200), false, true},
		{"*" + strings.Repeat("ab", 200) + "c", strings.Repeat("ab", 400), false, false},
	}
	for _, tt := range tests {
		if got := policy.MatchPattern(tt.pattern, tt.s); got != tt.match {
			t.Errorf("MatchPattern(%.40q, %.40q) = %v", tt.pattern, tt.s, got)
		}
		if got := policy.MatchPatternFold(tt.pattern, tt.s); got != tt.fold {
			t.Errorf("MatchPatternFold(%.40q, %.40q) = %v", tt.pattern, tt.s, got)
		}
	}
}

// TestNearestMatchPatternAllocate checks what the doc comments promise:
// Nearest allocates nothing for names under 128 bytes, MatchPattern and
// MatchPatternFold nothing at all.
func TestNearestMatchPatternAllocate(t *testing.T) {
	roles := []string{"DevOps-Deploy-Prod", "DevOps-Deploy-Dev", "Billing-View", "devops-deploy-prd"}
	long := strings.Repeat("ab", 300)
	pattern, s := "*"+long+"*", "x"+long
	for name, f := range map[string]func(){
		"Nearest":          func() { policy.Nearest("DevOps-Deploy-Prd", roles) },
		"MatchPattern":     func() { policy.MatchPattern(pattern, s) },
		"MatchPatternFold": func() { policy.MatchPatternFold("A*B*", "ab") },
	} {
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%s allocates %v times", name, n)
		}
	}
}

// refMatch is the definition MatchPattern and MatchPatternFold must agree
// with, spelt out as a recursion on the next byte of the pattern: a '*'
// matches nothing or one more byte of s, any other byte one equal byte.
// Memoised on the position in both, it runs in O(len(pattern)·len(s)).
func refMatch(pattern, s string, fold bool) bool {
	type at struct{ p, i int }
	memo := map[at]bool{}
	var match func(p, i int) bool
	match = func(p, i int) bool {
		if v, ok := memo[at{p, i}]; ok {
			return v
		}
		var v bool
		switch {
		case p == len(pattern):
			v = i == len(s)
		case pattern[p] == '*':
			v = match(p+1, i) || (i < len(s) && match(p, i+1))
		default:
			v = i < len(s) && sameByte(pattern[p], s[i], fold) && match(p+1, i+1)
		}
		memo[at{p, i}] = v
		return v
	}
	return match(0, 0)
}

func sameByte(a, b byte, fold bool) bool {
	if fold && a < 0x80 && b < 0x80 {
		return strings.EqualFold(string(rune(a)), string(rune(b)))
	}
	return a == b
}

func FuzzMatchPattern(f *testing.F) {
	for _, sd := range [][2]string{
		{"cvm:Describe*", "cvm:describeinstances"}, {"*Role", "AssumeRole"}, {"a*b*c", "abcabc"},
		{"cvm:Describe?", "cvm:DescribeX"}, {"cvm:*", "cvm:Describe*"}, {"*k", "\u212a"}, {"é*", "É"},
		{"*" + strings.Repeat("ab", 130) + "*", strings.Repeat("AB", 140)},
	} {
		f.Add(sd[0], sd[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 600 || len(s) > 600 {
			t.Skip("too large for the reference")
		}
		if got, want := policy.MatchPattern(pattern, s), refMatch(pattern, s, false); got != want {
			t.Errorf("MatchPattern(%q, %q) = %v, reference says %v", pattern, s, got, want)
		}
		if got, want := policy.MatchPatternFold(pattern, s), refMatch(pattern, s, true); got != want {
			t.Errorf("MatchPatternFold(%q, %q) = %v, reference says %v", pattern, s, got, want)
		}
	})
}

// BenchmarkNearest searches 1,000 role names for a misspelt one and for one
// with no close name, and the catalogue's services for a misspelt service.
func BenchmarkNearest(b *testing.B) {
	envs := []string{"Prod", "Dev", "Test", "Staging"}
	var roles []string
	for i := range 1000 {
		roles = append(roles, fmt.Sprintf("Team%03d-Deploy-%s", i, envs[i%4]))
	}
	cases := []struct {
		name, query string
		candidates  []string
	}{
		{"roles1000", "Team500-Deploy-Prd", roles},
		{"roles1000-none", "Something-Else", roles},
		{"services", "clodaudit", policy.CatalogServices()},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				policy.Nearest(c.query, c.candidates)
			}
		})
	}
}

// BenchmarkMatchPattern matches the shapes tiers and review use: resource
// patterns and deny actions with case, services and actions without.
func BenchmarkMatchPattern(b *testing.B) {
	cases := []struct {
		name, pattern, s string
		fold             bool
	}{
		{"resource", "qcs::cos:*:*:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/logs/2024/01/app.log", false},
		{"action", "cvm:*Instances", "cvm:DescribeInstances", false},
		{"fold-service", "C*", "cvm", true},
		{"fold-action", "sts:assume*", "sts:AssumeRole", true},
	}
	for _, c := range cases {
		match := policy.MatchPattern
		if c.fold {
			match = policy.MatchPatternFold
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !match(c.pattern, c.s) {
					b.Fatal("no match")
				}
			}
		})
	}
}
