package tiers

import (
	"strconv"
	"unicode/utf8"
)

// show returns a name (of a role, policy, user or holder) as messages print
// it: as it is when it has only printable ASCII other than space, quotes and
// backslashes, quoted otherwise, so that a hostile name's control characters,
// spaces or line breaks cannot forge or break a message, a plan or a log
// line.
func show(name string) string {
	name = clip(name)
	for i := 0; i < len(name); i++ {
		b := name[i]
		if b <= ' ' || b >= 0x7f || b == '"' || b == '\\' {
			return strconv.Quote(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}

// showText returns policy text (an action, a resource, a condition value) as
// messages print it: as it is unless it has a character that is not
// printable, such as a line break or an escape, and quoted then.
func showText(s string) string {
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// clip shortens text longer than maxShown bytes to its first part and an
// ellipsis, so that a huge hostile input cannot make a huge message.
func clip(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown / 2
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// maxShown is the longest name or input a message repeats whole; CAM's
// names are at most 128 characters.
const maxShown = 256
