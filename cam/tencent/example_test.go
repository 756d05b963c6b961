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

	// The root account's own keys, for the account already read: the
	// Client is a cam.RootKeysReader, which is how cam.Load spares a second
	// GetUserAppId.
	var rk cam.RootKeysReader = c
	rootKeys, _ := rk.RootAccessKeysOf(ctx, acct)
	fmt.Printf("the root account has %d access key(s)\n", len(rootKeys))

	_, err = c.GetRole(ctx, "No-Such-Role")
	fmt.Println("not found:", errors.Is(err, cam.ErrNotFound))
	// Output:
	// owner 100000000001: 10 users, 8 roles
	// frank.wu has an MFA device for login: false
	// the root account has 1 access key(s)
	// not found: true
}
