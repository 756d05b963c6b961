package roles_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/roles"
)

// FuzzPlan plans the standard catalogue against any snapshot cam.ReadSnapshot
// accepts (seeded with the demo account's, before and after an apply): Plan
// never panics, fails only with errors that start with the package name, and
// a plan it makes prints and marshals.
func FuzzPlan(f *testing.F) {
	ctx := context.Background()
	demo := camfake.Demo()
	as := []roles.Assignment{
		{User: "erin.lopez", Role: "DevOps-Deploy-Dev"},
		{User: "alice.chen", Role: "Break-Glass-Admin", Until: demo.Now().Add(time.Hour),
			Ticket: roles.Ticket{Why: "failover", ApprovedBy: "bob"}},
	}
	for range 2 {
		snap, err := cam.Load(ctx, demo, cam.WithClock(demo.Now))
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if err := snap.WriteJSON(&b); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
		p, err := roles.Standard(demo.OwnerUIN()).Plan(snap, as...)
		if err != nil {
			f.Fatal(err)
		}
		if _, err := roles.Apply(ctx, demo, p, roles.ChangeRecord{}); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := cam.ReadSnapshot(bytes.NewReader(data))
		if err != nil {
			return
		}
		p, err := roles.Standard(max(snap.Account.OwnerUIN, 1)).Plan(snap, as...)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "roles: ") {
				t.Fatalf("Plan: %v", err)
			}
			return
		}
		if p.String() == "" {
			t.Fatal("empty plan text")
		}
		if _, err := json.Marshal(p); err != nil {
			t.Fatalf("marshalling the plan: %v", err)
		}
	})
}
