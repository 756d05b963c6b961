package policy

import (
	"fmt"
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
	kind uint8 // pieceLit, pieceStar or pieceVar
	v    uint8 // variable index for pieceVar
	text string
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
			p.pieces = append(p.pieces, piece{kind: pieceLit, text: s[lit:end]})
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
// (the broad reading of CAM-SEMANTICS §5.7); each such variable is recorded.
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
// matches like '*'. The algorithm is the classic one for '*'-only globs:
// advance greedily and, on a mismatch, retry from the last wildcard one
// character further on. It runs in O(len(pieces)·len(s)) time and never
// allocates.
func globMatch(pieces []piece, s string, fold bool, st *evalState) bool {
	pi, si := 0, 0
	starPi, starSi := -1, 0
	for {
		if pi < len(pieces) {
			pc := &pieces[pi]
			wild := pc.kind == pieceStar
			text := pc.text
			if pc.kind == pieceVar {
				v, ok := st.variable(int(pc.v))
				wild, text = !ok, v
			}
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
