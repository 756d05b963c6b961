package review_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/camkit/camkit/review"
)

func TestReportJSONRoundTripAndDiff(t *testing.T) {
	t.Parallel()
	r := review.Assess(demo(t), review.DefaultConfig())
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := review.ReadReport(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if d := review.Diff(r, back); !d.Empty() || len(d.Persisting) != len(r.Findings) {
		t.Errorf("round trip changed the findings: %+v", d)
	}
	cfg := review.DefaultConfig()
	cfg.Disabled = []string{review.CheckGroupEmpty}
	cfg.KeyMaxAge = 100 * 24 * 3600e9
	next := review.Assess(demo(t), cfg)
	next.Add(review.Finding{Check: review.CheckEventDenied, Severity: review.Low, SubjectKind: review.SubjectPrincipal, Subject: "frank.wu", Title: "denied", Recommendation: "r"})
	d := review.Diff(back, next)
	if len(d.New) != 1 || d.New[0].Subject != "frank.wu" {
		t.Errorf("new = %v", d.New)
	}
	if len(find(d.Resolved, review.CheckGroupEmpty, "contractors")) != 1 {
		t.Errorf("resolved = %v", d.Resolved)
	}
	if len(d.Persisting) == 0 || d.Empty() {
		t.Errorf("persisting = %d, empty %v", len(d.Persisting), d.Empty())
	}
	if d := review.Diff(nil, next); len(d.New) != len(next.Findings) {
		t.Errorf("diff against nothing: %d new", len(d.New))
	}
}

func TestReadReportErrors(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"null":          `null`,
		"not json":      `{`,
		"other schema":  `{"schemaVersion":99,"findings":[]}`,
		"no findings":   `{"schemaVersion":1}`,
		"unknown field": `{"schemaVersion":1,"findings":[],"extra":1}`,
		"empty finding": `{"schemaVersion":1,"findings":[{}]}`,
		"bad severity":  `{"schemaVersion":1,"findings":[{"check":"a","subject":"b","severity":"dire"}]}`,
		"array":         `[]`,
	} {
		if _, err := review.ReadReport(strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "review: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestWriteMarkdownAndText(t *testing.T) {
	t.Parallel()
	r := review.Assess(demo(t), review.DefaultConfig())
	r.Add(review.Finding{Check: review.CheckEventDenied, Severity: review.High, SubjectKind: review.SubjectPrincipal,
		Subject: "evil|name\n# injected", Title: "[link](http://x) <b>", Recommendation: "r"})
	var md, txt bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{"| critical |", "### user ops-admin", "`user.shared-account`", "Fix:"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(out, "\n# injected") || strings.Contains(out, "[link](") || strings.Contains(out, "<b>") {
		t.Error("account text was not escaped in markdown")
	}
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.String(), "Findings: ") || strings.Contains(txt.String(), "\n# injected") {
		t.Errorf("text report:\n%s", txt.String())
	}
}

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	r := review.Assess(demo(t), review.DefaultConfig())
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(demo(t).Users)+2 {
		t.Fatalf("%d rows for %d users", len(rows), len(demo(t).Users))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if rows[1][col["type"]] != "root" || rows[1][col["key_1_id"]] == "" {
		t.Errorf("root row %v", rows[1])
	}
	for _, row := range rows[1:] {
		if row[col["user"]] == "ci-deploy" {
			if row[col["key_1_age_days"]] != "400" || row[col["console_login"]] != "false" {
				t.Errorf("ci-deploy row %v", row)
			}
		}
		if row[col["user"]] == "frank.wu" && (row[col["login_protection"]] != "none" || row[col["mfa_device"]] != "false") {
			t.Errorf("frank.wu row %v", row)
		}
	}
	if strings.Contains(buf.String(), "SecretKey") {
		t.Error("secret in CSV")
	}
}

func TestWriteHTML(t *testing.T) {
	t.Parallel()
	r := review.Assess(demo(t), review.DefaultConfig())
	r.Add(review.Finding{Check: review.CheckEventDenied, Severity: review.High, SubjectKind: review.SubjectPrincipal,
		Subject: "<script>alert(1)</script>", Title: "t", Recommendation: "r"})
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`id="heatmap"`, `id="key-timeline"`, `id="findings"`, `id="filter-severity"`, "ops-admin", "lpermissionsmanagement"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>alert(1)") {
		t.Error("account text not escaped in HTML")
	}
	for _, bad := range []string{"http://", "https://", "src=\"http"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML refers to the network: %q", bad)
		}
	}
	if n := strings.Count(out, `class="finding"`); n != len(r.Findings) {
		t.Errorf("%d finding rows for %d findings", n, len(r.Findings))
	}
}

func TestSeverityText(t *testing.T) {
	t.Parallel()
	for s := review.Info; s <= review.Critical; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back review.Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%v round trip: %v %v", s, back, err)
		}
	}
	if _, err := review.Severity(9).MarshalText(); err == nil {
		t.Error("out-of-range severity marshalled")
	}
	if _, err := review.ParseSeverity("dire"); err == nil {
		t.Error("unknown severity parsed")
	}
	if len(review.Checks()) < 25 {
		t.Error("check table is short")
	}
}
