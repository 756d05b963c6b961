package policy

import (
	"fmt"
	"strings"
)

// Resource is a parsed six-segment CAM resource description:
//
//	qcs:project_id:service_type:region:account:resource
//
// or the single "*" that stands for every resource. The sixth segment (Path) is
// everything after the fifth colon and may itself contain ':' and '/'.
//
// In a policy, an empty Project, Service, Region or Account means "all", and a '*'
// inside one of the first five segments matches within that segment only; the
// sixth segment is a glob in which '*' matches any run of characters, '/' and ':'
// included (docs/semantics.md §3).
type Resource struct {
	// All is true for the resource "*".
	All bool
	// Project is the legacy project segment, normally empty.
	Project string
	// Service is the service type, e.g. "cvm", "cos", "cam".
	Service string
	// Region is the region, e.g. "ap-guangzhou"; empty for global services.
	Region string
	// Account is "uin/<digits>", "uid/<digits>", empty, or uses a policy variable.
	Account string
	// Path is the sixth segment: "type/id" ("instance/ins-abc"), a path
	// ("examplebucket-1250000000/logs/*"), or one of CAM's own forms ("root",
	// "uin/<sub>", "roleName/<name>").
	Path string
}

// ParseResource parses a resource description. It requires the "qcs" prefix and
// six segments, checks the account segment's form, and rejects control
// characters. Policy variables such as ${uin} are accepted where CAM allows them.
func ParseResource(s string) (Resource, error) {
	if s == "*" {
		return Resource{All: true}, nil
	}
	if s == "" {
		return Resource{}, errorf("", "empty resource")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return Resource{}, errorf("", "resource %s contains a control character", quote(s))
		}
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		noun := "segments"
		if len(parts) == 1 {
			noun = "segment"
		}
		return Resource{}, errorf("", "resource %s has %d %s, want six (qcs:project:service:region:account:resource) or \"*\"", quote(s), len(parts), noun)
	}
	if parts[0] != "qcs" {
		return Resource{}, errorf("", "resource %s must start with \"qcs:\"", quote(s))
	}
	r := Resource{Project: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Path: parts[5]}
	if err := checkAccount(r.Account); err != nil {
		return Resource{}, errorf("", "resource %s: %v", quote(s), err)
	}
	if r.Path == "" {
		return Resource{}, errorf("", "resource %s has an empty sixth (resource) segment", quote(s))
	}
	for i, seg := range parts[1:4] {
		for _, c := range seg {
			if c == '/' {
				return Resource{}, errorf("", "resource %s: '/' in the %s segment", quote(s), [...]string{"project", "service", "region"}[i])
			}
		}
	}
	return r, nil
}

// checkAccount validates the fifth segment: empty, "*", "uin/<digits>",
// "uid/<digits>", or one containing a policy variable or wildcard.
func checkAccount(a string) error {
	if a == "" || a == "*" || strings.Contains(a, "${") {
		return nil
	}
	kind, id, ok := strings.Cut(a, "/")
	if !ok || (kind != "uin" && kind != "uid") {
		return fmt.Errorf("account segment %s must be empty, uin/<digits> or uid/<digits>", quote(a))
	}
	if id == "" {
		return fmt.Errorf("account segment %s has no number", quote(a))
	}
	for _, c := range id {
		if (c < '0' || c > '9') && c != '*' {
			return fmt.Errorf("account segment %s: %q is not a digit", quote(a), c)
		}
	}
	return nil
}

// String formats r as CAM writes it.
func (r Resource) String() string {
	if r.All {
		return "*"
	}
	return "qcs:" + r.Project + ":" + r.Service + ":" + r.Region + ":" + r.Account + ":" + r.Path
}

// Type returns the part of Path before the first '/', e.g. "instance" for
// "instance/ins-abc"; for a path without '/' it returns the whole path.
func (r Resource) Type() string {
	t, _, _ := strings.Cut(r.Path, "/")
	return t
}

// ID returns the part of Path after the first '/', e.g. "ins-abc" for
// "instance/ins-abc"; "" when Path has no '/'.
func (r Resource) ID() string {
	_, id, _ := strings.Cut(r.Path, "/")
	return id
}
