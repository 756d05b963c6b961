package camtest_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/camtest"
)

// seeded returns a fake with a user and a group, and the fixture naming them.
func seeded(tb testing.TB) (*camfake.Fake, camtest.Fixture) {
	tb.Helper()
	f := camfake.New(camfake.WithSeed(camfake.Seed{
		Groups:   []camfake.SeedGroup{{Name: "g"}},
		Users:    []camfake.SeedUser{{Name: "u", Keys: []camfake.SeedKey{{Description: "k"}}}},
		RootKeys: []camfake.SeedKey{{Description: "root"}},
	}))
	ctx := context.Background()
	u, err := f.GetUser(ctx, "u")
	if err != nil {
		tb.Fatal(err)
	}
	groups, err := f.ListGroups(ctx)
	if err != nil || len(groups) != 1 {
		tb.Fatalf("ListGroups = %v, %v", groups, err)
	}
	return f, camtest.Fixture{UserUIN: u.UIN, UserName: "u", GroupID: groups[0].ID}
}

// Broken implementations, each wrong in one way the suite must notice.
type (
	noDuplicates  struct{ cam.API }
	unsortedTags  struct{ cam.API }
	lazyDetach    struct{ cam.API }
	wrongNotFound struct{ cam.API }
	rootAsUser    struct{ cam.API }
	sharedUsers   struct {
		cam.API
		users []cam.User
	}
)

func (b noDuplicates) CreatePolicy(ctx context.Context, in cam.PolicyInput) (uint64, error) {
	id, err := b.API.CreatePolicy(ctx, in)
	if errors.Is(err, cam.ErrAlreadyExists) {
		return 99, nil
	}
	return id, err
}

func (b unsortedTags) GetRole(ctx context.Context, name string) (cam.Role, error) {
	r, err := b.API.GetRole(ctx, name)
	slices.Reverse(r.Tags)
	return r, err
}

func (lazyDetach) DetachRolePolicy(context.Context, uint64, string) error { return nil }

func (b wrongNotFound) GetUser(ctx context.Context, name string) (cam.User, error) {
	u, err := b.API.GetUser(ctx, name)
	if errors.Is(err, cam.ErrNotFound) {
		return u, errors.New("no such user")
	}
	return u, err
}

// RootAccessKeys reports the root's keys as if a sub-user held them.
func (b rootAsUser) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	keys, err := b.API.RootAccessKeys(ctx)
	for i := range keys {
		keys[i].UserUIN++
	}
	return keys, err
}

func (b *sharedUsers) ListUsers(ctx context.Context) ([]cam.User, error) {
	if b.users == nil {
		var err error
		if b.users, err = b.API.ListUsers(ctx); err != nil {
			return nil, err
		}
	}
	return b.users, nil
}

func TestSuiteCatchesBrokenImplementations(t *testing.T) {
	tests := []struct {
		name  string
		wrap  func(cam.API) cam.API
		check string
	}{
		{"duplicate policy names accepted", func(a cam.API) cam.API { return noDuplicates{a} }, "CreatePolicy/duplicate"},
		{"tags not sorted", func(a cam.API) cam.API { return unsortedTags{a} }, "camtest: GetRole: tags"},
		{"detach does nothing", func(a cam.API) cam.API { return lazyDetach{a} }, "DetachRolePolicy"},
		{"not found without sentinel", func(a cam.API) cam.API { return wrongNotFound{a} }, "GetUser/missing"},
		{"root keys of another holder", func(a cam.API) cam.API { return rootAsUser{a} }, "RootAccessKeys"},
		{"state shared with the caller", func(a cam.API) cam.API { return &sharedUsers{API: a} }, "changing a returned user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, fx := seeded(t)
			err := camtest.TestAPI(context.Background(), tt.wrap(f), fx)
			if err == nil || !strings.Contains(err.Error(), tt.check) {
				t.Fatalf("TestAPI = %v, want a failure of %q", err, tt.check)
			}
			assertCleanedUp(t, f)
		})
	}
}

// assertCleanedUp checks that the suite left no policy or role behind.
func assertCleanedUp(tb testing.TB, f *camfake.Fake) {
	tb.Helper()
	ctx := context.Background()
	policies, _ := f.ListPolicies(ctx, cam.ScopeCustom)
	roles, _ := f.ListRoles(ctx)
	if len(policies) != 0 || len(roles) != 0 {
		tb.Errorf("left behind %d policies and %d roles", len(policies), len(roles))
	}
}

func TestSuitePassesAndCleansUp(t *testing.T) {
	f, fx := seeded(t)
	if err := camtest.TestAPI(context.Background(), f, fx); err != nil {
		t.Fatal(err)
	}
	assertCleanedUp(t, f)
	u, _, err := f.UserBoundary(context.Background(), fx.UserUIN)
	if err != nil || u.PolicyID != 0 {
		t.Errorf("fixture user boundary left as %+v, %v", u, err)
	}
	if members, _ := f.ListGroupMembers(context.Background(), fx.GroupID); len(members) != 0 {
		t.Errorf("fixture user left in the group: %v", members)
	}
}

func TestBadFixture(t *testing.T) {
	f, _ := seeded(t)
	err := camtest.TestReader(context.Background(), f, camtest.Fixture{})
	for _, want := range []string{"UserUIN", "UserName", "GroupID"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
}

func TestReaderOnly(t *testing.T) {
	f, fx := seeded(t)
	f.ResetCalls()
	if err := camtest.TestReader(context.Background(), f, fx); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Calls() {
		if !c.ReadOnly {
			t.Errorf("TestReader made a write call: %s", c.Action)
		}
	}
}
