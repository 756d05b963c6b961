package roles

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/msgtext"
)

// Ticket is a permission ticket (the IAM guide's "use permission tickets for
// changes"): why access is needed, to which resources or environments, and
// who approved it. How long is the [Assignment]'s Until.
type Ticket struct {
	// ID is the ticket's identifier in the team's tracker ("SEC-1234").
	ID string `json:"id,omitempty"`
	// Why says why the access is needed.
	Why string `json:"why,omitempty"`
	// Resources lists the resources or environments the access is for
	// ("prod", "cluster cls-prod01").
	Resources []string `json:"resources,omitempty"`
	// RequestedBy is who asked for the access.
	RequestedBy string `json:"requestedBy,omitempty"`
	// ApprovedBy is the owner who approved it.
	ApprovedBy string `json:"approvedBy,omitempty"`
}

// Empty reports whether t records nothing.
func (t Ticket) Empty() bool {
	return t.ID == "" && t.Why == "" && len(t.Resources) == 0 && t.RequestedBy == "" && t.ApprovedBy == ""
}

// String returns "ID: why (approved by X)".
func (t Ticket) String() string {
	var b strings.Builder
	b.WriteString(t.ID)
	if t.Why != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(t.Why)
	}
	if t.ApprovedBy != "" {
		fmt.Fprintf(&b, " (approved by %s)", t.ApprovedBy)
	}
	return b.String()
}

// Assignment gives a sub-user a role. A permanent assignment (zero Until) and a
// time-limited grant both live in CAM itself (docs/semantics.md §6 and §9): the user is
// a principal of the role's trust policy, and holds an sts:AssumeRole allow on
// the role's ARN in the custom policy "camkit-assume-<user>"; a time-limited
// grant puts date_less_than on qcs:current_time in both, so CAM enforces the
// expiry even if nobody runs camkit again. The next plan after Until removes
// the expired grant.
type Assignment struct {
	// User is the sub-user's login name.
	User string `json:"user"`
	// Role is the role's name in the catalog.
	Role string `json:"role"`
	// Until ends a time-limited grant; zero never expires.
	Until time.Time `json:"until,omitzero"`
	// Ticket records why, for what, and who approved. It is required (Why and
	// ApprovedBy) for a time-limited grant and for roles of tier Production or
	// BreakGlass.
	Ticket Ticket `json:"ticket,omitzero"`
}

// Permanent reports whether a never expires.
func (a Assignment) Permanent() bool { return a.Until.IsZero() }

// Expired reports whether a time-limited grant has ended at now.
func (a Assignment) Expired(now time.Time) bool { return !a.Until.IsZero() && !now.Before(a.Until) }

// String returns "user -> Role" with the expiry, if any.
func (a Assignment) String() string {
	s := msgtext.Name(a.User) + " -> " + msgtext.Name(a.Role)
	if !a.Until.IsZero() {
		s += " until " + a.Until.UTC().Format(time.RFC3339)
	}
	return s
}

// sortAssignments orders by role, user, then expiry.
func sortAssignments(as []Assignment) {
	slices.SortStableFunc(as, func(a, b Assignment) int {
		if c := strings.Compare(a.Role, b.Role); c != 0 {
			return c
		}
		if c := strings.Compare(a.User, b.User); c != 0 {
			return c
		}
		return a.Until.Compare(b.Until)
	})
}
