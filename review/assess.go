package review

import (
	"time"

	"github.com/camkit/camkit/cam"
)

// Assess reviews a snapshot: every snapshot check of [Checks] that cfg enables,
// then cfg's suppressions. It is pure and deterministic: the same snapshot and
// configuration give the same report, and the review's clock is cfg.Now or,
// when zero, the time the snapshot was taken.
//
// Nothing is silently dropped: each read that failed in the snapshot
// (Snapshot.Problems) is a review.incomplete finding naming what could not be
// checked, and a check that needs data the snapshot lacks (a user's MFA
// settings that could not be read, say) is skipped for that subject only. An
// invalid configuration gives a report with one critical review.incomplete
// finding that says what is wrong and no other findings.
func Assess(s *cam.Snapshot, cfg Config) *Report {
	r := &Report{SchemaVersion: ReportSchemaVersion, Suppressions: cfg.Suppressions}
	if s == nil {
		r.Generated = cfg.Now
		r.Findings = []Finding{{
			Check: CheckReviewIncomplete, Severity: Critical, SubjectKind: SubjectAccount, Subject: "account",
			Title: "no snapshot to review", Recommendation: "Load the account with cam.Load and review the snapshot.",
		}}
		return r
	}
	a := newAssessment(s, cfg)
	r.Generated = a.now
	r.Accounts = []AccountSummary{{
		OwnerUIN: s.Account.OwnerUIN, SnapshotTaken: s.Taken, Users: len(s.Users), Groups: len(s.Groups),
		Roles: len(s.Roles), Policies: len(s.Policies), Problems: len(s.Problems),
	}}
	if err := cfg.Validate(); err != nil {
		r.Findings = []Finding{{
			Check: CheckReviewIncomplete, Severity: Critical, Account: s.Account.OwnerUIN, SubjectKind: SubjectAccount,
			Subject: "configuration", Title: "the review configuration is invalid, so no check ran",
			Evidence: []string{err.Error()}, Recommendation: "Fix the configuration (start from review.DefaultConfig()).",
		}}
		return r
	}
	a.run()
	r.Findings = a.findings
	r.Users = userRows(s, a.now)
	r.Access = accessRows(s)
	r.applySuppressions(cfg.Suppressions, a.now)
	r.sort()
	return r
}

// assessment is the state of one Assess run.
type assessment struct {
	s        *cam.Snapshot
	cfg      Config
	now      time.Time
	owner    uint64
	findings []Finding
	assume   *assumeIndex
}

func newAssessment(s *cam.Snapshot, cfg Config) *assessment {
	now := cfg.Now
	if now.IsZero() {
		now = s.Taken
	}
	return &assessment{s: s, cfg: cfg, now: now.UTC(), owner: s.Account.OwnerUIN}
}

// run runs every enabled check.
func (a *assessment) run() {
	for _, c := range []struct {
		id  string
		run func()
	}{
		{CheckReviewIncomplete, a.incomplete},
		{CheckMFALoginMissing, a.mfaLoginMissing},
		{CheckMFAOperationMissing, a.mfaOperationMissing},
		{CheckMFAWeakFactor, a.mfaWeakFactor},
		{CheckRootAccessKey, a.rootAccessKey},
		{CheckKeyNotRotated, a.keyNotRotated},
		{CheckKeyUnused, a.keyUnused},
		{CheckKeyNeverUsed, a.keyNeverUsed},
		{CheckKeyTwoActive, a.keyTwoActive},
		{CheckKeyUnnamed, a.keyUnnamed},
		{CheckUserInactive, a.userInactive},
		{CheckUserDirectPolicy, a.userDirectPolicy},
		{CheckUserNoGroup, a.userNoGroup},
		{CheckUserSharedAccount, a.userSharedAccount},
		{CheckUserTooManyRoles, a.userTooManyRoles},
		{CheckGroupEmpty, a.groupEmpty},
		{CheckPolicyAdminGrant, a.policyAdminGrant},
		{CheckPolicyAllowAllCustom, a.policyAllowAllCustom},
		{CheckPolicyUnattached, a.policyUnattached},
		{CheckRoleTrustExternal, a.roleTrustExternal},
		{CheckRoleTierDrift, a.roleTiers},
		{CheckRoleNaming, a.roleNaming},
	} {
		if a.cfg.enabled(c.id) {
			c.run()
		}
	}
	if a.cfg.Lint {
		a.lintPolicies()
	}
}

// add records a finding of check id with the check's (configured) severity.
func (a *assessment) add(id string, kind SubjectKind, subject, item, title, rec string, evidence ...string) {
	def := Info
	if c, ok := checkInfo(id); ok {
		def = c.Severity
	}
	a.addSeverity(a.cfg.severity(id, def), id, kind, subject, item, title, rec, evidence...)
}

func (a *assessment) addSeverity(sev Severity, id string, kind SubjectKind, subject, item, title, rec string, evidence ...string) {
	if !a.cfg.enabled(id) {
		return
	}
	a.findings = append(a.findings, Finding{
		Check: id, Severity: sev, Account: a.owner, SubjectKind: kind, Subject: subject, Item: item,
		Title: title, Evidence: evidence, Recommendation: rec,
	})
}

// days formats a duration in whole days.
func days(d time.Duration) int { return int(d / (24 * time.Hour)) }

func date(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// secondsDuration converts CAM's seconds to a time.Duration.
func secondsDuration(s int64) time.Duration { return time.Duration(s) * time.Second }
