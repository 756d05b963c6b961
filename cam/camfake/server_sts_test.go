package camfake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func assumeReq(arn, session string, secs uint64) *stsapi.AssumeRoleRequest {
	r := stsapi.NewAssumeRoleRequest()
	r.RoleArn, r.RoleSessionName = common.StringPtr(arn), common.StringPtr(session)
	if secs > 0 {
		r.DurationSeconds = common.Uint64Ptr(secs)
	}
	return r
}

func TestServerAssumeRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	role, err := e.fake.GetRole(ctx, "Dev-View-Dev")
	must(t, err)

	before := time.Now()
	r, err := e.sts.AssumeRole(assumeReq(role.ARN, "alice@example.com", 0))
	must(t, err)
	cr := r.Response.Credentials
	exp, err := time.Parse(time.RFC3339, *r.Response.Expiration)
	must(t, err)
	if *r.Response.ExpiredTime != exp.Unix() || exp.Before(before.Add(7200*time.Second-time.Second)) || exp.After(time.Now().Add(7200*time.Second)) {
		t.Errorf("expiry %s (%d), want about two hours from now", *r.Response.Expiration, *r.Response.ExpiredTime)
	}
	if *cr.TmpSecretId == "" || *cr.TmpSecretKey == "" || *cr.Token == "" {
		t.Fatalf("credentials incomplete: %+v", cr)
	}

	temp := srvClients(t, e.fake, e.srv, common.NewTokenCredential(*cr.TmpSecretId, *cr.TmpSecretKey, *cr.Token))
	lr, err := temp.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
	if len(lr.Response.Data) == 0 {
		t.Error("temporary credentials: no users")
	}
	_, err = temp.sts.AssumeRole(assumeReq(role.ARN, "chain", 0))
	wantSDKCode(t, err, "FailedOperation.TempKeyNotAllowed")

	noToken := srvClients(t, e.fake, e.srv, common.NewCredential(*cr.TmpSecretId, *cr.TmpSecretKey))
	_, err = noToken.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "AuthFailure.TokenFailure")
	badToken := srvClients(t, e.fake, e.srv, common.NewTokenCredential(*cr.TmpSecretId, *cr.TmpSecretKey, "forged"))
	_, err = badToken.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "AuthFailure.TokenFailure")
	badKey := srvClients(t, e.fake, e.srv, common.NewTokenCredential(*cr.TmpSecretId, "guess", *cr.Token))
	_, err = badKey.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "AuthFailure.SignatureFailure")

	// A role named by ID in its ARN works too.
	byID := strings.Replace(role.ARN, ":roleName/"+role.Name, ":role/"+role.ID, 1)
	_, err = e.sts.AssumeRole(assumeReq(byID, "by-id", 900))
	must(t, err)
}

func TestServerAssumeRoleExpires(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	role, err := e.fake.GetRole(ctx, "Billing-View")
	must(t, err)
	r, err := e.sts.AssumeRole(assumeReq(role.ARN, "short", 240))
	must(t, err)
	cr := r.Response.Credentials
	temp := srvClients(t, e.fake, e.srv, common.NewTokenCredential(*cr.TmpSecretId, *cr.TmpSecretKey, *cr.Token))
	_, err = temp.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
	// Four and a half minutes later the request timestamp is still fresh
	// enough, but the four-minute credentials have expired.
	e.srv.SetClock(func() time.Time { return time.Now().Add(270 * time.Second) })
	_, err = temp.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "AuthFailure.TokenFailure")
	// The permanent credential is unaffected.
	_, err = e.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
	e.srv.SetClock(nil)
	_, err = temp.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
}

func TestServerAssumeRoleErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	role, err := e.fake.GetRole(ctx, "Dev-View-Dev")
	must(t, err)
	breakGlass, err := e.fake.GetRole(ctx, "BreakGlass-Admin") // one-hour sessions
	must(t, err)
	otherOwner := strings.Replace(role.ARN, "uin/", "uin/9", 1)
	tests := []struct {
		name string
		req  *stsapi.AssumeRoleRequest
		code string
	}{
		{"no ARN", assumeReq("", "s1", 0), "MissingParameter"},
		{"no session name", assumeReq(role.ARN, "", 0), "MissingParameter"},
		{"session name too short", assumeReq(role.ARN, "a", 0), "InvalidParameter.ParamError"},
		{"session name with a space", assumeReq(role.ARN, "bad name", 0), "InvalidParameter.ParamError"},
		{"session name too long", assumeReq(role.ARN, strings.Repeat("x", 129), 0), "InvalidParameter.ParamError"},
		{"duration over 12 hours", assumeReq(role.ARN, "s1", 43201), "InvalidParameter.OverTimeError"},
		{"duration over the role's maximum", assumeReq(breakGlass.ARN, "s1", 7200), "InvalidParameter.OverTimeError"},
		{"malformed ARN", assumeReq("arn:aws:iam::1:role/x", "s1", 0), "InvalidParameter.ParamError"},
		{"unknown role", assumeReq(strings.Replace(role.ARN, role.Name, "Nope", 1), "s1", 0), "ResourceNotFound.RoleNotFound"},
		{"unknown role ID", assumeReq(strings.Replace(role.ARN, ":roleName/"+role.Name, ":role/123", 1), "s1", 0), "ResourceNotFound.RoleNotFound"},
		{"another account's role", assumeReq(otherOwner, "s1", 0), "ResourceNotFound.RoleNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.sts.AssumeRole(tt.req)
			wantSDKCode(t, err, tt.code)
		})
	}
	// A 12-hour session on a role without its own maximum is fine.
	long, err := e.fake.CreateRole(ctx, cam.RoleInput{Name: "Long", TrustPolicy: srvTrust(e.fake.OwnerUIN())})
	must(t, err)
	_, err = e.sts.AssumeRole(assumeReq(long.ARN, "s1", camfake.MaxSessionDuration))
	must(t, err)
}
