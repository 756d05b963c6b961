package camfake

import (
	"context"

	"github.com/camkit/camkit/cam"
)

// camWriteActions are the CAM write actions, one or more per cam.Writer method.
var camWriteActions = map[string]handler{
	"CreatePolicy":                  act(createPolicy),
	"UpdatePolicy":                  act(updatePolicy),
	"DeletePolicy":                  act(deletePolicy),
	"CreatePolicyVersion":           act(createPolicyVersion),
	"SetDefaultPolicyVersion":       act(setDefaultPolicyVersion),
	"DeletePolicyVersion":           act(deletePolicyVersion),
	"CreateRole":                    act(createRole),
	"DeleteRole":                    act(deleteRole),
	"UpdateAssumeRolePolicy":        act(updateAssumeRolePolicy),
	"UpdateRoleDescription":         act(updateRoleDescription),
	"UpdateRoleSessionDuration":     act(updateRoleSessionDuration),
	"TagRole":                       act(tagRole),
	"UntagRole":                     act(untagRole),
	"AttachUserPolicy":              act(attachUserPolicy),
	"DetachUserPolicy":              act(detachUserPolicy),
	"AttachGroupPolicy":             act(attachGroupPolicy),
	"DetachGroupPolicy":             act(detachGroupPolicy),
	"AttachRolePolicy":              act(attachRolePolicy),
	"DetachRolePolicy":              act(detachRolePolicy),
	"AddUserToGroup":                act(addUserToGroup),
	"RemoveUserFromGroup":           act(removeUserFromGroup),
	"PutUserPermissionsBoundary":    act(putUserPermissionsBoundary),
	"DeleteUserPermissionsBoundary": act(deleteUserPermissionsBoundary),
	"PutRolePermissionsBoundary":    act(putRolePermissionsBoundary),
	"DeleteRolePermissionsBoundary": act(deleteRolePermissionsBoundary),
}

type policyIDResponse struct {
	PolicyId uint64 `json:"PolicyId"`
}

func createPolicy(ctx context.Context, s *Server, p *struct {
	PolicyName     *string   `json:"PolicyName"`
	PolicyDocument *string   `json:"PolicyDocument"`
	Description    *string   `json:"Description"`
	Tags           []wireTag `json:"Tags"`
}) (any, error) {
	name, err := needString(p.PolicyName, "PolicyName")
	if err != nil {
		return nil, err
	}
	doc, err := needString(p.PolicyDocument, "PolicyDocument")
	if err != nil {
		return nil, err
	}
	if len(p.Tags) > 0 {
		return nil, wireErr(codeUnsupportedOperation, "camfake does not model tags on policies (parameter Tags)")
	}
	id, err := s.api.CreatePolicy(ctx, cam.PolicyInput{Name: name, Description: str(p.Description), Document: doc})
	if err != nil {
		return nil, err
	}
	return policyIDResponse{id}, nil
}

// updatePolicy changes a policy's description. Renaming a policy, replacing
// its document (use CreatePolicyVersion) and aliases are not modelled.
func updatePolicy(ctx context.Context, s *Server, p *struct {
	PolicyId       *uint64 `json:"PolicyId"`
	PolicyName     *string `json:"PolicyName"`
	Description    *string `json:"Description"`
	PolicyDocument *string `json:"PolicyDocument"`
	Alias          *string `json:"Alias"`
}) (any, error) {
	if p.PolicyDocument != nil {
		return nil, wireErr(codeUnsupportedOperation, "camfake does not replace documents with UpdatePolicy (parameter PolicyDocument); use CreatePolicyVersion")
	}
	if p.Alias != nil {
		return nil, wireErr(codeUnsupportedOperation, "camfake does not model policy aliases (parameter Alias)")
	}
	var id uint64
	switch {
	case p.PolicyId != nil:
		id = *p.PolicyId
		if p.PolicyName != nil || p.Description == nil {
			pol, err := s.api.GetPolicy(ctx, id)
			if err != nil {
				return nil, err
			}
			if p.PolicyName != nil && *p.PolicyName != pol.Name {
				return nil, wireErr(codeUnsupportedOperation, "camfake does not rename policies (parameter PolicyName)")
			}
		}
	case p.PolicyName != nil && *p.PolicyName != "":
		var err error
		if id, err = s.policyID(ctx, *p.PolicyName); err != nil {
			return nil, err
		}
	default:
		return nil, wireErr(codeMissingParameter, "one of the parameters PolicyId and PolicyName is required")
	}
	if p.Description != nil {
		if err := s.api.UpdatePolicyDescription(ctx, id, *p.Description); err != nil {
			return nil, err
		}
	}
	return policyIDResponse{id}, nil
}

// policyID resolves a policy name with ListPolicies.
func (s *Server) policyID(ctx context.Context, name string) (uint64, error) {
	all, err := s.api.ListPolicies(ctx, cam.ScopeAll)
	if err != nil {
		return 0, err
	}
	for _, pol := range all {
		if pol.Name == name {
			return pol.ID, nil
		}
	}
	return 0, wireErr(codePolicyNotExist, "the policy %q does not exist", name)
}

func deletePolicy(ctx context.Context, s *Server, p *struct {
	PolicyId []uint64 `json:"PolicyId"`
}) (any, error) {
	if len(p.PolicyId) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter PolicyId is required")
	}
	return empty{}, s.api.DeletePolicy(ctx, p.PolicyId...)
}

func createPolicyVersion(ctx context.Context, s *Server, p *struct {
	PolicyId       *uint64 `json:"PolicyId"`
	PolicyDocument *string `json:"PolicyDocument"`
	SetAsDefault   *bool   `json:"SetAsDefault"`
}) (any, error) {
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	doc, err := needString(p.PolicyDocument, "PolicyDocument")
	if err != nil {
		return nil, err
	}
	def, err := need(p.SetAsDefault, "SetAsDefault")
	if err != nil {
		return nil, err
	}
	v, err := s.api.CreatePolicyVersion(ctx, id, doc, def)
	if err != nil {
		return nil, err
	}
	return struct {
		VersionId uint64 `json:"VersionId"`
	}{v}, nil
}

func setDefaultPolicyVersion(ctx context.Context, s *Server, p *struct {
	PolicyId  *uint64 `json:"PolicyId"`
	VersionId *uint64 `json:"VersionId"`
}) (any, error) {
	return write2(ctx, p.PolicyId, "PolicyId", p.VersionId, "VersionId", s.api.SetDefaultPolicyVersion)
}

func deletePolicyVersion(ctx context.Context, s *Server, p *struct {
	PolicyId  *uint64  `json:"PolicyId"`
	VersionId []uint64 `json:"VersionId"`
}) (any, error) {
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	if len(p.VersionId) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter VersionId is required")
	}
	return empty{}, s.api.DeletePolicyVersion(ctx, id, p.VersionId...)
}
