package policy

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// docScanner is the JSON tokenizer under [Parse]. It reads one value at a time
// straight from the input, so the schema-driven decoder in parse.go can keep
// number literals as written, see duplicate keys, and report errors with the JSON
// path of the element being read.
//
// Unescaped strings are returned as substrings of src, a single string copy of
// the input, so reading a typical policy allocates once per escaped string only.
type docScanner struct {
	data []byte
	src  string // string(data), shared by every unescaped string value
	pos  int
	path []jsonPathSeg
	// softErrs are problems after which reading can go on (a mis-cased or
	// unknown element), so that Parse reports all of them at once.
	softErrs []error
	// aws gathers signs that the input is an AWS IAM policy.
	aws awsEvidence
}

// jsonPathSeg is one step of the JSON path of the element being read.
type jsonPathSeg struct {
	name  string // field or key name
	index int    // array index when kind == jsonSegIndex
	kind  uint8
}

const (
	jsonSegField uint8 = iota // .name
	jsonSegKey                // ["name"]
	jsonSegIndex              // [i]
)

func newDocScanner(data []byte) *docScanner {
	return &docScanner{data: data, src: string(data), path: make([]jsonPathSeg, 0, 8)}
}

func (s *docScanner) pushField(name string) {
	s.path = append(s.path, jsonPathSeg{name: name, kind: jsonSegField})
}
func (s *docScanner) pushKey(name string) {
	s.path = append(s.path, jsonPathSeg{name: name, kind: jsonSegKey})
}
func (s *docScanner) pushIndex(i int) {
	s.path = append(s.path, jsonPathSeg{index: i, kind: jsonSegIndex})
}
func (s *docScanner) pop() { s.path = s.path[:len(s.path)-1] }

// pathString renders the current path with the shared path helpers.
func (s *docScanner) pathString() string {
	p := ""
	for _, seg := range s.path {
		switch seg.kind {
		case jsonSegField:
			p = pathField(p, seg.name)
		case jsonSegKey:
			p = pathKey(p, seg.name)
		default:
			p = pathIndex(p, seg.index)
		}
	}
	return p
}

// fail returns an *Error at the current path.
func (s *docScanner) fail(format string, args ...any) *Error {
	return errorf(s.pathString(), format, args...)
}

// syntaxError reports malformed JSON at byte offset off.
func (s *docScanner) syntaxError(off int, format string, args ...any) *Error {
	line, col := jsonLineCol(s.data, off)
	return s.fail("invalid JSON at byte %d (line %d, column %d): %s", off, line, col, fmt.Sprintf(format, args...))
}

// jsonLineCol returns the 1-based line and column (in bytes) of offset off.
func jsonLineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

// describeAt names the character at off for an error message.
func (s *docScanner) describeAt(off int) string {
	if off >= len(s.data) {
		return "end of input"
	}
	c := s.data[off]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func (s *docScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 at the end of input.
func (s *docScanner) peek() byte {
	s.skipSpace()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// jsonKindName describes the JSON value starting with c, for "found …" messages.
func jsonKindName(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "a list"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	}
	return ""
}

// typeError reports a value of the wrong JSON type at the current position, or a
// syntax error if the next byte starts no JSON value at all.
func (s *docScanner) typeError(want string) *Error {
	c := s.peek()
	found := jsonKindName(c)
	if found == "" {
		hint := ""
		switch c {
		case ']', '}':
			hint = " (a trailing comma?)"
		case 'T', 'F', 'N':
			hint = " (JSON writes true, false and null in lowercase)"
		case '\'':
			hint = " (JSON strings take double quotes)"
		}
		return s.syntaxError(s.pos, "expected a value, found %s%s", s.describeAt(s.pos), hint)
	}
	return s.fail("expected %s, found %s", want, found)
}

// expect consumes byte c after optional white space.
func (s *docScanner) expect(c byte, context string) error {
	if s.peek() != c {
		return s.syntaxError(s.pos, "expected %q %s, found %s", rune(c), context, s.describeAt(s.pos))
	}
	s.pos++
	return nil
}

// listNext is called after a list element: it consumes ',' and reports true if
// another element follows, or consumes ']' and reports false.
func (s *docScanner) listNext() (bool, error) {
	switch s.peek() {
	case ',':
		s.pos++
		return true, nil
	case ']':
		s.pos++
		return false, nil
	}
	return false, s.syntaxError(s.pos, "expected ',' or ']' after a list element, found %s", s.describeAt(s.pos))
}

// listStart consumes '[' and reports whether the list has elements.
func (s *docScanner) listStart() bool {
	s.pos++ // '['
	if s.peek() == ']' {
		s.pos++
		return false
	}
	return true
}

// object reads an object whose '{' is next, calling member for each key with
// the docScanner positioned at the member's value; member must consume the value.
func (s *docScanner) object(member func(key string) error) error {
	s.pos++ // '{'
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.syntaxError(s.pos, "expected a quoted key, found %s", s.describeAt(s.pos))
		}
		key, err := s.str()
		if err != nil {
			return err
		}
		if err := s.expect(':', "after a key"); err != nil {
			return err
		}
		s.skipSpace()
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.syntaxError(s.pos, "expected ',' or '}' after an object member, found %s", s.describeAt(s.pos))
		}
	}
}

// str reads a string value whose '"' is next.
func (s *docScanner) str() (string, error) {
	start, end, escaped, err := s.scanString()
	if err != nil {
		return "", err
	}
	if !escaped {
		return s.src[start:end], nil
	}
	b, err := s.unescape(make([]byte, 0, end-start), start, end)
	return string(b), err
}

// scanString moves past a string whose '"' is next and returns the offsets of
// its contents. It checks UTF-8 and rejects raw control characters; escapes are
// checked by unescape.
func (s *docScanner) scanString() (start, end int, escaped bool, err error) {
	s.pos++ // opening quote
	start = s.pos
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			end = s.pos
			s.pos++
			return start, end, escaped, nil
		case c == '\\':
			if s.pos+1 < len(s.data) && !validJSONEscape(s.data[s.pos+1]) {
				return 0, 0, false, s.syntaxError(s.pos, "invalid escape sequence '\\' followed by %s", s.describeAt(s.pos+1))
			}
			escaped = true
			s.pos += 2
		case c < 0x20:
			return 0, 0, false, s.syntaxError(s.pos, "control character %s in a string must be escaped", s.describeAt(s.pos))
		case c < utf8.RuneSelf:
			s.pos++
		default:
			r, size := utf8.DecodeRune(s.data[s.pos:])
			if r == utf8.RuneError && size == 1 {
				line, col := jsonLineCol(s.data, s.pos)
				return 0, 0, false, s.fail("invalid UTF-8 at byte %d (line %d, column %d)", s.pos, line, col)
			}
			s.pos += size
		}
	}
	return 0, 0, false, s.syntaxError(len(s.data), "unterminated string starting at byte %d", start-1)
}

func validJSONEscape(c byte) bool {
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u':
		return true
	}
	return false
}

// unescape appends the decoded contents of data[start:end] to dst.
func (s *docScanner) unescape(dst []byte, start, end int) ([]byte, error) {
	for i := start; i < end; {
		c := s.data[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 >= end {
			return dst, s.syntaxError(i, "unfinished escape sequence")
		}
		switch e := s.data[i+1]; e {
		case '"', '\\', '/':
			dst = append(dst, e)
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := decodeHex4(s.data, i+2, end)
			if !ok {
				return dst, s.syntaxError(i, `invalid \u escape: want four hex scanDigits`)
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if i+1 < end && s.data[i] == '\\' && s.data[i+1] == 'u' {
					r2, ok = decodeHex4(s.data, i+2, end)
				}
				pair := utf16.DecodeRune(r, r2)
				if !ok || pair == utf8.RuneError {
					return dst, s.syntaxError(i-6, `\u%04x is half of a UTF-16 surrogate pair without its other half`, r)
				}
				r = pair
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default:
			return dst, s.syntaxError(i, "invalid escape sequence %s", s.describeAt(i+1))
		}
		i += 2
	}
	return dst, nil
}

// decodeHex4 decodes four hex digits at data[i:i+4], within limit.
func decodeHex4(data []byte, i, limit int) (rune, bool) {
	if i+4 > limit {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a JSON number and returns its literal exactly as written.
func (s *docScanner) number() (string, error) {
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
		if i < len(d) && d[i] >= '0' && d[i] <= '9' {
			return "", s.syntaxError(start, "invalid number: JSON numbers have no leading zeros")
		}
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = scanDigits(d, i)
	default:
		return "", s.syntaxError(i, "invalid number: expected a digit, found %s", s.describeAt(i))
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return "", s.syntaxError(i, "invalid number: expected a digit after '.', found %s", s.describeAt(i))
		}
		i = scanDigits(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return "", s.syntaxError(i, "invalid number: expected a digit in the exponent, found %s", s.describeAt(i))
		}
		i = scanDigits(d, i)
	}
	s.pos = i
	return s.src[start:i], nil
}

func scanDigits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// literal consumes the literal word (true, false or null) that starts at pos.
func (s *docScanner) literal(word string) error {
	if !strings.HasPrefix(s.src[s.pos:], word) {
		return s.syntaxError(s.pos, "invalid literal: expected %s", word)
	}
	s.pos += len(word)
	return nil
}
