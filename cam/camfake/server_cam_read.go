package camfake

import (
	"context"

	"github.com/camkit/camkit/cam"
)

type pageParams struct {
	Page *uint64 `json:"Page"`
	Rp   *uint64 `json:"Rp"`
}

func listGroups(ctx context.Context, s *Server, p *struct {
	pageParams
	Keyword *string `json:"Keyword"`
}) (any, error) {
	off, lim, err := paging(p.Page, p.Rp, false)
	if err != nil {
		return nil, err
	}
	groups, err := s.api.ListGroups(ctx)
	if err != nil {
		return nil, err
	}
	type groupInfo struct {
		GroupId    uint64 `json:"GroupId"`
		GroupName  string `json:"GroupName"`
		CreateTime string `json:"CreateTime,omitempty"`
		Remark     string `json:"Remark"`
	}
	var all []groupInfo
	for _, g := range groups {
		if keywordMatch(g.Name, p.Keyword) {
			all = append(all, groupInfo{g.ID, g.Name, camTime(g.Created), g.Remark})
		}
	}
	return struct {
		TotalNum  uint64      `json:"TotalNum"`
		GroupInfo []groupInfo `json:"GroupInfo"`
	}{uint64(len(all)), pageOf(all, off, lim)}, nil
}

func listUsersForGroup(ctx context.Context, s *Server, p *struct {
	GroupId *uint64 `json:"GroupId"`
	pageParams
}) (any, error) {
	id, err := need(p.GroupId, "GroupId")
	if err != nil {
		return nil, err
	}
	off, lim, err := paging(p.Page, p.Rp, false)
	if err != nil {
		return nil, err
	}
	uins, err := s.api.ListGroupMembers(ctx, id)
	if err != nil {
		return nil, err
	}
	byUIN := map[uint64]cam.User{}
	if users, err := s.api.ListUsers(ctx); err == nil { // names are best effort
		for _, u := range users {
			byUIN[u.UIN] = u
		}
	}
	type member struct {
		Uid        uint64 `json:"Uid"`
		Uin        uint64 `json:"Uin"`
		Name       string `json:"Name"`
		UserType   uint64 `json:"UserType"`
		CreateTime string `json:"CreateTime,omitempty"`
		Remark     string `json:"Remark"`
	}
	page := pageOf(uins, off, lim)
	out := make([]member, len(page))
	for i, uin := range page {
		u := byUIN[uin]
		out[i] = member{Uid: u.UID, Uin: uin, Name: u.Name, CreateTime: camTime(u.Created), Remark: u.Remark}
	}
	return struct {
		TotalNum uint64   `json:"TotalNum"`
		UserInfo []member `json:"UserInfo"`
	}{uint64(len(uins)), out}, nil
}

// wireTag is CAM's RoleTags.
type wireTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// wireRole is CAM's RoleInfo.
type wireRole struct {
	RoleId          string    `json:"RoleId"`
	RoleName        string    `json:"RoleName"`
	PolicyDocument  string    `json:"PolicyDocument"`
	Description     string    `json:"Description"`
	AddTime         string    `json:"AddTime,omitempty"`
	UpdateTime      string    `json:"UpdateTime,omitempty"`
	ConsoleLogin    uint64    `json:"ConsoleLogin"`
	RoleType        string    `json:"RoleType"`
	SessionDuration uint64    `json:"SessionDuration"`
	Tags            []wireTag `json:"Tags"`
	RoleArn         string    `json:"RoleArn"`
}

func toWireRole(r cam.Role) wireRole {
	tags := make([]wireTag, len(r.Tags))
	for i, t := range r.Tags {
		tags[i] = wireTag(t)
	}
	return wireRole{RoleId: r.ID, RoleName: r.Name, PolicyDocument: r.TrustPolicy, Description: r.Description,
		AddTime: camTime(r.Created), UpdateTime: camTime(r.Updated), ConsoleLogin: flag(r.ConsoleLogin),
		RoleType: string(r.Type), SessionDuration: uint64(max(0, r.SessionDuration)), Tags: tags, RoleArn: r.ARN}
}

// hasTags reports whether r carries every filter tag (an empty filter value
// matches any value).
func hasTags(r cam.Role, filter []wireTag) bool {
	for _, f := range filter {
		found := false
		for _, t := range r.Tags {
			if t.Key == f.Key && (f.Value == "" || t.Value == f.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func describeRoleList(ctx context.Context, s *Server, p *struct {
	pageParams
	Tags []wireTag `json:"Tags"`
}) (any, error) {
	off, lim, err := paging(p.Page, p.Rp, true)
	if err != nil {
		return nil, err
	}
	roles, err := s.api.ListRoles(ctx)
	if err != nil {
		return nil, err
	}
	s.rememberRoles(roles...)
	var all []wireRole
	for _, r := range roles {
		if hasTags(r, p.Tags) {
			all = append(all, toWireRole(r))
		}
	}
	return struct {
		List     []wireRole `json:"List"`
		TotalNum uint64     `json:"TotalNum"`
	}{pageOf(all, off, lim), uint64(len(all))}, nil
}

func getRole(ctx context.Context, s *Server, p *struct {
	RoleId   *string `json:"RoleId"`
	RoleName *string `json:"RoleName"`
}) (any, error) {
	name, err := s.roleName(ctx, p.RoleName, p.RoleId, "RoleName", "RoleId")
	if err != nil {
		return nil, err
	}
	r, err := s.api.GetRole(ctx, name)
	if err != nil {
		return nil, err
	}
	s.rememberRoles(r)
	return struct {
		RoleInfo wireRole `json:"RoleInfo"`
	}{toWireRole(r)}, nil
}

// policyTypeNumber is CAM's numeric policy type: 1 custom, 2 preset.
func policyTypeNumber(t cam.PolicyType) uint64 {
	if t == cam.PolicyPreset {
		return 2
	}
	return 1
}

// policyTypeName is CAM's textual policy type in attachment lists: "User"
// for custom, "QCS" for preset.
func policyTypeName(t cam.PolicyType) string {
	if t == cam.PolicyPreset {
		return "QCS"
	}
	return "User"
}

// createMode is CAM's CreateMode: 2 (written as policy syntax) for custom
// policies, 1 for preset ones.
func createMode(t cam.PolicyType) uint64 {
	if t == cam.PolicyPreset {
		return 1
	}
	return 2
}

func listPolicies(ctx context.Context, s *Server, p *struct {
	Rp      *uint64 `json:"Rp"`
	Page    *uint64 `json:"Page"`
	Scope   *string `json:"Scope"`
	Keyword *string `json:"Keyword"`
}) (any, error) {
	off, lim, err := paging(p.Page, p.Rp, false)
	if err != nil {
		return nil, err
	}
	scope := cam.ScopeAll
	if p.Scope != nil && *p.Scope != "" {
		scope = cam.PolicyScope(*p.Scope)
	}
	policies, err := s.api.ListPolicies(ctx, scope)
	if err != nil {
		return nil, err
	}
	type strategyInfo struct {
		PolicyId          uint64 `json:"PolicyId"`
		PolicyName        string `json:"PolicyName"`
		AddTime           string `json:"AddTime,omitempty"`
		Type              uint64 `json:"Type"`
		Description       string `json:"Description"`
		CreateMode        uint64 `json:"CreateMode"`
		Attachments       uint64 `json:"Attachments"`
		AttachEntityCount int64  `json:"AttachEntityCount"`
		UpdateTime        string `json:"UpdateTime,omitempty"`
	}
	var all []strategyInfo
	for _, pol := range policies {
		if keywordMatch(pol.Name, p.Keyword) {
			n := max(0, pol.AttachmentCount)
			all = append(all, strategyInfo{pol.ID, pol.Name, camTime(pol.Created), policyTypeNumber(pol.Type),
				pol.Description, createMode(pol.Type), uint64(n), int64(n), camTime(pol.Updated)})
		}
	}
	return struct {
		TotalNum        uint64         `json:"TotalNum"`
		List            []strategyInfo `json:"List"`
		ServiceTypeList []string       `json:"ServiceTypeList"`
	}{uint64(len(all)), pageOf(all, off, lim), []string{}}, nil
}

func getPolicy(ctx context.Context, s *Server, p *struct {
	PolicyId *uint64 `json:"PolicyId"`
}) (any, error) {
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	pol, err := s.api.GetPolicy(ctx, id)
	if err != nil {
		return nil, err
	}
	return struct {
		PolicyName                string `json:"PolicyName"`
		Description               string `json:"Description"`
		Type                      uint64 `json:"Type"`
		AddTime                   string `json:"AddTime,omitempty"`
		UpdateTime                string `json:"UpdateTime,omitempty"`
		PolicyDocument            string `json:"PolicyDocument"`
		IsServiceLinkedRolePolicy uint64 `json:"IsServiceLinkedRolePolicy"`
	}{pol.Name, pol.Description, policyTypeNumber(pol.Type), camTime(pol.Created), camTime(pol.Updated), pol.Document, 0}, nil
}

func listPolicyVersions(ctx context.Context, s *Server, p *struct {
	PolicyId *uint64 `json:"PolicyId"`
}) (any, error) {
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	vs, err := s.api.ListPolicyVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	type item struct {
		VersionId        uint64 `json:"VersionId"`
		CreateDate       string `json:"CreateDate,omitempty"`
		IsDefaultVersion int64  `json:"IsDefaultVersion"`
	}
	out := make([]item, len(vs))
	for i, v := range vs {
		out[i] = item{v.Version, camTime(v.Created), int64(flag(v.IsDefault))}
	}
	return struct {
		Versions []item `json:"Versions"`
	}{out}, nil
}

func getPolicyVersion(ctx context.Context, s *Server, p *struct {
	PolicyId  *uint64 `json:"PolicyId"`
	VersionId *uint64 `json:"VersionId"`
}) (any, error) {
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	ver, err := need(p.VersionId, "VersionId")
	if err != nil {
		return nil, err
	}
	v, err := s.api.GetPolicyVersion(ctx, id, ver)
	if err != nil {
		return nil, err
	}
	type detail struct {
		VersionId        uint64 `json:"VersionId"`
		CreateDate       string `json:"CreateDate,omitempty"`
		IsDefaultVersion uint64 `json:"IsDefaultVersion"`
		Document         string `json:"Document"`
	}
	return struct {
		PolicyVersion detail `json:"PolicyVersion"`
	}{detail{v.Version, camTime(v.Created), flag(v.IsDefault), v.Document}}, nil
}
