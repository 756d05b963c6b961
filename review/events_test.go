package review_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

func eventConfig() review.Config {
	cfg := review.DefaultConfig()
	cfg.Now = camfake.DemoTime
	cfg.OfficeIPs = []string{"10.20.0.0/16"}
	return cfg
}

func TestEventsDemo(t *testing.T) {
	t.Parallel()
	start := camfake.DemoTime.Add(-60 * 24 * time.Hour)
	fs, err := review.Events(context.Background(), camfake.Demo(), start, camfake.DemoTime, eventConfig())
	if err != nil {
		t.Fatal(err)
	}
	if f := mustFind(t, fs, review.CheckEventDenied, "frank.wu"); !strings.Contains(evidence(f), "TerminateInstances") {
		t.Errorf("denied evidence %v", f.Evidence)
	}
	if f := mustFind(t, fs, review.CheckEventBreakGlassUsed, "bob.singh"); f.Item != "BreakGlass-Admin" {
		t.Errorf("break-glass item %q", f.Item)
	}
	if f := mustFind(t, fs, review.CheckEventUnexpectedIP, "ops-admin"); !strings.Contains(evidence(f), "203.0.113.77") || strings.Contains(evidence(f), "10.20.1.200") {
		t.Errorf("unexpected-ip evidence %v", f.Evidence)
	}
	changes := find(fs, review.CheckEventIAMChange, "alice.chen")
	if len(changes) != 2 {
		t.Errorf("alice.chen changes %v", changes)
	}
	mustFind(t, fs, review.CheckEventIAMChange, "ops-admin")
	if got := find(fs, review.CheckReviewIncomplete, "audit log"); len(got) != 0 {
		t.Errorf("a 60-day window was reported incomplete: %v", got)
	}

	r := review.Assess(demo(t), review.DefaultConfig())
	before := len(r.Findings)
	r.Add(fs...)
	if len(r.Findings) != before+len(fs) {
		t.Errorf("Add: %d findings, want %d", len(r.Findings), before+len(fs))
	}
}

// sliceLog records the windows asked for and checks CloudAudit's rules.
type sliceLog struct {
	now     time.Time
	windows [][2]time.Time
	fail    error
}

func (l *sliceLog) Events(ctx context.Context, q cam.EventQuery) ([]cam.AuditEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.windows = append(l.windows, [2]time.Time{q.Start, q.End})
	if q.End.Sub(q.Start) >= 30*24*time.Hour || q.Start.Before(l.now.Add(-90*24*time.Hour)) {
		return nil, errors.New("InvalidParameterValue.Time")
	}
	if l.fail != nil && len(l.windows) == 2 {
		return nil, l.fail
	}
	return []cam.AuditEvent{{Name: "ConsoleLogin", Principal: "x", Time: q.Start, ErrorCode: 1, SourceIP: "10.20.0.1"}}, nil
}

func TestEventsSlicesAndReach(t *testing.T) {
	t.Parallel()
	now := camfake.DemoTime
	log := &sliceLog{now: now}
	fs, err := review.Events(context.Background(), log, now.Add(-120*24*time.Hour), now, eventConfig())
	if err != nil {
		t.Fatal(err)
	}
	if len(log.windows) != 4 {
		t.Errorf("%d slices, want 4 for the 90 days in reach", len(log.windows))
	}
	for i := 1; i < len(log.windows); i++ {
		if !log.windows[i][0].Equal(log.windows[i-1][1]) {
			t.Errorf("gap between slices %d and %d", i-1, i)
		}
	}
	if f := mustFind(t, fs, review.CheckReviewIncomplete, "audit log"); !strings.Contains(evidence(f), "90 days") {
		t.Errorf("reach finding %v", f.Evidence)
	}
	if f := mustFind(t, fs, review.CheckEventLoginFailure, "x"); !strings.Contains(f.Title, "4 events") {
		t.Errorf("login failures: %s", f.Title)
	}
}

func TestEventsErrors(t *testing.T) {
	t.Parallel()
	now := camfake.DemoTime
	log := &sliceLog{now: now, fail: cam.ErrThrottled}
	fs, err := review.Events(context.Background(), log, now.Add(-80*24*time.Hour), now, eventConfig())
	if !errors.Is(err, cam.ErrThrottled) {
		t.Fatalf("err = %v", err)
	}
	if len(find(fs, review.CheckEventLoginFailure, "x")) != 1 || len(find(fs, review.CheckReviewIncomplete, "audit log")) != 1 {
		t.Errorf("partial findings %v", fs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := review.Events(ctx, &sliceLog{now: now}, now.Add(-time.Hour), now, eventConfig()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := review.Events(context.Background(), nil, now.Add(-time.Hour), now, eventConfig()); err == nil {
		t.Error("nil log accepted")
	}
	if _, err := review.Events(context.Background(), log, now, now.Add(-time.Hour), eventConfig()); err == nil {
		t.Error("inverted window accepted")
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	s := demo(t)
	events, _, err := review.ReadEvents(context.Background(), camfake.Demo(), camfake.DemoTime.Add(-29*24*time.Hour), camfake.DemoTime, eventConfig())
	if err != nil {
		t.Fatal(err)
	}
	usages := review.UsageOf(s, events)
	var alice *review.Usage
	for i := range usages {
		if usages[i].Name == "alice.chen" && usages[i].Kind == review.SubjectUser {
			alice = &usages[i]
		}
	}
	if alice == nil {
		t.Fatal("no usage for alice.chen")
	}
	fs := review.UsageFindings(s.Account.OwnerUIN, usages, review.DefaultConfig())
	ops := mustFind(t, fs, review.CheckPolicyUnusedAccess, "ops-admin")
	if !strings.Contains(evidence(ops), "cam:AttachUserPolicy") {
		t.Errorf("ops-admin usage %v", ops.Evidence)
	}
	for _, f := range fs {
		if f.Check != review.CheckPolicyUnusedAccess || !strings.Contains(evidence(f), "proposed policy: {") {
			t.Errorf("usage finding %+v", f)
		}
	}
	for _, u := range usages {
		if u.Proposed == nil {
			continue
		}
		if err := u.Proposed.Validate(); err != nil {
			t.Errorf("%s: proposed policy invalid: %v", u.Name, err)
		}
		if len(u.Used) == 0 || len(u.Unused)+len(u.Used) != len(u.Granted) {
			t.Errorf("%s: used %d unused %d granted %d", u.Name, len(u.Used), len(u.Unused), len(u.Granted))
		}
	}
}
