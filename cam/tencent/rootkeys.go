package tencent

import (
	"context"

	"github.com/camkit/camkit/cam"
)

// RootAccessKeys returns the root account's own access keys (ListAccessKeys).
// It first reads the owner and the caller (GetUserAppId). When the caller is
// the root account it leaves TargetUin out, which CAM documents as listing the
// caller's own keys; otherwise it sets TargetUin to the owner's UIN, which
// CAM documents only as "the specified user": if CAM refuses that, the error
// is returned as for any call, and cam.Load records it as a problem and leaves
// the root's keys unknown.
func (c *Client) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	a, err := c.Account(ctx)
	if err != nil {
		return nil, err
	}
	var target *uint64
	if a.CallerUIN != a.OwnerUIN {
		owner := a.OwnerUIN
		target = &owner
	}
	return c.listAccessKeys(ctx, target, a.OwnerUIN)
}
