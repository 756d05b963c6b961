package camfake

import (
	"context"
	"strconv"

	"github.com/camkit/camkit/cam"
)

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
