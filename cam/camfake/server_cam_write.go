package camfake

import (
	"context"
	"strconv"

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
	id, err := need(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	v, err := need(p.VersionId, "VersionId")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.SetDefaultPolicyVersion(ctx, id, v)
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

func createRole(ctx context.Context, s *Server, p *struct {
	RoleName        *string   `json:"RoleName"`
	PolicyDocument  *string   `json:"PolicyDocument"`
	Description     *string   `json:"Description"`
	ConsoleLogin    *uint64   `json:"ConsoleLogin"`
	SessionDuration *uint64   `json:"SessionDuration"`
	Tags            []wireTag `json:"Tags"`
}) (any, error) {
	name, err := needString(p.RoleName, "RoleName")
	if err != nil {
		return nil, err
	}
	doc, err := needString(p.PolicyDocument, "PolicyDocument")
	if err != nil {
		return nil, err
	}
	in := cam.RoleInput{Name: name, TrustPolicy: doc, Description: str(p.Description)}
	if p.ConsoleLogin != nil {
		if *p.ConsoleLogin > 1 {
			return nil, wireErr(codeInvalidParameter, "ConsoleLogin must be 0 or 1, not %d", *p.ConsoleLogin)
		}
		in.ConsoleLogin = *p.ConsoleLogin == 1
	}
	if p.SessionDuration != nil {
		if *p.SessionDuration > MaxSessionDuration {
			return nil, wireErr(codeInvalidParameter, "SessionDuration must be 0 to %d seconds, not %d", MaxSessionDuration, *p.SessionDuration)
		}
		in.SessionDuration = int64(*p.SessionDuration)
	}
	for _, t := range p.Tags {
		in.Tags = append(in.Tags, cam.Tag(t))
	}
	r, err := s.api.CreateRole(ctx, in)
	if err != nil {
		return nil, err
	}
	s.rememberRoles(r)
	return struct {
		RoleId string `json:"RoleId"`
	}{r.ID}, nil
}

// roleRef names a role by ID or name, as most role actions do.
type roleRef struct {
	RoleId   *string `json:"RoleId"`
	RoleName *string `json:"RoleName"`
}

func (r *roleRef) name(ctx context.Context, s *Server) (string, error) {
	return s.roleName(ctx, r.RoleName, r.RoleId, "RoleName", "RoleId")
}

func deleteRole(ctx context.Context, s *Server, p *roleRef) (any, error) {
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.DeleteRole(ctx, name)
}

func updateAssumeRolePolicy(ctx context.Context, s *Server, p *struct {
	PolicyDocument *string `json:"PolicyDocument"`
	roleRef
}) (any, error) {
	doc, err := needString(p.PolicyDocument, "PolicyDocument")
	if err != nil {
		return nil, err
	}
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.UpdateTrustPolicy(ctx, name, doc)
}

func updateRoleDescription(ctx context.Context, s *Server, p *struct {
	Description *string `json:"Description"`
	roleRef
}) (any, error) {
	desc, err := need(p.Description, "Description")
	if err != nil {
		return nil, err
	}
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.UpdateRoleDescription(ctx, name, desc)
}

func updateRoleSessionDuration(ctx context.Context, s *Server, p *struct {
	SessionDuration *uint64 `json:"SessionDuration"`
	RoleName        *string `json:"RoleName"`
	RoleId          *uint64 `json:"RoleId"`
}) (any, error) {
	secs, err := need(p.SessionDuration, "SessionDuration")
	if err != nil {
		return nil, err
	}
	if secs > MaxSessionDuration {
		return nil, wireErr(codeInvalidParameter, "SessionDuration must be 0 to %d seconds, not %d", MaxSessionDuration, secs)
	}
	var id *string
	if p.RoleId != nil {
		v := strconv.FormatUint(*p.RoleId, 10)
		id = &v
	}
	name, err := s.roleName(ctx, p.RoleName, id, "RoleName", "RoleId")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.UpdateRoleSessionDuration(ctx, name, int64(secs))
}

func tagRole(ctx context.Context, s *Server, p *struct {
	Tags []wireTag `json:"Tags"`
	roleRef
}) (any, error) {
	if len(p.Tags) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter Tags is required")
	}
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	tags := make([]cam.Tag, len(p.Tags))
	for i, t := range p.Tags {
		tags[i] = cam.Tag(t)
	}
	return empty{}, s.api.TagRole(ctx, name, tags)
}

func untagRole(ctx context.Context, s *Server, p *struct {
	TagKeys []string `json:"TagKeys"`
	roleRef
}) (any, error) {
	if len(p.TagKeys) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter TagKeys is required")
	}
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.UntagRole(ctx, name, p.TagKeys)
}
