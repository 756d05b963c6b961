package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

// Point the real adapter at camfake's wire server, which speaks the Tencent
// Cloud API 3.0 protocol for the demo account. Against a real account, drop
// WithEndpoint and WithScheme and use your own key (or tencent.NewFromEnv).
func ExampleNew() {
	srv := camfake.NewServer(camfake.Demo())
	defer srv.Close()
	secretID, secretKey := srv.Credential()

	c, err := tencent.New(common.NewCredential(secretID, secretKey),
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	acct, err := c.Account(ctx)
	if err != nil {
		log.Fatal(err)
	}
	users, _ := c.ListUsers(ctx)
	roles, _ := c.ListRoles(ctx)
	mfa, _ := c.GetMFA(ctx, users[5].UIN)
	fmt.Printf("owner %d: %d users, %d roles\n", acct.OwnerUIN, len(users), len(roles))
	fmt.Printf("%s has an MFA device for login: %v\n", users[5].Name, mfa.Login.Device())

	_, err = c.GetRole(ctx, "No-Such-Role")
	fmt.Println("not found:", errors.Is(err, cam.ErrNotFound))
	// Output:
	// owner 100000000001: 10 users, 8 roles
	// frank.wu has an MFA device for login: false
	// not found: true
}

// Read the account once and list the root account's own access keys for it,
// as cam.Load does through cam.RootKeysReader: RootAccessKeys alone would
// read the account (GetUserAppId) again.
func ExampleClient_RootAccessKeysOf() {
	srv := camfake.NewServer(camfake.Demo())
	defer srv.Close()
	secretID, secretKey := srv.Credential()
	c, err := tencent.New(common.NewCredential(secretID, secretKey),
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	acct, err := c.Account(ctx)
	if err != nil {
		log.Fatal(err)
	}
	var r cam.RootKeysReader = c
	keys, err := r.RootAccessKeysOf(ctx, acct)
	if err != nil {
		log.Fatal(err)
	}
	for _, k := range keys {
		fmt.Printf("root key owned by %d: %s\n", k.UserUIN, k.Status)
	}
	// Output:
	// root key owned by 100000000001: Active
}
