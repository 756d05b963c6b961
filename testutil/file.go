package testutil

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/camkit/camkit/policy"
)

// LoadExpectations reads expectations from a YAML or JSON file (JSON is
// read as YAML, of which it is a subset), so a security team can own the
// matrix without writing Go. The file is a list of expectations, or a
// mapping with the key "expectations" holding the list:
//
//	expectations:
//	  - role: DevOps-Deploy-Prod         # or user: alice.chen (snapshot harness)
//	    action: cvm:StartInstances
//	    resource: qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1
//	    expect: allow                      # allow, deny or explicit_deny
//	    ip: 10.20.3.4                      # optional context:
//	    at: 2026-11-01T10:00:00Z           #   qcs:current_time
//	    resource_tags: {env: prod}         #   qcs:resource_tag
//	    request_tags: {team: web}          #   qcs:request_tag
//	    context: {"cvm:region": ap-guangzhou}  # any key; a value or a list
//	    principal: qcs::cam::uin/100000000001:uin/100000001001
//	    why: deploys restart production instances from the office
//
// Each Case's Source is "file:line". Every problem is reported, each as a
// *[FileError] naming the file, line and field (errors.Join).
func LoadExpectations(path string) ([]Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: path, Message: err.Error()}
	}
	return ParseExpectations(filepath.Base(path), data)
}

// ParseExpectations reads expectations as [LoadExpectations] does, from data;
// name is the file name errors and Sources use.
func ParseExpectations(name string, data []byte) ([]Case, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &FileError{File: name, Message: "the file is empty; want a list of expectations"}
	}
	p := &fileParser{file: name}
	root := doc.Content[0]
	list, field := root, "expectations"
	if root.Kind == yaml.MappingNode {
		list = nil
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Value == "expectations" {
				list = v
				continue
			}
			p.errorf(k, k.Value, "unknown key (the file holds \"expectations\")")
		}
		if list == nil {
			p.errorf(root, "", "no \"expectations\" key")
			return nil, p.err()
		}
	}
	if list.Kind != yaml.SequenceNode {
		p.errorf(list, field, "want a list of expectations")
		return nil, p.err()
	}
	var out []Case
	for i, item := range list.Content {
		if c, ok := p.expectation(item, field+"["+strconv.Itoa(i)+"]"); ok {
			out = append(out, c)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// yamlError turns a YAML syntax error into a FileError with its line.
func yamlError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if v, convErr := strconv.Atoi(n); convErr == nil {
				line, msg = v, strings.TrimSpace(tail)
			}
		}
	}
	return &FileError{File: name, Line: line, Message: "not valid YAML or JSON: " + msg}
}

type fileParser struct {
	file string
	errs []error
}

func (p *fileParser) errorf(n *yaml.Node, field, msg string) {
	p.errs = append(p.errs, &FileError{File: p.file, Line: n.Line, Field: field, Message: msg})
}

func (p *fileParser) err() error { return errors.Join(p.errs...) }

// scalar reads a string scalar.
func (p *fileParser) scalar(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, field, "want a single value")
		return "", false
	}
	return n.Value, true
}

// values reads a value or a list of values.
func (p *fileParser) values(n *yaml.Node, field string) ([]string, bool) {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, true
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, field, "want a value or a list of values")
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	for i, v := range n.Content {
		s, ok := p.scalar(v, field+"["+strconv.Itoa(i)+"]")
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// mapping calls f for each key and value of a mapping.
func (p *fileParser) mapping(n *yaml.Node, field string, f func(k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, field, "want a mapping")
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], n.Content[i+1])
	}
	return true
}

func (p *fileParser) expectation(n *yaml.Node, field string) (Case, bool) {
	c := Case{Source: p.file + ":" + strconv.Itoa(n.Line)}
	before := len(p.errs)
	seen := map[string]bool{}
	ctx := map[string][]string{}
	ok := p.mapping(n, field, func(k, v *yaml.Node) {
		key := k.Value
		f := field + "." + key
		if seen[key] {
			p.errorf(k, f, "given twice")
			return
		}
		seen[key] = true
		switch key {
		case "role", "user":
			if s, ok := p.scalar(v, f); ok {
				if c.Subject != "" {
					p.errorf(k, f, "give either role or user, not both")
					return
				}
				c.Subject, c.Kind = s, KindRole
				if key == "user" {
					c.Kind = KindUser
				}
			}
		case "action":
			c.Action, _ = p.scalar(v, f)
		case "resource":
			c.Resource, _ = p.scalar(v, f)
		case "principal":
			c.Principal, _ = p.scalar(v, f)
		case "why":
			c.Why, _ = p.scalar(v, f)
		case "expect":
			if s, ok := p.scalar(v, f); ok {
				e, err := ParseExpect(s)
				if err != nil {
					p.errorf(v, f, strings.TrimPrefix(err.Error(), "testutil: "))
					return
				}
				c.Expect = e
			}
		case "ip":
			if s, ok := p.scalar(v, f); ok {
				ctx[policy.KeyIP] = []string{s}
			}
		case "at":
			if s, ok := p.scalar(v, f); ok {
				t, err := parseTime(s)
				if err != nil {
					p.errorf(v, f, err.Error())
					return
				}
				ctx[policy.KeyCurrentTime] = []string{policy.FormatDate(t)}
			}
		case "resource_tags", "request_tags":
			ck := policy.KeyResourceTag
			if key == "request_tags" {
				ck = policy.KeyRequestTag
			}
			p.mapping(v, f, func(tk, tv *yaml.Node) {
				if s, ok := p.scalar(tv, f+"."+tk.Value); ok {
					ctx[ck] = append(ctx[ck], policy.ResourceTag(tk.Value, s))
				}
			})
			slices.Sort(ctx[ck])
		case "context":
			p.mapping(v, f, func(ck, cv *yaml.Node) {
				if vals, ok := p.values(cv, f+"."+ck.Value); ok {
					ctx[ck.Value] = vals
				}
			})
		default:
			p.errorf(k, f, "unknown field (want role or user, action, resource, expect, ip, at, resource_tags, request_tags, context, principal, why)")
		}
	})
	if !ok {
		return c, false
	}
	for _, req := range [...]struct {
		name  string
		given bool
		set   bool
	}{
		{"role or user", seen["role"] || seen["user"], c.Subject != ""},
		{"action", seen["action"], c.Action != ""},
		{"resource", seen["resource"], c.Resource != ""},
		{"expect", seen["expect"], c.Expect != 0},
	} {
		switch {
		case !req.given:
			p.errorf(n, field, "missing "+req.name)
		case !req.set && len(p.errs) == before:
			p.errorf(n, field, "empty "+req.name)
		}
	}
	if len(ctx) > 0 {
		c.Context = ctx
	}
	return c, len(p.errs) == before
}

// parseTime reads RFC 3339 or "YYYY-MM-DD HH:MM:SS" (UTC).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("time " + strconv.Quote(s) + " is not RFC 3339 (2026-11-01T10:00:00Z) or \"2026-11-01 10:00:00\" (UTC)")
}
