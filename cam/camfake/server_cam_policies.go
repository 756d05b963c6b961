package camfake

import (
	"context"

	"github.com/camkit/camkit/cam"
)

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
	id, ver, err := need2(p.PolicyId, "PolicyId", p.VersionId, "VersionId")
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
