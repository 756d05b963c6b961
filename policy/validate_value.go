package policy

import (
	"encoding/base64"
	"fmt"
	"unicode/utf8"
)

// checkValue checks one condition value against the type of its operator and
// returns a message, or "" when the value is fine. For an operator that did not
// parse (TypeInvalid) only the value itself is checked.
func checkValue(t OpType, v Value) string {
	switch v.Kind {
	case KindString:
		if !utf8.ValidString(v.Text) {
			return fmt.Sprintf("%s is not valid UTF-8", quote(v.Text))
		}
	case KindNumber:
		if _, ok := scanNumberLiteral(v.Text); !ok {
			return fmt.Sprintf("number value %s is not a JSON number", quote(v.Text))
		}
	case KindBool:
		if v.Text != "true" && v.Text != "false" {
			return fmt.Sprintf("boolean value %s is neither true nor false", quote(v.Text))
		}
	default:
		return fmt.Sprintf("value %s has an unknown kind %v", quote(v.Text), v.Kind)
	}
	switch t {
	case TypeNumeric:
		if v.Kind == KindBool {
			return fmt.Sprintf("%s is a boolean; numeric operators need a number", v.Text)
		}
		if _, ok := ParseNumber(v.Text); !ok {
			if v.Kind == KindNumber {
				return fmt.Sprintf("%s is out of range for a number", v.Text)
			}
			return fmt.Sprintf("%s is not a number (want JSON number syntax such as 8 or \"8\", -1.5, 2e3)", quote(v.Text))
		}
	case TypeDate:
		if v.Kind != KindString {
			return fmt.Sprintf("%s is a %v; date operators need a date string such as \"2026-01-02T15:04:05Z\" or \"2026-01-02 15:04:05\"", v.Text, v.Kind)
		}
		if _, ok := ParseDate(v.Text); !ok {
			return fmt.Sprintf("%s is not a date; want RFC 3339 such as \"2026-01-02T15:04:05Z\" or \"2026-01-02T23:04:05+08:00\", or \"2026-01-02 15:04:05\" (UTC)", quote(v.Text))
		}
	case TypeBool, TypeNull:
		if v.Kind == KindNumber {
			return fmt.Sprintf("%s is a number; want \"true\" or \"false\"", v.Text)
		}
		if _, ok := ParseBool(v.Text); !ok {
			return fmt.Sprintf("%s is neither \"true\" nor \"false\"", quote(v.Text))
		}
	case TypeIP:
		if v.Kind != KindString {
			return fmt.Sprintf("%s is a %v; ip operators need an IP address or CIDR block string", v.Text, v.Kind)
		}
		if _, ok := ParseIPOrCIDR(v.Text); !ok {
			return fmt.Sprintf("%s is not an IP address or CIDR block", quote(v.Text))
		}
	case TypeBinary:
		if v.Kind != KindString {
			return fmt.Sprintf("%s is a %v; binary_equal needs a base64 string", v.Text, v.Kind)
		}
		if _, err := base64.StdEncoding.DecodeString(v.Text); err != nil {
			return fmt.Sprintf("%s is not standard base64", quote(v.Text))
		}
	}
	return ""
}
