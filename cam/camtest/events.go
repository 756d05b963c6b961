package camtest

import (
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// eventWindow is the span the audit checks query: well inside CloudAudit's
// 30-day limit, so implementations that do not slice windows pass too.
const eventWindow = 7 * 24 * time.Hour

// eventChecks queries the last week and checks that results are ordered,
// inside the window, and consistent with the name and principal filters.
func (s *suite) eventChecks(log cam.AuditLog) {
	const check = "Events"
	end := time.Now()
	start := end.Add(-eventWindow)
	all, err := log.Events(s.ctx, cam.EventQuery{Start: start, End: end})
	if !s.ok(check, err) {
		return
	}
	for i, e := range all {
		if e.Time.Before(start.Add(-time.Second)) || e.Time.After(end.Add(time.Second)) {
			s.fail(check, "event %s %q at %v is outside [%v, %v)", e.ID, e.Name, e.Time, start, end)
		}
		if i > 0 && e.Time.Before(all[i-1].Time) {
			s.fail(check, "event %s is older than the one before it: not oldest first", e.ID)
		}
		if e.Name == "" {
			s.fail(check, "event %s has no name", e.ID)
		}
	}
	if len(all) == 0 {
		return
	}
	name := all[len(all)-1].Name
	byName, err := log.Events(s.ctx, cam.EventQuery{Start: start, End: end, Names: []string{name, "camtestNoSuchEvent"}})
	if s.ok(check+"/names", err) {
		want := 0
		for _, e := range all {
			if e.Name == name {
				want++
			}
		}
		for _, e := range byName {
			if e.Name != name {
				s.fail(check+"/names", "query for %q returned a %q event", name, e.Name)
			}
		}
		if len(byName) < want {
			s.fail(check+"/names", "query for %q returned %d events, the unfiltered query had %d", name, len(byName), want)
		}
	}
	i := slices.IndexFunc(all, func(e cam.AuditEvent) bool { return e.Principal != "" })
	if i < 0 {
		return
	}
	who := all[i].Principal
	byWho, err := log.Events(s.ctx, cam.EventQuery{Start: start, End: end, Principal: who})
	if s.ok(check+"/principal", err) {
		if len(byWho) == 0 {
			s.fail(check+"/principal", "no events by %q, the unfiltered query had some", who)
		}
		for _, e := range byWho {
			if e.Principal != who {
				s.fail(check+"/principal", "query for %q returned an event by %q", who, e.Principal)
			}
		}
	}
}
