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
