// Command plan-roles plans and applies the IAM guide's standard role
// catalogue on the "example corp" demo account (an in-memory camfake account,
// no credentials needed): it validates the catalogue, assigns roles to
// people (a permanent production deploy grant and an eight-hour break-glass
// grant, each with a permission ticket), prints the plan, applies it,
// appends the change record to a change log, prints one role's documentation,
// and shows that planning again finds nothing to do. The demo's hand-made
// roles of the same names (Platform-ReadOnly, Billing-View and the deploy
// roles) are reported as conflicts and left alone: camkit changes only what
// it made.
//
// Against a real account, replace camfake.Demo() with cam/tencent's client
// (tencent.NewFromEnv()) and drop the cam.WithClock options, which only make
// the loads follow the demo account's fixed clock; everything else reads the
// account from the snapshot.
// Planning needs only read access to CAM (cam:Get*, cam:List*,
// cam:DescribeRoleList, cam:DescribeSafeAuthFlagColl,
// cam:DescribeSubAccounts); applying also needs cam:CreatePolicy,
// cam:CreatePolicyVersion, cam:DeletePolicyVersion, cam:UpdatePolicy,
// cam:DeletePolicy, cam:CreateRole, cam:UpdateAssumeRolePolicy,
// cam:UpdateRoleDescription, cam:UpdateRoleSessionDuration, cam:TagRole,
// cam:UntagRole, cam:AttachRolePolicy, cam:DetachRolePolicy,
// cam:PutRolePermissionsBoundary, cam:DeleteRolePermissionsBoundary,
// cam:AttachUserPolicy and cam:DetachUserPolicy.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/roles"
)

func main() {
	ctx := context.Background()
	account := camfake.Demo()

	// The demo account's clock is fixed; load with it so grants expire on its time.
	snap, err := cam.Load(ctx, account, cam.WithClock(account.Now))
	if err != nil {
		log.Fatal(err)
	}
	now := snap.Taken

	catalog := roles.Standard(snap.Account.OwnerUIN, roles.WithOfficeIPs("10.20.0.0/16"))
	if err := catalog.Validate(); err != nil {
		log.Fatal(err)
	}
	assignments := []roles.Assignment{
		{User: "erin.lopez", Role: "DevOps-Deploy-Dev"},
		{User: "bob.singh", Role: "Security-Audit"},
		{User: "alice.chen", Role: "DevOps-Deploy-Prod", Ticket: roles.Ticket{
			ID: "OPS-101", Why: "platform lead deploys releases", Resources: []string{"prod"}, ApprovedBy: "cto"}},
		{User: "alice.chen", Role: "Break-Glass-Admin", Until: now.Add(8 * time.Hour), Ticket: roles.Ticket{
			ID: "INC-2042", Why: "database failover", Resources: []string{"prod"}, RequestedBy: "alice.chen", ApprovedBy: "bob.singh"}},
	}
	plan, err := catalog.Plan(snap, assignments...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("## Plan")
	fmt.Print(plan)

	record, err := roles.Apply(ctx, account, plan, roles.ChangeRecord{
		Why:        "adopt the standard role catalogue",
		ApprovedBy: "security lead",
		Ticket:     roles.Ticket{ID: "CHG-7", Why: "least-privilege roles"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\n## Change record (one JSON line, appended to the change log)")
	if err := record.AppendLog(os.Stdout); err != nil {
		log.Fatal(err)
	}

	fmt.Println("\n## Role documentation")
	if err := roles.WriteRoleMarkdown(os.Stdout, catalog, "DevOps-Deploy-Prod"); err != nil {
		log.Fatal(err)
	}

	snap, err = cam.Load(ctx, account, cam.WithClock(account.Now))
	if err != nil {
		log.Fatal(err)
	}
	again, err := catalog.Plan(snap, assignments...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\n## Plan after apply")
	fmt.Print(again)
}
