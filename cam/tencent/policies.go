package tencent

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"

	"github.com/camkit/camkit/cam"
)

// policyType maps CAM's policy type codes: 1, "1", "User" and "Custom" are
// custom policies; 2, "2", "QCS" and "Presetting" are Tencent's.
func policyType(code string) cam.PolicyType {
	switch code {
	case "2", "QCS", "Presetting", "preset":
		return cam.PolicyPreset
	}
	return cam.PolicyCustom
}

// ListPolicies returns the policies in scope (ListPolicies, paged), without
// documents or default version IDs (CAM's ListPolicies reports neither). An
// empty scope means [cam.ScopeAll].
func (c *Client) ListPolicies(ctx context.Context, scope cam.PolicyScope) ([]cam.Policy, error) {
	const action = cam.ActionListPolicies
	switch scope {
	case "":
		scope = cam.ScopeAll
	case cam.ScopeAll, cam.ScopeCustom, cam.ScopePreset:
	default:
		return nil, invalid(action, "scope %q is not %q, %q or %q", scope, cam.ScopeAll, cam.ScopeCustom, cam.ScopePreset)
	}
	return pageAll(ctx, c, action, func(page uint64) ([]*camapi.StrategyInfo, *uint64, error) {
		req := camapi.NewListPoliciesRequest()
		req.Page, req.Rp = common.Uint64Ptr(page), common.Uint64Ptr(pageSize)
		req.Scope = common.StringPtr(string(scope))
		resp, err := c.cam.ListPoliciesWithContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if resp.Response == nil {
			return nil, nil, errEmpty
		}
		return resp.Response.List, resp.Response.TotalNum, nil
	}, func(d *decoder, p *camapi.StrategyInfo) cam.Policy {
		return cam.Policy{
			ID:              u64(p.PolicyId),
			Name:            str(p.PolicyName),
			Type:            policyType(uintString(u64(p.Type))),
			Description:     str(p.Description),
			AttachmentCount: int(u64(p.Attachments)),
			Created:         d.time("AddTime", p.AddTime),
			Updated:         d.time("UpdateTime", p.UpdateTime),
		}
	})
}

// GetPolicy returns one policy with its default version's document
// (GetPolicy). CAM's GetPolicy reports neither the attachment count nor the
// default version ID: AttachmentCount and DefaultVersion are left zero (see
// [Client.ListPolicies] and [Client.ListPolicyVersions]).
func (c *Client) GetPolicy(ctx context.Context, id uint64) (cam.Policy, error) {
	const action = cam.ActionGetPolicy
	if err := c.begin(ctx, action); err != nil {
		return cam.Policy{}, err
	}
	req := camapi.NewGetPolicyRequest()
	req.PolicyId = common.Uint64Ptr(id)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetPolicyResponse, error) {
		return c.cam.GetPolicyWithContext(ctx, req)
	})
	if err != nil {
		return cam.Policy{}, c.fail(ctx, action, err)
	}
	r := resp.Response
	if r == nil {
		return cam.Policy{}, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	p := cam.Policy{
		ID:          id,
		Name:        str(r.PolicyName),
		Type:        policyType(uintString(u64(r.Type))),
		Description: str(r.Description),
		Document:    str(r.PolicyDocument),
		Created:     d.time("AddTime", r.AddTime),
		Updated:     d.time("UpdateTime", r.UpdateTime),
	}
	if d.err != nil {
		return cam.Policy{}, c.badResponse(action, d.err)
	}
	return p, nil
}

// ListPolicyVersions returns a custom policy's versions without documents
// (ListPolicyVersions).
func (c *Client) ListPolicyVersions(ctx context.Context, id uint64) ([]cam.PolicyVersion, error) {
	const action = cam.ActionListPolicyVersions
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	req := camapi.NewListPolicyVersionsRequest()
	req.PolicyId = common.Uint64Ptr(id)
	resp, err := send(ctx, c, reading, action, func() (*camapi.ListPolicyVersionsResponse, error) {
		return c.cam.ListPolicyVersionsWithContext(ctx, req)
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	out := decodeRows(d, resp.Response.Versions, func(d *decoder, v *camapi.PolicyVersionItem) cam.PolicyVersion {
		return cam.PolicyVersion{
			Version:   u64(v.VersionId),
			IsDefault: i64(v.IsDefaultVersion) != 0,
			Created:   d.time("CreateDate", v.CreateDate),
		}
	})
	if d.err != nil {
		return nil, c.badResponse(action, d.err)
	}
	return out, nil
}

// GetPolicyVersion returns one version with its document (GetPolicyVersion).
func (c *Client) GetPolicyVersion(ctx context.Context, id, version uint64) (cam.PolicyVersion, error) {
	const action = cam.ActionGetPolicyVersion
	if err := c.begin(ctx, action); err != nil {
		return cam.PolicyVersion{}, err
	}
	req := camapi.NewGetPolicyVersionRequest()
	req.PolicyId, req.VersionId = common.Uint64Ptr(id), common.Uint64Ptr(version)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetPolicyVersionResponse, error) {
		return c.cam.GetPolicyVersionWithContext(ctx, req)
	})
	if err != nil {
		return cam.PolicyVersion{}, c.fail(ctx, action, err)
	}
	if resp.Response == nil || resp.Response.PolicyVersion == nil {
		return cam.PolicyVersion{}, c.badResponse(action, errEmpty)
	}
	v := resp.Response.PolicyVersion
	d := c.decoder()
	out := cam.PolicyVersion{
		Version:   u64(v.VersionId),
		Document:  str(v.Document),
		IsDefault: flag(v.IsDefaultVersion),
		Created:   d.time("CreateDate", v.CreateDate),
	}
	if d.err != nil {
		return cam.PolicyVersion{}, c.badResponse(action, d.err)
	}
	return out, nil
}

// CreatePolicy creates a custom policy and returns its ID (CreatePolicy).
func (c *Client) CreatePolicy(ctx context.Context, in cam.PolicyInput) (uint64, error) {
	const action = cam.ActionCreatePolicy
	if err := c.begin(ctx, action); err != nil {
		return 0, err
	}
	req := camapi.NewCreatePolicyRequest()
	req.PolicyName, req.PolicyDocument = common.StringPtr(in.Name), common.StringPtr(in.Document)
	if in.Description != "" {
		req.Description = common.StringPtr(in.Description)
	}
	resp, err := send(ctx, c, writing, action, func() (*camapi.CreatePolicyResponse, error) {
		return c.cam.CreatePolicyWithContext(ctx, req)
	})
	if err != nil {
		return 0, c.fail(ctx, action, err)
	}
	if resp.Response == nil || resp.Response.PolicyId == nil {
		return 0, c.badResponse(action, errEmpty)
	}
	return *resp.Response.PolicyId, nil
}

// UpdatePolicyDescription changes a custom policy's description
// (UpdatePolicy).
func (c *Client) UpdatePolicyDescription(ctx context.Context, id uint64, description string) error {
	req := camapi.NewUpdatePolicyRequest()
	req.PolicyId, req.Description = common.Uint64Ptr(id), common.StringPtr(description)
	return c.run(ctx, "UpdatePolicy", func() error { _, err := c.cam.UpdatePolicyWithContext(ctx, req); return err })
}

// DeletePolicy deletes custom policies (DeletePolicy). Deleting none is a
// no-op.
func (c *Client) DeletePolicy(ctx context.Context, ids ...uint64) error {
	if err := c.begin(ctx, "DeletePolicy"); err != nil || len(ids) == 0 {
		return err
	}
	req := camapi.NewDeletePolicyRequest()
	req.PolicyId = common.Uint64Ptrs(ids)
	return c.run(ctx, "DeletePolicy", func() error { _, err := c.cam.DeletePolicyWithContext(ctx, req); return err })
}

// CreatePolicyVersion adds a version to a custom policy and returns its ID
// (CreatePolicyVersion).
func (c *Client) CreatePolicyVersion(ctx context.Context, id uint64, document string, setDefault bool) (uint64, error) {
	const action = "CreatePolicyVersion"
	if err := c.begin(ctx, action); err != nil {
		return 0, err
	}
	req := camapi.NewCreatePolicyVersionRequest()
	req.PolicyId, req.PolicyDocument = common.Uint64Ptr(id), common.StringPtr(document)
	req.SetAsDefault = common.BoolPtr(setDefault)
	resp, err := send(ctx, c, writing, action, func() (*camapi.CreatePolicyVersionResponse, error) {
		return c.cam.CreatePolicyVersionWithContext(ctx, req)
	})
	if err != nil {
		return 0, c.fail(ctx, action, err)
	}
	if resp.Response == nil || resp.Response.VersionId == nil {
		return 0, c.badResponse(action, errEmpty)
	}
	return *resp.Response.VersionId, nil
}

// SetDefaultPolicyVersion makes a version the default
// (SetDefaultPolicyVersion).
func (c *Client) SetDefaultPolicyVersion(ctx context.Context, id, version uint64) error {
	req := camapi.NewSetDefaultPolicyVersionRequest()
	req.PolicyId, req.VersionId = common.Uint64Ptr(id), common.Uint64Ptr(version)
	return c.run(ctx, "SetDefaultPolicyVersion", func() error { _, err := c.cam.SetDefaultPolicyVersionWithContext(ctx, req); return err })
}

// DeletePolicyVersion deletes non-default versions (DeletePolicyVersion).
// Deleting none is a no-op.
func (c *Client) DeletePolicyVersion(ctx context.Context, id uint64, versions ...uint64) error {
	if err := c.begin(ctx, "DeletePolicyVersion"); err != nil || len(versions) == 0 {
		return err
	}
	req := camapi.NewDeletePolicyVersionRequest()
	req.PolicyId, req.VersionId = common.Uint64Ptr(id), common.Uint64Ptrs(versions)
	return c.run(ctx, "DeletePolicyVersion", func() error { _, err := c.cam.DeletePolicyVersionWithContext(ctx, req); return err })
}
