package policy_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

func TestLintOptionsAndOrder(t *testing.T) {
	doc := policy.New(
		policy.Allow("cvm:*").On("*"),
		policy.Allow("cos:GetObject", "cos:GetObject").On("*"),
	)
	for range 10 {
		doc.Statement = append(doc.Statement, policy.Allow("cvm:DescribeInstances").On("qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"))
	}
	fs := policy.Lint(doc)
	var paths []string
	for _, f := range fs {
		paths = append(paths, f.Path+" "+f.Rule)
	}
	want := []string{
		"statement[0].action[0] policy.privilege-escalation", // cvm:* reaches cvm:DescribeInstanceVncUrl
		"statement[0].action[0] policy.service-wildcard",
		"statement[1].action[0] policy.exfiltration-read-any",
		"statement[1].action[1] policy.exfiltration-read-any",
		"statement[1].action[1] value.duplicate",
		"statement[2] statement.redundant",
		"statement[3] statement.redundant",
		"statement[4] statement.redundant",
		"statement[5] statement.redundant",
		"statement[6] statement.redundant",
		"statement[7] statement.redundant",
		"statement[8] statement.redundant",
		"statement[9] statement.redundant",
		"statement[10] statement.redundant",
		"statement[11] statement.redundant",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("Lint order:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}

	fs = policy.LintWith(doc, policy.LintOptions{Disable: []string{policy.RuleStatementRedundant, policy.RuleExfiltrationReadAny, "no.such-rule"}})
	for _, f := range fs {
		if f.Rule == policy.RuleStatementRedundant || f.Rule == policy.RuleExfiltrationReadAny {
			t.Errorf("disabled rule reported: %v", f)
		}
	}
	if len(fs) != 3 {
		t.Errorf("with two rules disabled got %d findings, want 3: %v", len(fs), fs)
	}

	if fs := policy.Lint(nil); fs != nil {
		t.Errorf("Lint(nil) = %v, want nil", fs)
	}
}

func TestLintDefaultClockIsNow(t *testing.T) {
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	for _, tc := range []struct {
		date string
		want int
	}{{past, 1}, {future, 0}} {
		doc := policy.New(policy.Allow("cvm:DescribeInstances").On("*").When(policy.Cond{
			Operator: "date_less_than", Key: policy.KeyCurrentTime, Values: policy.Strings(tc.date)}))
		if got := len(findingsOf(policy.Lint(doc), policy.RuleConditionNeverHolds)); got != tc.want {
			t.Errorf("date_less_than %s: %d never-holds findings, want %d", tc.date, got, tc.want)
		}
	}
}

func TestRules(t *testing.T) {
	rules := policy.Rules()
	ids := []string{
		policy.RuleFullAdmin, policy.RuleServiceWildcard, policy.RuleWriteOnAnyResource,
		policy.RulePrivilegeEscalation, policy.RuleExfiltrationReadAny, policy.RuleAuditDisable,
		policy.RuleTrustOpenToAnyone, policy.RuleTrustOtherAccount, policy.RuleActionPermID,
		policy.RuleActionCasing, policy.RuleConditionUnknownKey, policy.RuleConditionNeverHolds,
		policy.RuleStatementRedundant, policy.RuleValueDuplicate, policy.RuleDocumentLong,
		policy.RuleDenyFinanceAdminGap, policy.RuleUnknownService, policy.RuleUnknownAction,
		policy.RuleResourceOtherService, policy.RuleResourceUnknownRegion, policy.RuleOperationLevelResource,
		policy.RuleTagUnsupported, policy.RuleConditionOperatorType, policy.RuleConditionTagFormat,
	}
	if len(rules) != len(ids) {
		t.Fatalf("Rules() has %d rules, want %d", len(rules), len(ids))
	}
	for i, r := range rules {
		if r.ID != ids[i] {
			t.Errorf("rule %d is %s, want %s", i, r.ID, ids[i])
		}
		if r.Summary == "" || r.Severity > policy.SeverityCritical {
			t.Errorf("rule %s: summary %q, severity %v", r.ID, r.Summary, r.Severity)
		}
	}
	rules[0].ID = "changed"
	if policy.Rules()[0].ID != policy.RuleFullAdmin {
		t.Error("Rules returns the package's own slice")
	}
}

func TestSeverity(t *testing.T) {
	for s, name := range []string{"info", "low", "medium", "high", "critical"} {
		sev := policy.Severity(s)
		if sev.String() != name {
			t.Errorf("Severity(%d).String() = %q, want %q", s, sev, name)
		}
		b, err := json.Marshal(sev)
		if err != nil || string(b) != `"`+name+`"` {
			t.Errorf("json.Marshal(%v) = %s, %v", sev, b, err)
		}
		var back policy.Severity
		if err := json.Unmarshal([]byte(`"`+strings.ToUpper(name)+`"`), &back); err != nil || back != sev {
			t.Errorf("json.Unmarshal(%q) = %v, %v", strings.ToUpper(name), back, err)
		}
	}
	if !(policy.SeverityInfo < policy.SeverityLow && policy.SeverityLow < policy.SeverityMedium &&
		policy.SeverityMedium < policy.SeverityHigh && policy.SeverityHigh < policy.SeverityCritical) {
		t.Error("severities are not ordered")
	}
	bad := policy.Severity(9)
	if bad.String() != "Severity(9)" {
		t.Errorf("String of an invalid severity = %q", bad)
	}
	if _, err := bad.MarshalText(); err == nil || err.Error() != "policy: cannot marshal invalid severity 9" {
		t.Errorf("MarshalText of an invalid severity: %v", err)
	}
	var s policy.Severity
	if err := s.UnmarshalText([]byte("severe")); err == nil || err.Error() != `policy: unknown severity "severe"; want info, low, medium, high or critical` {
		t.Errorf("UnmarshalText(severe): %v", err)
	}
	f := policy.Finding{Rule: policy.RuleDocumentLong, Severity: policy.SeverityLow, Message: "m"}
	if f.String() != "low document.long: m" {
		t.Errorf("Finding.String() = %q", f)
	}
	f.Path = "statement[0]"
	if f.String() != "statement[0]: low document.long: m" {
		t.Errorf("Finding.String() = %q", f)
	}
	b, err := json.Marshal(f)
	if want := `{"rule":"document.long","severity":"low","path":"statement[0]","message":"m"}`; err != nil || string(b) != want {
		t.Errorf("json.Marshal(finding) = %s, %v; want %s", b, err, want)
	}
	var back policy.Finding
	if err := json.Unmarshal(b, &back); err != nil || back != f {
		t.Errorf("json.Unmarshal = %+v, %v; want %+v", back, err, f)
	}
}

func FuzzLint(f *testing.F) {
	for _, c := range corpusFiles(f, "corpus") {
		f.Add(c.Data)
	}
	f.Add([]byte(stmt(`{"effect":"allow","principal":{"qcs":"qcs::cam::uin/1:root"},"action":["*","permid/x"],"condition":{"numeric_less_than":{"n":1},"numeric_greater_than":{"n":"x"},"bogus":{"":[]}}}`)))
	known := map[string]bool{}
	for _, r := range policy.Rules() {
		known[r.ID] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := policy.Parse(data)
		if err != nil {
			return
		}
		_ = doc.Validate()
		fs := policy.LintWith(doc, policy.LintOptions{Now: lintClock, OwnerUIN: 100000000001})
		for i, fd := range fs {
			if !known[fd.Rule] || fd.Message == "" {
				t.Errorf("finding %d: %v", i, fd)
			}
		}
	})
}
