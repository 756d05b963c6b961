package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// readOnlyPreset is Tencent's read-only collector policy (preset-policy
// documentation, product 598, document 105584): everything, where CAM
// derives qcs:read_only_action = 1 from the action's verb.
const readOnlyPreset = `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"],"condition":{"numeric_equal":{"qcs:read_only_action":1}}}]}`

func compileText(t *testing.T, texts ...string) *policy.Evaluator {
	t.Helper()
	var docs []*policy.Document
	for _, text := range texts {
		d, err := policy.Parse([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	e, err := policy.Compile(docs...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestReadOnlyActionKeyIsDerived(t *testing.T) {
	t.Parallel()
	e := compileText(t, readOnlyPreset)
	tests := []struct {
		action  string
		context map[string][]string
		want    bool
	}{
		{"cvm:DescribeInstances", nil, true},
		{"cam:ListUsers", nil, true},
		{"cos:GetObject", nil, true},
		{"billing:DescribeBillList", nil, true},
		{"name/cvm:InquiryPriceRunInstances", nil, true},
		{"cvm:describeinstances", nil, true}, // judged by its canonical spelling
		{"cvm:RunInstances", nil, false},
		{"cam:AttachUserPolicy", nil, false},
		{"kms:Decrypt", nil, false},
		{"x:Getaway", nil, false},
		// A request that states the key keeps its value.
		{"cvm:DescribeInstances", map[string][]string{policy.KeyReadOnlyAction: {"0"}}, false},
		{"cvm:RunInstances", map[string][]string{policy.KeyReadOnlyAction: {"1"}}, true},
	}
	for _, tt := range tests {
		d := e.Evaluate(policy.Request{Action: tt.action, Resource: "*", Context: tt.context})
		if d.Allowed() != tt.want {
			t.Errorf("%s (context %v): allowed = %v, want %v\n%v", tt.action, tt.context, d.Allowed(), tt.want, d)
		}
	}
}

func TestReadOnlyActionKeyInDenyAndExplanation(t *testing.T) {
	t.Parallel()
	// Deny every write: the derived key is "0" for them.
	e := compileText(t,
		`{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`,
		`{"version":"2.0","statement":[{"effect":"deny","action":["*"],"resource":["*"],"condition":{"numeric_equal":{"qcs:read_only_action":0}}}]}`)
	if !e.Evaluate(policy.Request{Action: "cvm:DescribeInstances", Resource: "*"}).Allowed() {
		t.Error("the deny of writes denied a read")
	}
	if e.Evaluate(policy.Request{Action: "cvm:TerminateInstances", Resource: "*"}).Allowed() {
		t.Error("the deny of writes did not deny a write")
	}
	// The explanation of a miss reports the derived value, not an absent key.
	d := compileText(t, readOnlyPreset).Evaluate(policy.Request{Action: "cvm:RunInstances", Resource: "*"})
	if s := d.String(); strings.Contains(s, "absent") {
		t.Errorf("explanation says the derived key is absent:\n%s", s)
	}
}

func TestUnverifiedKeyIsNoted(t *testing.T) {
	t.Parallel()
	e := compileText(t, `{"version":"2.0","statement":[{"effect":"allow","action":["cam:DeleteApiKey"],"resource":["*"],"condition":{"bool_equal":{"qcs:BindToken":"true"}}}]}`)
	d := e.Evaluate(policy.Request{Action: "cam:DeleteApiKey", Resource: "*", Context: map[string][]string{policy.KeyBindToken: {"true"}}})
	if !d.Allowed() {
		t.Fatalf("not allowed:\n%v", d)
	}
	var found bool
	for _, a := range d.Assumptions() {
		if a.Kind == policy.AssumeUnverifiedKey && a.Key == policy.KeyBindToken {
			found = true
			if !strings.Contains(a.String(), "does not confirm") {
				t.Errorf("assumption text %q", a.String())
			}
		}
	}
	if !found {
		t.Errorf("no unverified_key note in %v", d.Assumptions())
	}
	// A documented key carries no such note.
	e = compileText(t, `{"version":"2.0","statement":[{"effect":"allow","action":["cam:DeleteApiKey"],"resource":["*"],"condition":{"numeric_equal":{"qcs:mfa":1}}}]}`)
	d = e.Evaluate(policy.Request{Action: "cam:DeleteApiKey", Resource: "*", Context: map[string][]string{policy.KeyMFA: {"1"}}})
	if !d.Allowed() || len(d.Assumptions()) != 0 {
		t.Errorf("qcs:mfa: allowed %v, assumptions %v", d.Allowed(), d.Assumptions())
	}
	if s := policy.AssumeUnverifiedKey.String(); s != "unverified_key" {
		t.Errorf("String = %q", s)
	}
}

// BenchmarkEvaluateReadOnlyPreset evaluates Tencent's read-only preset, whose
// condition key the evaluator derives from the action.
func BenchmarkEvaluateReadOnlyPreset(b *testing.B) {
	d, err := policy.Parse([]byte(readOnlyPreset))
	if err != nil {
		b.Fatal(err)
	}
	e, err := policy.Compile(d)
	if err != nil {
		b.Fatal(err)
	}
	reqs := []policy.Request{
		{Action: "cvm:DescribeInstances", Resource: "*"},
		{Action: "cvm:RunInstances", Resource: "*"},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range reqs {
			_ = e.Evaluate(r)
		}
	}
}
