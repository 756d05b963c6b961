package cam_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

func ExampleLoad() {
	// camfake.Demo is a small account with users, groups, roles and policies.
	// A real program passes a cam/tencent client instead.
	account := camfake.Demo()

	// The fake tells Load that it enforces no rate limits, so the load takes
	// milliseconds; against CAM, Load keeps to the documented limits.
	snap, err := cam.Load(context.Background(), account)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d users, %d groups, %d roles, %d policies, %d problems\n",
		len(snap.Users), len(snap.Groups), len(snap.Roles), len(snap.Policies), len(snap.Problems))

	dave, _ := snap.UserByName("dave.kim")
	fmt.Println("dave.kim holds:")
	for _, h := range snap.EffectivePolicies(dave.UIN) {
		via := "directly"
		if len(h.GroupIDs) > 0 {
			g, _ := snap.GroupByID(h.GroupIDs[0])
			via = "through group " + g.Name
		}
		fmt.Printf("  %s (%s) %s\n", h.Policy.Name, h.Policy.Type, via)
	}

	fmt.Print("may assume DevOps-Deploy-Prod:")
	who, err := snap.WhoCanAssume("DevOps-Deploy-Prod")
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range who {
		fmt.Print(" ", u.Name)
	}
	fmt.Println()
	// Output:
	// 10 users, 5 groups, 8 roles, 19 policies, 0 problems
	// dave.kim holds:
	//   AdministratorAccess (preset) directly
	//   QcloudCLSReadOnlyAccess (preset) through group developers
	//   assume-dev-roles (custom) through group developers
	// may assume DevOps-Deploy-Prod: alice.chen ops-admin
}

func ExampleReadSnapshot() {
	snap, err := cam.Load(context.Background(), camfake.Demo())
	if err != nil {
		log.Fatal(err)
	}
	// Save the snapshot (to a file, usually) and read it back later, offline.
	var file bytes.Buffer
	if err := snap.WriteJSON(&file); err != nil {
		log.Fatal(err)
	}
	saved, err := cam.ReadSnapshot(&file)
	if err != nil {
		log.Fatal(err)
	}
	p, _ := saved.PolicyByName("legacy-full-access")
	fmt.Println(p.Document)
	fmt.Println("parsed again:", p.Parsed.Statement[0].Action)
	// Output:
	// {"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}
	// parsed again: [*]
}

func ExampleWithProgress() {
	last := map[cam.Phase]cam.Progress{}
	// The callback is never called concurrently, so it needs no lock.
	report := func(p cam.Progress) { last[p.Phase] = p }
	if _, err := cam.Load(context.Background(), camfake.Demo(), cam.WithProgress(report)); err != nil {
		log.Fatal(err)
	}
	for _, ph := range []cam.Phase{cam.PhaseUsers, cam.PhaseKeys, cam.PhaseMFA, cam.PhaseGroups, cam.PhasePolicies, cam.PhaseAttachments} {
		fmt.Printf("%-11s %d/%d\n", ph, last[ph].Done, last[ph].Total)
	}
	// Output:
	// users       2/2
	// keys        13/13
	// mfa         10/10
	// groups      6/6
	// policies    20/20
	// attachments 23/23
}

func ExampleSnapshot_UserEvaluator() {
	snap, err := cam.Load(context.Background(), camfake.Demo())
	if err != nil {
		log.Fatal(err)
	}
	// ci-deploy holds the developers' policies through its group, within the
	// deploy-boundary permission boundary.
	ci, _ := snap.UserByName("ci-deploy")
	ev, err := snap.UserEvaluator(ci.UIN)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.HasBoundary())
	fmt.Println(ev.Evaluate(policy.Request{Action: "cls:SearchLog", Resource: "*"}))
	fmt.Println(ev.Evaluate(policy.Request{Action: "cam:ListUsers", Resource: "*"}))
	// Output:
	// true
	// allow: cls:SearchLog on * allowed by policy "QcloudCLSReadOnlyAccess" statement[0], boundary "deploy-boundary" statement[0]
	// explicit deny: cam:ListUsers on * denied by boundary "deploy-boundary" statement[1]
}

func ExampleSnapshot_CanAssume() {
	snap, err := cam.Load(context.Background(), camfake.Demo())
	if err != nil {
		log.Fatal(err)
	}
	alice, _ := snap.UserByName("alice.chen")
	for _, role := range []string{"DevOps-Deploy-Prod", "BreakGlass-Admin"} {
		c, err := snap.CanAssume(alice.UIN, role)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: trust %s, own policies %s\n", role, c.Trust.Outcome(), c.Identity.Outcome())
	}
	// Output:
	// DevOps-Deploy-Prod: trust allow, own policies allow
	// BreakGlass-Admin: trust allow, own policies implicit deny
}
