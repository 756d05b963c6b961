package policy

import (
	"slices"
	"strings"
)

// MaxParseBytes is the largest input [Parse] reads: 1 MiB, far above CAM's own
// limit of [MaxDocumentLength] characters, which [Document.Validate] checks on the
// canonical form. The bound keeps a hostile input from costing unbounded memory.
const MaxParseBytes = 1 << 20

// Parse reads a CAM policy document from JSON.
//
// Parse is lenient in the ways CAM is:
//   - a single string where CAM allows a list: action, resource, the qcs,
//     service and federated lists of a principal, and the values of a condition
//     key ("resource": "*" equals "resource": ["*"]);
//   - a single statement object where CAM expects the statement list;
//   - condition values that are JSON strings, numbers or booleans, each kept as a
//     [Value] with its JSON type and, for numbers, the literal as written;
//   - principal "*", read as Principal{Any: true}.
//
// It is strict otherwise, and every problem is an *[Error] whose Path names the
// JSON path of the problem as written, such as
// `statement[1].condition.ip_equal["qcs:ip"][0]` (a single statement object is
// addressed as "statement"). Parse rejects malformed JSON (the message gives
// the byte offset, line and column), invalid UTF-8, element names in other
// casings ("Statement" gets a hint to use "statement", "Effect": "Allow" one to
// write "effect": "allow"), elements CAM does not have (notAction, notResource,
// Sid, …; a statement element at the top of the document is told where it
// belongs), duplicate keys, values of the wrong JSON type, null, condition
// values that are objects or nested lists, data after the document, and inputs
// larger than [MaxParseBytes]. Parse follows the document's fixed shape and
// never recurses deeper than it, so deeply nested input fails where the shape
// expects a string.
//
// Parse reads on past a mis-cased element (as its lowercase spelling) and past
// an element CAM does not have (skipping its value), so it reports every such
// problem at once: one problem is returned as its *Error, several are joined
// with [errors.Join] (walk them with errors.As or Unwrap() []error), and a
// syntax or type error that stops the reading comes last. A document that is
// an AWS IAM policy, shown by an AWS version ("2012-10-17", "2008-10-17") or,
// without "version": "2.0", by AWS-only elements (Sid, NotAction,
// NotResource, NotPrincipal), AWS operators (StringEquals, IpAddress, ...),
// "aws:" condition keys, an "AWS" principal or an "arn:" resource, is refused
// with one *Error that says so and how CAM writes a policy, instead of one
// error per capitalised element.
//
// Parse checks structure only. It keeps the version, effects, actions,
// resources, condition operators and keys verbatim, in document order and with
// duplicates, so that [Document.Validate] and [Lint] can report what was written
// ("Allow" is kept as "Allow"). [Document.Canonical] gives the normal form.
func Parse(data []byte) (*Document, error) {
	doc := &Document{}
	err := parseWhole(data, func(s *docScanner) error {
		if c := s.peek(); c != '{' {
			return s.typeError("a policy document object")
		}
		return s.document(doc)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// parseWhole checks the input's size, runs read on it and rejects trailing data.
func parseWhole(data []byte, read func(*docScanner) error) error {
	if len(data) > MaxParseBytes {
		return errorf("", "document is %d bytes; Parse reads at most %d (CAM's own limit is %d characters)", len(data), MaxParseBytes, MaxDocumentLength)
	}
	s := newDocScanner(data)
	if strings.HasPrefix(s.src, "\xef\xbb\xbf") {
		return s.syntaxError(0, "the input starts with a UTF-8 byte order mark; remove it")
	}
	if s.peek() == 0 && s.pos == len(data) {
		return errorf("", "empty document")
	}
	err := read(s)
	if err == nil {
		if s.skipSpace(); s.pos < len(data) {
			err = s.syntaxError(s.pos, "unexpected %s after the end of the document", s.describeAt(s.pos))
		}
	}
	return s.result(err)
}

// Field bits for duplicate detection in fixed-shape objects.
const (
	bitVersion = 1 << iota
	bitStatement
	bitEffect
	bitPrincipal
	bitAction
	bitResource
	bitCondition
	bitQCS
	bitService
	bitFederated
)

// seen marks field bit in *mask, or returns a duplicate-key error for name.
func (s *docScanner) seen(mask *uint16, bit uint16, name string) error {
	if *mask&bit != 0 {
		s.pushField(name)
		defer s.pop()
		return s.fail("duplicate key %s", quote(name))
	}
	*mask |= bit
	return nil
}

var (
	documentElements  = []string{"version", "statement"}
	statementElements = []string{"effect", "principal", "action", "resource", "condition"}
	principalElements = []string{"qcs", "service", "federated"}
)

// element maps an object key to the element the shape knows: the key itself
// when it is one of known, or its lowercase spelling when that is (recording
// the casing as a problem and reading on, so that every mis-cased element is
// reported at once). For a key that names no element it records the problem
// and returns "": the caller skips the value and reads on.
func (s *docScanner) element(key string, known []string, what string) string {
	if slices.Contains(known, key) {
		return key
	}
	s.pushKeyPath(key)
	defer s.pop()
	lower := strings.ToLower(key)
	if slices.Contains(known, lower) {
		s.soft(s.fail("element names are lowercase: use %s instead of %s", quote(lower), quote(key)))
		return lower
	}
	s.aws.element(key)
	if hint := misplacedElement(lower, known); hint != "" {
		what = hint
	}
	s.soft(s.fail("CAM has no element %s: %s", quote(key), what))
	return ""
}

// pushKeyPath pushes key as .key when it reads as an identifier, else as ["key"].
func (s *docScanner) pushKeyPath(key string) {
	if isPathIdent(key) {
		s.pushField(key)
	} else {
		s.pushKey(key)
	}
}

// misplacedElement explains a statement element written at the document level
// or a document element written in a statement.
func misplacedElement(lower string, known []string) string {
	switch {
	case slices.Contains(known, "statement") && slices.Contains(statementElements, lower):
		return lower + " belongs inside each statement of the statement list"
	case slices.Contains(known, "effect") && slices.Contains(documentElements, lower):
		return lower + " belongs at the top of the document, next to statement"
	case slices.Contains(known, "qcs") && lower == "aws":
		return `that is AWS's; CAM names accounts and users under "qcs", as "qcs::cam::uin/<owner>:root"`
	}
	return ""
}

// isPathIdent reports whether key can be written as .key in a path.
func isPathIdent(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (s *docScanner) document(doc *Document) error {
	var mask uint16
	return s.object(func(key string) error {
		switch s.element(key, documentElements, "a policy document has only version and statement") {
		case "version":
			if err := s.seen(&mask, bitVersion, key); err != nil {
				return err
			}
			s.pushField(key)
			defer s.pop()
			if s.peek() != '"' {
				return s.typeError("a string")
			}
			v, err := s.str()
			doc.Version = v
			s.aws.version(key, v)
			return err
		case "statement":
			if err := s.seen(&mask, bitStatement, key); err != nil {
				return err
			}
			s.pushField(key)
			defer s.pop()
			return s.statements(doc)
		}
		return s.skipValue()
	})
}

func (s *docScanner) statements(doc *Document) error {
	switch s.peek() {
	case '{':
		var st Statement
		err := s.statement(&st)
		doc.Statement = []Statement{st}
		return err
	case '[':
	default:
		return s.typeError("a list of statements (or a single statement object)")
	}
	doc.Statement = make([]Statement, 0, 4)
	more := s.listStart()
	for i := 0; more; i++ {
		s.pushIndex(i)
		if s.peek() != '{' {
			return s.typeError("a statement object")
		}
		doc.Statement = append(doc.Statement, Statement{})
		if err := s.statement(&doc.Statement[i]); err != nil {
			return err
		}
		s.pop()
		var err error
		if more, err = s.listNext(); err != nil {
			return err
		}
	}
	return nil
}

// statement reads a statement object whose '{' is next.
func (s *docScanner) statement(st *Statement) error {
	var mask uint16
	return s.object(func(key string) error {
		var err error
		switch s.element(key, statementElements, "a statement has only effect, principal, action, resource and condition") {
		case "effect":
			if err = s.seen(&mask, bitEffect, key); err != nil {
				return err
			}
			s.pushField(key)
			if s.peek() != '"' {
				return s.typeError("a string")
			}
			var e string
			e, err = s.str()
			st.Effect = Effect(e)
			s.effectCase(key, e)
		case "principal":
			if err = s.seen(&mask, bitPrincipal, key); err != nil {
				return err
			}
			s.pushField(key)
			st.Principal, err = s.principal()
		case "action":
			if err = s.seen(&mask, bitAction, key); err != nil {
				return err
			}
			s.pushField(key)
			st.Action, err = s.stringList()
		case "resource":
			if err = s.seen(&mask, bitResource, key); err != nil {
				return err
			}
			s.pushField(key)
			st.Resource, err = s.stringList()
			s.aws.resources(st.Resource)
		case "condition":
			if err = s.seen(&mask, bitCondition, key); err != nil {
				return err
			}
			s.pushField(key)
			st.Condition, err = s.condition()
		default:
			return s.skipValue()
		}
		if err == nil {
			s.pop()
		}
		return err
	})
}

// stringList reads a string or a list of strings.
func (s *docScanner) stringList() ([]string, error) {
	switch s.peek() {
	case '"':
		v, err := s.str()
		return []string{v}, err
	case '[':
	default:
		return nil, s.typeError("a string or a list of strings")
	}
	out := make([]string, 0, 4)
	more := s.listStart()
	for i := 0; more; i++ {
		s.pushIndex(i)
		if s.peek() != '"' {
			return nil, s.typeError("a string")
		}
		v, err := s.str()
		if err != nil {
			return nil, err
		}
		s.pop()
		out = append(out, v)
		if more, err = s.listNext(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// principal reads "*" or an object with qcs, service and federated.
func (s *docScanner) principal() (*Principal, error) {
	switch s.peek() {
	case '"':
		v, err := s.str()
		if err != nil {
			return nil, err
		}
		if v != "*" {
			return nil, s.fail(`a principal written as a string must be "*", not %s; name accounts, services and identity providers in an object such as {"qcs": [...]}`, quote(v))
		}
		return &Principal{Any: true}, nil
	case '{':
	default:
		return nil, s.typeError(`"*" or an object with qcs, service or federated`)
	}
	p := &Principal{}
	var mask uint16
	err := s.object(func(key string) error {
		var dst *[]string
		var bit uint16
		name := s.element(key, principalElements, "a principal names qcs, service or federated")
		switch name {
		case "qcs":
			dst, bit = &p.QCS, bitQCS
		case "service":
			dst, bit = &p.Service, bitService
		case "federated":
			dst, bit = &p.Federated, bitFederated
		default:
			return s.skipValue()
		}
		if err := s.seen(&mask, bit, name); err != nil {
			return err
		}
		s.pushField(name)
		var err error
		if *dst, err = s.stringList(); err == nil {
			s.pop()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// condition reads operator → key → values. Operators and keys are kept verbatim;
// Validate checks them.
func (s *docScanner) condition() (Condition, error) {
	if s.peek() != '{' {
		return nil, s.typeError("an object of condition operators")
	}
	cond := Condition{}
	err := s.object(func(op string) error {
		s.aws.operator(op)
		s.pushField(op)
		if _, dup := cond[op]; dup {
			return s.fail("duplicate condition operator %s", quote(op))
		}
		if s.peek() != '{' {
			return s.typeError("an object of condition keys")
		}
		keys := map[string][]Value{}
		err := s.object(func(key string) error {
			s.aws.conditionKey(key)
			s.pushKey(key)
			if _, dup := keys[key]; dup {
				return s.fail("duplicate condition key %s", quote(key))
			}
			vs, err := s.values()
			if err != nil {
				return err
			}
			keys[key] = vs
			s.pop()
			return nil
		})
		if err != nil {
			return err
		}
		cond[op] = keys
		s.pop()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cond, nil
}

// values reads a condition value or a list of them.
func (s *docScanner) values() ([]Value, error) {
	if s.peek() != '[' {
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		return []Value{v}, nil
	}
	out := make([]Value, 0, 2)
	more := s.listStart()
	for i := 0; more; i++ {
		s.pushIndex(i)
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		s.pop()
		out = append(out, v)
		if more, err = s.listNext(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// value reads one condition value: a string, a number or a boolean.
func (s *docScanner) value() (Value, error) {
	switch c := s.peek(); {
	case c == '"':
		v, err := s.str()
		return Value{Kind: KindString, Text: v}, err
	case c == '-' || c >= '0' && c <= '9':
		v, err := s.number()
		return Value{Kind: KindNumber, Text: v}, err
	case c == 't':
		return Value{Kind: KindBool, Text: "true"}, s.literal("true")
	case c == 'f':
		return Value{Kind: KindBool, Text: "false"}, s.literal("false")
	}
	return Value{}, s.typeError("a condition value (a string, number or boolean)")
}
