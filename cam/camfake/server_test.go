package camfake_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	auditapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// srvEnv is a wire server over a fake with the real SDK's clients pointed at it.
type srvEnv struct {
	fake  *camfake.Fake
	srv   *camfake.Server
	cam   *camapi.Client
	sts   *stsapi.Client
	audit *auditapi.Client
}

// srvProfile points an SDK client at the server over plain HTTP.
func srvProfile(s *camfake.Server) *profile.ClientProfile {
	p := profile.NewClientProfile()
	p.HttpProfile.Endpoint = s.Endpoint()
	p.HttpProfile.Scheme = "http"
	return p
}

// newSrvEnv starts a server over f (a Demo account if nil), with opts, and
// closes it when the test ends.
func newSrvEnv(tb testing.TB, f *camfake.Fake, opts ...camfake.ServerOption) *srvEnv {
	tb.Helper()
	if f == nil {
		f = camfake.Demo()
	}
	s := camfake.NewServer(f, opts...)
	tb.Cleanup(s.Close)
	id, key := s.Credential()
	return srvClients(tb, f, s, common.NewCredential(id, key))
}

func srvClients(tb testing.TB, f *camfake.Fake, s *camfake.Server, cred common.CredentialIface) *srvEnv {
	tb.Helper()
	c, err := camapi.NewClient(cred, "ap-guangzhou", srvProfile(s))
	if err != nil {
		tb.Fatalf("cam client: %v", err)
	}
	st, err := stsapi.NewClient(cred, "ap-guangzhou", srvProfile(s))
	if err != nil {
		tb.Fatalf("sts client: %v", err)
	}
	a, err := auditapi.NewClient(cred, "ap-guangzhou", srvProfile(s))
	if err != nil {
		tb.Fatalf("cloudaudit client: %v", err)
	}
	return &srvEnv{fake: f, srv: s, cam: c, sts: st, audit: a}
}

// sdkCode returns the Tencent Cloud error code of err ("" for nil).
func sdkCode(tb testing.TB, err error) string {
	tb.Helper()
	if err == nil {
		return ""
	}
	var e *tcerr.TencentCloudSDKError
	if !errors.As(err, &e) {
		tb.Fatalf("error %v (%T) is not a *TencentCloudSDKError", err, err)
	}
	if e.RequestId == "" {
		tb.Errorf("error %v has no request ID", err)
	}
	return e.Code
}

// wantSDKCode fails unless err has the code.
func wantSDKCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := sdkCode(tb, err); got != code {
		tb.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

// sendCommon sends an arbitrary action with arbitrary JSON parameters.
func sendCommon(tb testing.TB, e *srvEnv, service, version, action, params string) ([]byte, error) {
	tb.Helper()
	id, key := e.srv.Credential()
	c := common.NewCommonClient(common.NewCredential(id, key), "ap-guangzhou", srvProfile(e.srv))
	req := tchttp.NewCommonRequest(service, version, action)
	if err := req.SetActionParameters(params); err != nil {
		tb.Fatalf("SetActionParameters: %v", err)
	}
	resp := tchttp.NewCommonResponse()
	err := c.Send(req, resp)
	return resp.GetBody(), err
}

func TestServerReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	users, _ := e.fake.ListUsers(ctx)
	dave, _ := e.fake.GetUser(ctx, "dave.kim")
	role, _ := e.fake.GetRole(ctx, "DevOps-Deploy-Dev")
	groups, _ := e.fake.ListGroups(ctx)

	t.Run("GetUserAppId", func(t *testing.T) {
		r, err := e.cam.GetUserAppId(camapi.NewGetUserAppIdRequest())
		must(t, err)
		if *r.Response.OwnerUin != fmt.Sprint(e.fake.OwnerUIN()) || *r.Response.AppId != camfake.DefaultAppID {
			t.Errorf("got owner %s app %d", *r.Response.OwnerUin, *r.Response.AppId)
		}
	})
	t.Run("ListUsers", func(t *testing.T) {
		r, err := e.cam.ListUsers(camapi.NewListUsersRequest())
		must(t, err)
		if len(r.Response.Data) != len(users) || *r.Response.Data[0].Name != users[0].Name || *r.Response.Data[0].Uin != users[0].UIN {
			t.Errorf("got %d users, want %d", len(r.Response.Data), len(users))
		}
	})
	t.Run("GetUser", func(t *testing.T) {
		req := camapi.NewGetUserRequest()
		req.Name = common.StringPtr("dave.kim")
		r, err := e.cam.GetUser(req)
		must(t, err)
		want := dave.LastLogin.In(beijing()).Format("2006-01-02 15:04:05")
		if *r.Response.Uin != dave.UIN || *r.Response.RecentlyLoginIP != dave.LastLoginIP || *r.Response.RecentlyLoginTime != want {
			t.Errorf("got %d %s %s, want %s", *r.Response.Uin, *r.Response.RecentlyLoginIP, *r.Response.RecentlyLoginTime, want)
		}
		req.Name = common.StringPtr("nobody")
		_, err = e.cam.GetUser(req)
		if sdkCode(t, err) == "" || !errors.Is(&cam.APIError{Code: sdkCode(t, err)}, cam.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
	t.Run("DescribeSubAccounts", func(t *testing.T) {
		req := camapi.NewDescribeSubAccountsRequest()
		req.FilterSubAccountUin = []*uint64{common.Uint64Ptr(dave.UIN), common.Uint64Ptr(1)}
		r, err := e.cam.DescribeSubAccounts(req)
		must(t, err)
		if len(r.Response.SubAccounts) != 1 || *r.Response.SubAccounts[0].LastLoginIp != dave.LastLoginIP {
			t.Errorf("got %d accounts", len(r.Response.SubAccounts))
		}
	})
	t.Run("keys", func(t *testing.T) {
		ci, _ := e.fake.GetUser(ctx, "ci-deploy")
		req := camapi.NewListAccessKeysRequest()
		req.TargetUin = common.Uint64Ptr(ci.UIN)
		r, err := e.cam.ListAccessKeys(req)
		must(t, err)
		if len(r.Response.AccessKeys) != 1 || *r.Response.AccessKeys[0].Status != "Active" {
			t.Fatalf("got %d keys", len(r.Response.AccessKeys))
		}
		lu := camapi.NewGetSecurityLastUsedRequest()
		lu.SecretIdList = []*string{r.Response.AccessKeys[0].AccessKeyId}
		rr, err := e.cam.GetSecurityLastUsed(lu)
		must(t, err)
		if len(rr.Response.SecretIdLastUsedRows) != 1 || len(*rr.Response.SecretIdLastUsedRows[0].LastUsedDate) != len("2006-01-02") {
			t.Errorf("last used rows %+v", rr.Response.SecretIdLastUsedRows)
		}
	})
	t.Run("DescribeSafeAuthFlagColl", func(t *testing.T) {
		req := camapi.NewDescribeSafeAuthFlagCollRequest()
		req.SubUin = common.Uint64Ptr(dave.UIN)
		r, err := e.cam.DescribeSafeAuthFlagColl(req)
		must(t, err)
		if *r.Response.LoginFlag.Stoken != 1 || *r.Response.LoginFlag.Phone != 0 || *r.Response.ActionFlag.Stoken != 1 {
			t.Errorf("flags %+v %+v", r.Response.LoginFlag, r.Response.ActionFlag)
		}
	})
	t.Run("groups", func(t *testing.T) {
		req := camapi.NewListGroupsRequest()
		req.Rp = common.Uint64Ptr(2)
		req.Page = common.Uint64Ptr(2)
		r, err := e.cam.ListGroups(req)
		must(t, err)
		if *r.Response.TotalNum != uint64(len(groups)) || len(r.Response.GroupInfo) != 2 || *r.Response.GroupInfo[0].GroupName != groups[2].Name {
			t.Errorf("page 2: total %d, %d groups", *r.Response.TotalNum, len(r.Response.GroupInfo))
		}
		m := camapi.NewListUsersForGroupRequest()
		m.GroupId = common.Uint64Ptr(groups[1].ID) // developers
		mr, err := e.cam.ListUsersForGroup(m)
		must(t, err)
		members, _ := e.fake.ListGroupMembers(ctx, groups[1].ID)
		if *mr.Response.TotalNum != uint64(len(members)) || *mr.Response.UserInfo[0].Uin != members[0] || *mr.Response.UserInfo[0].Name == "" {
			t.Errorf("members: %d of %d", *mr.Response.TotalNum, len(members))
		}
	})
	t.Run("roles", func(t *testing.T) {
		req := camapi.NewDescribeRoleListRequest()
		req.Page, req.Rp = common.Uint64Ptr(1), common.Uint64Ptr(200)
		r, err := e.cam.DescribeRoleList(req)
		must(t, err)
		roles, _ := e.fake.ListRoles(ctx)
		if *r.Response.TotalNum != uint64(len(roles)) || *r.Response.List[0].RoleArn != roles[0].ARN {
			t.Errorf("roles: %d", *r.Response.TotalNum)
		}
		g := camapi.NewGetRoleRequest()
		g.RoleId = common.StringPtr(role.ID)
		gr, err := e.cam.GetRole(g)
		must(t, err)
		if *gr.Response.RoleInfo.RoleName != role.Name || *gr.Response.RoleInfo.PolicyDocument != role.TrustPolicy {
			t.Errorf("GetRole by ID: %s", *gr.Response.RoleInfo.RoleName)
		}
		b := camapi.NewGetRolePermissionBoundaryRequest()
		b.RoleId = common.StringPtr(role.ID)
		br, err := e.cam.GetRolePermissionBoundary(b)
		must(t, err)
		want, _, _ := e.fake.RoleBoundary(ctx, role.Name)
		if br.Response.PolicyId == nil || uint64(*br.Response.PolicyId) != want.PolicyID || *br.Response.PolicyDocument != want.Document {
			t.Errorf("role boundary %+v", br.Response)
		}
		ar := camapi.NewListAttachedRolePoliciesRequest()
		ar.Page, ar.Rp, ar.RoleName = common.Uint64Ptr(1), common.Uint64Ptr(20), common.StringPtr(role.Name)
		arr, err := e.cam.ListAttachedRolePolicies(ar)
		must(t, err)
		atts, _ := e.fake.ListRolePolicies(ctx, role.Name)
		if *arr.Response.TotalNum != uint64(len(atts)) || *arr.Response.List[1].PolicyType != "QCS" {
			t.Errorf("role policies %d", *arr.Response.TotalNum)
		}
	})
	t.Run("policies", func(t *testing.T) {
		all, _ := e.fake.ListPolicies(ctx, cam.ScopeCustom)
		var got []*camapi.StrategyInfo
		for page := uint64(1); ; page++ {
			req := camapi.NewListPoliciesRequest()
			req.Scope, req.Rp, req.Page = common.StringPtr("Local"), common.Uint64Ptr(4), common.Uint64Ptr(page)
			r, err := e.cam.ListPolicies(req)
			must(t, err)
			got = append(got, r.Response.List...)
			if *r.Response.TotalNum != uint64(len(all)) {
				t.Fatalf("TotalNum %d, want %d", *r.Response.TotalNum, len(all))
			}
			if len(r.Response.List) < 4 {
				break
			}
		}
		if len(got) != len(all) || *got[len(got)-1].PolicyName != all[len(all)-1].Name || *got[0].Type != 1 {
			t.Fatalf("paged %d policies, want %d", len(got), len(all))
		}
		gp := camapi.NewGetPolicyRequest()
		gp.PolicyId = got[0].PolicyId
		r, err := e.cam.GetPolicy(gp)
		must(t, err)
		want, _ := e.fake.GetPolicy(ctx, *got[0].PolicyId)
		if *r.Response.PolicyDocument != want.Document || *r.Response.Type != 1 {
			t.Errorf("GetPolicy document differs")
		}
		lv := camapi.NewListPolicyVersionsRequest()
		lv.PolicyId = got[0].PolicyId
		vr, err := e.cam.ListPolicyVersions(lv)
		must(t, err)
		gv := camapi.NewGetPolicyVersionRequest()
		gv.PolicyId, gv.VersionId = got[0].PolicyId, vr.Response.Versions[0].VersionId
		gvr, err := e.cam.GetPolicyVersion(gv)
		must(t, err)
		if *gvr.Response.PolicyVersion.Document == "" || *vr.Response.Versions[0].IsDefaultVersion != int64(*gvr.Response.PolicyVersion.IsDefaultVersion) {
			t.Errorf("version %+v", gvr.Response.PolicyVersion)
		}
	})
	t.Run("user policies", func(t *testing.T) {
		ci, _ := e.fake.GetUser(ctx, "ci-deploy")
		req := camapi.NewListAttachedUserAllPoliciesRequest()
		req.TargetUin, req.Rp, req.Page, req.AttachType = common.Uint64Ptr(ci.UIN), common.Uint64Ptr(200), common.Uint64Ptr(1), common.Uint64Ptr(2)
		r, err := e.cam.ListAttachedUserAllPolicies(req)
		must(t, err)
		atts, _ := e.fake.ListUserPolicies(ctx, ci.UIN, cam.AttachViaGroup)
		if int(*r.Response.TotalNum) != len(atts) || *r.Response.PolicyList[0].Groups[0].GroupName != "developers" ||
			*r.Response.PolicyList[0].PolicyId != fmt.Sprint(atts[0].PolicyID) {
			t.Errorf("user policies: %d of %d", *r.Response.TotalNum, len(atts))
		}
		gr := camapi.NewListAttachedGroupPoliciesRequest()
		gr.TargetGroupId = common.Uint64Ptr(atts[0].GroupID)
		grr, err := e.cam.ListAttachedGroupPolicies(gr)
		must(t, err)
		if int(*grr.Response.TotalNum) != len(atts) {
			t.Errorf("group policies %d", *grr.Response.TotalNum)
		}
		b := camapi.NewGetUserPermissionBoundaryRequest()
		b.TargetUin = common.Int64Ptr(int64(ci.UIN))
		br, err := e.cam.GetUserPermissionBoundary(b)
		must(t, err)
		if br.Response.PolicyName == nil || *br.Response.PolicyName != "deploy-boundary" {
			t.Errorf("user boundary %+v", br.Response)
		}
		b.TargetUin = common.Int64Ptr(int64(dave.UIN))
		br, err = e.cam.GetUserPermissionBoundary(b)
		must(t, err)
		if br.Response.PolicyId != nil {
			t.Errorf("dave has a boundary: %+v", br.Response)
		}
	})
}

func beijing() *time.Location { return time.FixedZone("CST", 8*3600) }

// TestServerConcurrent runs signed calls, role-ID resolution and AssumeRole
// from many goroutines at once (run with -race).
func TestServerConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	role, err := e.fake.GetRole(ctx, "Dev-View-Dev")
	must(t, err)
	errs := make(chan error, 8*3)
	for w := range 8 {
		go func() {
			_, err := e.cam.ListUsers(camapi.NewListUsersRequest())
			errs <- err
			g := camapi.NewGetRoleRequest()
			g.RoleId = common.StringPtr(role.ID)
			_, err = e.cam.GetRole(g)
			errs <- err
			_, err = e.sts.AssumeRole(assumeReq(role.ARN, fmt.Sprintf("worker-%d", w), 900))
			errs <- err
		}()
	}
	for range 8 * 3 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
