package tencent

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"

	"github.com/camkit/camkit/cam"
)

// ListUserPolicies returns the policies attached to a user directly, through
// groups, or both (ListAttachedUserAllPolicies, paged). A policy held
// through groups carries the first group CAM names.
func (c *Client) ListUserPolicies(ctx context.Context, uin uint64, filter cam.AttachFilter) ([]cam.Attachment, error) {
	const action = cam.ActionListAttachedUserAllPolicies
	switch filter {
	case cam.AttachAll, cam.AttachDirect, cam.AttachViaGroup:
	default:
		return nil, invalid(action, "attach filter %d is not 0 (all), 1 (direct) or 2 (via group)", filter)
	}
	return pageAll(ctx, c, action, func(page uint64) ([]*camapi.AttachedUserPolicy, *uint64, error) {
		req := camapi.NewListAttachedUserAllPoliciesRequest()
		req.TargetUin = common.Uint64Ptr(uin)
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		req.AttachType = common.Uint64Ptr(uint64(filter))
		resp, err := c.cam.ListAttachedUserAllPoliciesWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.PolicyList, resp.Response.TotalNum, nil
	}, func(d *decoder, p *camapi.AttachedUserPolicy) cam.Attachment {
		a := cam.Attachment{
			PolicyID:   d.uint("PolicyId", p.PolicyId),
			PolicyName: str(p.PolicyName),
			PolicyType: policyType(str(p.StrategyType)),
			Attached:   d.time("AddTime", p.AddTime),
		}
		for _, g := range p.Groups {
			if g != nil && g.GroupId != nil {
				a.GroupID = *g.GroupId
				break
			}
		}
		return a
	})
}

// ListGroupPolicies returns the policies attached to a group
// (ListAttachedGroupPolicies, paged).
func (c *Client) ListGroupPolicies(ctx context.Context, groupID uint64) ([]cam.Attachment, error) {
	return pageAll(ctx, c, cam.ActionListAttachedGroupPolicies, func(page uint64) ([]*camapi.AttachPolicyInfo, *uint64, error) {
		req := camapi.NewListAttachedGroupPoliciesRequest()
		req.TargetGroupId = common.Uint64Ptr(groupID)
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListAttachedGroupPoliciesWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.List, resp.Response.TotalNum, nil
	}, func(d *decoder, p *camapi.AttachPolicyInfo) cam.Attachment {
		return d.attachment(p.PolicyId, p.PolicyName, p.PolicyType, p.AddTime)
	})
}

// ListRolePolicies returns the policies attached to a role
// (ListAttachedRolePolicies, paged).
func (c *Client) ListRolePolicies(ctx context.Context, roleName string) ([]cam.Attachment, error) {
	return pageAll(ctx, c, cam.ActionListAttachedRolePolicies, func(page uint64) ([]*camapi.AttachedPolicyOfRole, *uint64, error) {
		req := camapi.NewListAttachedRolePoliciesRequest()
		req.RoleName = common.StringPtr(roleName)
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		resp, err := c.cam.ListAttachedRolePoliciesWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.List, resp.Response.TotalNum, nil
	}, func(d *decoder, p *camapi.AttachedPolicyOfRole) cam.Attachment {
		return d.attachment(p.PolicyId, p.PolicyName, p.PolicyType, p.AddTime)
	})
}

// attachment maps the fields a group's and a role's attached policies share.
func (d *decoder) attachment(id *uint64, name, typ, added *string) cam.Attachment {
	return cam.Attachment{
		PolicyID:   u64(id),
		PolicyName: str(name),
		PolicyType: policyType(str(typ)),
		Attached:   d.time("AddTime", added),
	}
}

// AttachUserPolicy attaches a policy to a user (AttachUserPolicy).
func (c *Client) AttachUserPolicy(ctx context.Context, policyID, uin uint64) error {
	req := camapi.NewAttachUserPolicyRequest()
	req.PolicyId, req.AttachUin = common.Uint64Ptr(policyID), common.Uint64Ptr(uin)
	return c.run(ctx, "AttachUserPolicy", func() error { _, err := c.cam.AttachUserPolicyWithContext(ctx, req); return err })
}

// DetachUserPolicy detaches a policy from a user (DetachUserPolicy).
func (c *Client) DetachUserPolicy(ctx context.Context, policyID, uin uint64) error {
	req := camapi.NewDetachUserPolicyRequest()
	req.PolicyId, req.DetachUin = common.Uint64Ptr(policyID), common.Uint64Ptr(uin)
	return c.run(ctx, "DetachUserPolicy", func() error { _, err := c.cam.DetachUserPolicyWithContext(ctx, req); return err })
}

// AttachGroupPolicy attaches a policy to a group (AttachGroupPolicy).
func (c *Client) AttachGroupPolicy(ctx context.Context, policyID, groupID uint64) error {
	req := camapi.NewAttachGroupPolicyRequest()
	req.PolicyId, req.AttachGroupId = common.Uint64Ptr(policyID), common.Uint64Ptr(groupID)
	return c.run(ctx, "AttachGroupPolicy", func() error { _, err := c.cam.AttachGroupPolicyWithContext(ctx, req); return err })
}

// DetachGroupPolicy detaches a policy from a group (DetachGroupPolicy).
func (c *Client) DetachGroupPolicy(ctx context.Context, policyID, groupID uint64) error {
	req := camapi.NewDetachGroupPolicyRequest()
	req.PolicyId, req.DetachGroupId = common.Uint64Ptr(policyID), common.Uint64Ptr(groupID)
	return c.run(ctx, "DetachGroupPolicy", func() error { _, err := c.cam.DetachGroupPolicyWithContext(ctx, req); return err })
}

// AttachRolePolicy attaches a policy to a role (AttachRolePolicy).
func (c *Client) AttachRolePolicy(ctx context.Context, policyID uint64, roleName string) error {
	req := camapi.NewAttachRolePolicyRequest()
	req.PolicyId, req.AttachRoleName = common.Uint64Ptr(policyID), common.StringPtr(roleName)
	return c.run(ctx, "AttachRolePolicy", func() error { _, err := c.cam.AttachRolePolicyWithContext(ctx, req); return err })
}

// DetachRolePolicy detaches a policy from a role (DetachRolePolicy).
func (c *Client) DetachRolePolicy(ctx context.Context, policyID uint64, roleName string) error {
	req := camapi.NewDetachRolePolicyRequest()
	req.PolicyId, req.DetachRoleName = common.Uint64Ptr(policyID), common.StringPtr(roleName)
	return c.run(ctx, "DetachRolePolicy", func() error { _, err := c.cam.DetachRolePolicyWithContext(ctx, req); return err })
}

// signed converts a UIN or policy ID to the int64 some boundary APIs take.
func signed(action cam.Action, what string, n uint64) (*int64, error) {
	if n > 1<<63-1 {
		return nil, invalid(action, "%s %d is out of range", what, n)
	}
	return common.Int64Ptr(int64(n)), nil
}

// UserBoundary returns a user's permission boundary, or ok=false when it has
// none (GetUserPermissionBoundary).
func (c *Client) UserBoundary(ctx context.Context, uin uint64) (cam.Boundary, bool, error) {
	const action = cam.ActionGetUserPermissionBoundary
	if err := c.begin(ctx, action); err != nil {
		return cam.Boundary{}, false, err
	}
	req := camapi.NewGetUserPermissionBoundaryRequest()
	var err error
	if req.TargetUin, err = signed(action, "UIN", uin); err != nil {
		return cam.Boundary{}, false, err
	}
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetUserPermissionBoundaryResponse, error) {
		return c.cam.GetUserPermissionBoundaryWithContext(ctx, req)
	})
	if err != nil {
		return cam.Boundary{}, false, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return cam.Boundary{}, false, c.badResponse(action, errEmpty)
	}
	r := resp.Response
	return boundary(r.PolicyId, r.PolicyName, r.PolicyDocument)
}

// RoleBoundary returns a role's permission boundary, or ok=false when it has
// none (GetRolePermissionBoundary). CAM's API takes a role ID, so the name is
// first resolved with GetRole.
func (c *Client) RoleBoundary(ctx context.Context, roleName string) (cam.Boundary, bool, error) {
	const action = cam.ActionGetRolePermissionBoundary
	if err := c.begin(ctx, action); err != nil {
		return cam.Boundary{}, false, err
	}
	id, err := c.roleID(ctx, action, roleName)
	if err != nil {
		return cam.Boundary{}, false, err
	}
	req := camapi.NewGetRolePermissionBoundaryRequest()
	req.RoleId = common.StringPtr(id)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetRolePermissionBoundaryResponse, error) {
		return c.cam.GetRolePermissionBoundaryWithContext(ctx, req)
	})
	if err != nil {
		return cam.Boundary{}, false, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return cam.Boundary{}, false, c.badResponse(action, errEmpty)
	}
	r := resp.Response
	return boundary(r.PolicyId, r.PolicyName, r.PolicyDocument)
}

func boundary(id *int64, name, doc *string) (cam.Boundary, bool, error) {
	if i64(id) <= 0 {
		return cam.Boundary{}, false, nil
	}
	return cam.Boundary{PolicyID: uint64(*id), PolicyName: str(name), Document: str(doc)}, true, nil
}

// PutUserBoundary sets a user's permission boundary
// (PutUserPermissionsBoundary).
func (c *Client) PutUserBoundary(ctx context.Context, uin, policyID uint64) error {
	const action = "PutUserPermissionsBoundary"
	req := camapi.NewPutUserPermissionsBoundaryRequest()
	var err error
	if req.TargetUin, err = signed(action, "UIN", uin); err != nil {
		return err
	}
	if req.PolicyId, err = signed(action, "policy ID", policyID); err != nil {
		return err
	}
	return c.run(ctx, action, func() error { _, err := c.cam.PutUserPermissionsBoundaryWithContext(ctx, req); return err })
}

// DeleteUserBoundary removes a user's permission boundary
// (DeleteUserPermissionsBoundary).
func (c *Client) DeleteUserBoundary(ctx context.Context, uin uint64) error {
	const action = "DeleteUserPermissionsBoundary"
	req := camapi.NewDeleteUserPermissionsBoundaryRequest()
	var err error
	if req.TargetUin, err = signed(action, "UIN", uin); err != nil {
		return err
	}
	return c.run(ctx, action, func() error { _, err := c.cam.DeleteUserPermissionsBoundaryWithContext(ctx, req); return err })
}

// PutRoleBoundary sets a role's permission boundary
// (PutRolePermissionsBoundary).
func (c *Client) PutRoleBoundary(ctx context.Context, roleName string, policyID uint64) error {
	const action = "PutRolePermissionsBoundary"
	req := camapi.NewPutRolePermissionsBoundaryRequest()
	var err error
	if req.PolicyId, err = signed(action, "policy ID", policyID); err != nil {
		return err
	}
	req.RoleName = common.StringPtr(roleName)
	return c.run(ctx, action, func() error { _, err := c.cam.PutRolePermissionsBoundaryWithContext(ctx, req); return err })
}

// DeleteRoleBoundary removes a role's permission boundary
// (DeleteRolePermissionsBoundary).
func (c *Client) DeleteRoleBoundary(ctx context.Context, roleName string) error {
	req := camapi.NewDeleteRolePermissionsBoundaryRequest()
	req.RoleName = common.StringPtr(roleName)
	return c.run(ctx, "DeleteRolePermissionsBoundary", func() error {
		_, err := c.cam.DeleteRolePermissionsBoundaryWithContext(ctx, req)
		return err
	})
}
