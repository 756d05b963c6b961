package camfake_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestBoundaries(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "u")
	r := mustRole(t, f, "R")
	p := mustPolicy(t, f, "boundary")

	if _, ok, err := f.UserBoundary(ctx, u.UIN); ok || err != nil {
		t.Fatalf("new user has a boundary: ok=%v err=%v", ok, err)
	}
	must(t, f.PutUserBoundary(ctx, u.UIN, p))
	b, ok, err := f.UserBoundary(ctx, u.UIN)
	must(t, err)
	if !ok || b.PolicyID != p || b.PolicyName != "boundary" || b.Document != allowDoc {
		t.Fatalf("UserBoundary = %+v, %v", b, ok)
	}
	if n := attachCount(t, f, p); n != 0 {
		t.Errorf("a boundary counted as an attachment: %d", n)
	}
	must(t, f.PutRoleBoundary(ctx, r.Name, 1))
	b, ok, err = f.RoleBoundary(ctx, r.Name)
	must(t, err)
	if !ok || b.PolicyName != "AdministratorAccess" {
		t.Fatalf("RoleBoundary = %+v, %v", b, ok)
	}
	must(t, f.DeleteUserBoundary(ctx, u.UIN))
	must(t, f.DeleteRoleBoundary(ctx, r.Name))
	must(t, f.DeleteRoleBoundary(ctx, r.Name)) // none: no change
	if _, ok, _ := f.UserBoundary(ctx, u.UIN); ok {
		t.Error("user boundary not deleted")
	}
	if _, ok, _ := f.RoleBoundary(ctx, r.Name); ok {
		t.Error("role boundary not deleted")
	}

	must(t, f.Seed(camfake.Seed{Roles: []camfake.SeedRole{{Name: "linked", Type: cam.RoleTypeServiceLinked,
		Trust: `{"version":"2.0","statement":[{"effect":"allow","principal":{"service":["tke.qcloud.com"]},"action":["name/sts:AssumeRole"]}]}`}}}))
	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"UserBoundary unknown", func() error { _, _, err := f.UserBoundary(ctx, 1); return err }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
		{"RoleBoundary unknown", func() error { _, _, err := f.RoleBoundary(ctx, "nope"); return err }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"PutUserBoundary unknown user", func() error { return f.PutUserBoundary(ctx, 1, p) }, "InvalidParameter.UserNotExist", cam.ErrNotFound},
		{"PutUserBoundary unknown policy", func() error { return f.PutUserBoundary(ctx, u.UIN, 404) }, "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound},
		{"PutRoleBoundary unknown role", func() error { return f.PutRoleBoundary(ctx, "nope", p) }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"PutRoleBoundary service-linked", func() error { return f.PutRoleBoundary(ctx, "linked", p) }, "InvalidParameter.ServiceLinkedRoleCantUsePermissionBoundary", cam.ErrInvalid},
		{"DeleteUserBoundary unknown", func() error { return f.DeleteUserBoundary(ctx, 1) }, "InvalidParameter.UserNotExist", cam.ErrNotFound},
		{"DeleteRoleBoundary unknown", func() error { return f.DeleteRoleBoundary(ctx, "nope") }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
}
