package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// FuzzParseAction checks that ParseAction never panics, that an accepted action
// keeps its text, and that access levels and catalogue look-ups of any accepted
// pattern neither panic nor rank a pattern below the catalogued APIs it matches.
func FuzzParseAction(f *testing.F) {
	for _, s := range []string{
		"*", "*:*", "cos:*", "cvm:Describe*", "cos:*Bucket*", "name/cvm:RunInstances",
		"permid/12345", "cam:AttachUserPolicy", "CAM:attach*", "sts:Assume*", "", ":", "a:",
		"name/", "cvm:a*b*c*d*e*f*g", "tag:UnTag*",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := policy.ParseAction(s)
		if err != nil {
			if a != (policy.Action{}) {
				t.Fatalf("ParseAction(%q) returned %#v with error %v", s, a, err)
			}
			return
		}
		if a.String() != s {
			t.Fatalf("String() = %q, want %q", a.String(), s)
		}
		if strings.Contains(a.Service, ":") || strings.Contains(a.Name, ":") {
			t.Fatalf("colon in service or name: %#v", a)
		}
		level := a.AccessLevel()
		if !a.PermID && !a.All && level == policy.AccessUnknown {
			t.Fatalf("%q has no access level", s)
		}
		for _, m := range a.MatchingActions() {
			svc, api, _ := strings.Cut(m, ":")
			if l := policy.AccessLevelOf(svc, api); l > level {
				t.Fatalf("%q is %v but matches %s, which is %v", s, level, m, l)
			}
		}
		if c, ok := policy.KnownAction(a.Service, a.Name); ok && !strings.EqualFold(c, a.Service+":"+a.Name) {
			t.Fatalf("KnownAction(%q, %q) = %q", a.Service, a.Name, c)
		}
	})
}
