package camfake

import (
	"context"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// ListPolicies returns the policies in scope (ListPolicies): preset policies
// first, then custom policies in creation order. Like CAM's ListPolicies it
// reports no document and no default version. An empty scope means
// [cam.ScopeAll].
func (f *Fake) ListPolicies(ctx context.Context, scope cam.PolicyScope) ([]cam.Policy, error) {
	var out []cam.Policy
	err := f.read(ctx, cam.ActionListPolicies, Call{}, func(st *state) error {
		var want cam.PolicyType
		switch scope {
		case cam.ScopeAll, "":
		case cam.ScopeCustom:
			want = cam.PolicyCustom
		case cam.ScopePreset:
			want = cam.PolicyPreset
		default:
			return apiErr(codeScope, "scope %q is not All, QCS or Local", scope)
		}
		out = make([]cam.Policy, 0, len(st.policyOrder))
		for _, id := range st.policyOrder {
			p := st.policies[id].Policy
			if want != "" && p.Type != want {
				continue
			}
			p.Document, p.Parsed, p.DefaultVersion = "", nil, 0
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// GetPolicy returns a policy with its default version's document, verbatim and
// parsed (GetPolicy). Like CAM's GetPolicy it reports neither the attachment
// count (ListPolicies does) nor the default version (ListPolicyVersions does).
func (f *Fake) GetPolicy(ctx context.Context, id uint64) (cam.Policy, error) {
	var out cam.Policy
	err := f.read(ctx, cam.ActionGetPolicy, Call{PolicyID: id}, func(st *state) error {
		p, err := st.policy(id, codePolicyNotFound)
		if err != nil {
			return err
		}
		out = p.Policy
		out.Parsed = p.Parsed.Clone()
		out.AttachmentCount, out.DefaultVersion = 0, 0
		return nil
	})
	return out, err
}

// CreatePolicy creates a custom policy whose version 1 is the default
// (CreatePolicy). It checks the name (1–128 characters of [A-Za-z0-9+=,.@_-],
// unique among all policies), the description (≤ 300 bytes), the document
// (policy.Parse, the 6,144-character limit and Document.Validate) and the
// account's [MaxCustomPolicies].
func (f *Fake) CreatePolicy(ctx context.Context, in cam.PolicyInput) (uint64, error) {
	var id uint64
	err := f.create(ctx, "CreatePolicy", Call{}, func(st *state, c *Call) error {
		p, err := st.addPolicy(in, f.stamp())
		if err != nil {
			return err
		}
		id = p.ID
		c.PolicyID = id
		return nil
	})
	return id, err
}

func (st *state) addPolicy(in cam.PolicyInput, created time.Time) (*pol, error) {
	if err := checkPolicyName(in.Name); err != nil {
		return nil, err
	}
	if _, ok := st.policyByName[in.Name]; ok {
		return nil, apiErr(codePolicyNameInUse, "policy name %q is in use", in.Name)
	}
	if err := checkDescription(in.Description); err != nil {
		return nil, err
	}
	doc, err := parseDocument(in.Document, false)
	if err != nil {
		return nil, err
	}
	if st.customCount >= MaxCustomPolicies {
		return nil, apiErr(codePolicyFull, "the account already has %d custom policies", MaxCustomPolicies)
	}
	st.nextPolicyID++
	p := &pol{
		Policy: cam.Policy{
			ID:             st.nextPolicyID,
			Name:           in.Name,
			Type:           cam.PolicyCustom,
			Description:    in.Description,
			Document:       in.Document,
			Parsed:         doc,
			DefaultVersion: 1,
			Created:        created,
			Updated:        created,
		},
		versions:    []version{{id: 1, document: in.Document, parsed: doc, created: created}},
		nextVersion: 2,
	}
	st.policies[p.ID] = p
	st.policyByName[p.Name] = p.ID
	st.policyOrder = append(st.policyOrder, p.ID)
	st.customCount++
	return p, nil
}

// UpdatePolicyDescription changes a custom policy's description (UpdatePolicy).
func (f *Fake) UpdatePolicyDescription(ctx context.Context, id uint64, description string) error {
	return f.write(ctx, "UpdatePolicy", Call{PolicyID: id}, func(st *state) error {
		p, err := st.custom(id)
		if err != nil {
			return err
		}
		if err := checkDescription(description); err != nil {
			return err
		}
		p.Description, p.Updated = description, f.stamp()
		return nil
	})
}

// DeletePolicy deletes custom policies (DeletePolicy), at most
// [MaxDeletePolicies] per call. Every ID must name a custom policy or
// nothing is deleted. A deleted policy is detached from every user, group
// and role, and removed where it was a permission boundary.
func (f *Fake) DeletePolicy(ctx context.Context, ids ...uint64) error {
	c := Call{}
	if len(ids) > 0 {
		c.PolicyID = ids[0]
	}
	return f.write(ctx, "DeletePolicy", c, func(st *state) error {
		if len(ids) == 0 {
			return apiErr(codeParam, "PolicyId lists no policy")
		}
		if len(ids) > MaxDeletePolicies {
			return apiErr(codeOperatePoliciesLimit, "DeletePolicy takes at most %d policies, got %d", MaxDeletePolicies, len(ids))
		}
		for _, id := range ids {
			if _, err := st.custom(id); err != nil {
				return err
			}
		}
		for _, id := range ids {
			st.removePolicy(id)
		}
		return nil
	})
}

// removePolicy deletes a policy and every reference to it.
func (st *state) removePolicy(id uint64) {
	p := st.policies[id]
	if p == nil {
		return
	}
	drop := func(as []attachment) []attachment {
		return slices.DeleteFunc(as, func(a attachment) bool { return a.policyID == id })
	}
	for _, u := range st.users {
		u.policies = drop(u.policies)
		if u.boundary == id {
			u.boundary = 0
		}
	}
	for _, g := range st.groups {
		g.policies = drop(g.policies)
	}
	for _, r := range st.roles {
		r.policies = drop(r.policies)
		if r.boundary == id {
			r.boundary = 0
		}
	}
	delete(st.policies, id)
	delete(st.policyByName, p.Name)
	st.policyOrder = slices.DeleteFunc(st.policyOrder, func(x uint64) bool { return x == id })
	if p.Type == cam.PolicyCustom {
		st.customCount--
	}
}
