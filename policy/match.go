package policy

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a compiled glob: literal text, '*' wildcards (when the operator
// treats '*' as one) and policy variables. A variable is matched as the literal
// text the request's context supplies, so nothing is ever substituted into a
// new string.
type pattern struct {
	raw     string
	pieces  []piece
	literal bool // no wildcard and no variable: compare raw directly
	vars    bool
	// prefix is set for the common "text*" form (and "*", with prefix ""):
	// a match is a case-sensitive prefix test.
	prefix   string
	isPrefix bool
}

// piece is one part of a pattern.
type piece struct {
	kind  uint8 // pieceLit, pieceStar or pieceVar
	v     uint8 // variable index for pieceVar
	ascii bool  // pieceLit: text is all ASCII
	text  string
}

const (
	pieceLit = iota
	pieceStar
	pieceVar
)

// compilePattern compiles s. When star is true, '*' matches any run of
// characters; otherwise it is literal. Policy variables ${uin}, ${owner_uin}
// and ${app_id} become variable pieces; any other "${" is an error.
func compilePattern(s string, star bool) (pattern, error) {
	p := pattern{raw: s}
	lit := 0 // start of the pending literal
	flush := func(end int) {
		if end > lit {
			p.pieces = append(p.pieces, piece{kind: pieceLit, text: s[lit:end], ascii: isASCII(s[lit:end])})
		}
	}
	for i := 0; i < len(s); {
		switch {
		case star && s[i] == '*':
			flush(i)
			if n := len(p.pieces); n == 0 || p.pieces[n-1].kind != pieceStar {
				p.pieces = append(p.pieces, piece{kind: pieceStar})
			}
			i++
			lit = i
		case s[i] == '$' && strings.HasPrefix(s[i:], "${"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return pattern{}, fmt.Errorf("%s has an unterminated policy variable", quote(s))
			}
			name := s[i : i+end+1]
			v := -1
			for k, n := range varNames {
				if n == name {
					v = k
				}
			}
			if v < 0 {
				return pattern{}, fmt.Errorf("%s uses unknown policy variable %s (known: ${uin}, ${owner_uin}, ${app_id})", quote(s), quote(name))
			}
			flush(i)
			p.pieces = append(p.pieces, piece{kind: pieceVar, v: uint8(v)})
			p.vars = true
			i += end + 1
			lit = i
		default:
			i++
		}
	}
	flush(len(s))
	p.literal = len(p.pieces) == 0 || (len(p.pieces) == 1 && p.pieces[0].kind == pieceLit)
	switch n := len(p.pieces); {
	case n == 1 && p.pieces[0].kind == pieceStar:
		p.isPrefix = true
	case n == 2 && p.pieces[0].kind == pieceLit && p.pieces[1].kind == pieceStar:
		p.prefix, p.isPrefix = p.pieces[0].text, true
	}
	return p, nil
}

// match reports how well s matches p: lvNone, lvClean, or lvAssumed when a
// policy variable missing from the request had to be read as "anything"
// (the broad reading of docs/semantics.md §5.7); each such variable is recorded.
func (p *pattern) match(st *evalState, s string, fold bool) level {
	if p.literal {
		if s == p.raw || (fold && strings.EqualFold(s, p.raw)) {
			return lvClean
		}
		return lvNone
	}
	if p.isPrefix && !fold {
		if strings.HasPrefix(s, p.prefix) {
			return lvClean
		}
		return lvNone
	}
	if !p.vars {
		if globMatch(p.pieces, s, fold, st) {
			return lvClean
		}
		return lvNone
	}
	missing := false
	for _, pc := range p.pieces {
		if pc.kind == pieceVar {
			if _, ok := st.variable(int(pc.v)); !ok {
				missing = true
			}
		}
	}
	if !globMatch(p.pieces, s, fold, st) {
		return lvNone
	}
	if !missing {
		return lvClean
	}
	for _, pc := range p.pieces {
		if pc.kind == pieceVar {
			if _, ok := st.variable(int(pc.v)); !ok {
				st.assume(AssumeMissingVariable, int(pc.v), "")
			}
		}
	}
	return lvAssumed
}

// globMatch matches s against pieces. A missing variable (st reports none)
// matches like '*'. The pieces between wildcards form segments: the first
// segment must start s, the last must end it (a suffix test), and each one in
// between is found at its leftmost place after the one before, which is where
// any match of a '*'-only glob can put it. Every byte of s and of the pattern
// is looked at a bounded number of times (a segment longer than 8 bytes is
// found by a rolling hash), so the cost is O(len(pieces)+len(s)) and never
// their product. It never allocates.
//
// Case folding (fold) of non-ASCII text, where Unicode's simple folding can
// match runes of different lengths, is globMatchRunes's, as linear. One case
// keeps the classic backtracking matcher, O(len(pattern)·len(s)): folding
// with a pattern that holds U+FFFD or invalid UTF-8 (see match_fold.go), which
// a valid document cannot give string_equal_ignore_case, its only user.
func globMatch(pieces []piece, s string, fold bool, st *evalState) bool {
	if fold && !globASCII(pieces, s, st) {
		if globFoldable(pieces, st) {
			return globMatchRunes(pieces, s, st)
		}
		return globBacktrack(pieces, s, fold, st)
	}
	si := 0          // bytes of s matched so far
	start, n := 0, 0 // the pending segment: pieces[start:i], n bytes
	anchored := true // no wildcard yet: pieces are compared in place
	for i := 0; ; i++ {
		if i < len(pieces) {
			text, wild := pieces[i].resolve(st)
			switch {
			case wild:
			case anchored:
				if len(s)-si < len(text) || !equalBytes(s[si:si+len(text)], text, fold) {
					return false
				}
				si += len(text)
				continue
			default:
				n += len(text)
				continue
			}
		}
		// A wildcard or the end settles the segment before it.
		switch {
		case anchored && i == len(pieces):
			return si == len(s)
		case anchored:
			anchored = false
		case i == len(pieces):
			k := len(s) - n // the last segment must end s
			if k < si {
				return false
			}
			if i-start == 1 {
				text, _ := pieces[start].resolve(st)
				return equalBytes(s[k:], text, fold)
			}
			return segmentEqual(pieces[start:i], s[k:], fold, st)
		case i > start:
			k := segmentIndex(pieces[start:i], n, s[si:], fold, st)
			if k < 0 {
				return false
			}
			si += k + n
		}
		start, n = i+1, 0
	}
}

// globMatchString reports whether s matches pattern, a glob whose only
// wildcard is '*', comparing bytes (ASCII letters without regard to case when
// fold is set). It is globMatch's segment matcher for a pattern given as
// text: the text before the first '*' must start s, the text after the last
// must end it, and each run between is found at its leftmost place, so the
// cost is O(len(pattern)+len(s)). A '*' in s is an ordinary byte that only a
// '*' of pattern can absorb, which makes this also the subsumption test of
// two globs (lintGlobMatch). It never allocates.
func globMatchString(pattern, s string, fold bool) bool {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		return equalBytes(pattern, s, fold)
	}
	if len(s) < star || !equalBytes(s[:star], pattern[:star], fold) {
		return false
	}
	s, pattern = s[star:], pattern[star:]
	for {
		for pattern != "" && pattern[0] == '*' {
			pattern = pattern[1:]
		}
		if pattern == "" {
			return true
		}
		next := strings.IndexByte(pattern, '*')
		if next < 0 { // the last run must end s
			return len(s) >= len(pattern) && equalBytes(s[len(s)-len(pattern):], pattern, fold)
		}
		seg := [1]piece{{kind: pieceLit, text: pattern[:next]}}
		k := segmentIndex(seg[:], next, s, fold, nil)
		if k < 0 {
			return false
		}
		s, pattern = s[k+next:], pattern[next:]
	}
}

// resolve returns the text a piece stands for and whether it is a wildcard: a
// '*', or a variable the request does not supply.
func (pc *piece) resolve(st *evalState) (string, bool) {
	switch pc.kind {
	case pieceStar:
		return "", true
	case pieceVar:
		v, ok := st.variable(int(pc.v))
		return v, !ok
	}
	return pc.text, false
}

// globASCII reports whether s and every literal text of pieces are ASCII, so
// that case folding compares byte by byte.
func globASCII(pieces []piece, s string, st *evalState) bool {
	for i := range pieces {
		pc := &pieces[i]
		switch pc.kind {
		case pieceLit:
			if !pc.ascii {
				return false
			}
		case pieceVar:
			if v, ok := st.variable(int(pc.v)); ok && !isASCII(v) {
				return false
			}
		}
	}
	var or byte
	for i := 0; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}

// equalBytes compares a and b byte by byte, ASCII letters without regard to
// case when fold is set.
func equalBytes(a, b string, fold bool) bool {
	if !fold {
		return a == b
	}
	return asciiEqualFold(a, b)
}

// segmentEqual reports whether s is exactly the text of seg, a run of pieces
// without wildcards.
func segmentEqual(seg []piece, s string, fold bool, st *evalState) bool {
	for i := range seg {
		text, _ := seg[i].resolve(st)
		if len(s) < len(text) || !equalBytes(s[:len(text)], text, fold) {
			return false
		}
		s = s[len(text):]
	}
	return s == ""
}

// segmentIndex returns the first index in s where the text of seg (n bytes
// long) starts, or -1. A short segment or a short s is compared at each
// place (at most 8 or 64 comparisons of a byte of s); a longer one is found
// with strings.Index or a Rabin-Karp rolling hash.
func segmentIndex(seg []piece, n int, s string, fold bool, st *evalState) int {
	switch {
	case len(s) < n:
		return -1
	case len(seg) == 1 && !fold:
		text, _ := seg[0].resolve(st)
		return strings.Index(s, text)
	case n <= 8 || len(s) <= 64:
		for k := 0; k+n <= len(s); k++ {
			if segmentEqual(seg, s[k:k+n], fold, st) {
				return k
			}
		}
		return -1
	}
	return segmentIndexRK(seg, n, s, fold, st)
}

// rkMod is the Mersenne prime 2⁶¹−1 the rolling hash works modulo; rkBase is
// chosen at random when the program starts, so no input can be prepared to
// make the hashes collide.
const rkMod = 1<<61 - 1

var rkBase = 256 + rand.Uint64N(rkMod-512)

func rkMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return rkReduce(hi<<3 | lo>>61 + lo&rkMod)
}

func rkAdd(a, b uint64) uint64 { return rkReduce(a + b) }

func rkSub(a, b uint64) uint64 { return rkReduce(a + rkMod - b) }

// rkReduce reduces r < 2⁶³ modulo rkMod.
func rkReduce(r uint64) uint64 {
	r = r>>61 + r&rkMod
	if r >= rkMod {
		r -= rkMod
	}
	return r
}

func foldByte(c byte, fold bool) uint64 {
	if fold {
		c = lowerASCII(c)
	}
	return uint64(c)
}

// segmentIndexRK is segmentIndex by Rabin-Karp: the hash of each n-byte
// window of s is updated in constant time and a window is compared only when
// its hash equals the segment's. n is at least 1.
func segmentIndexRK(seg []piece, n int, s string, fold bool, st *evalState) int {
	var want, have uint64
	for i := range seg {
		text, _ := seg[i].resolve(st)
		for j := 0; j < len(text); j++ {
			want = rkAdd(rkMul(want, rkBase), foldByte(text[j], fold))
		}
	}
	top := uint64(1) // rkBase^(n-1)
	for i := 0; i < n; i++ {
		have = rkAdd(rkMul(have, rkBase), foldByte(s[i], fold))
		if i > 0 {
			top = rkMul(top, rkBase)
		}
	}
	for k := 0; ; k++ {
		if have == want && segmentEqual(seg, s[k:k+n], fold, st) {
			return k
		}
		if k+n >= len(s) {
			return -1
		}
		have = rkSub(have, rkMul(foldByte(s[k], fold), top))
		have = rkAdd(rkMul(have, rkBase), foldByte(s[k+n], fold))
	}
}

// globBacktrack is the classic matcher for '*'-only globs: advance greedily
// and, on a mismatch, retry from the last wildcard one byte further on. It
// runs in O(len(pattern)·len(s)) time; globMatch uses it only to fold
// non-ASCII text against a pattern holding U+FFFD or invalid UTF-8.
func globBacktrack(pieces []piece, s string, fold bool, st *evalState) bool {
	pi, si := 0, 0
	starPi, starSi := -1, 0
	for {
		if pi < len(pieces) {
			text, wild := pieces[pi].resolve(st)
			if wild {
				starPi, starSi = pi, si
				pi++
				continue
			}
			if n, ok := hasPrefix(s[si:], text, fold); ok {
				si += n
				pi++
				continue
			}
		} else if si == len(s) {
			return true
		}
		if starPi < 0 || starSi >= len(s) {
			return false
		}
		starSi++
		pi, si = starPi+1, starSi
	}
}

// hasPrefix reports whether s starts with prefix (ignoring case when fold is
// set, by Unicode simple folding) and how many bytes of s the prefix covers.
func hasPrefix(s, prefix string, fold bool) (int, bool) {
	if !fold {
		if strings.HasPrefix(s, prefix) {
			return len(prefix), true
		}
		return 0, false
	}
	i := 0
	for ; i < len(prefix) && i < len(s); i++ {
		a, b := s[i], prefix[i]
		if a >= utf8.RuneSelf || b >= utf8.RuneSelf {
			break
		}
		if a != b && lowerASCII(a) != lowerASCII(b) {
			return 0, false
		}
	}
	if i == len(prefix) {
		return i, true
	}
	s, prefix = s[i:], prefix[i:]
	j := i
	i = 0
	for _, pr := range prefix {
		if i >= len(s) {
			return 0, false
		}
		sr, n := utf8.DecodeRuneInString(s[i:])
		if sr != pr && !equalFoldRune(sr, pr) {
			return 0, false
		}
		i += n
	}
	return j + i, true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldRune reports whether a and b are equal under Unicode simple folding.
func equalFoldRune(a, b rune) bool {
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		return a == b
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
