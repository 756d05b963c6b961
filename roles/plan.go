package roles

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/msgtext"
)

// Plan is the ordered list of changes that brings an account to a catalog and
// its assignments, made by [Catalog.Plan] and carried out by [Apply]. It also
// reports what camkit will not touch (Conflicts), drift it cannot change
// (Notes), tier requirements the assignments break (Warnings) and grants
// that have expired.
type Plan struct {
	// Owner is the account's root UIN.
	Owner uint64 `json:"owner"`
	// At is the time the plan was made for (the snapshot's Taken): grants
	// ending at or before it are expired.
	At time.Time `json:"at,omitzero"`
	// Changes are the steps, in the order Apply performs them.
	Changes []Change `json:"changes"`
	// Conflicts are roles and policies of a catalog name that camkit did not
	// make; they are left alone.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// Notes report drift camkit cannot change and managed entities no longer
	// in the catalog.
	Notes []string `json:"notes,omitempty"`
	// Warnings are tier requirements that the assignments break (holders
	// without MFA devices, permanent break-glass grants, too many holders).
	Warnings []string `json:"warnings,omitempty"`
	// Grants are the assignments in force after the plan, with their tickets.
	Grants []Assignment `json:"grants,omitempty"`
	// Expired are the assignments given to Plan that had already ended.
	Expired []Assignment `json:"expired,omitempty"`
}

// Conflict is a role or policy that has a name the catalog uses but that
// camkit did not make.
type Conflict struct {
	// Role is the catalog role affected.
	Role string `json:"role,omitempty"`
	// User is the user whose grants are affected.
	User string `json:"user,omitempty"`
	// Message says what is in the way and what to do.
	Message string `json:"message"`
}

// Empty reports whether the plan changes nothing. Conflicts, notes and
// warnings do not count: they are reported, not acted on.
func (p *Plan) Empty() bool { return p == nil || len(p.Changes) == 0 }

// Environments returns the environments the plan's changes touch, sorted.
func (p *Plan) Environments() []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, c := range p.Changes {
		for _, e := range strings.Split(c.Env, ",") {
			if e != "" && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Counts returns how many changes add (+), change (~) and remove (-).
func (p *Plan) Counts() (add, change, remove int) {
	if p == nil {
		return
	}
	for _, c := range p.Changes {
		switch c.Kind.symbol() {
		case "+":
			add++
		case "-":
			remove++
		default:
			change++
		}
	}
	return
}

// String renders the plan like a Terraform plan: one block per change with
// its before and after, then conflicts, notes and warnings, then a summary.
func (p *Plan) String() string {
	if p == nil {
		return "No changes.\n"
	}
	var b strings.Builder
	for _, c := range p.Changes {
		b.WriteString(c.String())
		b.WriteByte('\n')
		writeDetail(&b, c)
	}
	for _, a := range p.Expired {
		fmt.Fprintf(&b, "! expired: %s (not granted)\n", a)
	}
	for _, c := range p.Conflicts {
		fmt.Fprintf(&b, "! conflict: %s\n", c.Message)
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "! note: %s\n", n)
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "! warning: %s\n", w)
	}
	if len(p.Changes) == 0 {
		b.WriteString("No changes.\n")
		return b.String()
	}
	add, change, remove := p.Counts()
	fmt.Fprintf(&b, "Environments: %s.\n", strings.Join(p.Environments(), ", "))
	fmt.Fprintf(&b, "Plan: %d to add, %d to change, %d to remove.\n", add, change, remove)
	return b.String()
}

func writeDetail(b *strings.Builder, c Change) {
	line := func(k, v string) { fmt.Fprintf(b, "    %s: %s\n", k, msgtext.Text(v)) }
	switch c.Kind {
	case CreatePolicy:
		line("document", c.After)
	case CreateRole:
		line("trust", c.After)
		line("description", c.Description)
		line("session", sessionText(c.Seconds))
		line("console login", fmt.Sprint(c.ConsoleLogin))
		line("tags", tagsText(c))
	case TagRole:
		line("tags", tagsText(c))
	case UntagRole:
		line("keys", strings.Join(c.TagKeys, ", "))
	case UpdatePolicy, UpdateTrust, UpdateDescription, UpdatePolicyDescription, UpdateSessionDuration:
		fmt.Fprintf(b, "    - %s\n    + %s\n", msgtext.Text(orNone(c.Before)), msgtext.Text(orNone(c.After)))
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func sessionText(sec int64) string {
	if sec == 0 {
		return "CAM default"
	}
	return (time.Duration(sec) * time.Second).String()
}

func tagsText(c Change) string {
	parts := make([]string, len(c.Tags))
	for i, t := range c.Tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}
