package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// validationErrors returns the messages of the errors Validate joined.
func validationErrors(tb testing.TB, err error) []string {
	tb.Helper()
	if err == nil {
		return nil
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		tb.Fatalf("Validate returned %T, want an errors.Join result", err)
	}
	var out []string
	for _, e := range joined.Unwrap() {
		var perr *policy.Error
		if !errors.As(e, &perr) {
			tb.Fatalf("joined error %T %v is not a *policy.Error", e, e)
		}
		out = append(out, e.Error())
	}
	return out
}

// stmt wraps statement JSON into a version 2.0 document.
func stmt(statements ...string) string {
	return `{"version":"2.0","statement":[` + strings.Join(statements, ",") + `]}`
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string // full error texts, in order; nil for a valid document
	}{
		// document and version
		{"valid", stmt(`{"effect":"allow","action":"cvm:Describe*","resource":"*"}`), nil},
		{"version missing", `{"statement":[{"effect":"allow","action":"cvm:Describe*","resource":"*"}]}`,
			[]string{`policy: version: missing; want "2.0"`}},
		{"version wrong", `{"version":"2012-10-17","statement":[{"effect":"allow","action":"cvm:Describe*","resource":"*"}]}`,
			[]string{`policy: version: "2012-10-17" is the version of AWS IAM's policy language; CAM policies are "version": "2.0"`}},
		{"version other", `{"version":"1.0","statement":[{"effect":"allow","action":"cvm:Describe*","resource":"*"}]}`,
			[]string{`policy: version: "1.0" is not supported; want "2.0"`}},
		{"statement missing", `{"version":"2.0"}`,
			[]string{`policy: statement: no statements; a policy needs at least one`}},
		{"statement empty", `{"version":"2.0","statement":[]}`,
			[]string{`policy: statement: no statements; a policy needs at least one`}},

		// effect
		{"effect deny", stmt(`{"effect":"deny","action":"cvm:*","resource":"*"}`), nil},
		{"effect capitalised", stmt(`{"effect":"Allow","action":"cvm:Describe*","resource":"*"}`),
			[]string{`policy: statement[0].effect: "Allow" is not valid: effects are lowercase: "allow"`}},
		{"effect upper", stmt(`{"effect":"DENY","action":"cvm:Describe*","resource":"*"}`),
			[]string{`policy: statement[0].effect: "DENY" is not valid: effects are lowercase: "deny"`}},
		{"effect other", stmt(`{"effect":"permit","action":"cvm:Describe*","resource":"*"}`),
			[]string{`policy: statement[0].effect: "permit" is not valid; want "allow" or "deny"`}},
		{"effect missing", stmt(`{"action":"cvm:Describe*","resource":"*"}`),
			[]string{`policy: statement[0].effect: missing; want "allow" or "deny"`}},

		// action
		{"action forms", stmt(`{"effect":"allow","action":["*","*:*","name/cos:GetObject","permid/123","cos:*Bucket*"],"resource":"*"}`), nil},
		{"action missing", stmt(`{"effect":"allow","resource":"*"}`),
			[]string{`policy: statement[0].action: missing; a statement needs at least one action`}},
		{"action empty", stmt(`{"effect":"allow","action":[],"resource":"*"}`),
			[]string{`policy: statement[0].action: empty list; a statement needs at least one action`}},
		{"action invalid", stmt(`{"effect":"allow","action":["cvm:Describe*","cvm:Run Instances","cvm"],"resource":"*"}`),
			[]string{
				`policy: statement[0].action[1]: action "cvm:Run Instances": invalid character ' ' in API name`,
				`policy: statement[0].action[2]: action "cvm" is not of the form service:ApiName`,
			}},

		// resource
		{"resource missing", stmt(`{"effect":"allow","action":"cvm:Describe*"}`),
			[]string{`policy: statement[0].resource: missing; a statement without a principal needs at least one resource ("*" for all)`}},
		{"resource empty", stmt(`{"effect":"allow","action":"cvm:Describe*","resource":[]}`),
			[]string{`policy: statement[0].resource: empty list; name at least one resource or leave the element out of a trust statement`}},
		{"resource invalid", stmt(`{"effect":"allow","action":"cvm:Describe*","resource":["qcs::cvm:ap-guangzhou:uin/1:instance/*","cvm:instance/ins-1"]}`),
			[]string{`policy: statement[0].resource[1]: resource "cvm:instance/ins-1" has 2 segments, want six (qcs:project:service:region:account:resource) or "*"`}},
		{"trust without resource", stmt(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:root"]},"action":"name/sts:AssumeRole"}`), nil},
		{"trust with empty resource", stmt(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:root"]},"action":"name/sts:AssumeRole","resource":[]}`),
			[]string{`policy: statement[0].resource: empty list; name at least one resource or leave the element out of a trust statement`}},

		// principal
		{"principal forms", stmt(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root","qcs::cam::uin/1:uin/2","qcs::cam::uin/1:roleName/ops-admin","qcs::cam::uin/1:role/4611686018427397919","qcs::cam::anyone:anyone"],"service":["cvm.qcloud.com","cloudaudit.cloud.tencent.com"],"federated":["qcs::cam::uin/1:saml-provider/okta","qcs::cam::uin/1:oidc-provider/github"]},"action":"name/sts:AssumeRole"}`), nil},
		{"principal any", stmt(`{"effect":"allow","principal":"*","action":"name/sts:AssumeRole"}`), nil},
		{"principal nobody", stmt(`{"effect":"allow","principal":{},"action":"name/sts:AssumeRole"}`),
			[]string{`policy: statement[0].principal: names nobody; write "*" or name accounts, services or identity providers in qcs, service or federated`}},
		{"principal empty list", stmt(`{"effect":"allow","principal":{"qcs":[],"service":"cvm.qcloud.com"},"action":"name/sts:AssumeRole"}`),
			[]string{`policy: statement[0].principal.qcs: empty list; name at least one principal or leave the element out`}},
		{"principal bad entries", stmt(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/abc:root","*","qcs::cam::uin/1:uin/x","qcs::cam::uin/1:saml-provider/okta"],"service":["CVM.qcloud.com","cvm"],"federated":["qcs::cam::uin/1:root"]},"action":"name/sts:AssumeRole"}`),
			[]string{
				`policy: statement[0].principal.qcs[0]: "qcs::cam::uin/abc:root" is not a CAM principal; want qcs::cam::uin/<owner>:root, qcs::cam::uin/<owner>:uin/<sub>, qcs::cam::uin/<owner>:roleName/<name> or qcs::cam::uin/<owner>:role/<id>`,
				`policy: statement[0].principal.qcs[1]: "*" is not a qcs principal; write "principal": "*" for anyone`,
				`policy: statement[0].principal.qcs[2]: "qcs::cam::uin/1:uin/x" is not a CAM principal; want qcs::cam::uin/<owner>:root, qcs::cam::uin/<owner>:uin/<sub>, qcs::cam::uin/<owner>:roleName/<name> or qcs::cam::uin/<owner>:role/<id>`,
				`policy: statement[0].principal.qcs[3]: "qcs::cam::uin/1:saml-provider/okta" is not a CAM principal; want qcs::cam::uin/<owner>:root, qcs::cam::uin/<owner>:uin/<sub>, qcs::cam::uin/<owner>:roleName/<name> or qcs::cam::uin/<owner>:role/<id>`,
				`policy: statement[0].principal.service[0]: "CVM.qcloud.com" is not a service principal: service names are lowercase: "cvm.qcloud.com"`,
				`policy: statement[0].principal.service[1]: "cvm" is not a service principal; want a service domain such as "cvm.qcloud.com"`,
				`policy: statement[0].principal.federated[0]: "qcs::cam::uin/1:root" is not an identity provider; want qcs::cam::uin/<owner>:saml-provider/<name> or qcs::cam::uin/<owner>:oidc-provider/<name>`,
			}},

		// condition operators, keys and value lists
		{"operators", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"for_any_value:string_like_if_exist":{"qcs:resource_tag":"env&*"},"null_equal":{"qcs:request_tag":"true"},"string_equal":{"cvm:region":1}}}`), nil},
		{"empty condition object", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{}}`), nil},
		{"unknown operator", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"StringEquals":{"k":"v"},"ip_in":{"qcs:ip":"10.0.0.1"}}}`),
			[]string{
				`policy: statement[0].condition.StringEquals: unknown condition operator "StringEquals": that is AWS's spelling; CAM writes "string_equal"`,
				`policy: statement[0].condition.ip_in: unknown condition operator "ip_in"`,
			}},
		{"null_equal forms", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"null_equal_if_exist":{"k":"true"},"for_all_value:null_equal":{"k":"true"}}}`),
			[]string{
				`policy: statement[0].condition.for_all_value:null_equal: condition operator "for_all_value:null_equal": null_equal takes no for_any_value:/for_all_value: prefix`,
				`policy: statement[0].condition.null_equal_if_exist: condition operator "null_equal_if_exist": null_equal takes no _if_exist suffix`,
			}},
		{"empty keys and values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"string_equal":{},"string_like":{"":"x","k":[]}}}`),
			[]string{
				`policy: statement[0].condition.string_equal: no condition keys; an operator needs at least one key`,
				`policy: statement[0].condition.string_like[""]: empty condition key`,
				`policy: statement[0].condition.string_like["k"]: no values; a condition key needs at least one`,
			}},

		// value types
		{"ip values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8","2001:db8::1"]},"ip_not_equal_if_exist":{"qcs:ip":"192.168.0.1"}}}`), nil},
		{"ip bad", stmt(`{"effect":"allow","action":"cvm:*","resource":"*"}`, `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ip_equal":{"qcs:ip":["10.0.0.256","10.0.0.0/33",10]}}}`),
			[]string{
				`policy: statement[1].condition.ip_equal["qcs:ip"][0]: "10.0.0.256" is not an IP address or CIDR block`,
				`policy: statement[1].condition.ip_equal["qcs:ip"][1]: "10.0.0.0/33" is not an IP address or CIDR block`,
				`policy: statement[1].condition.ip_equal["qcs:ip"][2]: 10 is a number; ip operators need an IP address or CIDR block string`,
			}},
		{"date values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_less_than":{"qcs:current_time":["2026-12-31T23:59:59Z","2026-12-31 23:59:59","2027-01-01T07:59:59+08:00"]}}}`), nil},
		{"date bad", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_greater_than":{"qcs:current_time":["2026-02-30 00:00:00","2026-01-01T00:00:00",1767225600]}}}`),
			[]string{
				`policy: statement[0].condition.date_greater_than["qcs:current_time"][0]: "2026-02-30 00:00:00" is not a date; want RFC 3339 such as "2026-01-02T15:04:05Z" or "2026-01-02T23:04:05+08:00", or "2026-01-02 15:04:05" (UTC)`,
				`policy: statement[0].condition.date_greater_than["qcs:current_time"][1]: "2026-01-01T00:00:00" is not a date; want RFC 3339 such as "2026-01-02T15:04:05Z" or "2026-01-02T23:04:05+08:00", or "2026-01-02 15:04:05" (UTC)`,
				`policy: statement[0].condition.date_greater_than["qcs:current_time"][2]: 1767225600 is a number; date operators need a date string such as "2026-01-02T15:04:05Z" or "2026-01-02 15:04:05"`,
			}},
		{"numeric values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_less_than_equal":{"cvm:disk_size":[500,"500","1.5e2",-1]}}}`), nil},
		{"numeric bad", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_equal":{"k":["ten","08",true,1e999]}}}`),
			[]string{
				`policy: statement[0].condition.numeric_equal["k"][0]: "ten" is not a number (want JSON number syntax such as 8 or "8", -1.5, 2e3)`,
				`policy: statement[0].condition.numeric_equal["k"][1]: "08" is not a number (want JSON number syntax such as 8 or "8", -1.5, 2e3)`,
				`policy: statement[0].condition.numeric_equal["k"][2]: true is a boolean; numeric operators need a number`,
				`policy: statement[0].condition.numeric_equal["k"][3]: 1e999 is out of range for a number`,
			}},
		{"bool values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"bool_equal":{"qcs:mfa":["true","False",true]},"null_equal":{"k":"TRUE"}}}`), nil},
		{"bool bad", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"bool_equal":{"qcs:mfa":["yes",1]},"null_equal":{"k":"absent"}}}`),
			[]string{
				`policy: statement[0].condition.bool_equal["qcs:mfa"][0]: "yes" is neither "true" nor "false"`,
				`policy: statement[0].condition.bool_equal["qcs:mfa"][1]: 1 is a number; want "true" or "false"`,
				`policy: statement[0].condition.null_equal["k"][0]: "absent" is neither "true" nor "false"`,
			}},
		{"binary values", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"binary_equal":{"k":"aGVsbG8="}}}`), nil},
		{"binary bad", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"binary_equal":{"k":["hello!",true]}}}`),
			[]string{
				`policy: statement[0].condition.binary_equal["k"][0]: "hello!" is not standard base64`,
				`policy: statement[0].condition.binary_equal["k"][1]: true is a bool; binary_equal needs a base64 string`,
			}},
		{"string values of any kind", stmt(`{"effect":"allow","action":"cvm:*","resource":"*","condition":{"string_equal":{"k":["a",1,true,""]}}}`), nil},

		// several problems at once, in document order
		{"many", stmt(
			`{"effect":"Allow","action":[],"resource":"*"}`,
			`{"effect":"deny","action":"cvm:*","condition":{"ip_equal":{"qcs:ip":"nope"}}}`),
			[]string{
				`policy: statement[0].effect: "Allow" is not valid: effects are lowercase: "allow"`,
				`policy: statement[0].action: empty list; a statement needs at least one action`,
				`policy: statement[1].resource: missing; a statement without a principal needs at least one resource ("*" for all)`,
				`policy: statement[1].condition.ip_equal["qcs:ip"][0]: "nope" is not an IP address or CIDR block`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse([]byte(tt.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := validationErrors(t, doc.Validate())
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Validate errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestValidateBuiltDocuments covers what only code can build: nil documents,
// values whose text does not suit their kind, invalid UTF-8, "*" with lists.
func TestValidateBuiltDocuments(t *testing.T) {
	allowAll := policy.Allow("cvm:Describe*").On("*")
	tests := []struct {
		name string
		doc  *policy.Document
		want []string
	}{
		{"nil", nil, []string{"policy: document is nil"}},
		{"builder", policy.New(allowAll.FromIP("10.0.0.0/8")), nil},
		{"trust builder", policy.Trust(policy.AccountRoot(100000000001), policy.SAMLProvider(100000000001, "okta")), nil},
		{"trust without principals", policy.Trust(), []string{"policy: statement: no statements; a policy needs at least one"}},
		{"bad number literal", policy.New(allowAll.When(policy.Cond{Operator: "numeric_equal", Key: "k", Values: []policy.Value{policy.Number("1.")}})),
			[]string{`policy: statement[0].condition.numeric_equal["k"][0]: number value "1." is not a JSON number`}},
		{"bad bool text", policy.New(allowAll.When(policy.Cond{Operator: "bool_equal", Key: "k", Values: []policy.Value{{Kind: policy.KindBool, Text: "yes"}}})),
			[]string{`policy: statement[0].condition.bool_equal["k"][0]: boolean value "yes" is neither true nor false`}},
		{"unknown kind", policy.New(allowAll.When(policy.Cond{Operator: "string_equal", Key: "k", Values: []policy.Value{{Kind: 9, Text: "x"}}})),
			[]string{`policy: statement[0].condition.string_equal["k"][0]: value "x" has an unknown kind ValueKind(9)`}},
		{"invalid UTF-8", policy.New(policy.Allow("cos:GetObject").On("qcs::cos:ap-guangzhou:uid/1:b-1/\xff").When(policy.StringEqual("k\x01", "v\xfe"))),
			[]string{
				`policy: statement[0].resource[0]: resource "qcs::cos:ap-guangzhou:uid/1:b-1/\ufffd" is not valid UTF-8`,
				`policy: statement[0].condition.string_equal["k\x01"]: condition key contains a control character`,
				`policy: statement[0].condition.string_equal["k\x01"][0]: "v\ufffd" is not valid UTF-8`,
			}},
		{"any with lists", policy.New(policy.Allow(policy.ActionAssumeRole).For(policy.AnyPrincipal(), policy.ServicePrincipal("cvm.qcloud.com"))),
			[]string{`policy: statement[0].principal: "*" together with qcs, service or federated lists; "*" already means anyone, so the lists would be dropped`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validationErrors(t, tt.doc.Validate())
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Validate errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestValidateLength(t *testing.T) {
	// Each resource is one statement's worth of characters; grow the document
	// until its canonical text crosses the limit, counting characters, not bytes.
	build := func(n int) *policy.Document {
		res := make([]string, n)
		for i := range res {
			res[i] = "qcs::cos:ap-guangzhou:uid/1250000000:桶-1250000000/报告/" + itoa(i) + "/*"
		}
		return policy.New(policy.Allow("cos:GetObject").On(res...))
	}
	n := 1
	for len([]rune(build(n+1).Canonical())) <= policy.MaxDocumentLength {
		n++
	}
	atLimit := build(n)
	if err := atLimit.Validate(); err != nil {
		t.Fatalf("document of %d characters (%d bytes): %v", len([]rune(atLimit.Canonical())), len(atLimit.Canonical()), err)
	}
	if len(atLimit.Canonical()) <= policy.MaxDocumentLength {
		t.Fatalf("test document is only %d bytes; it must exceed the limit in bytes to show that characters are counted", len(atLimit.Canonical()))
	}
	over := build(n + 1)
	got := validationErrors(t, over.Validate())
	want := "policy: document is " + itoa(len([]rune(over.Canonical()))) + " characters long in canonical form; CAM allows at most 6144 (InvalidParameter.PolicyDocumentLengthOverLimit)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("Validate = %q, want %q", got, want)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
