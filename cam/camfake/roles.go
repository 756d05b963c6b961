package camfake

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/camkit/camkit/cam"
)

// roleOut returns a copy of r that shares nothing with the fake.
func roleOut(r *role) cam.Role {
	out := r.Role
	out.Trust = r.Trust.Clone()
	out.Tags = slices.Clone(r.Tags)
	return out
}

// ListRoles returns every role in creation order, with its trust policy
// (DescribeRoleList).
func (f *Fake) ListRoles(ctx context.Context) ([]cam.Role, error) {
	var out []cam.Role
	err := f.read(ctx, cam.ActionDescribeRoleList, Call{}, func(st *state) error {
		out = make([]cam.Role, 0, len(st.roleOrder))
		for _, name := range st.roleOrder {
			out = append(out, roleOut(st.roles[name]))
		}
		return nil
	})
	return out, err
}

// GetRole returns a role by name (GetRole).
func (f *Fake) GetRole(ctx context.Context, name string) (cam.Role, error) {
	var out cam.Role
	err := f.read(ctx, cam.ActionGetRole, Call{RoleName: name}, func(st *state) error {
		r, err := st.role(name)
		if err != nil {
			return err
		}
		out = roleOut(r)
		return nil
	})
	return out, err
}

// CreateRole creates a role of type "user" (CreateRole). It checks the name
// (1–128 characters of [A-Za-z0-9+=,.@_-], unique), the trust policy (valid,
// every statement naming a principal), the description (≤ 300 bytes), the
// session duration (0–43,200 s), the tags and the account's [MaxRoles].
func (f *Fake) CreateRole(ctx context.Context, in cam.RoleInput) (cam.Role, error) {
	var out cam.Role
	err := f.write(ctx, "CreateRole", Call{RoleName: in.Name}, func(st *state) error {
		r, err := st.addRole(in, cam.RoleTypeUser, f.stamp())
		if err != nil {
			return err
		}
		out = roleOut(r)
		return nil
	})
	return out, err
}

func (st *state) addRole(in cam.RoleInput, typ cam.RoleType, created time.Time) (*role, error) {
	if err := checkRoleName(in.Name); err != nil {
		return nil, err
	}
	if _, ok := st.roles[in.Name]; ok {
		return nil, apiErr(codeRoleNameInUse, "role name %q is in use", in.Name)
	}
	doc, err := parseDocument(in.TrustPolicy, true)
	if err != nil {
		return nil, err
	}
	if err := checkDescription(in.Description); err != nil {
		return nil, err
	}
	if err := checkSessionDuration(in.SessionDuration); err != nil {
		return nil, err
	}
	tags, err := mergeTags(nil, in.Tags)
	if err != nil {
		return nil, err
	}
	if len(st.roles) >= MaxRoles {
		return nil, apiErr(codeRoleFull, "the account already has %d roles", MaxRoles)
	}
	r := &role{Role: cam.Role{
		ID:              roleIDString(st.nextRole),
		Name:            in.Name,
		ARN:             st.roleARN(in.Name),
		Type:            typ,
		TrustPolicy:     in.TrustPolicy,
		Trust:           doc,
		Description:     in.Description,
		SessionDuration: in.SessionDuration,
		ConsoleLogin:    in.ConsoleLogin,
		Tags:            tags,
		Created:         created,
		Updated:         created,
	}}
	st.nextRole++
	st.roles[r.Name] = r
	st.roleOrder = append(st.roleOrder, r.Name)
	return r, nil
}

func checkSessionDuration(s int64) error {
	if s < 0 || s > MaxSessionDuration {
		return apiErr(codeParam, "session duration %d s is outside 0 to %d", s, MaxSessionDuration)
	}
	return nil
}

// mergeTags adds or replaces tags by key and returns the result sorted by key.
func mergeTags(have, add []cam.Tag) ([]cam.Tag, error) {
	out := slices.Clone(have)
	for i, t := range add {
		if t.Key == "" || utf8.RuneCountInString(t.Key) > 127 || utf8.RuneCountInString(t.Value) > 255 {
			return nil, apiErr(codeTagParam, "tag[%d] %q: keys are 1 to 127 characters, values at most 255", i, t.Key)
		}
		if j := slices.IndexFunc(out, func(x cam.Tag) bool { return x.Key == t.Key }); j >= 0 {
			out[j].Value = t.Value
		} else {
			out = append(out, t)
		}
	}
	if len(out) > MaxRoleTags {
		return nil, apiErr(codeTagLimit, "a role has at most %d tags, got %d", MaxRoleTags, len(out))
	}
	slices.SortFunc(out, func(a, b cam.Tag) int { return strings.Compare(a.Key, b.Key) })
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// DeleteRole deletes a role with its attachments and boundary (DeleteRole).
func (f *Fake) DeleteRole(ctx context.Context, name string) error {
	return f.write(ctx, "DeleteRole", Call{RoleName: name}, func(st *state) error {
		r, err := st.role(name)
		if err != nil {
			return err
		}
		for _, a := range r.policies {
			st.policies[a.policyID].AttachmentCount--
		}
		delete(st.roles, name)
		st.roleOrder = slices.DeleteFunc(st.roleOrder, func(n string) bool { return n == name })
		return nil
	})
}

// UpdateTrustPolicy replaces a role's trust policy (UpdateAssumeRolePolicy);
// the text is kept verbatim.
func (f *Fake) UpdateTrustPolicy(ctx context.Context, roleName, document string) error {
	return f.write(ctx, "UpdateAssumeRolePolicy", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		doc, err := parseDocument(document, true)
		if err != nil {
			return err
		}
		r.TrustPolicy, r.Trust, r.Updated = document, doc, f.stamp()
		return nil
	})
}

// UpdateRoleDescription changes a role's description (UpdateRoleDescription).
func (f *Fake) UpdateRoleDescription(ctx context.Context, roleName, description string) error {
	return f.write(ctx, "UpdateRoleDescription", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		if err := checkDescription(description); err != nil {
			return err
		}
		r.Description, r.Updated = description, f.stamp()
		return nil
	})
}

// UpdateRoleSessionDuration changes a role's maximum session length, 0–43,200
// seconds (UpdateRoleSessionDuration).
func (f *Fake) UpdateRoleSessionDuration(ctx context.Context, roleName string, seconds int64) error {
	return f.write(ctx, "UpdateRoleSessionDuration", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		if err := checkSessionDuration(seconds); err != nil {
			return err
		}
		r.SessionDuration, r.Updated = seconds, f.stamp()
		return nil
	})
}

// TagRole adds tags to a role, replacing the values of keys it has (TagRole).
// A role has at most [MaxRoleTags] tags.
func (f *Fake) TagRole(ctx context.Context, roleName string, tags []cam.Tag) error {
	return f.write(ctx, "TagRole", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		merged, err := mergeTags(r.Tags, tags)
		if err != nil {
			return err
		}
		r.Tags = merged
		return nil
	})
}

// UntagRole removes tags from a role by key; unknown keys are ignored (UntagRole).
func (f *Fake) UntagRole(ctx context.Context, roleName string, keys []string) error {
	return f.write(ctx, "UntagRole", Call{RoleName: roleName}, func(st *state) error {
		r, err := st.role(roleName)
		if err != nil {
			return err
		}
		r.Tags = slices.DeleteFunc(slices.Clone(r.Tags), func(t cam.Tag) bool { return slices.Contains(keys, t.Key) })
		if len(r.Tags) == 0 {
			r.Tags = nil
		}
		return nil
	})
}
