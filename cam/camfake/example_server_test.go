package camfake_test

import (
	"errors"
	"fmt"

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
