// Package msgtext prints untrusted names and text inside camkit's error
// messages, plans, reports and logs, so that a hostile input (a name with a
// line break or a terminal escape, a megabyte-long name) can neither forge a
// line nor make a huge message. It is shared by tiers, roles, cam/camfake and
// cam/tencent; users do not import it.
//
// Entry points: [Name] for names, [Text] for policy text and free text,
// [Escape] for messages that are printed as they are, [Clip] for a bound.
package msgtext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxShown is the longest name a message repeats whole; CAM's names are at
// most 128 characters.
const MaxShown = 256

// Name returns a name (of a role, policy, user or holder) as a message prints
// it: as it is when it is not empty and has only printable ASCII other than
// space, quotes and backslashes; quoted (strconv.Quote) otherwise. A name
// longer than [MaxShown] bytes is clipped first ([Clip]).
func Name(name string) string {
	name = Clip(name)
	for i := 0; i < len(name); i++ {
		if b := name[i]; b <= ' ' || b >= 0x7f || b == '"' || b == '\\' {
			return strconv.Quote(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}

// Text returns policy text (an action, a resource, a condition value, a
// description) as a message prints it: whole and as it is, unless it has a
// rune that is not printable, such as a line break or an escape, and then
// quoted.
func Text(s string) string {
	if strings.ContainsFunc(s, unprintable) {
		return strconv.Quote(s)
	}
	return s
}

// Escape returns s with every unprintable rune written as its Go escape
// (\x1b, \n, \u2028) and everything else left as it is: for a message
// received from elsewhere, such as a service's error text.
func Escape(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unprintable(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\x1b'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// Clip shortens text longer than [MaxShown] bytes to its first half and an
// ellipsis, cutting between runes.
func Clip(s string) string {
	if len(s) <= MaxShown {
		return s
	}
	cut := MaxShown / 2
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func unprintable(r rune) bool { return !strconv.IsPrint(r) }
