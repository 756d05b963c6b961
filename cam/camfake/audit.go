package camfake

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// CloudAudit's query rules, which [Fake.Events] enforces like the service.
const (
	// MaxEventAge is how far back CloudAudit serves events: a query may not
	// start more than 90 days before now.
	MaxEventAge = 90 * 24 * time.Hour
	// MaxEventWindow bounds one query: End − Start must be less than 30 days.
	MaxEventWindow = 30 * 24 * time.Hour
)

// Events returns the audit events in [q.Start, q.End), oldest first,
// optionally only those with the given names or by the given principal (user
// name), as CloudAudit's DescribeEvents does.
//
// Like the service, and unlike a [cam.AuditLog] implementation that talks to
// it, the fake does not slice long windows: a query whose window is 30 days
// or longer, starts more than 90 days before the fake's clock, has a zero
// Start or End, or ends before it starts fails with InvalidParameterValue.Time
// (matching [cam.ErrInvalid]). Callers such as cam.Load slice their windows;
// this is what tests that they do.
//
// The log holds the events given by [Fake.AddEvents] and seeds, and one event
// for every successful write call made through the fake's API: Sensitive set,
// Resources naming the subject, and the call's [Caller] as CloudAudit names
// the operator (Principal "root" and the owner's UIN for the root account,
// which makes every call made on the fake directly; a sub-user's name and
// UIN; for a role session, the role's name and the UIN of whoever assumed
// it).
func (f *Fake) Events(ctx context.Context, q cam.EventQuery) ([]cam.AuditEvent, error) {
	var out []cam.AuditEvent
	err := f.read(ctx, cam.ActionDescribeEvents, Call{UserName: q.Principal}, func(st *state) error {
		now := f.now()
		switch {
		case q.Start.IsZero() || q.End.IsZero():
			return apiErr(codeEventTime, "StartTime and EndTime are required")
		case q.End.Before(q.Start):
			return apiErr(codeEventTime, "EndTime %s is before StartTime %s", q.End.Format(time.RFC3339), q.Start.Format(time.RFC3339))
		case q.End.Sub(q.Start) >= MaxEventWindow:
			return apiErr(codeEventTime, "the window %s to %s is %s long; it must be shorter than 30 days", q.Start.Format(time.RFC3339), q.End.Format(time.RFC3339), q.End.Sub(q.Start))
		case q.Start.Before(now.Add(-MaxEventAge)):
			return apiErr(codeEventTime, "StartTime %s is more than 90 days before now (%s)", q.Start.Format(time.RFC3339), now.Format(time.RFC3339))
		}
		for _, ev := range st.events {
			if ev.Time.Before(q.Start) || !ev.Time.Before(q.End) {
				continue
			}
			if len(q.Names) > 0 && !slices.Contains(q.Names, ev.Name) {
				continue
			}
			if q.Principal != "" && ev.Principal != q.Principal {
				continue
			}
			ev.Resources = slices.Clone(ev.Resources)
			out = append(out, ev)
		}
		slices.SortStableFunc(out, func(a, b cam.AuditEvent) int { return a.Time.Compare(b.Time) })
		if out == nil {
			out = []cam.AuditEvent{}
		}
		return nil
	})
	return out, err
}

// AddEvents appends audit events to the log, as if CloudAudit had recorded
// them. An event without an ID gets a unique one. It is a test helper, not an
// API call: it is not recorded and no fault applies.
func (f *Fake) AddEvents(events ...cam.AuditEvent) {
	f.init()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st.addEvents(events)
}

func (st *state) addEvents(events []cam.AuditEvent) {
	for _, ev := range events {
		if ev.ID == "" {
			st.nextEvt++
			ev.ID = fmt.Sprintf("evt-%08d", st.nextEvt)
		}
		ev.Resources = slices.Clone(ev.Resources)
		st.events = append(st.events, ev)
	}
}
