package policy

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Cond is one condition test: an operator applied to one condition key with the
// values the key is compared with. [Statement.When] merges Cond values into a
// statement's [Condition] block.
//
// Build a Cond with the constructors ([StringEqual], [IPEqual], [DateLessThan],
// ...) and adjust its operator with [Cond.IfExist], [Cond.ForAnyValue] and
// [Cond.ForAllValue]. The constructors do not check values: [Document.Validate]
// reports a bad CIDR, date or number with its path.
type Cond struct {
	// Operator is the operator as written in a policy, e.g. "ip_equal" or
	// "for_any_value:string_like_if_exist".
	Operator string
	// Key is the condition key, e.g. "qcs:ip"; see the Key... constants.
	Key string
	// Values are OR'd: the test passes when the key matches any of them.
	Values []Value
}

func stringCond(op Op, key string, vals []string) Cond {
	return Cond{Operator: op.String(), Key: key, Values: Strings(vals...)}
}

// StringEqual tests that key equals one of vals, case-sensitively.
func StringEqual(key string, vals ...string) Cond { return stringCond(OpStringEqual, key, vals) }

// StringNotEqual tests that key equals none of vals, case-sensitively.
func StringNotEqual(key string, vals ...string) Cond {
	return stringCond(OpStringNotEqual, key, vals)
}

// StringEqualIgnoreCase tests that key equals one of vals, ignoring case.
func StringEqualIgnoreCase(key string, vals ...string) Cond {
	return stringCond(OpStringEqualIgnoreCase, key, vals)
}

// StringNotEqualIgnoreCase tests that key equals none of vals, ignoring case.
func StringNotEqualIgnoreCase(key string, vals ...string) Cond {
	return stringCond(OpStringNotEqualIgnoreCase, key, vals)
}

// StringLike tests that key matches one of the patterns, in which '*' matches any
// run of characters.
func StringLike(key string, patterns ...string) Cond {
	return stringCond(OpStringLike, key, patterns)
}

// StringNotLike tests that key matches none of the patterns.
func StringNotLike(key string, patterns ...string) Cond {
	return stringCond(OpStringNotLike, key, patterns)
}

// numericCond writes each number as the shortest JSON literal that reads back as
// the same float64 ("8", "1.5", "0.001"). NaN and ±Inf have no JSON literal;
// they are written "NaN", "+Inf" and "-Inf", which [Document.Validate] rejects.
func numericCond(op Op, key string, ns []float64) Cond {
	vs := make([]Value, len(ns))
	for i, n := range ns {
		vs[i] = Number(strconv.FormatFloat(n, 'f', -1, 64))
	}
	return Cond{Operator: op.String(), Key: key, Values: vs}
}

// NumericEqual tests that key equals one of ns. Numbers are written as JSON
// numbers in their shortest form; use a Cond literal with [Number] to write a
// literal exactly (for example "1e3").
func NumericEqual(key string, ns ...float64) Cond { return numericCond(OpNumericEqual, key, ns) }

// NumericNotEqual tests that key equals none of ns.
func NumericNotEqual(key string, ns ...float64) Cond {
	return numericCond(OpNumericNotEqual, key, ns)
}

// NumericLessThan tests that key is less than n (any of ns).
func NumericLessThan(key string, ns ...float64) Cond {
	return numericCond(OpNumericLessThan, key, ns)
}

// NumericLessThanEqual tests that key is at most n (any of ns).
func NumericLessThanEqual(key string, ns ...float64) Cond {
	return numericCond(OpNumericLessThanEqual, key, ns)
}

// NumericGreaterThan tests that key is greater than n (any of ns).
func NumericGreaterThan(key string, ns ...float64) Cond {
	return numericCond(OpNumericGreaterThan, key, ns)
}

// NumericGreaterThanEqual tests that key is at least n (any of ns).
func NumericGreaterThanEqual(key string, ns ...float64) Cond {
	return numericCond(OpNumericGreaterThanEqual, key, ns)
}

// DateFormat is the layout date condition values are written in: RFC 3339 in
// UTC, to the second, e.g. "2026-06-01T00:00:00Z".
const DateFormat = "2006-01-02T15:04:05Z"

// FormatDate formats t as a date condition value in [DateFormat]. Sub-second
// precision is dropped (truncated), as CAM compares whole seconds.
func FormatDate(t time.Time) string { return t.UTC().Format(DateFormat) }

func dateCond(op Op, key string, ts []time.Time) Cond {
	vs := make([]Value, len(ts))
	for i, t := range ts {
		vs[i] = String(FormatDate(t))
	}
	return Cond{Operator: op.String(), Key: key, Values: vs}
}

// DateEqual tests that key (usually [KeyCurrentTime]) equals one of ts.
func DateEqual(key string, ts ...time.Time) Cond { return dateCond(OpDateEqual, key, ts) }

// DateNotEqual tests that key equals none of ts.
func DateNotEqual(key string, ts ...time.Time) Cond { return dateCond(OpDateNotEqual, key, ts) }

// DateLessThan tests that key is before t (any of ts). On [KeyCurrentTime] it
// makes a grant expire: CAM stops honouring the statement at t.
func DateLessThan(key string, ts ...time.Time) Cond { return dateCond(OpDateLessThan, key, ts) }

// DateLessThanEqual tests that key is at or before t (any of ts).
func DateLessThanEqual(key string, ts ...time.Time) Cond {
	return dateCond(OpDateLessThanEqual, key, ts)
}

// DateGreaterThan tests that key is after t (any of ts).
func DateGreaterThan(key string, ts ...time.Time) Cond {
	return dateCond(OpDateGreaterThan, key, ts)
}

// DateGreaterThanEqual tests that key is at or after t (any of ts).
func DateGreaterThanEqual(key string, ts ...time.Time) Cond {
	return dateCond(OpDateGreaterThanEqual, key, ts)
}

func condBoolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// BoolEqual tests a boolean key such as [KeyCOSSecureTransport]. The value is
// written as the string "true" or "false", the form CAM's documentation uses.
func BoolEqual(key string, b bool) Cond {
	return Cond{Operator: OpBoolEqual.String(), Key: key, Values: []Value{String(condBoolText(b))}}
}

// BinaryEqual tests that key equals one of the byte strings, each written in
// standard base64 as CAM expects.
func BinaryEqual(key string, data ...[]byte) Cond {
	vs := make([]Value, len(data))
	for i, d := range data {
		vs[i] = String(base64.StdEncoding.EncodeToString(d))
	}
	return Cond{Operator: OpBinaryEqual.String(), Key: key, Values: vs}
}

// IPEqual tests that key (usually [KeyIP]) is one of the IPv4 or IPv6 addresses
// or falls in one of the CIDR blocks.
func IPEqual(key string, cidrs ...string) Cond { return stringCond(OpIPEqual, key, cidrs) }

// IPNotEqual tests that key is none of the addresses and in none of the blocks.
func IPNotEqual(key string, cidrs ...string) Cond { return stringCond(OpIPNotEqual, key, cidrs) }

// NullEqual tests whether key is absent from the request (absent true) or
// present (absent false). The value is written "true" or "false".
func NullEqual(key string, absent bool) Cond {
	return Cond{Operator: OpNullEqual.String(), Key: key, Values: []Value{String(condBoolText(absent))}}
}

// IfExist returns a copy of c whose operator also passes when the key is absent
// from the request ("_if_exist" suffix). It is idempotent. CAM allows no
// _if_exist on null_equal; IfExist still writes it there, and
// [Document.Validate] reports the operator.
func (c Cond) IfExist() Cond {
	out := c.clone()
	if !strings.HasSuffix(out.Operator, "_if_exist") {
		out.Operator += "_if_exist"
	}
	return out
}

// ForAnyValue returns a copy of c with the "for_any_value:" qualifier for
// multi-valued keys (tags): the test passes when any request value matches. It
// replaces a "for_all_value:" qualifier.
func (c Cond) ForAnyValue() Cond { return c.qualify(QualifierForAnyValue) }

// ForAllValue returns a copy of c with the "for_all_value:" qualifier: the test
// passes when every request value of the key matches one of c's values. It
// replaces a "for_any_value:" qualifier.
func (c Cond) ForAllValue() Cond { return c.qualify(QualifierForAllValue) }

func (c Cond) qualify(q Qualifier) Cond {
	out := c.clone()
	base := out.Operator
	for _, p := range [...]string{QualifierForAnyValue.Prefix(), QualifierForAllValue.Prefix()} {
		base = strings.TrimPrefix(base, p)
	}
	out.Operator = q.Prefix() + base
	return out
}

func (c Cond) clone() Cond {
	if c.Values != nil {
		c.Values = append([]Value(nil), c.Values...)
	}
	return c
}

// ResourceTag returns the value "key&value" that [KeyResourceTag] and
// [KeyRequestTag] compare a tag with.
func ResourceTag(key, value string) string { return key + "&" + value }

// RequestTag returns the value "key&value" for [KeyRequestTag]; it is the same
// text as [ResourceTag] and exists so conditions read naturally.
func RequestTag(key, value string) string { return ResourceTag(key, value) }

// ResourceTagKey returns the per-tag condition key "qcs:resource_tag/<key>",
// whose values are the tag's values.
func ResourceTagKey(key string) string { return KeyResourceTag + "/" + key }

// RequestTagKey returns the per-tag condition key "qcs:request_tag/<key>".
func RequestTagKey(key string) string { return KeyRequestTag + "/" + key }

// ResourceTagEqual tests that the resource carries tag key with one of values:
// for_any_value:string_equal on qcs:resource_tag with "key&value" entries, the
// form CAM's tag-based authorisation examples use.
func ResourceTagEqual(key string, values ...string) Cond {
	return StringEqual(KeyResourceTag, tagPairs(key, values)...).ForAnyValue()
}

// RequestTagEqual tests that the request passes tag key with one of values.
func RequestTagEqual(key string, values ...string) Cond {
	return StringEqual(KeyRequestTag, tagPairs(key, values)...).ForAnyValue()
}

func tagPairs(key string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = ResourceTag(key, v)
	}
	return out
}

// addCond merges c into cond, appending c's values to those already under the same
// operator and key and skipping exact duplicates. It returns the (possibly new)
// map; cond is modified in place, so callers pass a map they own.
func (cond Condition) addCond(c Cond) Condition {
	if cond == nil {
		cond = make(Condition)
	}
	keys := cond[c.Operator]
	if keys == nil {
		keys = make(map[string][]Value)
		cond[c.Operator] = keys
	}
	vs := keys[c.Key]
	for _, v := range c.Values {
		dup := false
		for _, w := range vs {
			if w == v {
				dup = true
				break
			}
		}
		if !dup {
			vs = append(vs, v)
		}
	}
	if vs == nil {
		vs = []Value{}
	}
	keys[c.Key] = vs
	return cond
}
