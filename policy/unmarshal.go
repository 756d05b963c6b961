package policy

import "bytes"

// isJSONNull reports whether b is the JSON literal null, which UnmarshalJSON methods
// treat as a no-op like encoding/json does.
func isJSONNull(b []byte) bool {
	return bytes.Equal(bytes.TrimSpace(b), []byte("null"))
}

// UnmarshalJSON parses b with [Parse], so json.Unmarshal into a Document is as
// lenient and as strict as Parse. A JSON null leaves d unchanged.
func (d *Document) UnmarshalJSON(b []byte) error {
	if isJSONNull(b) {
		return nil
	}
	doc, err := Parse(b)
	if err != nil {
		return err
	}
	*d = *doc
	return nil
}

// UnmarshalJSON reads one statement object with the rules of [Parse]; error
// paths are relative to the statement ("action[0]"). A JSON null leaves st unchanged.
func (st *Statement) UnmarshalJSON(b []byte) error {
	if isJSONNull(b) {
		return nil
	}
	var out Statement
	err := parseWhole(b, func(s *docScanner) error {
		if s.peek() != '{' {
			return s.typeError("a statement object")
		}
		return s.statement(&out)
	})
	if err == nil {
		*st = out
	}
	return err
}

// UnmarshalJSON reads a principal: "*" or an object with qcs, service and/or
// federated, each a string or a list of strings. A JSON null leaves p unchanged.
func (p *Principal) UnmarshalJSON(b []byte) error {
	if isJSONNull(b) {
		return nil
	}
	var out *Principal
	err := parseWhole(b, func(s *docScanner) (err error) {
		out, err = s.principal()
		return err
	})
	if err == nil {
		*p = *out
	}
	return err
}

// UnmarshalJSON reads a condition block: operator → key → a value or a list of
// values. A JSON null leaves c unchanged.
func (c *Condition) UnmarshalJSON(b []byte) error {
	if isJSONNull(b) {
		return nil
	}
	var out Condition
	err := parseWhole(b, func(s *docScanner) (err error) {
		out, err = s.condition()
		return err
	})
	if err == nil {
		*c = out
	}
	return err
}

// UnmarshalJSON reads one condition value: a JSON string, number or boolean,
// keeping its type and, for a number, the literal as written. A JSON null
// leaves v unchanged.
func (v *Value) UnmarshalJSON(b []byte) error {
	if isJSONNull(b) {
		return nil
	}
	var out Value
	err := parseWhole(b, func(s *docScanner) (err error) {
		out, err = s.value()
		return err
	})
	if err == nil {
		*v = out
	}
	return err
}
