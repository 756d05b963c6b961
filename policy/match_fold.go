package policy

import (
	"unicode"
	"unicode/utf8"
)

// Case-folded glob matching of non-ASCII text (string_equal_ignore_case),
// where Unicode's simple folding equates runes of different lengths ("k" and
// the Kelvin sign "\u212a"), so segments cannot be compared byte by byte.
//
// Runes are compared by their fold class (foldClass), and s is read as the
// runes utf8.DecodeRuneInString yields from the start of the segment search,
// an invalid byte being one U+FFFD. A segment can only match where such a
// rune starts: elsewhere the first rune read is U+FFFD (a continuation byte),
// which only a pattern rune U+FFFD matches. So when no segment holds U+FFFD
// (or invalid UTF-8), the segments are placed as in globMatch, with a rolling
// hash over runes, in O(len(pattern)+len(s)) time; otherwise globBacktrack
// decides.

// foldClass returns the smallest rune that Unicode simple folding equates
// with r, the same for every rune of one fold orbit.
func foldClass(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// globFoldable reports whether every segment text of pieces is valid UTF-8
// without U+FFFD, so globMatchRunes may decide.
func globFoldable(pieces []piece, st *evalState) bool {
	for i := range pieces {
		if text, wild := pieces[i].resolve(st); !wild && !pieces[i].ascii && !foldableText(text) {
			return false
		}
	}
	return true
}

func foldableText(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError {
			return false
		}
	}
	return true
}

// globMatchRunes is globMatch for fold with non-ASCII text and foldable
// pieces: the same walk over segments, with lengths counted in runes and
// each segment compared by hasPrefix, the comparison globBacktrack makes.
func globMatchRunes(pieces []piece, s string, st *evalState) bool {
	si := 0
	start, n := 0, 0 // the pending segment: pieces[start:i], n runes
	anchored := true
	for i := 0; ; i++ {
		if i < len(pieces) {
			text, wild := pieces[i].resolve(st)
			switch {
			case wild:
			case anchored:
				m, ok := hasPrefix(s[si:], text, true)
				if !ok {
					return false
				}
				si += m
				continue
			default:
				n += utf8.RuneCountInString(text)
				continue
			}
		}
		switch {
		case anchored && i == len(pieces):
			return si == len(s)
		case anchored:
			anchored = false
		case i == len(pieces):
			// The last segment must end s: it can only start n runes
			// before the end.
			total := utf8.RuneCountInString(s[si:])
			if total < n {
				return false
			}
			k := si
			for left := total - n; left > 0; left-- {
				_, w := utf8.DecodeRuneInString(s[k:])
				k += w
			}
			end, ok := foldSegmentPrefix(pieces[start:i], s[k:], st)
			return ok && k+end == len(s)
		case i > start:
			from, to := foldSegmentIndex(pieces[start:i], n, s[si:], st)
			if from < 0 {
				return false
			}
			si += to
		}
		start, n = i+1, 0
	}
}

// foldSegmentPrefix matches the texts of seg one after another at the start
// of s, ignoring case, and returns how many bytes of s they cover.
func foldSegmentPrefix(seg []piece, s string, st *evalState) (int, bool) {
	at := 0
	for i := range seg {
		text, _ := seg[i].resolve(st)
		m, ok := hasPrefix(s[at:], text, true)
		if !ok {
			return 0, false
		}
		at += m
	}
	return at, true
}

// foldSegmentIndex finds the first rune of s where seg (n runes, foldable)
// matches ignoring case, by a Rabin-Karp hash of the runes' fold classes
// over a window of n runes, and returns the byte offsets where the match
// starts and ends; -1, -1 when there is none.
func foldSegmentIndex(seg []piece, n int, s string, st *evalState) (int, int) {
	if n == 0 {
		return 0, 0
	}
	var want, have uint64
	for i := range seg {
		text, _ := seg[i].resolve(st)
		for _, r := range text {
			want = rkAdd(rkMul(want, rkBase), uint64(foldClass(r)))
		}
	}
	top := uint64(1) // rkBase^(n-1)
	tail, head := 0, 0
	for c := 0; c < n; c++ {
		if head >= len(s) {
			return -1, -1
		}
		r, w := utf8.DecodeRuneInString(s[head:])
		have = rkAdd(rkMul(have, rkBase), uint64(foldClass(r)))
		head += w
		if c > 0 {
			top = rkMul(top, rkBase)
		}
	}
	for {
		if have == want {
			if m, ok := foldSegmentPrefix(seg, s[tail:], st); ok && tail+m == head {
				return tail, head
			}
		}
		if head >= len(s) {
			return -1, -1
		}
		r, w := utf8.DecodeRuneInString(s[tail:])
		have = rkSub(have, rkMul(uint64(foldClass(r)), top))
		tail += w
		r, w = utf8.DecodeRuneInString(s[head:])
		have = rkAdd(rkMul(have, rkBase), uint64(foldClass(r)))
		head += w
	}
}
