package camtest

import (
	"slices"

	"github.com/camkit/camkit/cam"
)

// Names and IDs that no account has.
const (
	missingName   = "camtest-no-such-entity"
	missingPolicy = 1 << 40
)

func (s *suite) readChecks() {
	s.checkAccount()
	s.checkUsers()
	s.checkBatches()
	s.checkGroups()
	s.checkPolicyReads()
	s.checkRoleReads()
}

func (s *suite) checkAccount() {
	const check = "Account"
	a, err := s.r.Account(s.ctx)
	if s.ok(check, err) && a.OwnerUIN == 0 {
		s.fail(check, "OwnerUIN is zero")
	}
	keys, err := s.r.RootAccessKeys(s.ctx)
	if s.ok("RootAccessKeys", err) {
		for _, k := range keys {
			if k.ID == "" || (a.OwnerUIN != 0 && k.UserUIN != a.OwnerUIN) {
				s.fail("RootAccessKeys", "key %+v: want an ID and UserUIN %d (the owner)", k, a.OwnerUIN)
			}
			if k.Status != cam.KeyActive && k.Status != cam.KeyInactive {
				s.fail("RootAccessKeys", "key %s: status %q", k.ID, k.Status)
			}
		}
	}
}

func (s *suite) checkUsers() {
	uin, name := s.fx.UserUIN, s.fx.UserName
	users, err := s.r.ListUsers(s.ctx)
	if s.ok("ListUsers", err) {
		i := slices.IndexFunc(users, func(u cam.User) bool { return u.UIN == uin })
		switch {
		case i < 0:
			s.fail("ListUsers", "fixture user %d is missing from %d users", uin, len(users))
		case users[i].Name != name:
			s.fail("ListUsers", "user %d is named %q, want %q", uin, users[i].Name, name)
		default:
			users[i].Name = "mutated"
			again, err := s.r.ListUsers(s.ctx)
			if s.ok("ListUsers", err) && !slices.ContainsFunc(again, func(u cam.User) bool { return u.UIN == uin && u.Name == name }) {
				s.fail("ListUsers", "changing a returned user changed the implementation's state")
			}
		}
	}
	u, err := s.r.GetUser(s.ctx, name)
	if s.ok("GetUser", err) && (u.UIN != uin || u.Name != name) {
		s.fail("GetUser", "GetUser(%q) = UIN %d name %q, want UIN %d", name, u.UIN, u.Name, uin)
	}
	_, err = s.r.GetUser(s.ctx, missingName)
	s.wantErr("GetUser/missing", err, cam.ErrNotFound)

	logins, err := s.r.LastLogins(s.ctx, []uint64{uin})
	if s.ok("LastLogins", err) {
		if len(logins) != 1 || logins[0].UIN != uin {
			s.fail("LastLogins", "LastLogins([%d]) returned %d users, want the fixture user", uin, len(logins))
		} else if !u.LastLogin.IsZero() && !logins[0].LastLogin.Equal(u.LastLogin) {
			s.fail("LastLogins", "last login %v, GetUser says %v", logins[0].LastLogin, u.LastLogin)
		}
	}
	logins, err = s.r.LastLogins(s.ctx, []uint64{uin, missingPolicy})
	if s.ok("LastLogins/unknown", err) && len(logins) != 1 {
		s.fail("LastLogins/unknown", "an unknown UIN was not left out: got %d users, want 1", len(logins))
	}

	keys, err := s.r.ListAccessKeys(s.ctx, uin)
	if s.ok("ListAccessKeys", err) {
		var ids []string
		for _, k := range keys {
			if k.ID == "" || k.UserUIN != uin {
				s.fail("ListAccessKeys", "key %+v: want an ID and UserUIN %d", k, uin)
			}
			if k.Status != cam.KeyActive && k.Status != cam.KeyInactive {
				s.fail("ListAccessKeys", "key %s: status %q", k.ID, k.Status)
			}
			ids = append(ids, k.ID)
		}
		if len(ids) > 0 {
			used, err := s.r.KeysLastUsed(s.ctx, ids)
			if s.ok("KeysLastUsed", err) {
				for _, row := range used {
					if !slices.Contains(ids, row.KeyID) {
						s.fail("KeysLastUsed", "row for key %q that was not asked for", row.KeyID)
					}
				}
			}
		}
	}
	if _, err := s.r.GetMFA(s.ctx, uin); err != nil {
		s.fail("GetMFA", "unexpected error: %v", err)
	}
}

func (s *suite) checkBatches() {
	uins := make([]uint64, cam.MaxLastLoginBatch+1)
	for i := range uins {
		uins[i] = s.fx.UserUIN
	}
	_, err := s.r.LastLogins(s.ctx, uins)
	s.wantErr("LastLogins/batch", err, cam.ErrInvalid)
	ids := make([]string, cam.MaxKeyLastUsedBatch+1)
	for i := range ids {
		ids[i] = "AKIDcamtestunknown"
	}
	_, err = s.r.KeysLastUsed(s.ctx, ids)
	s.wantErr("KeysLastUsed/batch", err, cam.ErrInvalid)
}

func (s *suite) checkGroups() {
	groups, err := s.r.ListGroups(s.ctx)
	if s.ok("ListGroups", err) && !slices.ContainsFunc(groups, func(g cam.Group) bool { return g.ID == s.fx.GroupID }) {
		s.fail("ListGroups", "fixture group %d is missing from %d groups", s.fx.GroupID, len(groups))
	}
	if _, err := s.r.ListGroupMembers(s.ctx, s.fx.GroupID); err != nil {
		s.fail("ListGroupMembers", "unexpected error: %v", err)
	}
	if _, err := s.r.ListGroupPolicies(s.ctx, s.fx.GroupID); err != nil {
		s.fail("ListGroupPolicies", "unexpected error: %v", err)
	}
	for _, f := range []cam.AttachFilter{cam.AttachAll, cam.AttachDirect, cam.AttachViaGroup} {
		if _, err := s.r.ListUserPolicies(s.ctx, s.fx.UserUIN, f); err != nil {
			s.fail("ListUserPolicies", "filter %d: unexpected error: %v", f, err)
		}
	}
	if _, _, err := s.r.UserBoundary(s.ctx, s.fx.UserUIN); err != nil {
		s.fail("UserBoundary", "unexpected error: %v", err)
	}
}

func (s *suite) checkPolicyReads() {
	all, err := s.r.ListPolicies(s.ctx, cam.ScopeAll)
	if !s.ok("ListPolicies", err) {
		return
	}
	preset, err := s.r.ListPolicies(s.ctx, cam.ScopePreset)
	if s.ok("ListPolicies/preset", err) {
		for _, p := range preset {
			if p.Type != cam.PolicyPreset {
				s.fail("ListPolicies/preset", "policy %d %q has type %q", p.ID, p.Name, p.Type)
			}
		}
		if len(preset) > len(all) {
			s.fail("ListPolicies/preset", "%d preset policies but only %d in all", len(preset), len(all))
		}
		if len(preset) > 0 {
			p, err := s.r.GetPolicy(s.ctx, preset[0].ID)
			if s.ok("GetPolicy/preset", err) && (p.Name != preset[0].Name || p.Type != cam.PolicyPreset || p.Document == "") {
				s.fail("GetPolicy/preset", "GetPolicy(%d) = %q type %q, want %q preset with a document", preset[0].ID, p.Name, p.Type, preset[0].Name)
			}
		}
	}
	custom, err := s.r.ListPolicies(s.ctx, cam.ScopeCustom)
	if s.ok("ListPolicies/custom", err) {
		for _, p := range custom {
			if p.Type != cam.PolicyCustom {
				s.fail("ListPolicies/custom", "policy %d %q has type %q", p.ID, p.Name, p.Type)
			}
		}
		if len(custom)+len(preset) != len(all) {
			s.fail("ListPolicies", "%d custom + %d preset policies, but %d in all", len(custom), len(preset), len(all))
		}
	}
	_, err = s.r.GetPolicy(s.ctx, missingPolicy)
	s.wantErr("GetPolicy/missing", err, cam.ErrNotFound)
}

func (s *suite) checkRoleReads() {
	roles, err := s.r.ListRoles(s.ctx)
	if s.ok("ListRoles", err) && len(roles) > 0 {
		r, err := s.r.GetRole(s.ctx, roles[0].Name)
		if s.ok("GetRole", err) && (r.ID != roles[0].ID || r.TrustPolicy != roles[0].TrustPolicy) {
			s.fail("GetRole", "GetRole(%q) differs from ListRoles: ID %q vs %q", roles[0].Name, r.ID, roles[0].ID)
		}
		if _, err := s.r.ListRolePolicies(s.ctx, roles[0].Name); err != nil {
			s.fail("ListRolePolicies", "unexpected error: %v", err)
		}
	}
	_, err = s.r.GetRole(s.ctx, missingName)
	s.wantErr("GetRole/missing", err, cam.ErrNotFound)
	_, _, err = s.r.RoleBoundary(s.ctx, missingName)
	s.wantErr("RoleBoundary/missing", err, cam.ErrNotFound)
	_, err = s.r.ListRolePolicies(s.ctx, missingName)
	s.wantErr("ListRolePolicies/missing", err, cam.ErrNotFound)
}
