package tiers_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	readPolicy    = `{"effect":"allow","action":["cvm:DescribeInstances","cos:GetObject","monitor:GetMonitorData"],"resource":["*"]}`
	devWrites     = `{"effect":"allow","action":["cvm:RunInstances","cvm:StopInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`
	prodWritesIP  = `{"effect":"allow","action":["cvm:RunInstances","cvm:StopInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod"]},"ip_equal":{"qcs:ip":["203.0.113.0/24"]}}}`
	prodWritesAny = `{"effect":"allow","action":["cvm:RunInstances"],"resource":["*"]}`
	adminPolicy   = `{"effect":"allow","action":["*"],"resource":["*"]}`
	billingWrite  = `{"effect":"allow","action":["finance:PayDeals"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`
)

func trustFor(t testing.TB, principal string, cond string) *policy.Document {
	st := `{"effect":"allow","principal":{"qcs":["` + principal + `"]},"action":["name/sts:AssumeRole"]`
	if cond != "" {
		st += `,"condition":` + cond
	}
	return doc(t, stmts(st+"}"))
}

// compliant returns a role that meets tier's default requirements.
func compliant(t testing.TB, tier tiers.Tier) tiers.Role {
	r := tiers.Role{Name: "Team-Role", Tier: tier, SessionDuration: time.Hour}
	switch tier {
	case tiers.ReadOnly:
		r.Policies = []tiers.NamedDocument{{Name: "read", Document: doc(t, stmts(readPolicy))}}
	case tiers.DevTest:
		r.Policies = []tiers.NamedDocument{{Name: "dev", Document: doc(t, stmts(readPolicy, devWrites))}}
	case tiers.Production:
		r.Policies = []tiers.NamedDocument{{Name: "prod", Document: doc(t, stmts(readPolicy, prodWritesIP))}}
		r.Holders = []tiers.Holder{{Name: "alice", OperationMFA: true}, {Name: "bob", OperationMFA: true, LoginMFA: true}}
	case tiers.BreakGlass:
		r.Policies = []tiers.NamedDocument{{Name: "admin", Document: doc(t, stmts(adminPolicy))}}
		r.Holders = []tiers.Holder{{Name: "carol", OperationMFA: true, Until: now.Add(4 * time.Hour)}}
		r.Trust = trustFor(t, "qcs::cam::uin/100000000001:uin/100000000011",
			`{"date_less_than":{"qcs:current_time":["`+now.Add(4*time.Hour).Format(time.RFC3339)+`"]}}`)
		r.AuditAlerting = true
	}
	return r
}

func rulesOf(vs []tiers.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

func TestCheckCompliantRoles(t *testing.T) {
	t.Parallel()
	for _, tier := range tiers.Tiers() {
		r := compliant(t, tier)
		if vs := tiers.Check(r, tiers.At(now)); len(vs) != 0 {
			t.Errorf("compliant tier-%d role has violations: %v", tier, vs)
		}
	}
}

func TestCheckRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		tier   tiers.Tier
		change func(*tiers.Role)
		opts   []tiers.CheckOption
		want   []string
		msg    string // substring of the first violation's message
	}{
		{name: "invalid tier", tier: tiers.ReadOnly, change: func(r *tiers.Role) { r.Tier = 0 }, want: []string{tiers.RuleUnknownTier}, msg: "its policies need tier 1"},
		{name: "tier 1 with a confined write", tier: tiers.ReadOnly, change: func(r *tiers.Role) {
			r.Policies = append(r.Policies, tiers.NamedDocument{Name: "dev", Document: doc(t, stmts(devWrites))})
		}, want: []string{tiers.RuleDrift, tiers.RuleNoWrites, tiers.RuleNoWrites}, msg: "declares tier 1 (ReadOnly) but its policies need tier 2 (DevTest): 2 allowed action(s)"},
		{name: "tier 2 reaching production", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny))
		}, want: []string{tiers.RuleDrift, tiers.RuleProductionWrite}, msg: "declare tier 3 or narrow the policies"},
		{name: "tier 2 with permission management", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Policies = append(r.Policies, tiers.NamedDocument{Name: "iam", Document: doc(t, stmts(`{"effect":"allow","action":["cam:CreatePolicy"],"resource":["*"]}`))})
		}, want: []string{tiers.RuleDrift, tiers.RulePermissionsManagement}},
		{name: "tier 2 with a billing change", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Policies = append(r.Policies, tiers.NamedDocument{Name: "pay", Document: doc(t, stmts(billingWrite))})
		}, want: []string{tiers.RuleDrift, tiers.RuleProductionWrite, tiers.RuleBillingChange}},
		{name: "tier 1 with billing reads", tier: tiers.ReadOnly, change: func(r *tiers.Role) {
			r.Policies = append(r.Policies, tiers.NamedDocument{Name: "bill", Document: doc(t, stmts(`{"effect":"allow","action":["finance:Describe*"],"resource":["*"]}`))})
		}},
		{name: "tier 3 without an IP condition", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny))
		}, want: []string{tiers.RuleIPCondition}, msg: "add an ip_equal condition on qcs:ip"},
		{name: "tier 3 IP required", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny))
		}, opts: []tiers.CheckOption{tiers.WithRequirements(func() tiers.Requirements {
			q := tiers.DefaultRequirements()
			q.Production.IPCondition = tiers.Required
			return q
		}())}, want: []string{tiers.RuleIPCondition}},
		{name: "tier 3 IP off", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny))
		}, opts: []tiers.CheckOption{tiers.WithRequirements(func() tiers.Requirements {
			q := tiers.DefaultRequirements()
			q.Production.IPCondition = tiers.Off
			return q
		}())}},
		{name: "tier 3 IP by a deny", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny, `{"effect":"deny","action":["*"],"resource":["*"],"condition":{"ip_not_equal":{"qcs:ip":["203.0.113.0/24"]}}}`))
		}},
		{name: "tier 3 deny on other actions", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny, `{"effect":"deny","action":["cos:*"],"resource":["*"],"condition":{"ip_not_equal":{"qcs:ip":["203.0.113.0/24"]}}}`))
		}, want: []string{tiers.RuleIPCondition}},
		{name: "tier 3 session default", tier: tiers.Production, change: func(r *tiers.Role) { r.SessionDuration = 0 }, want: []string{tiers.RuleSessionTooLong}, msg: "CAM's default of 2h0m0s"},
		{name: "tier 3 session 12h", tier: tiers.Production, change: func(r *tiers.Role) { r.SessionDuration = 12 * time.Hour }, want: []string{tiers.RuleSessionTooLong}, msg: "set SessionDuration to at most 1h0m0s"},
		{name: "tier 2 any session", tier: tiers.DevTest, change: func(r *tiers.Role) { r.SessionDuration = 12 * time.Hour }},
		{name: "tier 3 holder without operation MFA", tier: tiers.Production, change: func(r *tiers.Role) { r.Holders[1].OperationMFA = false }, want: []string{tiers.RuleOperationMFA}, msg: "bob has no operation protection"},
		{name: "expired holder is ignored", tier: tiers.Production, change: func(r *tiers.Role) {
			r.Holders = append(r.Holders, tiers.Holder{Name: "dave", Until: now.Add(-time.Hour)})
		}},
		{name: "login MFA when required", tier: tiers.Production, change: func(*tiers.Role) {}, opts: []tiers.CheckOption{tiers.WithRequirements(func() tiers.Requirements {
			q := tiers.DefaultRequirements()
			q.Production.LoginMFA = true
			return q
		}())}, want: []string{tiers.RuleLoginMFA}, msg: "alice has no login protection"},
		{name: "tier 4 three holders", tier: tiers.BreakGlass, change: func(r *tiers.Role) {
			for _, n := range []string{"x", "y"} {
				r.Holders = append(r.Holders, tiers.Holder{Name: n, OperationMFA: true, Until: now.Add(time.Hour)})
			}
		}, want: []string{tiers.RuleTooManyHolders}, msg: "3 people hold the role"},
		{name: "tier 4 permanent holder", tier: tiers.BreakGlass, change: func(r *tiers.Role) { r.Holders[0].Until = time.Time{} }, want: []string{tiers.RuleGrantNotTimeLimited}, msg: "carol holds the role permanently"},
		{name: "tier 4 long grant", tier: tiers.BreakGlass, change: func(r *tiers.Role) { r.Holders[0].Until = now.Add(72 * time.Hour) }, want: []string{tiers.RuleGrantNotTimeLimited}, msg: "shorten it"},
		{name: "tier 4 trust without expiry", tier: tiers.BreakGlass, change: func(r *tiers.Role) {
			r.Trust = trustFor(t, "qcs::cam::uin/100000000001:uin/100000000011", "")
		}, want: []string{tiers.RuleGrantNotTimeLimited}, msg: "never expires"},
		{name: "tier 4 trust expiring late", tier: tiers.BreakGlass, change: func(r *tiers.Role) {
			r.Trust = trustFor(t, "qcs::cam::uin/100000000001:uin/100000000011", `{"date_less_than":{"qcs:current_time":["2027-01-01 00:00:00"]}}`)
		}, want: []string{tiers.RuleGrantNotTimeLimited}, msg: "runs until 2027-01-01T00:00:00Z"},
		{name: "tier 4 expired trust statement", tier: tiers.BreakGlass, change: func(r *tiers.Role) {
			r.Trust = trustFor(t, "qcs::cam::uin/100000000001:root", `{"date_less_than":{"qcs:current_time":["2026-01-01T00:00:00Z"]}}`)
		}},
		{name: "tier 4 trust to the account", tier: tiers.BreakGlass, change: func(r *tiers.Role) {
			r.Trust = trustFor(t, "qcs::cam::uin/100000000001:root", `{"date_less_than":{"qcs:current_time":["`+now.Add(time.Hour).Format(time.RFC3339)+`"]}}`)
		}, want: []string{tiers.RuleTrustTooBroad}, msg: "every identity of the account"},
		{name: "tier 4 no audit alerting", tier: tiers.BreakGlass, change: func(r *tiers.Role) { r.AuditAlerting = false }, want: []string{tiers.RuleAuditAlerting}},
		{name: "tier 4 session", tier: tiers.BreakGlass, change: func(r *tiers.Role) { r.SessionDuration = 3 * time.Hour }, want: []string{tiers.RuleSessionTooLong}},
		{name: "boundary lowers the tier", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Policies = []tiers.NamedDocument{{Name: "admin", Document: doc(t, stmts(adminPolicy))}}
			r.Boundary = doc(t, stmts(readPolicy, devWrites))
		}},
		{name: "boundary denies lower the policies", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Policies = []tiers.NamedDocument{{Name: "deploy", Document: doc(t, stmts(prodWritesAny))}}
			r.Boundary = doc(t, stmts(adminPolicy, denyWritesProd))
		}},
		{name: "boundary wider than the policies", tier: tiers.DevTest, change: func(r *tiers.Role) {
			r.Boundary = doc(t, stmts(adminPolicy))
		}},
		{name: "scheme option", tier: tiers.DevTest, change: func(r *tiers.Role) {}, opts: []tiers.CheckOption{tiers.WithScheme(tiers.Scheme{})}, want: []string{tiers.RuleDrift, tiers.RuleProductionWrite, tiers.RuleProductionWrite}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := compliant(t, c.tier)
			c.change(&r)
			vs := tiers.Check(r, append([]tiers.CheckOption{tiers.At(now)}, c.opts...)...)
			if got := rulesOf(vs); !slices.Equal(got, c.want) {
				t.Fatalf("rules = %v, want %v\n%v", got, c.want, vs)
			}
			for _, v := range vs {
				if v.Role != "Team-Role" || v.Tier != r.Tier || v.Message == "" || !slices.Contains(tiers.Rules(), v.Rule) {
					t.Errorf("incomplete violation %+v", v)
				}
				if v.Policy == "" && v.Statement != -1 {
					t.Errorf("violation without a policy has statement %d", v.Statement)
				}
			}
			if c.msg != "" && !strings.Contains(vs[0].Message, c.msg) {
				t.Errorf("message %q does not contain %q", vs[0].Message, c.msg)
			}
		})
	}
}

func TestCheckViolationDetails(t *testing.T) {
	t.Parallel()
	r := compliant(t, tiers.Production)
	r.Policies[0].Document = doc(t, stmts(readPolicy, prodWritesAny))
	vs := tiers.Check(r, tiers.At(now))
	if len(vs) != 1 {
		t.Fatalf("violations = %v", vs)
	}
	v := vs[0]
	if !v.Advisory || v.Policy != "prod" || v.Statement != 1 || v.Holder != "" {
		t.Errorf("IP violation = %+v", v)
	}
	if got := v.String(); !strings.HasPrefix(got, "tier.ip-condition: Team-Role: prod: statement[1]") {
		t.Errorf("String() = %q", got)
	}
	r = compliant(t, tiers.Production)
	r.Holders[0].OperationMFA = false
	vs = tiers.Check(r, tiers.At(now))
	if len(vs) != 1 || vs[0].Holder != "alice" || vs[0].Statement != -1 {
		t.Errorf("MFA violation = %+v", vs)
	}
}

func TestCheckNilOptionAndDefaultTime(t *testing.T) {
	t.Parallel()
	r := compliant(t, tiers.DevTest)
	if vs := tiers.Check(r, nil); len(vs) != 0 {
		t.Errorf("violations = %v", vs)
	}
}

func TestRequirementsFor(t *testing.T) {
	t.Parallel()
	q := tiers.DefaultRequirements()
	if !q.For(tiers.ReadOnly).NoWrites || !q.For(tiers.DevTest).NoProduction || q.For(tiers.Production).MaxSession != tiers.DefaultMaxSession ||
		q.For(tiers.BreakGlass).MaxHolders != 2 || q.For(tiers.BreakGlass).MaxGrant != 24*time.Hour || !q.For(tiers.BreakGlass).AuditAlerting {
		t.Errorf("DefaultRequirements() = %+v", q)
	}
	if q.For(0) != (tiers.TierRequirements{}) {
		t.Error("an invalid tier has requirements")
	}
	if !slices.Equal(q.BillingServices, []string{"finance"}) {
		t.Errorf("BillingServices = %v", q.BillingServices)
	}
}

func TestCheckTrustPrincipals(t *testing.T) {
	t.Parallel()
	exp := `{"date_less_than":{"qcs:current_time":["` + now.Add(time.Hour).Format(time.RFC3339) + `"]}}`
	cases := []struct {
		name, trust string
		want        []string
		msg         string
	}{
		{"anyone", stmts(`{"effect":"allow","principal":"*","action":["name/sts:AssumeRole"],"condition":` + exp + `}`), []string{tiers.RuleTrustTooBroad}, "anyone (*)"},
		{"saml", stmts(`{"effect":"allow","principal":{"federated":["qcs::cam::uin/100000000001:saml-provider/okta"]},"action":["name/sts:AssumeRoleWithSAML"],"condition":` + exp + `}`), []string{tiers.RuleTrustTooBroad}, "identity provider"},
		{"service", stmts(`{"effect":"allow","principal":{"service":["cvm.qcloud.com"]},"action":["name/sts:AssumeRole"],"condition":` + exp + `}`), nil, ""},
		{"bad date", stmts(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"action":["name/sts:AssumeRole"],"condition":{"date_less_than":{"qcs:current_time":["soon"]}}}`), []string{tiers.RuleGrantNotTimeLimited}, "never expires"},
		{"if_exist does not limit", stmts(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"action":["name/sts:AssumeRole"],"condition":{"date_less_than_if_exist":{"qcs:current_time":["2026-03-01 13:00:00"]}}}`), []string{tiers.RuleGrantNotTimeLimited}, "never expires"},
		{"earliest limit wins", stmts(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"action":["name/sts:AssumeRole"],"condition":{"date_less_than":{"qcs:current_time":["2030-01-01 00:00:00"]},"date_less_than_equal":{"qcs:current_time":["2026-03-01 13:00:00"]}}}`), nil, ""},
		{"deny statements are not grants", stmts(`{"effect":"deny","principal":"*","action":["name/sts:AssumeRole"]}`), nil, ""},
	}
	for _, c := range cases {
		r := compliant(t, tiers.BreakGlass)
		r.Trust = doc(t, c.trust)
		vs := tiers.Check(r, tiers.At(now))
		if got := rulesOf(vs); !slices.Equal(got, c.want) {
			t.Errorf("%s: rules %v, want %v\n%v", c.name, got, c.want, vs)
			continue
		}
		if c.msg != "" && (!strings.Contains(vs[0].Message, c.msg) || vs[0].Policy != "trust" || vs[0].Statement != 0) {
			t.Errorf("%s: violation %+v, want message with %q in trust statement 0", c.name, vs[0], c.msg)
		}
	}
}

func TestClassifyRole(t *testing.T) {
	t.Parallel()
	s := tiers.DefaultScheme()
	r := tiers.Role{Name: "r", Tier: tiers.DevTest,
		Policies: []tiers.NamedDocument{{Name: "admin", Document: doc(t, stmts(adminPolicy))}, {Name: "nil"}}}
	if got := s.ClassifyRole(r); got.Tier != tiers.BreakGlass || got.Reasons[0].Policy != "admin" {
		t.Errorf("without a boundary: %+v", got)
	}
	r.Boundary = doc(t, stmts(devWrites))
	got := s.ClassifyRole(r)
	if got.Tier != tiers.DevTest || got.Reasons[0].Policy != tiers.BoundaryName {
		t.Errorf("with a tier-2 boundary: %+v", got)
	}
	// A deny in a policy applies to the boundary's side too.
	r.Policies = append(r.Policies, tiers.NamedDocument{Name: "no-cvm", Document: doc(t, stmts(`{"effect":"deny","action":["cvm:*"],"resource":["*"]}`))})
	if got := s.ClassifyRole(r); got.Tier != tiers.ReadOnly {
		t.Errorf("with a deny on the boundary's writes: %+v", got)
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	if got := tiers.Recommended.String(); got != "recommended" {
		t.Errorf("Recommended.String() = %q", got)
	}
	if got := tiers.Enforcement(7).String(); got != "Enforcement(7)" {
		t.Errorf("Enforcement(7).String() = %q", got)
	}
	if got := tiers.Cause(0).String(); got != "Cause(0)" {
		t.Errorf("Cause(0).String() = %q", got)
	}
	if got := (tiers.Reason{Message: "m"}).String(); got != "m" {
		t.Errorf("Reason.String() = %q", got)
	}
	_, err := tiers.ParseTier("root")
	if got := err.Error(); got != `tiers: unknown tier "root" (want ReadOnly, DevTest, Production, BreakGlass or 1-4)` {
		t.Errorf("error = %q", got)
	}
}

func TestRequirementsOf(t *testing.T) {
	if got, want := tiers.RequirementsOf(), tiers.DefaultRequirements(); got.Production.IPCondition != want.Production.IPCondition ||
		got.BreakGlass.MaxHolders != want.BreakGlass.MaxHolders {
		t.Fatalf("RequirementsOf() = %+v, want the defaults", got)
	}
	r := tiers.DefaultRequirements()
	r.Production.IPCondition = tiers.Required
	got := tiers.RequirementsOf(nil, tiers.WithScheme(tiers.DefaultScheme()), tiers.WithRequirements(r))
	if got.Production.IPCondition != tiers.Required {
		t.Fatalf("RequirementsOf ignored WithRequirements: %+v", got.Production)
	}
}
