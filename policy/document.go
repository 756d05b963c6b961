package policy

import (
	"errors"
	"fmt"
	"strings"
)

// Version is the only policy-language version CAM accepts.
const Version = "2.0"

// MaxDocumentLength is CAM's limit on the length of a policy document, in Unicode
// characters of its compact canonical form (see [Document.Canonical]).
const MaxDocumentLength = 6144

// LintDocumentLength is the older, stricter length limit still quoted by some Tencent
// pages; [Lint] warns above it.
const LintDocumentLength = 4096

// Document is a CAM policy document: an access policy attached to users, groups and
// roles, a permission boundary, or a role's trust policy.
//
// The zero value is an empty document without a version; [New] and [Trust] build
// valid ones. A Document is a plain value: copy it with [Document.Clone] before
// mutating a shared one.
type Document struct {
	// Version must be "2.0".
	Version string `json:"version"`
	// Statement lists the statements in document order. Order never changes a decision.
	Statement []Statement `json:"statement"`
}

// Statement is one element of a document's statement list.
type Statement struct {
	// Effect is "allow" or "deny". Parse keeps whatever the document said so that
	// [Document.Validate] can report a bad value with a hint.
	Effect Effect `json:"effect"`
	// Principal is set only in trust policies (and COS bucket policies); nil otherwise.
	Principal *Principal `json:"principal,omitempty"`
	// Action lists action patterns such as "cvm:Describe*" or "name/cos:GetObject".
	Action []string `json:"action"`
	// Resource lists six-segment resource patterns, or "*".
	Resource []string `json:"resource,omitempty"`
	// Condition maps operator → key → values. Nil means no condition.
	Condition Condition `json:"condition,omitempty"`
}

// Effect is a statement's effect. Only [EffectAllow] and [EffectDeny] are valid;
// any other string is kept verbatim so validation can name it.
type Effect string

// The two effects CAM knows.
const (
	EffectAllow Effect = "allow"
	EffectDeny  Effect = "deny"
)

// String returns the effect as written in a policy.
func (e Effect) String() string { return string(e) }

// Valid reports whether e is exactly "allow" or "deny".
func (e Effect) Valid() bool { return e == EffectAllow || e == EffectDeny }

// Principal is the principal element of a trust policy: who may use the statement.
//
// CAM writes it either as the string "*" (anyone, which [Lint] flags) or as an
// object with any of the keys "qcs", "service" and "federated".
type Principal struct {
	// Any is true for the principal "*".
	Any bool `json:"-"`
	// QCS lists account roots and sub-users, e.g. "qcs::cam::uin/100000000001:root"
	// or "qcs::cam::uin/100000000001:uin/100000000002".
	QCS []string `json:"qcs,omitempty"`
	// Service lists cloud services, e.g. "cvm.qcloud.com".
	Service []string `json:"service,omitempty"`
	// Federated lists identity providers, e.g.
	// "qcs::cam::uin/100000000001:saml-provider/okta".
	Federated []string `json:"federated,omitempty"`
}

// Empty reports whether p names nobody: not "*" and no list has an entry.
func (p *Principal) Empty() bool {
	return p == nil || (!p.Any && len(p.QCS) == 0 && len(p.Service) == 0 && len(p.Federated) == 0)
}

// Condition is a statement's condition block: operator (for example
// "ip_equal" or "for_any_value:string_equal") → condition key (for example
// "qcs:ip") → the values the key is compared with.
//
// Values under one key are OR'd; keys under one operator are AND'd; operators are AND'd.
type Condition map[string]map[string][]Value

// ValueKind is the JSON type a condition value was written with. CAM accepts
// strings, numbers and booleans; canonical output keeps the type.
type ValueKind uint8

// The JSON types a condition value may have.
const (
	KindString ValueKind = iota
	KindNumber
	KindBool
)

// String names the kind: "string", "number" or "bool".
func (k ValueKind) String() string {
	switch k {
	case KindString:
		return "string"
	case KindNumber:
		return "number"
	case KindBool:
		return "bool"
	}
	return fmt.Sprintf("ValueKind(%d)", uint8(k))
}

// Value is one condition value with the JSON type it was written with. Text is the
// string itself, the number literal exactly as written, or "true"/"false".
type Value struct {
	// Kind is the JSON type the value is written with.
	Kind ValueKind
	// Text is the value's text (see the type's comment).
	Text string
}

// String returns a string condition value.
func String(s string) Value { return Value{Kind: KindString, Text: s} }

// Number returns a numeric condition value written as the JSON number literal n
// (for example "8" or "1.5"). [Document.Validate] rejects a literal that is not a
// JSON number.
func Number(n string) Value { return Value{Kind: KindNumber, Text: n} }

// Bool returns a boolean condition value.
func Bool(b bool) Value {
	if b {
		return Value{Kind: KindBool, Text: "true"}
	}
	return Value{Kind: KindBool, Text: "false"}
}

// Strings converts plain strings to string values.
func Strings(ss ...string) []Value {
	out := make([]Value, len(ss))
	for i, s := range ss {
		out[i] = String(s)
	}
	return out
}

// Clone returns a deep copy of d. Mutating the copy never changes d.
func (d *Document) Clone() *Document {
	if d == nil {
		return nil
	}
	out := &Document{Version: d.Version}
	if d.Statement != nil {
		out.Statement = make([]Statement, len(d.Statement))
		for i, s := range d.Statement {
			out.Statement[i] = s.Clone()
		}
	}
	return out
}

// Clone returns a deep copy of s.
func (s Statement) Clone() Statement {
	out := s
	out.Action = cloneStrings(s.Action)
	out.Resource = cloneStrings(s.Resource)
	if s.Principal != nil {
		p := *s.Principal
		p.QCS = cloneStrings(p.QCS)
		p.Service = cloneStrings(p.Service)
		p.Federated = cloneStrings(p.Federated)
		out.Principal = &p
	}
	out.Condition = s.Condition.Clone()
	return out
}

// Clone returns a deep copy of c.
func (c Condition) Clone() Condition {
	if c == nil {
		return nil
	}
	out := make(Condition, len(c))
	for op, keys := range c {
		m := make(map[string][]Value, len(keys))
		for k, vs := range keys {
			if vs != nil {
				m[k] = append([]Value(nil), vs...)
			} else {
				m[k] = nil
			}
		}
		out[op] = m
	}
	return out
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}

// Error is a problem found at one place in a policy document. Path is a JSON path
// such as `statement[1].condition.ip_equal["qcs:ip"][0]`; it is empty for a
// problem with the document as a whole.
//
// [Parse] returns an *Error; [Document.Validate] joins one *Error per problem
// with [errors.Join], so callers can walk them with errors.As or by unwrapping.
type Error struct {
	// Path is the JSON path of the problem; empty for the whole document.
	Path string
	// Message says what is wrong.
	Message string
}

// Error formats the problem as "policy: <path>: <message>".
func (e *Error) Error() string {
	if e.Path == "" {
		return "policy: " + e.Message
	}
	return "policy: " + e.Path + ": " + e.Message
}

// errorMessage returns err's message without the "policy: " prefix when err is
// a path-less *Error (as ParseAction, ParseResource and ParseOperator return), so
// that callers can place it under a path without repeating the prefix.
func errorMessage(err error) string {
	var pe *Error
	if errors.As(err, &pe) && pe.Path == "" {
		return pe.Message
	}
	return err.Error()
}

// errorf builds an *Error at path.
func errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Message: fmt.Sprintf(format, args...)}
}

// Path helpers shared by the parser, validator, linter and evaluator so that every
// message names places the same way.

// pathIndex appends "[i]" to p.
func pathIndex(p string, i int) string { return fmt.Sprintf("%s[%d]", p, i) }

// pathField appends ".name" to p (or returns name when p is empty).
func pathField(p, name string) string {
	if p == "" {
		return name
	}
	return p + "." + name
}

// pathKey appends `["key"]` to p, quoting the key as JSON would.
func pathKey(p, key string) string {
	var b strings.Builder
	b.WriteString(p)
	b.WriteString("[")
	b.WriteString(quote(key))
	b.WriteString("]")
	return b.String()
}

// quote is strconv.Quote without escaping non-ASCII printable characters, so paths
// and messages show names the way users wrote them.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0xfffd:
			b.WriteString(`\ufffd`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// StatementPath returns the JSON path of statement i, "statement[i]".
func StatementPath(i int) string { return pathIndex("statement", i) }
