package camfake

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// This file decodes the parameters of GET requests, which the SDK sends when
// profile.HttpProfile.ReqMethod is "GET": flattened into the query string as
// Name=value, List.0=value and List.0.Field=value.

// queryNode is one level of flattened parameters: a leaf value or children by
// key segment.
type queryNode struct {
	value    string
	leaf     bool
	children map[string]*queryNode
}

// decodeQuery decodes flattened query parameters into v (a pointer to an
// action's parameter struct), with the same strictness as decodeParams.
func decodeQuery(q url.Values, v any) error {
	root := &queryNode{children: map[string]*queryNode{}}
	for key, vals := range q {
		n := root
		for seg := range strings.SplitSeq(key, ".") {
			if n.leaf || seg == "" {
				return wireErr(codeInvalidParameter, "the parameter %s is malformed", key)
			}
			child, ok := n.children[seg]
			if !ok {
				child = &queryNode{children: map[string]*queryNode{}}
				n.children[seg] = child
			}
			n = child
		}
		if len(n.children) > 0 || n.leaf || len(vals) != 1 {
			return wireErr(codeInvalidParameter, "the parameter %s is given more than once or conflicts with another", key)
		}
		n.leaf, n.value = true, vals[0]
	}
	tree, err := typedQuery(root, reflect.TypeOf(v).Elem(), "")
	if err != nil {
		return err
	}
	body, err := json.Marshal(tree)
	if err != nil {
		return wireErr(codeInvalidParameter, "the query parameters cannot be decoded: %v", err)
	}
	return decodeParams(body, v)
}

// typedQuery turns a node into a JSON-encodable value of type t, naming the
// parameter path in any error.
func typedQuery(n *queryNode, t reflect.Type, path string) (any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(what string) error {
		return wireErr(codeInvalidParameter, "the parameter %s has the wrong type: %q is not %s", path, n.value, what)
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.leaf {
			return nil, wireErr(codeInvalidParameter, "the parameter %s must have fields", path)
		}
		fields := queryFields(t)
		out := make(map[string]any, len(n.children))
		for key, child := range n.children {
			ft, ok := fields[key]
			if !ok {
				return nil, wireErr(codeUnknownParameter, "the parameter %s is not recognized", join(path, key))
			}
			v, err := typedQuery(child, ft, join(path, key))
			if err != nil {
				return nil, err
			}
			out[key] = v
		}
		return out, nil
	case reflect.Slice:
		if n.leaf {
			return nil, wireErr(codeInvalidParameter, "the parameter %s must be a list (%s.0, %s.1, ...)", path, path, path)
		}
		idx := make([]int, 0, len(n.children))
		for key := range n.children {
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(n.children) || strconv.Itoa(i) != key {
				return nil, wireErr(codeInvalidParameter, "the parameter %s has a bad list index", join(path, key))
			}
			idx = append(idx, i)
		}
		slices.Sort(idx)
		out := make([]any, len(idx))
		for i := range idx {
			v, err := typedQuery(n.children[strconv.Itoa(i)], t.Elem(), join(path, strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	if !n.leaf {
		return nil, wireErr(codeInvalidParameter, "the parameter %s must be a single value", path)
	}
	switch t.Kind() {
	case reflect.String:
		return n.value, nil
	case reflect.Bool:
		b, err := strconv.ParseBool(n.value)
		if err != nil {
			return nil, bad("a boolean")
		}
		return b, nil
	case reflect.Uint64, reflect.Uint:
		if _, err := strconv.ParseUint(n.value, 10, 64); err != nil {
			return nil, bad("an unsigned integer")
		}
		return json.Number(n.value), nil
	case reflect.Int64, reflect.Int:
		if _, err := strconv.ParseInt(n.value, 10, 64); err != nil {
			return nil, bad("an integer")
		}
		return json.Number(n.value), nil
	}
	return nil, wireErr(codeInternal, "the parameter %s has a type the server cannot decode", path)
}

// queryFields maps a parameter struct's JSON names to field types, including
// the fields of embedded structs.
func queryFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range queryFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name != "" && name != "-" {
			out[name] = f.Type
		}
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
