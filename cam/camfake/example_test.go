package camfake_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// Demo is a small company account with the problems the IAM guide warns
// about; any code written against cam.API runs against it.
func Example() {
	ctx := context.Background()
	f := camfake.Demo()

	users, _ := f.ListUsers(ctx)
	for _, u := range users {
		mfa, _ := f.GetMFA(ctx, u.UIN)
		direct, _ := f.ListUserPolicies(ctx, u.UIN, cam.AttachDirect)
		if u.ConsoleLogin && !mfa.Login.Device() {
			fmt.Printf("%s: console login without an MFA device\n", u.Name)
		}
		for _, a := range direct {
			fmt.Printf("%s: %s attached directly\n", u.Name, a.PolicyName)
		}
	}

	_, err := f.GetRole(ctx, "No-Such-Role")
	fmt.Println(errors.Is(err, cam.ErrNotFound))
	// Output:
	// dave.kim: AdministratorAccess attached directly
	// frank.wu: console login without an MFA device
	// ops-admin: console login without an MFA device
	// ops-admin: legacy-full-access attached directly
	// backup-sync: QcloudCOSFullAccess attached directly
	// true
}

// Faults make a call fail the way the service can: here GetMFA
// (DescribeSafeAuthFlagColl) always fails for one user.
func ExampleFake_Inject() {
	ctx := context.Background()
	f := camfake.Demo()
	remove := f.Inject(camfake.Fault{
		Action: "DescribeSafeAuthFlagColl",
		Match:  func(c camfake.Call) bool { return c.UserName == "frank.wu" },
		Err:    &cam.APIError{Code: "InternalError", Message: "backend unavailable"},
	})
	u, _ := f.GetUser(ctx, "frank.wu")
	_, err := f.GetMFA(ctx, u.UIN)
	fmt.Println(err)
	remove()
	_, err = f.GetMFA(ctx, u.UIN)
	fmt.Println(err)
	// Output:
	// cam: DescribeSafeAuthFlagColl: InternalError: backend unavailable (request 00000000-0000-4000-8000-000000000002)
	// <nil>
}

// Seed builds an account from plain data.
func ExampleMustSeed() {
	ctx := context.Background()
	f := camfake.MustSeed(camfake.Seed{
		Groups: []camfake.SeedGroup{{Name: "ops", Policies: []string{"ReadOnlyAccess"}}},
		Users:  []camfake.SeedUser{{Name: "ann", Groups: []string{"ops"}}},
	})
	u, _ := f.GetUser(ctx, "ann")
	atts, _ := f.ListUserPolicies(ctx, u.UIN, cam.AttachAll)
	fmt.Println(atts[0].PolicyName, atts[0].GroupID != 0)
	// Output: ReadOnlyAccess true
}
