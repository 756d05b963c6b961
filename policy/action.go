package policy

import (
	"strings"
)

// Action is a parsed action pattern from a statement's action list.
//
// CAM writes actions as "service:ApiName", optionally prefixed with "name/"
// ("name/cvm:RunInstances" is the same as "cvm:RunInstances"). "*" alone means every
// action. A "permid/…" entry names a feature set whose syntax Tencent does not
// document: camkit accepts it, never matches it against an API name, and [Lint]
// flags it as unverifiable.
type Action struct {
	// Raw is the action as written.
	Raw string
	// Service is the service part ("cvm", "cos", "*"), empty for "*" alone and for permid.
	Service string
	// Name is the API-name pattern ("RunInstances", "Describe*", "*"), empty for "*" alone and for permid.
	Name string
	// All is true for the action "*" (every action of every service).
	All bool
	// PermID is true for a "permid/…" action; ID is what follows the prefix.
	PermID bool
	// ID is the feature-set identifier of a permid action.
	ID string
}

// ParseAction parses one action pattern. It accepts "*", "service:Name" with an
// optional "name/" prefix, and "permid/<id>". Service names are letters, digits,
// '-' and '_' (or "*"), API names letters, digits, '_' and '*'. Case is kept as
// written: CAM's services are lowercase, and [Lint] flags other casings by
// comparing with the catalogue ([KnownAction]).
func ParseAction(s string) (Action, error) {
	a := Action{Raw: s}
	if s == "*" {
		a.All = true
		return a, nil
	}
	if id, ok := strings.CutPrefix(s, "permid/"); ok {
		if id == "" {
			return Action{}, errorf("", "action %s: permid/ needs an identifier", quote(s))
		}
		for _, r := range id {
			if !isWordRune(r) && r != '-' && r != '.' && r != ':' {
				return Action{}, errorf("", "action %s: invalid character %q in permid identifier", quote(s), r)
			}
		}
		a.PermID, a.ID = true, id
		return a, nil
	}
	body := strings.TrimPrefix(s, "name/")
	svc, name, ok := strings.Cut(body, ":")
	if !ok {
		return Action{}, errorf("", "action %s is not of the form service:ApiName", quote(s))
	}
	if svc == "" {
		return Action{}, errorf("", "action %s has an empty service", quote(s))
	}
	if name == "" {
		return Action{}, errorf("", "action %s has an empty API name", quote(s))
	}
	if svc != "*" {
		for _, r := range svc {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r >= 'A' && r <= 'Z') {
				return Action{}, errorf("", "action %s: invalid character %q in service %s", quote(s), r, quote(svc))
			}
		}
	}
	for _, r := range name {
		if !isWordRune(r) && r != '*' {
			return Action{}, errorf("", "action %s: invalid character %q in API name", quote(s), r)
		}
	}
	a.Service, a.Name = svc, name
	return a, nil
}

// String returns the action as written.
func (a Action) String() string { return a.Raw }

// Wildcard reports whether the action pattern contains '*'.
func (a Action) Wildcard() bool { return strings.Contains(a.Raw, "*") }

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}
