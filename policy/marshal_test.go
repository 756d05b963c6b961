package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestCanonicalBuiltDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  *policy.Document
		want string
	}{
		{
			name: "nil document",
			doc:  nil,
			want: `null`,
		},
		{
			name: "zero document",
			doc:  &policy.Document{},
			want: `{"version":"","statement":[]}`,
		},
		{
			name: "nil action written as empty list, empty resource and condition left out",
			doc: &policy.Document{Version: "2.0", Statement: []policy.Statement{
				{Effect: policy.EffectAllow, Resource: []string{}, Condition: policy.Condition{}},
			}},
			want: `{"version":"2.0","statement":[{"effect":"allow","action":[]}]}`,
		},
		{
			name: "no HTML escaping",
			doc: &policy.Document{Version: "2.0", Statement: []policy.Statement{{
				Effect: policy.EffectAllow, Action: []string{"cvm:*"}, Resource: []string{"*"},
				Condition: policy.Condition{"string_equal": {"qcs:resource_tag": policy.Strings("env&prod", "<b>")}},
			}}},
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","<b>"]}}}]}`,
		},
		{
			name: "only what JSON requires is escaped",
			doc: &policy.Document{Version: "2.0", Statement: []policy.Statement{{
				Effect: policy.Effect("a\"b\\c\n\r\t\b\f\x00\x1f\x7f\u2028é"),
			}}},
			want: "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\x7f\u2028é\",\"action\":[]}]}",
		},
		{
			name: "invalid UTF-8 becomes U+FFFD",
			doc:  &policy.Document{Version: "2.0\xff", Statement: []policy.Statement{}},
			want: "{\"version\":\"2.0\ufffd\",\"statement\":[]}",
		},
		{
			name: "principal forms",
			doc: &policy.Document{Version: "2.0", Statement: []policy.Statement{
				{Effect: policy.EffectAllow, Principal: &policy.Principal{Any: true, QCS: []string{"ignored"}}, Action: []string{"name/sts:AssumeRole"}},
				{Effect: policy.EffectAllow, Principal: &policy.Principal{}, Action: []string{"name/sts:AssumeRole"}},
				{Effect: policy.EffectAllow, Principal: &policy.Principal{Federated: []string{"f", "f"}, Service: []string{}, QCS: []string{"q"}}, Action: []string{"name/sts:AssumeRole"}},
			}},
			want: `{"version":"2.0","statement":[{"effect":"allow","principal":"*","action":["name/sts:AssumeRole"]},{"effect":"allow","principal":{},"action":["name/sts:AssumeRole"]},{"effect":"allow","principal":{"qcs":["q"],"federated":["f"]},"action":["name/sts:AssumeRole"]}]}`,
		},
		{
			name: "long lists deduplicated in order",
			doc: &policy.Document{Version: "2.0", Statement: []policy.Statement{{
				Effect: policy.EffectAllow, Action: manyWithRepeats(40), Resource: []string{"*"},
				Condition: policy.Condition{"numeric_equal": {"n": numbersWithRepeats(40)}},
			}}},
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["s:A0","s:A1","s:A2","s:A3","s:A4","s:A5","s:A6","s:A7","s:A8","s:A9"],"resource":["*"],"condition":{"numeric_equal":{"n":[0,1,2,3,4,5,6,7,8,9]}}}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.doc.Canonical()
			if got != tt.want {
				t.Errorf("Canonical:\n got: %s\nwant: %s", got, tt.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("Canonical is not valid JSON")
			}
			b, err := tt.doc.MarshalJSON()
			if err != nil || string(b) != tt.want {
				t.Errorf("MarshalJSON = %s, %v; want %s", b, err, tt.want)
			}
			if tt.doc != nil {
				assertFixedPoint(t, got)
			}
		})
	}
}

func manyWithRepeats(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("s:A%d", i%10)
	}
	return out
}

func numbersWithRepeats(n int) []policy.Value {
	out := make([]policy.Value, n)
	for i := range out {
		out[i] = policy.Number(fmt.Sprint(i % 10))
	}
	return out
}

func TestJSONMarshalEscapesHTML(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse([]byte(`{"version":"2.0","statement":[{"effect":"allow","action":"cvm:*","resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&prod"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	canon := doc.Canonical()
	if !strings.Contains(canon, `"env&prod"`) {
		t.Errorf("Canonical escaped '&': %s", canon)
	}
	viaStd, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(viaStd, []byte(`env\u0026prod`)) {
		t.Errorf("json.Marshal was expected to HTML-escape '&': %s", viaStd)
	}
	if got := mustParse(t, viaStd).Canonical(); got != canon {
		t.Errorf("json.Marshal output parses to\n%s\nwant\n%s", got, canon)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSuffix(buf.String(), "\n"); got != canon {
		t.Errorf("Encoder without HTML escaping:\n got: %s\nwant: %s", got, canon)
	}
}

func TestMarshalParts(t *testing.T) {
	t.Parallel()
	st := policy.Statement{
		Effect:    policy.EffectDeny,
		Action:    []string{"cam:*", "cam:*"},
		Resource:  []string{"*"},
		Condition: policy.Condition{"ip_not_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}, "bool_equal": {"mfa": {policy.Bool(false)}}},
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"statement", st, `{"effect":"deny","action":["cam:*"],"resource":["*"],"condition":{"bool_equal":{"mfa":[false]},"ip_not_equal":{"qcs:ip":["10.0.0.0/8"]}}}`},
		{"statement in a struct", struct {
			S policy.Statement `json:"s"`
		}{policy.Statement{Effect: policy.EffectAllow, Action: []string{"a:b"}}}, `{"s":{"effect":"allow","action":["a:b"]}}`},
		{"principal star", policy.Principal{Any: true}, `"*"`},
		{"principal pointer", &policy.Principal{Service: []string{"scf.qcloud.com"}}, `{"service":["scf.qcloud.com"]}`},
		{"condition", policy.Condition{"z": {"b": nil, "a": {policy.String("x")}}}, `{"z":{"a":["x"],"b":[]}}`},
		{"nil condition", policy.Condition(nil), `null`},
		{"string value", policy.String("1"), `"1"`},
		{"number value", policy.Number("-1.5E+3"), `-1.5E+3`},
		{"bool value", policy.Bool(true), `true`},
		{"value list", []policy.Value{policy.Number("0"), policy.Bool(false)}, `[0,false]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("json.Marshal:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestMarshalUnwritableValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value policy.Value
		text  string // how Canonical writes it
	}{
		{"number that is not a literal", policy.Number("1,5"), `"1,5"`},
		{"empty number", policy.Number(""), `""`},
		{"number with spaces", policy.Number(" 1"), `" 1"`},
		{"bool with other text", policy.Value{Kind: policy.KindBool, Text: "TRUE"}, `"TRUE"`},
		{"unknown kind", policy.Value{Kind: policy.ValueKind(9), Text: "x"}, `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := &policy.Document{Version: "2.0", Statement: []policy.Statement{
				{Effect: policy.EffectAllow, Action: []string{"a:b"}},
				{Effect: policy.EffectAllow, Action: []string{"a:b"}, Condition: policy.Condition{
					"numeric_equal": {"k": {policy.Number("1"), tt.value}},
				}},
			}}
			want := `{"version":"2.0","statement":[{"effect":"allow","action":["a:b"]},{"effect":"allow","action":["a:b"],"condition":{"numeric_equal":{"k":[1,` + tt.text + `]}}}]}`
			if got := doc.Canonical(); got != want {
				t.Errorf("Canonical:\n got: %s\nwant: %s", got, want)
			}
			_, err := doc.MarshalJSON()
			var perr *policy.Error
			if !errors.As(err, &perr) {
				t.Fatalf("MarshalJSON error = %v, want a *policy.Error", err)
			}
			if want := `statement[1].condition.numeric_equal["k"][1]`; perr.Path != want {
				t.Errorf("Path = %q, want %q", perr.Path, want)
			}
			if _, err := json.Marshal(doc.Statement[1]); err == nil {
				t.Errorf("json.Marshal of the statement succeeded")
			}
			if _, err := json.Marshal(tt.value); err == nil {
				t.Errorf("json.Marshal of the value succeeded")
			}
		})
	}
}

func TestIndent(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, []byte(`{"version":"2.0","statement":{"effect":"allow","action":"cos:GetObject","resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&prod"}}}}`))
	want := `{
  "version": "2.0",
  "statement": [
    {
      "effect": "allow",
      "action": [
        "cos:GetObject"
      ],
      "resource": [
        "*"
      ],
      "condition": {
        "string_equal": {
          "qcs:resource_tag": [
            "env&prod"
          ]
        }
      }
    }
  ]
}`
	if got := doc.Indent(); got != want {
		t.Errorf("Indent:\n%s\nwant:\n%s", got, want)
	}
	if got := mustParse(t, []byte(doc.Indent())).Canonical(); got != doc.Canonical() {
		t.Errorf("Indent does not parse back to the same document")
	}
	var nilDoc *policy.Document
	if got := nilDoc.Indent(); got != "null" {
		t.Errorf("nil Indent = %q", got)
	}
}
