package policy_test

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

func TestConditionConstructors(t *testing.T) {
	t.Parallel()
	t1 := time.Date(2026, 6, 1, 8, 0, 1, 999_000_000, time.FixedZone("CST", 8*3600))
	t2 := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	const k = "k"
	s := policy.Strings
	num := func(ns ...string) []policy.Value {
		out := make([]policy.Value, len(ns))
		for i, n := range ns {
			out[i] = policy.Number(n)
		}
		return out
	}
	tests := []struct {
		name string
		got  policy.Cond
		op   string
		vals []policy.Value
	}{
		{"StringEqual", policy.StringEqual(k, "a", "b"), "string_equal", s("a", "b")},
		{"StringNotEqual", policy.StringNotEqual(k, "a"), "string_not_equal", s("a")},
		{"StringEqualIgnoreCase", policy.StringEqualIgnoreCase(k, "A"), "string_equal_ignore_case", s("A")},
		{"StringNotEqualIgnoreCase", policy.StringNotEqualIgnoreCase(k, "A"), "string_not_equal_ignore_case", s("A")},
		{"StringLike", policy.StringLike(k, "a*"), "string_like", s("a*")},
		{"StringNotLike", policy.StringNotLike(k, "*b"), "string_not_like", s("*b")},
		{"NumericEqual", policy.NumericEqual(k, 8, 1.5, -0.001, 1e21), "numeric_equal", num("8", "1.5", "-0.001", "1000000000000000000000")},
		{"NumericNotEqual", policy.NumericNotEqual(k, 0), "numeric_not_equal", num("0")},
		{"NumericLessThan", policy.NumericLessThan(k, 10), "numeric_less_than", num("10")},
		{"NumericLessThanEqual", policy.NumericLessThanEqual(k, 10), "numeric_less_than_equal", num("10")},
		{"NumericGreaterThan", policy.NumericGreaterThan(k, 1.2), "numeric_greater_than", num("1.2")},
		{"NumericGreaterThanEqual", policy.NumericGreaterThanEqual(k, 3), "numeric_greater_than_equal", num("3")},
		{"NumericEqual NaN is written for Validate to reject", policy.NumericEqual(k, math.NaN()), "numeric_equal", num("NaN")},
		{"DateEqual", policy.DateEqual(k, t1, t2), "date_equal", s("2026-06-01T00:00:01Z", "2027-01-02T03:04:05Z")},
		{"DateNotEqual", policy.DateNotEqual(k, t2), "date_not_equal", s("2027-01-02T03:04:05Z")},
		{"DateLessThan", policy.DateLessThan(k, t2), "date_less_than", s("2027-01-02T03:04:05Z")},
		{"DateLessThanEqual", policy.DateLessThanEqual(k, t2), "date_less_than_equal", s("2027-01-02T03:04:05Z")},
		{"DateGreaterThan", policy.DateGreaterThan(k, t2), "date_greater_than", s("2027-01-02T03:04:05Z")},
		{"DateGreaterThanEqual", policy.DateGreaterThanEqual(k, t2), "date_greater_than_equal", s("2027-01-02T03:04:05Z")},
		{"BoolEqual true", policy.BoolEqual(k, true), "bool_equal", s("true")},
		{"BoolEqual false", policy.BoolEqual(k, false), "bool_equal", s("false")},
		{"BinaryEqual", policy.BinaryEqual(k, []byte("hi"), nil), "binary_equal", s("aGk=", "")},
		{"IPEqual", policy.IPEqual(k, "10.0.0.0/8", "2001:db8::/32"), "ip_equal", s("10.0.0.0/8", "2001:db8::/32")},
		{"IPNotEqual", policy.IPNotEqual(k, "1.2.3.4"), "ip_not_equal", s("1.2.3.4")},
		{"NullEqual absent", policy.NullEqual(k, true), "null_equal", s("true")},
		{"NullEqual present", policy.NullEqual(k, false), "null_equal", s("false")},
		{"no values", policy.StringEqual(k), "string_equal", s()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := policy.Cond{Operator: tt.op, Key: k, Values: tt.vals}
			if !reflect.DeepEqual(tt.got, want) {
				t.Errorf("got %#v, want %#v", tt.got, want)
			}
			if _, err := policy.ParseOperator(tt.got.Operator); err != nil {
				t.Errorf("operator %q does not parse: %v", tt.got.Operator, err)
			}
		})
	}
}

func TestCondModifiers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  policy.Cond
		want string
	}{
		{"IfExist", policy.StringEqual("k", "v").IfExist(), "string_equal_if_exist"},
		{"IfExist twice", policy.StringEqual("k", "v").IfExist().IfExist(), "string_equal_if_exist"},
		{"ForAnyValue", policy.StringLike("k", "v").ForAnyValue(), "for_any_value:string_like"},
		{"ForAllValue", policy.StringLike("k", "v").ForAllValue(), "for_all_value:string_like"},
		{"ForAllValue replaces ForAnyValue", policy.StringEqual("k", "v").ForAnyValue().ForAllValue(), "for_all_value:string_equal"},
		{"ForAnyValue replaces ForAllValue", policy.StringEqual("k", "v").ForAllValue().ForAnyValue(), "for_any_value:string_equal"},
		{"qualifier and IfExist", policy.StringEqual("k", "v").IfExist().ForAllValue(), "for_all_value:string_equal_if_exist"},
		{"IfExist after qualifier", policy.IPEqual("k", "v").ForAnyValue().IfExist(), "for_any_value:ip_equal_if_exist"},
		{"null_equal IfExist is written as asked", policy.NullEqual("k", true).IfExist(), "null_equal_if_exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got.Operator != tt.want {
				t.Errorf("Operator = %q, want %q", tt.got.Operator, tt.want)
			}
			_, err := policy.ParseOperator(tt.got.Operator)
			if wantErr := strings.HasPrefix(tt.want, "null_equal_"); (err != nil) != wantErr {
				t.Errorf("ParseOperator(%q) error = %v, want error %v", tt.got.Operator, err, wantErr)
			}
		})
	}

	base := policy.StringEqual("k", "a")
	mod := base.IfExist()
	mod.Values[0] = policy.String("changed")
	if base.Values[0].Text != "a" || base.Operator != "string_equal" {
		t.Errorf("modifier changed its receiver: %#v", base)
	}
}

func TestTagHelpers(t *testing.T) {
	t.Parallel()
	checks := []struct{ got, want string }{
		{policy.ResourceTag("env", "prod"), "env&prod"},
		{policy.RequestTag("team", "a&b"), "team&a&b"},
		{policy.ResourceTagKey("env"), "qcs:resource_tag/env"},
		{policy.RequestTagKey("env"), "qcs:request_tag/env"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	got := policy.ResourceTagEqual("env", "dev", "test")
	want := policy.Cond{Operator: "for_any_value:string_equal", Key: "qcs:resource_tag", Values: policy.Strings("env&dev", "env&test")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ResourceTagEqual = %#v, want %#v", got, want)
	}
	got = policy.RequestTagEqual("env", "dev")
	want = policy.Cond{Operator: "for_any_value:string_equal", Key: "qcs:request_tag", Values: policy.Strings("env&dev")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RequestTagEqual = %#v, want %#v", got, want)
	}
}

func TestFormatDate(t *testing.T) {
	t.Parallel()
	tm := time.Date(2026, 2, 3, 4, 5, 6, 700_000_000, time.FixedZone("", -5*3600))
	if got, want := policy.FormatDate(tm), "2026-02-03T09:05:06Z"; got != want {
		t.Errorf("FormatDate = %q, want %q", got, want)
	}
	if _, err := time.Parse(time.RFC3339, policy.FormatDate(tm)); err != nil {
		t.Errorf("FormatDate output is not RFC 3339: %v", err)
	}
}

func TestWhenMerge(t *testing.T) {
	t.Parallel()
	st := policy.Allow("a:b").On("*").When(
		policy.StringEqual("k", "x", "y"),
		policy.StringEqual("k", "y", "z"),
		policy.StringEqual("k2", "x"),
		policy.StringEqual("k", "x").IfExist(),
		policy.NumericEqual("n", 1),
		policy.Cond{Operator: "numeric_equal", Key: "n", Values: []policy.Value{policy.String("1")}},
		policy.StringEqual("empty"),
	)
	want := policy.Condition{
		"string_equal":          {"k": policy.Strings("x", "y", "z"), "k2": policy.Strings("x"), "empty": {}},
		"string_equal_if_exist": {"k": policy.Strings("x")},
		"numeric_equal":         {"n": {policy.Number("1"), policy.String("1")}},
	}
	if !reflect.DeepEqual(st.Condition, want) {
		t.Errorf("merged condition\n got %#v\nwant %#v", st.Condition, want)
	}
	const canon = `{"version":"2.0","statement":[{"effect":"allow","action":["a:b"],"resource":["*"],"condition":{"numeric_equal":{"n":[1,"1"]},"string_equal":{"empty":[],"k":["x","y","z"],"k2":["x"]},"string_equal_if_exist":{"k":["x"]}}}]}`
	if got := policy.New(st).Canonical(); got != canon {
		t.Errorf("Canonical\n got %s\nwant %s", got, canon)
	}
}
