package policy

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Canonical returns the document's canonical text: the compact JSON camkit sends
// to CAM, and the text whose length [Document.Validate] checks against
// [MaxDocumentLength].
//
// Canonical output (docs/semantics.md §1):
//   - keys in the order version, statement and, in each statement, effect,
//     principal, action, resource, condition;
//   - lists always, even for one value; statement and value order kept; exact
//     duplicates dropped from action, resource and principal lists and from the
//     values of a condition key (a string "1" and a number 1 are different);
//   - condition operators and keys sorted; values keep their JSON type and number
//     literals are written as they were read;
//   - an empty resource list or condition is left out; the action list is always
//     written, as [] when empty; a nil principal is left out, Principal{Any: true}
//     is written "*" (any lists it also has are not written), an empty principal
//     list is left out, and a principal with no lists is written {};
//   - nothing is HTML-escaped ("env&prod" stays env&prod, '<' and '>' stay
//     literal); only '"', '\\' and control characters are escaped, as JSON requires;
//     invalid UTF-8 in a string (possible only in a document built in code) is
//     written as U+FFFD.
//
// Parse(Canonical()) is a fixed point: parsing the canonical text and writing it
// again gives the same text. A nil document is "null".
//
// Canonical never fails. A number [Value] whose Text is not a JSON number
// literal, or a boolean Value whose Text is not "true" or "false" (possible only
// in code, never after [Parse]), is written as a JSON string so the output stays
// valid JSON; [Document.Validate] reports such values and [Document.MarshalJSON]
// returns an error for them.
func (d *Document) Canonical() string {
	if d == nil {
		return "null"
	}
	w := canonWriter{buf: make([]byte, 0, estimateSize(d))}
	w.document(d)
	return string(w.buf)
}

// MarshalJSON returns the same bytes as [Document.Canonical], or an *[Error]
// naming the path of a condition value that cannot be written with its kind.
//
// encoding/json HTML-escapes the output of every MarshalJSON method, so
// json.Marshal(doc) writes '&' as \u0026 and '<', '>' as \u003c, \u003e. The
// result is equivalent JSON that [Parse] reads back to the same document, but it
// is longer and is not the text CAM stores: use [Document.Canonical] for the text
// to send to CAM or to measure, or a json.Encoder with SetEscapeHTML(false).
func (d *Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	w := canonWriter{buf: make([]byte, 0, estimateSize(d)), strict: true}
	w.document(d)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// Indent returns the canonical document indented by two spaces per level, for
// people to read. Order and escaping are those of [Document.Canonical].
func (d *Document) Indent() string {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(d.Canonical()), "", "  "); err != nil {
		// Canonical always writes valid JSON; keep the compact form if not.
		return d.Canonical()
	}
	return out.String()
}

// MarshalJSON writes the statement in canonical form (see [Document.Canonical]).
func (st Statement) MarshalJSON() ([]byte, error) {
	w := canonWriter{strict: true, ctx: wctxStatement}
	w.statement(&st)
	return w.result()
}

// MarshalJSON writes "*" for Principal{Any: true}, and otherwise an object with
// the non-empty lists qcs, service and federated, duplicates dropped.
func (p Principal) MarshalJSON() ([]byte, error) {
	w := canonWriter{strict: true}
	w.principal(&p)
	return w.result()
}

// MarshalJSON writes the condition in canonical form: operators and keys
// sorted, each key's values as a list without exact duplicates. A nil Condition
// is null.
func (c Condition) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	w := canonWriter{strict: true, ctx: wctxCondition}
	w.condition(c)
	return w.result()
}

// MarshalJSON writes the value with its JSON type: a string, the number literal
// as written, or true/false. It fails for a number whose Text is not a JSON
// number literal and for a boolean whose Text is not "true" or "false".
func (v Value) MarshalJSON() ([]byte, error) {
	w := canonWriter{strict: true}
	w.value(v)
	return w.result()
}

// canonWriter builds canonical JSON. In strict mode the first value that cannot be
// written with its kind is recorded in err (see [Document.Canonical]).
type canonWriter struct {
	buf    []byte
	strict bool
	err    *Error
	ctx    uint8 // what is being written, for error paths
	stmt   int   // index of the statement being written, in wctxDocument
}

// Writer contexts, which decide the prefix of an error path.
const (
	wctxDocument uint8 = iota
	wctxStatement
	wctxCondition
)

// conditionPath returns the path of the condition block being written.
func (w *canonWriter) conditionPath() string {
	switch w.ctx {
	case wctxDocument:
		return pathField(StatementPath(w.stmt), "condition")
	case wctxStatement:
		return "condition"
	}
	return ""
}

func (w *canonWriter) result() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// estimateSize guesses the canonical length of d to size the output buffer once.
func estimateSize(d *Document) int {
	n := 32 + len(d.Version)
	for i := range d.Statement {
		st := &d.Statement[i]
		n += 48
		for _, a := range st.Action {
			n += len(a) + 3
		}
		for _, r := range st.Resource {
			n += len(r) + 3
		}
		if st.Principal != nil {
			n += 32
			for _, l := range [][]string{st.Principal.QCS, st.Principal.Service, st.Principal.Federated} {
				for _, s := range l {
					n += len(s) + 3
				}
			}
		}
		for op, keys := range st.Condition {
			n += len(op) + 6
			for k, vs := range keys {
				n += len(k) + 6
				for _, v := range vs {
					n += len(v.Text) + 3
				}
			}
		}
	}
	return n
}

func (w *canonWriter) document(d *Document) {
	w.buf = append(w.buf, `{"version":`...)
	w.str(d.Version)
	w.buf = append(w.buf, `,"statement":[`...)
	for i := range d.Statement {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.stmt = i
		w.statement(&d.Statement[i])
	}
	w.buf = append(w.buf, "]}"...)
}

func (w *canonWriter) statement(st *Statement) {
	w.buf = append(w.buf, `{"effect":`...)
	w.str(string(st.Effect))
	if st.Principal != nil {
		w.buf = append(w.buf, `,"principal":`...)
		w.principal(st.Principal)
	}
	w.buf = append(w.buf, `,"action":`...)
	w.list(st.Action)
	if len(st.Resource) > 0 {
		w.buf = append(w.buf, `,"resource":`...)
		w.list(st.Resource)
	}
	if len(st.Condition) > 0 {
		w.buf = append(w.buf, `,"condition":`...)
		w.condition(st.Condition)
	}
	w.buf = append(w.buf, '}')
}

func (w *canonWriter) principal(p *Principal) {
	if p.Any {
		w.buf = append(w.buf, `"*"`...)
		return
	}
	w.buf = append(w.buf, '{')
	first := true
	for _, f := range [...]struct {
		name string
		list []string
	}{{"qcs", p.QCS}, {"service", p.Service}, {"federated", p.Federated}} {
		if len(f.list) == 0 {
			continue
		}
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
		w.str(f.name)
		w.buf = append(w.buf, ':')
		w.list(f.list)
	}
	w.buf = append(w.buf, '}')
}

// list writes ss as a JSON list of strings without exact duplicates.
func (w *canonWriter) list(ss []string) {
	w.buf = append(w.buf, '[')
	var seen map[string]struct{}
	if len(ss) > dedupeScanLimit {
		seen = make(map[string]struct{}, len(ss))
	}
	first := true
	for i, s := range ss {
		if seen != nil {
			if _, dup := seen[s]; dup {
				continue
			}
			seen[s] = struct{}{}
		} else if slices.Contains(ss[:i], s) {
			continue
		}
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
		w.str(s)
	}
	w.buf = append(w.buf, ']')
}

// dedupeScanLimit is the list length up to which duplicates are found by scanning
// rather than with a map.
const dedupeScanLimit = 16

// condition writes c with operators and keys sorted.
func (w *canonWriter) condition(c Condition) {
	ops := make([]string, 0, len(c))
	for op := range c {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	var keys []string
	w.buf = append(w.buf, '{')
	for i, op := range ops {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.str(op)
		w.buf = append(w.buf, ":{"...)
		keys = keys[:0]
		for k := range c[op] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for j, k := range keys {
			if j > 0 {
				w.buf = append(w.buf, ',')
			}
			w.str(k)
			w.buf = append(w.buf, ':')
			w.values(c[op][k], op, k)
		}
		w.buf = append(w.buf, '}')
	}
	w.buf = append(w.buf, '}')
}

// values writes vs as a list without exact duplicates.
func (w *canonWriter) values(vs []Value, op, key string) {
	w.buf = append(w.buf, '[')
	var seen map[Value]struct{}
	if len(vs) > dedupeScanLimit {
		seen = make(map[Value]struct{}, len(vs))
	}
	first := true
	for i, v := range vs {
		if seen != nil {
			if _, dup := seen[v]; dup {
				continue
			}
			seen[v] = struct{}{}
		} else if slices.Contains(vs[:i], v) {
			continue
		}
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
		if !w.value(v) && w.err != nil && w.err.Path == "" {
			w.err.Path = pathIndex(pathKey(pathField(w.conditionPath(), op), key), i)
		}
	}
	w.buf = append(w.buf, ']')
}

// value writes v and reports whether it could be written with its kind. When it
// cannot, it is written as a string, and in strict mode the first such value is
// recorded in w.err (its path is filled in by the caller).
func (w *canonWriter) value(v Value) bool {
	switch {
	case v.Kind == KindString:
		w.str(v.Text)
		return true
	case v.Kind == KindNumber && validNumberLiteral(v.Text):
		w.buf = append(w.buf, v.Text...)
		return true
	case v.Kind == KindBool && (v.Text == "true" || v.Text == "false"):
		w.buf = append(w.buf, v.Text...)
		return true
	}
	if w.strict && w.err == nil {
		w.err = errorf("", "%s is not a valid %s condition value", quote(v.Text), v.Kind)
	}
	w.str(v.Text)
	return false
}
