package policy

import (
	"fmt"
	"unicode/utf8"
)

// Limits on the names and descriptions of CAM policies and roles
// (docs/semantics.md §1).
const (
	// MaxNameLength is the longest policy or role name CAM accepts, in characters.
	MaxNameLength = 128
	// MaxDescriptionLength is the longest policy or role description CAM
	// accepts, in bytes of UTF-8.
	MaxDescriptionLength = 300
)

// ValidatePolicyName reports whether name is a valid CAM policy name: 1 to 128
// characters, each a letter, a digit or one of + = , . @ _ -. The error names
// the first offending character and its position (counting characters from 0):
//
//	policy: policy name "read only": invalid character ' ' at position 4
func ValidatePolicyName(name string) error { return validateCAMName("policy name", name) }

// ValidateRoleName reports whether name is a valid CAM role name. The rule is
// the one for policy names (see [ValidatePolicyName]):
//
//	policy: role name "a b": invalid character ' ' at position 1
func ValidateRoleName(name string) error { return validateCAMName("role name", name) }

func validateCAMName(what, name string) error {
	if name == "" {
		return fmt.Errorf("policy: %s is empty; it needs 1 to %d characters of A-Z a-z 0-9 + = , . @ _ -", what, MaxNameLength)
	}
	pos := 0
	for i, r := range name {
		if r == utf8.RuneError && !validUTF8At(name, i) {
			return fmt.Errorf("policy: %s %s: invalid UTF-8 at position %d", what, quote(name), pos)
		}
		if !camNameRune(r) {
			return fmt.Errorf("policy: %s %s: invalid character %q at position %d; use only A-Z a-z 0-9 + = , . @ _ -", what, quote(name), r, pos)
		}
		pos++
	}
	if pos > MaxNameLength {
		return fmt.Errorf("policy: %s %s is %d characters long; at most %d are allowed", what, quote(shortenForMessage(name, 40)), pos, MaxNameLength)
	}
	return nil
}

func camNameRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	switch r {
	case '+', '=', ',', '.', '@', '_', '-':
		return true
	}
	return false
}

// validUTF8At reports whether the rune at byte offset i of s is well-formed
// UTF-8 (a literal U+FFFD is; an invalid byte is not).
func validUTF8At(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size > 1
}

// shortenForMessage returns s cut to at most n characters, with "…" when it was cut.
func shortenForMessage(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}

// ValidateDescription reports whether desc is a valid policy or role
// description: at most 300 bytes of UTF-8 (CAM counts bytes, so 100 Chinese
// characters already fill it). An empty description is valid.
//
// Decision: control characters other than tab, line feed and carriage return
// are rejected, as is invalid UTF-8. Tencent does not document a character set
// for descriptions; a control character is invisible in the console and in
// reports, so it is almost always a mistake (or an attempt to hide text).
func ValidateDescription(desc string) error {
	pos := 0
	for i, r := range desc {
		if r == utf8.RuneError && !validUTF8At(desc, i) {
			return fmt.Errorf("policy: description %s: invalid UTF-8 at position %d", quote(shortenForMessage(desc, 40)), pos)
		}
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) {
			return fmt.Errorf("policy: description %s: control character %U at position %d", quote(shortenForMessage(desc, 40)), r, pos)
		}
		pos++
	}
	if len(desc) > MaxDescriptionLength {
		return fmt.Errorf("policy: description %s is %d bytes long; at most %d are allowed", quote(shortenForMessage(desc, 40)), len(desc), MaxDescriptionLength)
	}
	return nil
}
