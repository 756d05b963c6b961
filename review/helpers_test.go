package review_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

var (
	demoOnce sync.Once
	demoSnap *cam.Snapshot
	demoErr  error
)

// demo loads camfake.Demo() once, at the demo's clock.
func demo(tb testing.TB) *cam.Snapshot {
	tb.Helper()
	demoOnce.Do(func() {
		demoSnap, demoErr = cam.Load(context.Background(), camfake.Demo(),
			cam.WithClock(func() time.Time { return camfake.DemoTime }), cam.WithRateScale(1000))
	})
	if demoErr != nil {
		tb.Fatalf("loading the demo: %v", demoErr)
	}
	return demoSnap
}

// find returns the findings of check about subject.
func find(fs []review.Finding, check, subject string) []review.Finding {
	var out []review.Finding
	for _, f := range fs {
		if f.Check == check && f.Subject == subject {
			out = append(out, f)
		}
	}
	return out
}

func mustFind(tb testing.TB, fs []review.Finding, check, subject string) review.Finding {
	tb.Helper()
	got := find(fs, check, subject)
	if len(got) == 0 {
		var all []string
		for _, f := range fs {
			all = append(all, f.String())
		}
		tb.Fatalf("no %s finding for %s; findings:\n%s", check, subject, strings.Join(all, "\n"))
	}
	return got[0]
}

func evidence(f review.Finding) string { return strings.Join(f.Evidence, "\n") }
