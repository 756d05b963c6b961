package roles_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

func ExampleConvention_Validate() {
	c := roles.DefaultConvention()
	for _, name := range []string{"DevOps-Deploy-Prod", "Break-Glass-Admin", "temp-admin", "Admin2"} {
		if err := c.Validate(name); err != nil {
			fmt.Println(err)
			continue
		}
		n, _ := c.Parse(name)
		fmt.Printf("%s: team %s, function %s, env %q\n", name, n.Team, n.Function, n.Env)
	}
	// Output:
	// DevOps-Deploy-Prod: team DevOps, function Deploy, env "Prod"
	// Break-Glass-Admin: team Break, function Glass-Admin, env ""
	// roles: role name "temp-admin": part 1 "temp" must start with an upper-case letter (PascalCase such as "ReadOnly" or an abbreviation such as "TKE"); a good name is <Team>-<Function>[-<Env>] in PascalCase, for example "DevOps-Deploy-Prod"
	// roles: role name "Admin2": part 1 "Admin2" ends in a digit; numbered copies such as "Admin2" hide what a role is for; a good name is <Team>-<Function>[-<Env>] in PascalCase, for example "DevOps-Deploy-Prod"
}

func ExampleStandard() {
	c := roles.Standard(100000000001, roles.WithOfficeIPs("198.18.0.0/15"))
	if err := c.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range c.Roles() {
		fmt.Printf("%-18s %-10s can %d, cannot %d\n", d.Name, d.Tier, len(d.Can), len(d.Cannot))
	}
	// Output:
	// Platform-ReadOnly  ReadOnly   can 5, cannot 5
	// Billing-View       ReadOnly   can 3, cannot 3
	// Security-Audit     ReadOnly   can 5, cannot 6
	// DevOps-Deploy-Dev  DevTest    can 6, cannot 7
	// DevOps-Deploy-Prod Production can 3, cannot 6
	// Break-Glass-Admin  BreakGlass can 2, cannot 2
}

func ExampleCatalog_Plan() {
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	account := camfake.New(camfake.WithClock(func() time.Time { return now }),
		camfake.WithSeed(camfake.Seed{Users: []camfake.SeedUser{{Name: "erin"},
			{Name: "bob", MFA: cam.MFASettings{Operation: cam.MFAFactors{Stoken: true}}}}}))
	catalog := roles.Standard(account.OwnerUIN())
	assignments := []roles.Assignment{
		{User: "erin", Role: "DevOps-Deploy-Dev"},
		{User: "bob", Role: "Break-Glass-Admin", Until: now.Add(4 * time.Hour),
			Ticket: roles.Ticket{ID: "INC-1", Why: "failover", ApprovedBy: "alice"}},
	}

	snap, _ := cam.Load(ctx, account, cam.WithClock(account.Now))
	plan, err := catalog.Plan(snap, assignments...)
	if err != nil {
		fmt.Println(err)
		return
	}
	add, change, remove := plan.Counts()
	fmt.Printf("%d to add, %d to change, %d to remove; environments %v\n", add, change, remove, plan.Environments())
	fmt.Println(plan.Changes[0])

	record, err := roles.Apply(ctx, account, plan, roles.ChangeRecord{Why: "adopt the standard roles", ApprovedBy: "security lead"})
	fmt.Println(record.Done(), "changes done, error:", err)

	snap, _ = cam.Load(ctx, account, cam.WithClock(account.Now))
	plan, _ = catalog.Plan(snap, assignments...)
	fmt.Print(plan)
	// Output:
	// 26 to add, 0 to change, 0 to remove; environments [all dev prod]
	// + create-policy Platform-ReadOnly-Policy
	// 26 changes done, error: <nil>
	// No changes.
}

func ExampleWriteRoleMarkdown() {
	_ = roles.WriteRoleMarkdown(os.Stdout, roles.Standard(100000000001), "Billing-View")
	// Output:
	// ## Billing-View
	//
	// View bills, cost reports and invoices; no billing settings and no other service.
	//
	// - **Tier:** 1 (ReadOnly): no writes, no permission management, no billing changes
	// - **Who should hold it:** finance
	// - **Session:** CAM default (2h); console login: yes
	// - **Trust:** only the users assigned to it
	//
	// ### Can
	//
	// | what | action | resource | context |
	// |---|---|---|---|
	// | View bills. | `finance:DescribeBillList` | `*` |  |
	// | View costs by product. | `finance:DescribeCostSummaryByProduct` | `*` |  |
	// | View the account balance. | `finance:DescribeAccountBalance` | `*` |  |
	//
	// ### Cannot
	//
	// | what | action | resource | context |
	// |---|---|---|---|
	// | Pay or change nothing in billing. | `finance:PayDeals` | `*` |  |
	// | See billing only, not infrastructure. | `cvm:DescribeInstances` | `*` |  |
	// | Change no IAM policy. | `cam:CreatePolicyVersion` | `*` |  |
	//
	// ### Policies
	//
	// - Billing-View-Policy (custom, 1 statement(s))
}

func ExampleNewCatalog() {
	view := roles.Definition{
		Name:    "Ops-View",
		Tier:    tiers.ReadOnly,
		Purpose: "See instances and their disks.",
		Holders: []string{"support"},
		Policies: []roles.Policy{{Document: policy.New(
			policy.Allow("cvm:DescribeInstances", "cvm:DescribeDisks").On("*"),
		)}},
		Can: []roles.Intent{
			roles.Intend("List instances.", "cvm:DescribeInstances", "*"),
			roles.Intend("Reboot stuck instances.", "cvm:RebootInstances", "*"),
		},
		Cannot: []roles.Intent{roles.Intend("Terminate nothing.", "cvm:TerminateInstances", "*")},
	}
	c, err := roles.NewCatalog(view)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Validate())
	// Output:
	// roles: role Ops-View: can[1] "Reboot stuck instances.": cvm:RebootInstances on * should be allowed, but implicit deny: no statement allows cvm:RebootInstances on *
}

func ExampleCatalog_Documents() {
	c, err := roles.NewCatalog(roles.Definition{
		Name: "Logs-View-Dev", Tier: tiers.ReadOnly, Purpose: "Read the development logs.",
		Policies: []roles.Policy{
			{Preset: "QcloudCLSReadOnlyAccess"},
			{Document: policy.New(policy.Allow("monitor:GetMonitorData").On("*"))},
		},
		Boundary: policy.New(policy.Allow("cls:*", "monitor:*").On("*")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Presets come from a resolver; against an account, use
	// roles.PresetList(roles.SnapshotPresets(snap)...). This stand-in gives a
	// two-statement document.
	c = c.WithPresets(roles.PresetList(roles.Preset{Name: "QcloudCLSReadOnlyAccess",
		Document: policy.New(policy.Allow("cls:SearchLog").On("*"), policy.Allow("cls:DescribeTopics").On("*"))}))

	docs, err := c.Documents("Logs-View-Dev")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range docs.Policies {
		fmt.Printf("policy %s: %d statement(s)\n", p.Name, len(p.Doc.Statement))
	}
	fmt.Printf("boundary %s: %d statement(s)\n", docs.Boundary.Name, len(docs.Boundary.Doc.Statement))

	// A decision's statement references point into the documents.
	e, _ := c.Evaluator("Logs-View-Dev")
	d := e.Evaluate(policy.Request{Action: "cls:DescribeTopics", Resource: "*"})
	for _, ref := range d.Statements() {
		doc := docs.Policies[ref.Document].Doc
		if ref.Boundary {
			doc = docs.Boundary.Doc
		}
		fmt.Println(ref, "grants", doc.Statement[ref.Statement].Action)
	}
	// Output:
	// policy QcloudCLSReadOnlyAccess: 2 statement(s)
	// policy Logs-View-Dev-Policy: 1 statement(s)
	// boundary Logs-View-Dev-Boundary: 1 statement(s)
	// policy "QcloudCLSReadOnlyAccess" statement[1] grants [cls:DescribeTopics]
	// boundary "Logs-View-Dev-Boundary" statement[0] grants [cls:* monitor:*]
}
