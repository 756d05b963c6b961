package tencent

import (
	"context"

	"github.com/camkit/camkit/cam"
)

// RootAccessKeys returns the root account's own access keys: GetUserAppId for
// the owner's UIN, then ListAccessKeys with TargetUin set to it. CAM documents
// TargetUin as "the specified user" and, when left out, the caller's own keys;
// it does not say whether a sub-user may name the root account. If CAM
// refuses, the error is returned as for any call (cam.Load records it as a
// problem and leaves the root's keys unknown).
func (c *Client) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	a, err := c.Account(ctx)
	if err != nil {
		return nil, err
	}
	return c.ListAccessKeys(ctx, a.OwnerUIN)
}
