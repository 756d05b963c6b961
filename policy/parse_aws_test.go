package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// parseProblems returns the *policy.Error values Parse reports for in.
func parseProblems(t *testing.T, in string) []*policy.Error {
	t.Helper()
	doc, err := policy.Parse([]byte(in))
	if err == nil {
		t.Fatalf("Parse accepted %s: %s", in, doc.Canonical())
	}
	if doc != nil {
		t.Errorf("Parse returned a document with the error")
	}
	var out []*policy.Error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var pe *policy.Error
		if !errors.As(err, &pe) {
			t.Fatalf("error %T %v is not a *policy.Error", err, err)
		}
		out = append(out, pe)
	}
	walk(err)
	return out
}

func TestParseReportsEveryCapitalisedElement(t *testing.T) {
	t.Parallel()
	in := `{"Version":"2.0","Statement":[{"Effect":"Allow","Action":"cvm:StartInstances","Resource":"*",
		"Principal":{"QCS":"qcs::cam::uin/100000000001:root"}},{"effect":"deny","Action":"cvm:*","resource":"*"}]}`
	got := parseProblems(t, in)
	want := []struct{ path, msg string }{
		{"Version", `use "version" instead of "Version"`},
		{"Statement", `use "statement" instead of "Statement"`},
		{"Statement[0].Effect", `use "effect": "allow" instead of "Effect": "Allow"`},
		{"Statement[0].Action", `use "action" instead of "Action"`},
		{"Statement[0].Resource", `use "resource" instead of "Resource"`},
		{"Statement[0].Principal", `use "principal" instead of "Principal"`},
		{"Statement[0].Principal.QCS", `use "qcs" instead of "QCS"`},
		{"Statement[1].Action", `use "action" instead of "Action"`},
	}
	if len(got) != len(want) {
		t.Fatalf("Parse reports %d problems, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Path != w.path || !strings.Contains(got[i].Message, w.msg) {
			t.Errorf("problem %d = %v; want path %q and a message containing %q", i, got[i], w.path, w.msg)
		}
	}
}

func TestParseUnknownElementsReadOn(t *testing.T) {
	t.Parallel()
	in := `{"version":"2.0","principal":{"qcs":"x"},"statement":[{"effect":"allow","sid":{"a":[1,{"b":null}],"c":"]"},
		"action":"cvm:StartInstances","resource":"*","notResource":[]}]}`
	got := parseProblems(t, in)
	want := []struct{ path, msg string }{
		{"principal", "principal belongs inside each statement"},
		{"statement[0].sid", `CAM has no element "sid"`},
		{"statement[0].notResource", `CAM has no element "notResource"`},
	}
	if len(got) != len(want) {
		t.Fatalf("Parse reports %d problems, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Path != w.path || !strings.Contains(got[i].Message, w.msg) {
			t.Errorf("problem %d = %v; want path %q and a message containing %q", i, got[i], w.path, w.msg)
		}
	}
	// A skipped value is still checked for syntax.
	bad := parseProblems(t, `{"version":"2.0","id":{"a":[1,}]}`)
	if last := bad[len(bad)-1]; !strings.Contains(last.Message, "invalid JSON") {
		t.Errorf("malformed skipped value: last problem %v, want a syntax error", last)
	}
}

func TestParseRefusesAWSPolicies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, sign string
	}{
		{"version date", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, `"Version": "2012-10-17"`},
		{"not action without version", `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`, `"NotAction"`},
		{"aws key", `{"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`, `"aws:SourceIp"`},
		{"arn resource without version", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, `"arn:aws:s3:::b/*"`},
		{"lowercase with aws date", `{"version":"2008-10-17","statement":[{"effect":"allow","action":"*","resource":"*","Sid":"x"}]}`, `"version": "2008-10-17"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := parseProblems(t, tt.in)
			if len(got) != 1 {
				t.Fatalf("Parse reports %d problems, want the one AWS message: %v", len(got), got)
			}
			msg := got[0].Message
			for _, part := range []string{"AWS IAM policy", tt.sign, `"version": "2.0"`, "ip_equal", "qcs:ip"} {
				if !strings.Contains(msg, part) {
					t.Errorf("message %q does not contain %q", msg, part)
				}
			}
		})
	}
	// An AWS principal in a CAM document is told CAM's form.
	got := parseProblems(t, `{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","principal":{"AWS":"arn:aws:iam::1:root"}}]}`)
	if len(got) != 1 || !strings.Contains(got[0].Message, `"qcs::cam::uin/<owner>:root"`) {
		t.Errorf("AWS principal: %v; want CAM's qcs form in the message", got)
	}
	// A CAM version keeps a document CAM's, whatever else it has: per-element problems.
	got = parseProblems(t, `{"version":"2.0","statement":[{"Sid":"x","effect":"allow","action":"*","resource":"*"}]}`)
	if len(got) != 1 || strings.Contains(got[0].Message, "AWS") || got[0].Path != "statement[0].Sid" {
		t.Errorf("CAM document with Sid: %v; want one problem at statement[0].Sid", got)
	}
}

// json.Unmarshal reads a Document with Parse's rules, so it reports every
// problem too, and refuses an AWS policy with the one message.
func TestUnmarshalJSONReportsEveryProblem(t *testing.T) {
	t.Parallel()
	var d policy.Document
	err := json.Unmarshal([]byte(`{"Version":"2.0","Statement":[]}`), &d)
	if err == nil || !strings.Contains(err.Error(), `use "version"`) || !strings.Contains(err.Error(), `use "statement"`) {
		t.Errorf("json.Unmarshal = %v; want both mis-cased elements", err)
	}
	err = json.Unmarshal([]byte(`{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), &d)
	if err == nil || !strings.Contains(err.Error(), "AWS IAM policy") || strings.Contains(err.Error(), "\n") {
		t.Errorf("json.Unmarshal of an AWS policy = %v; want the one AWS message", err)
	}
	var st policy.Statement
	err = json.Unmarshal([]byte(`{"Effect":"allow","Action":"cvm:*","resource":"*"}`), &st)
	if err == nil || !strings.Contains(err.Error(), "Effect") || !strings.Contains(err.Error(), "Action") {
		t.Errorf("Statement.UnmarshalJSON = %v; want both mis-cased elements", err)
	}
}
