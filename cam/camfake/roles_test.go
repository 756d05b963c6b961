package camfake_test

import (
	"context"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestCreateRole(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	trust := trustDoc(f.OwnerUIN())
	r, err := f.CreateRole(ctx, cam.RoleInput{Name: "DevOps-Deploy-Dev", TrustPolicy: trust, Description: "deploy",
		SessionDuration: 3600, ConsoleLogin: true, Tags: []cam.Tag{{Key: "tier", Value: "2"}, {Key: "env", Value: "dev"}}})
	must(t, err)
	if !strings.HasPrefix(r.ID, "46116860184273") || r.ARN != "qcs::cam::uin/100000000001:roleName/DevOps-Deploy-Dev" ||
		r.Type != cam.RoleTypeUser || r.TrustPolicy != trust || r.Trust == nil || r.SessionDuration != 3600 || !r.ConsoleLogin ||
		len(r.Tags) != 2 || r.Tags[0].Key != "env" {
		t.Fatalf("CreateRole = %+v", r)
	}
	got, err := f.GetRole(ctx, "DevOps-Deploy-Dev")
	must(t, err)
	if got.ID != r.ID || got.TrustPolicy != trust {
		t.Errorf("GetRole = %+v", got)
	}

	noPrincipal := `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"]}]}`
	tests := []struct {
		name     string
		in       cam.RoleInput
		code     string
		sentinel error
	}{
		{"duplicate", cam.RoleInput{Name: "DevOps-Deploy-Dev", TrustPolicy: trust}, "InvalidParameter.RoleNameInUse", cam.ErrAlreadyExists},
		{"bad name", cam.RoleInput{Name: "has space", TrustPolicy: trust}, "InvalidParameter.RoleNameError", cam.ErrInvalid},
		{"long name", cam.RoleInput{Name: strings.Repeat("r", 129), TrustPolicy: trust}, "InvalidParameter.RoleNameError", cam.ErrInvalid},
		{"empty trust", cam.RoleInput{Name: "x"}, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"bad JSON", cam.RoleInput{Name: "x", TrustPolicy: "{"}, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"no principal", cam.RoleInput{Name: "x", TrustPolicy: noPrincipal}, "InvalidParameter.PrincipalError", cam.ErrInvalid},
		{"long description", cam.RoleInput{Name: "x", TrustPolicy: trust, Description: strings.Repeat("d", 301)}, "InvalidParameter.DescriptionLengthOverlimit", cam.ErrInvalid},
		{"negative session", cam.RoleInput{Name: "x", TrustPolicy: trust, SessionDuration: -1}, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"long session", cam.RoleInput{Name: "x", TrustPolicy: trust, SessionDuration: 43201}, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"empty tag key", cam.RoleInput{Name: "x", TrustPolicy: trust, Tags: []cam.Tag{{Value: "v"}}}, "InvalidParameter.TagParamError", cam.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.CreateRole(ctx, tc.in)
			wantCode(t, err, tc.code, tc.sentinel)
		})
	}
	if _, err := f.CreateRole(ctx, cam.RoleInput{Name: "max", TrustPolicy: trust, SessionDuration: camfake.MaxSessionDuration}); err != nil {
		t.Errorf("session of 43,200 s: %v", err)
	}
}

func TestRoleUpdates(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	mustRole(t, f, "Billing-View")
	newTrust := `{"version":"2.0","statement":[{"effect":"allow","principal":{"service":["cvm.qcloud.com"]},"action":"name/sts:AssumeRole"}]}`
	must(t, f.UpdateTrustPolicy(ctx, "Billing-View", newTrust))
	must(t, f.UpdateRoleDescription(ctx, "Billing-View", "view bills"))
	must(t, f.UpdateRoleSessionDuration(ctx, "Billing-View", 900))
	must(t, f.TagRole(ctx, "Billing-View", []cam.Tag{{Key: "tier", Value: "1"}, {Key: "owner", Value: "fin"}}))
	must(t, f.TagRole(ctx, "Billing-View", []cam.Tag{{Key: "tier", Value: "2"}}))
	must(t, f.UntagRole(ctx, "Billing-View", []string{"owner", "absent"}))
	r, err := f.GetRole(ctx, "Billing-View")
	must(t, err)
	if r.TrustPolicy != newTrust || r.Trust.Statement[0].Principal.Service[0] != "cvm.qcloud.com" || r.Description != "view bills" ||
		r.SessionDuration != 900 || len(r.Tags) != 1 || r.Tags[0] != (cam.Tag{Key: "tier", Value: "2"}) {
		t.Fatalf("role after updates = %+v", r)
	}

	many := make([]cam.Tag, camfake.MaxRoleTags+1)
	for i := range many {
		many[i] = cam.Tag{Key: "k" + itoa(uint64(i))}
	}
	tests := []struct {
		name     string
		call     func() error
		code     string
		sentinel error
	}{
		{"GetRole unknown", func() error { _, err := f.GetRole(ctx, "nope"); return err }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"UpdateTrustPolicy unknown", func() error { return f.UpdateTrustPolicy(ctx, "nope", newTrust) }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"UpdateTrustPolicy invalid", func() error { return f.UpdateTrustPolicy(ctx, "Billing-View", `{"version":"2.0"`) }, "InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"UpdateRoleDescription long", func() error { return f.UpdateRoleDescription(ctx, "Billing-View", strings.Repeat("é", 151)) }, "InvalidParameter.DescriptionLengthOverlimit", cam.ErrInvalid},
		{"UpdateRoleSessionDuration too long", func() error { return f.UpdateRoleSessionDuration(ctx, "Billing-View", 50000) }, "InvalidParameter.ParamError", cam.ErrInvalid},
		{"TagRole too many", func() error { return f.TagRole(ctx, "Billing-View", many) }, "InvalidParameter.TagLimitExceeded", cam.ErrLimitExceeded},
		{"UntagRole unknown", func() error { return f.UntagRole(ctx, "nope", nil) }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"DeleteRole unknown", func() error { return f.DeleteRole(ctx, "nope") }, "InvalidParameter.RoleNotExist", cam.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code, tc.sentinel) })
	}

	must(t, f.AttachRolePolicy(ctx, 1, "Billing-View"))
	must(t, f.DeleteRole(ctx, "Billing-View"))
	if n := attachCount(t, f, 1); n != 0 {
		t.Errorf("AttachmentCount of AdministratorAccess after DeleteRole = %d", n)
	}
	roles, _ := f.ListRoles(ctx)
	if len(roles) != 0 {
		t.Errorf("ListRoles after delete = %+v", roles)
	}
}

func TestRoleLimit(t *testing.T) {
	f := newFake(t)
	for i := range camfake.MaxRoles {
		mustRole(t, f, "r"+itoa(uint64(i)))
	}
	_, err := f.CreateRole(context.Background(), cam.RoleInput{Name: "extra", TrustPolicy: trustDoc(f.OwnerUIN())})
	wantCode(t, err, "InvalidParameter.RoleFull", cam.ErrLimitExceeded)
}
