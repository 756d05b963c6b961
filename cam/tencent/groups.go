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
	return pageAll(ctx, c, cam.ActionListGroups, func(page uint64) ([]*camapi.GroupInfo, *uint64, error) {
		req := camapi.NewListGroupsRequest()
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListGroupsWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.GroupInfo, resp.Response.TotalNum, nil
	}, func(d *decoder, g *camapi.GroupInfo) cam.Group {
		return cam.Group{
			ID:      u64(g.GroupId),
			Name:    str(g.GroupName),
			Remark:  str(g.Remark),
			Created: d.time("CreateTime", g.CreateTime),
		}
	})
}

// ListGroupMembers returns the UINs of a group's members (ListUsersForGroup,
// paged), sorted.
func (c *Client) ListGroupMembers(ctx context.Context, groupID uint64) ([]uint64, error) {
	uins, err := pageAll(ctx, c, cam.ActionListUsersForGroup, func(page uint64) ([]*camapi.GroupMemberInfo, *uint64, error) {
		req := camapi.NewListUsersForGroupRequest()
		req.GroupId = common.Uint64Ptr(groupID)
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListUsersForGroupWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.UserInfo, resp.Response.TotalNum, nil
	}, func(_ *decoder, m *camapi.GroupMemberInfo) uint64 { return u64(m.Uin) })
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
