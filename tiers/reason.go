package tiers

import (
	"fmt"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// Cause says why an allowed action needs more than tier 1.
type Cause uint8

// The causes, in increasing order of the tier they need.
const (
	// CauseConfinedWrite is a write (or tag change) confined to
	// non-production resources: tier 2.
	CauseConfinedWrite Cause = iota + 1
	// CauseWrite is a write that can reach production resources: tier 3.
	CauseWrite
	// CauseCredentials is an action that issues credentials (temporary
	// role keys, access keys, a kubeconfig, a VNC URL, plaintext keys): tier 4.
	CauseCredentials
	// CausePermissions is permission management (policies, attachments,
	// trust, keys, passwords, MFA, bucket policies, passing roles): tier 4.
	CausePermissions
	// CauseFullAccess is every action on every resource: tier 4.
	CauseFullAccess
	// CauseUnreadable is an action camkit cannot read; it is counted as
	// tier 4 so that a broken document never looks harmless.
	CauseUnreadable
)

var causeNames = [...]string{
	CauseConfinedWrite: "confined-write",
	CauseWrite:         "write",
	CauseCredentials:   "credentials",
	CausePermissions:   "permissions-management",
	CauseFullAccess:    "full-access",
	CauseUnreadable:    "unreadable",
}

// String returns the cause's stable name, e.g. "confined-write".
func (c Cause) String() string {
	if c >= CauseConfinedWrite && c <= CauseUnreadable {
		return causeNames[c]
	}
	return fmt.Sprintf("Cause(%d)", uint8(c))
}

// MarshalText writes the cause's name; it fails for an invalid value.
func (c Cause) MarshalText() ([]byte, error) {
	if c < CauseConfinedWrite || c > CauseUnreadable {
		return nil, fmt.Errorf("tiers: cannot marshal invalid cause %d", uint8(c))
	}
	return []byte(causeNames[c]), nil
}

// UnmarshalText reads a name written by MarshalText.
func (c *Cause) UnmarshalText(text []byte) error {
	for i := CauseConfinedWrite; i <= CauseUnreadable; i++ {
		if causeNames[i] == string(text) {
			*c = i
			return nil
		}
	}
	return fmt.Errorf("tiers: unknown cause %q (want one of confined-write, write, credentials, permissions-management, full-access, unreadable)", msgtext.Clip(string(text)))
}

// Reason is one allowed action that needs more than tier 1: which document,
// statement and action, its access level, the tier it needs and why.
type Reason struct {
	// Tier is the lowest tier that can hold the action.
	Tier Tier `json:"tier"`
	// Cause says why.
	Cause Cause `json:"cause"`
	// Policy names the document: the NamedDocument's name, or "document[i]"
	// for an unnamed one.
	Policy string `json:"policy"`
	// Document is the index of the document in the arguments of the Classify call.
	Document int `json:"document"`
	// Statement is the index of the allow statement in its document.
	Statement int `json:"statement"`
	// Action is the action pattern as written.
	Action string `json:"action"`
	// AccessLevel is the highest access level of any API the action can
	// match, after deny statements that remove APIs outright.
	AccessLevel policy.AccessLevel `json:"accessLevel"`
	// Message explains the reason in a sentence.
	Message string `json:"message"`
}

// String returns the message.
func (r Reason) String() string { return r.Message }

// Classification is the result of classifying a set of documents.
type Classification struct {
	// Tier is the lowest tier that can hold every allowed action: the
	// highest tier of the reasons, or ReadOnly when there are none.
	Tier Tier `json:"tier"`
	// Reasons lists, in document, statement and action order, every allowed
	// action that needs more than tier 1. Reads and lists are not listed.
	Reasons []Reason `json:"reasons,omitempty"`
	// Incomplete is true when the documents had too many statements for
	// every deny to be weighed against every allow ([MaxDenyWork]): some
	// allows were classified without the denies, so Tier may be higher
	// than what the documents really allow, never lower.
	Incomplete bool `json:"incomplete,omitempty"`
}

// Above returns the reasons whose tier exceeds t, in order.
func (c Classification) Above(t Tier) []Reason {
	var out []Reason
	for _, r := range c.Reasons {
		if r.Tier > t {
			out = append(out, r)
		}
	}
	return out
}
