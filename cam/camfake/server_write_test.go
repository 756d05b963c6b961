package camfake_test

import (
	"context"
	"strconv"
	"testing"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

const srvDoc = `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}]}`

func srvTrust(owner uint64) string {
	return `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"],"principal":{"qcs":["qcs::cam::uin/` +
		strconv.FormatUint(owner, 10) + `:root"]}}]}`
}

// TestServerWrites drives every write action through the SDK and checks the
// fake's state after each.
func TestServerWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := camfake.New()
	e := newSrvEnv(t, f)
	c := e.cam
	user, err := f.CreateUser(ctx, camfake.UserInput{Name: "wendy"})
	must(t, err)
	group, err := f.CreateGroup(ctx, "ops", "")
	must(t, err)

	// Policies and versions.
	cp := camapi.NewCreatePolicyRequest()
	cp.PolicyName, cp.PolicyDocument, cp.Description = common.StringPtr("view-cvm"), common.StringPtr(srvDoc), common.StringPtr("first")
	cpr, err := c.CreatePolicy(cp)
	must(t, err)
	pid := *cpr.Response.PolicyId
	_, err = c.CreatePolicy(cp)
	wantSDKCode(t, err, "FailedOperation.PolicyNameInUse")

	up := camapi.NewUpdatePolicyRequest()
	up.PolicyId, up.Description = common.Uint64Ptr(pid), common.StringPtr("second")
	_, err = c.UpdatePolicy(up)
	must(t, err)
	if p, _ := f.GetPolicy(ctx, pid); p.Description != "second" {
		t.Errorf("description %q", p.Description)
	}
	cv := camapi.NewCreatePolicyVersionRequest()
	cv.PolicyId, cv.PolicyDocument, cv.SetAsDefault = common.Uint64Ptr(pid), common.StringPtr(srvDoc), common.BoolPtr(false)
	cvr, err := c.CreatePolicyVersion(cv)
	must(t, err)
	sd := camapi.NewSetDefaultPolicyVersionRequest()
	sd.PolicyId, sd.VersionId = common.Uint64Ptr(pid), cvr.Response.VersionId
	_, err = c.SetDefaultPolicyVersion(sd)
	must(t, err)
	dv := camapi.NewDeletePolicyVersionRequest()
	dv.PolicyId, dv.VersionId = common.Uint64Ptr(pid), []*uint64{common.Uint64Ptr(1)}
	_, err = c.DeletePolicyVersion(dv)
	must(t, err)
	if vs, _ := f.ListPolicyVersions(ctx, pid); len(vs) != 1 || vs[0].Version != *cvr.Response.VersionId || !vs[0].IsDefault {
		t.Errorf("versions %+v", vs)
	}

	// Roles.
	cr := camapi.NewCreateRoleRequest()
	cr.RoleName, cr.PolicyDocument = common.StringPtr("Deployer"), common.StringPtr(srvTrust(f.OwnerUIN()))
	cr.SessionDuration, cr.ConsoleLogin = common.Uint64Ptr(3600), common.Uint64Ptr(1)
	cr.Tags = []*camapi.RoleTags{{Key: common.StringPtr("env"), Value: common.StringPtr("dev")}}
	crr, err := c.CreateRole(cr)
	must(t, err)
	roleID := *crr.Response.RoleId
	_, err = c.CreateRole(cr)
	wantSDKCode(t, err, "InvalidParameter.RoleNameInUse")

	ua := camapi.NewUpdateAssumeRolePolicyRequest()
	ua.RoleId, ua.PolicyDocument = common.StringPtr(roleID), common.StringPtr(srvTrust(f.OwnerUIN())+" ")
	_, err = c.UpdateAssumeRolePolicy(ua)
	must(t, err)
	ud := camapi.NewUpdateRoleDescriptionRequest()
	ud.RoleName, ud.Description = common.StringPtr("Deployer"), common.StringPtr("deploys")
	_, err = c.UpdateRoleDescription(ud)
	must(t, err)
	id, _ := strconv.ParseUint(roleID, 10, 64)
	us := camapi.NewUpdateRoleSessionDurationRequest()
	us.RoleId, us.SessionDuration = common.Uint64Ptr(id), common.Uint64Ptr(7200)
	_, err = c.UpdateRoleSessionDuration(us)
	if id == 0 { // the fake's role IDs are numeric, as CAM's are
		t.Fatalf("role ID %q is not numeric", roleID)
	}
	must(t, err)
	tr := camapi.NewTagRoleRequest()
	tr.RoleName, tr.Tags = common.StringPtr("Deployer"), []*camapi.RoleTags{{Key: common.StringPtr("team"), Value: common.StringPtr("ops")}}
	_, err = c.TagRole(tr)
	must(t, err)
	ut := camapi.NewUntagRoleRequest()
	ut.RoleId, ut.TagKeys = common.StringPtr(roleID), []*string{common.StringPtr("env")}
	_, err = c.UntagRole(ut)
	must(t, err)
	role, _ := f.GetRole(ctx, "Deployer")
	if role.Description != "deploys" || role.SessionDuration != 7200 || !role.ConsoleLogin ||
		len(role.Tags) != 1 || role.Tags[0].Key != "team" || role.TrustPolicy != srvTrust(f.OwnerUIN())+" " {
		t.Errorf("role %+v", role)
	}

	// Attachments, membership, boundaries.
	steps := []struct {
		name  string
		call  func() error
		check func() bool
	}{
		{"AttachUserPolicy", func() error {
			r := camapi.NewAttachUserPolicyRequest()
			r.PolicyId, r.AttachUin = common.Uint64Ptr(pid), common.Uint64Ptr(user.UIN)
			_, err := c.AttachUserPolicy(r)
			return err
		}, func() bool { a, _ := f.ListUserPolicies(ctx, user.UIN, cam.AttachDirect); return len(a) == 1 }},
		{"DetachUserPolicy", func() error {
			r := camapi.NewDetachUserPolicyRequest()
			r.PolicyId, r.DetachUin = common.Uint64Ptr(pid), common.Uint64Ptr(user.UIN)
			_, err := c.DetachUserPolicy(r)
			return err
		}, func() bool { a, _ := f.ListUserPolicies(ctx, user.UIN, cam.AttachDirect); return len(a) == 0 }},
		{"AttachGroupPolicy", func() error {
			r := camapi.NewAttachGroupPolicyRequest()
			r.PolicyId, r.AttachGroupId = common.Uint64Ptr(pid), common.Uint64Ptr(group.ID)
			_, err := c.AttachGroupPolicy(r)
			return err
		}, func() bool { a, _ := f.ListGroupPolicies(ctx, group.ID); return len(a) == 1 }},
		{"AddUserToGroup by Uid", func() error {
			r := camapi.NewAddUserToGroupRequest()
			r.Info = []*camapi.GroupIdOfUidInfo{{GroupId: common.Uint64Ptr(group.ID), Uid: common.Uint64Ptr(user.UID)}}
			_, err := c.AddUserToGroup(r)
			return err
		}, func() bool { a, _ := f.ListUserPolicies(ctx, user.UIN, cam.AttachViaGroup); return len(a) == 1 }},
		{"RemoveUserFromGroup", func() error {
			r := camapi.NewRemoveUserFromGroupRequest()
			r.Info = []*camapi.GroupIdOfUidInfo{{GroupId: common.Uint64Ptr(group.ID), Uin: common.Uint64Ptr(user.UIN)}}
			_, err := c.RemoveUserFromGroup(r)
			return err
		}, func() bool { m, _ := f.ListGroupMembers(ctx, group.ID); return len(m) == 0 }},
		{"DetachGroupPolicy", func() error {
			r := camapi.NewDetachGroupPolicyRequest()
			r.PolicyId, r.DetachGroupId = common.Uint64Ptr(pid), common.Uint64Ptr(group.ID)
			_, err := c.DetachGroupPolicy(r)
			return err
		}, func() bool { a, _ := f.ListGroupPolicies(ctx, group.ID); return len(a) == 0 }},
		{"AttachRolePolicy by names", func() error {
			r := camapi.NewAttachRolePolicyRequest()
			r.PolicyName, r.AttachRoleName = common.StringPtr("ReadOnlyAccess"), common.StringPtr("Deployer")
			_, err := c.AttachRolePolicy(r)
			return err
		}, func() bool {
			a, _ := f.ListRolePolicies(ctx, "Deployer")
			return len(a) == 1 && a[0].PolicyName == "ReadOnlyAccess"
		}},
		{"DetachRolePolicy by IDs", func() error {
			a, _ := f.ListRolePolicies(ctx, "Deployer")
			r := camapi.NewDetachRolePolicyRequest()
			r.PolicyId, r.DetachRoleId = common.Uint64Ptr(a[0].PolicyID), common.StringPtr(roleID)
			_, err := c.DetachRolePolicy(r)
			return err
		}, func() bool { a, _ := f.ListRolePolicies(ctx, "Deployer"); return len(a) == 0 }},
		{"PutUserPermissionsBoundary", func() error {
			r := camapi.NewPutUserPermissionsBoundaryRequest()
			r.TargetUin, r.PolicyId = common.Int64Ptr(int64(user.UIN)), common.Int64Ptr(int64(pid))
			_, err := c.PutUserPermissionsBoundary(r)
			return err
		}, func() bool { b, ok, _ := f.UserBoundary(ctx, user.UIN); return ok && b.PolicyID == pid }},
		{"DeleteUserPermissionsBoundary", func() error {
			r := camapi.NewDeleteUserPermissionsBoundaryRequest()
			r.TargetUin = common.Int64Ptr(int64(user.UIN))
			_, err := c.DeleteUserPermissionsBoundary(r)
			return err
		}, func() bool { _, ok, _ := f.UserBoundary(ctx, user.UIN); return !ok }},
		{"PutRolePermissionsBoundary", func() error {
			r := camapi.NewPutRolePermissionsBoundaryRequest()
			r.RoleId, r.PolicyId = common.StringPtr(roleID), common.Int64Ptr(int64(pid))
			_, err := c.PutRolePermissionsBoundary(r)
			return err
		}, func() bool { b, ok, _ := f.RoleBoundary(ctx, "Deployer"); return ok && b.PolicyID == pid }},
		{"DeleteRolePermissionsBoundary", func() error {
			r := camapi.NewDeleteRolePermissionsBoundaryRequest()
			r.RoleName = common.StringPtr("Deployer")
			_, err := c.DeleteRolePermissionsBoundary(r)
			return err
		}, func() bool { _, ok, _ := f.RoleBoundary(ctx, "Deployer"); return !ok }},
		{"DeleteRole", func() error {
			r := camapi.NewDeleteRoleRequest()
			r.RoleId = common.StringPtr(roleID)
			_, err := c.DeleteRole(r)
			return err
		}, func() bool { _, err := f.GetRole(ctx, "Deployer"); return err != nil }},
		{"DeletePolicy", func() error {
			r := camapi.NewDeletePolicyRequest()
			r.PolicyId = []*uint64{common.Uint64Ptr(pid)}
			_, err := c.DeletePolicy(r)
			return err
		}, func() bool { _, err := f.GetPolicy(ctx, pid); return err != nil }},
	}
	for _, st := range steps {
		if err := st.call(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !st.check() {
			t.Fatalf("%s: the fake's state did not change", st.name)
		}
	}
	// A deleted role's ID no longer resolves.
	g := camapi.NewGetRoleRequest()
	g.RoleId = common.StringPtr(roleID)
	_, err = c.GetRole(g)
	wantSDKCode(t, err, "InvalidParameter.RoleNotExist")
	// The fake recorded each wire call once.
	if n := f.CallCount("AttachUserPolicy"); n != 1 {
		t.Errorf("AttachUserPolicy calls = %d", n)
	}
}
