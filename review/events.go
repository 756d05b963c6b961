package review

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/camkit/camkit/cam"
)

// CloudAudit's limits, which [Events] keeps to: DescribeEvents serves events
// from at most 90 days back, in windows shorter than 30 days, at 20 requests a
// second (docs/semantics.md §7).
const (
	EventReach       = 90 * 24 * time.Hour
	EventSlice       = 29 * 24 * time.Hour
	DefaultEventRate = 20
)

// IAMChangeEvents are the CloudAudit event names (API actions) that change
// identities, credentials or permissions: event.iam-change reports them.
func IAMChangeEvents() []string {
	return []string{
		"AddUser", "DeleteUser", "UpdateUser", "CreateAccessKey", "DeleteAccessKey", "UpdateAccessKey",
		"AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy", "AttachRolePolicy", "DetachRolePolicy",
		"CreatePolicy", "DeletePolicy", "UpdatePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion",
		"CreateRole", "DeleteRole", "UpdateAssumeRolePolicy", "UpdateRoleSessionDuration", "CreateGroup", "DeleteGroup",
		"AddUserToGroup", "RemoveUserFromGroup", "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
		"PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary", "SetMfaFlag", "SetSafeAuthFlag",
		"CreateSAMLProvider", "UpdateSAMLProvider", "DeleteSAMLProvider", "CreateServiceLinkedRole",
	}
}

// iamChangeEvents is IAMChangeEvents as a set, built once.
var iamChangeEvents = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range IAMChangeEvents() {
		m[name] = true
	}
	return m
}()

// DeniedErrorCodes are the CloudAudit ErrorCode values read as "access
// denied" (event.denied). CloudAudit reports an event's error as a number;
// camkit reads 403 as unauthorised, the code CAM's authorisation failures
// carry in the audit log. Set EventOptions.DeniedCodes to read others.
func DeniedErrorCodes() []int64 { return []int64{403} }

// consoleLogin is the event name of a console sign-in.
const consoleLogin = "ConsoleLogin"

// eventRun is the state of one Events call.
type eventRun struct {
	cfg     Config
	allow   []netip.Prefix
	denied  []int64
	byKey   map[string]*Finding
	order   []string
	counter map[string]int
}

// Events reads CloudAudit between start and end ([ReadEvents]) and returns the
// event checks' findings ([EventFindings]) together with review.incomplete
// findings for any part of the window that could not be read. Add them to a
// report with [Report.Add]. On a read error it returns the findings of what was
// read and the error.
func Events(ctx context.Context, log cam.AuditLog, start, end time.Time, cfg Config) ([]Finding, error) {
	evs, missing, err := ReadEvents(ctx, log, start, end, cfg)
	if evs == nil && missing == nil && err != nil {
		return nil, err
	}
	out := append(EventFindings(evs, cfg), missing...)
	slices.SortFunc(out, compareFindings)
	return out, err
}

// ReadEvents reads CloudAudit's events between start and end, oldest first, in
// slices shorter than 30 days, one call a slice, paced at CloudAudit's 20
// requests a second. Events older than CloudAudit's 90-day reach (measured from
// cfg.Now, or the current time when zero) cannot be read: the start is moved
// forward and a review.incomplete finding says so. A slice that fails stops the
// read: ReadEvents returns the events read so far, a review.incomplete finding
// for the rest, and the error; cancellation returns ctx.Err() wrapped.
func ReadEvents(ctx context.Context, log cam.AuditLog, start, end time.Time, cfg Config) ([]cam.AuditEvent, []Finding, error) {
	if log == nil {
		return nil, nil, errors.New("review: Events: nil cam.AuditLog")
	}
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	if !end.After(start) {
		return nil, nil, fmt.Errorf("review: Events: end %s is not after start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	now := cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	missing := []Finding{}
	if reach := now.Add(-EventReach).Add(time.Minute); start.Before(reach) {
		missing = append(missing, incompleteEvents(start, reach, "CloudAudit keeps events for 90 days only"))
		start = reach
	}
	if end.After(now) {
		end = now
	}
	events := []cam.AuditEvent{}
	limiter := rate.NewLimiter(DefaultEventRate, 1)
	for from := start; from.Before(end); from = from.Add(EventSlice) {
		to := from.Add(EventSlice)
		if to.After(end) {
			to = end
		}
		if err := limiter.Wait(ctx); err != nil {
			return events, append(missing, incompleteEvents(from, end, "cancelled")), fmt.Errorf("review: Events: %w", ctxErr(ctx, err))
		}
		evs, err := log.Events(ctx, cam.EventQuery{Start: from, End: to})
		if err != nil {
			missing = append(missing, incompleteEvents(from, end, err.Error()))
			if ctx.Err() != nil {
				err = fmt.Errorf("%w (%w)", ctx.Err(), err)
			}
			return events, missing, fmt.Errorf("review: Events: reading %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
		}
		events = append(events, evs...)
	}
	return events, missing, nil
}

// EventFindings runs the event checks over events: event.iam-change (per
// caller and event name), event.denied (per caller), event.breakglass-used
// (per caller and role), event.unexpected-ip (when cfg.OfficeIPs is set) and
// event.login-failure. Break-glass roles are recognised from the assumed
// role's name in the event's resources (Config.BreakGlassRoles and
// BreakGlassNamePatterns). Each finding lists up to ten events and counts the
// rest.
func EventFindings(events []cam.AuditEvent, cfg Config) []Finding {
	allow, _ := parseAllowlist(cfg.OfficeIPs)
	run := &eventRun{cfg: cfg, allow: allow, denied: DeniedErrorCodes(), byKey: map[string]*Finding{}, counter: map[string]int{}}
	for i := range events {
		run.event(&events[i])
	}
	return run.result(nil)
}

func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func incompleteEvents(from, to time.Time, why string) Finding {
	return Finding{
		Check: CheckReviewIncomplete, Severity: Medium, SubjectKind: SubjectAccount, Subject: "audit log",
		Item:           from.UTC().Format(time.RFC3339) + "/" + to.UTC().Format(time.RFC3339),
		Title:          fmt.Sprintf("audit events from %s to %s were not read", date(from), date(to)),
		Evidence:       []string{"reason: " + oneLine(why)},
		Recommendation: "Review the missing window from CloudAudit's console or a shipped log, or run the review again.",
	}
}

// maxEvidence bounds the evidence lines of one event finding.
const maxEvidence = 10

// note adds one event to the finding with the given identity, creating it with
// mk on first use.
func (run *eventRun) note(id, principal, item, line string, mk func() Finding) {
	if !run.cfg.enabled(id) {
		return
	}
	k := id + "|" + principal + "|" + item
	f, ok := run.byKey[k]
	if !ok {
		nf := mk()
		nf.Check, nf.SubjectKind, nf.Subject, nf.Item = id, SubjectPrincipal, principal, item
		def := Info
		if c, ok := checkInfo(id); ok {
			def = c.Severity
		}
		nf.Severity = run.cfg.severity(id, def)
		f = &nf
		run.byKey[k] = f
		run.order = append(run.order, k)
	}
	run.counter[k]++
	if len(f.Evidence) < maxEvidence {
		f.Evidence = append(f.Evidence, oneLine(line))
	}
}

func (run *eventRun) event(e *cam.AuditEvent) {
	who := e.Principal
	if who == "" {
		who = fmt.Sprintf("uin %d", e.PrincipalUIN)
	}
	line := e.Time.UTC().Format(time.RFC3339) + " " + e.Name
	if e.SourceIP != "" {
		line += " from " + e.SourceIP
	}
	if len(e.Resources) > 0 {
		line += " on " + strings.Join(e.Resources, ", ")
	}
	failed := e.ErrorCode != 0
	if failed {
		line += fmt.Sprintf(" (error %d)", e.ErrorCode)
	}
	switch {
	case e.Name == consoleLogin && failed:
		run.note(CheckEventLoginFailure, who, "", line, func() Finding {
			return Finding{Title: "console sign-in failures", Recommendation: "Check whether the attempts were the user's; lock the user and rotate credentials if not, and require an MFA device."}
		})
	case failed && slices.Contains(run.denied, e.ErrorCode):
		run.note(CheckEventDenied, who, "", line, func() Finding {
			return Finding{Title: "calls denied by CAM", Recommendation: "If the calls are part of the job, grant the narrowest action and resource that allows them; if not, find out who made them."}
		})
	case !failed && iamChangeEvents[e.Name]:
		run.note(CheckEventIAMChange, who, e.Name, line, func() Finding {
			return Finding{Title: e.Name + " calls changed identities or permissions", Recommendation: "Match each change to an approved change record (roles.ChangeRecord); investigate any without one."}
		})
	}
	if !failed && e.Name == "AssumeRole" {
		for _, r := range e.Resources {
			if name, ok := roleNameOf(r); ok && run.breakGlassName(name) {
				run.note(CheckEventBreakGlassUsed, who, name, line, func() Finding {
					return Finding{Title: "break-glass role " + name + " was assumed", Recommendation: "Confirm the incident that justified it, review what the session did, and rotate anything it exposed."}
				})
			}
		}
	}
	if len(run.allow) > 0 && e.SourceIP != "" {
		if a, err := netip.ParseAddr(e.SourceIP); err == nil && !inAllowlist(run.allow, a) {
			run.note(CheckEventUnexpectedIP, who, "", line, func() Finding {
				return Finding{Title: "calls or sign-ins from outside the allowlist", Recommendation: "Confirm the address is the user's; if not, disable the user's keys and sessions and investigate."}
			})
		}
	}
}

func inAllowlist(allow []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// roleNameOf reads the role name of a role ARN ("...:roleName/<name>").
func roleNameOf(arn string) (string, bool) {
	i := strings.LastIndex(arn, ":roleName/")
	if i < 0 {
		return "", false
	}
	return arn[i+len(":roleName/"):], true
}

func (run *eventRun) breakGlassName(name string) bool {
	if slices.Contains(run.cfg.BreakGlassRoles, name) {
		return true
	}
	_, ok := matchName(run.cfg.BreakGlassNamePatterns, name)
	return ok
}

// result returns the findings in order, with counts in the titles.
func (run *eventRun) result(extra []Finding) []Finding {
	out := make([]Finding, 0, len(run.order)+len(extra))
	for _, k := range run.order {
		f := *run.byKey[k]
		n := run.counter[k]
		f.Title = fmt.Sprintf("%s (%d event%s)", f.Title, n, plural(n))
		if n > len(f.Evidence) {
			f.Evidence = append(f.Evidence, fmt.Sprintf("and %d more", n-len(f.Evidence)))
		}
		out = append(out, f)
	}
	out = append(out, extra...)
	slices.SortFunc(out, compareFindings)
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
