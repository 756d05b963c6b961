package tencent

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"

	"github.com/camkit/camkit/cam"
)

// Account identifies the account and the caller (GetUserAppId).
func (c *Client) Account(ctx context.Context) (cam.Account, error) {
	const action = cam.ActionGetUserAppID
	if err := c.begin(ctx, action); err != nil {
		return cam.Account{}, err
	}
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetUserAppIdResponse, error) {
		return c.cam.GetUserAppIdWithContext(ctx, camapi.NewGetUserAppIdRequest())
	})
	if err != nil {
		return cam.Account{}, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return cam.Account{}, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	a := cam.Account{
		OwnerUIN:  d.uint("OwnerUin", resp.Response.OwnerUin),
		CallerUIN: d.uint("Uin", resp.Response.Uin),
		AppID:     u64(resp.Response.AppId),
	}
	if d.err != nil {
		return cam.Account{}, c.badResponse(action, d.err)
	}
	return a, nil
}

// ListUsers returns every sub-user (ListUsers), without last-login data.
func (c *Client) ListUsers(ctx context.Context) ([]cam.User, error) {
	const action = cam.ActionListUsers
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	resp, err := send(ctx, c, reading, action, func() (*camapi.ListUsersResponse, error) {
		return c.cam.ListUsersWithContext(ctx, camapi.NewListUsersRequest())
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	users := decodeRows(d, resp.Response.Data, func(d *decoder, u *camapi.SubAccountInfo) cam.User {
		return cam.User{
			UIN:          u64(u.Uin),
			UID:          u64(u.Uid),
			Name:         str(u.Name),
			Remark:       str(u.Remark),
			ConsoleLogin: flag(u.ConsoleLogin),
			Created:      d.time("CreateTime", u.CreateTime),
		}
	})
	if d.err != nil {
		return nil, c.badResponse(action, d.err)
	}
	return users, nil
}

// GetUser returns one sub-user by name with its last login (GetUser). CAM's
// GetUser does not report the creation time: Created is left zero (see
// [Client.ListUsers]).
func (c *Client) GetUser(ctx context.Context, name string) (cam.User, error) {
	const action = cam.ActionGetUser
	if err := c.begin(ctx, action); err != nil {
		return cam.User{}, err
	}
	req := camapi.NewGetUserRequest()
	req.Name = common.StringPtr(name)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetUserResponse, error) {
		return c.cam.GetUserWithContext(ctx, req)
	})
	if err != nil {
		return cam.User{}, c.fail(ctx, action, err)
	}
	r := resp.Response
	if r == nil {
		return cam.User{}, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	u := cam.User{
		UIN:          u64(r.Uin),
		UID:          u64(r.Uid),
		Name:         str(r.Name),
		Remark:       str(r.Remark),
		ConsoleLogin: flag(r.ConsoleLogin),
		LastLogin:    d.time("RecentlyLoginTime", r.RecentlyLoginTime),
		LastLoginIP:  str(r.RecentlyLoginIP),
	}
	if d.err != nil {
		return cam.User{}, c.badResponse(action, d.err)
	}
	return u, nil
}

// LastLogins returns the users with the given UINs with their last login
// (DescribeSubAccounts), at most [cam.MaxLastLoginBatch] UINs per call.
// DescribeSubAccounts does not report console access: ConsoleLogin is false
// (see [Client.ListUsers]).
func (c *Client) LastLogins(ctx context.Context, uins []uint64) ([]cam.User, error) {
	const action = cam.ActionDescribeSubAccounts
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	if len(uins) > cam.MaxLastLoginBatch {
		return nil, invalid(action, "%d UINs given, at most %d per call", len(uins), cam.MaxLastLoginBatch)
	}
	if len(uins) == 0 {
		return []cam.User{}, nil
	}
	req := camapi.NewDescribeSubAccountsRequest()
	req.FilterSubAccountUin = common.Uint64Ptrs(uins)
	resp, err := send(ctx, c, reading, action, func() (*camapi.DescribeSubAccountsResponse, error) {
		return c.cam.DescribeSubAccountsWithContext(ctx, req)
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	users := decodeRows(d, resp.Response.SubAccounts, func(d *decoder, u *camapi.SubAccountUser) cam.User {
		return cam.User{
			UIN:         u64(u.Uin),
			UID:         u64(u.Uid),
			Name:        str(u.Name),
			Remark:      str(u.Remark),
			Created:     d.time("CreateTime", u.CreateTime),
			LastLogin:   d.time("LastLoginTime", u.LastLoginTime),
			LastLoginIP: str(u.LastLoginIp),
		}
	})
	if d.err != nil {
		return nil, c.badResponse(action, d.err)
	}
	return users, nil
}

// ListAccessKeys returns a sub-user's access keys (ListAccessKeys). It never
// returns a secret key: CAM's ListAccessKeys does not report them.
func (c *Client) ListAccessKeys(ctx context.Context, uin uint64) ([]cam.AccessKey, error) {
	return c.listAccessKeys(ctx, common.Uint64Ptr(uin), uin)
}

// listAccessKeys lists the keys of target (the caller's own when nil), which
// belong to uin.
func (c *Client) listAccessKeys(ctx context.Context, target *uint64, uin uint64) ([]cam.AccessKey, error) {
	const action = cam.ActionListAccessKeys
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	req := camapi.NewListAccessKeysRequest()
	req.TargetUin = target
	resp, err := send(ctx, c, reading, action, func() (*camapi.ListAccessKeysResponse, error) {
		return c.cam.ListAccessKeysWithContext(ctx, req)
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	keys := decodeRows(d, resp.Response.AccessKeys, func(d *decoder, k *camapi.AccessKey) cam.AccessKey {
		return cam.AccessKey{
			ID:          str(k.AccessKeyId),
			UserUIN:     uin,
			Status:      cam.KeyStatus(str(k.Status)),
			Created:     d.time("CreateTime", k.CreateTime),
			Description: str(k.Description),
		}
	})
	if d.err != nil {
		return nil, c.badResponse(action, d.err)
	}
	return keys, nil
}

// KeysLastUsed returns when each key was last used (GetSecurityLastUsed), at
// most [cam.MaxKeyLastUsedBatch] key IDs per call. CAM reports a date about a
// day behind; LastUsed is that calendar day at 00:00 UTC.
func (c *Client) KeysLastUsed(ctx context.Context, keyIDs []string) ([]cam.KeyLastUsed, error) {
	const action = cam.ActionGetSecurityLastUsed
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	if len(keyIDs) > cam.MaxKeyLastUsedBatch {
		return nil, invalid(action, "%d key IDs given, at most %d per call", len(keyIDs), cam.MaxKeyLastUsedBatch)
	}
	if len(keyIDs) == 0 {
		return []cam.KeyLastUsed{}, nil
	}
	req := camapi.NewGetSecurityLastUsedRequest()
	req.SecretIdList = common.StringPtrs(keyIDs)
	resp, err := send(ctx, c, reading, action, func() (*camapi.GetSecurityLastUsedResponse, error) {
		return c.cam.GetSecurityLastUsedWithContext(ctx, req)
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	d := c.decoder()
	rows := decodeRows(d, resp.Response.SecretIdLastUsedRows, func(d *decoder, r *camapi.SecretIdLastUsed) cam.KeyLastUsed {
		row := cam.KeyLastUsed{KeyID: str(r.SecretId), LastUsed: d.time("LastUsedDate", r.LastUsedDate)}
		if row.LastUsed.IsZero() && u64(r.LastSecretUsedDate) != 0 {
			row.LastUsed = d.time("LastSecretUsedDate", common.StringPtr(uintString(*r.LastSecretUsedDate)))
		}
		return row
	})
	if d.err != nil {
		return nil, c.badResponse(action, d.err)
	}
	return rows, nil
}

// GetMFA returns a sub-user's login and operation protection settings
// (DescribeSafeAuthFlagColl).
func (c *Client) GetMFA(ctx context.Context, uin uint64) (cam.MFASettings, error) {
	const action = cam.ActionDescribeSafeAuthFlagColl
	if err := c.begin(ctx, action); err != nil {
		return cam.MFASettings{}, err
	}
	req := camapi.NewDescribeSafeAuthFlagCollRequest()
	req.SubUin = common.Uint64Ptr(uin)
	resp, err := send(ctx, c, reading, action, func() (*camapi.DescribeSafeAuthFlagCollResponse, error) {
		return c.cam.DescribeSafeAuthFlagCollWithContext(ctx, req)
	})
	if err != nil {
		return cam.MFASettings{}, c.fail(ctx, action, err)
	}
	if resp.Response == nil {
		return cam.MFASettings{}, c.badResponse(action, errEmpty)
	}
	return cam.MFASettings{
		Login:     factors(resp.Response.LoginFlag),
		Operation: factors(resp.Response.ActionFlag),
	}, nil
}

func factors(f *camapi.LoginActionFlag) cam.MFAFactors {
	if f == nil {
		return cam.MFAFactors{}
	}
	return cam.MFAFactors{
		Token:  flag(f.Token),
		Stoken: flag(f.Stoken),
		U2F:    flag(f.U2FToken),
		Phone:  flag(f.Phone),
		Wechat: flag(f.Wechat),
		Mail:   flag(f.Mail),
	}
}
