package cam_test

import (
	"errors"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestLoadRootKeys(t *testing.T) {
	t.Parallel()
	s := loadDemo(t, camfake.Demo())
	if !s.Root.KeysKnown || !s.Root.KeyUsageKnown || len(s.Root.Keys) != 1 {
		t.Fatalf("Root = %+v", s.Root)
	}
	k := s.Root.Keys[0]
	day := 24 * time.Hour
	if k.UserUIN != s.Account.OwnerUIN || s.Taken.Sub(k.Created) != 900*day || s.Taken.Sub(k.LastUsed) != 30*day {
		t.Errorf("root key = %+v", k)
	}
	// An account without root keys: known, empty.
	if s := mustLoad(t, newTestFake(t)); !s.Root.KeysKnown || len(s.Root.Keys) != 0 {
		t.Errorf("Root of the test account = %+v", s.Root)
	}
}

func TestLoadRootKeysFail(t *testing.T) {
	t.Parallel()
	denied := &cam.APIError{Code: "UnauthorizedOperation", Message: "no"}
	rootCall := func(owner uint64) func(camfake.Call) bool {
		return func(c camfake.Call) bool { return c.UserUIN == owner }
	}
	f := camfake.Demo()
	f.Inject(camfake.Fault{Action: cam.ActionListAccessKeys, Err: denied, Match: rootCall(f.OwnerUIN())})
	s := loadDemo(t, f)
	if s.Root.KeysKnown || s.Root.KeyUsageKnown || len(s.Root.Keys) != 0 {
		t.Errorf("Root after a failed read = %+v", s.Root)
	}
	if len(s.Problems) != 1 || s.Problems[0].Subject != "the root account" || s.Problems[0].Action != cam.ActionListAccessKeys {
		t.Errorf("Problems = %v", s.Problems)
	}
	// The users' keys were still read.
	if u := mustUser(t, s, "ops-admin"); !u.KeysKnown || len(u.Keys) != 1 {
		t.Errorf("ops-admin keys = %+v", u.Keys)
	}

	// Last use unreadable: keys known, usage not.
	f = camfake.Demo()
	keys, _ := f.RootAccessKeys(t.Context())
	f.Inject(camfake.Fault{Action: cam.ActionGetSecurityLastUsed, Err: denied, Match: func(c camfake.Call) bool {
		return len(c.KeyIDs) == 1 && c.KeyIDs[0] == keys[0].ID
	}})
	s = loadDemo(t, f)
	if !s.Root.KeysKnown || s.Root.KeyUsageKnown || len(s.Problems) != 1 {
		t.Errorf("Root = %+v, problems %v", s.Root, s.Problems)
	}
	_, err := cam.Load(t.Context(), camfake.Demo(), cam.WithFailFast(), cam.WithClock(testClock))
	if err != nil {
		t.Errorf("fail-fast load of the demo: %v", err)
	}
	f = camfake.Demo()
	f.Inject(camfake.Fault{Action: cam.ActionListAccessKeys, Err: denied, Match: rootCall(f.OwnerUIN())})
	if _, err := cam.Load(t.Context(), f, cam.WithFailFast()); !errors.Is(err, cam.ErrAccessDenied) {
		t.Errorf("fail-fast load with the root keys denied = %v", err)
	}
}
