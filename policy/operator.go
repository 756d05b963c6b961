package policy

import (
	"fmt"
	"strings"
)

// Op is a base condition operator, without the "_if_exist" suffix or a
// "for_any_value:"/"for_all_value:" prefix.
type Op uint8

// The base condition operators CAM documents.
const (
	OpInvalid Op = iota
	OpStringEqual
	OpStringNotEqual
	OpStringEqualIgnoreCase
	OpStringNotEqualIgnoreCase
	OpStringLike
	OpStringNotLike
	OpNumericEqual
	OpNumericNotEqual
	OpNumericLessThan
	OpNumericLessThanEqual
	OpNumericGreaterThan
	OpNumericGreaterThanEqual
	OpDateEqual
	OpDateNotEqual
	OpDateLessThan
	OpDateLessThanEqual
	OpDateGreaterThan
	OpDateGreaterThanEqual
	OpBoolEqual
	OpBinaryEqual
	OpIPEqual
	OpIPNotEqual
	OpNullEqual
	opCount
)

var opNames = [opCount]string{
	OpInvalid:                  "invalid",
	OpStringEqual:              "string_equal",
	OpStringNotEqual:           "string_not_equal",
	OpStringEqualIgnoreCase:    "string_equal_ignore_case",
	OpStringNotEqualIgnoreCase: "string_not_equal_ignore_case",
	OpStringLike:               "string_like",
	OpStringNotLike:            "string_not_like",
	OpNumericEqual:             "numeric_equal",
	OpNumericNotEqual:          "numeric_not_equal",
	OpNumericLessThan:          "numeric_less_than",
	OpNumericLessThanEqual:     "numeric_less_than_equal",
	OpNumericGreaterThan:       "numeric_greater_than",
	OpNumericGreaterThanEqual:  "numeric_greater_than_equal",
	OpDateEqual:                "date_equal",
	OpDateNotEqual:             "date_not_equal",
	OpDateLessThan:             "date_less_than",
	OpDateLessThanEqual:        "date_less_than_equal",
	OpDateGreaterThan:          "date_greater_than",
	OpDateGreaterThanEqual:     "date_greater_than_equal",
	OpBoolEqual:                "bool_equal",
	OpBinaryEqual:              "binary_equal",
	OpIPEqual:                  "ip_equal",
	OpIPNotEqual:               "ip_not_equal",
	OpNullEqual:                "null_equal",
}

var opByName = func() map[string]Op {
	m := make(map[string]Op, opCount)
	for op := OpStringEqual; op < opCount; op++ {
		m[opNames[op]] = op
	}
	return m
}()

// String returns the operator's name as written in a policy, e.g. "ip_equal".
func (o Op) String() string {
	if o < opCount {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Negated reports whether o is a negated operator (string_not_equal,
// string_not_equal_ignore_case, string_not_like, numeric_not_equal,
// date_not_equal, ip_not_equal). A negated operator is exactly the negation of
// its positive form ([Op.Positive]).
func (o Op) Negated() bool {
	switch o {
	case OpStringNotEqual, OpStringNotEqualIgnoreCase, OpStringNotLike,
		OpNumericNotEqual, OpDateNotEqual, OpIPNotEqual:
		return true
	}
	return false
}

// Positive returns the positive form of a negated operator, and o itself otherwise.
func (o Op) Positive() Op {
	switch o {
	case OpStringNotEqual:
		return OpStringEqual
	case OpStringNotEqualIgnoreCase:
		return OpStringEqualIgnoreCase
	case OpStringNotLike:
		return OpStringLike
	case OpNumericNotEqual:
		return OpNumericEqual
	case OpDateNotEqual:
		return OpDateEqual
	case OpIPNotEqual:
		return OpIPEqual
	}
	return o
}

// Type is the type of value an operator compares.
func (o Op) Type() OpType {
	switch {
	case o >= OpStringEqual && o <= OpStringNotLike:
		return TypeString
	case o >= OpNumericEqual && o <= OpNumericGreaterThanEqual:
		return TypeNumeric
	case o >= OpDateEqual && o <= OpDateGreaterThanEqual:
		return TypeDate
	case o == OpBoolEqual:
		return TypeBool
	case o == OpBinaryEqual:
		return TypeBinary
	case o == OpIPEqual || o == OpIPNotEqual:
		return TypeIP
	case o == OpNullEqual:
		return TypeNull
	}
	return TypeInvalid
}

// OpType is the family of values an operator compares.
type OpType uint8

// The operator families.
const (
	TypeInvalid OpType = iota
	TypeString
	TypeNumeric
	TypeDate
	TypeBool
	TypeBinary
	TypeIP
	TypeNull
)

// String names the family ("string", "numeric", "date", "bool", "binary", "ip", "null").
func (t OpType) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeNumeric:
		return "numeric"
	case TypeDate:
		return "date"
	case TypeBool:
		return "bool"
	case TypeBinary:
		return "binary"
	case TypeIP:
		return "ip"
	case TypeNull:
		return "null"
	}
	return "invalid"
}

// Qualifier is the set-operator prefix of a condition operator for multi-valued keys.
type Qualifier uint8

// The qualifiers. QualifierNone is a plain operator, which behaves like
// for_any_value: a context value of the key matching any policy value satisfies it.
const (
	QualifierNone Qualifier = iota
	QualifierForAnyValue
	QualifierForAllValue
)

// Prefix returns the qualifier as written before the operator, including the colon
// ("for_any_value:"), or "" for QualifierNone.
func (q Qualifier) Prefix() string {
	switch q {
	case QualifierForAnyValue:
		return "for_any_value:"
	case QualifierForAllValue:
		return "for_all_value:"
	}
	return ""
}

// String names the qualifier ("none", "for_any_value", "for_all_value").
func (q Qualifier) String() string {
	switch q {
	case QualifierForAnyValue:
		return "for_any_value"
	case QualifierForAllValue:
		return "for_all_value"
	}
	return "none"
}

// Operator is a parsed condition operator such as "for_all_value:string_like_if_exist".
type Operator struct {
	// Op is the base operator.
	Op Op
	// Qualifier is the for_any_value:/for_all_value: prefix, if any.
	Qualifier Qualifier
	// IfExist is true for the _if_exist suffix: satisfied when the key is absent.
	IfExist bool
}

// String returns the operator as written in a policy.
func (o Operator) String() string {
	s := o.Qualifier.Prefix() + o.Op.String()
	if o.IfExist {
		s += "_if_exist"
	}
	return s
}

// ParseOperator parses a condition operator name. Operator names are case-sensitive
// and lowercase. It rejects unknown operators, "_if_exist" on null_equal and a
// "for_…" prefix on null_equal (docs/semantics.md §4).
func ParseOperator(name string) (Operator, error) {
	var o Operator
	rest := name
	switch {
	case strings.HasPrefix(rest, "for_any_value:"):
		o.Qualifier = QualifierForAnyValue
		rest = rest[len("for_any_value:"):]
	case strings.HasPrefix(rest, "for_all_value:"):
		o.Qualifier = QualifierForAllValue
		rest = rest[len("for_all_value:"):]
	}
	if op, ok := opByName[rest]; ok {
		o.Op = op
	} else if base, ok := strings.CutSuffix(rest, "_if_exist"); ok {
		if op, ok := opByName[base]; ok {
			o.Op = op
			o.IfExist = true
		}
	}
	if o.Op == OpInvalid {
		if cam := awsOperatorCAM(name); cam != "" {
			return Operator{}, errorf("", "unknown condition operator %s: that is AWS's spelling; CAM writes %s", quote(name), quote(cam))
		}
		if lower := strings.ToLower(name); lower != name {
			if _, err := ParseOperator(lower); err == nil {
				return Operator{}, errorf("", "unknown condition operator %s (operators are lowercase: did you mean %s?)", quote(name), quote(lower))
			}
		}
		return Operator{}, errorf("", "unknown condition operator %s", quote(name))
	}
	if o.Op == OpNullEqual && o.IfExist {
		return Operator{}, errorf("", "condition operator %s: null_equal takes no _if_exist suffix", quote(name))
	}
	if o.Op == OpNullEqual && o.Qualifier != QualifierNone {
		return Operator{}, errorf("", "condition operator %s: null_equal takes no for_any_value:/for_all_value: prefix", quote(name))
	}
	return o, nil
}
