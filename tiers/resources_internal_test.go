package tiers

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/camkit/camkit/policy"
)

// schemePathRegexp is the reference reading of a non-production pattern's
// sixth segment: a '*' that ends it matches any text, any other '*' a run
// without '/'.
func schemePathRegexp(a string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	head := strings.TrimRight(a, "*")
	for _, part := range strings.Split(head, "*") {
		b.WriteString(regexp.QuoteMeta(part))
		b.WriteString(`[^/]*`)
	}
	out := strings.TrimSuffix(b.String(), `[^/]*`)
	if len(head) < len(a) {
		out += `.*`
	}
	return regexp.MustCompile(out + `$`)
}

// strs returns every string over alphabet of length at most n.
func strs(alphabet string, n int) []string {
	out, layer := []string{""}, []string{""}
	for range n {
		var next []string
		for _, s := range layer {
			for _, c := range alphabet {
				next = append(next, s+string(c))
			}
		}
		out, layer = append(out, next...), next
	}
	return out
}

// TestPathCoversBruteForce checks pathCovers against its definition on
// every pair of short sixth segments: a covers b exactly when every text b
// matches as CAM reads it, a matches as a non-production pattern. Texts use
// a letter no pattern holds, for every character the patterns do not name.
func TestPathCoversBruteForce(t *testing.T) {
	t.Parallel()
	patterns := strs("a/*", 4)[1:]
	texts := strs("a/z", 6)
	ref := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		ref[i] = schemePathRegexp(p)
	}
	for i, a := range patterns {
		for _, b := range patterns {
			want := true
			for _, s := range texts {
				if policy.MatchPattern(b, s) && !ref[i].MatchString(s) {
					want = false
					break
				}
			}
			if got := pathCovers(a, b); got != want {
				t.Errorf("pathCovers(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestPathCovers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"*", "x/y:z", true},
		{"*-dev-*/*", "app-dev-1250000000/*", true},
		{"*-dev-*/*", "app-dev-1250000000/logs/a.txt", true},
		{"*-dev-*/*", "prod-bucket/x-dev-y/z", false},
		{"*-dev-*/*", "*-dev-*/*", false}, // CAM reads b's first '*' across '/'
		{"*-dev-*/*", "app-dev-1/${uin}/*", true},
		{"*-dev-*/*", "app-${uin}-dev-1/*", false},
		{"instance/ins-dev*", "instance/ins-dev-42", true},
		{"instance/ins-dev*", "instance/*", false},
		{"instance/ins-dev", "instance/ins-dev", true},
		{"instance/ins-dev", "instance/ins-dev*", false},
		{"b/*/x", "b/a/x", true},
		{"b/*/x", "b/a/b/x", false},
		{"b/", "b/", true},
		{"b/*", "b", false},
		// b's wildcard before a's last '/': a must take any text there.
		{"app-dev-*/*", "app-dev-*/*", true},
		{"app-dev-*/*", "app-dev-*", false},
		{"app-dev-*/*", "app-dev-1${uin}/x", true},
		{"app-dev-*/*", "app-dev-${uin}", false},
		{"app-dev-*/*", "app-dev-1${a/b}", false}, // a '/' inside a variable's name is no '/'
		{"*/*", "*/x", true},
		{"*/*/", "*/x", false},
		{"*/*/*", "*/x/*", true},
		{"a*/x/*", "a*/x/*", false},
	} {
		if got := pathCovers(tc.a, tc.b); got != tc.want {
			t.Errorf("pathCovers(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzPathCovers checks pathCovers on any input: on a text without
// wildcards it is the reference reading; when a covers b, every text b
// matches (CAM's reading) a matches; and that reading is never broader than
// CAM's reading of a.
func FuzzPathCovers(f *testing.F) {
	for _, s := range [][3]string{
		{"*-dev-*/*", "app-dev-1/*", "prod-bucket/x-dev-y/z"},
		{"instance/ins-dev*", "instance/ins-dev-42", "instance/ins-dev-42"},
		{"b/*/x", "b/*/x", "b/a/c/x"},
		{"*", "${uin}/*", "1/2"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, a, b, s string) {
		if len(a) > 64 || len(b) > 64 || len(s) > 256 {
			t.Skip("long input adds nothing")
		}
		if !utf8.ValidString(a) {
			t.Skip("the reference regexp needs valid UTF-8")
		}
		ref := schemePathRegexp(a)
		in := ref.MatchString(s)
		if in && !policy.MatchPattern(a, s) {
			t.Fatalf("%q matches %q more broadly than CAM's reading", a, s)
		}
		if !strings.Contains(s, "*") && !strings.Contains(s, "${") && pathCovers(a, s) != in {
			t.Fatalf("pathCovers(%q, %q) = %v, reference says %v", a, s, !in, in)
		}
		if pathCovers(a, b) && !strings.Contains(b, "${") && policy.MatchPattern(b, s) && !in {
			t.Fatalf("pathCovers(%q, %q), but %q matches b and not a", a, b, s)
		}
	})
}

// FuzzSchemePattern checks a whole non-production pattern against the
// evaluator: when the pattern covers a resource name, CAM's reading of the
// pattern (policy.MatchResource) matches the name too.
func FuzzSchemePattern(f *testing.F) {
	f.Add("qcs::cos:*:*:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1250000000:prod-bucket/x-dev-y/z")
	f.Add("qcs::cvm:*:*:instance/ins-dev*", "qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-dev1")
	f.Add("qcs::cvm:ap-*::instance/*", "qcs::cvm::uin/1:instance/ins-1")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		sp, problem := parseSchemePattern(pattern)
		r, err := policy.ParseResource(name)
		if problem != "" || err != nil || strings.Contains(name, "*") || strings.Contains(name, "${") || !sp.covers(&r) {
			return
		}
		if ok, err := policy.MatchResource(pattern, name); !ok || err != nil {
			t.Fatalf("%q covers %q, but CAM's reading does not match it (%v)", pattern, name, err)
		}
	})
}
