package camfake_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/camkit/camkit/cam/camfake"
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
// own access key, made usable by KeyCredential: it may list users but not
// create a role.
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
	fmt.Println("ListUsers:", len(resp.Response.Data), "sub-user")

	req := camapi.NewCreateRoleRequest()
	req.RoleName = common.StringPtr("escalate")
	req.PolicyDocument = common.StringPtr(fmt.Sprintf(
		`{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/%d:uin/%d"]},"action":["name/sts:AssumeRole"]}]}`,
		f.OwnerUIN(), u.UIN))
	_, err = client.CreateRole(req)
	var e *tcerr.TencentCloudSDKError
	if errors.As(err, &e) {
		fmt.Println("CreateRole:", e.Code)
		fmt.Println(strings.Contains(e.Message, "(cam:CreateRole) resource (*)"))
	}
	// Output:
	// ListUsers: 1 sub-user
	// CreateRole: AuthFailure.UnauthorizedOperation
	// true
}
