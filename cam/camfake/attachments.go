package camfake

import (
	"context"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// attachmentsOut converts attachments to the cam form.
func (st *state) attachmentsOut(out []cam.Attachment, as []attachment, groupID uint64) []cam.Attachment {
	for _, a := range as {
		p := st.policies[a.policyID]
		out = append(out, cam.Attachment{
			PolicyID:   a.policyID,
			PolicyName: p.Name,
			PolicyType: p.Type,
			GroupID:    groupID,
			Attached:   a.at,
		})
	}
	return out
}

// ListUserPolicies returns the policies a user holds
// (ListAttachedUserAllPolicies): with [cam.AttachDirect] those attached to
// the user, with [cam.AttachViaGroup] those attached to the user's groups,
// with [cam.AttachAll] both.
//
// The result has one entry per way a policy is held: direct attachments
// first (GroupID 0) in attachment order, then each group's attachments
// (GroupID set) in the order the user joined the groups. A policy held both
// directly and through a group, or through two groups, appears once per path.
func (f *Fake) ListUserPolicies(ctx context.Context, uin uint64, filter cam.AttachFilter) ([]cam.Attachment, error) {
	var out []cam.Attachment
	err := f.read(ctx, cam.ActionListAttachedUserAllPolicies, Call{UserUIN: uin}, func(st *state) error {
		if filter != cam.AttachAll && filter != cam.AttachDirect && filter != cam.AttachViaGroup {
			return apiErr(codeParam, "AttachType %d is not 0, 1 or 2", filter)
		}
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		out = []cam.Attachment{}
		if filter != cam.AttachViaGroup {
			out = st.attachmentsOut(out, u.policies, 0)
		}
		if filter != cam.AttachDirect {
			for _, gid := range u.groups {
				out = st.attachmentsOut(out, st.groups[gid].policies, gid)
			}
		}
		return nil
	})
	return out, err
}

// ListGroupPolicies returns the policies attached to a group in attachment
// order (ListAttachedGroupPolicies).
func (f *Fake) ListGroupPolicies(ctx context.Context, groupID uint64) ([]cam.Attachment, error) {
	var out []cam.Attachment
	err := f.read(ctx, cam.ActionListAttachedGroupPolicies, Call{GroupID: groupID}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotFound)
		if err != nil {
			return err
		}
		out = st.attachmentsOut([]cam.Attachment{}, g.policies, 0)
		return nil
	})
	return out, err
}

// ListRolePolicies returns the policies attached to a role in attachment
// order (ListAttachedRolePolicies).
func (f *Fake) ListRolePolicies(ctx context.Context, roleName string) ([]cam.Attachment, error) {
	var out []cam.Attachment
	err := f.read(ctx, cam.ActionListAttachedRolePolicies, Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		out = st.attachmentsOut([]cam.Attachment{}, r.policies, 0)
		return nil
	})
	return out, err
}

// attach adds policyID to *as unless it is there; an entity holds at most
// [MaxAttachments] policies directly (InvalidParameter.AttachmentFull).
func (st *state) attach(as *[]attachment, what string, policyID uint64, at time.Time) error {
	p, err := st.policy(policyID, codePolicyNotExist)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(*as, func(a attachment) bool { return a.policyID == policyID }) {
		return nil
	}
	if len(*as) >= MaxAttachments {
		return apiErr(codeAttachmentFull, "%s already has %d policies attached", what, MaxAttachments)
	}
	*as = append(*as, attachment{policyID: policyID, at: at})
	p.AttachmentCount++
	return nil
}

// detach removes policyID from *as; detaching a policy that is not attached
// changes nothing.
func (st *state) detach(as *[]attachment, policyID uint64) error {
	p, err := st.policy(policyID, codePolicyNotExist)
	if err != nil {
		return err
	}
	n := len(*as)
	*as = slices.DeleteFunc(*as, func(a attachment) bool { return a.policyID == policyID })
	if len(*as) < n {
		p.AttachmentCount--
	}
	return nil
}

// AttachUserPolicy attaches a policy to a sub-user (AttachUserPolicy).
// Attaching an attached policy again changes nothing.
func (f *Fake) AttachUserPolicy(ctx context.Context, policyID, uin uint64) error {
	return f.write(ctx, "AttachUserPolicy", Call{PolicyID: policyID, UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		return st.attach(&u.policies, "sub-user "+quoteName(u.Name), policyID, f.stamp())
	})
}

// DetachUserPolicy detaches a policy from a sub-user (DetachUserPolicy).
func (f *Fake) DetachUserPolicy(ctx context.Context, policyID, uin uint64) error {
	return f.write(ctx, "DetachUserPolicy", Call{PolicyID: policyID, UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		return st.detach(&u.policies, policyID)
	})
}

// AttachGroupPolicy attaches a policy to a group (AttachGroupPolicy).
func (f *Fake) AttachGroupPolicy(ctx context.Context, policyID, groupID uint64) error {
	return f.write(ctx, "AttachGroupPolicy", Call{PolicyID: policyID, GroupID: groupID}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotFound)
		if err != nil {
			return err
		}
		return st.attach(&g.policies, "group "+quoteName(g.Name), policyID, f.stamp())
	})
}

// DetachGroupPolicy detaches a policy from a group (DetachGroupPolicy).
func (f *Fake) DetachGroupPolicy(ctx context.Context, policyID, groupID uint64) error {
	return f.write(ctx, "DetachGroupPolicy", Call{PolicyID: policyID, GroupID: groupID}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotFound)
		if err != nil {
			return err
		}
		return st.detach(&g.policies, policyID)
	})
}

// AttachRolePolicy attaches a policy to a role (AttachRolePolicy).
func (f *Fake) AttachRolePolicy(ctx context.Context, policyID uint64, roleName string) error {
	return f.write(ctx, "AttachRolePolicy", Call{PolicyID: policyID, RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		return st.attach(&r.policies, "role "+quoteName(r.Name), policyID, f.stamp())
	})
}

// DetachRolePolicy detaches a policy from a role (DetachRolePolicy).
func (f *Fake) DetachRolePolicy(ctx context.Context, policyID uint64, roleName string) error {
	return f.write(ctx, "DetachRolePolicy", Call{PolicyID: policyID, RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		return st.detach(&r.policies, policyID)
	})
}

func quoteName(s string) string { return `"` + s + `"` }
