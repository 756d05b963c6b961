package camfake

import (
	"context"
	"strconv"

	"github.com/camkit/camkit/cam"
)

// listAttachedUserAllPolicies answers with one row per way the user holds a
// policy: a direct attachment has no Groups, one held through a group names
// that group in Groups. StrategyType is "1" (custom) or "2" (preset).
func listAttachedUserAllPolicies(ctx context.Context, s *Server, p *struct {
	TargetUin    *uint64 `json:"TargetUin"`
	Rp           *uint64 `json:"Rp"`
	Page         *uint64 `json:"Page"`
	AttachType   *uint64 `json:"AttachType"`
	StrategyType *uint64 `json:"StrategyType"`
	Keyword      *string `json:"Keyword"`
}) (any, error) {
	uin, err := need(p.TargetUin, "TargetUin")
	if err != nil {
		return nil, err
	}
	off, lim, err := paging(p.Page, p.Rp, true)
	if err != nil {
		return nil, err
	}
	at, err := need(p.AttachType, "AttachType")
	if err != nil {
		return nil, err
	}
	if at > 2 {
		return nil, wireErr(codeInvalidParameter, "AttachType must be 0, 1 or 2, not %d", at)
	}
	if p.StrategyType != nil && *p.StrategyType != 1 && *p.StrategyType != 2 {
		return nil, wireErr(codeInvalidParameter, "StrategyType must be 1 or 2, not %d", *p.StrategyType)
	}
	atts, err := s.api.ListUserPolicies(ctx, uin, cam.AttachFilter(at))
	if err != nil {
		return nil, err
	}
	groupNames := map[uint64]string{}
	for _, a := range atts {
		if a.GroupID != 0 {
			if groups, err := s.api.ListGroups(ctx); err == nil { // names are best effort
				for _, g := range groups {
					groupNames[g.ID] = g.Name
				}
			}
			break
		}
	}
	type groupRef struct {
		GroupId   uint64 `json:"GroupId"`
		GroupName string `json:"GroupName"`
	}
	type userPolicy struct {
		PolicyId     string     `json:"PolicyId"`
		PolicyName   string     `json:"PolicyName"`
		Description  string     `json:"Description"`
		AddTime      string     `json:"AddTime,omitempty"`
		StrategyType string     `json:"StrategyType"`
		CreateMode   string     `json:"CreateMode"`
		Groups       []groupRef `json:"Groups"`
		Deactived    uint64     `json:"Deactived"`
	}
	var all []userPolicy
	for _, a := range atts {
		typ := policyTypeNumber(a.PolicyType)
		if (p.StrategyType != nil && *p.StrategyType != typ) || !keywordMatch(a.PolicyName, p.Keyword) {
			continue
		}
		row := userPolicy{PolicyId: strconv.FormatUint(a.PolicyID, 10), PolicyName: a.PolicyName,
			AddTime: camTime(a.Attached), StrategyType: strconv.FormatUint(typ, 10),
			CreateMode: strconv.FormatUint(createMode(a.PolicyType), 10), Groups: []groupRef{}}
		if a.GroupID != 0 {
			row.Groups = []groupRef{{a.GroupID, groupNames[a.GroupID]}}
		}
		all = append(all, row)
	}
	return struct {
		PolicyList []userPolicy `json:"PolicyList"`
		TotalNum   uint64       `json:"TotalNum"`
	}{pageOf(all, off, lim), uint64(len(all))}, nil
}

func listAttachedGroupPolicies(ctx context.Context, s *Server, p *struct {
	TargetGroupId *uint64 `json:"TargetGroupId"`
	pageParams
	Keyword *string `json:"Keyword"`
}) (any, error) {
	id, err := need(p.TargetGroupId, "TargetGroupId")
	if err != nil {
		return nil, err
	}
	off, lim, err := paging(p.Page, p.Rp, false)
	if err != nil {
		return nil, err
	}
	atts, err := s.api.ListGroupPolicies(ctx, id)
	if err != nil {
		return nil, err
	}
	type attachPolicyInfo struct {
		PolicyId   uint64 `json:"PolicyId"`
		PolicyName string `json:"PolicyName"`
		AddTime    string `json:"AddTime,omitempty"`
		CreateMode uint64 `json:"CreateMode"`
		PolicyType string `json:"PolicyType"`
		Remark     string `json:"Remark"`
		Deactived  uint64 `json:"Deactived"`
	}
	var all []attachPolicyInfo
	for _, a := range atts {
		if keywordMatch(a.PolicyName, p.Keyword) {
			all = append(all, attachPolicyInfo{PolicyId: a.PolicyID, PolicyName: a.PolicyName, AddTime: camTime(a.Attached),
				CreateMode: createMode(a.PolicyType), PolicyType: policyTypeName(a.PolicyType)})
		}
	}
	return struct {
		TotalNum uint64             `json:"TotalNum"`
		List     []attachPolicyInfo `json:"List"`
	}{uint64(len(all)), pageOf(all, off, lim)}, nil
}

func listAttachedRolePolicies(ctx context.Context, s *Server, p *struct {
	pageParams
	RoleId     *string `json:"RoleId"`
	RoleName   *string `json:"RoleName"`
	PolicyType *string `json:"PolicyType"`
	Keyword    *string `json:"Keyword"`
}) (any, error) {
	off, lim, err := paging(p.Page, p.Rp, true)
	if err != nil {
		return nil, err
	}
	filter := str(p.PolicyType)
	if filter != "" && filter != "User" && filter != "QCS" {
		return nil, wireErr(codeInvalidParameter, "PolicyType must be User or QCS, not %q", filter)
	}
	name, err := s.roleName(ctx, p.RoleName, p.RoleId, "RoleName", "RoleId")
	if err != nil {
		return nil, err
	}
	atts, err := s.api.ListRolePolicies(ctx, name)
	if err != nil {
		return nil, err
	}
	type rolePolicy struct {
		PolicyId    uint64 `json:"PolicyId"`
		PolicyName  string `json:"PolicyName"`
		AddTime     string `json:"AddTime,omitempty"`
		PolicyType  string `json:"PolicyType"`
		CreateMode  uint64 `json:"CreateMode"`
		Deactived   uint64 `json:"Deactived"`
		Description string `json:"Description"`
	}
	var all []rolePolicy
	for _, a := range atts {
		typ := policyTypeName(a.PolicyType)
		if (filter == "" || filter == typ) && keywordMatch(a.PolicyName, p.Keyword) {
			all = append(all, rolePolicy{PolicyId: a.PolicyID, PolicyName: a.PolicyName, AddTime: camTime(a.Attached),
				PolicyType: typ, CreateMode: createMode(a.PolicyType)})
		}
	}
	return struct {
		List     []rolePolicy `json:"List"`
		TotalNum uint64       `json:"TotalNum"`
	}{pageOf(all, off, lim), uint64(len(all))}, nil
}

// boundaryResponse is GetUserPermissionBoundary's and GetRolePermissionBoundary's
// answer; every field is left out (null) when there is no boundary.
type boundaryResponse struct {
	PolicyId       *int64  `json:"PolicyId,omitempty"`
	PolicyName     *string `json:"PolicyName,omitempty"`
	PolicyDocument *string `json:"PolicyDocument,omitempty"`
}

func toBoundaryResponse(b cam.Boundary, ok bool) boundaryResponse {
	if !ok {
		return boundaryResponse{}
	}
	id := int64(b.PolicyID)
	return boundaryResponse{&id, &b.PolicyName, &b.Document}
}

func getUserPermissionBoundary(ctx context.Context, s *Server, p *struct {
	TargetUin *int64 `json:"TargetUin"`
}) (any, error) {
	uin, err := needUIN(p.TargetUin, "TargetUin")
	if err != nil {
		return nil, err
	}
	b, ok, err := s.api.UserBoundary(ctx, uin)
	if err != nil {
		return nil, err
	}
	return toBoundaryResponse(b, ok), nil
}

func getRolePermissionBoundary(ctx context.Context, s *Server, p *struct {
	RoleId *string `json:"RoleId"`
}) (any, error) {
	name, err := s.roleName(ctx, nil, p.RoleId, "", "RoleId")
	if err != nil {
		return nil, err
	}
	b, ok, err := s.api.RoleBoundary(ctx, name)
	if err != nil {
		return nil, err
	}
	return toBoundaryResponse(b, ok), nil
}
