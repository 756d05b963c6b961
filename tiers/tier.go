package tiers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
)

// Tier is a rung of the IAM guide's tiered permission model, ordered by
// privilege: a higher tier can do more harm and is harder to obtain.
//
// The zero value is not a tier; [Tier.Valid] reports false for it.
type Tier int

// The four tiers of the IAM guide.
const (
	// ReadOnly (tier 1) reads and lists, and changes nothing.
	ReadOnly Tier = 1
	// DevTest (tier 2) deploys to non-production resources only.
	DevTest Tier = 2
	// Production (tier 3) deploys to production resources.
	Production Tier = 3
	// BreakGlass (tier 4) is emergency administration: permission management,
	// full access, credential issuing. Rare, logged and time-limited.
	BreakGlass Tier = 4
)

var tierNames = [...]string{
	ReadOnly:   "ReadOnly",
	DevTest:    "DevTest",
	Production: "Production",
	BreakGlass: "BreakGlass",
}

// Tiers returns the four tiers, lowest first.
func Tiers() []Tier { return []Tier{ReadOnly, DevTest, Production, BreakGlass} }

// Valid reports whether t is one of the four tiers.
func (t Tier) Valid() bool { return t >= ReadOnly && t <= BreakGlass }

// String returns the tier's name ("ReadOnly", "DevTest", "Production",
// "BreakGlass"), or "Tier(n)" for an invalid value.
func (t Tier) String() string {
	if t.Valid() {
		return tierNames[t]
	}
	return "Tier(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText writes the tier's name; it fails for an invalid tier. JSON
// uses it, so a Tier is written as a string such as "DevTest".
func (t Tier) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, &TierError{Input: strconv.Itoa(int(t))}
	}
	return []byte(tierNames[t]), nil
}

// UnmarshalText reads a tier as [ParseTier] does.
func (t *Tier) UnmarshalText(text []byte) error {
	v, err := ParseTier(string(text))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTier reads a tier. It accepts the names [Tier.String] writes, ignoring
// case, spaces, '-' and '_' ("devtest", "Dev-Test", "break_glass"), the digits
// "1" to "4", and "tier1" … "tier 4". Anything else is a *[TierError] that
// matches [ErrUnknownTier].
func ParseTier(s string) (Tier, error) {
	norm := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	norm = strings.TrimPrefix(norm, "tier")
	if len(norm) == 1 && norm[0] >= '1' && norm[0] <= '4' {
		return Tier(norm[0] - '0'), nil
	}
	for t := ReadOnly; t <= BreakGlass; t++ {
		if strings.ToLower(tierNames[t]) == norm {
			return t, nil
		}
	}
	return 0, &TierError{Input: s}
}

// TierError reports text that names no tier.
type TierError struct {
	// Input is the text that was read.
	Input string
}

// Error says what was wrong and what is accepted.
func (e *TierError) Error() string {
	return fmt.Sprintf("tiers: unknown tier %q (want ReadOnly, DevTest, Production, BreakGlass or 1-4)", msgtext.Clip(e.Input))
}

// Is makes errors.Is(err, ErrUnknownTier) true.
func (e *TierError) Is(target error) bool { return target == ErrUnknownTier }
