package review

import (
	"context"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

// The review's assume index, which asks only about the roles a user's own
// grants can name, agrees with cam's exhaustive AssumableRoles.
func TestAssumeIndexMatchesAssumableRoles(t *testing.T) {
	s, err := cam.Load(context.Background(), camfake.Demo(), cam.WithClock(func() time.Time { return camfake.DemoTime }))
	if err != nil {
		t.Fatal(err)
	}
	a := newAssessment(s, DefaultConfig())
	ix := a.assumes()
	checked := 0
	for i := range s.Users {
		u := &s.Users[i]
		want, err := s.AssumableRoles(u.UIN)
		if err != nil {
			t.Fatal(err)
		}
		got := ix.roles[u.UIN]
		if len(got) != len(want) {
			t.Errorf("%s: index has %d roles, AssumableRoles %d", u.Name, len(got), len(want))
			continue
		}
		names := map[string]bool{}
		for _, r := range got {
			names[r.Name] = true
		}
		for _, r := range want {
			if !names[r.Name] {
				t.Errorf("%s: index lacks %s", u.Name, r.Name)
			}
		}
		checked += len(want)
	}
	if checked == 0 {
		t.Fatal("the demo has no assumable roles to compare")
	}
}

func TestAssumeTargets(t *testing.T) {
	for _, c := range []struct {
		doc   string
		all   bool
		names int
	}{
		{`{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":["qcs::cam::uin/1:roleName/A","qcs::cam::uin/1:roleName/B"]}]}`, false, 2},
		{`{"version":"2.0","statement":[{"effect":"allow","action":["STS:assume*"],"resource":["qcs::cam::uin/1:roleName/Dev-*"]}]}`, true, 0},
		{`{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`, true, 0},
		{`{"version":"2.0","statement":[{"effect":"allow","action":["sts:*"],"resource":["qcs::cam::uin/${owner_uin}:roleName/A"]}]}`, true, 0},
		{`{"version":"2.0","statement":[{"effect":"deny","action":["sts:AssumeRole"],"resource":["*"]}]}`, false, 0},
		{`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}`, false, 0},
	} {
		d, err := policy.Parse([]byte(c.doc))
		if err != nil {
			t.Fatal(err)
		}
		all, names := assumeTargets(d)
		if all != c.all || len(names) != c.names {
			t.Errorf("%s: all %v names %v", c.doc, all, names)
		}
	}
}
