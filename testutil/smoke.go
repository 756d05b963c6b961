package testutil

import (
	"testing"

	"github.com/camkit/camkit/policy"
)

// Probe is one request of a smoke test: an action on a resource with options.
// The zero Probe means "no such step" (a read-only role has no write).
type Probe struct {
	// Action is the API called, "service:ApiName".
	Action string
	// Resource is the resource name, or "*".
	Resource string
	// Options add context and a principal.
	Options []Option
}

// Call returns a Probe.
func Call(action, resource string, opts ...Option) Probe {
	return Probe{Action: action, Resource: resource, Options: opts}
}

func (p Probe) empty() bool { return p.Action == "" && p.Resource == "" }

// Smoke is the IAM guide's smoke test for one role, as one call: as the
// role, a safe read must be allowed, one controlled write must be allowed,
// and one forbidden action must be denied. It also checks that each step is
// what it claims to be: the read a Read or List API, the write a Write,
// Tagging or permissions-management API (by [policy.AccessLevelOf]), so a
// smoke test cannot quietly test a read twice. Pass a zero [Probe] as write
// for a read-only role. It reports every failing step and returns whether
// all passed.
func (h *Harness) Smoke(t testing.TB, role string, read, write, forbidden Probe) bool {
	t.Helper()
	s := h.Role(role)
	ok := true
	if read.empty() {
		ok = fail(t, "role "+quote(role)+": smoke test: the read step is empty; give a safe Describe/Get/List call") && ok
	} else {
		ok = smokeLevel(t, role, "read", read, policy.AccessRead, policy.AccessList) && ok
		ok = s.Allows(t, read.Action, read.Resource, read.Options...) && ok
	}
	if !write.empty() {
		ok = smokeLevel(t, role, "write", write, policy.AccessWrite, policy.AccessTagging, policy.AccessPermissionsManagement) && ok
		ok = s.Allows(t, write.Action, write.Resource, write.Options...) && ok
	}
	if forbidden.empty() {
		ok = fail(t, "role "+quote(role)+": smoke test: the forbidden step is empty; give one action the role must not perform") && ok
	} else {
		ok = s.Denies(t, forbidden.Action, forbidden.Resource, forbidden.Options...) && ok
	}
	return ok
}

// smokeLevel checks that a known action of a smoke step has one of the access
// levels the step needs. Unknown actions are left to the assertion, which
// reports them with the nearest real name.
func smokeLevel(t testing.TB, role, step string, p Probe, want ...policy.AccessLevel) bool {
	t.Helper()
	a, err := policy.ParseAction(p.Action)
	if err != nil || a.All || a.PermID {
		return true
	}
	lv := policy.AccessLevelOf(a.Service, a.Name)
	if lv == policy.AccessUnknown {
		return true
	}
	for _, w := range want {
		if lv == w {
			return true
		}
	}
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = w.String()
	}
	return fail(t, "role "+quote(role)+": smoke test: the "+step+" step calls "+p.Action+
		", a "+lv.String()+" API; the "+step+" step needs a "+shortOr(names)+" API")
}

func shortOr(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	out := ss[0]
	for _, s := range ss[1 : len(ss)-1] {
		out += ", " + s
	}
	return out + " or " + ss[len(ss)-1]
}
