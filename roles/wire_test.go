package roles_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
	"github.com/camkit/camkit/roles"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// TestPlanApplyOverWire plans and applies the standard catalogue through the
// real adapter (the Tencent SDK) against the fake's wire server, with a
// failure injected halfway through the apply, then re-plans and converges.
func TestPlanApplyOverWire(t *testing.T) {
	if testing.Short() {
		t.Skip("wire round trips")
	}
	f := newAccount(t)
	srv := camfake.NewServer(f)
	defer srv.Close()
	id, key := srv.Credential()
	client, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := roles.Standard(f.OwnerUIN())
	as := standardAssignments()

	p := mustPlan(t, c, load(t, client), as...)
	// Fail the fourth role-policy attachment: roles and policies exist by then.
	seen := 0
	f.Inject(camfake.Fault{Action: "AttachRolePolicy", Times: 1,
		Match: func(camfake.Call) bool { seen++; return seen == 4 },
		Err:   &cam.APIError{Code: "FailedOperation", Message: "injected failure"}})
	rec, err := roles.Apply(ctx, client, p, roles.ChangeRecord{Why: "wire test", ApprovedBy: "dana"})
	if !errors.Is(err, roles.ErrApply) {
		t.Fatalf("Apply = %v, want ErrApply", err)
	}
	var apiErr *cam.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "FailedOperation" {
		t.Errorf("Apply error does not carry the service's error: %v", err)
	}
	if rec.Done() == 0 || rec.Done() >= len(p.Changes) {
		t.Fatalf("%d of %d changes done; want a partial apply", rec.Done(), len(p.Changes))
	}
	if strings.Contains(rec.Error, key) || strings.Contains(err.Error(), key) {
		t.Fatal("the secret key appears in the error")
	}

	p2 := mustPlan(t, c, load(t, client), as...)
	if len(p2.Changes) != len(p.Changes)-rec.Done() {
		t.Errorf("re-plan has %d changes; want the %d not done", len(p2.Changes), len(p.Changes)-rec.Done())
	}
	if _, err := roles.Apply(ctx, client, p2, roles.ChangeRecord{Why: "finish"}); err != nil {
		t.Fatal(err)
	}
	if p3 := mustPlan(t, c, load(t, client), as...); !p3.Empty() {
		t.Errorf("not converged over the wire:\n%s", p3)
	}
}
