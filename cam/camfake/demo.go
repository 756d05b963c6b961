package camfake

import (
	"fmt"
	"strconv"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// DemoTime is the fixed clock of a [Demo] account: 2026-11-01T00:00:00Z.
var DemoTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// DemoExternalAuditor is the outside account that Demo's Security-Audit-All
// role trusts.
const DemoExternalAuditor uint64 = 200000000002

// Demo returns "example corp", a small, realistic account with the problems
// the IAM guide warns about, for examples, the quickstart and review tests. Its
// clock is fixed at [DemoTime] (opts may override it, and any other option;
// every demo time is relative to the clock). Its contents are deterministic:
//
// Users (UINs are the owner's UIN + 1000, +1001, ... in this order):
//
//	user          console  MFA (login / operation)  groups      what is wrong
//	alice.chen    yes      Token / Stoken           platform    nothing (platform lead)
//	bob.singh     yes      U2F / Stoken             security    nothing (security analyst)
//	carol.zhang   yes      Stoken / Stoken          finance     nothing (finance)
//	dave.kim      yes      Stoken / Stoken          developers  developer with AdministratorAccess attached directly
//	erin.lopez    yes      Stoken / Stoken          developers  nothing (developer)
//	frank.wu      yes      none / Phone             developers  console user without MFA; an access-denied call
//	grace.li      yes      Stoken / Stoken          developers  last console login 200 days ago
//	ops-admin     yes      Phone / Phone            platform    shared account; legacy-full-access (allow * on *)
//	                                                            attached directly; key 120 days old; weak MFA;
//	                                                            signed in from unexpected IP 203.0.113.77
//	ci-deploy     no       none / none              developers  key "ci-cd-dev-deploy-2025" 400 days old, still used;
//	                                                            boundary deploy-boundary
//	backup-sync   no       none / none              (none)      unnamed key 200 days old, never used; no group;
//	                                                            QcloudCOSFullAccess attached directly
//
// Groups: platform, developers, security and finance hold "assume-*" policies
// granting sts:AssumeRole on their roles (developers also
// QcloudCLSReadOnlyAccess); contractors has no members.
//
// Roles:
//
//	role                 trusts                         policies                                  notes
//	Platform-ReadOnly    the account                    platform-readonly                         tier 1
//	Dev-View-Dev         the account                    QcloudCVMReadOnlyAccess                   tier 1
//	DevOps-Deploy-Dev    the account                    devops-deploy-dev, QcloudCLSReadOnlyAccess tier 2; boundary deploy-boundary
//	DevOps-Deploy-Prod   alice.chen, ops-admin          devops-deploy-prod (office IP only)       tier 3
//	Security-Audit-All   the account, external auditor  security-audit, QcloudAuditReadOnlyAccess trusts account 200000000002
//	Billing-View         the account                    billing-view                              tier 1
//	BreakGlass-Admin     alice.chen, bob.singh          AdministratorAccess                       tier 4; 1-hour sessions
//	CVM-LogShipper       service cvm.qcloud.com         cvm-log-shipper                           service role
//
// Custom policies also include cos-migration-2024, attached to nothing.
// billing-view and deploy-boundary name the billing centre's actions with the
// prefix "billing:" beside the right one, "finance:", on purpose: a mistake
// lint reports (policy.unknown-service). The "billing:" entries grant and deny
// nothing; the "finance:" ones beside them do the work. Tencent's presets here
// use "finance:" only.
//
// The root account has an access key of its own ("initial setup"), 900 days
// old and last used 30 days ago: a root key the IAM guide says should not
// exist.
//
// Audit events in the 30 days before the clock: a new default version of
// devops-deploy-prod and an edit of its role's trust policy (alice.chen),
// AdministratorAccess attached to dave.kim (by ops-admin), a denied
// cvm:TerminateInstances by frank.wu, an assumption of BreakGlass-Admin by
// bob.singh, and ops-admin console logins, the last from 203.0.113.77.
func Demo(opts ...Option) *Fake {
	f := New(append([]Option{WithClock(func() time.Time { return DemoTime })}, opts...)...)
	now := f.now()
	if err := f.Seed(demoPeople(f.owner)); err != nil {
		panic(fmt.Sprintf("camfake: Demo: %v", err)) // fixed data; covered by tests
	}
	uin := func(name string) uint64 {
		f.mu.RLock()
		defer f.mu.RUnlock()
		return f.st.userByName[name]
	}
	pid := func(name string) uint64 {
		f.mu.RLock()
		defer f.mu.RUnlock()
		return f.st.policyByName[name]
	}
	if err := f.Seed(demoRoles(f.owner, uin, pid, now)); err != nil {
		panic(fmt.Sprintf("camfake: Demo: %v", err))
	}
	return f
}

const day24 = 24 * time.Hour

var (
	mfaStoken = cam.MFAFactors{Stoken: true}
	mfaPhone  = cam.MFAFactors{Phone: true}
)

func demoPeople(owner uint64) Seed {
	allow := func(actions, resources string) string {
		return `{"version":"2.0","statement":[{"effect":"allow","action":[` + actions + `],"resource":[` + resources + `]}]}`
	}
	roleRes := func(names ...string) string {
		s := ""
		for i, n := range names {
			if i > 0 {
				s += ","
			}
			s += strconv.Quote(policy.RoleARN(owner, n))
		}
		return s
	}
	return Seed{
		RootKeys: []SeedKey{{Description: "initial setup", Age: 900 * day24, LastUsedAgo: 30 * day24}},
		Policies: []SeedPolicy{
			{Name: "platform-readonly", Description: "Tier 1: read-only view of compute, network, containers and logs.", Age: 300 * day24,
				Document: allow(`"cvm:Describe*","vpc:Describe*","clb:Describe*","tke:Describe*","monitor:Describe*","monitor:Get*","cls:Describe*","cls:Get*","cls:Search*"`, `"*"`)},
			{Name: "devops-deploy-dev", Description: "Tier 2: deploy to resources tagged env=dev.", Age: 300 * day24,
				Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","tke:*","clb:*"],"resource":["*"],"condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env&dev"]}}},{"effect":"allow","action":["cvm:Describe*","tke:Describe*","clb:Describe*","cls:Search*"],"resource":["*"]}]}`},
			{Name: "devops-deploy-prod", Description: "Tier 3: deploy to resources tagged env=prod, from the office network only.", Age: 300 * day24,
				Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","tke:*","clb:*"],"resource":["*"],"condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env&prod"]},"ip_equal":{"qcs:ip":["10.20.0.0/16"]}}},{"effect":"deny","action":["cvm:TerminateInstances"],"resource":["*"]}]}`},
			{Name: "security-audit", Description: "Read security configuration and audit logs.", Age: 300 * day24,
				Document: allow(`"cloudaudit:Describe*","cloudaudit:Get*","cloudaudit:LookUp*","cam:Get*","cam:List*","cam:Describe*"`, `"*"`)},
			{Name: "billing-view", Description: "View bills and download invoices.", Age: 300 * day24,
				Document: allow(`"finance:Describe*","billing:Describe*"`, `"*"`)},
			{Name: "deploy-boundary", Description: "Permission boundary for deploy identities: never IAM or billing.", Age: 300 * day24,
				Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","tke:*","clb:*","cos:*","cls:*","sts:AssumeRole"],"resource":["*"]},{"effect":"deny","action":["cam:*","finance:*","billing:*"],"resource":["*"]}]}`},
			{Name: "legacy-full-access", Description: "Old catch-all policy from the first migration.", Age: 700 * day24,
				Document: allow(`"*"`, `"*"`)},
			{Name: "cos-migration-2024", Description: "One-off COS migration, finished in 2024.", Age: 650 * day24,
				Document: allow(`"cos:GetObject","cos:PutObject","cos:ListBucket"`, `"qcs::cos:ap-guangzhou:uid/1250000000:migration-1250000000/*"`)},
			{Name: "cvm-log-shipper", Description: "Lets the log agent on CVM ship logs to CLS.", Age: 250 * day24,
				Document: allow(`"cls:UploadLog","cls:PushLog","cls:DescribeTopics"`, `"*"`)},
			{Name: "assume-platform-roles", Description: "Platform team: assume the platform roles.", Age: 300 * day24,
				Document: allow(`"sts:AssumeRole"`, roleRes("Platform-ReadOnly", "DevOps-Deploy-Dev", "DevOps-Deploy-Prod"))},
			{Name: "assume-dev-roles", Description: "Developers: assume the dev roles.", Age: 300 * day24,
				Document: allow(`"sts:AssumeRole"`, roleRes("Dev-View-Dev", "DevOps-Deploy-Dev"))},
			{Name: "assume-security-roles", Description: "Security team: assume the audit and break-glass roles.", Age: 300 * day24,
				Document: allow(`"sts:AssumeRole"`, roleRes("Security-Audit-All", "BreakGlass-Admin"))},
			{Name: "assume-billing-role", Description: "Finance: assume the billing role.", Age: 300 * day24,
				Document: allow(`"sts:AssumeRole"`, roleRes("Billing-View"))},
		},
		Groups: []SeedGroup{
			{Name: "platform", Remark: "Platform and DevOps engineers", Policies: []string{"assume-platform-roles"}},
			{Name: "developers", Remark: "Application developers", Policies: []string{"assume-dev-roles", "QcloudCLSReadOnlyAccess"}},
			{Name: "security", Remark: "Security and compliance", Policies: []string{"assume-security-roles"}},
			{Name: "finance", Remark: "Billing and finance", Policies: []string{"assume-billing-role"}},
			{Name: "contractors", Remark: "External contractors (none at the moment)", Policies: []string{"QcloudCOSReadOnlyAccess"}},
		},
		Users: []SeedUser{
			{Name: "alice.chen", Remark: "Platform lead", ConsoleLogin: true, Age: 500 * day24, LastLoginAgo: 2 * day24, LastLoginIP: "10.20.1.15",
				MFA: cam.MFASettings{Login: cam.MFAFactors{Token: true}, Operation: mfaStoken}, Groups: []string{"platform"}},
			{Name: "bob.singh", Remark: "Security analyst", ConsoleLogin: true, Age: 400 * day24, LastLoginAgo: 1 * day24, LastLoginIP: "10.20.4.21",
				MFA: cam.MFASettings{Login: cam.MFAFactors{U2F: true}, Operation: mfaStoken}, Groups: []string{"security"}},
			{Name: "carol.zhang", Remark: "Finance", ConsoleLogin: true, Age: 350 * day24, LastLoginAgo: 6 * day24, LastLoginIP: "10.20.5.9",
				MFA: cam.MFASettings{Login: mfaStoken, Operation: mfaStoken}, Groups: []string{"finance"}},
			{Name: "dave.kim", Remark: "Developer", ConsoleLogin: true, Age: 200 * day24, LastLoginAgo: 1 * day24, LastLoginIP: "10.20.3.4",
				MFA: cam.MFASettings{Login: mfaStoken, Operation: mfaStoken}, Groups: []string{"developers"}, Policies: []string{"AdministratorAccess"}},
			{Name: "erin.lopez", Remark: "Developer", ConsoleLogin: true, Age: 150 * day24, LastLoginAgo: 3 * day24, LastLoginIP: "10.20.3.17",
				MFA: cam.MFASettings{Login: mfaStoken, Operation: mfaStoken}, Groups: []string{"developers"}},
			{Name: "frank.wu", Remark: "Developer", ConsoleLogin: true, Age: 100 * day24, LastLoginAgo: 3 * day24, LastLoginIP: "10.20.3.30",
				MFA: cam.MFASettings{Operation: mfaPhone}, Groups: []string{"developers"}},
			{Name: "grace.li", Remark: "Developer (on leave)", ConsoleLogin: true, Age: 600 * day24, LastLoginAgo: 200 * day24, LastLoginIP: "10.20.3.41",
				MFA: cam.MFASettings{Login: mfaStoken, Operation: mfaStoken}, Groups: []string{"developers"}},
			{Name: "ops-admin", Remark: "Shared operations account", ConsoleLogin: true, Age: 800 * day24, LastLoginAgo: 1 * day24, LastLoginIP: "203.0.113.77",
				MFA: cam.MFASettings{Login: mfaPhone, Operation: mfaPhone}, Groups: []string{"platform"}, Policies: []string{"legacy-full-access"},
				Keys: []SeedKey{{Description: "ops scripts", Age: 120 * day24, LastUsedAgo: 1 * day24}}},
			{Name: "ci-deploy", Remark: "CI/CD pipeline for dev", Age: 420 * day24, Groups: []string{"developers"}, Boundary: "deploy-boundary",
				Keys: []SeedKey{{Description: "ci-cd-dev-deploy-2025", Age: 400 * day24, LastUsedAgo: 1 * day24}}},
			{Name: "backup-sync", Remark: "Nightly backup to COS", Age: 210 * day24, Policies: []string{"QcloudCOSFullAccess"},
				Keys: []SeedKey{{Age: 200 * day24}}},
		},
	}
}

func demoRoles(owner uint64, uin, pid func(string) uint64, now time.Time) Seed {
	root := strconv.Quote(policy.CAMRoot(owner).String())
	sub := func(name string) string { return strconv.Quote(policy.CAMUser(owner, uin(name)).String()) }
	trust := func(principals string) string {
		return `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":[` + principals + `]},"action":["name/sts:AssumeRole"]}]}`
	}
	tier := func(t string) []cam.Tag { return []cam.Tag{{Key: "owner", Value: "platform"}, {Key: "tier", Value: t}} }
	ev := func(ago time.Duration, name, who, ip string, res ...string) cam.AuditEvent {
		return cam.AuditEvent{Name: name, Time: now.Add(-ago), Principal: who, PrincipalUIN: uin(who), SourceIP: ip,
			Region: "ap-guangzhou", Sensitive: true, Resources: res}
	}
	roleARN := func(n string) string { return policy.RoleARN(owner, n) }
	denied := ev(3*day24, "TerminateInstances", "frank.wu", "10.20.3.30", "qcs::cvm:ap-guangzhou:uin/"+fmt.Sprint(owner)+":instance/ins-prod0001")
	denied.ErrorCode = 403
	denied.Sensitive = false
	return Seed{
		Roles: []SeedRole{
			{Name: "Platform-ReadOnly", Description: "Tier 1: read-only view for platform engineers and support.", Trust: trust(root),
				Policies: []string{"platform-readonly"}, SessionDuration: 7200, ConsoleLogin: true, Tags: tier("1"), Age: 300 * day24},
			{Name: "Dev-View-Dev", Description: "Tier 1: developers view the dev environment.", Trust: trust(root),
				Policies: []string{"QcloudCVMReadOnlyAccess"}, SessionDuration: 7200, ConsoleLogin: true, Tags: tier("1"), Age: 300 * day24},
			{Name: "DevOps-Deploy-Dev", Description: "Tier 2: deploy to the dev environment.", Trust: trust(root),
				Policies: []string{"devops-deploy-dev", "QcloudCLSReadOnlyAccess"}, Boundary: "deploy-boundary", SessionDuration: 7200, Tags: tier("2"), Age: 300 * day24},
			{Name: "DevOps-Deploy-Prod", Description: "Tier 3: deploy to production from the office network.", Trust: trust(sub("alice.chen") + "," + sub("ops-admin")),
				Policies: []string{"devops-deploy-prod"}, SessionDuration: 3600, Tags: tier("3"), Age: 300 * day24},
			{Name: "Security-Audit-All", Description: "Read security configuration and audit logs in every environment.",
				Trust:    trust(root + "," + strconv.Quote(policy.CAMRoot(DemoExternalAuditor).String())),
				Policies: []string{"security-audit", "QcloudAuditReadOnlyAccess"}, SessionDuration: 7200, ConsoleLogin: true, Tags: tier("1"), Age: 300 * day24},
			{Name: "Billing-View", Description: "View bills and download invoices.", Trust: trust(root),
				Policies: []string{"billing-view"}, SessionDuration: 7200, ConsoleLogin: true, Tags: tier("1"), Age: 300 * day24},
			{Name: "BreakGlass-Admin", Description: "Tier 4: emergency administrator; rare, logged, one-hour sessions.", Trust: trust(sub("alice.chen") + "," + sub("bob.singh")),
				Policies: []string{"AdministratorAccess"}, SessionDuration: 3600, ConsoleLogin: true, Tags: tier("4"), Age: 300 * day24},
			{Name: "CVM-LogShipper", Description: "Service role for the log agent on CVM instances.",
				Trust:    `{"version":"2.0","statement":[{"effect":"allow","principal":{"service":["cvm.qcloud.com"]},"action":["name/sts:AssumeRole"]}]}`,
				Policies: []string{"cvm-log-shipper"}, Tags: []cam.Tag{{Key: "owner", Value: "platform"}}, Age: 250 * day24},
		},
		Events: []cam.AuditEvent{
			ev(20*day24, "UpdateAssumeRolePolicy", "alice.chen", "10.20.1.15", roleARN("DevOps-Deploy-Prod")),
			ev(12*day24, "AttachUserPolicy", "ops-admin", "10.20.1.200", policy.CAMUser(owner, uin("dave.kim")).String(), policy.CAMPolicy(owner, 1).String()),
			ev(8*day24, "AssumeRole", "bob.singh", "10.20.4.21", roleARN("BreakGlass-Admin")),
			ev(5*day24, "CreatePolicyVersion", "alice.chen", "10.20.1.15", policy.CAMPolicy(owner, pid("devops-deploy-prod")).String()),
			ev(4*day24, "ConsoleLogin", "ops-admin", "10.20.1.200"),
			denied,
			ev(1*day24, "ConsoleLogin", "ops-admin", "203.0.113.77"),
		},
	}
}
