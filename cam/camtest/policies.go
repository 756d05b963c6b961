package camtest

import (
	"fmt"
	"slices"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// policyDoc returns a small valid policy document; n makes versions differ.
func policyDoc(n int) string {
	return fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:camtest-%d-1250000000/*"]}]}`, n)
}

// sameDocument reports whether two policy texts say the same thing: equal
// text, or equal canonical forms (an implementation may reformat).
func sameDocument(a, b string) bool {
	if a == b {
		return true
	}
	da, err := policy.Parse([]byte(a))
	if err != nil {
		return false
	}
	db, err := policy.Parse([]byte(b))
	return err == nil && da.Canonical() == db.Canonical()
}

func (s *suite) writeChecks() {
	id, ok := s.checkCreatePolicy()
	if !ok {
		return
	}
	defer s.deletePolicy(id)
	s.checkVersions(id)
	s.checkUserAndGroup(id)
	role, ok := s.checkRoles(id)
	if ok {
		defer s.deleteRole(role)
	}
	s.checkBoundaries(id, role)
}

func (s *suite) checkCreatePolicy() (uint64, bool) {
	const check = "CreatePolicy"
	name := s.fx.Prefix + "policy-" + s.suffix
	in := cam.PolicyInput{Name: name, Description: "camtest policy", Document: policyDoc(1)}
	id, err := s.w.CreatePolicy(s.ctx, in)
	if !s.ok(check, err) {
		return 0, false
	}
	if id == 0 {
		s.fail(check, "policy ID is zero")
	}
	_, err = s.w.CreatePolicy(s.ctx, in)
	s.wantErr(check+"/duplicate", err, cam.ErrAlreadyExists)
	_, err = s.w.CreatePolicy(s.ctx, cam.PolicyInput{Name: name + "-bad", Document: `{"version":"2.0","statement":`})
	s.wantErr(check+"/invalid-document", err, cam.ErrInvalid)
	_, err = s.w.CreatePolicy(s.ctx, cam.PolicyInput{Name: "bad name!", Document: policyDoc(1)})
	s.wantErr(check+"/invalid-name", err, cam.ErrInvalid)

	p, err := s.r.GetPolicy(s.ctx, id)
	if s.ok("GetPolicy", err) {
		if p.ID != id || p.Name != name || p.Type != cam.PolicyCustom || p.Description != in.Description {
			s.fail("GetPolicy", "got ID %d name %q type %q description %q, want %d %q custom %q", p.ID, p.Name, p.Type, p.Description, id, name, in.Description)
		}
		if !sameDocument(p.Document, in.Document) {
			s.fail("GetPolicy", "document %s, want %s", p.Document, in.Document)
		}
	}
	custom, err := s.r.ListPolicies(s.ctx, cam.ScopeCustom)
	if s.ok("ListPolicies/custom", err) && !slices.ContainsFunc(custom, func(p cam.Policy) bool { return p.ID == id && p.Name == name }) {
		s.fail("ListPolicies/custom", "new policy %d %q is missing", id, name)
	}
	preset, err := s.r.ListPolicies(s.ctx, cam.ScopePreset)
	if s.ok("ListPolicies/preset", err) && slices.ContainsFunc(preset, func(p cam.Policy) bool { return p.ID == id }) {
		s.fail("ListPolicies/preset", "custom policy %d is listed as preset", id)
	}
	if s.ok("UpdatePolicyDescription", s.w.UpdatePolicyDescription(s.ctx, id, "camtest policy, updated")) {
		p, err := s.r.GetPolicy(s.ctx, id)
		if s.ok("UpdatePolicyDescription", err) && p.Description != "camtest policy, updated" {
			s.fail("UpdatePolicyDescription", "description %q after update", p.Description)
		}
	}
	s.wantErr("UpdatePolicyDescription/missing", s.w.UpdatePolicyDescription(s.ctx, missingPolicy, "x"), cam.ErrNotFound)
	return id, true
}

func (s *suite) checkVersions(id uint64) {
	const check = "PolicyVersions"
	versions, err := s.r.ListPolicyVersions(s.ctx, id)
	if !s.ok(check, err) {
		return
	}
	if len(versions) != 1 || !versions[0].IsDefault {
		s.fail(check, "a new policy has versions %+v, want one default version", versions)
		return
	}
	v1 := versions[0].Version
	created := []uint64{v1}
	for n := 2; n <= 5; n++ {
		v, err := s.w.CreatePolicyVersion(s.ctx, id, policyDoc(n), false)
		if !s.ok("CreatePolicyVersion", err) {
			return
		}
		created = append(created, v)
	}
	_, err = s.w.CreatePolicyVersion(s.ctx, id, policyDoc(6), false)
	s.wantErr("CreatePolicyVersion/sixth", err, cam.ErrLimitExceeded, cam.ErrInvalid)
	_, err = s.w.CreatePolicyVersion(s.ctx, missingPolicy, policyDoc(6), false)
	s.wantErr("CreatePolicyVersion/missing", err, cam.ErrNotFound)

	v2 := created[1]
	got, err := s.r.GetPolicyVersion(s.ctx, id, v2)
	if s.ok("GetPolicyVersion", err) && (got.Version != v2 || got.IsDefault || !sameDocument(got.Document, policyDoc(2))) {
		s.fail("GetPolicyVersion", "version %d: got %+v, want non-default with document %d", v2, got, 2)
	}
	_, err = s.r.GetPolicyVersion(s.ctx, id, 1<<30)
	s.wantErr("GetPolicyVersion/missing", err, cam.ErrNotFound)

	if s.ok("SetDefaultPolicyVersion", s.w.SetDefaultPolicyVersion(s.ctx, id, v2)) {
		versions, err := s.r.ListPolicyVersions(s.ctx, id)
		if s.ok("SetDefaultPolicyVersion", err) {
			for _, v := range versions {
				if v.IsDefault != (v.Version == v2) {
					s.fail("SetDefaultPolicyVersion", "version %d default=%v after making %d the default", v.Version, v.IsDefault, v2)
				}
			}
		}
		p, err := s.r.GetPolicy(s.ctx, id)
		if s.ok("SetDefaultPolicyVersion", err) && !sameDocument(p.Document, policyDoc(2)) {
			s.fail("SetDefaultPolicyVersion", "GetPolicy shows %s, not the new default's document", p.Document)
		}
		if err := s.w.DeletePolicyVersion(s.ctx, id, v2); err == nil {
			s.fail("DeletePolicyVersion/default", "deleting the default version succeeded")
		}
	}
	if s.ok("DeletePolicyVersion", s.w.DeletePolicyVersion(s.ctx, id, created[2])) {
		versions, err := s.r.ListPolicyVersions(s.ctx, id)
		if s.ok("DeletePolicyVersion", err) {
			if slices.ContainsFunc(versions, func(v cam.PolicyVersion) bool { return v.Version == created[2] }) {
				s.fail("DeletePolicyVersion", "version %d is still listed", created[2])
			}
			if len(versions) != 4 {
				s.fail("DeletePolicyVersion", "%d versions left, want 4", len(versions))
			}
		}
	}
	v, err := s.w.CreatePolicyVersion(s.ctx, id, policyDoc(7), true)
	if s.ok("CreatePolicyVersion/default", err) {
		p, err := s.r.GetPolicy(s.ctx, id)
		if s.ok("CreatePolicyVersion/default", err) && !sameDocument(p.Document, policyDoc(7)) {
			s.fail("CreatePolicyVersion/default", "version %d made with setDefault is not the default", v)
		}
	}
}

func (s *suite) deletePolicy(id uint64) {
	if !s.ok("DeletePolicy", s.w.DeletePolicy(s.ctx, id)) {
		return
	}
	_, err := s.r.GetPolicy(s.ctx, id)
	s.wantErr("DeletePolicy", err, cam.ErrNotFound)
}

// hasAttachment reports whether list holds policy id (through group gid, or
// directly when gid is 0).
func hasAttachment(list []cam.Attachment, id, gid uint64) bool {
	return slices.ContainsFunc(list, func(a cam.Attachment) bool { return a.PolicyID == id && a.GroupID == gid })
}

func (s *suite) checkUserAndGroup(id uint64) {
	uin, gid := s.fx.UserUIN, s.fx.GroupID
	if s.ok("AttachUserPolicy", s.w.AttachUserPolicy(s.ctx, id, uin)) {
		list, err := s.r.ListUserPolicies(s.ctx, uin, cam.AttachDirect)
		if s.ok("ListUserPolicies/direct", err) && !hasAttachment(list, id, 0) {
			s.fail("ListUserPolicies/direct", "policy %d attached to user %d is not listed", id, uin)
		}
		if s.ok("DetachUserPolicy", s.w.DetachUserPolicy(s.ctx, id, uin)) {
			list, err := s.r.ListUserPolicies(s.ctx, uin, cam.AttachAll)
			if s.ok("DetachUserPolicy", err) && hasAttachment(list, id, 0) {
				s.fail("DetachUserPolicy", "policy %d is still attached to user %d", id, uin)
			}
		}
	}
	s.wantErr("AttachUserPolicy/missing", s.w.AttachUserPolicy(s.ctx, missingPolicy, uin), cam.ErrNotFound)

	members, err := s.r.ListGroupMembers(s.ctx, gid)
	if !s.ok("ListGroupMembers", err) {
		return
	}
	wasMember := slices.Contains(members, uin)
	if !wasMember && s.ok("AddUserToGroup", s.w.AddUserToGroup(s.ctx, gid, uin)) {
		members, err := s.r.ListGroupMembers(s.ctx, gid)
		if s.ok("AddUserToGroup", err) && !slices.Contains(members, uin) {
			s.fail("AddUserToGroup", "user %d is not listed in group %d", uin, gid)
		}
	}
	if s.ok("AttachGroupPolicy", s.w.AttachGroupPolicy(s.ctx, id, gid)) {
		list, err := s.r.ListGroupPolicies(s.ctx, gid)
		if s.ok("ListGroupPolicies", err) && !slices.ContainsFunc(list, func(a cam.Attachment) bool { return a.PolicyID == id }) {
			s.fail("ListGroupPolicies", "policy %d attached to group %d is not listed", id, gid)
		}
		list, err = s.r.ListUserPolicies(s.ctx, uin, cam.AttachViaGroup)
		if s.ok("ListUserPolicies/via-group", err) && !hasAttachment(list, id, gid) {
			s.fail("ListUserPolicies/via-group", "policy %d held through group %d is not listed for user %d", id, gid, uin)
		}
		if s.ok("DetachGroupPolicy", s.w.DetachGroupPolicy(s.ctx, id, gid)) {
			list, err := s.r.ListGroupPolicies(s.ctx, gid)
			if s.ok("DetachGroupPolicy", err) && slices.ContainsFunc(list, func(a cam.Attachment) bool { return a.PolicyID == id }) {
				s.fail("DetachGroupPolicy", "policy %d is still attached to group %d", id, gid)
			}
		}
	}
	if !wasMember && s.ok("RemoveUserFromGroup", s.w.RemoveUserFromGroup(s.ctx, gid, uin)) {
		members, err := s.r.ListGroupMembers(s.ctx, gid)
		if s.ok("RemoveUserFromGroup", err) && slices.Contains(members, uin) {
			s.fail("RemoveUserFromGroup", "user %d is still in group %d", uin, gid)
		}
	}
}
