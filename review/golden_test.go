package review_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// demoFullReport is the demo's review with a month of audit events.
func demoFullReport(t *testing.T) *review.Report {
	t.Helper()
	cfg := review.DefaultConfig()
	cfg.Now = camfake.DemoTime
	cfg.OfficeIPs = []string{"10.20.0.0/16"}
	r := review.Assess(demo(t), cfg)
	events, err := review.Events(context.Background(), camfake.Demo(), camfake.DemoTime.Add(-29*24*time.Hour), camfake.DemoTime, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.Add(events...)
	return r
}

// TestGoldenWriters compares the Markdown, JSON and CSV reports of the demo
// with testdata; run with -update after a deliberate change.
func TestGoldenWriters(t *testing.T) {
	r := demoFullReport(t)
	for _, w := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"demo.report.md", func(b *bytes.Buffer) error { return r.WriteMarkdown(b) }},
		{"demo.report.json", func(b *bytes.Buffer) error { return r.WriteJSON(b) }},
		{"demo.credentials.csv", func(b *bytes.Buffer) error { return r.WriteCSV(b) }},
	} {
		var buf bytes.Buffer
		if err := w.write(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", w.file)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./review -run Golden -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from the golden file; if the change is deliberate, run go test ./review -run Golden -update and review the diff", path)
		}
	}
}
