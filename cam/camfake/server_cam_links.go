package camfake

import (
	"context"
	"fmt"
)

// This file holds the CAM actions that link entities: policy attachments,
// group membership and permission boundaries.

func attachUserPolicy(ctx context.Context, s *Server, p *struct {
	PolicyId  *uint64 `json:"PolicyId"`
	AttachUin *uint64 `json:"AttachUin"`
}) (any, error) {
	return write2(ctx, p.PolicyId, "PolicyId", p.AttachUin, "AttachUin", s.api.AttachUserPolicy)
}

func detachUserPolicy(ctx context.Context, s *Server, p *struct {
	PolicyId  *uint64 `json:"PolicyId"`
	DetachUin *uint64 `json:"DetachUin"`
}) (any, error) {
	return write2(ctx, p.PolicyId, "PolicyId", p.DetachUin, "DetachUin", s.api.DetachUserPolicy)
}

func attachGroupPolicy(ctx context.Context, s *Server, p *struct {
	PolicyId      *uint64 `json:"PolicyId"`
	AttachGroupId *uint64 `json:"AttachGroupId"`
}) (any, error) {
	return write2(ctx, p.PolicyId, "PolicyId", p.AttachGroupId, "AttachGroupId", s.api.AttachGroupPolicy)
}

func detachGroupPolicy(ctx context.Context, s *Server, p *struct {
	PolicyId      *uint64 `json:"PolicyId"`
	DetachGroupId *uint64 `json:"DetachGroupId"`
}) (any, error) {
	return write2(ctx, p.PolicyId, "PolicyId", p.DetachGroupId, "DetachGroupId", s.api.DetachGroupPolicy)
}

func attachRolePolicy(ctx context.Context, s *Server, p *struct {
	PolicyId       *uint64 `json:"PolicyId"`
	AttachRoleId   *string `json:"AttachRoleId"`
	AttachRoleName *string `json:"AttachRoleName"`
	PolicyName     *string `json:"PolicyName"`
}) (any, error) {
	id, role, err := s.rolePolicyTarget(ctx, p.PolicyId, p.PolicyName, p.AttachRoleName, p.AttachRoleId, "Attach")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.AttachRolePolicy(ctx, id, role)
}

func detachRolePolicy(ctx context.Context, s *Server, p *struct {
	PolicyId       *uint64 `json:"PolicyId"`
	DetachRoleId   *string `json:"DetachRoleId"`
	DetachRoleName *string `json:"DetachRoleName"`
	PolicyName     *string `json:"PolicyName"`
}) (any, error) {
	id, role, err := s.rolePolicyTarget(ctx, p.PolicyId, p.PolicyName, p.DetachRoleName, p.DetachRoleId, "Detach")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.DetachRolePolicy(ctx, id, role)
}

// rolePolicyTarget resolves the policy (by PolicyId, else PolicyName) and the
// role (by <verb>RoleName, else <verb>RoleId) of Attach/DetachRolePolicy.
func (s *Server) rolePolicyTarget(ctx context.Context, id *uint64, policyName, roleName, roleID *string, verb string) (uint64, string, error) {
	var pid uint64
	switch {
	case id != nil:
		pid = *id
	case policyName != nil && *policyName != "":
		var err error
		if pid, err = s.policyID(ctx, *policyName); err != nil {
			return 0, "", err
		}
	default:
		return 0, "", wireErr(codeMissingParameter, "one of the parameters PolicyId and PolicyName is required")
	}
	role, err := s.roleName(ctx, roleName, roleID, verb+"RoleName", verb+"RoleId")
	return pid, role, err
}

// groupMember is CAM's GroupIdOfUidInfo: a group and a user by UIN or UID.
type groupMember struct {
	GroupId *uint64 `json:"GroupId"`
	Uid     *uint64 `json:"Uid"`
	Uin     *uint64 `json:"Uin"`
}

// membership resolves Info[] of AddUserToGroup and RemoveUserFromGroup to
// (group, UIN) pairs; users named by Uid are looked up with ListUsers.
func (s *Server) membership(ctx context.Context, info []groupMember) ([][2]uint64, error) {
	if len(info) == 0 {
		return nil, wireErr(codeMissingParameter, "the parameter Info is required")
	}
	var byUID map[uint64]uint64
	out := make([][2]uint64, len(info))
	for i, m := range info {
		gid, err := need(m.GroupId, fmt.Sprintf("Info.%d.GroupId", i))
		if err != nil {
			return nil, err
		}
		switch {
		case m.Uin != nil:
			out[i] = [2]uint64{gid, *m.Uin}
		case m.Uid != nil:
			if byUID == nil {
				users, err := s.api.ListUsers(ctx)
				if err != nil {
					return nil, err
				}
				byUID = make(map[uint64]uint64, len(users))
				for _, u := range users {
					byUID[u.UID] = u.UIN
				}
			}
			uin, ok := byUID[*m.Uid]
			if !ok {
				return nil, wireErr(codeUserNotExist, "Info.%d: no sub-user has Uid %d", i, *m.Uid)
			}
			out[i] = [2]uint64{gid, uin}
		default:
			return nil, wireErr(codeMissingParameter, "Info.%d needs Uin or Uid", i)
		}
	}
	return out, nil
}

// addUserToGroup adds each pair in order and stops at the first failure.
func addUserToGroup(ctx context.Context, s *Server, p *struct {
	Info []groupMember `json:"Info"`
}) (any, error) {
	return s.eachMember(ctx, p.Info, s.api.AddUserToGroup)
}

// removeUserFromGroup removes each pair in order and stops at the first failure.
func removeUserFromGroup(ctx context.Context, s *Server, p *struct {
	Info []groupMember `json:"Info"`
}) (any, error) {
	return s.eachMember(ctx, p.Info, s.api.RemoveUserFromGroup)
}

// eachMember resolves info with [Server.membership] and calls do for each
// (group, UIN) pair in order, stopping at the first failure.
func (s *Server) eachMember(ctx context.Context, info []groupMember, do func(ctx context.Context, groupID, uin uint64) error) (any, error) {
	pairs, err := s.membership(ctx, info)
	if err != nil {
		return nil, err
	}
	for _, m := range pairs {
		if err := do(ctx, m[0], m[1]); err != nil {
			return nil, err
		}
	}
	return empty{}, nil
}

func putUserPermissionsBoundary(ctx context.Context, s *Server, p *struct {
	TargetUin *int64 `json:"TargetUin"`
	PolicyId  *int64 `json:"PolicyId"`
}) (any, error) {
	uin, err := needUIN(p.TargetUin, "TargetUin")
	if err != nil {
		return nil, err
	}
	id, err := needUIN(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.PutUserBoundary(ctx, uin, id)
}

func deleteUserPermissionsBoundary(ctx context.Context, s *Server, p *struct {
	TargetUin *int64 `json:"TargetUin"`
}) (any, error) {
	uin, err := needUIN(p.TargetUin, "TargetUin")
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.DeleteUserBoundary(ctx, uin)
}

func putRolePermissionsBoundary(ctx context.Context, s *Server, p *struct {
	PolicyId *int64 `json:"PolicyId"`
	roleRef
}) (any, error) {
	id, err := needUIN(p.PolicyId, "PolicyId")
	if err != nil {
		return nil, err
	}
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.PutRoleBoundary(ctx, name, id)
}

func deleteRolePermissionsBoundary(ctx context.Context, s *Server, p *roleRef) (any, error) {
	name, err := p.name(ctx, s)
	if err != nil {
		return nil, err
	}
	return empty{}, s.api.DeleteRoleBoundary(ctx, name)
}

// write2 runs a write action that takes two required parameters, such as
// (policy, user), and answers with an empty body.
func write2(ctx context.Context, a *uint64, aName string, b *uint64, bName string, do func(context.Context, uint64, uint64) error) (any, error) {
	x, y, err := need2(a, aName, b, bName)
	if err != nil {
		return nil, err
	}
	return empty{}, do(ctx, x, y)
}
