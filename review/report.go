package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"
)

// ReportSchemaVersion is the version of the report JSON that [Report.WriteJSON]
// writes and [ReadReport] reads. It changes only when a field changes meaning
// or is removed; new fields may appear within a version.
const ReportSchemaVersion = 1

// Report is the result of a review: the findings, what suppressions hid, and a
// summary per account. Findings are sorted by severity (highest first), then
// check, account, subject and item, so two reviews of the same data are
// identical.
type Report struct {
	// SchemaVersion is [ReportSchemaVersion].
	SchemaVersion int `json:"schemaVersion"`
	// Generated is the time the review was taken at (Config.Now, or the
	// snapshot's time).
	Generated time.Time `json:"generated"`
	// Accounts summarises each account reviewed.
	Accounts []AccountSummary `json:"accounts"`
	// Findings are the open findings.
	Findings []Finding `json:"findings"`
	// Suppressed are findings that a suppression hid.
	Suppressed []SuppressedFinding `json:"suppressed,omitempty"`
	// Suppressions are the suppressions the review applied; [Report.Add]
	// applies them to findings added later.
	Suppressions []Suppression `json:"suppressions,omitempty"`
	// Users holds one credential-report row per sub-user (the CSV writer's rows).
	Users []UserRow `json:"users,omitempty"`
	// Access is the principal × service grid of the highest access level
	// granted, for the HTML report's heat map.
	Access []AccessRow `json:"access,omitempty"`
}

// AccountSummary counts what a review saw of one account.
type AccountSummary struct {
	// OwnerUIN is the account's root UIN.
	OwnerUIN uint64 `json:"ownerUIN"`
	// Name is an optional label for the account (see [Account]).
	Name string `json:"name,omitempty"`
	// SnapshotTaken is when the account was read.
	SnapshotTaken time.Time `json:"snapshotTaken"`
	// Users, Groups, Roles and Policies count the records reviewed.
	Users    int `json:"users"`
	Groups   int `json:"groups"`
	Roles    int `json:"roles"`
	Policies int `json:"policies"`
	// Problems counts the reads that failed (each is a review.incomplete finding).
	Problems int `json:"problems"`
	// Error is set when the account could not be read at all.
	Error string `json:"error,omitempty"`
}

// Add adds findings (for example from [Events]) to the report, applying the
// report's suppressions, and keeps the findings in order.
//
// In a report of one account, added findings without an account (those of
// [Events], which reads the audit log without knowing the owner) take the
// report's account.
func (r *Report) Add(fs ...Finding) {
	extra := &Report{Findings: slices.Clone(fs)}
	if len(r.Accounts) == 1 {
		for i := range extra.Findings {
			if extra.Findings[i].Account == 0 {
				extra.Findings[i].Account = r.Accounts[0].OwnerUIN
			}
		}
	}
	extra.applySuppressions(r.activeSuppressions(), r.Generated)
	r.Findings = append(r.Findings, extra.Findings...)
	r.Suppressed = append(r.Suppressed, extra.Suppressed...)
	r.sort()
}

// activeSuppressions are the suppressions not yet expired at r.Generated (the
// expired ones were reported when the report was made).
func (r *Report) activeSuppressions() []Suppression {
	var out []Suppression
	for _, s := range r.Suppressions {
		if r.Generated.Before(s.Expires) {
			out = append(out, s)
		}
	}
	return out
}

func (r *Report) sort() {
	slices.SortFunc(r.Findings, compareFindings)
	r.Findings = slices.CompactFunc(r.Findings, func(a, b Finding) bool { return compareFindings(a, b) == 0 })
	slices.SortFunc(r.Suppressed, func(a, b SuppressedFinding) int { return compareFindings(a.Finding, b.Finding) })
}

// Counts returns the number of open findings of each severity.
func (r *Report) Counts() map[Severity]int {
	out := make(map[Severity]int)
	for _, f := range r.Findings {
		out[f.Severity]++
	}
	return out
}

// Highest returns the highest severity among the open findings, and false
// when there are none.
func (r *Report) Highest() (Severity, bool) {
	if len(r.Findings) == 0 {
		return 0, false
	}
	return r.Findings[0].Severity, true
}

// WriteJSON writes the report as indented JSON (schema [ReportSchemaVersion]),
// without HTML escaping.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	out := *r
	out.SchemaVersion = ReportSchemaVersion
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	if out.Accounts == nil {
		out.Accounts = []AccountSummary{}
	}
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("review: writing JSON: %w", err)
	}
	return nil
}

// ReadReport reads a report written by [Report.WriteJSON]. A document of
// another schema version, or one that is not a report, is an error.
func ReadReport(rd io.Reader) (*Report, error) {
	data, err := io.ReadAll(io.LimitReader(rd, maxReportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("review: reading report: %w", err)
	}
	if len(data) > maxReportBytes {
		return nil, fmt.Errorf("review: report is larger than %d bytes", maxReportBytes)
	}
	var probe struct {
		SchemaVersion *int             `json:"schemaVersion"`
		Findings      *json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("review: report is not valid JSON: %w", err)
	}
	if probe.SchemaVersion == nil || probe.Findings == nil {
		return nil, fmt.Errorf("review: not a camkit review report (no schemaVersion or findings)")
	}
	if *probe.SchemaVersion != ReportSchemaVersion {
		return nil, fmt.Errorf("review: report schema version %d, want %d", *probe.SchemaVersion, ReportSchemaVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("review: reading report: %w", err)
	}
	for i, f := range r.Findings {
		if f.Check == "" || f.Subject == "" {
			return nil, fmt.Errorf("review: report findings[%d] has no check or subject", i)
		}
	}
	r.sort()
	return &r, nil
}

// maxReportBytes bounds what ReadReport reads (64 MiB).
const maxReportBytes = 64 << 20
