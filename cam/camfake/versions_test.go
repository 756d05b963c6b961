package camfake_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
)

func TestPolicyVersions(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	id := mustPolicy(t, f, "evolving")
	doc2 := `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}`
	v2, err := f.CreatePolicyVersion(ctx, id, doc2, false)
	must(t, err)
	if v2 != 2 {
		t.Fatalf("version = %d, want 2", v2)
	}
	p, _ := f.GetPolicy(ctx, id)
	if p.Document != allowDoc {
		t.Fatalf("default changed without setDefault: %+v", p)
	}
	must(t, f.SetDefaultPolicyVersion(ctx, id, v2))
	must(t, f.SetDefaultPolicyVersion(ctx, id, v2)) // again: no change
	p, _ = f.GetPolicy(ctx, id)
	if p.Document != doc2 || p.Parsed.Statement[0].Action[0] != "cvm:*" {
		t.Fatalf("after SetDefaultPolicyVersion: %+v", p)
	}
	v3, err := f.CreatePolicyVersion(ctx, id, allowDoc, true)
	must(t, err)
	vs, _ := f.ListPolicyVersions(ctx, id)
	if !vs[2].IsDefault || vs[2].Version != v3 {
		t.Fatalf("setDefault ignored: %+v", p)
	}
	got, err := f.GetPolicyVersion(ctx, id, v2)
	must(t, err)
	if got.Document != doc2 || got.IsDefault {
		t.Errorf("GetPolicyVersion = %+v", got)
	}
	vs, err = f.ListPolicyVersions(ctx, id)
	must(t, err)
	if len(vs) != 3 || vs[2].Version != v3 || !vs[2].IsDefault || vs[0].Document != "" {
		t.Fatalf("ListPolicyVersions = %+v", vs)
	}
	_, err = f.CreatePolicyVersion(ctx, id, allowDoc, false)
	must(t, err)
	_, err = f.CreatePolicyVersion(ctx, id, allowDoc, false)
	must(t, err)
	_, err = f.CreatePolicyVersion(ctx, id, allowDoc, false)
	wantCode(t, err, "FailedOperation.PolicyVersionFull", cam.ErrLimitExceeded)

	wantCode(t, f.DeletePolicyVersion(ctx, id, 1, v3), "FailedOperation.PolicyVersionAlreadyDefault", cam.ErrInvalid)
	wantCode(t, f.DeletePolicyVersion(ctx, id, 1, 77), "InvalidParameter.PolicyVersionNotExists", cam.ErrNotFound)
	vs, _ = f.ListPolicyVersions(ctx, id)
	if len(vs) != 5 {
		t.Fatalf("a failed DeletePolicyVersion deleted versions: %+v", vs)
	}
	must(t, f.DeletePolicyVersion(ctx, id, 1, v2))
	vs, _ = f.ListPolicyVersions(ctx, id)
	if len(vs) != 3 || vs[0].Version != v3 {
		t.Fatalf("after delete: %+v", vs)
	}
	v6, err := f.CreatePolicyVersion(ctx, id, allowDoc, false)
	must(t, err)
	if v6 != 6 {
		t.Errorf("version IDs are reused: got %d, want 6", v6)
	}

	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"ListPolicyVersions unknown", func() error { _, err := f.ListPolicyVersions(ctx, 404); return err }, "ResourceNotFound.PolicyIdNotFound", cam.ErrNotFound},
		{"GetPolicyVersion unknown policy", func() error { _, err := f.GetPolicyVersion(ctx, 404, 1); return err }, "ResourceNotFound.PolicyIdNotFound", cam.ErrNotFound},
		{"GetPolicyVersion unknown version", func() error { _, err := f.GetPolicyVersion(ctx, id, 1); return err }, "InvalidParameter.PolicyVersionNotExists", cam.ErrNotFound},
		{"CreatePolicyVersion invalid", func() error { _, err := f.CreatePolicyVersion(ctx, id, `{}`, false); return err }, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"CreatePolicyVersion unknown", func() error { _, err := f.CreatePolicyVersion(ctx, 404, allowDoc, false); return err }, "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound},
		{"SetDefaultPolicyVersion unknown version", func() error { return f.SetDefaultPolicyVersion(ctx, id, 1) }, "InvalidParameter.PolicyVersionNotExists", cam.ErrNotFound},
		{"DeletePolicyVersion none", func() error { return f.DeletePolicyVersion(ctx, id) }, "InvalidParameter.ParamError", cam.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}
}
