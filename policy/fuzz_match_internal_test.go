package policy

import (
	"strings"
	"testing"
)

// refGlob is the reference matcher globMatch must agree with: the pattern is
// spelt out byte by byte (a '*' or a variable the request lacks is a wildcard
// token, a variable it supplies is its value) and matched by dynamic
// programming over (token, byte) pairs, comparing ASCII letters without
// regard to case when fold is set. It decides the glob exactly, in
// O(len(pattern)·len(s)) time and space.
func refGlob(pieces []piece, s string, fold bool, st *evalState) bool {
	const wild = -1
	var toks []int
	for i := range pieces {
		text, isWild := pieces[i].resolve(st)
		if isWild {
			toks = append(toks, wild)
			continue
		}
		for j := 0; j < len(text); j++ {
			toks = append(toks, int(text[j]))
		}
	}
	// ok[j] reports whether the tokens so far match s[:j].
	ok := make([]bool, len(s)+1)
	ok[0] = true
	for _, t := range toks {
		next := make([]bool, len(s)+1)
		for j := 0; j <= len(s); j++ {
			switch {
			case t == wild:
				next[j] = ok[j] || (j > 0 && next[j-1])
			case j > 0 && ok[j-1]:
				c := s[j-1]
				next[j] = int(c) == t || (fold && lowerASCII(c) == lowerASCII(byte(t)))
			}
		}
		ok = next
	}
	return ok[len(s)]
}

// checkGlob compiles pattern and compares globMatch with the backtracking
// matcher it replaced (always) and with refGlob (when the fast path applies:
// no folding, or ASCII text only).
func checkGlob(t *testing.T, pattern, s string, fold bool, uin string, haveUIN bool) {
	t.Helper()
	p, err := compilePattern(pattern, true)
	if err != nil {
		return
	}
	st := testState(Request{})
	if haveUIN {
		st.r.Context = map[string][]string{KeyUIN: {uin}}
	}
	got := globMatch(p.pieces, s, fold, &st)
	if old := globBacktrack(p.pieces, s, fold, &st); got != old {
		t.Fatalf("globMatch(%q, %q, fold=%v, uin=%q/%v) = %v, backtracking matcher says %v", pattern, s, fold, uin, haveUIN, got, old)
	}
	if !fold || globASCII(p.pieces, s, &st) {
		if want := refGlob(p.pieces, s, fold, &st); got != want {
			t.Fatalf("globMatch(%q, %q, fold=%v, uin=%q/%v) = %v, reference says %v", pattern, s, fold, uin, haveUIN, got, want)
		}
	}
}

// FuzzGlobMatch checks the segment matcher against the backtracking matcher
// and the dynamic-programming reference on random patterns, inputs and
// variable values.
func FuzzGlobMatch(f *testing.F) {
	seeds := []struct {
		pattern, s string
		fold       bool
	}{
		{"*", "", false},
		{"Describe*Instances", "describeinstances", true},
		{"*Bucket*", "PutBucketAcl", false},
		{"a*b*c", "abcabc", false},
		{"*aab", "aaab", false},
		{"*" + strings.Repeat("a", 20) + "b*", strings.Repeat("a", 90) + "b", true},
		{"*" + strings.Repeat("A", 20) + "B", strings.Repeat("a", 90) + "b", true},
		{"uin/${uin}/*", "uin/1/x", false},
		{"*${uin}${uin}x*", "ab1212x", false},
		{"é*", "É-x", true},
		{"*k", "\u212a", true},
		{"*\xa9", "\xc3\xa9", true},
	}
	for _, sd := range seeds {
		f.Add(sd.pattern, sd.s, sd.fold, "12", true)
	}
	for _, sd := range [][2]string{
		{"${uin}é${uin}K", "xÉy\u212a"}, {"${uin}ſtraße${uin}", "aSTRASSE STRAßE"}, {"Ω${uin}ω", "\u2126\u2126ω"},
		{"${uin}\ufffd", "a\x80"}, {"${uin}é", "\xc3\xc3\xa9"}, {"a${uin}Kk${uin}b", "AKKKKKb"},
	} {
		f.Add(sd[0], sd[1], true, "", false)
		f.Add(sd[0], sd[1], true, "é", true)
	}
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool, uin string, haveUIN bool) {
		if len(pattern)*len(s) > 1<<22 {
			t.Skip("too large for the reference matcher")
		}
		checkGlob(t, pattern, s, fold, uin, haveUIN)
	})
}

// TestGlobMatchLongSegments drives the rolling-hash search (segments over 8
// bytes in inputs over 64 bytes) and the suffix test on inputs where a
// segment almost matches at every place, against both references.
func TestGlobMatchLongSegments(t *testing.T) {
	t.Parallel()
	a := strings.Repeat("a", 300)
	cases := []struct{ pattern, s string }{
		{"*" + strings.Repeat("a", 40) + "b*", a + "b"},
		{"*" + strings.Repeat("a", 40) + "b*", a},
		{"*" + strings.Repeat("A", 40) + "B*x", a + "b" + "yx"},
		{"*" + strings.Repeat("a", 40) + "b", a + "b"},
		{"*" + strings.Repeat("a", 40) + "b", a + "bb"},
		{"x*" + strings.Repeat("ab", 10) + "*" + strings.Repeat("ba", 10) + "*y", "x" + strings.Repeat("ab", 100) + "y"},
		{"*${uin}" + strings.Repeat("a", 12) + "${uin}*", strings.Repeat("1a", 50) + "1" + strings.Repeat("a", 12) + "1zz"},
		{"*${uin}" + strings.Repeat("a", 12) + "${uin}*", strings.Repeat("1a", 50) + "1" + strings.Repeat("a", 11) + "1zz"},
		{strings.Repeat("*a", 50) + "*b", a},
		{strings.Repeat("*a", 50) + "*b", a + "b"},
	}
	for _, tc := range cases {
		for _, fold := range []bool{false, true} {
			checkGlob(t, tc.pattern, tc.s, fold, "1", true)
			checkGlob(t, tc.pattern, tc.s, fold, "", false)
			checkGlob(t, tc.pattern, strings.ToUpper(tc.s), fold, "1", true)
		}
	}
}

// TestGlobMatchRegressionHostile is the regression test for issue 7 item 4: a
// long literal after a star against a long input that almost matches it
// everywhere is decided by one suffix test, and the same literal between
// stars by a rolling hash, with the same answers as the reference.
func TestGlobMatchRegressionHostile(t *testing.T) {
	t.Parallel()
	lit := strings.Repeat("A", 5000) + "B"
	in := strings.Repeat("A", 64<<10)
	cases := []struct {
		pattern, s string
		fold, want bool
	}{
		{"*" + lit, in, false, false},
		{"*" + lit, in, true, false},
		{"*" + lit, in + "B", false, true},
		{"*" + lit, in + "b", false, false},
		{"*" + lit, in + "b", true, true},
		{"*" + lit + "*", in, true, false},
		{"*" + lit + "*", in + "bA", false, false},
		{"*" + lit + "*", in + "bA", true, true},
		{"*" + lit + "*A", in + "BA", false, true},
		{"*" + lit + "*A", in + "B", false, false},
	}
	// string_equal_ignore_case with missing variables and non-ASCII text.
	vars := strings.Repeat("${uin}é", 800) + "${uin}B"
	wide := strings.Repeat("É", 32<<10)
	cases = append(cases, []struct {
		pattern, s string
		fold, want bool
	}{
		{vars, wide, true, false},
		{vars, wide + "b", true, true},
		{vars, wide + "\u212a", true, false},
		{"${uin}" + strings.Repeat("é", 3000) + "B${uin}", wide, true, false},
		{"${uin}" + strings.Repeat("é", 3000) + "B${uin}", wide + "b!", true, true},
		{"${uin}" + strings.Repeat("é", 3000) + "\u212a", wide + "k", true, true},
		{strings.Repeat("${uin}ÉÉÉÉÉÉÉÉÉÉÉÉ", 400) + "${uin}", wide[:len(wide)/2] + "x" + wide[len(wide)/2:], true, true},
	}...)
	for _, tc := range cases {
		p, err := compilePattern(tc.pattern, true)
		if err != nil {
			t.Fatal(err)
		}
		st := testState(Request{})
		if got := globMatch(p.pieces, tc.s, tc.fold, &st); got != tc.want {
			t.Errorf("%.12q… (%d bytes) against %.12q… (%d bytes), fold=%v: got %v, want %v",
				tc.pattern, len(tc.pattern), tc.s, len(tc.s), tc.fold, got, tc.want)
		}
	}
}

// refLintGlob is a single-star backtracking matcher, O(len(pattern)·len(s)),
// written independently of globMatchString as the reference it is checked
// against.
func refLintGlob(pattern, s string, fold bool) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starI = p, i
			p++
		case p < len(pattern) && refByteEqual(pattern[p], s[i], fold):
			p++
			i++
		case starP >= 0:
			starI++
			p, i = starP+1, starI
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// FuzzGlobMatchString checks globMatchString against an independent
// backtracking matcher, against the dynamic-programming reference, and
// against lintGlobMatch.
func FuzzGlobMatchString(f *testing.F) {
	for _, sd := range [][2]string{
		{"*", ""}, {"cvm:Describe*", "cvm:describeinstances"}, {"*:*", "cvm:*"}, {"cvm:*", "*:*"},
		{"a*b*c", "abcabc"}, {"*" + strings.Repeat("a", 20) + "b*", strings.Repeat("a", 90) + "b"},
		{"x*" + strings.Repeat("AB", 10) + "*y", "x" + strings.Repeat("ab", 50) + "y"}, {"*\xc3", "\xc3\xa9"},
	} {
		f.Add(sd[0], sd[1], true)
	}
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		if len(pattern)*len(s) > 1<<22 {
			t.Skip("too large for the reference matchers")
		}
		got := globMatchString(pattern, s, fold)
		if old := refLintGlob(pattern, s, fold); got != old {
			t.Fatalf("globMatchString(%q, %q, %v) = %v, backtracking matcher says %v", pattern, s, fold, got, old)
		}
		p, err := compilePattern(pattern, true)
		if err == nil {
			if want := refGlob(p.pieces, s, fold, ptr(testState(Request{}))); got != want {
				t.Fatalf("globMatchString(%q, %q, %v) = %v, reference says %v", pattern, s, fold, got, want)
			}
		}
		if lintGlobMatch(pattern, s, fold) != got {
			t.Fatalf("lintGlobMatch(%q, %q, %v) disagrees with %v", pattern, s, fold, got)
		}
	})
}

// TestGlobMatchStringLong is the regression test for long action globs in
// statement.redundant: a 4,002-byte glob against a 64,000-byte action.
func TestGlobMatchStringLong(t *testing.T) {
	t.Parallel()
	lit := strings.Repeat("A", 4000) + "B"
	long := "cvm:" + strings.Repeat("A", 64000)
	for _, tc := range []struct {
		pattern, s string
		fold, want bool
	}{
		{"cvm:*" + lit, long, false, false},
		{"cvm:*" + lit, long + "b", true, true},
		{"cvm:*" + lit + "*", long + "BA", false, true},
		{"cvm:*" + lit + "*", long + "bA", false, false},
		{"cvm:" + strings.Repeat("*A", 2000) + "*B", long + "B", false, true},
		{"cvm:*" + lit, "cvm:*" + lit, false, true}, // a glob covers itself
	} {
		if got := globMatchString(tc.pattern, tc.s, tc.fold); got != tc.want {
			t.Errorf("%.12q… against %.12q… (fold %v) = %v, want %v", tc.pattern, tc.s, tc.fold, got, tc.want)
		}
		if got := lintGlobMatch(tc.pattern, tc.s, tc.fold); got != tc.want {
			t.Errorf("lintGlobMatch(%.12q…, %.12q…, %v) = %v, want %v", tc.pattern, tc.s, tc.fold, got, tc.want)
		}
	}
}

// refByteEqual reports whether a and b are equal, ignoring ASCII case when
// fold is set.
func refByteEqual(a, b byte, fold bool) bool {
	if fold && 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if fold && 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}
