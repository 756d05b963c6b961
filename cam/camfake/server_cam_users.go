package camfake

import (
	"context"
	"strconv"
	"time"

	"github.com/camkit/camkit/cam"
)

// camReadActions are the CAM read actions, one per cam.Reader method.
var camReadActions = map[string]handler{
	"GetUserAppId":                act(getUserAppID),
	"ListUsers":                   act(listUsers),
	"GetUser":                     act(getUser),
	"DescribeSubAccounts":         act(describeSubAccounts),
	"ListAccessKeys":              act(listAccessKeys),
	"GetSecurityLastUsed":         act(getSecurityLastUsed),
	"DescribeSafeAuthFlagColl":    act(describeSafeAuthFlagColl),
	"ListGroups":                  act(listGroups),
	"ListUsersForGroup":           act(listUsersForGroup),
	"DescribeRoleList":            act(describeRoleList),
	"GetRole":                     act(getRole),
	"ListPolicies":                act(listPolicies),
	"GetPolicy":                   act(getPolicy),
	"ListPolicyVersions":          act(listPolicyVersions),
	"GetPolicyVersion":            act(getPolicyVersion),
	"ListAttachedUserAllPolicies": act(listAttachedUserAllPolicies),
	"ListAttachedGroupPolicies":   act(listAttachedGroupPolicies),
	"ListAttachedRolePolicies":    act(listAttachedRolePolicies),
	"GetUserPermissionBoundary":   act(getUserPermissionBoundary),
	"GetRolePermissionBoundary":   act(getRolePermissionBoundary),
}

func getUserAppID(ctx context.Context, s *Server, _ *struct{}) (any, error) {
	a, err := s.api.Account(ctx)
	if err != nil {
		return nil, err
	}
	s.setOwner(a.OwnerUIN)
	if uin := callerFrom(ctx).uin; uin != 0 {
		// A sub-user, or a session of a role a sub-user assumed: Tencent
		// documents GetUserAppId's Uin only as the current account's; for a
		// role session the server answers as STS's GetCallerIdentity does
		// (PrincipalId: the UIN that assumed the role).
		a.CallerUIN = uin
	}
	return struct {
		Uin      string `json:"Uin"`
		OwnerUin string `json:"OwnerUin"`
		AppId    uint64 `json:"AppId"`
	}{strconv.FormatUint(a.CallerUIN, 10), strconv.FormatUint(a.OwnerUIN, 10), a.AppID}, nil
}

// wireSubAccount is CAM's SubAccountInfo (ListUsers).
type wireSubAccount struct {
	Uin          uint64 `json:"Uin"`
	Name         string `json:"Name"`
	Uid          uint64 `json:"Uid"`
	Remark       string `json:"Remark"`
	ConsoleLogin uint64 `json:"ConsoleLogin"`
	PhoneNum     string `json:"PhoneNum"`
	CountryCode  string `json:"CountryCode"`
	Email        string `json:"Email"`
	CreateTime   string `json:"CreateTime,omitempty"`
	NickName     string `json:"NickName"`
}

func listUsers(ctx context.Context, s *Server, _ *struct{}) (any, error) {
	users, err := s.api.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	data := make([]wireSubAccount, len(users))
	for i, u := range users {
		data[i] = wireSubAccount{Uin: u.UIN, Name: u.Name, Uid: u.UID, Remark: u.Remark,
			ConsoleLogin: flag(u.ConsoleLogin), CreateTime: camTime(u.Created)}
	}
	return struct {
		Data []wireSubAccount `json:"Data"`
	}{data}, nil
}

func getUser(ctx context.Context, s *Server, p *struct {
	Name *string `json:"Name"`
}) (any, error) {
	name, err := needString(p.Name, "Name")
	if err != nil {
		return nil, err
	}
	u, err := s.api.GetUser(ctx, name)
	if err != nil {
		return nil, err
	}
	return struct {
		Uin               uint64 `json:"Uin"`
		Name              string `json:"Name"`
		Uid               uint64 `json:"Uid"`
		Remark            string `json:"Remark"`
		ConsoleLogin      uint64 `json:"ConsoleLogin"`
		PhoneNum          string `json:"PhoneNum"`
		CountryCode       string `json:"CountryCode"`
		Email             string `json:"Email"`
		RecentlyLoginIP   string `json:"RecentlyLoginIP,omitempty"`
		RecentlyLoginTime string `json:"RecentlyLoginTime,omitempty"`
	}{Uin: u.UIN, Name: u.Name, Uid: u.UID, Remark: u.Remark, ConsoleLogin: flag(u.ConsoleLogin),
		RecentlyLoginIP: u.LastLoginIP, RecentlyLoginTime: camTime(u.LastLogin)}, nil
}

func describeSubAccounts(ctx context.Context, s *Server, p *struct {
	FilterSubAccountUin []uint64 `json:"FilterSubAccountUin"`
}) (any, error) {
	if len(p.FilterSubAccountUin) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter FilterSubAccountUin is required")
	}
	users, err := s.api.LastLogins(ctx, p.FilterSubAccountUin)
	if err != nil {
		return nil, err
	}
	type subAccountUser struct {
		Uin           uint64 `json:"Uin"`
		Name          string `json:"Name"`
		Uid           uint64 `json:"Uid"`
		Remark        string `json:"Remark"`
		CreateTime    string `json:"CreateTime,omitempty"`
		LastLoginIp   string `json:"LastLoginIp,omitempty"`
		LastLoginTime string `json:"LastLoginTime,omitempty"`
	}
	out := make([]subAccountUser, len(users))
	for i, u := range users {
		out[i] = subAccountUser{u.UIN, u.Name, u.UID, u.Remark, camTime(u.Created), u.LastLoginIP, camTime(u.LastLogin)}
	}
	return struct {
		SubAccounts []subAccountUser `json:"SubAccounts"`
	}{out}, nil
}

func listAccessKeys(ctx context.Context, s *Server, p *struct {
	TargetUin *uint64 `json:"TargetUin"`
}) (any, error) {
	var keys []cam.AccessKey
	var err error
	who := callerFrom(ctx)
	switch {
	case p.TargetUin == nil && who.uin != 0:
		// The caller's own keys: a sub-user's, or for a session of a role a
		// sub-user assumed, that sub-user's (as GetUserAppId answers).
		keys, err = s.api.ListAccessKeys(ctx, who.uin)
	case p.TargetUin == nil:
		// The caller's own keys: the root account's, for the root account
		// and sessions of roles it assumed.
		keys, err = s.api.RootAccessKeys(ctx)
	default:
		keys, err = s.api.ListAccessKeys(ctx, *p.TargetUin)
	}
	if err != nil {
		return nil, err
	}
	type accessKey struct {
		AccessKeyId string `json:"AccessKeyId"`
		Status      string `json:"Status"`
		CreateTime  string `json:"CreateTime,omitempty"`
		Description string `json:"Description"`
	}
	out := make([]accessKey, len(keys))
	for i, k := range keys {
		out[i] = accessKey{k.ID, string(k.Status), camTime(k.Created), k.Description}
	}
	return struct {
		AccessKeys []accessKey `json:"AccessKeys"`
	}{out}, nil
}

func getSecurityLastUsed(ctx context.Context, s *Server, p *struct {
	SecretIdList []string `json:"SecretIdList"`
}) (any, error) {
	if len(p.SecretIdList) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter SecretIdList is required")
	}
	rows, err := s.api.KeysLastUsed(ctx, p.SecretIdList)
	if err != nil {
		return nil, err
	}
	// LastUsedDate is the day ("2006-01-02", Beijing time) and
	// LastSecretUsedDate the Unix time in seconds; both are left out for a key
	// that was never used.
	type lastUsed struct {
		SecretId           string `json:"SecretId"`
		LastUsedDate       string `json:"LastUsedDate,omitempty"`
		LastSecretUsedDate uint64 `json:"LastSecretUsedDate,omitempty"`
	}
	out := make([]lastUsed, len(rows))
	for i, r := range rows {
		out[i].SecretId = r.KeyID
		if !r.LastUsed.IsZero() {
			out[i].LastUsedDate = r.LastUsed.In(beijing).Format(time.DateOnly)
			out[i].LastSecretUsedDate = uint64(max(0, r.LastUsed.Unix()))
		}
	}
	return struct {
		SecretIdLastUsedRows []lastUsed `json:"SecretIdLastUsedRows"`
	}{out}, nil
}

// wireFlags is CAM's LoginActionFlag: 1 where a factor is required.
type wireFlags struct {
	Phone    uint64 `json:"Phone"`
	Token    uint64 `json:"Token"`
	Stoken   uint64 `json:"Stoken"`
	Wechat   uint64 `json:"Wechat"`
	Custom   uint64 `json:"Custom"`
	Mail     uint64 `json:"Mail"`
	U2FToken uint64 `json:"U2FToken"`
}

func toWireFlags(f cam.MFAFactors) wireFlags {
	return wireFlags{Phone: flag(f.Phone), Token: flag(f.Token), Stoken: flag(f.Stoken),
		Wechat: flag(f.Wechat), Mail: flag(f.Mail), U2FToken: flag(f.U2F)}
}

func describeSafeAuthFlagColl(ctx context.Context, s *Server, p *struct {
	SubUin *uint64 `json:"SubUin"`
}) (any, error) {
	uin, err := need(p.SubUin, "SubUin")
	if err != nil {
		return nil, err
	}
	m, err := s.api.GetMFA(ctx, uin)
	if err != nil {
		return nil, err
	}
	return struct {
		LoginFlag   wireFlags `json:"LoginFlag"`
		ActionFlag  wireFlags `json:"ActionFlag"`
		PromptTrust int64     `json:"PromptTrust"`
	}{LoginFlag: toWireFlags(m.Login), ActionFlag: toWireFlags(m.Operation)}, nil
}

func (s *Server) setOwner(uin uint64) {
	s.mu.Lock()
	s.owner = uin
	s.mu.Unlock()
}
