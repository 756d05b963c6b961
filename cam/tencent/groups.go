package tencent

import (
	"context"
	"slices"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"

	"github.com/camkit/camkit/cam"
)

// ListGroups returns every group (ListGroups, paged).
func (c *Client) ListGroups(ctx context.Context) ([]cam.Group, error) {
	const action = "ListGroups"
	groups := []cam.Group{}
	d := c.decoder()
	err := c.pages(ctx, action, func(page uint64) (int, uint64, error) {
		req := camapi.NewListGroupsRequest()
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListGroupsWithContext(ctx, req)
		if err != nil {
			return 0, 0, err
		}
		if resp.Response == nil {
			return 0, 0, errEmpty
		}
		for _, g := range resp.Response.GroupInfo {
			if g == nil {
				continue
			}
			groups = append(groups, cam.Group{
				ID:      u64(g.GroupId),
				Name:    str(g.GroupName),
				Remark:  str(g.Remark),
				Created: d.time("CreateTime", g.CreateTime),
			})
		}
		return len(resp.Response.GroupInfo), u64(resp.Response.TotalNum), d.err
	})
	if err != nil {
		return nil, err
	}
	return groups, nil
}

// ListGroupMembers returns the UINs of a group's members (ListUsersForGroup,
// paged), sorted.
func (c *Client) ListGroupMembers(ctx context.Context, groupID uint64) ([]uint64, error) {
	const action = "ListUsersForGroup"
	uins := []uint64{}
	err := c.pages(ctx, action, func(page uint64) (int, uint64, error) {
		req := camapi.NewListUsersForGroupRequest()
		req.GroupId = common.Uint64Ptr(groupID)
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListUsersForGroupWithContext(ctx, req)
		if err != nil {
			return 0, 0, err
		}
		if resp.Response == nil {
			return 0, 0, errEmpty
		}
		for _, m := range resp.Response.UserInfo {
			if m != nil {
				uins = append(uins, u64(m.Uin))
			}
		}
		return len(resp.Response.UserInfo), u64(resp.Response.TotalNum), nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(uins)
	return slices.Compact(uins), nil
}

// AddUserToGroup adds a user to a group (AddUserToGroup).
func (c *Client) AddUserToGroup(ctx context.Context, groupID, uin uint64) error {
	const action = "AddUserToGroup"
	req := camapi.NewAddUserToGroupRequest()
	req.Info = []*camapi.GroupIdOfUidInfo{{GroupId: common.Uint64Ptr(groupID), Uin: common.Uint64Ptr(uin)}}
	return c.run(ctx, action, func() error { _, err := c.cam.AddUserToGroupWithContext(ctx, req); return err })
}

// RemoveUserFromGroup removes a user from a group (RemoveUserFromGroup).
func (c *Client) RemoveUserFromGroup(ctx context.Context, groupID, uin uint64) error {
	const action = "RemoveUserFromGroup"
	req := camapi.NewRemoveUserFromGroupRequest()
	req.Info = []*camapi.GroupIdOfUidInfo{{GroupId: common.Uint64Ptr(groupID), Uin: common.Uint64Ptr(uin)}}
	return c.run(ctx, action, func() error { _, err := c.cam.RemoveUserFromGroupWithContext(ctx, req); return err })
}
