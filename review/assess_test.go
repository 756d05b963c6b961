package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/review"
)

func TestAssessDemo(t *testing.T) {
	t.Parallel()
	r := review.Assess(demo(t), review.DefaultConfig())
	if !r.Generated.Equal(camfake.DemoTime) {
		t.Errorf("Generated = %v, want the snapshot's time", r.Generated)
	}
	fs := r.Findings
	mustFind(t, fs, review.CheckMFALoginMissing, "frank.wu")
	if s := demo(t); s.Root.KeysKnown && len(s.Root.Keys) > 0 {
		if f := mustFind(t, fs, review.CheckRootAccessKey, "root"); f.Severity != review.Critical || f.Item != s.Root.Keys[0].ID {
			t.Errorf("root key finding %+v", f)
		}
	} else {
		t.Errorf("the demo's root keys were not read: %+v", s.Root)
	}
	mustFind(t, fs, review.CheckMFAWeakFactor, "ops-admin")
	mustFind(t, fs, review.CheckUserSharedAccount, "ops-admin")
	if f := mustFind(t, fs, review.CheckUserInactive, "grace.li"); !strings.Contains(f.Title, "200 days") {
		t.Errorf("grace.li inactive: %s", f.Title)
	}
	if f := mustFind(t, fs, review.CheckKeyNotRotated, "ops-admin"); !strings.Contains(f.Title, "120 days") || f.Item == "" {
		t.Errorf("ops-admin key: %+v", f)
	}
	if f := mustFind(t, fs, review.CheckKeyNotRotated, "ci-deploy"); !strings.Contains(f.Title, "400 days") {
		t.Errorf("ci-deploy key: %s", f.Title)
	}
	if f := mustFind(t, fs, review.CheckKeyNeverUsed, "backup-sync"); !strings.Contains(f.Title, "200 days") {
		t.Errorf("backup-sync key: %s", f.Title)
	}
	mustFind(t, fs, review.CheckKeyUnnamed, "backup-sync")
	if len(find(fs, review.CheckKeyUnnamed, "ci-deploy")) != 0 {
		t.Error("ci-deploy's described key reported unnamed")
	}
	mustFind(t, fs, review.CheckUserNoGroup, "backup-sync")
	mustFind(t, fs, review.CheckUserDirectPolicy, "dave.kim")
	mustFind(t, fs, review.CheckGroupEmpty, "contractors")
	if f := mustFind(t, fs, review.CheckPolicyAdminGrant, "dave.kim"); f.Item != "AdministratorAccess" {
		t.Errorf("dave.kim admin grant item %q", f.Item)
	}
	mustFind(t, fs, review.CheckPolicyAdminGrant, "ops-admin")
	if got := find(fs, review.CheckPolicyAdminGrant, "BreakGlass-Admin"); len(got) != 0 {
		t.Errorf("the break-glass role was reported: %v", got)
	}
	mustFind(t, fs, review.CheckPolicyAllowAllCustom, "legacy-full-access")
	mustFind(t, fs, review.CheckPolicyUnattached, "cos-migration-2024")
	if f := mustFind(t, fs, review.CheckRoleTrustExternal, "Security-Audit-All"); !strings.Contains(evidence(f), "200000000002") {
		t.Errorf("trust evidence: %v", f.Evidence)
	}
	if len(find(fs, review.CheckRoleTrustExternal, "CVM-LogShipper")) != 0 {
		t.Error("the CVM service role's trust was reported")
	}
	for _, ok := range []string{"alice.chen", "bob.singh"} {
		for _, c := range []string{review.CheckMFALoginMissing, review.CheckUserInactive, review.CheckUserSharedAccount} {
			if got := find(fs, c, ok); len(got) != 0 {
				t.Errorf("%s reported for %s: %v", c, ok, got)
			}
		}
	}
	for _, f := range fs {
		if f.Account != demo(t).Account.OwnerUIN {
			t.Errorf("finding without its account: %v", f)
		}
		if f.Title == "" || f.Recommendation == "" {
			t.Errorf("finding without title or recommendation: %+v", f)
		}
	}
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Severity < fs[i].Severity {
			t.Fatalf("findings not ordered by severity at %d", i)
		}
	}
}

func TestAssessDeterministic(t *testing.T) {
	t.Parallel()
	var a, b strings.Builder
	if err := review.Assess(demo(t), review.DefaultConfig()).WriteJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := review.Assess(demo(t), review.DefaultConfig()).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two reviews of one snapshot differ")
	}
}

func TestAssessThresholds(t *testing.T) {
	t.Parallel()
	cfg := review.DefaultConfig()
	cfg.KeyMaxAge = 500 * 24 * time.Hour
	cfg.UserInactiveAfter = 365 * 24 * time.Hour
	cfg.Disabled = []string{review.CheckUserSharedAccount}
	cfg.Severities = map[string]review.Severity{review.CheckMFALoginMissing: review.Critical}
	fs := review.Assess(demo(t), cfg).Findings
	if len(find(fs, review.CheckKeyNotRotated, "ci-deploy")) != 0 || len(find(fs, review.CheckUserInactive, "grace.li")) != 0 {
		t.Error("thresholds not applied")
	}
	if len(find(fs, review.CheckUserSharedAccount, "ops-admin")) != 0 {
		t.Error("disabled check ran")
	}
	if f := mustFind(t, fs, review.CheckMFALoginMissing, "frank.wu"); f.Severity != review.Critical {
		t.Errorf("severity override: %v", f.Severity)
	}
}

func TestAssessIncomplete(t *testing.T) {
	t.Parallel()
	s := &cam.Snapshot{
		SchemaVersion: cam.SnapshotSchemaVersion, Taken: camfake.DemoTime, Account: cam.Account{OwnerUIN: 100},
		Users:    []cam.UserRecord{{User: cam.User{UIN: 1, Name: "u", ConsoleLogin: true}}},
		Problems: []cam.Problem{{Phase: "users", Action: "DescribeSafeAuthFlagColl", Subject: "user u (uin 1)", Err: "AuthFailure"}},
	}
	r := review.Assess(s, review.DefaultConfig())
	f := mustFind(t, r.Findings, review.CheckReviewIncomplete, "user u (uin 1)")
	if !strings.Contains(evidence(f), "AuthFailure") {
		t.Errorf("evidence %v", f.Evidence)
	}
	if len(find(r.Findings, review.CheckMFALoginMissing, "u")) != 0 {
		t.Error("MFA judged although it was not read")
	}
}

func TestAssessBadConfigAndNil(t *testing.T) {
	t.Parallel()
	cfg := review.DefaultConfig()
	cfg.KeyMaxAge = 0
	cfg.OfficeIPs = []string{"not-an-ip"}
	r := review.Assess(demo(t), cfg)
	if len(r.Findings) != 1 || r.Findings[0].Check != review.CheckReviewIncomplete || r.Findings[0].Severity != review.Critical {
		t.Fatalf("findings %v", r.Findings)
	}
	if ev := evidence(r.Findings[0]); !strings.Contains(ev, "KeyMaxAge") || !strings.Contains(ev, "not-an-ip") {
		t.Errorf("evidence %q names not every problem", ev)
	}
	if r := review.Assess(nil, review.DefaultConfig()); len(r.Findings) != 1 {
		t.Errorf("nil snapshot: %v", r.Findings)
	}
}

func TestSuppressions(t *testing.T) {
	t.Parallel()
	cfg := review.DefaultConfig()
	cfg.Suppressions = []review.Suppression{
		{Check: review.CheckUserNoGroup, Subject: "backup-*", Reason: "service user", AcceptedBy: "bob.singh", Expires: camfake.DemoTime.Add(24 * time.Hour)},
		{Check: review.CheckGroupEmpty, Subject: "*", Reason: "kept for next quarter", AcceptedBy: "alice.chen", Expires: camfake.DemoTime.Add(-time.Hour)},
	}
	r := review.Assess(demo(t), cfg)
	if len(find(r.Findings, review.CheckUserNoGroup, "backup-sync")) != 0 {
		t.Error("suppressed finding still open")
	}
	if len(r.Suppressed) != 1 || r.Suppressed[0].By.AcceptedBy != "bob.singh" {
		t.Errorf("suppressed = %+v", r.Suppressed)
	}
	mustFind(t, r.Findings, review.CheckGroupEmpty, "contractors")
	mustFind(t, r.Findings, review.CheckSuppressionExpired, review.CheckGroupEmpty+" *")

	cfg.Suppressions = []review.Suppression{{Check: review.CheckUserNoGroup, Subject: "["}}
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "reason") || !strings.Contains(err.Error(), "expire") {
		t.Errorf("invalid suppression: %v", err)
	}
}

func TestRequiredPolicy(t *testing.T) {
	t.Parallel()
	doc := review.RequiredPolicy()
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, f := range policy.Lint(doc) {
		if f.Severity >= policy.SeverityLow {
			t.Errorf("lint: %v", f)
		}
	}
	ev, err := policy.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"cam:ListUsers", "cam:GetPolicy", "cam:DescribeSafeAuthFlagColl", "cloudaudit:DescribeEvents"} {
		if !ev.Evaluate(policy.Request{Action: a, Resource: "*"}).Allowed() {
			t.Errorf("%s not allowed", a)
		}
	}
	for method, a := range cam.ReaderActions() {
		if !ev.Evaluate(policy.Request{Action: "cam:" + string(a), Resource: "*"}).Allowed() {
			t.Errorf("cam.Reader.%s calls cam:%s, which the policy does not allow", method, a)
		}
	}
	for _, a := range []string{"cam:CreateAccessKey", "cam:AttachUserPolicy", "cvm:RunInstances", "sts:AssumeRole"} {
		if ev.Evaluate(policy.Request{Action: a, Resource: "*"}).Allowed() {
			t.Errorf("%s allowed", a)
		}
	}
}

func TestAssessTiersAndNaming(t *testing.T) {
	t.Parallel()
	cfg := review.DefaultConfig()
	r := review.Assess(demo(t), cfg)
	f := mustFind(t, r.Findings, review.CheckRoleTierRequirement, "BreakGlass-Admin")
	if !strings.Contains(evidence(f), "declared tier") {
		t.Errorf("tier evidence %v", f.Evidence)
	}
	cfg.Tiers.AuditAlerting = []string{"BreakGlass-Admin"}
	for _, f := range review.Assess(demo(t), cfg).Findings {
		if f.Subject == "BreakGlass-Admin" && strings.HasPrefix(f.Item, "tier.audit-alerting") {
			t.Errorf("audit alerting configured but still reported: %v", f)
		}
	}
	keys := map[string]bool{}
	for _, f := range r.Findings {
		if keys[f.Key()] {
			t.Errorf("two findings with key %s", f.Key())
		}
		keys[f.Key()] = true
	}

	s := demo(t)
	bad := *s
	bad.Roles = append([]cam.RoleRecord{}, s.Roles...)
	bad.Roles = append(bad.Roles, cam.RoleRecord{Role: cam.Role{Name: "temp-admin", Type: cam.RoleTypeUser,
		TrustPolicy: `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["*"]},"action":["name/sts:AssumeRole"]}]}`}})
	doc, err := policy.Parse([]byte(bad.Roles[len(bad.Roles)-1].TrustPolicy))
	if err != nil {
		t.Fatal(err)
	}
	bad.Roles[len(bad.Roles)-1].Trust = doc
	bad.Reindex()
	fs := review.Assess(&bad, review.DefaultConfig()).Findings
	if f := mustFind(t, fs, review.CheckRoleNaming, "temp-admin"); !strings.Contains(evidence(f), "temp-admin") {
		t.Errorf("naming evidence %v", f.Evidence)
	}
	if f := mustFind(t, fs, review.CheckRoleTrustExternal, "temp-admin"); !strings.Contains(evidence(f), "anyone") {
		t.Errorf("open trust evidence %v", f.Evidence)
	}
	cfg = review.DefaultConfig()
	cfg.Tiers.CheckNaming = false
	if got := find(review.Assess(&bad, cfg).Findings, review.CheckRoleNaming, "temp-admin"); len(got) != 0 {
		t.Errorf("naming check ran while off: %v", got)
	}
}
