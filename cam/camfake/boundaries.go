package camfake

import (
	"context"

	"github.com/camkit/camkit/cam"
)

// boundaryOut describes the boundary policy id.
func (st *state) boundaryOut(id uint64) (cam.Boundary, bool) {
	p := st.policies[id]
	if id == 0 || p == nil {
		return cam.Boundary{}, false
	}
	return cam.Boundary{PolicyID: id, PolicyName: p.Name, Document: p.Document}, true
}

// UserBoundary returns a sub-user's permission boundary, or ok=false when it
// has none (GetUserPermissionBoundary).
func (f *Fake) UserBoundary(ctx context.Context, uin uint64) (b cam.Boundary, ok bool, err error) {
	err = f.read(ctx, cam.ActionGetUserPermissionBoundary, Call{UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		b, ok = st.boundaryOut(u.boundary)
		return nil
	})
	return b, ok, err
}

// RoleBoundary returns a role's permission boundary, or ok=false when it has
// none (GetRolePermissionBoundary).
func (f *Fake) RoleBoundary(ctx context.Context, roleName string) (b cam.Boundary, ok bool, err error) {
	err = f.read(ctx, cam.ActionGetRolePermissionBoundary, Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		b, ok = st.boundaryOut(r.boundary)
		return nil
	})
	return b, ok, err
}

// PutUserBoundary sets a sub-user's permission boundary, replacing any
// (PutUserPermissionsBoundary). Any policy, preset or custom, may be a
// boundary; a boundary does not count as an attachment.
func (f *Fake) PutUserBoundary(ctx context.Context, uin, policyID uint64) error {
	return f.write(ctx, "PutUserPermissionsBoundary", Call{UserUIN: uin, PolicyID: policyID}, func(st *state) error {
		u, err := st.user(uin, codeUserNotExist)
		if err != nil {
			return err
		}
		if _, err := st.policy(policyID, codePolicyNotExist); err != nil {
			return err
		}
		u.boundary = policyID
		return nil
	})
}

// DeleteUserBoundary removes a sub-user's permission boundary; removing none
// changes nothing (DeleteUserPermissionsBoundary).
func (f *Fake) DeleteUserBoundary(ctx context.Context, uin uint64) error {
	return f.write(ctx, "DeleteUserPermissionsBoundary", Call{UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotExist)
		if err != nil {
			return err
		}
		u.boundary = 0
		return nil
	})
}

// PutRoleBoundary sets a role's permission boundary, replacing any
// (PutRolePermissionsBoundary). Service-linked roles take no boundary
// (InvalidParameter.ServiceLinkedRoleCantUsePermissionBoundary).
func (f *Fake) PutRoleBoundary(ctx context.Context, roleName string, policyID uint64) error {
	return f.write(ctx, "PutRolePermissionsBoundary", Call{RoleName: roleName, PolicyID: policyID}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		if _, err := st.policy(policyID, codePolicyNotExist); err != nil {
			return err
		}
		if r.Type == cam.RoleTypeServiceLinked {
			return apiErr(codeServiceLinkedBoundary, "role %q is service-linked and cannot have a permission boundary", roleName)
		}
		r.boundary = policyID
		return nil
	})
}

// DeleteRoleBoundary removes a role's permission boundary; removing none
// changes nothing (DeleteRolePermissionsBoundary).
func (f *Fake) DeleteRoleBoundary(ctx context.Context, roleName string) error {
	return f.write(ctx, "DeleteRolePermissionsBoundary", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		r.boundary = 0
		return nil
	})
}
