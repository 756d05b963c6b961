package policy_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestParseLenientForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // canonical text
	}{
		{
			name: "strings where lists are allowed",
			in:   `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:DescribeInstances","resource":"*","condition":{"ip_equal":{"qcs:ip":"10.0.0.0/8"}}}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}}]}`,
		},
		{
			name: "single statement object",
			in:   `{"statement":{"resource":"*","action":["cos:GetObject"],"effect":"allow"},"version":"2.0"}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`,
		},
		{
			name: "principal star",
			in:   `{"version":"2.0","statement":[{"effect":"allow","principal":"*","action":"name/sts:AssumeRole"}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","principal":"*","action":["name/sts:AssumeRole"]}]}`,
		},
		{
			name: "principal lists given as strings, written in fixed order",
			in:   `{"version":"2.0","statement":[{"effect":"allow","principal":{"federated":"qcs::cam::uin/1:saml-provider/idp","service":"cvm.qcloud.com","qcs":["qcs::cam::uin/1:root"]},"action":"name/sts:AssumeRole"}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"],"service":["cvm.qcloud.com"],"federated":["qcs::cam::uin/1:saml-provider/idp"]},"action":["name/sts:AssumeRole"]}]}`,
		},
		{
			name: "condition values keep their JSON type and literal",
			in:   `{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"numeric_equal":{"k":[1.50,"1.50",1e3,-0,true,false]}}}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"],"condition":{"numeric_equal":{"k":[1.50,"1.50",1e3,-0,true,false]}}}]}`,
		},
		{
			name: "operators and keys sorted, unknown operators kept",
			in:   `{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"string_equal":{"z":"1","a":"2"},"IpAddress":{"qcs:ip":"1.2.3.4"}}}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"],"condition":{"IpAddress":{"qcs:ip":["1.2.3.4"]},"string_equal":{"a":["2"],"z":["1"]}}}]}`,
		},
		{
			name: "exact duplicates dropped in output",
			in:   `{"version":"2.0","statement":[{"effect":"allow","action":["a:B","a:B","a:b"],"resource":["*","*"],"condition":{"string_equal":{"k":["x","x",1,"1",1]}}}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","action":["a:B","a:b"],"resource":["*"],"condition":{"string_equal":{"k":["x",1,"1"]}}}]}`,
		},
		{
			name: "semantics kept verbatim for Validate",
			in:   `{"version":"1.0","statement":[{"effect":"Allow","action":"cvm:Run Instances"}]}`,
			want: `{"version":"1.0","statement":[{"effect":"Allow","action":["cvm:Run Instances"]}]}`,
		},
		{
			name: "missing elements and empty lists",
			in:   `{"statement":[{"action":[],"resource":[],"condition":{}}]}`,
			want: `{"version":"","statement":[{"effect":"","action":[]}]}`,
		},
		{
			name: "empty document object",
			in:   ` {} `,
			want: `{"version":"","statement":[]}`,
		},
		{
			name: "empty principal object and empty operator kept",
			in:   `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":[]},"action":"a:b","condition":{"string_equal":{},"ip_equal":{"qcs:ip":[]}}}]}`,
			want: `{"version":"2.0","statement":[{"effect":"allow","principal":{},"action":["a:b"],"condition":{"ip_equal":{"qcs:ip":[]},"string_equal":{}}}]}`,
		},
		{
			name: "escapes decoded and written minimally",
			in:   `{"version":"2.0","statement":[{"effect":"allow","action":"cos:GetObject","resource":"a\/b\u0026c\u003c\t\u00e9\ud83d\ude00\u0001\"\\"}]}`,
			want: "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"cos:GetObject\"],\"resource\":[\"a/b&c<\\té😀\\u0001\\\"\\\\\"]}]}",
		},
		{
			name: "white space anywhere",
			in:   "\r\n\t{ \"version\" : \"2.0\" ,\n \"statement\" : [ { \"effect\" : \"deny\" , \"action\" : [ \"a:b\" , \"c:d\" ] } ] }\n",
			want: `{"version":"2.0","statement":[{"effect":"deny","action":["a:b","c:d"]}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := doc.Canonical(); got != tt.want {
				t.Errorf("Canonical:\n got: %s\nwant: %s", got, tt.want)
			}
			assertFixedPoint(t, doc.Canonical())
		})
	}
}

func TestParseKeepsDocumentAsWritten(t *testing.T) {
	t.Parallel()
	in := `{"version":"2.0","statement":[
		{"effect":"deny","action":["b:X","a:Y","b:X"],"resource":"*"},
		{"effect":"allow","principal":"*","action":"name/sts:AssumeRole",
		 "condition":{"bool_equal":{"qcs:mfa":[true,"true"]},"numeric_less_than":{"n":2.50}}}]}`
	want := &policy.Document{
		Version: "2.0",
		Statement: []policy.Statement{
			{Effect: policy.EffectDeny, Action: []string{"b:X", "a:Y", "b:X"}, Resource: []string{"*"}},
			{
				Effect:    policy.EffectAllow,
				Principal: &policy.Principal{Any: true},
				Action:    []string{"name/sts:AssumeRole"},
				Condition: policy.Condition{
					"bool_equal":        {"qcs:mfa": {policy.Bool(true), policy.String("true")}},
					"numeric_less_than": {"n": {policy.Number("2.50")}},
				},
			},
		},
	}
	got, err := policy.Parse([]byte(in))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got: %#v\nwant: %#v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	const head = `{"version":"2.0","statement":[{"effect":"allow","action":`
	tests := []struct {
		name string
		in   string
		path string
		msg  string // substring of the message
	}{
		{"empty", "", "", "empty document"},
		{"white space only", " \n\t", "", "empty document"},
		{"byte order mark", "\xef\xbb\xbf{}", "", "byte order mark"},
		{"top-level null", "null", "", "found null"},
		{"top-level string", `"2.0"`, "", "expected a policy document object, found a string"},
		{"garbage", "policy", "", "invalid JSON at byte 0 (line 1, column 1)"},
		{"capitalised Version", `{"Version":"2.0"}`, "Version", `use "version" instead of "Version"`},
		{"capitalised principal type", head + `"a:b","principal":{"QCS":"x"}}]}`, "statement[0].principal.QCS", `use "qcs"`},
		{"notResource", head + `"a:b","notResource":"*"}]}`, "statement[0].notResource", `CAM has no element "notResource"`},
		{"unknown key with odd characters", `{"my key":1}`, `["my key"]`, `CAM has no element "my key"`},
		{"unknown top-level key", `{"version":"2.0","id":"x"}`, "id", "a policy document has only version and statement"},
		{"duplicate version", `{"version":"2.0","version":"2.0"}`, "version", `duplicate key "version"`},
		{"duplicate statement", `{"statement":[],"statement":[]}`, "statement", `duplicate key "statement"`},
		{"duplicate principal type", head + `"a:b","principal":{"qcs":"a","qcs":"b"}}]}`, "statement[0].principal.qcs", `duplicate key "qcs"`},
		{"duplicate operator", head + `"a:b","condition":{"ip_equal":{},"ip_equal":{}}}]}`, "statement[0].condition.ip_equal", "duplicate condition operator"},
		{"action object", head + `{"a":"b"}}]}`, "statement[0].action", "expected a string or a list of strings, found an object"},
		{"action element bool", head + `["a:b",true]}]}`, "statement[0].action[1]", "expected a string, found a boolean"},
		{"effect list", `{"statement":[{"effect":["allow"]}]}`, "statement[0].effect", "expected a string, found a list"},
		{"statement element string", `{"statement":[{"effect":"allow"},"x"]}`, "statement[1]", "expected a statement object, found a string"},
		{"statement element null", `{"statement":[null]}`, "statement[0]", "found null"},
		{"statement number", `{"statement":1}`, "statement", "found a number"},
		{"principal number", head + `"a:b","principal":1}]}`, "statement[0].principal", `expected "*" or an object`},
		{"principal null", head + `"a:b","principal":null}]}`, "statement[0].principal", "found null"},
		{"principal list element", head + `"a:b","principal":{"service":[1]}}]}`, "statement[0].principal.service[0]", "expected a string"},
		{"condition list", head + `"a:b","condition":[]}]}`, "statement[0].condition", "expected an object of condition operators, found a list"},
		{"condition operator string", head + `"a:b","condition":{"ip_equal":"1.2.3.4"}}]}`, "statement[0].condition.ip_equal", "expected an object of condition keys, found a string"},
		{"condition value null", head + `"a:b","condition":{"null_equal":{"k":null}}}]}`, "statement[0].condition.null_equal[\"k\"]", "found null"},
		{"condition value null in list", head + `"a:b","condition":{"string_equal":{"k":["a",null]}}}]}`, "statement[0].condition.string_equal[\"k\"][1]", "found null"},
		{"resource null", head + `"a:b","resource":null}]}`, "statement[0].resource", "found null"},
		{"single statement error path", `{"statement":{"action":7}}`, "statement.action", "found a number"},
		{"missing colon", `{"version" "2.0"}`, "", `expected ':' after a key`},
		{"unquoted key", `{version:"2.0"}`, "", "expected a quoted key"},
		{"single quotes", head + `'a:b'}]}`, "statement[0].action", "double quotes"},
		{"missing brace", head + `"a:b"]}`, "statement[0]", "expected ',' or '}' after an object member, found ']'"},
		{"unterminated object", `{"version":"2.0",`, "", "expected a quoted key, found end of input"},
		{"unterminated list", head + `["a:b"`, "statement[0].action", "found end of input"},
		{"unterminated string", `{"version":"2.0`, "version", "unterminated string"},
		{"raw newline in string", "{\"version\":\"2.\n0\"}", "version", "control character"},
		{"bad unicode escape", `{"version":"\u12g4"}`, "version", `invalid \u escape`},
		{"short unicode escape", `{"version":"\u12"}`, "version", `invalid \u escape`},
		{"lone low surrogate", `{"version":"\udc00x"}`, "version", "surrogate"},
		{"high surrogate then non-surrogate", `{"version":"\ud800\u0041"}`, "version", "surrogate"},
		{"invalid UTF-8 in key", "{\"vers\xc3\":1}", "", "invalid UTF-8 at byte 6"},
		{"bad literal", head + `"a:b","condition":{"bool_equal":{"k":tru}}}]}`, "statement[0].condition.bool_equal[\"k\"]", "invalid literal: expected true"},
		{"minus alone", head + `"a:b","condition":{"numeric_equal":{"k":-}}}]}`, "statement[0].condition.numeric_equal[\"k\"]", "invalid number"},
		{"fraction without digits", head + `"a:b","condition":{"numeric_equal":{"k":1.}}}]}`, "statement[0].condition.numeric_equal[\"k\"]", "after '.'"},
		{"exponent without digits", head + `"a:b","condition":{"numeric_equal":{"k":[1e+]}}}]}`, "statement[0].condition.numeric_equal[\"k\"][0]", "exponent"},
		{"trailing data", `{"version":"2.0"} {}`, "", "after the end of the document"},
		{"trailing garbage", `{"version":"2.0"}x`, "", "invalid JSON at byte 17"},
		{"line and column", "{\n  \"version\": \"2.0\",\n  \"statement\": [\n    {\"effect\": \"allow\" \"action\": \"*\"}\n  ]\n}", "statement[0]", "line 4, column 24"},
		{"too large", `{"version":"` + strings.Repeat("x", policy.MaxParseBytes) + `"}`, "", "Parse reads at most 1048576"},
		{"deep nesting", head + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}]}", "statement[0].action[0]", "expected a string, found a list"},
		{"deep nesting in condition", head + `"a:b","condition":{"ip_equal":{"k":` + strings.Repeat("[", 50000) + "}}}]}", "statement[0].condition.ip_equal[\"k\"][0]", "found a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("Parse accepted %q: %s", tt.in, doc.Canonical())
			}
			if doc != nil {
				t.Errorf("Parse returned a document with the error")
			}
			var perr *policy.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %T is not a *policy.Error: %v", err, err)
			}
			if perr.Path != tt.path {
				t.Errorf("Path = %q, want %q (error: %v)", perr.Path, tt.path, err)
			}
			if !strings.Contains(perr.Message, tt.msg) {
				t.Errorf("Message = %q, want it to contain %q", perr.Message, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "policy: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
		})
	}
}

func TestUnmarshalJSON(t *testing.T) {
	t.Parallel()
	t.Run("document through json.Unmarshal", func(t *testing.T) {
		var holder struct {
			Name   string           `json:"name"`
			Policy *policy.Document `json:"policy"`
		}
		in := `{"name":"p","policy":{"version":"2.0","statement":{"effect":"allow","action":"a:b","resource":"*"}}}`
		if err := json.Unmarshal([]byte(in), &holder); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		want := `{"version":"2.0","statement":[{"effect":"allow","action":["a:b"],"resource":["*"]}]}`
		if got := holder.Policy.Canonical(); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("document error keeps its type", func(t *testing.T) {
		var d policy.Document
		err := json.Unmarshal([]byte(`{"version":"2.0","Statement":[]}`), &d)
		var perr *policy.Error
		if !errors.As(err, &perr) || perr.Path != "Statement" {
			t.Fatalf("err = %v, want a *policy.Error at Statement", err)
		}
	})
	t.Run("null is a no-op", func(t *testing.T) {
		d := policy.Document{Version: "2.0"}
		if err := d.UnmarshalJSON([]byte(" null ")); err != nil || d.Version != "2.0" {
			t.Fatalf("UnmarshalJSON(null) = %v, document %+v", err, d)
		}
		v := policy.String("x")
		if err := json.Unmarshal([]byte("null"), &v); err != nil || v != policy.String("x") {
			t.Fatalf("Value UnmarshalJSON(null) = %v, value %+v", err, v)
		}
	})
	t.Run("statement", func(t *testing.T) {
		var st policy.Statement
		if err := json.Unmarshal([]byte(`{"effect":"deny","action":"cam:*","resource":"*","condition":{"ip_not_equal":{"qcs:ip":"10.0.0.0/8"}}}`), &st); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		want := policy.Statement{Effect: policy.EffectDeny, Action: []string{"cam:*"}, Resource: []string{"*"},
			Condition: policy.Condition{"ip_not_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}}
		if !reflect.DeepEqual(st, want) {
			t.Errorf("got %+v, want %+v", st, want)
		}
		err := json.Unmarshal([]byte(`{"effect":"deny","Action":"x"}`), &st)
		var perr *policy.Error
		if !errors.As(err, &perr) || perr.Path != "Action" {
			t.Errorf("err = %v, want a *policy.Error at Action", err)
		}
		if err := json.Unmarshal([]byte(`["x"]`), &st); err == nil {
			t.Errorf("a list was accepted as a statement")
		}
	})
	t.Run("principal", func(t *testing.T) {
		var ps []policy.Principal
		if err := json.Unmarshal([]byte(`["*",{"service":"cvm.qcloud.com"}]`), &ps); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		want := []policy.Principal{{Any: true}, {Service: []string{"cvm.qcloud.com"}}}
		if !reflect.DeepEqual(ps, want) {
			t.Errorf("got %+v, want %+v", ps, want)
		}
		var p policy.Principal
		if err := json.Unmarshal([]byte(`"qcs::cam::uin/1:root"`), &p); err == nil {
			t.Errorf("a non-* string principal was accepted")
		}
	})
	t.Run("condition and values", func(t *testing.T) {
		var c policy.Condition
		if err := json.Unmarshal([]byte(`{"numeric_equal":{"n":[1,"2",true]}}`), &c); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		want := policy.Condition{"numeric_equal": {"n": {policy.Number("1"), policy.String("2"), policy.Bool(true)}}}
		if !reflect.DeepEqual(c, want) {
			t.Errorf("got %+v, want %+v", c, want)
		}
		var vs []policy.Value
		if err := json.Unmarshal([]byte(`[1e5,"x",false]`), &vs); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		if want := []policy.Value{policy.Number("1e5"), policy.String("x"), policy.Bool(false)}; !reflect.DeepEqual(vs, want) {
			t.Errorf("got %+v, want %+v", vs, want)
		}
		var v policy.Value
		if err := json.Unmarshal([]byte(`{"a":1}`), &v); err == nil {
			t.Errorf("an object was accepted as a condition value")
		}
	})
}
