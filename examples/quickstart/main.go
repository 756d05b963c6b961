// Command quickstart is camkit's walk-through. It needs no credentials and no
// network: everything runs on camfake's built-in demo account.
//
// It builds a least-privilege policy with the typed builder, prints it as the
// canonical JSON CAM receives, validates and lints it, and asks the evaluator a
// few questions, printing each explained decision. Then it serves the demo
// account over Tencent Cloud API 3.0 on loopback, reads the whole account with
// the real Tencent SDK adapter (cam/tencent) and cam.Load, lints the account's
// custom policies, and decides what its users and roles can really do with
// the snapshot's exact evaluators (policies held directly and through groups,
// within permission boundaries) and who can assume which role.
//
// Finally it runs the account the IAM guide's way: it classifies the demo's
// roles into tiers, plans and applies the guide's standard role catalogue
// through the adapter (printing the plan, one role's documentation and where
// the change record went), proves the catalogue's Can and Cannot with the
// permission-test harness (and shows a misspelled action caught), and reviews
// the account, writing HTML and Markdown reports to the temporary directory.
//
// Against a real account the second half is the same code with
// tencent.NewFromEnv instead of the loopback server; it then needs the
// read-only CAM permissions listed in package cam/tencent's documentation.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
	"github.com/camkit/camkit/policy"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

const owner = camfake.DefaultOwnerUIN

func main() {
	log.SetFlags(0)
	if err := buildAndDecide(); err != nil {
		log.Fatal(err)
	}
	if err := reviewDemoAccount(context.Background()); err != nil {
		log.Fatal(err)
	}
}

// buildAndDecide is part 1: a policy written in code, checked and evaluated offline.
func buildAndDecide() error {
	section("1. A least-privilege deploy policy, built in code")
	instances := policy.Resource{Service: "cvm", Region: "ap-guangzhou", Account: policy.UIN(owner), Path: "instance/*"}
	doc := policy.New(
		policy.Allow("cvm:DescribeInstances", "cvm:DescribeInstancesStatus").On("*"),
		policy.Allow("cvm:StartInstances", "cvm:StopInstances", "cvm:RebootInstances").
			On(instances.String()).
			When(policy.ResourceTagEqual("env", "dev"), policy.IPEqual(policy.KeyIP, "10.0.0.0/8")),
		policy.Deny("cvm:TerminateInstances").On("*"),
	)
	if err := doc.Validate(); err != nil {
		return fmt.Errorf("the built policy is invalid: %w", err)
	}
	fmt.Println(doc.Indent())
	fmt.Printf("canonical form sent to CAM: %d characters (limit %d)\n", len([]rune(doc.Canonical())), policy.MaxDocumentLength)

	section("2. Lint")
	findings := policy.Lint(doc)
	if len(findings) == 0 {
		fmt.Println("no findings")
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	risky, err := policy.Parse([]byte(`{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*"}}`))
	if err != nil {
		return err
	}
	fmt.Println("\na policy that allows everything:")
	for _, f := range policy.Lint(risky) {
		fmt.Println(f)
	}

	section("3. Decisions, explained")
	ev, err := policy.CompileNamed(policy.Named{Name: "DevOps-Deploy-Dev", Doc: doc})
	if err != nil {
		return err
	}
	ins := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1a2b3c4d"
	requests := []policy.Request{
		{Action: "cvm:DescribeInstances", Resource: "*"},
		{Action: "cvm:StopInstances", Resource: ins, Context: map[string][]string{
			policy.KeyIP: {"10.1.2.3"}, policy.KeyResourceTag: {"env&dev"}}},
		{Action: "cvm:StopInstances", Resource: ins, Context: map[string][]string{
			policy.KeyIP: {"203.0.113.9"}, policy.KeyResourceTag: {"env&dev"}}},
		{Action: "cvm:TerminateInstances", Resource: ins},
		{Action: "cam:AttachUserPolicy", Resource: "*"},
	}
	for _, r := range requests {
		fmt.Println(ev.Evaluate(r))
	}
	return nil
}

// reviewDemoAccount is part 2: the demo account read through the real SDK
// adapter, over the wire protocol, then examined offline.
func reviewDemoAccount(ctx context.Context) error {
	section("4. The demo account, read with the real SDK adapter over loopback")
	demo := camfake.Demo()
	srv := camfake.NewServer(demo)
	defer srv.Close()
	id, key := srv.Credential()
	client, err := tencent.New(common.NewCredential(id, key),
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	// The demo account lives at a fixed date (camfake.DemoTime): take the
	// snapshot at its clock, so key ages and login gaps are the ones the demo
	// documents. Against a real account, leave WithClock out.
	snap, err := cam.Load(ctx, client, cam.WithClock(demo.Now))
	if err != nil {
		return err
	}
	fmt.Printf("account %d: %d users, %d groups, %d roles, %d policies, %d problems\n",
		snap.Account.OwnerUIN, len(snap.Users), len(snap.Groups), len(snap.Roles), len(snap.Policies), len(snap.Problems))
	for _, p := range snap.Problems {
		fmt.Println("could not read:", p)
	}

	section("5. Lint: high-risk findings in custom policies, all findings in trust policies")
	lesser := 0
	for _, p := range snap.Policies {
		if p.Type != cam.PolicyCustom || p.Parsed == nil {
			continue
		}
		for _, f := range policy.LintWith(p.Parsed, policy.LintOptions{OwnerUIN: snap.Account.OwnerUIN}) {
			if f.Severity < policy.SeverityHigh {
				lesser++
				continue
			}
			fmt.Printf("%-20s %s\n", p.Name, f)
		}
	}
	for _, r := range snap.Roles {
		if r.Trust == nil {
			continue
		}
		for _, f := range policy.LintWith(r.Trust, policy.LintOptions{OwnerUIN: snap.Account.OwnerUIN}) {
			fmt.Printf("%-20s %s\n", "role "+r.Name, f)
		}
	}
	fmt.Printf("(and %d findings of lower severity)\n", lesser)

	section("6. What can these users really do?")
	for _, q := range []struct {
		user string
		req  policy.Request
	}{
		{"dave.kim", policy.Request{Action: "cam:AttachUserPolicy", Resource: "*"}},
		{"erin.lopez", policy.Request{Action: "cam:AttachUserPolicy", Resource: "*"}},
		{"frank.wu", policy.Request{Action: "cvm:TerminateInstances",
			Resource: "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod-1"}},
	} {
		d, err := decideForUser(snap, q.user, q.req)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %s\n", q.user, d)
	}

	for _, q := range []struct {
		role string
		req  policy.Request
	}{
		{"DevOps-Deploy-Dev", policy.Request{Action: "cam:AttachUserPolicy", Resource: "*"}},
		{"BreakGlass-Admin", policy.Request{Action: "cam:AttachUserPolicy", Resource: "*"}},
	} {
		ev, err := snap.RoleEvaluator(q.role)
		if err != nil {
			return err
		}
		fmt.Printf("role %s: %s\n", q.role, ev.Evaluate(q.req))
	}

	section("7. Who can assume the production and break-glass roles?")
	for _, role := range []string{"DevOps-Deploy-Prod", "BreakGlass-Admin"} {
		who, err := snap.WhoCanAssume(role)
		if err != nil {
			return err
		}
		var names []string
		for _, u := range who {
			names = append(names, u.Name)
		}
		fmt.Printf("%s: %s\n", role, strings.Join(names, ", "))
	}
	// Why: both the role's trust policy and the user's own policies decide.
	opsAdmin, _ := snap.UserByName("ops-admin")
	check, err := snap.CanAssume(opsAdmin.UIN, "DevOps-Deploy-Prod")
	if err != nil {
		return err
	}
	fmt.Printf("ops-admin and DevOps-Deploy-Prod:\n  trust:    %s\n  identity: %s\n", check.Trust, check.Identity)
	return operate(ctx, demo, client, snap)
}

// decideForUser decides r for a user with the snapshot's exact evaluator of
// what the user holds: its policies, directly and through groups, within its
// permission boundary.
func decideForUser(snap *cam.Snapshot, name string, r policy.Request) (policy.Decision, error) {
	u, ok := snap.UserByName(name)
	if !ok {
		return policy.Decision{}, fmt.Errorf("quickstart: no user %q in the snapshot", name)
	}
	ev, err := snap.UserEvaluator(u.UIN)
	if err != nil {
		return policy.Decision{}, err
	}
	return ev.Evaluate(r), nil
}

func section(title string) {
	fmt.Fprintf(os.Stdout, "\n== %s\n\n", title)
}
