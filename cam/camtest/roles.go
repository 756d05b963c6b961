package camtest

import (
	"slices"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// trustDoc returns a trust policy letting the account's root assume a role.
func trustDoc(owner uint64) string {
	return policy.Trust(policy.AccountRoot(owner)).Canonical()
}

func (s *suite) checkRoles(policyID uint64) (string, bool) {
	const check = "CreateRole"
	acct, err := s.r.Account(s.ctx)
	if !s.ok(check, err) {
		return "", false
	}
	name := s.fx.Prefix + "role-" + s.suffix
	in := cam.RoleInput{
		Name:            name,
		TrustPolicy:     trustDoc(acct.OwnerUIN),
		Description:     "camtest role",
		SessionDuration: 3600,
		Tags:            []cam.Tag{{Key: "owner", Value: "camtest"}, {Key: "env", Value: "test"}},
	}
	created, err := s.w.CreateRole(s.ctx, in)
	if !s.ok(check, err) {
		return "", false
	}
	if created.Name != name || created.ID == "" {
		s.fail(check, "created role %q with ID %q, want %q with an ID", created.Name, created.ID, name)
	}
	_, err = s.w.CreateRole(s.ctx, in)
	s.wantErr(check+"/duplicate", err, cam.ErrAlreadyExists)
	bad := in
	bad.Name, bad.TrustPolicy = name+"-bad", `{"version":"2.0"`
	_, err = s.w.CreateRole(s.ctx, bad)
	s.wantErr(check+"/invalid-trust", err, cam.ErrInvalid)
	bad.TrustPolicy, bad.SessionDuration = in.TrustPolicy, 50_000
	_, err = s.w.CreateRole(s.ctx, bad)
	s.wantErr(check+"/invalid-session", err, cam.ErrInvalid)

	r, err := s.r.GetRole(s.ctx, name)
	if s.ok("GetRole", err) {
		want := []cam.Tag{{Key: "env", Value: "test"}, {Key: "owner", Value: "camtest"}}
		switch {
		case r.ID != created.ID:
			s.fail("GetRole", "ID %q, CreateRole said %q", r.ID, created.ID)
		case !sameDocument(r.TrustPolicy, in.TrustPolicy):
			s.fail("GetRole", "trust policy %s, want %s", r.TrustPolicy, in.TrustPolicy)
		case r.Description != in.Description || r.SessionDuration != in.SessionDuration:
			s.fail("GetRole", "description %q session %d, want %q %d", r.Description, r.SessionDuration, in.Description, in.SessionDuration)
		case !slices.Equal(r.Tags, want):
			s.fail("GetRole", "tags %v, want %v (sorted by key)", r.Tags, want)
		case r.Created.IsZero():
			s.fail("GetRole", "no creation time")
		}
	}
	roles, err := s.r.ListRoles(s.ctx)
	if s.ok("ListRoles", err) && !slices.ContainsFunc(roles, func(r cam.Role) bool { return r.Name == name && r.ID == created.ID }) {
		s.fail("ListRoles", "new role %q is missing", name)
	}
	s.checkRoleUpdates(name, acct.OwnerUIN)
	s.checkRoleAttachments(name, policyID)
	return name, true
}

func (s *suite) checkRoleUpdates(name string, owner uint64) {
	trust := policy.Trust(policy.SubUser(owner, s.fx.UserUIN)).Canonical()
	if s.ok("UpdateTrustPolicy", s.w.UpdateTrustPolicy(s.ctx, name, trust)) {
		r, err := s.r.GetRole(s.ctx, name)
		if s.ok("UpdateTrustPolicy", err) && !sameDocument(r.TrustPolicy, trust) {
			s.fail("UpdateTrustPolicy", "trust policy %s after update, want %s", r.TrustPolicy, trust)
		}
	}
	s.wantErr("UpdateTrustPolicy/invalid", s.w.UpdateTrustPolicy(s.ctx, name, "not a policy"), cam.ErrInvalid)
	s.wantErr("UpdateTrustPolicy/missing", s.w.UpdateTrustPolicy(s.ctx, missingName, trust), cam.ErrNotFound)
	s.ok("UpdateRoleDescription", s.w.UpdateRoleDescription(s.ctx, name, "camtest role, updated"))
	s.ok("UpdateRoleSessionDuration", s.w.UpdateRoleSessionDuration(s.ctx, name, 7200))
	s.wantErr("UpdateRoleSessionDuration/invalid", s.w.UpdateRoleSessionDuration(s.ctx, name, 50_000), cam.ErrInvalid)
	s.ok("TagRole", s.w.TagRole(s.ctx, name, []cam.Tag{{Key: "team", Value: "sec"}, {Key: "env", Value: "prod"}}))
	s.ok("UntagRole", s.w.UntagRole(s.ctx, name, []string{"owner"}))
	r, err := s.r.GetRole(s.ctx, name)
	if !s.ok("UpdateRole", err) {
		return
	}
	if r.Description != "camtest role, updated" {
		s.fail("UpdateRoleDescription", "description %q after update", r.Description)
	}
	if r.SessionDuration != 7200 {
		s.fail("UpdateRoleSessionDuration", "session duration %d after update, want 7200", r.SessionDuration)
	}
	want := []cam.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "sec"}}
	if !slices.Equal(r.Tags, want) {
		s.fail("TagRole", "tags %v after tagging and untagging, want %v", r.Tags, want)
	}
}

func (s *suite) checkRoleAttachments(name string, id uint64) {
	if !s.ok("AttachRolePolicy", s.w.AttachRolePolicy(s.ctx, id, name)) {
		return
	}
	list, err := s.r.ListRolePolicies(s.ctx, name)
	if s.ok("ListRolePolicies", err) {
		i := slices.IndexFunc(list, func(a cam.Attachment) bool { return a.PolicyID == id })
		if i < 0 {
			s.fail("ListRolePolicies", "policy %d attached to role %q is not listed", id, name)
		} else if list[i].PolicyType != cam.PolicyCustom || list[i].PolicyName == "" {
			s.fail("ListRolePolicies", "attachment %+v: want a named custom policy", list[i])
		}
	}
	s.wantErr("AttachRolePolicy/missing-role", s.w.AttachRolePolicy(s.ctx, id, missingName), cam.ErrNotFound)
	if s.ok("DetachRolePolicy", s.w.DetachRolePolicy(s.ctx, id, name)) {
		list, err := s.r.ListRolePolicies(s.ctx, name)
		if s.ok("DetachRolePolicy", err) && slices.ContainsFunc(list, func(a cam.Attachment) bool { return a.PolicyID == id }) {
			s.fail("DetachRolePolicy", "policy %d is still attached to role %q", id, name)
		}
	}
}

func (s *suite) deleteRole(name string) {
	if !s.ok("DeleteRole", s.w.DeleteRole(s.ctx, name)) {
		return
	}
	_, err := s.r.GetRole(s.ctx, name)
	s.wantErr("DeleteRole", err, cam.ErrNotFound)
}

// checkBoundaries sets and removes boundaries on the fixture user (restoring
// the one it had) and on the suite's role.
func (s *suite) checkBoundaries(id uint64, role string) {
	uin := s.fx.UserUIN
	prev, had, err := s.r.UserBoundary(s.ctx, uin)
	if !s.ok("UserBoundary", err) {
		return
	}
	if s.ok("PutUserBoundary", s.w.PutUserBoundary(s.ctx, uin, id)) {
		b, ok, err := s.r.UserBoundary(s.ctx, uin)
		if s.ok("PutUserBoundary", err) && (!ok || b.PolicyID != id) {
			s.fail("PutUserBoundary", "boundary %+v ok=%v, want policy %d", b, ok, id)
		}
		if s.ok("DeleteUserBoundary", s.w.DeleteUserBoundary(s.ctx, uin)) {
			if _, ok, err := s.r.UserBoundary(s.ctx, uin); s.ok("DeleteUserBoundary", err) && ok {
				s.fail("DeleteUserBoundary", "user %d still has a boundary", uin)
			}
		}
		if had {
			s.ok("PutUserBoundary/restore", s.w.PutUserBoundary(s.ctx, uin, prev.PolicyID))
		}
	}
	s.wantErr("PutUserBoundary/missing", s.w.PutUserBoundary(s.ctx, uin, missingPolicy), cam.ErrNotFound)
	if role == "" {
		return
	}
	if s.ok("PutRoleBoundary", s.w.PutRoleBoundary(s.ctx, role, id)) {
		p, _ := s.r.GetPolicy(s.ctx, id)
		b, ok, err := s.r.RoleBoundary(s.ctx, role)
		if s.ok("RoleBoundary", err) && (!ok || b.PolicyID != id || !sameDocument(b.Document, p.Document)) {
			s.fail("RoleBoundary", "boundary %+v ok=%v, want policy %d with its default document", b, ok, id)
		}
		if s.ok("DeleteRoleBoundary", s.w.DeleteRoleBoundary(s.ctx, role)) {
			if _, ok, err := s.r.RoleBoundary(s.ctx, role); s.ok("DeleteRoleBoundary", err) && ok {
				s.fail("DeleteRoleBoundary", "role %q still has a boundary", role)
			}
		}
	}
	s.wantErr("PutRoleBoundary/missing", s.w.PutRoleBoundary(s.ctx, missingName, id), cam.ErrNotFound)
}
