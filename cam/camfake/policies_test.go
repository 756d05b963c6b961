package camfake_test

import (
	"context"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

func TestCreatePolicy(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	// Verbatim: the text keeps its own spacing and single-string forms.
	text := "{\"version\": \"2.0\", \"statement\": {\"effect\": \"allow\", \"action\": \"cos:GetObject\", \"resource\": \"*\"}}"
	id, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "cos-get", Description: "read objects", Document: text})
	must(t, err)
	p, err := f.GetPolicy(ctx, id)
	must(t, err)
	if p.Document != text || p.Parsed == nil || p.Parsed.Statement[0].Action[0] != "cos:GetObject" || p.Type != cam.PolicyCustom ||
		p.DefaultVersion != 0 || p.AttachmentCount != 0 || p.Description != "read objects" || !p.Created.Equal(testNow) {
		t.Fatalf("GetPolicy = %+v", p)
	}

	long := `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:b-1250000000/` + strings.Repeat("a", 6200) + `"]}]}`
	tests := []struct {
		name     string
		in       cam.PolicyInput
		code     string
		sentinel error
	}{
		{"duplicate name", cam.PolicyInput{Name: "cos-get", Document: allowDoc}, "FailedOperation.PolicyNameInUse", cam.ErrAlreadyExists},
		{"preset name", cam.PolicyInput{Name: "AdministratorAccess", Document: allowDoc}, "FailedOperation.PolicyNameInUse", cam.ErrAlreadyExists},
		{"empty name", cam.PolicyInput{Document: allowDoc}, "InvalidParameter.PolicyNameError", cam.ErrInvalid},
		{"bad name", cam.PolicyInput{Name: "a/b", Document: allowDoc}, "InvalidParameter.PolicyNameError", cam.ErrInvalid},
		{"long name", cam.PolicyInput{Name: strings.Repeat("p", 129), Document: allowDoc}, "InvalidParameter.PolicyNameError", cam.ErrInvalid},
		{"long description", cam.PolicyInput{Name: "d", Description: strings.Repeat("x", 301), Document: allowDoc}, "InvalidParameter.DescriptionLengthOverlimit", cam.ErrInvalid},
		{"malformed", cam.PolicyInput{Name: "m", Document: `{"version":"2.0",`}, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"uppercase key", cam.PolicyInput{Name: "m", Document: `{"version":"2.0","Statement":[]}`}, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"bad effect", cam.PolicyInput{Name: "m", Document: `{"version":"2.0","statement":[{"effect":"Allow","action":["cvm:*"],"resource":["*"]}]}`}, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"too long", cam.PolicyInput{Name: "m", Document: long}, "InvalidParameter.PolicyDocumentLengthOverLimit", cam.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.CreatePolicy(ctx, tc.in)
			wantCode(t, err, tc.code, tc.sentinel)
		})
	}
}

func TestPresetPolicies(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	presets := camfake.PresetPolicies()
	all, err := f.ListPolicies(ctx, cam.ScopePreset)
	must(t, err)
	if len(all) != len(presets) {
		t.Fatalf("ListPolicies(QCS) = %d policies, want %d", len(all), len(presets))
	}
	for _, want := range []string{"AdministratorAccess", "ReadOnlyAccess", "QcloudCVMFullAccess", "QCloudFinanceFullAccess", "QcloudCOSReadOnlyAccess"} {
		found := false
		for _, p := range all {
			found = found || p.Name == want
		}
		if !found {
			t.Errorf("preset %s missing", want)
		}
	}
	admin, err := f.GetPolicy(ctx, 1)
	must(t, err)
	if admin.Name != "AdministratorAccess" || admin.Type != cam.PolicyPreset || admin.Parsed == nil {
		t.Fatalf("GetPolicy(1) = %+v", admin)
	}
	for _, p := range presets {
		got, err := f.GetPolicy(ctx, p.ID)
		must(t, err)
		if got.Parsed == nil || got.Document != p.Document {
			t.Errorf("preset %s does not parse", p.Name)
		}
	}
	versions, err := f.ListPolicyVersions(ctx, 1)
	must(t, err)
	if len(versions) != 0 {
		t.Errorf("preset has versions: %+v", versions)
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"UpdatePolicyDescription", func() error { return f.UpdatePolicyDescription(ctx, 1, "mine") }},
		{"DeletePolicy", func() error { return f.DeletePolicy(ctx, 1) }},
		{"CreatePolicyVersion", func() error { _, err := f.CreatePolicyVersion(ctx, 1, allowDoc, true); return err }},
		{"SetDefaultPolicyVersion", func() error { return f.SetDefaultPolicyVersion(ctx, 1, 1) }},
		{"DeletePolicyVersion", func() error { return f.DeletePolicyVersion(ctx, 1, 1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), "InvalidParameter.PolicyIdError", cam.ErrInvalid) })
	}
}

func TestListPoliciesScopes(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	a, b := mustPolicy(t, f, "a"), mustPolicy(t, f, "b")
	local, err := f.ListPolicies(ctx, cam.ScopeCustom)
	must(t, err)
	if len(local) != 2 || local[0].ID != a || local[1].ID != b || local[0].Document != "" || local[0].Parsed != nil {
		t.Fatalf("ListPolicies(Local) = %+v", local)
	}
	all, err := f.ListPolicies(ctx, cam.ScopeAll)
	must(t, err)
	empty, err := f.ListPolicies(ctx, "")
	must(t, err)
	if len(all) != len(camfake.PresetPolicies())+2 || len(empty) != len(all) {
		t.Fatalf("ListPolicies(All) = %d, (\"\") = %d", len(all), len(empty))
	}
	_, err = f.ListPolicies(ctx, "Mine")
	wantCode(t, err, "InvalidParameter.ScopeError", cam.ErrInvalid)
}

func TestUpdateAndDeletePolicy(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	id := mustPolicy(t, f, "temp")
	must(t, f.UpdatePolicyDescription(ctx, id, "new words"))
	p, _ := f.GetPolicy(ctx, id)
	if p.Description != "new words" {
		t.Errorf("Description = %q", p.Description)
	}
	u := mustUser(t, f, "u")
	g := mustGroup(t, f, "g")
	r := mustRole(t, f, "R")
	must(t, f.AttachUserPolicy(ctx, id, u.UIN))
	must(t, f.AttachGroupPolicy(ctx, id, g.ID))
	must(t, f.AttachRolePolicy(ctx, id, r.Name))
	must(t, f.PutUserBoundary(ctx, u.UIN, id))
	must(t, f.PutRoleBoundary(ctx, r.Name, id))
	if n := attachCount(t, f, id); n != 3 {
		t.Fatalf("AttachmentCount = %d, want 3", n)
	}

	wantCode(t, f.DeletePolicy(ctx, id, 999), "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound)
	if _, err := f.GetPolicy(ctx, id); err != nil {
		t.Fatal("a failed DeletePolicy deleted a policy")
	}
	wantCode(t, f.DeletePolicy(ctx), "InvalidParameter.ParamError", cam.ErrInvalid)
	wantCode(t, f.DeletePolicy(ctx, make([]uint64, 101)...), "InvalidParameter.OperatePoliciesOverLimit", cam.ErrLimitExceeded)
	must(t, f.DeletePolicy(ctx, id))
	_, err := f.GetPolicy(ctx, id)
	wantCode(t, err, "ResourceNotFound.PolicyIdNotFound", cam.ErrNotFound)
	for _, list := range [][]cam.Attachment{
		must2(f.ListUserPolicies(ctx, u.UIN, cam.AttachAll)),
		must2(f.ListGroupPolicies(ctx, g.ID)),
		must2(f.ListRolePolicies(ctx, r.Name)),
	} {
		if len(list) != 0 {
			t.Errorf("deleted policy still attached: %+v", list)
		}
	}
	if _, ok, _ := f.UserBoundary(ctx, u.UIN); ok {
		t.Error("deleted policy still a user boundary")
	}
	if _, ok, _ := f.RoleBoundary(ctx, r.Name); ok {
		t.Error("deleted policy still a role boundary")
	}
	wantCode(t, f.UpdatePolicyDescription(ctx, id, "x"), "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound)
	// The name is free again.
	mustPolicy(t, f, "temp")
}

func must2[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestCustomPolicyLimit(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	for i := range camfake.MaxCustomPolicies {
		if _, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "p" + itoa(uint64(i)), Document: allowDoc}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.CreatePolicy(ctx, cam.PolicyInput{Name: "one-more", Document: allowDoc})
	wantCode(t, err, "FailedOperation.PolicyFull", cam.ErrLimitExceeded)
}

func TestPresetDocumentsValidate(t *testing.T) {
	for _, p := range camfake.PresetPolicies() {
		t.Run(p.Name, func(t *testing.T) {
			doc, err := policy.Parse([]byte(p.Document))
			if err != nil {
				t.Fatal(err)
			}
			if err := doc.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
