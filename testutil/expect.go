package testutil

import (
	"fmt"
	"strconv"

	"github.com/camkit/camkit/policy"
)

// Expect is the outcome an expectation asks for: [ExpectAllow], [ExpectDeny]
// (implicit or explicit) or [ExpectExplicitDeny]. The zero value is invalid,
// so a case that forgets its expectation fails instead of passing.
type Expect uint8

// The expectations.
const (
	// ExpectAllow: the request must be allowed.
	ExpectAllow Expect = iota + 1
	// ExpectDeny: the request must be denied, implicitly or explicitly.
	ExpectDeny
	// ExpectExplicitDeny: a deny statement must deny the request.
	ExpectExplicitDeny
)

var expectNames = [...]string{ExpectAllow: "allow", ExpectDeny: "deny", ExpectExplicitDeny: "explicit_deny"}

// String returns "allow", "deny" or "explicit_deny".
func (e Expect) String() string {
	if e.Valid() {
		return expectNames[e]
	}
	return "Expect(" + strconv.Itoa(int(e)) + ")"
}

// Valid reports whether e is one of the three expectations.
func (e Expect) Valid() bool { return e >= ExpectAllow && e <= ExpectExplicitDeny }

// MarshalText returns the form String returns; it fails for an invalid value.
func (e Expect) MarshalText() ([]byte, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("testutil: invalid expectation %d", uint8(e))
	}
	return []byte(expectNames[e]), nil
}

// UnmarshalText reads "allow", "deny" or "explicit_deny" (also "explicit deny"
// and "explicit-deny").
func (e *Expect) UnmarshalText(text []byte) error {
	x, err := ParseExpect(string(text))
	if err != nil {
		return err
	}
	*e = x
	return nil
}

// ParseExpect reads an expectation as [Expect.UnmarshalText] does.
func ParseExpect(s string) (Expect, error) {
	switch s {
	case "allow":
		return ExpectAllow, nil
	case "deny":
		return ExpectDeny, nil
	case "explicit_deny", "explicit deny", "explicit-deny":
		return ExpectExplicitDeny, nil
	}
	return 0, fmt.Errorf("testutil: unknown expectation %q (want allow, deny or explicit_deny)", s)
}

// met reports whether outcome satisfies e.
func (e Expect) met(o policy.Outcome) bool {
	switch e {
	case ExpectAllow:
		return o == policy.OutcomeAllow
	case ExpectDeny:
		return o != policy.OutcomeAllow
	case ExpectExplicitDeny:
		return o == policy.OutcomeExplicitDeny
	}
	return false
}

// phrase is how messages say what was expected.
func (e Expect) phrase() string {
	switch e {
	case ExpectAllow:
		return "allowed"
	case ExpectDeny:
		return "denied"
	case ExpectExplicitDeny:
		return "denied explicitly by a deny statement"
	}
	return "(no valid expectation)"
}

// Kind says whether a subject is a role or a user.
type Kind uint8

// The kinds of subject.
const (
	// KindRole is a CAM role (from a catalogue or a snapshot).
	KindRole Kind = iota + 1
	// KindUser is a CAM sub-user (from a snapshot).
	KindUser
)

var kindNames = [...]string{KindRole: "role", KindUser: "user"}

// String returns "role" or "user".
func (k Kind) String() string {
	if k == KindRole || k == KindUser {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns "role" or "user".
func (k Kind) MarshalText() ([]byte, error) {
	if k != KindRole && k != KindUser {
		return nil, fmt.Errorf("testutil: invalid subject kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads "role" or "user".
func (k *Kind) UnmarshalText(text []byte) error {
	switch string(text) {
	case "role":
		*k = KindRole
	case "user":
		*k = KindUser
	default:
		return fmt.Errorf("testutil: unknown subject kind %q (want role or user)", text)
	}
	return nil
}
