package camfake

import (
	"context"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// ListGroups returns every group in creation order (ListGroups).
func (f *Fake) ListGroups(ctx context.Context) ([]cam.Group, error) {
	var out []cam.Group
	err := f.read(ctx, cam.ActionListGroups, Call{}, func(st *state) error {
		out = make([]cam.Group, 0, len(st.groupOrder))
		for _, id := range st.groupOrder {
			out = append(out, st.groups[id].Group)
		}
		return nil
	})
	return out, err
}

// ListGroupMembers returns the UINs of a group's members in the order they
// joined (ListUsersForGroup).
func (f *Fake) ListGroupMembers(ctx context.Context, groupID uint64) ([]uint64, error) {
	var out []uint64
	err := f.read(ctx, cam.ActionListUsersForGroup, Call{GroupID: groupID}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotFound)
		if err != nil {
			return err
		}
		out = append(make([]uint64, 0, len(g.members)), g.members...)
		return nil
	})
	return out, err
}

// CreateGroup creates a user group (CreateGroup) and returns it. Names are
// 1–64 characters of [A-Za-z0-9+=,.@_-] and unique; an account has at most
// [MaxGroups] groups.
func (f *Fake) CreateGroup(ctx context.Context, name, remark string) (cam.Group, error) {
	var out cam.Group
	err := f.create(ctx, "CreateGroup", Call{}, func(st *state, c *Call) error {
		g, err := st.addGroup(name, remark, f.stamp())
		if err != nil {
			return err
		}
		c.GroupID = g.ID
		out = g.Group
		return nil
	})
	return out, err
}

func (st *state) addGroup(name, remark string, created time.Time) (*group, error) {
	if err := checkEntityName("group", name, codeParam); err != nil {
		return nil, err
	}
	if err := checkDescription(remark); err != nil {
		return nil, err
	}
	if _, ok := st.groupByName[name]; ok {
		return nil, apiErr(codeGroupNameInUse, "group name %q is in use", name)
	}
	if len(st.groups) >= MaxGroups {
		return nil, apiErr(codeGroupFull, "the account already has %d groups", MaxGroups)
	}
	g := &group{Group: cam.Group{ID: st.nextGroupID, Name: name, Remark: remark, Created: created}}
	st.nextGroupID++
	st.groups[g.ID] = g
	st.groupByName[name] = g.ID
	st.groupOrder = append(st.groupOrder, g.ID)
	return g, nil
}

// DeleteGroup deletes a group (DeleteGroup): its members leave it and its
// policies are detached.
func (f *Fake) DeleteGroup(ctx context.Context, groupID uint64) error {
	return f.write(ctx, "DeleteGroup", Call{GroupID: groupID}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotFound)
		if err != nil {
			return err
		}
		for _, uin := range g.members {
			u := st.users[uin]
			u.groups = slices.DeleteFunc(u.groups, func(id uint64) bool { return id == groupID })
		}
		for _, a := range g.policies {
			st.policies[a.policyID].AttachmentCount--
		}
		delete(st.groups, groupID)
		delete(st.groupByName, g.Name)
		st.groupOrder = slices.DeleteFunc(st.groupOrder, func(id uint64) bool { return id == groupID })
		return nil
	})
}

// AddUserToGroup adds a sub-user to a group (AddUserToGroup). Adding a member
// again changes nothing. A user is in at most [MaxGroupsPerUser] groups and a
// group has at most [MaxUsersPerGroup] members.
func (f *Fake) AddUserToGroup(ctx context.Context, groupID, uin uint64) error {
	return f.write(ctx, "AddUserToGroup", Call{GroupID: groupID, UserUIN: uin}, func(st *state) error {
		return st.join(groupID, uin)
	})
}

func (st *state) join(groupID, uin uint64) error {
	g, err := st.group(groupID, codeGroupNotExist)
	if err != nil {
		return err
	}
	u, err := st.user(uin, codeUserNotFound)
	if err != nil {
		return err
	}
	if slices.Contains(u.groups, groupID) {
		return nil
	}
	if len(u.groups) >= MaxGroupsPerUser {
		return apiErr(codeUserGroupFull, "sub-user %q is already in %d groups", u.Name, MaxGroupsPerUser)
	}
	if len(g.members) >= MaxUsersPerGroup {
		return apiErr(codeGroupUserFull, "group %q already has %d members", g.Name, MaxUsersPerGroup)
	}
	u.groups = append(u.groups, groupID)
	g.members = append(g.members, uin)
	return nil
}

// RemoveUserFromGroup removes a sub-user from a group (RemoveUserFromGroup).
// Removing a non-member changes nothing.
func (f *Fake) RemoveUserFromGroup(ctx context.Context, groupID, uin uint64) error {
	return f.write(ctx, "RemoveUserFromGroup", Call{GroupID: groupID, UserUIN: uin}, func(st *state) error {
		g, err := st.group(groupID, codeGroupNotExist)
		if err != nil {
			return err
		}
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		u.groups = slices.DeleteFunc(u.groups, func(id uint64) bool { return id == groupID })
		g.members = slices.DeleteFunc(g.members, func(m uint64) bool { return m == uin })
		return nil
	})
}
