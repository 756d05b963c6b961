package tencent

import (
	"context"
	"slices"
	"strings"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"

	"github.com/camkit/camkit/cam"
)

// MaxSessionDuration is the longest role session CAM allows, in seconds.
const MaxSessionDuration = 43_200

// ListRoles returns every role with its trust policy (DescribeRoleList,
// paged).
func (c *Client) ListRoles(ctx context.Context) ([]cam.Role, error) {
	return pageAll(ctx, c, cam.ActionDescribeRoleList, func(page uint64) ([]*camapi.RoleInfo, *uint64, error) {
		req := camapi.NewDescribeRoleListRequest()
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.DescribeRoleListWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.List, resp.Response.TotalNum, nil
	}, (*decoder).role)
}

// GetRole returns one role by name (GetRole).
func (c *Client) GetRole(ctx context.Context, name string) (cam.Role, error) {
	const action = cam.ActionGetRole
	if err := c.begin(ctx, action); err != nil {
		return cam.Role{}, err
	}
	req := camapi.NewGetRoleRequest()
	req.RoleName = common.StringPtr(name)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetRoleResponse, error) {
		return c.cam.GetRoleWithContext(ctx, req)
	})
	if err != nil {
		return cam.Role{}, c.fail(ctx, action, err)
	}
	if resp.Response == nil || resp.Response.RoleInfo == nil {
		return cam.Role{}, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	r := d.role(resp.Response.RoleInfo)
	if d.err != nil {
		return cam.Role{}, c.badResponse(action, d.err)
	}
	return r, nil
}

// role maps an SDK RoleInfo; the trust policy is kept verbatim (Trust is
// left nil: parsing is cam.Load's job).
func (d *decoder) role(r *camapi.RoleInfo) cam.Role {
	return cam.Role{
		ID:              str(r.RoleId),
		Name:            str(r.RoleName),
		ARN:             str(r.RoleArn),
		Type:            cam.RoleType(str(r.RoleType)),
		TrustPolicy:     str(r.PolicyDocument),
		Description:     str(r.Description),
		SessionDuration: int64(u64(r.SessionDuration)),
		ConsoleLogin:    flag(r.ConsoleLogin),
		Tags:            tags(r.Tags),
		Created:         d.time("AddTime", r.AddTime),
		Updated:         d.time("UpdateTime", r.UpdateTime),
	}
}

// tags maps SDK tags, sorted by key; nil when there are none.
func tags(in []*camapi.RoleTags) []cam.Tag {
	var out []cam.Tag
	for _, t := range in {
		if t != nil {
			out = append(out, cam.Tag{Key: str(t.Key), Value: str(t.Value)})
		}
	}
	slices.SortFunc(out, func(a, b cam.Tag) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func sdkTags(in []cam.Tag) []*camapi.RoleTags {
	out := make([]*camapi.RoleTags, len(in))
	for i, t := range in {
		out[i] = &camapi.RoleTags{Key: common.StringPtr(t.Key), Value: common.StringPtr(t.Value)}
	}
	return out
}

// CreateRole creates a role (CreateRole) and returns it as GetRole reads it.
// When that read fails (CAM is eventually consistent) the role is built from
// in and the new role ID, and no error is returned: the role exists.
func (c *Client) CreateRole(ctx context.Context, in cam.RoleInput) (cam.Role, error) {
	const action = "CreateRole"
	if err := c.begin(ctx, action); err != nil {
		return cam.Role{}, err
	}
	if in.SessionDuration < 0 || in.SessionDuration > MaxSessionDuration {
		return cam.Role{}, invalid(action, "role %q: session duration %d s is outside 0–%d", in.Name, in.SessionDuration, MaxSessionDuration)
	}
	req := camapi.NewCreateRoleRequest()
	req.RoleName = common.StringPtr(in.Name)
	req.PolicyDocument = common.StringPtr(in.TrustPolicy)
	if in.Description != "" {
		req.Description = common.StringPtr(in.Description)
	}
	req.ConsoleLogin = common.Uint64Ptr(0)
	if in.ConsoleLogin {
		req.ConsoleLogin = common.Uint64Ptr(1)
	}
	if in.SessionDuration > 0 {
		req.SessionDuration = common.Uint64Ptr(uint64(in.SessionDuration))
	}
	if len(in.Tags) > 0 {
		req.Tags = sdkTags(in.Tags)
	}
	resp, err := send(ctx, c, writing, action, func() (*camapi.CreateRoleResponse, error) {
		return c.cam.CreateRoleWithContext(ctx, req)
	})
	if err != nil {
		return cam.Role{}, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return cam.Role{}, c.badResponse(action, errEmpty)
	}
	if r, err := c.GetRole(ctx, in.Name); err == nil {
		return r, nil
	}
	t := slices.Clone(in.Tags)
	slices.SortFunc(t, func(a, b cam.Tag) int { return strings.Compare(a.Key, b.Key) })
	return cam.Role{
		ID:              str(resp.Response.RoleId),
		Name:            in.Name,
		Type:            cam.RoleTypeUser,
		TrustPolicy:     in.TrustPolicy,
		Description:     in.Description,
		SessionDuration: in.SessionDuration,
		ConsoleLogin:    in.ConsoleLogin,
		Tags:            t,
	}, nil
}

// DeleteRole deletes a role (DeleteRole).
func (c *Client) DeleteRole(ctx context.Context, name string) error {
	req := camapi.NewDeleteRoleRequest()
	req.RoleName = common.StringPtr(name)
	return c.run(ctx, "DeleteRole", func() error { _, err := c.cam.DeleteRoleWithContext(ctx, req); return err })
}

// UpdateTrustPolicy replaces a role's trust policy (UpdateAssumeRolePolicy).
func (c *Client) UpdateTrustPolicy(ctx context.Context, roleName, document string) error {
	req := camapi.NewUpdateAssumeRolePolicyRequest()
	req.RoleName, req.PolicyDocument = common.StringPtr(roleName), common.StringPtr(document)
	return c.run(ctx, cam.ActionUpdateAssumeRolePolicy, func() error { _, err := c.cam.UpdateAssumeRolePolicyWithContext(ctx, req); return err })
}

// UpdateRoleDescription changes a role's description (UpdateRoleDescription).
func (c *Client) UpdateRoleDescription(ctx context.Context, roleName, description string) error {
	req := camapi.NewUpdateRoleDescriptionRequest()
	req.RoleName, req.Description = common.StringPtr(roleName), common.StringPtr(description)
	return c.run(ctx, "UpdateRoleDescription", func() error { _, err := c.cam.UpdateRoleDescriptionWithContext(ctx, req); return err })
}

// UpdateRoleSessionDuration changes a role's maximum session length in
// seconds, 0–[MaxSessionDuration] (UpdateRoleSessionDuration).
func (c *Client) UpdateRoleSessionDuration(ctx context.Context, roleName string, seconds int64) error {
	const action = "UpdateRoleSessionDuration"
	if seconds < 0 || seconds > MaxSessionDuration {
		return invalid(action, "role %q: session duration %d s is outside 0–%d", roleName, seconds, MaxSessionDuration)
	}
	req := camapi.NewUpdateRoleSessionDurationRequest()
	req.RoleName, req.SessionDuration = common.StringPtr(roleName), common.Uint64Ptr(uint64(seconds))
	return c.run(ctx, action, func() error { _, err := c.cam.UpdateRoleSessionDurationWithContext(ctx, req); return err })
}

// TagRole adds or replaces tags on a role (TagRole).
func (c *Client) TagRole(ctx context.Context, roleName string, tags []cam.Tag) error {
	req := camapi.NewTagRoleRequest()
	req.RoleName, req.Tags = common.StringPtr(roleName), sdkTags(tags)
	return c.run(ctx, "TagRole", func() error { _, err := c.cam.TagRoleWithContext(ctx, req); return err })
}

// UntagRole removes tags from a role by key (UntagRole).
func (c *Client) UntagRole(ctx context.Context, roleName string, keys []string) error {
	req := camapi.NewUntagRoleRequest()
	req.RoleName, req.TagKeys = common.StringPtr(roleName), common.StringPtrs(keys)
	return c.run(ctx, "UntagRole", func() error { _, err := c.cam.UntagRoleWithContext(ctx, req); return err })
}

// roleID resolves a role name to CAM's RoleId for the APIs that take only an
// ID (GetRolePermissionBoundary). Errors name the caller's action.
func (c *Client) roleID(ctx context.Context, action cam.Action, name string) (string, error) {
	r, err := c.GetRole(ctx, name)
	if err != nil {
		return "", err
	}
	if r.ID == "" {
		return "", c.badResponse(action, errNoRoleID)
	}
	return r.ID, nil
}
