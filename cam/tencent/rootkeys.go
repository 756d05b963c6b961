package tencent

import (
	"context"

	"github.com/camkit/camkit/cam"
)

var _ cam.RootKeysReader = (*Client)(nil)

// RootAccessKeys returns the root account's own access keys (ListAccessKeys).
// It first reads the owner and the caller (GetUserAppId) and then lists the
// keys as [Client.RootAccessKeysOf] does. [cam.Load], which has read the
// account already, calls RootAccessKeysOf and spares the second read.
func (c *Client) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	a, err := c.Account(ctx)
	if err != nil {
		return nil, err
	}
	return c.RootAccessKeysOf(ctx, a)
}

// RootAccessKeysOf returns the root account's own access keys
// (ListAccessKeys) for the account a, as [Client.Account] returned it, without
// reading it again. When the caller is the root account (a.CallerUIN is
// a.OwnerUIN) it leaves TargetUin out, which CAM documents as listing the
// caller's own keys; otherwise it sets TargetUin to the owner's UIN, which CAM
// documents only as "the specified user": if CAM refuses that, the error is
// returned as for any call, and cam.Load records it as a problem and leaves
// the root's keys unknown. An account without an owner UIN is an error, and
// nothing is sent.
func (c *Client) RootAccessKeysOf(ctx context.Context, a cam.Account) ([]cam.AccessKey, error) {
	if a.OwnerUIN == 0 {
		if err := c.begin(ctx, cam.ActionListAccessKeys); err != nil {
			return nil, err
		}
		return nil, invalid(cam.ActionListAccessKeys, "the account has no owner UIN: read it with Account first")
	}
	var target *uint64
	if a.CallerUIN != a.OwnerUIN {
		owner := a.OwnerUIN
		target = &owner
	}
	return c.listAccessKeys(ctx, target, a.OwnerUIN)
}
