package review_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

// Review the demo account and print what it found about one user.
func ExampleAssess() {
	snap, err := cam.Load(context.Background(), camfake.Demo(), cam.WithClock(func() time.Time { return camfake.DemoTime }))
	if err != nil {
		fmt.Println(err)
		return
	}
	report := review.Assess(snap, review.DefaultConfig())
	for _, f := range report.Findings {
		if f.Subject == "grace.li" || f.Subject == "backup-sync" {
			fmt.Println(f.Severity, f.Check, f.Subject+":", f.Title)
		}
	}
	// Output:
	// medium key.not-rotated backup-sync: access key is 200 days old (limit 90)
	// medium mfa.operation-missing backup-sync: sensitive-operation protection is off
	// medium user.inactive grace.li: console user has not signed in for 200 days
	// low key.never-used backup-sync: access key was created 200 days ago and never used
	// low key.unnamed backup-sync: access key's description does not say what uses it
	// low user.direct-policy backup-sync: policy QcloudCOSFullAccess is attached to the user directly
	// low user.no-group backup-sync: user belongs to no group
}

// Read a month of audit events and add the event checks to a report.
func ExampleEvents() {
	cfg := review.DefaultConfig()
	cfg.Now = camfake.DemoTime
	cfg.OfficeIPs = []string{"10.20.0.0/16"}
	fs, err := review.Events(context.Background(), camfake.Demo(), camfake.DemoTime.Add(-29*24*time.Hour), camfake.DemoTime, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range fs {
		if f.Severity >= review.Medium {
			fmt.Println(f.Severity, f.Check, f.Subject+":", f.Title)
		}
	}
	// Output:
	// high event.breakglass-used bob.singh: break-glass role BreakGlass-Admin was assumed (1 event)
	// medium event.unexpected-ip ops-admin: calls or sign-ins from outside the allowlist (1 event)
}

// Compare this quarter's review with the last one.
func ExampleDiff() {
	snap, err := cam.Load(context.Background(), camfake.Demo(), cam.WithClock(func() time.Time { return camfake.DemoTime }))
	if err != nil {
		fmt.Println(err)
		return
	}
	last := review.Assess(snap, review.DefaultConfig())
	cfg := review.DefaultConfig()
	cfg.Suppressions = []review.Suppression{{
		Check: review.CheckGroupEmpty, Subject: "contractors", Reason: "contractors start in January",
		AcceptedBy: "bob.singh", Expires: camfake.DemoTime.AddDate(0, 3, 0),
	}}
	now := review.Assess(snap, cfg)
	d := review.Diff(last, now)
	fmt.Println("new:", len(d.New), "resolved:", len(d.Resolved))
	for _, f := range d.Resolved {
		fmt.Println("resolved:", f.Check, f.Subject)
	}
	// Output:
	// new: 0 resolved: 1
	// resolved: group.empty contractors
}

// The policy a reviewer needs, to attach to the identity whose key the review uses.
func ExampleRequiredPolicy() {
	doc := review.RequiredPolicy()
	fmt.Println(len(doc.Statement[0].Action), "read actions on", doc.Statement[0].Resource)
	_ = review.Assess(nil, review.DefaultConfig()).WriteText(os.Stdout)
	// Output:
	// 21 read actions on [*]
	// Access review of 0001-01-01 00:00 UTC
	// Findings: 1 (1 critical, 0 high, 0 medium, 0 low, 0 info); suppressed: 0
	//
	// [critical] review.incomplete  account account
	//   no snapshot to review
	//   fix: Load the account with cam.Load and review the snapshot.
}
