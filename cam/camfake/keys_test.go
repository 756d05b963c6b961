package camfake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestAccessKeys(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "ci")
	k1, err := f.CreateAccessKey(ctx, u.UIN, "ci-cd-prod-deploy-jan2026")
	must(t, err)
	if !strings.HasPrefix(k1.ID, "AKID") || len(k1.ID) != 36 || k1.Status != cam.KeyActive || k1.UserUIN != u.UIN || !k1.Created.Equal(testNow) {
		t.Fatalf("CreateAccessKey = %+v", k1)
	}
	k2, err := f.CreateAccessKey(ctx, u.UIN, "")
	must(t, err)
	if k1.ID == k2.ID {
		t.Fatal("two keys share an ID")
	}
	_, err = f.CreateAccessKey(ctx, u.UIN, "third")
	wantCode(t, err, "OperationDenied.AccessKeyOverLimit", cam.ErrLimitExceeded)

	used := time.Date(2026, 5, 30, 17, 45, 3, 0, time.UTC)
	must(t, f.SetKeyLastUsed(k1.ID, used))
	keys, err := f.ListAccessKeys(ctx, u.UIN)
	must(t, err)
	if len(keys) != 2 || keys[0].ID != k1.ID || keys[1].ID != k2.ID || !keys[0].LastUsed.IsZero() {
		t.Fatalf("ListAccessKeys = %+v", keys)
	}
	lu, err := f.KeysLastUsed(ctx, []string{k2.ID, "AKIDunknown", k1.ID})
	must(t, err)
	wantDay := time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC)
	if len(lu) != 2 || lu[0].KeyID != k2.ID || !lu[0].LastUsed.IsZero() || lu[1].KeyID != k1.ID || !lu[1].LastUsed.Equal(wantDay) {
		t.Fatalf("KeysLastUsed = %+v", lu)
	}

	must(t, f.UpdateAccessKey(ctx, u.UIN, k2.ID, cam.KeyInactive))
	keys, _ = f.ListAccessKeys(ctx, u.UIN)
	if keys[1].Status != cam.KeyInactive {
		t.Errorf("status after UpdateAccessKey = %s", keys[1].Status)
	}
	must(t, f.DeleteAccessKey(ctx, u.UIN, k2.ID))
	keys, _ = f.ListAccessKeys(ctx, u.UIN)
	if len(keys) != 1 {
		t.Errorf("keys after delete = %+v", keys)
	}

	if lu, err := f.KeysLastUsed(ctx, nil); err != nil || len(lu) != 0 {
		t.Errorf("KeysLastUsed(nil) = %v, %v; want empty", lu, err)
	}
	other := mustUser(t, f, "other")
	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"ListAccessKeys unknown user", func() error { _, err := f.ListAccessKeys(ctx, 1); return err }, "InvalidParameter.UserNotExist", cam.ErrNotFound},
		{"KeysLastUsed 11", func() error { _, err := f.KeysLastUsed(ctx, make([]string, 11)); return err }, "InvalidParameter", cam.ErrInvalid},
		{"CreateAccessKey unknown user", func() error { _, err := f.CreateAccessKey(ctx, 1, ""); return err }, "InvalidParameter.UserNotExist", cam.ErrNotFound},
		{"UpdateAccessKey other user's key", func() error { return f.UpdateAccessKey(ctx, other.UIN, k1.ID, cam.KeyInactive) }, "ResourceNotFound.SecretNotExist", cam.ErrNotFound},
		{"UpdateAccessKey bad status", func() error { return f.UpdateAccessKey(ctx, u.UIN, k1.ID, "Paused") }, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"DeleteAccessKey deleted", func() error { return f.DeleteAccessKey(ctx, u.UIN, k2.ID) }, "ResourceNotFound.SecretNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
	if err := f.SetKeyLastUsed("AKIDnope", used); err == nil {
		t.Error("SetKeyLastUsed of an unknown key succeeded")
	}
}

func TestMFA(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "dana")
	got, err := f.GetMFA(ctx, u.UIN)
	must(t, err)
	if got != (cam.MFASettings{}) {
		t.Errorf("new user's MFA = %+v, want none", got)
	}
	want := cam.MFASettings{Login: cam.MFAFactors{Stoken: true}, Operation: cam.MFAFactors{Phone: true}}
	must(t, f.SetMFA(ctx, u.UIN, want))
	got, err = f.GetMFA(ctx, u.UIN)
	must(t, err)
	if got != want {
		t.Errorf("GetMFA = %+v, want %+v", got, want)
	}
	_, err = f.GetMFA(ctx, 5)
	wantCode(t, err, "ResourceNotFound.UserNotExist", cam.ErrNotFound)
	wantCode(t, f.SetMFA(ctx, 5, want), "ResourceNotFound.UserNotExist", cam.ErrNotFound)
}

func TestRootAccessKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := camfake.Demo()
	owner := f.OwnerUIN()
	keys, err := f.RootAccessKeys(ctx)
	if err != nil || len(keys) != 1 || keys[0].UserUIN != owner || keys[0].Description != "initial setup" || !keys[0].LastUsed.IsZero() {
		t.Fatalf("RootAccessKeys = %+v, %v", keys, err)
	}
	if same, err := f.ListAccessKeys(ctx, owner); err != nil || len(same) != 1 || same[0] != keys[0] {
		t.Errorf("ListAccessKeys(owner) = %+v, %v", same, err)
	}
	used, err := f.KeysLastUsed(ctx, []string{keys[0].ID})
	if err != nil || len(used) != 1 || !used[0].LastUsed.Equal(camfake.DemoTime.Add(-30*24*time.Hour)) {
		t.Errorf("KeysLastUsed(root key) = %+v, %v", used, err)
	}
	second, err := f.CreateAccessKey(ctx, owner, "second")
	if err != nil || second.UserUIN != owner {
		t.Fatalf("CreateAccessKey(owner) = %+v, %v", second, err)
	}
	_, err = f.CreateAccessKey(ctx, owner, "third")
	wantCode(t, err, "OperationDenied.AccessKeyOverLimit", cam.ErrLimitExceeded)
	if err := f.DeleteAccessKey(ctx, owner, second.ID); err != nil {
		t.Fatal(err)
	}
	users, _ := f.ListUsers(ctx)
	for _, u := range users {
		if u.UIN == owner {
			t.Error("the root account is listed as a sub-user")
		}
	}
	if keys, err := camfake.New().RootAccessKeys(ctx); err != nil || len(keys) != 0 {
		t.Errorf("RootAccessKeys of an empty account = %v, %v", keys, err)
	}
}
