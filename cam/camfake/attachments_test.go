package camfake_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "u")
	g1, g2 := mustGroup(t, f, "g1"), mustGroup(t, f, "g2")
	r := mustRole(t, f, "R")
	p := mustPolicy(t, f, "p")
	must(t, f.AddUserToGroup(ctx, g2.ID, u.UIN))
	must(t, f.AddUserToGroup(ctx, g1.ID, u.UIN))
	must(t, f.AttachUserPolicy(ctx, p, u.UIN))
	must(t, f.AttachUserPolicy(ctx, p, u.UIN)) // again: no change
	must(t, f.AttachGroupPolicy(ctx, 1, g1.ID))
	must(t, f.AttachGroupPolicy(ctx, p, g2.ID))
	must(t, f.AttachRolePolicy(ctx, 5, r.Name))

	type row struct {
		id, group uint64
	}
	check := func(t *testing.T, filter cam.AttachFilter, want []row) {
		t.Helper()
		got, err := f.ListUserPolicies(ctx, u.UIN, filter)
		must(t, err)
		if len(got) != len(want) {
			t.Fatalf("filter %d: got %+v, want %v", filter, got, want)
		}
		for i, w := range want {
			if got[i].PolicyID != w.id || got[i].GroupID != w.group || got[i].PolicyName == "" || !got[i].Attached.Equal(testNow) {
				t.Errorf("filter %d [%d] = %+v, want %+v", filter, i, got[i], w)
			}
		}
	}
	t.Run("direct", func(t *testing.T) { check(t, cam.AttachDirect, []row{{p, 0}}) })
	t.Run("via group", func(t *testing.T) { check(t, cam.AttachViaGroup, []row{{p, g2.ID}, {1, g1.ID}}) })
	t.Run("all", func(t *testing.T) { check(t, cam.AttachAll, []row{{p, 0}, {p, g2.ID}, {1, g1.ID}}) })

	gp, err := f.ListGroupPolicies(ctx, g1.ID)
	must(t, err)
	if len(gp) != 1 || gp[0].PolicyName != "AdministratorAccess" || gp[0].PolicyType != cam.PolicyPreset || gp[0].GroupID != 0 {
		t.Errorf("ListGroupPolicies = %+v", gp)
	}
	rp, err := f.ListRolePolicies(ctx, r.Name)
	must(t, err)
	if len(rp) != 1 || rp[0].PolicyID != 5 {
		t.Errorf("ListRolePolicies = %+v", rp)
	}
	if n := attachCount(t, f, p); n != 2 {
		t.Errorf("AttachmentCount = %d, want 2", n)
	}

	must(t, f.DetachUserPolicy(ctx, p, u.UIN))
	must(t, f.DetachUserPolicy(ctx, p, u.UIN)) // not attached: no change
	must(t, f.DetachGroupPolicy(ctx, p, g2.ID))
	must(t, f.DetachRolePolicy(ctx, 5, r.Name))
	if n := attachCount(t, f, p); n != 0 {
		t.Errorf("AttachmentCount after detaching = %d", n)
	}
	t.Run("after detach", func(t *testing.T) { check(t, cam.AttachAll, []row{{1, g1.ID}}) })

	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"ListUserPolicies bad filter", func() error { _, err := f.ListUserPolicies(ctx, u.UIN, 3); return err }, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"ListUserPolicies unknown user", func() error { _, err := f.ListUserPolicies(ctx, 1, cam.AttachAll); return err }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
		{"ListGroupPolicies unknown", func() error { _, err := f.ListGroupPolicies(ctx, 1); return err }, "ResourceNotFound.GroupNotExist", cam.ErrNotFound},
		{"ListRolePolicies unknown", func() error { _, err := f.ListRolePolicies(ctx, "nope"); return err }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"AttachUserPolicy unknown policy", func() error { return f.AttachUserPolicy(ctx, 404, u.UIN) }, "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound},
		{"AttachUserPolicy unknown user", func() error { return f.AttachUserPolicy(ctx, p, 1) }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
		{"AttachGroupPolicy unknown group", func() error { return f.AttachGroupPolicy(ctx, p, 1) }, "ResourceNotFound.GroupNotExist", cam.ErrNotFound},
		{"AttachRolePolicy unknown role", func() error { return f.AttachRolePolicy(ctx, p, "nope") }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"DetachUserPolicy unknown policy", func() error { return f.DetachUserPolicy(ctx, 404, u.UIN) }, "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound},
		{"DetachGroupPolicy unknown group", func() error { return f.DetachGroupPolicy(ctx, p, 1) }, "ResourceNotFound.GroupNotExist", cam.ErrNotFound},
		{"DetachRolePolicy unknown role", func() error { return f.DetachRolePolicy(ctx, p, "nope") }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
}

func TestAttachmentLimit(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "u")
	g := mustGroup(t, f, "g")
	r := mustRole(t, f, "R")
	var first uint64
	for i := range camfake.MaxAttachments {
		id := mustPolicy(t, f, "p"+itoa(uint64(i)))
		if i == 0 {
			first = id
		}
		must(t, f.AttachUserPolicy(ctx, id, u.UIN))
		must(t, f.AttachGroupPolicy(ctx, id, g.ID))
		must(t, f.AttachRolePolicy(ctx, id, r.Name))
	}
	wantCode(t, f.AttachUserPolicy(ctx, 1, u.UIN), "InvalidParameter.AttachmentFull", cam.ErrLimitExceeded)
	wantCode(t, f.AttachGroupPolicy(ctx, 1, g.ID), "InvalidParameter.AttachmentFull", cam.ErrLimitExceeded)
	wantCode(t, f.AttachRolePolicy(ctx, 1, r.Name), "InvalidParameter.AttachmentFull", cam.ErrLimitExceeded)
	// Re-attaching an attached policy at the limit is still a no-op.
	must(t, f.AttachUserPolicy(ctx, first, u.UIN))
}
