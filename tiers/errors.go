package tiers

import "errors"

// ErrUnknownTier is matched (with errors.Is) by every error about text or a
// value that names no tier.
var ErrUnknownTier = errors.New("tiers: unknown tier")

// ErrUnknownEnforcement is matched by errors about text that names no
// [Enforcement].
var ErrUnknownEnforcement = errors.New("tiers: unknown enforcement")
