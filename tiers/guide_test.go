package tiers_test

import (
	"slices"
	"testing"
	"time"

	"github.com/camkit/camkit/tiers"
)

// The IAM guide's sample setup ("A Sample 'Real Life' IAM Setup") and its
// tiered permission model: each role's policy written as the guide describes
// it, and the tier the guide gives it.

const (
	// Platform-ReadOnly: describing resources, viewing logs, checking configurations.
	guidePlatformReadOnly = `{"effect":"allow","action":["cvm:Describe*","vpc:Describe*","clb:Describe*","tke:DescribeClusters","tke:DescribeClusterInstances","cos:GetBucket*","cos:ListAllMyBuckets","monitor:Describe*","monitor:GetMonitorData","cls:Describe*","cls:SearchLog"],"resource":["*"]}`
	// A read-only role must not include cvm:DescribeInstanceVncUrl (a console
	// session on any instance): deny it so that cvm:Describe* stays read-only.
	guideDenyVNC = `{"effect":"deny","action":["cvm:DescribeInstanceVncUrl"],"resource":["*"]}`
	// Billing-View: view billing reports, download invoices; no billing settings.
	guideBillingView = `{"effect":"allow","action":["finance:Describe*"],"resource":["*"]}`
	// Security-Audit: security logs and configurations, IAM activity logs;
	// no policy changes, no disabling of logging.
	guideSecurityAudit = `{"effect":"allow","action":["cloudaudit:Describe*","cloudaudit:LookUpEvents","cloudaudit:List*","cam:Get*","cam:List*"],"resource":["*"]}`
	// DevOps-Deploy-Dev: manage application infrastructure in dev; read logs
	// and monitoring; nothing in production.
	guideDeployDev = `{"effect":"allow","action":["cvm:RunInstances","cvm:StartInstances","cvm:StopInstances","cvm:RebootInstances","cvm:TerminateInstances","tke:CreateClusterInstances","tke:DeleteClusterInstances","tke:ModifyClusterNodePool","clb:RegisterTargets","clb:DeregisterTargets","vpc:CreateSecurityGroupPolicies"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev","env&test"]}}}`
	// DevOps-Deploy-Prod: the same, scoped to production, from the office.
	guideDeployProd = `{"effect":"allow","action":["cvm:RunInstances","cvm:StartInstances","cvm:StopInstances","cvm:RebootInstances","cvm:TerminateInstances","tke:CreateClusterInstances","tke:DeleteClusterInstances","tke:ModifyClusterNodePool","clb:RegisterTargets","clb:DeregisterTargets","vpc:CreateSecurityGroupPolicies"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod"]},"ip_equal":{"qcs:ip":["203.0.113.0/24"]}}}`
	// Break-Glass-Admin: emergency admin actions.
	guideBreakGlass = `{"effect":"allow","action":["*"],"resource":["*"]}`
)

func TestGuideSampleRolesClassify(t *testing.T) {
	t.Parallel()
	cases := []struct {
		role string
		docs []string
		tier tiers.Tier
	}{
		{"Platform-ReadOnly", []string{stmts(guidePlatformReadOnly, guideDenyVNC)}, tiers.ReadOnly},
		{"Billing-View", []string{stmts(guideBillingView)}, tiers.ReadOnly},
		{"Security-Audit", []string{stmts(guideSecurityAudit)}, tiers.ReadOnly},
		{"DevOps-Deploy-Dev", []string{stmts(guidePlatformReadOnly, guideDenyVNC), stmts(guideDeployDev)}, tiers.DevTest},
		{"DevOps-Deploy-Prod", []string{stmts(guidePlatformReadOnly, guideDenyVNC), stmts(guideDeployProd)}, tiers.Production},
		{"Break-Glass-Admin", []string{stmts(guideBreakGlass)}, tiers.BreakGlass},
		// The guide's pitfalls: read-only without the VNC deny issues
		// console access; a developer given admin is break-glass.
		{"Platform-ReadOnly without the deny", []string{stmts(guidePlatformReadOnly)}, tiers.BreakGlass},
		{"Developers given admin", []string{stmts(guideDeployDev), stmts(guideBreakGlass)}, tiers.BreakGlass},
	}
	for _, c := range cases {
		var named []tiers.NamedDocument
		for _, d := range c.docs {
			named = append(named, tiers.NamedDocument{Name: c.role, Document: doc(t, d)})
		}
		got := tiers.DefaultScheme().ClassifyNamed(named...)
		if got.Tier != c.tier {
			t.Errorf("%s: tier %v, want %v; reasons:\n%s", c.role, got.Tier, c.tier, reasonText(got))
		}
	}
}

func TestGuideSampleRolesCheck(t *testing.T) {
	t.Parallel()
	until := now.Add(8 * time.Hour)
	roles := []tiers.Role{
		{Name: "Billing-View", Tier: tiers.ReadOnly, Policies: []tiers.NamedDocument{{Name: "billing-view", Document: doc(t, stmts(guideBillingView))}}},
		{Name: "Security-Audit", Tier: tiers.ReadOnly, Policies: []tiers.NamedDocument{{Name: "security-audit", Document: doc(t, stmts(guideSecurityAudit))}}},
		{Name: "DevOps-Deploy-Dev", Tier: tiers.DevTest, Policies: []tiers.NamedDocument{
			{Name: "platform-read", Document: doc(t, stmts(guidePlatformReadOnly, guideDenyVNC))},
			{Name: "deploy-dev", Document: doc(t, stmts(guideDeployDev))},
		}},
		{Name: "DevOps-Deploy-Prod", Tier: tiers.Production, SessionDuration: time.Hour, Policies: []tiers.NamedDocument{
			{Name: "platform-read", Document: doc(t, stmts(guidePlatformReadOnly, guideDenyVNC))},
			{Name: "deploy-prod", Document: doc(t, stmts(guideDeployProd))},
		}, Holders: []tiers.Holder{{Name: "ops-lead", OperationMFA: true, LoginMFA: true}}},
		{Name: "Break-Glass-Admin", Tier: tiers.BreakGlass, SessionDuration: time.Hour, AuditAlerting: true,
			Policies: []tiers.NamedDocument{{Name: "admin", Document: doc(t, stmts(guideBreakGlass))}},
			Trust: trustFor(t, "qcs::cam::uin/100000000001:uin/100000000011",
				`{"date_less_than":{"qcs:current_time":["`+until.Format(time.RFC3339)+`"]}}`),
			Holders: []tiers.Holder{{Name: "oncall", OperationMFA: true, Until: until}}},
	}
	for _, r := range roles {
		if vs := tiers.Check(r, tiers.At(now)); len(vs) != 0 {
			t.Errorf("%s: %v", r.Name, vs)
		}
	}
	// Production deploy without MFA, from anywhere, with CAM's default session.
	prod := roles[3]
	prod.SessionDuration = 0
	prod.Holders = []tiers.Holder{{Name: "dev1"}}
	prod.Policies = []tiers.NamedDocument{{Name: "deploy-prod", Document: doc(t, stmts(prodWritesAny))}}
	want := []string{tiers.RuleIPCondition, tiers.RuleSessionTooLong, tiers.RuleOperationMFA}
	if got := rulesOf(tiers.Check(prod, tiers.At(now))); !slices.Equal(got, want) {
		t.Errorf("careless DevOps-Deploy-Prod: rules %v, want %v", got, want)
	}
}
