package camfake_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

// The real Tencent Cloud SDK talks to a wire server over the demo account:
// point the client's endpoint at the server, use plain HTTP, and sign with the
// server's credential.
func ExampleNewServer() {
	srv := camfake.NewServer(camfake.Demo())
	defer srv.Close()

	id, key := srv.Credential()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	client, err := camapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	if err != nil {
		fmt.Println(err)
		return
	}

	resp, err := client.ListUsers(camapi.NewListUsersRequest())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(resp.Response.Data), "sub-users, the first is", *resp.Response.Data[0].Name)

	// Errors arrive as the SDK's own error type, with CAM's codes.
	req := camapi.NewGetUserRequest()
	req.Name = common.StringPtr("mallory")
	_, err = client.GetUser(req)
	var e *tcerr.TencentCloudSDKError
	if errors.As(err, &e) {
		fmt.Println(e.Code)
	}
	// Output:
	// 10 sub-users, the first is alice.chen
	// ResourceNotFound.UserNotExist
}

// A server's printed form shows its URL and secret ID, never its secret key.
func ExampleServer_String() {
	srv := camfake.NewServer(nil)
	defer srv.Close()
	id, _ := srv.Credential()
	fmt.Println(srv.String() == "camfake.Server{URL: "+srv.URL+", SecretId: "+id+"}")
	// Output: true
}

// With WithAuthorization the server decides each call by the caller's CAM
// policies. Here a sub-user holding only QcloudCamReadOnlyAccess signs with its
// own access key, made usable by KeyCredential, through camkit's adapter over
// the real SDK: it may list users but not create a role, and the refusal is
// cam.ErrAccessDenied with Tencent Cloud's code.
func ExampleWithAuthorization() {
	f := camfake.MustSeed(camfake.Seed{Users: []camfake.SeedUser{{
		Name:     "auditor",
		Policies: []string{"QcloudCamReadOnlyAccess"},
		Keys:     []camfake.SeedKey{{Description: "read-only key"}},
	}}})
	srv := camfake.NewServer(f, camfake.WithAuthorization())
	defer srv.Close()

	ctx := context.Background()
	u, _ := f.GetUser(ctx, "auditor")
	keys, _ := f.ListAccessKeys(ctx, u.UIN)
	id, key, err := srv.KeyCredential(keys[0].ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := tencent.New(common.NewCredential(id, key),
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		fmt.Println(err)
		return
	}

	users, err := client.ListUsers(ctx)
	fmt.Println("ListUsers:", len(users), "sub-user,", err)

	_, err = client.CreateRole(ctx, cam.RoleInput{
		Name:        "escalate",
		TrustPolicy: fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/%d:uin/%d"]},"action":["name/sts:AssumeRole"]}]}`, f.OwnerUIN(), u.UIN),
	})
	var ae *cam.APIError
	if errors.As(err, &ae) {
		fmt.Println("CreateRole:", ae.Code, errors.Is(err, cam.ErrAccessDenied))
		fmt.Println(strings.Contains(ae.Message, "(cam:CreateRole) resource (*)"))
	}
	// Output:
	// ListUsers: 1 sub-user, <nil>
	// CreateRole: AuthFailure.UnauthorizedOperation true
	// true
}

// The Fake records each call that reaches it through the server, and the
// audit event of each write, as made by whoever signed the request: here a
// sub-user with its own key, then a session of a role that sub-user assumed,
// which CloudAudit names by the role.
func ExampleCaller() {
	f := camfake.MustSeed(camfake.Seed{
		Users: []camfake.SeedUser{{Name: "deployer", Keys: []camfake.SeedKey{{Description: "CI key"}}}},
	})
	ctx := context.Background()
	_, err := f.CreateRole(ctx, cam.RoleInput{Name: "Deploy",
		TrustPolicy: fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/%d:root"]},"action":["name/sts:AssumeRole"]}]}`, f.OwnerUIN())})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := camfake.NewServer(f)
	defer srv.Close()
	u, _ := f.GetUser(ctx, "deployer")
	keys, _ := f.ListAccessKeys(ctx, u.UIN)
	id, key, err := srv.KeyCredential(keys[0].ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = srv.Endpoint(), "http"
	create := func(cred common.CredentialIface, name string) {
		client, _ := camapi.NewClient(cred, "ap-guangzhou", cpf)
		req := camapi.NewCreatePolicyRequest()
		req.PolicyName = common.StringPtr(name)
		req.PolicyDocument = common.StringPtr(`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}]}`)
		if _, err := client.CreatePolicy(req); err != nil {
			fmt.Println(err)
		}
	}
	create(common.NewCredential(id, key), "by-key")

	stsClient, _ := stsapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	assume := stsapi.NewAssumeRoleRequest()
	assume.RoleArn = common.StringPtr(fmt.Sprintf("qcs::cam::uin/%d:roleName/Deploy", f.OwnerUIN()))
	assume.RoleSessionName = common.StringPtr("release-42")
	r, err := stsClient.AssumeRole(assume)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := r.Response.Credentials
	create(common.NewTokenCredential(*c.TmpSecretId, *c.TmpSecretKey, *c.Token), "by-session")

	for _, call := range f.Calls() {
		if call.Action == "CreatePolicy" {
			fmt.Printf("%s by %s, role %q, session %q\n", call.Action, call.Caller.UserName, call.Caller.Role, call.Caller.Session)
		}
	}
	events, _ := f.Events(ctx, cam.EventQuery{Start: f.Now().Add(-time.Hour), End: f.Now().Add(time.Hour), Names: []string{"CreatePolicy"}})
	for _, e := range events {
		fmt.Println("audit:", e.Principal, e.PrincipalUIN == u.UIN)
	}
	// Output:
	// CreatePolicy by deployer, role "", session ""
	// CreatePolicy by deployer, role "Deploy", session "release-42"
	// audit: deployer true
	// audit: Deploy true
}
