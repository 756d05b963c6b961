package camfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestUsers(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	alice, err := f.CreateUser(ctx, camfake.UserInput{Name: "alice", Remark: "dev", ConsoleLogin: true})
	must(t, err)
	if alice.UIN == 0 || alice.UID == 0 || !alice.Created.Equal(testNow) || !alice.ConsoleLogin {
		t.Fatalf("CreateUser = %+v", alice)
	}
	bob := mustUser(t, f, "bob")
	at := testNow.Add(-time.Hour)
	must(t, f.SetLastLogin(bob.UIN, at, "203.0.113.9"))

	users, err := f.ListUsers(ctx)
	must(t, err)
	if len(users) != 2 || users[0].Name != "alice" || users[1].Name != "bob" {
		t.Fatalf("ListUsers = %+v", users)
	}
	if !users[1].LastLogin.IsZero() {
		t.Errorf("ListUsers reports a last login, CAM's ListUsers does not: %+v", users[1])
	}
	got, err := f.GetUser(ctx, "bob")
	must(t, err)
	if !got.LastLogin.Equal(at) || got.LastLoginIP != "203.0.113.9" {
		t.Errorf("GetUser = %+v", got)
	}
	ll, err := f.LastLogins(ctx, []uint64{bob.UIN, 42, alice.UIN, bob.UIN})
	must(t, err)
	if len(ll) != 2 || ll[0].UIN != bob.UIN || !ll[0].LastLogin.Equal(at) || ll[1].UIN != alice.UIN {
		t.Errorf("LastLogins = %+v", ll)
	}

	if ll, err := f.LastLogins(ctx, nil); err != nil || len(ll) != 0 {
		t.Errorf("LastLogins(nil) = %v, %v; want empty", ll, err)
	}
	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"GetUser unknown", func() error { _, err := f.GetUser(ctx, "nobody"); return err }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
		{"CreateUser duplicate", func() error { _, err := f.CreateUser(ctx, camfake.UserInput{Name: "alice"}); return err }, "InvalidParameter.SubUserNameInUse", cam.ErrAlreadyExists},
		{"CreateUser bad name", func() error { _, err := f.CreateUser(ctx, camfake.UserInput{Name: "al ice"}); return err }, "InvalidParameter.UserNameIllegal", cam.ErrInvalid},
		{"CreateUser empty name", func() error { _, err := f.CreateUser(ctx, camfake.UserInput{}); return err }, "InvalidParameter.UserNameIllegal", cam.ErrInvalid},
		{"LastLogins too many", func() error { _, err := f.LastLogins(ctx, make([]uint64, 51)); return err }, "InvalidParameter", cam.ErrInvalid},
		{"DeleteUser unknown", func() error { return f.DeleteUser(ctx, 7, false) }, "ResourceNotFound.UserNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
	if err := f.SetLastLogin(99, at, ""); err == nil {
		t.Error("SetLastLogin of an unknown user succeeded")
	}
}

func TestDeleteUser(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "carol")
	g := mustGroup(t, f, "devs")
	pid := mustPolicy(t, f, "p1")
	must(t, f.AddUserToGroup(ctx, g.ID, u.UIN))
	must(t, f.AttachUserPolicy(ctx, pid, u.UIN))
	_, err := f.CreateAccessKey(ctx, u.UIN, "ci")
	must(t, err)

	wantCode(t, f.DeleteUser(ctx, u.UIN, false), "OperationDenied.HaveKeys", cam.ErrAccessDenied)
	must(t, f.DeleteUser(ctx, u.UIN, true))
	members, err := f.ListGroupMembers(ctx, g.ID)
	must(t, err)
	if len(members) != 0 {
		t.Errorf("members after delete = %v", members)
	}
	if n := attachCount(t, f, pid); n != 0 {
		t.Errorf("AttachmentCount = %d after the user was deleted", n)
	}
	if _, err := f.GetUser(ctx, "carol"); err == nil {
		t.Error("deleted user still found")
	}
	// The name is free again.
	mustUser(t, f, "carol")
}

func TestUserLimit(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	for i := range camfake.MaxUsers {
		if _, err := f.CreateUser(ctx, camfake.UserInput{Name: "u" + itoa(uint64(i))}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.CreateUser(ctx, camfake.UserInput{Name: "one-too-many"})
	wantCode(t, err, "InvalidParameter.SubUserFull", cam.ErrLimitExceeded)
}
