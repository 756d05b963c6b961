package camfake_test

import (
	"context"
	"slices"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestGroups(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	g := mustGroup(t, f, "platform")
	g2 := mustGroup(t, f, "devs")
	a, b := mustUser(t, f, "a"), mustUser(t, f, "b")
	must(t, f.AddUserToGroup(ctx, g.ID, b.UIN))
	must(t, f.AddUserToGroup(ctx, g.ID, a.UIN))
	must(t, f.AddUserToGroup(ctx, g.ID, a.UIN)) // again: no change

	groups, err := f.ListGroups(ctx)
	must(t, err)
	if len(groups) != 2 || groups[0].Name != "platform" || groups[1].ID != g2.ID {
		t.Fatalf("ListGroups = %+v", groups)
	}
	members, err := f.ListGroupMembers(ctx, g.ID)
	must(t, err)
	if !slices.Equal(members, []uint64{b.UIN, a.UIN}) {
		t.Fatalf("members = %v", members)
	}
	must(t, f.RemoveUserFromGroup(ctx, g.ID, b.UIN))
	must(t, f.RemoveUserFromGroup(ctx, g.ID, b.UIN)) // not a member: no change
	members, _ = f.ListGroupMembers(ctx, g.ID)
	if !slices.Equal(members, []uint64{a.UIN}) {
		t.Fatalf("members after remove = %v", members)
	}
	must(t, f.DeleteGroup(ctx, g.ID))
	if _, err := f.ListGroupMembers(ctx, g.ID); err == nil {
		t.Fatal("deleted group still lists members")
	}
	atts, err := f.ListUserPolicies(ctx, a.UIN, cam.AttachViaGroup)
	must(t, err)
	if len(atts) != 0 {
		t.Errorf("deleted group still gives policies: %+v", atts)
	}

	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"CreateGroup duplicate", func() error { _, err := f.CreateGroup(ctx, "devs", ""); return err }, "InvalidParameter.GroupNameInUse", cam.ErrAlreadyExists},
		{"CreateGroup bad name", func() error { _, err := f.CreateGroup(ctx, "dev team", ""); return err }, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"ListGroupMembers unknown", func() error { _, err := f.ListGroupMembers(ctx, 1); return err }, "ResourceNotFound.GroupNotExist", cam.ErrNotFound},
		{"AddUserToGroup unknown group", func() error { return f.AddUserToGroup(ctx, 1, a.UIN) }, "InvalidParameter.GroupNotExist", cam.ErrNotFound},
		{"AddUserToGroup unknown user", func() error { return f.AddUserToGroup(ctx, g2.ID, 1) }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
		{"RemoveUserFromGroup unknown group", func() error { return f.RemoveUserFromGroup(ctx, 1, a.UIN) }, "InvalidParameter.GroupNotExist", cam.ErrNotFound},
		{"DeleteGroup unknown", func() error { return f.DeleteGroup(ctx, 1) }, "ResourceNotFound.GroupNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
}

func TestGroupLimits(t *testing.T) {
	ctx := context.Background()
	t.Run("groups per user", func(t *testing.T) {
		f := newFake(t)
		u := mustUser(t, f, "joiner")
		for i := range camfake.MaxGroupsPerUser {
			g := mustGroup(t, f, "g"+itoa(uint64(i)))
			must(t, f.AddUserToGroup(ctx, g.ID, u.UIN))
		}
		g := mustGroup(t, f, "eleventh")
		wantCode(t, f.AddUserToGroup(ctx, g.ID, u.UIN), "InvalidParameter.UserGroupFull", cam.ErrLimitExceeded)
	})
	t.Run("users per group", func(t *testing.T) {
		f := newFake(t)
		g := mustGroup(t, f, "big")
		for i := range camfake.MaxUsersPerGroup {
			u := mustUser(t, f, "u"+itoa(uint64(i)))
			must(t, f.AddUserToGroup(ctx, g.ID, u.UIN))
		}
		u := mustUser(t, f, "late")
		wantCode(t, f.AddUserToGroup(ctx, g.ID, u.UIN), "InvalidParameter.GroupUserFull", cam.ErrLimitExceeded)
	})
	t.Run("groups per account", func(t *testing.T) {
		f := newFake(t)
		for i := range camfake.MaxGroups {
			mustGroup(t, f, "g"+itoa(uint64(i)))
		}
		_, err := f.CreateGroup(ctx, "one-more", "")
		wantCode(t, err, "InvalidParameter.GroupFull", cam.ErrLimitExceeded)
	})
}
