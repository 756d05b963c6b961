package review_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/review"
	"github.com/camkit/camkit/roles"
)

// After applying the standard catalogue, the review judges its roles by the
// catalogue's tiers and does not flag the grant policies roles attaches to
// people on purpose.
func TestAssessAfterRolesApply(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	account := camfake.Demo()
	catalog := roles.Standard(account.OwnerUIN(), roles.WithOfficeIPs("10.20.0.0/16"))
	snap, err := cam.Load(ctx, account, cam.WithClock(account.Now))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := catalog.Plan(snap, roles.Assignment{User: "erin.lopez", Role: "DevOps-Deploy-Dev"},
		roles.Assignment{User: "alice.chen", Role: "Break-Glass-Admin", Until: account.Now().Add(8 * time.Hour),
			Ticket: roles.Ticket{ID: "INC-1", Why: "failover", ApprovedBy: "bob.singh"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := roles.Apply(ctx, account, plan, roles.ChangeRecord{Why: "adopt the standard roles", ApprovedBy: "security"}); err != nil {
		t.Fatal(err)
	}
	snap, err = cam.Load(ctx, account, cam.WithClock(account.Now))
	if err != nil {
		t.Fatal(err)
	}
	cfg := review.DefaultConfig()
	cfg.Tiers.Catalog = catalog
	r := review.Assess(snap, cfg)
	for _, f := range find(r.Findings, review.CheckUserDirectPolicy, "erin.lopez") {
		if strings.HasPrefix(f.Item, roles.AssumePolicyPrefix) {
			t.Errorf("the roles grant policy was flagged: %v", f)
		}
	}
	for _, f := range r.Findings {
		if f.Subject == "Break-Glass-Admin" && f.Check == review.CheckPolicyAdminGrant {
			t.Errorf("the catalogue's break-glass role was reported for admin access: %v", f)
		}
		if f.Subject == "Break-Glass-Admin-Policy" && f.Check == policy.RuleFullAdmin {
			t.Errorf("the break-glass role's own policy was linted for full access: %v", f)
		}
	}
	// The same policy attached to anyone else is reported.
	if !has(review.Assess(demo(t), cfg).Findings, policy.RuleFullAdmin, "legacy-full-access") {
		t.Error("a full-access policy held by a user was not linted")
	}
}
