package camtest_test

import (
	"context"
	"fmt"

	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/camtest"
)

// Run the conformance suite against the in-memory fake. The same call works
// against the real adapter (cam/tencent), pointed at camfake's wire server or
// at a test account.
func ExampleTestAPI() {
	ctx := context.Background()
	f := camfake.New(camfake.WithSeed(camfake.Seed{
		Groups: []camfake.SeedGroup{{Name: "testers"}},
		Users:  []camfake.SeedUser{{Name: "tess"}},
	}))
	user, _ := f.GetUser(ctx, "tess")
	groups, _ := f.ListGroups(ctx)

	err := camtest.TestAPI(ctx, f, camtest.Fixture{UserUIN: user.UIN, UserName: user.Name, GroupID: groups[0].ID})
	fmt.Println("conformance errors:", err)
	// Output:
	// conformance errors: <nil>
}
