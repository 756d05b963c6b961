package review_test

import (
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/review"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// snap builds a snapshot of one account at now from users, groups, roles and
// policies (documents are parsed here).
func snap(tb testing.TB, users []cam.UserRecord, groups []cam.GroupRecord, roles []cam.RoleRecord, policies []cam.Policy) *cam.Snapshot {
	tb.Helper()
	for i := range policies {
		if policies[i].Document != "" {
			d, err := policy.Parse([]byte(policies[i].Document))
			if err != nil {
				tb.Fatal(err)
			}
			policies[i].Parsed = d
		}
	}
	for i := range roles {
		if roles[i].TrustPolicy != "" {
			d, err := policy.Parse([]byte(roles[i].TrustPolicy))
			if err != nil {
				tb.Fatal(err)
			}
			roles[i].Trust = d
		}
	}
	s := &cam.Snapshot{SchemaVersion: cam.SnapshotSchemaVersion, Taken: now, Account: cam.Account{OwnerUIN: 100},
		Users: users, Groups: groups, Roles: roles, Policies: policies, Root: cam.RootRecord{KeysKnown: true, KeyUsageKnown: true}}
	s.Reindex()
	return s
}

// user is a fully read console user in one group, with good MFA.
func user(name string, edit func(u *cam.UserRecord)) cam.UserRecord {
	u := cam.UserRecord{
		User:           cam.User{UIN: uint64(len(name)) + 1000, Name: name, ConsoleLogin: true, Created: now.Add(-400 * day), LastLogin: now.Add(-day)},
		LastLoginKnown: true, KeysKnown: true, KeyUsageKnown: true, MFAKnown: true, GroupsKnown: true, PoliciesKnown: true, BoundaryKnown: true,
		MFA:      cam.MFASettings{Login: cam.MFAFactors{Stoken: true}, Operation: cam.MFAFactors{Stoken: true}},
		GroupIDs: []uint64{1},
	}
	if edit != nil {
		edit(&u)
	}
	return u
}

func key(id string, age, idle time.Duration, desc string) cam.AccessKey {
	k := cam.AccessKey{ID: id, Status: cam.KeyActive, Created: now.Add(-age), Description: desc}
	if idle >= 0 {
		k.LastUsed = now.Add(-idle)
	}
	return k
}

func has(fs []review.Finding, check, subject string) bool { return len(find(fs, check, subject)) > 0 }

// TestChecksBoundaries runs each snapshot check on a subject just inside and
// just outside its threshold.
func TestChecksBoundaries(t *testing.T) {
	t.Parallel()
	group := []cam.GroupRecord{{Group: cam.Group{ID: 1, Name: "team"}, Members: []uint64{}, MembersKnown: true, PoliciesKnown: true}}
	cases := []struct {
		check string
		edit  func(u *cam.UserRecord)
		want  bool
	}{
		{review.CheckMFALoginMissing, func(u *cam.UserRecord) { u.MFA.Login = cam.MFAFactors{Phone: true} }, true},
		{review.CheckMFALoginMissing, func(u *cam.UserRecord) { u.MFA.Login = cam.MFAFactors{U2F: true} }, false},
		{review.CheckMFALoginMissing, func(u *cam.UserRecord) { u.MFA.Login = cam.MFAFactors{}; u.ConsoleLogin = false }, false},
		{review.CheckMFALoginMissing, func(u *cam.UserRecord) { u.MFA.Login = cam.MFAFactors{}; u.MFAKnown = false }, false},
		{review.CheckMFAOperationMissing, func(u *cam.UserRecord) { u.MFA.Operation = cam.MFAFactors{} }, true},
		{review.CheckMFAOperationMissing, func(u *cam.UserRecord) { u.MFA.Operation = cam.MFAFactors{Mail: true} }, false},
		{review.CheckMFAWeakFactor, func(u *cam.UserRecord) { u.MFA.Operation = cam.MFAFactors{Wechat: true} }, true},
		{review.CheckMFAWeakFactor, func(u *cam.UserRecord) { u.MFA.Operation = cam.MFAFactors{Wechat: true, Token: true} }, false},
		{review.CheckKeyNotRotated, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 90*day, day, "ci-prod")} }, true},
		{review.CheckKeyNotRotated, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 90*day-time.Second, day, "ci-prod")} }, false},
		{review.CheckKeyNotRotated, func(u *cam.UserRecord) {
			k := key("k", 300*day, day, "ci-prod")
			k.Status = cam.KeyInactive
			u.Keys = []cam.AccessKey{k}
		}, false},
		{review.CheckKeyUnused, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 10*day, 90*day, "ci-prod")} }, true},
		{review.CheckKeyUnused, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 10*day, 90*day-time.Second, "ci-prod")} }, false},
		{review.CheckKeyUnused, func(u *cam.UserRecord) {
			u.Keys = []cam.AccessKey{key("k", 10*day, 100*day, "ci-prod")}
			u.KeyUsageKnown = false
		}, false},
		{review.CheckKeyNeverUsed, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 7*day, -1, "ci-prod")} }, true},
		{review.CheckKeyNeverUsed, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", 7*day-time.Second, -1, "ci-prod")} }, false},
		{review.CheckKeyTwoActive, func(u *cam.UserRecord) {
			u.Keys = []cam.AccessKey{key("a", day, day, "ci-prod"), key("b", day, day, "laptop-jan2026")}
		}, true},
		{review.CheckKeyTwoActive, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("a", day, day, "ci-prod")} }, false},
		{review.CheckKeyUnnamed, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", day, day, " API Key ")} }, true},
		{review.CheckKeyUnnamed, func(u *cam.UserRecord) { u.Keys = []cam.AccessKey{key("k", day, day, "ci-cd-prod-deploy-jan2026")} }, false},
		{review.CheckUserInactive, func(u *cam.UserRecord) { u.LastLogin = now.Add(-90 * day) }, true},
		{review.CheckUserInactive, func(u *cam.UserRecord) { u.LastLogin = now.Add(-90*day + time.Second) }, false},
		{review.CheckUserInactive, func(u *cam.UserRecord) { u.LastLogin = time.Time{}; u.Created = now.Add(-100 * day) }, true},
		{review.CheckUserInactive, func(u *cam.UserRecord) { u.LastLogin = time.Time{}; u.Created = now.Add(-10 * day) }, false},
		{review.CheckUserInactive, func(u *cam.UserRecord) { u.LastLogin = now.Add(-300 * day); u.LastLoginKnown = false }, false},
		{review.CheckUserNoGroup, func(u *cam.UserRecord) { u.GroupIDs = nil }, true},
		{review.CheckUserNoGroup, func(u *cam.UserRecord) { u.GroupIDs = nil; u.GroupsKnown = false }, false},
		{review.CheckUserDirectPolicy, func(u *cam.UserRecord) {
			u.Policies = []cam.Attachment{{PolicyID: 7, PolicyName: "p", PolicyType: cam.PolicyCustom}}
		}, true},
		{review.CheckUserDirectPolicy, func(u *cam.UserRecord) {
			u.Policies = []cam.Attachment{{PolicyID: 7, PolicyName: "p", PolicyType: cam.PolicyCustom, GroupID: 1}}
		}, false},
	}
	for _, c := range cases {
		u := user("jane.doe", c.edit)
		pol := []cam.Policy{{ID: 7, Name: "p", Type: cam.PolicyCustom, AttachmentCount: 1,
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"]}]}`}}
		g := group
		g[0].Members = []uint64{u.UIN}
		r := review.Assess(snap(t, []cam.UserRecord{u}, g, nil, pol), review.DefaultConfig())
		if got := has(r.Findings, c.check, "jane.doe"); got != c.want {
			t.Errorf("%s on %+v: found %v, want %v", c.check, u, got, c.want)
		}
	}
}

func TestPolicyAndRoleChecks(t *testing.T) {
	t.Parallel()
	const trustRoot = `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100:root"]},"action":["name/sts:AssumeRole"]}]}`
	pols := []cam.Policy{
		{ID: 1, Name: "AdministratorAccess", Type: cam.PolicyPreset, AttachmentCount: 2,
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`},
		{ID: 2, Name: "all-custom", Type: cam.PolicyCustom, AttachmentCount: 0,
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`},
		{ID: 3, Name: "all-office", Type: cam.PolicyCustom, AttachmentCount: 1,
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}}]}`},
		{ID: 4, Name: "read", Type: cam.PolicyCustom, AttachmentCount: 1,
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"]}]}`},
	}
	roles := []cam.RoleRecord{
		{Role: cam.Role{Name: "Break-Glass-Admin", Type: cam.RoleTypeUser, TrustPolicy: trustRoot}, PoliciesKnown: true,
			Policies: []cam.Attachment{{PolicyID: 1, PolicyName: "AdministratorAccess", PolicyType: cam.PolicyPreset}}},
		{Role: cam.Role{Name: "Ops-Admin", Type: cam.RoleTypeUser, TrustPolicy: trustRoot}, PoliciesKnown: true,
			Policies: []cam.Attachment{{PolicyID: 1, PolicyName: "AdministratorAccess", PolicyType: cam.PolicyPreset}}},
		{Role: cam.Role{Name: "Partner-Read", Type: cam.RoleTypeUser,
			TrustPolicy: `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/999:root"]},"action":["name/sts:AssumeRole"]}]}`},
			PoliciesKnown: true, Policies: []cam.Attachment{{PolicyID: 4, PolicyName: "read", PolicyType: cam.PolicyCustom}}},
		{Role: cam.Role{Name: "Log-Shipper", Type: cam.RoleTypeUser,
			TrustPolicy: `{"version":"2.0","statement":[{"effect":"allow","principal":{"service":["cvm.qcloud.com"]},"action":["name/sts:AssumeRole"]}]}`},
			PoliciesKnown: true},
	}
	users := []cam.UserRecord{user("jane.doe", func(u *cam.UserRecord) {
		u.Policies = []cam.Attachment{{PolicyID: 3, PolicyName: "all-office", PolicyType: cam.PolicyCustom}}
	})}
	groups := []cam.GroupRecord{{Group: cam.Group{ID: 1, Name: "team"}, Members: []uint64{users[0].UIN}, MembersKnown: true, PoliciesKnown: true,
		Policies: []cam.Attachment{{PolicyID: 4, PolicyName: "read", PolicyType: cam.PolicyCustom}}},
		{Group: cam.Group{ID: 2, Name: "empty"}, MembersKnown: true, PoliciesKnown: true}}
	cfg := review.DefaultConfig()
	r := review.Assess(snap(t, users, groups, roles, pols), cfg)
	fs := r.Findings
	for _, c := range []struct {
		check, subject string
		want           bool
	}{
		{review.CheckPolicyAdminGrant, "Ops-Admin", true},
		{review.CheckPolicyAdminGrant, "Break-Glass-Admin", false},
		{review.CheckPolicyAdminGrant, "jane.doe", true}, // * on * under an IP condition is still admin
		{review.CheckPolicyAllowAllCustom, "all-custom", true},
		{review.CheckPolicyAllowAllCustom, "all-office", false},
		{review.CheckPolicyUnattached, "all-custom", true},
		{review.CheckPolicyUnattached, "read", false},
		{review.CheckRoleTrustExternal, "Partner-Read", true},
		{review.CheckRoleTrustExternal, "Log-Shipper", false},
		{review.CheckRoleTrustExternal, "Ops-Admin", false},
		{review.CheckGroupEmpty, "empty", true},
		{review.CheckGroupEmpty, "team", false},
		{review.CheckRootAccessKey, "root", false},
	} {
		if got := has(fs, c.check, c.subject); got != c.want {
			t.Errorf("%s %s: found %v, want %v", c.check, c.subject, got, c.want)
		}
	}
	cfg.TrustedAccounts = []uint64{999}
	cfg.BreakGlassRoles = []string{"Ops-Admin"}
	fs = review.Assess(snap(t, users, groups, roles, pols), cfg).Findings
	if has(fs, review.CheckRoleTrustExternal, "Partner-Read") || has(fs, review.CheckPolicyAdminGrant, "Ops-Admin") {
		t.Error("trusted account or configured break-glass role still reported")
	}
	cfg.TrustedServices = []string{"scf.qcloud.com"}
	if fs := review.Assess(snap(t, users, groups, roles, pols), cfg).Findings; !has(fs, review.CheckRoleTrustExternal, "Log-Shipper") {
		t.Error("a service outside TrustedServices was not reported")
	}
}

func TestSharedAccountNames(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{"admin2": true, "temp-admin": true, "ops-admin": true, "test": true, "shared-ci": true,
		"alice.chen": false, "administrator.jones": false, "testing.lead": false} {
		r := review.Assess(snap(t, []cam.UserRecord{user(name, nil)}, nil, nil, nil), review.DefaultConfig())
		if got := has(r.Findings, review.CheckUserSharedAccount, name); got != want {
			t.Errorf("%s: shared %v, want %v", name, got, want)
		}
	}
}
