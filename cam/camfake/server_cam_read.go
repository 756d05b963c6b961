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
