package camfake_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

const codeUnauthorized = "AuthFailure.UnauthorizedOperation"

// authzSeed is an account whose sub-users each hold one shape of CAM access,
// every one with an access key, plus a key of the root account.
func authzSeed(owner uint64) camfake.Seed {
	ownerARN := "qcs::cam::uin/" + itoa(owner)
	doc := func(effect, action, resource, cond string) string {
		c := ""
		if cond != "" {
			c = `,"condition":` + cond
		}
		return `{"version":"2.0","statement":[{"effect":"` + effect + `","action":["` + action + `"],"resource":["` + resource + `"]` + c + `}]}`
	}
	key := []camfake.SeedKey{{Description: "test key"}}
	return camfake.Seed{
		Policies: []camfake.SeedPolicy{
			{Name: "DenyAttachRolePolicy", Document: doc("deny", "cam:AttachRolePolicy", "*", "")},
			{Name: "CamReadBoundary", Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cam:Get*","cam:List*","cam:Describe*"],"resource":["*"]}]}`},
			{Name: "AssumeAuditor", Document: doc("allow", "sts:AssumeRole", ownerARN+":roleName/Auditor", "")},
			{Name: "AttachOnTargetOnly", Document: doc("allow", "cam:AttachRolePolicy", ownerARN+":roleName/Target", "")},
			{Name: "OfficeOnly", Document: doc("allow", "cam:*", "*", `{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}`)},
			{Name: "LoopbackOnly", Document: doc("allow", "cam:*", "*", `{"ip_equal":{"qcs:ip":["127.0.0.1/32"]}}`)},
			{Name: "OwnUserOnly", Document: doc("allow", "cam:ListUsers", "*", `{"string_equal":{"qcs:uin":["${uin}"]}}`)},
		},
		Groups: []camfake.SeedGroup{{Name: "no-role-attach", Policies: []string{"DenyAttachRolePolicy"}}},
		Users: []camfake.SeedUser{
			{Name: "reader", Policies: []string{"QcloudCamReadOnlyAccess"}, Keys: key},
			{Name: "admin-but", Policies: []string{"QcloudCamFullAccess"}, Groups: []string{"no-role-attach"}, Keys: key},
			{Name: "bounded", Policies: []string{"AdministratorAccess"}, Boundary: "CamReadBoundary", Keys: key},
			{Name: "nobody", Keys: key},
			{Name: "assumer", Policies: []string{"AssumeAuditor"}, Keys: key},
			{Name: "named", Policies: []string{"AttachOnTargetOnly"}, Keys: key},
			{Name: "office", Policies: []string{"OfficeOnly"}, Keys: key},
			{Name: "loopback", Policies: []string{"LoopbackOnly"}, Keys: key},
			{Name: "self", Policies: []string{"OwnUserOnly"}, Keys: key},
		},
		Roles: []camfake.SeedRole{
			{Name: "Auditor", Trust: trustDoc(owner), Policies: []string{"QcloudCamReadOnlyAccess"}},
			{Name: "Target", Trust: trustDoc(owner)},
		},
		RootKeys: []camfake.SeedKey{{Description: "root key"}},
	}
}

// authzEnv is a wire server that authorizes calls, over a fresh authzSeed
// account.
func authzEnv(tb testing.TB, opts ...camfake.ServerOption) (*camfake.Fake, *camfake.Server) {
	tb.Helper()
	f := newFake(tb)
	must(tb, f.Seed(authzSeed(f.OwnerUIN())))
	srv := camfake.NewServer(f, append([]camfake.ServerOption{camfake.WithAuthorization()}, opts...)...)
	tb.Cleanup(srv.Close)
	return f, srv
}

// keyOf returns the first access key of the named sub-user, or of the root
// account for "root".
func keyOf(tb testing.TB, f *camfake.Fake, name string) (keyID string, uin uint64) {
	tb.Helper()
	ctx := context.Background()
	var keys []cam.AccessKey
	var err error
	if name == "root" {
		uin = f.OwnerUIN()
		keys, err = f.RootAccessKeys(ctx)
	} else {
		u, gerr := f.GetUser(ctx, name)
		must(tb, gerr)
		uin = u.UIN
		keys, err = f.ListAccessKeys(ctx, uin)
	}
	must(tb, err)
	if len(keys) == 0 {
		tb.Fatalf("%s has no access key", name)
	}
	return keys[0].ID, uin
}

// keyEnv returns SDK clients signing with the named holder's access key
// ("server" for the server's own credential).
func keyEnv(tb testing.TB, f *camfake.Fake, srv *camfake.Server, name string) (*srvEnv, string) {
	tb.Helper()
	if name == "server" {
		id, key := srv.Credential()
		return srvClients(tb, f, srv, common.NewCredential(id, key)), key
	}
	keyID, _ := keyOf(tb, f, name)
	id, key, err := srv.KeyCredential(keyID)
	must(tb, err)
	return srvClients(tb, f, srv, common.NewCredential(id, key)), key
}

// wantDenied fails unless err is the server's AuthFailure.UnauthorizedOperation
// for action on resource, naming the caller and saying why, with no secret in
// it.
func wantDenied(tb testing.TB, err error, action, resource, why, secret string) {
	tb.Helper()
	wantSDKCode(tb, err, codeUnauthorized)
	var e *tcerr.TencentCloudSDKError
	errors.As(err, &e)
	for _, want := range []string{"(" + action + ")", "resource (" + resource + ")", why} {
		if !strings.Contains(e.Message, want) {
			tb.Errorf("message %q lacks %q", e.Message, want)
		}
	}
	if secret != "" && strings.Contains(err.Error(), secret) {
		tb.Errorf("the error shows the secret key: %v", err)
	}
}

func createRoleReq(owner uint64, name string) *camapi.CreateRoleRequest {
	req := camapi.NewCreateRoleRequest()
	req.RoleName = common.StringPtr(name)
	req.PolicyDocument = common.StringPtr(trustDoc(owner))
	return req
}

func attachRoleReq(policyID uint64, role string) *camapi.AttachRolePolicyRequest {
	req := camapi.NewAttachRolePolicyRequest()
	req.PolicyId = common.Uint64Ptr(policyID)
	req.AttachRoleName = common.StringPtr(role)
	return req
}

// TestServerAuthorization calls a read and two writes as each kind of caller
// and checks who is allowed what, and that denied calls never reach the Fake.
func TestServerAuthorization(t *testing.T) {
	t.Parallel()
	const (
		noPolicy = "no policy allows it"
		boundary = "its policies allow it but its permission boundary does not"
		denyStmt = `explicitly denied by policy "DenyAttachRolePolicy" statement[0]`
	)
	tests := []struct {
		caller                    string
		list, createRole, attach  string // "" allowed, else the reason for the denial
		listAction, attachTargets string
	}{
		{caller: "server"},
		{caller: "root"},
		{caller: "reader", createRole: noPolicy, attach: noPolicy},
		{caller: "admin-but", attach: denyStmt},
		{caller: "bounded", createRole: boundary, attach: boundary},
		{caller: "nobody", list: noPolicy, createRole: noPolicy, attach: noPolicy},
		// AttachRolePolicy is authorised at operation level: a statement
		// naming the role grants nothing.
		{caller: "named", list: noPolicy, createRole: noPolicy, attach: noPolicy},
		{caller: "office", list: noPolicy, createRole: noPolicy, attach: noPolicy},
		{caller: "loopback"},
		{caller: "self", createRole: noPolicy, attach: noPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.caller, func(t *testing.T) {
			t.Parallel()
			f, srv := authzEnv(t)
			e, secret := keyEnv(t, f, srv, tt.caller)
			who := ""
			if tt.caller != "server" && tt.caller != "root" {
				_, uin := keyOf(t, f, tt.caller)
				who = `sub-user "` + tt.caller + `" (UIN ` + itoa(uin) + `): `
			}
			check := func(err error, action, why string) {
				t.Helper()
				if why == "" {
					must(t, err)
					return
				}
				before := f.CallCount(cam.Action(action))
				wantDenied(t, err, "cam:"+action, "*", who+why, secret)
				if got := f.CallCount(cam.Action(action)); got != before {
					t.Errorf("a denied %s reached the fake", action)
				}
			}

			_, err := e.cam.ListUsers(camapi.NewListUsersRequest())
			check(err, "ListUsers", tt.list)

			_, err = e.cam.CreateRole(createRoleReq(f.OwnerUIN(), "made-by-"+tt.caller))
			check(err, "CreateRole", tt.createRole)
			_, gerr := f.GetRole(context.Background(), "made-by-"+tt.caller)
			if (gerr == nil) != (tt.createRole == "") {
				t.Errorf("role made by %s exists: %v, want %v", tt.caller, gerr == nil, tt.createRole == "")
			}

			_, err = e.cam.AttachRolePolicy(attachRoleReq(9, "Target")) // QcloudCamReadOnlyAccess
			check(err, "AttachRolePolicy", tt.attach)
		})
	}
}

// TestServerAuthorizationOff checks that without WithAuthorization a
// sub-user's key may do anything, and still acts as that sub-user.
func TestServerAuthorizationOff(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	must(t, f.Seed(authzSeed(f.OwnerUIN())))
	srv := camfake.NewServer(f)
	t.Cleanup(srv.Close)
	e, _ := keyEnv(t, f, srv, "nobody")
	keyID, uin := keyOf(t, f, "nobody")

	_, err := e.cam.CreateRole(createRoleReq(f.OwnerUIN(), "made-by-nobody"))
	must(t, err)
	r, err := e.cam.GetUserAppId(camapi.NewGetUserAppIdRequest())
	must(t, err)
	if *r.Response.Uin != itoa(uin) || *r.Response.OwnerUin != itoa(f.OwnerUIN()) {
		t.Errorf("GetUserAppId: Uin %s, OwnerUin %s; want %d, %d", *r.Response.Uin, *r.Response.OwnerUin, uin, f.OwnerUIN())
	}
	k, err := e.cam.ListAccessKeys(camapi.NewListAccessKeysRequest())
	must(t, err)
	if len(k.Response.AccessKeys) != 1 || *k.Response.AccessKeys[0].AccessKeyId != keyID {
		t.Errorf("ListAccessKeys without TargetUin: %d keys, want the caller's own %s", len(k.Response.AccessKeys), keyID)
	}

	// A root account key acts as the root account.
	root, _ := keyEnv(t, f, srv, "root")
	r, err = root.cam.GetUserAppId(camapi.NewGetUserAppIdRequest())
	must(t, err)
	if *r.Response.Uin != itoa(f.OwnerUIN()) {
		t.Errorf("GetUserAppId with a root key: Uin %s, want the owner", *r.Response.Uin)
	}
}

// TestServerKeyCredential checks the key credentials' lifecycle: the secret
// is stable, an unknown key is refused, and a disabled or deleted key stops
// working.
func TestServerKeyCredential(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, srv := authzEnv(t)
	keyID, uin := keyOf(t, f, "reader")
	id, key, err := srv.KeyCredential(keyID)
	must(t, err)
	if id != keyID || len(key) < 32 {
		t.Fatalf("KeyCredential = %q, %d-character key", id, len(key))
	}
	if _, again, _ := srv.KeyCredential(keyID); again != key {
		t.Error("KeyCredential made a second secret for the same key")
	}
	if _, _, err := srv.KeyCredential("AKIDnosuchkey"); !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("KeyCredential of an unknown key: %v, want cam.ErrNotFound", err)
	}
	if s := srv.String(); strings.Contains(s, key) {
		t.Errorf("String shows a key secret: %s", s)
	}

	e := srvClients(t, f, srv, common.NewCredential(id, key))
	list := func() error {
		_, err := e.cam.ListUsers(camapi.NewListUsersRequest())
		return err
	}
	must(t, list())
	must(t, f.UpdateAccessKey(ctx, uin, keyID, cam.KeyInactive))
	wantSDKCode(t, list(), "AuthFailure.SecretIdNotFound")
	must(t, f.UpdateAccessKey(ctx, uin, keyID, cam.KeyActive))
	must(t, list())
	must(t, f.DeleteAccessKey(ctx, uin, keyID))
	wantSDKCode(t, list(), "AuthFailure.SecretIdNotFound")
}

// TestServerAuthorizationRoles checks AssumeRole's own authorization (on the
// role's ARN) and what role sessions may do.
func TestServerAuthorizationRoles(t *testing.T) {
	t.Parallel()
	f, srv := authzEnv(t)
	owner := f.OwnerUIN()
	assume := func(e *srvEnv, role string) (*srvEnv, error) {
		t.Helper()
		req := stsapi.NewAssumeRoleRequest()
		req.RoleArn = common.StringPtr("qcs::cam::uin/" + itoa(owner) + ":roleName/" + role)
		req.RoleSessionName = common.StringPtr("test")
		r, err := e.sts.AssumeRole(req)
		if err != nil {
			return nil, err
		}
		c := r.Response.Credentials
		return srvClients(t, f, srv, common.NewTokenCredential(*c.TmpSecretId, *c.TmpSecretKey, *c.Token)), nil
	}
	root, _ := keyEnv(t, f, srv, "server")
	assumer, secret := keyEnv(t, f, srv, "assumer")
	reader, _ := keyEnv(t, f, srv, "reader")
	_, assumerUIN := keyOf(t, f, "assumer")

	t.Run("a sub-user allowed sts:AssumeRole on the role", func(t *testing.T) {
		s, err := assume(assumer, "Auditor")
		must(t, err)
		_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
		must(t, err)
		_, err = s.cam.CreateRole(createRoleReq(owner, "made-by-session"))
		wantDenied(t, err, "cam:CreateRole", "*", `a session of role "Auditor": no policy allows it`, "")
	})
	t.Run("a sub-user allowed sts:AssumeRole on another role", func(t *testing.T) {
		_, err := assume(assumer, "Target")
		wantDenied(t, err, "sts:AssumeRole", "qcs::cam::uin/"+itoa(owner)+":roleName/Target",
			`sub-user "assumer" (UIN `+itoa(assumerUIN)+`): no policy allows it`, secret)
	})
	t.Run("a sub-user without sts:AssumeRole", func(t *testing.T) {
		_, err := assume(reader, "Auditor")
		wantDenied(t, err, "sts:AssumeRole", "qcs::cam::uin/"+itoa(owner)+":roleName/Auditor", "no policy allows it", "")
	})
	t.Run("a session of a role that was deleted", func(t *testing.T) {
		s, err := assume(root, "Target")
		must(t, err)
		_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
		wantDenied(t, err, "cam:ListUsers", "*", `a session of role "Target": no policy allows it`, "")
		must(t, f.DeleteRole(context.Background(), "Target"))
		_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
		wantDenied(t, err, "cam:ListUsers", "*", `a session of role "Target": it no longer exists`, "")
	})
}

// TestServerAuthorizationAudit checks that CloudAudit's DescribeEvents is
// authorised as cloudaudit:DescribeEvents on "*".
func TestServerAuthorizationAudit(t *testing.T) {
	t.Parallel()
	f, srv := authzEnv(t)
	_, readerUIN := keyOf(t, f, "reader")
	reader, _ := keyEnv(t, f, srv, "reader")
	req := eventsReq(testNow.Add(-time.Hour), testNow, 0)
	_, err := reader.audit.DescribeEvents(req)
	wantDenied(t, err, "cloudaudit:DescribeEvents", "*", `sub-user "reader" (UIN `+itoa(readerUIN)+`): no policy allows it`, "")
	must(t, f.AttachUserPolicy(context.Background(), 10, readerUIN)) // QcloudAuditReadOnlyAccess
	_, err = reader.audit.DescribeEvents(req)
	must(t, err)
}

// TestServerAuthorizationLoad loads the Demo account through the real adapter
// signed with a read-only sub-user's key: every read is allowed, so the
// snapshot is complete and equals the Fake's own but for the caller; writes
// through the same adapter are refused as access denied.
func TestServerAuthorizationLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := camfake.Demo()
	must(t, f.Seed(camfake.Seed{Users: []camfake.SeedUser{{
		Name: "snapshot-bot", Policies: []string{"QcloudCamReadOnlyAccess"}, Keys: []camfake.SeedKey{{Description: "camkit load"}},
	}}}))
	srv := camfake.NewServer(f, camfake.WithAuthorization())
	t.Cleanup(srv.Close)
	keyID, uin := keyOf(t, f, "snapshot-bot")
	id, secret, err := srv.KeyCredential(keyID)
	must(t, err)
	client, err := tencent.New(common.NewCredential(id, secret),
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"),
		tencent.WithBackoff(func(int) time.Duration { return time.Millisecond }))
	must(t, err)

	load := func(r cam.Reader) *cam.Snapshot {
		t.Helper()
		// WithRateScale lifts the documented rate limits the adapter would
		// otherwise be paced at: the server enforces none.
		s, err := cam.Load(ctx, r, cam.WithClock(func() time.Time { return camfake.DemoTime }), cam.WithRateScale(1000))
		must(t, err)
		return s
	}
	direct, overWire := load(f), load(client)
	if len(overWire.Problems) != 0 {
		t.Fatalf("problems loading with a read-only key: %v", overWire.Problems)
	}
	if overWire.Account.CallerUIN != uin {
		t.Errorf("caller UIN %d, want the sub-user's %d", overWire.Account.CallerUIN, uin)
	}
	overWire.Account.CallerUIN = direct.Account.CallerUIN
	var a, b bytes.Buffer
	must(t, direct.WriteJSON(&a))
	must(t, overWire.WriteJSON(&b))
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("the snapshot loaded with the read-only key differs from the Fake's own:\n%s\nwant\n%s", b.Bytes(), a.Bytes())
	}

	_, err = client.CreateRole(ctx, cam.RoleInput{Name: "made-by-bot", TrustPolicy: trustDoc(f.OwnerUIN())})
	wantAccessDenied(t, err, "cam:CreateRole", secret)
	err = client.AttachRolePolicy(ctx, 1, "DevOps-Deploy-Dev")
	wantAccessDenied(t, err, "cam:AttachRolePolicy", secret)
	if _, err := f.GetRole(ctx, "made-by-bot"); !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("the refused CreateRole made the role: %v", err)
	}
}

// wantAccessDenied fails unless err, from the adapter, is the server's
// refusal of action: cam.ErrAccessDenied with Tencent Cloud's code.
func wantAccessDenied(tb testing.TB, err error, action, secret string) {
	tb.Helper()
	if !errors.Is(err, cam.ErrAccessDenied) {
		tb.Fatalf("err = %v, want cam.ErrAccessDenied", err)
	}
	var ae *cam.APIError
	if !errors.As(err, &ae) || ae.Code != codeUnauthorized || !strings.Contains(ae.Message, "("+action+")") {
		tb.Errorf("err = %#v, want a *cam.APIError %s naming %s", err, codeUnauthorized, action)
	}
	if strings.Contains(err.Error(), secret) {
		tb.Errorf("the error shows the secret key: %v", err)
	}
}

// BenchmarkServerAuthorization measures a signed round trip through the SDK
// over loopback HTTP to a server that authorizes calls, against the demo
// account with a read-only sub-user added: the root account (never
// evaluated), the sub-user's allowed ListUsers, and its refused CreateRole.
// BenchmarkServerListUsers is the same round trip without authorization.
func BenchmarkServerAuthorization(b *testing.B) {
	f := camfake.Demo(camfake.WithCallLog(0))
	must(b, f.Seed(camfake.Seed{Users: []camfake.SeedUser{{
		Name: "bench-reader", Groups: []string{"developers"},
		Policies: []string{"QcloudCamReadOnlyAccess"}, Boundary: "QcloudCamReadOnlyAccess",
		Keys: []camfake.SeedKey{{}},
	}}}))
	srv := camfake.NewServer(f, camfake.WithAuthorization())
	b.Cleanup(srv.Close)
	root, _ := keyEnv(b, f, srv, "server")
	reader, _ := keyEnv(b, f, srv, "bench-reader")
	list := func(e *srvEnv) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.cam.ListUsers(camapi.NewListUsersRequest()); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("root/ListUsers", list(root))
	b.Run("sub-user/ListUsers", list(reader))
	b.Run("sub-user/CreateRole-denied", func(b *testing.B) {
		req := createRoleReq(f.OwnerUIN(), "bench")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := reader.cam.CreateRole(req); sdkCode(b, err) != codeUnauthorized {
				b.Fatal(err)
			}
		}
	})
}
