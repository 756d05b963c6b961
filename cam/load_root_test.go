package cam_test

import (
	"context"
	"errors"
	"slices"
	"sync"
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

// rootKeysOf is a Reader that lists the root's keys for the account Load
// read (cam.RootKeysReader), recording the accounts it was given; its
// RootAccessKeys records that it was called.
type rootKeysOf struct {
	*camfake.Fake
	mu       sync.Mutex
	accounts []cam.Account
	plain    int // RootAccessKeys calls
}

func (r *rootKeysOf) RootAccessKeysOf(ctx context.Context, a cam.Account) ([]cam.AccessKey, error) {
	r.mu.Lock()
	r.accounts = append(r.accounts, a)
	r.mu.Unlock()
	return r.Fake.ListAccessKeys(ctx, a.OwnerUIN) // the owner's UIN names the root in the fake
}

func (r *rootKeysOf) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	r.mu.Lock()
	r.plain++
	r.mu.Unlock()
	return r.Fake.RootAccessKeys(ctx)
}

func TestLoadRootKeysOfAccount(t *testing.T) {
	t.Parallel()
	want := loadDemo(t, camfake.Demo())
	r := &rootKeysOf{Fake: camfake.Demo()}
	s := loadDemo(t, r)
	if len(r.accounts) != 1 || r.accounts[0] != s.Account || r.plain != 0 {
		t.Errorf("RootAccessKeysOf got %v and RootAccessKeys was called %d times; want the account read (%v) once", r.accounts, r.plain, s.Account)
	}
	if !slices.Equal(s.Root.Keys, want.Root.Keys) || !s.Root.KeysKnown || !s.Root.KeyUsageKnown {
		t.Errorf("Root = %+v, want %+v", s.Root, want.Root)
	}

	// The account unread: RootAccessKeys reads it itself.
	r = &rootKeysOf{Fake: camfake.Demo()}
	r.Inject(camfake.Fault{Action: cam.ActionGetUserAppID, Err: &cam.APIError{Code: "InternalError", Message: "no"}})
	s = loadDemo(t, r, cam.WithRetry(0, 0))
	if len(r.accounts) != 0 || r.plain != 1 || !slices.Equal(s.Root.Keys, want.Root.Keys) {
		t.Errorf("with the account unread: RootAccessKeysOf got %v, RootAccessKeys called %d times, root keys %v", r.accounts, r.plain, s.Root.Keys)
	}
}
