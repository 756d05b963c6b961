package roles

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Status is what happened to one change during [Apply].
type Status string

// The statuses of a change.
const (
	StatusDone         Status = "done"
	StatusFailed       Status = "failed"
	StatusNotAttempted Status = "not-attempted"
)

// ChangeResult is one change with what happened to it.
type ChangeResult struct {
	Change
	// Status says whether the change was done, failed or not attempted.
	Status Status `json:"status"`
	// Error is the failure, for a failed change.
	Error string `json:"error,omitempty"`
}

// ChangeRecord is the record of one apply, after the IAM guide's "make policy
// changes trackable": what changed, why, who approved, which environments
// were affected, and each change with its result. Give Apply the fields you
// know (Why, ApprovedBy, Ticket, optionally What and Environments); it fills
// in the rest. [ChangeRecord.AppendLog] writes it as one JSON line.
type ChangeRecord struct {
	// What summarises the change; Apply writes the plan's counts when empty.
	What string `json:"what"`
	// Why says why the change is made.
	Why string `json:"why"`
	// ApprovedBy is who approved the change.
	ApprovedBy string `json:"approvedBy"`
	// Ticket is the change's own ticket, if any.
	Ticket Ticket `json:"ticket,omitzero"`
	// Environments are the environments affected; Apply fills them from the
	// plan when empty.
	Environments []string `json:"environments"`
	// Account is the account's owner UIN.
	Account uint64 `json:"account,omitempty"`
	// Grants are the assignments in force after the change, with their
	// tickets.
	Grants []Assignment `json:"grants,omitempty"`
	// Changes are the plan's changes with their results.
	Changes []ChangeResult `json:"changes"`
	// Start and End bound the apply.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// Error is the failure that stopped the apply, if any.
	Error string `json:"error,omitempty"`
}

// fill completes the record's context from the plan.
func (r *ChangeRecord) fill(p *Plan) {
	r.Account = p.Owner
	if r.What == "" {
		add, change, remove := p.Counts()
		r.What = fmt.Sprintf("roles: %d to add, %d to change, %d to remove", add, change, remove)
	}
	if len(r.Environments) == 0 {
		r.Environments = p.Environments()
	}
	if r.Environments == nil {
		r.Environments = []string{}
	}
	r.Grants = append([]Assignment(nil), p.Grants...)
}

// Done returns how many changes were done.
func (r ChangeRecord) Done() int {
	n := 0
	for _, c := range r.Changes {
		if c.Status == StatusDone {
			n++
		}
	}
	return n
}

// AppendLog writes the record to a change log as one line of JSON (no HTML
// escaping) followed by a newline.
func (r ChangeRecord) AppendLog(w io.Writer) error {
	if w == nil {
		return fmt.Errorf("roles: writing the change record: the io.Writer is nil")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("roles: writing the change record: %w", err)
	}
	return nil
}
