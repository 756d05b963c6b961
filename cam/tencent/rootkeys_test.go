package tencent_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/camkit/camkit/cam"
)

// rootKeysStub answers GetUserAppId with the given caller and owner, and
// ListAccessKeys with one key.
func rootKeysStub(caller, owner string) func(string, map[string]any) (map[string]any, string, string) {
	return func(action string, _ map[string]any) (map[string]any, string, string) {
		switch action {
		case "GetUserAppId":
			return map[string]any{"Uin": caller, "OwnerUin": owner, "AppId": 1250000000}, "", ""
		case "ListAccessKeys":
			return map[string]any{"AccessKeys": []any{map[string]any{
				"AccessKeyId": "AKIDroot", "Status": "Active", "CreateTime": "2024-01-02 03:04:05", "Description": ""}}}, "", ""
		}
		return nil, "InvalidAction", action
	}
}

func TestRootAccessKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name          string
		caller, owner string
		target        any // TargetUin sent: nil for none
	}{
		{"as the root", "100000000001", "100000000001", nil},
		{"as a sub-user", "100000000042", "100000000001", float64(100000000001)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, s := newStub(t, rootKeysStub(tt.caller, tt.owner))
			keys, err := c.RootAccessKeys(ctx)
			if err != nil || len(keys) != 1 || keys[0].ID != "AKIDroot" || keys[0].UserUIN != 100000000001 {
				t.Fatalf("RootAccessKeys = %+v, %v", keys, err)
			}
			if got := s.actions(); !slices.Equal(got, []string{"GetUserAppId", "ListAccessKeys"}) {
				t.Errorf("RootAccessKeys sent %v", got)
			}
			a, err := c.Account(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// Given the account, the keys are listed without reading it again.
			again, err := c.RootAccessKeysOf(ctx, a)
			if err != nil || !slices.Equal(again, keys) {
				t.Errorf("RootAccessKeysOf = %+v, %v; want %+v", again, err, keys)
			}
			if got := s.actions(); !slices.Equal(got, []string{"GetUserAppId", "ListAccessKeys", "GetUserAppId", "ListAccessKeys"}) {
				t.Errorf("RootAccessKeys, Account and RootAccessKeysOf sent %v", got)
			}
			var targets []any
			s.mu.Lock()
			for _, r := range s.requests {
				if r.Action == "ListAccessKeys" {
					targets = append(targets, r.Body["TargetUin"])
				}
			}
			s.mu.Unlock()
			if len(targets) != 2 || targets[0] != tt.target || targets[1] != tt.target {
				t.Errorf("TargetUin sent %v, want %v twice", targets, tt.target)
			}
		})
	}
}

func TestRootAccessKeysOfUnknownOwner(t *testing.T) {
	t.Parallel()
	c, s := newStub(t, rootKeysStub("1", "1"))
	keys, err := c.RootAccessKeysOf(context.Background(), cam.Account{CallerUIN: 100000000042})
	if keys != nil || !errors.Is(err, cam.ErrInvalid) {
		t.Errorf("RootAccessKeysOf without an owner = %v, %v; want an error matching cam.ErrInvalid", keys, err)
	}
	if got := s.actions(); len(got) != 0 {
		t.Errorf("sent %v; want nothing", got)
	}
}
