package camfake

import (
	"context"
	"slices"

	"github.com/camkit/camkit/cam"
)

// ListPolicyVersions returns a custom policy's versions, oldest first, without
// documents (ListPolicyVersions). A preset policy has no versions: the list is
// empty.
func (f *Fake) ListPolicyVersions(ctx context.Context, id uint64) ([]cam.PolicyVersion, error) {
	var out []cam.PolicyVersion
	err := f.read(ctx, cam.ActionListPolicyVersions, Call{PolicyID: id}, func(st *state) error {
		p, err := st.policy(id, codePolicyNotFound)
		if err != nil {
			return err
		}
		out = make([]cam.PolicyVersion, 0, len(p.versions))
		for _, v := range p.versions {
			out = append(out, cam.PolicyVersion{Version: v.id, IsDefault: v.id == p.DefaultVersion, Created: v.created})
		}
		return nil
	})
	return out, err
}

// GetPolicyVersion returns one version of a custom policy with its document
// (GetPolicyVersion).
func (f *Fake) GetPolicyVersion(ctx context.Context, id, ver uint64) (cam.PolicyVersion, error) {
	var out cam.PolicyVersion
	err := f.read(ctx, cam.ActionGetPolicyVersion, Call{PolicyID: id, Version: ver}, func(st *state) error {
		p, err := st.policy(id, codePolicyNotFound)
		if err != nil {
			return err
		}
		v, err := p.version(ver)
		if err != nil {
			return err
		}
		out = cam.PolicyVersion{Version: v.id, Document: v.document, IsDefault: v.id == p.DefaultVersion, Created: v.created}
		return nil
	})
	return out, err
}

func (p *pol) version(ver uint64) (*version, error) {
	for i := range p.versions {
		if p.versions[i].id == ver {
			return &p.versions[i], nil
		}
	}
	return nil, apiErr(codeVersionNotExist, "policy %d has no version %d", p.ID, ver)
}

// CreatePolicyVersion adds a version to a custom policy and returns its ID
// (CreatePolicyVersion); with setDefault it becomes the default. A policy has
// at most [MaxPolicyVersions] versions (FailedOperation.PolicyVersionFull):
// delete one first.
func (f *Fake) CreatePolicyVersion(ctx context.Context, id uint64, document string, setDefault bool) (uint64, error) {
	var ver uint64
	err := f.write(ctx, "CreatePolicyVersion", Call{PolicyID: id}, func(st *state) error {
		p, err := st.custom(id)
		if err != nil {
			return err
		}
		doc, err := parseDocument(document, false)
		if err != nil {
			return err
		}
		if len(p.versions) >= MaxPolicyVersions {
			return apiErr(codeVersionFull, "policy %d already has %d versions", id, MaxPolicyVersions)
		}
		now := f.stamp()
		ver = p.nextVersion
		p.nextVersion++
		p.versions = append(p.versions, version{id: ver, document: document, parsed: doc, created: now})
		if setDefault {
			p.setDefault(ver)
		}
		p.Updated = now
		return nil
	})
	return ver, err
}

// setDefault makes ver (which exists) the default version.
func (p *pol) setDefault(ver uint64) {
	v, _ := p.version(ver)
	p.DefaultVersion = ver
	p.Document, p.Parsed = v.document, v.parsed
}

// SetDefaultPolicyVersion makes a version the default
// (SetDefaultPolicyVersion). Setting the current default again changes
// nothing (a decision).
func (f *Fake) SetDefaultPolicyVersion(ctx context.Context, id, ver uint64) error {
	return f.write(ctx, "SetDefaultPolicyVersion", Call{PolicyID: id, Version: ver}, func(st *state) error {
		p, err := st.custom(id)
		if err != nil {
			return err
		}
		if _, err := p.version(ver); err != nil {
			return err
		}
		if p.DefaultVersion != ver {
			p.setDefault(ver)
			p.Updated = f.stamp()
		}
		return nil
	})
}

// DeletePolicyVersion deletes versions of a custom policy
// (DeletePolicyVersion). The default version cannot be deleted
// (FailedOperation.PolicyVersionAlreadyDefault); every version must exist or
// nothing is deleted.
func (f *Fake) DeletePolicyVersion(ctx context.Context, id uint64, versions ...uint64) error {
	c := Call{PolicyID: id}
	if len(versions) > 0 {
		c.Version = versions[0]
	}
	return f.write(ctx, "DeletePolicyVersion", c, func(st *state) error {
		p, err := st.custom(id)
		if err != nil {
			return err
		}
		if len(versions) == 0 {
			return apiErr(codeParam, "VersionId lists no version")
		}
		for _, v := range versions {
			if _, err := p.version(v); err != nil {
				return err
			}
			if v == p.DefaultVersion {
				return apiErr(codeVersionIsDefault, "version %d is the default version of policy %d; set another default first", v, id)
			}
		}
		p.versions = slices.DeleteFunc(p.versions, func(v version) bool { return slices.Contains(versions, v.id) })
		p.Updated = f.stamp()
		return nil
	})
}
