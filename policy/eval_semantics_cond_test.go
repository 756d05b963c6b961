package policy_test

import (
	"testing"

	"github.com/camkit/camkit/policy"
)

// condCase checks one condition block in an allow statement and, mirrored, in
// a deny statement next to an allow-all: the deny must apply exactly when the
// allow would (without assumptions), and assumptions go the other way.
type condCase struct {
	name   string
	c      policy.Condition
	ctx    map[string][]string
	allow  bool                    // whether the allow statement matches
	assume []policy.AssumptionKind // kinds recorded for the allow statement
}

func TestSemanticsConditions(t *testing.T) {
	t.Parallel()
	negK := []policy.AssumptionKind{policy.AssumeAbsentKeyNegated}
	allK := []policy.AssumptionKind{policy.AssumeAbsentKeyForAll}
	badK := []policy.AssumptionKind{policy.AssumeBadContextValue}
	varK := []policy.AssumptionKind{policy.AssumeMissingVariable}
	binK := []policy.AssumptionKind{policy.AssumeBinaryCase}
	tags := map[string][]string{"qcs:resource_tag": {"env&prod", "team&ops"}}
	cases := []condCase{
		// string operators
		{name: "§4 string_equal match", c: cond("string_equal", "cvm:region", "ap-guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou"), allow: true},
		{name: "§4 string_equal values are OR'd", c: cond("string_equal", "cvm:region", "ap-shanghai", "ap-guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou"), allow: true},
		{name: "§4 string_equal is case-sensitive", c: cond("string_equal", "cvm:region", "AP-GUANGZHOU"), ctx: ctx("cvm:region", "ap-guangzhou")},
		{name: "§4 keys are case-sensitive", c: cond("string_equal", "CVM:REGION", "ap-guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou")},
		{name: "§4 string_not_equal is the negation", c: cond("string_not_equal", "cvm:region", "ap-shanghai", "ap-beijing"), ctx: ctx("cvm:region", "ap-guangzhou"), allow: true},
		{name: "§4 string_not_equal with a listed value", c: cond("string_not_equal", "cvm:region", "ap-shanghai", "ap-guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou")},
		{name: "§4 string_equal_ignore_case", c: cond("string_equal_ignore_case", "cvm:region", "AP-Guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou"), allow: true},
		{name: "§4 string_not_equal_ignore_case", c: cond("string_not_equal_ignore_case", "cvm:region", "AP-Guangzhou"), ctx: ctx("cvm:region", "ap-guangzhou")},
		{name: "§4 string_like star", c: cond("string_like", "cos:prefix", "logs/*"), ctx: ctx("cos:prefix", "logs/2024/x"), allow: true},
		{name: "§4 string_like miss", c: cond("string_like", "cos:prefix", "logs/*"), ctx: ctx("cos:prefix", "data/x")},
		{name: "§4 string_like question mark is literal", c: cond("string_like", "cos:prefix", "log?"), ctx: ctx("cos:prefix", "logs")},
		{name: "§4 string_like question mark matches itself", c: cond("string_like", "cos:prefix", "log?"), ctx: ctx("cos:prefix", "log?"), allow: true},
		{name: "§4 string_not_like", c: cond("string_not_like", "cos:prefix", "secret/*"), ctx: ctx("cos:prefix", "logs/x"), allow: true},
		{name: "§4 string_equal star is literal", c: cond("string_equal", "cos:prefix", "logs/*"), ctx: ctx("cos:prefix", "logs/x")},
		{name: "§4 §3 variable in condition value", c: cond("string_equal", "saml:sub", "${uin}"), ctx: ctx("saml:sub", "7", "qcs:uin", "7"), allow: true},
		{name: "§4 §5.7 missing variable in condition value", c: cond("string_equal", "saml:sub", "${uin}"), ctx: ctx("saml:sub", "7"), allow: true, assume: varK},
		// numeric
		{name: "§4 numeric_equal", c: cond("numeric_equal", "cos:tls-version", "1.2"), ctx: ctx("cos:tls-version", "1.20"), allow: true},
		{name: "§4 numeric_not_equal", c: cond("numeric_not_equal", "cos:tls-version", "1.2"), ctx: ctx("cos:tls-version", "1.3"), allow: true},
		{name: "§4 numeric_less_than", c: cond("numeric_less_than", "cos:content-length", "100"), ctx: ctx("cos:content-length", "99"), allow: true},
		{name: "§4 numeric_less_than boundary", c: cond("numeric_less_than", "cos:content-length", "100"), ctx: ctx("cos:content-length", "100")},
		{name: "§4 numeric_less_than_equal", c: cond("numeric_less_than_equal", "cos:content-length", "100"), ctx: ctx("cos:content-length", "100"), allow: true},
		{name: "§4 numeric_greater_than", c: cond("numeric_greater_than", "cos:content-length", "1e2"), ctx: ctx("cos:content-length", "101"), allow: true},
		{name: "§4 numeric_greater_than_equal", c: cond("numeric_greater_than_equal", "cos:content-length", "100"), ctx: ctx("cos:content-length", "99")},
		{name: "§4 bad number matches nothing", c: cond("numeric_equal", "cos:content-length", "1"), ctx: ctx("cos:content-length", "one"), assume: badK},
		{name: "§4 bad number under a negated operator", c: cond("numeric_not_equal", "cos:content-length", "1"), ctx: ctx("cos:content-length", "one"), allow: true, assume: badK},
		// dates
		{name: "§4 date_less_than RFC 3339", c: cond("date_less_than", "qcs:current_time", "2026-01-01T00:00:00Z"), ctx: ctx("qcs:current_time", "2025-12-31T23:59:59Z"), allow: true},
		{name: "§4 date_less_than expired", c: cond("date_less_than", "qcs:current_time", "2026-01-01T00:00:00Z"), ctx: ctx("qcs:current_time", "2026-01-01T00:00:00Z")},
		{name: "§4 date offsets compare as instants", c: cond("date_less_than", "qcs:current_time", "2026-01-01T00:00:00Z"), ctx: ctx("qcs:current_time", "2026-01-01T07:59:59+08:00"), allow: true},
		{name: "§4 date space form is UTC", c: cond("date_equal", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "2026-01-01T16:00:00+08:00"), allow: true},
		{name: "§4 date_not_equal", c: cond("date_not_equal", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "2026-01-01T08:00:01Z"), allow: true},
		{name: "§4 date_less_than_equal", c: cond("date_less_than_equal", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "2026-01-01T08:00:00Z"), allow: true},
		{name: "§4 date_greater_than", c: cond("date_greater_than", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "2026-01-01T08:00:00Z")},
		{name: "§4 date_greater_than_equal", c: cond("date_greater_than_equal", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "2026-01-01T08:00:00Z"), allow: true},
		{name: "§4 bad date matches nothing", c: cond("date_less_than", "qcs:current_time", "2026-01-01 08:00:00"), ctx: ctx("qcs:current_time", "yesterday"), assume: badK},
		// bool, binary, null
		{name: "§4 bool_equal is case-insensitive", c: cond("bool_equal", "cos:secure-transport", "true"), ctx: ctx("cos:secure-transport", "TRUE"), allow: true},
		{name: "§4 bool_equal false", c: cond("bool_equal", "cos:secure-transport", "true"), ctx: ctx("cos:secure-transport", "false")},
		{name: "§4 bool_equal bad value", c: cond("bool_equal", "cos:secure-transport", "true"), ctx: ctx("cos:secure-transport", "yes"), assume: badK},
		{name: "§4 binary_equal exact", c: cond("binary_equal", "k", "QUJD"), ctx: ctx("k", "QUJD"), allow: true},
		{name: "§4 §5.7 binary_equal case in allow", c: cond("binary_equal", "k", "QUJD"), ctx: ctx("k", "qujd"), allow: true, assume: binK},
		{name: "§4 null_equal true on absent key", c: cond("null_equal", "qcs:mfa", "true"), ctx: nil, allow: true},
		{name: "§4 null_equal true on present key", c: cond("null_equal", "qcs:mfa", "true"), ctx: ctx("qcs:mfa", "true")},
		{name: "§4 null_equal false on present key", c: cond("null_equal", "qcs:mfa", "false"), ctx: ctx("qcs:mfa", "true"), allow: true},
		{name: "§4 null_equal false on absent key", c: cond("null_equal", "qcs:mfa", "false"), ctx: nil},
		{name: "§4 key with no values is absent", c: cond("null_equal", "qcs:mfa", "true"), ctx: map[string][]string{"qcs:mfa": {}}, allow: true},
		// IP
		{name: "§4 ip_equal CIDR", c: cond("ip_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "10.1.2.3"), allow: true},
		{name: "§4 ip_equal outside", c: cond("ip_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "192.0.2.1")},
		{name: "§4 ip_equal single address", c: cond("ip_equal", "qcs:ip", "192.0.2.1"), ctx: ctx("qcs:ip", "192.0.2.1"), allow: true},
		{name: "§4 ip_equal IPv6", c: cond("ip_equal", "qcs:ip", "2001:db8::/32"), ctx: ctx("qcs:ip", "2001:db8:1::5"), allow: true},
		{name: "§4 ip_equal IPv6 outside", c: cond("ip_equal", "qcs:ip", "2001:db8::/32"), ctx: ctx("qcs:ip", "2001:db9::5")},
		{name: "§4 ip_equal IPv4-mapped context", c: cond("ip_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "::ffff:10.0.0.1"), allow: true},
		{name: "§4 ip_equal IPv4 is not in an IPv6 block", c: cond("ip_equal", "qcs:ip", "::/0"), ctx: ctx("qcs:ip", "10.0.0.1")},
		{name: "§4 ip_not_equal", c: cond("ip_not_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "192.0.2.1"), allow: true},
		{name: "§4 ip_not_equal inside", c: cond("ip_not_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "10.0.0.1")},
		{name: "§4 bad IP matches nothing", c: cond("ip_equal", "qcs:ip", "10.0.0.0/8"), ctx: ctx("qcs:ip", "10.0.0.300"), assume: badK},
		// absent keys, _if_exist, qualifiers
		{name: "§4 §5.6 positive operator on absent key", c: cond("string_equal", "cvm:region", "ap-guangzhou"), ctx: nil},
		{name: "§4 §5.6 if_exist on absent key", c: cond("string_equal_if_exist", "cvm:region", "ap-guangzhou"), ctx: nil, allow: true},
		{name: "§4 if_exist on present key still tests", c: cond("string_equal_if_exist", "cvm:region", "ap-guangzhou"), ctx: ctx("cvm:region", "ap-shanghai")},
		{name: "§4 ip_equal_if_exist on absent key", c: cond("ip_equal_if_exist", "qcs:ip", "10.0.0.0/8"), ctx: nil, allow: true},
		{name: "§4 §5.7 negated operator on absent key", c: cond("string_not_equal", "cvm:region", "ap-guangzhou"), ctx: nil, allow: true, assume: negK},
		{name: "§4 §5.7 ip_not_equal on absent key", c: cond("ip_not_equal", "qcs:ip", "10.0.0.0/8"), ctx: nil, allow: true, assume: negK},
		{name: "§4 §5.7 for_all_value on absent key", c: cond("for_all_value:string_equal", "qcs:request_tag", "env&dev"), ctx: nil, allow: true, assume: allK},
		{name: "§4 for_any_value on absent key", c: cond("for_any_value:string_equal", "qcs:request_tag", "env&dev"), ctx: nil},
		{name: "§4 plain operator on multi-valued key is for_any_value", c: cond("string_equal", "qcs:resource_tag", "team&ops"), ctx: tags, allow: true},
		{name: "§4 for_any_value match", c: cond("for_any_value:string_equal", "qcs:resource_tag", "env&prod"), ctx: tags, allow: true},
		{name: "§4 for_any_value miss", c: cond("for_any_value:string_equal", "qcs:resource_tag", "env&dev"), ctx: tags},
		{name: "§4 for_all_value needs every value", c: cond("for_all_value:string_equal", "qcs:resource_tag", "env&prod"), ctx: tags},
		{name: "§4 for_all_value every value matches", c: cond("for_all_value:string_equal", "qcs:resource_tag", "env&prod", "team&ops"), ctx: tags, allow: true},
		{name: "§4 for_all_value string_like", c: cond("for_all_value:string_like", "qcs:resource_tag", "*&*"), ctx: tags, allow: true},
		{name: "§4 negated on multi-valued key excludes every value", c: cond("string_not_equal", "qcs:resource_tag", "team&ops"), ctx: tags},
		{name: "§4 negated on multi-valued key none listed", c: cond("string_not_equal", "qcs:resource_tag", "team&dev"), ctx: tags, allow: true},
		{name: "§4 for_any_value negated: some value unlisted", c: cond("for_any_value:string_not_equal", "qcs:resource_tag", "team&ops"), ctx: tags, allow: true},
		{name: "§4 for_all_value negated: every value unlisted", c: cond("for_all_value:string_not_equal", "qcs:resource_tag", "team&ops"), ctx: tags},
		{name: "§4 tag key form reads resource_tag", c: cond("string_equal", "qcs:resource_tag/env", "prod"), ctx: tags, allow: true},
		{name: "§4 tag key form other value", c: cond("string_equal", "qcs:resource_tag/env", "dev"), ctx: tags},
		{name: "§4 tag key form absent tag", c: cond("string_equal", "qcs:resource_tag/owner", "me"), ctx: tags},
		{name: "§4 tag key form with if_exist on absent tag", c: cond("string_equal_if_exist", "qcs:resource_tag/owner", "me"), ctx: tags, allow: true},
		{name: "§4 tag key given directly", c: cond("string_equal", "qcs:request_tag/env", "dev"), ctx: ctx("qcs:request_tag/env", "dev"), allow: true},
		// combining
		{name: "§4 keys under one operator are AND'd", c: policy.Condition{"string_equal": {"cvm:region": policy.Strings("ap-guangzhou"), "k": policy.Strings("v")}}, ctx: ctx("cvm:region", "ap-guangzhou"), allow: false},
		{name: "§4 operators are AND'd", c: policy.Condition{"string_equal": {"cvm:region": policy.Strings("ap-guangzhou")}, "ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}, ctx: ctx("cvm:region", "ap-guangzhou", "qcs:ip", "10.9.9.9"), allow: true},
		{name: "§4 typed JSON values", c: policy.Condition{"numeric_equal": {"n": {policy.Number("8")}}, "bool_equal": {"b": {policy.Bool(true)}}}, ctx: ctx("n", "8", "b", "true"), allow: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := mustCompile(t, &policy.Document{Version: policy.Version, Statement: []policy.Statement{st(allowE, "cvm:RunInstances", "*", tc.c)}})
			r := req("cvm:RunInstances", ins1, tc.ctx)
			d := e.Evaluate(r)
			if d.Allowed() != tc.allow {
				t.Fatalf("allow statement: Allowed() = %v, want %v\n%v", d.Allowed(), tc.allow, d)
			}
			checkKinds(t, d, tc.assume)

			// The same condition in a deny next to an allow-all: the deny applies
			// only when the allow matched without assumptions.
			e = mustCompile(t, &policy.Document{Version: policy.Version, Statement: []policy.Statement{
				st(allowE, "*", "*"), st(denyE, "cvm:RunInstances", "*", tc.c)}})
			d = e.Evaluate(r)
			wantDeny := tc.allow && !hasBroadening(tc.assume)
			if got := d.Outcome() == policy.OutcomeExplicitDeny; got != wantDeny {
				t.Fatalf("deny statement: explicit deny = %v, want %v\n%v", got, wantDeny, d)
			}
			checkKinds(t, d, tc.assume)
		})
	}
}

// hasBroadening reports whether kinds include an assumption that widens an
// allow (and so keeps a deny from applying).
func hasBroadening(kinds []policy.AssumptionKind) bool {
	for _, k := range kinds {
		if k != policy.AssumeBadContextValue {
			return true
		}
	}
	return false
}

func checkKinds(t *testing.T, d policy.Decision, want []policy.AssumptionKind) {
	t.Helper()
	as := d.Assumptions()
	if len(as) != len(want) {
		t.Fatalf("assumptions = %v, want kinds %v\n%v", as, want, d)
	}
	for i, a := range as {
		if a.Kind != want[i] {
			t.Errorf("assumption[%d] = %v, want %v", i, a.Kind, want[i])
		}
	}
}

func mustCompile(t testing.TB, docs ...*policy.Document) *policy.Evaluator {
	t.Helper()
	e, err := policy.Compile(docs...)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return e
}
