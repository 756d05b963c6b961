package policy_test

import (
	"slices"
	"testing"

	"github.com/camkit/camkit/policy"
)

// semCase is one semantics check: the identity statements (one document), an
// optional boundary, a request and the expected outcome and assumption kinds.
// Every case name starts with the docs/semantics.md section it checks.
type semCase struct {
	name     string
	stmts    []policy.Statement
	boundary []policy.Statement // nil: no boundary
	req      policy.Request
	want     policy.Outcome
	assume   []policy.AssumptionKind // exact kinds, in order; nil means none
}

const (
	allowE = policy.EffectAllow
	denyE  = policy.EffectDeny
	ins1   = "qcs::cvm:ap-guangzhou:uin/100:instance/ins-1"
)

// st builds a statement with one action and one resource.
func st(eff policy.Effect, action, resource string, conds ...policy.Condition) policy.Statement {
	s := policy.Statement{Effect: eff, Action: []string{action}, Resource: []string{resource}}
	for _, c := range conds {
		if s.Condition == nil {
			s.Condition = policy.Condition{}
		}
		for op, keys := range c {
			if s.Condition[op] == nil {
				s.Condition[op] = map[string][]policy.Value{}
			}
			for k, v := range keys {
				s.Condition[op][k] = v
			}
		}
	}
	return s
}

// cond builds a condition block with one operator and key.
func cond(op, key string, vals ...string) policy.Condition {
	return policy.Condition{op: {key: policy.Strings(vals...)}}
}

// ctx builds a request context from key, value pairs; a key may repeat.
func ctx(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func req(action, resource string, c map[string][]string) policy.Request {
	return policy.Request{Action: action, Resource: resource, Context: c}
}

func runSemCases(t *testing.T, cases []semCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := policy.Compile(&policy.Document{Version: policy.Version, Statement: tc.stmts})
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if tc.boundary != nil {
				if e, err = e.WithBoundary(&policy.Document{Version: policy.Version, Statement: tc.boundary}); err != nil {
					t.Fatalf("WithBoundary: %v", err)
				}
			}
			d := e.Evaluate(tc.req)
			if d.Outcome() != tc.want {
				t.Fatalf("outcome = %v, want %v\n%v", d.Outcome(), tc.want, d)
			}
			if d.Allowed() != (tc.want == policy.OutcomeAllow) {
				t.Errorf("Allowed() = %v disagrees with outcome %v", d.Allowed(), d.Outcome())
			}
			var kinds []policy.AssumptionKind
			for _, a := range d.Assumptions() {
				kinds = append(kinds, a.Kind)
			}
			if !slices.Equal(kinds, tc.assume) {
				t.Errorf("assumptions = %v, want %v\n%v", kinds, tc.assume, d)
			}
		})
	}
}

func TestSemanticsActions(t *testing.T) {
	t.Parallel()
	const (
		A = policy.OutcomeAllow
		I = policy.OutcomeImplicitDeny
		D = policy.OutcomeExplicitDeny
	)
	caseK := []policy.AssumptionKind{policy.AssumeActionCase}
	runSemCases(t, []semCase{
		{name: "§2 exact action", stmts: []policy.Statement{st(allowE, "cvm:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§2 other action", stmts: []policy.Statement{st(allowE, "cvm:RunInstances", "*")}, req: req("cvm:StopInstances", ins1, nil), want: I},
		{name: "§2 name/ prefix in policy", stmts: []policy.Statement{st(allowE, "name/cvm:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§2 name/ prefix in request", stmts: []policy.Statement{st(allowE, "cvm:RunInstances", "*")}, req: req("name/cvm:RunInstances", ins1, nil), want: A},
		{name: "§2 star matches every action", stmts: []policy.Statement{st(allowE, "*", "*")}, req: req("cam:CreatePolicy", "*", nil), want: A},
		{name: "§2 star colon star matches every action", stmts: []policy.Statement{st(allowE, "*:*", "*")}, req: req("cos:PutObject", "*", nil), want: A},
		{name: "§2 service wildcard", stmts: []policy.Statement{st(allowE, "cos:*", "*")}, req: req("cos:PutObject", "*", nil), want: A},
		{name: "§2 service wildcard is per service", stmts: []policy.Statement{st(allowE, "cos:*", "*")}, req: req("cvm:RunInstances", "*", nil), want: I},
		{name: "§2 any service with API glob", stmts: []policy.Statement{st(allowE, "*:Describe*", "*")}, req: req("vpc:DescribeVpcs", "*", nil), want: A},
		{name: "§2 prefix glob", stmts: []policy.Statement{st(allowE, "cvm:Describe*", "*")}, req: req("cvm:DescribeInstances", "*", nil), want: A},
		{name: "§2 prefix glob miss", stmts: []policy.Statement{st(allowE, "cvm:Describe*", "*")}, req: req("cvm:RunInstances", "*", nil), want: I},
		{name: "§2 infix glob", stmts: []policy.Statement{st(allowE, "cos:*Bucket*", "*")}, req: req("cos:PutBucketAcl", "*", nil), want: A},
		{name: "§2 infix glob miss", stmts: []policy.Statement{st(allowE, "cos:*Bucket*", "*")}, req: req("cos:PutObject", "*", nil), want: I},
		{name: "§2 glob needs the whole name", stmts: []policy.Statement{st(allowE, "cvm:Describe", "*")}, req: req("cvm:DescribeInstances", "*", nil), want: I},
		{name: "§2 permid never matches an API", stmts: []policy.Statement{st(allowE, "permid/12345", "*")}, req: req("cvm:RunInstances", "*", nil), want: I},
		{name: "§2 malformed request action matches nothing, not even star", stmts: []policy.Statement{st(allowE, "*", "*")}, req: req("RunInstances", "*", nil), want: I},
		{name: "§2 §5.7 allow matches API name ignoring case", stmts: []policy.Statement{st(allowE, "cvm:runinstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A, assume: caseK},
		{name: "§2 §5.7 allow matches glob ignoring case", stmts: []policy.Statement{st(allowE, "cvm:describe*", "*")}, req: req("cvm:DescribeInstances", ins1, nil), want: A, assume: caseK},
		{name: "§2 §5.7 allow matches service ignoring case", stmts: []policy.Statement{st(allowE, "CVM:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A, assume: caseK},
		{name: "§2 §5.7 exact alternative needs no assumption", stmts: []policy.Statement{{Effect: allowE, Action: []string{"cvm:runinstances", "cvm:RunInstances"}, Resource: []string{"*"}}}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§2 §5.7 deny matches case-sensitively", stmts: []policy.Statement{st(allowE, "*", "*"), st(denyE, "cvm:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§2 §5.7 deny in other case does not apply", stmts: []policy.Statement{st(allowE, "*", "*"), st(denyE, "cvm:runinstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A, assume: caseK},
	})
}

func TestSemanticsResources(t *testing.T) {
	t.Parallel()
	const (
		A = policy.OutcomeAllow
		I = policy.OutcomeImplicitDeny
		D = policy.OutcomeExplicitDeny
	)
	varK := []policy.AssumptionKind{policy.AssumeMissingVariable}
	const obj = "qcs::cos:ap-guangzhou:uid/1250000000:bucket-1250000000/logs/2024/a:b.txt"
	uin2 := ctx("qcs:uin", "2", "qcs:owner_uin", "100")
	runSemCases(t, []semCase{
		{name: "§3 star matches every resource", stmts: []policy.Statement{st(allowE, "cvm:*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 star matches a request for star", stmts: []policy.Statement{st(allowE, "cvm:*", "*")}, req: req("cvm:DescribeInstances", "*", nil), want: A},
		{name: "§3 specific resource does not match a request for star", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/100:instance/*")}, req: req("cvm:DescribeInstances", "*", nil), want: I},
		{name: "§3 specific resource does not match a malformed request", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/100:instance/*")}, req: req("cvm:RunInstances", "qcs::cvm:ap-guangzhou", nil), want: I},
		{name: "§3 exact resource", stmts: []policy.Statement{st(allowE, "cvm:*", ins1)}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 sixth segment is case-sensitive", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/100:instance/INS-1")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 type wildcard", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/100:instance/*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 other resource type", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/100:volume/*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 other region", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-shanghai:uin/100:instance/*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 other account", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/200:instance/*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 other service", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cbs:ap-guangzhou:uin/100:instance/*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 empty region means all", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm::uin/100:instance/*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 empty account means all", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou::instance/ins-1")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 empty service means all", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs:::ap-guangzhou:uin/100:instance/ins-1")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 project in policy must match", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs:7:cvm:ap-guangzhou:uin/100:instance/ins-1")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§3 star inside region segment", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-*:uin/100:instance/ins-1")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 star inside region segment stays in it", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-*:uin/100:instance/ins-1")}, req: req("cvm:RunInstances", "qcs::cvm:eu-frankfurt:uin/100:instance/ins-1", nil), want: I},
		{name: "§3 star in account segment", stmts: []policy.Statement{st(allowE, "cvm:*", "qcs::cvm:ap-guangzhou:uin/*:instance/ins-1")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§3 sixth segment star spans slash and colon", stmts: []policy.Statement{st(allowE, "cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000000:bucket-1250000000/logs/*")}, req: req("cos:GetObject", obj, nil), want: A},
		{name: "§3 sixth segment prefix match stops at its prefix", stmts: []policy.Statement{st(allowE, "cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000000:bucket-1250000000/data/*")}, req: req("cos:GetObject", obj, nil), want: I},
		{name: "§3 sixth segment infix star", stmts: []policy.Statement{st(allowE, "cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000000:bucket-1250000000/*/a:b.txt")}, req: req("cos:GetObject", obj, nil), want: A},
		{name: "§3 CAM root resource", stmts: []policy.Statement{st(allowE, "cam:GetUser", "qcs::cam::uin/100:root")}, req: req("cam:GetUser", "qcs::cam::uin/100:root", nil), want: A},
		{name: "§3 variable uin in sixth segment", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/2", uin2), want: A},
		{name: "§3 variable uin does not match another user", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/3", uin2), want: I},
		{name: "§3 variable owner_uin in account segment", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/${owner_uin}:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/2", uin2), want: A},
		{name: "§3 variable owner_uin mismatch", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/${owner_uin}:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/999:uin/2", uin2), want: I},
		{name: "§3 variable value is literal, not a glob", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/5", ctx("qcs:uin", "*")), want: I},
		{name: "§3 app_id variable", stmts: []policy.Statement{st(allowE, "cos:*", "qcs::cos:ap-guangzhou:uid/${app_id}:bucket-${app_id}/*")}, req: req("cos:GetObject", "qcs::cos:ap-guangzhou:uid/125:bucket-125/x", ctx("qcs:app_id", "125")), want: A},
		{name: "§3 §5.7 missing variable in allow matches anything", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/3", nil), want: A, assume: varK},
		{name: "§3 §5.7 missing variable still needs the rest to match", stmts: []policy.Statement{st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:root", nil), want: I},
		{name: "§3 §5.7 missing variable in deny matches nothing", stmts: []policy.Statement{st(allowE, "cam:*", "*"), st(denyE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/3", nil), want: A, assume: varK},
		{name: "§3 variable present in deny applies", stmts: []policy.Statement{st(allowE, "cam:*", "*"), st(denyE, "cam:*", "qcs::cam::uin/100:uin/${uin}")}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/2", uin2), want: D},
		{name: "§3 clean resource alternative preferred", stmts: []policy.Statement{{Effect: allowE, Action: []string{"cam:*"}, Resource: []string{"qcs::cam::uin/100:uin/${uin}", "qcs::cam::uin/100:uin/3"}}}, req: req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/3", nil), want: A},
	})
}

func TestSemanticsEvaluation(t *testing.T) {
	t.Parallel()
	const (
		A = policy.OutcomeAllow
		I = policy.OutcomeImplicitDeny
		D = policy.OutcomeExplicitDeny
	)
	const role = "qcs::cam::uin/100:roleName/deploy"
	trust := func(eff policy.Effect, p *policy.Principal) policy.Statement {
		return policy.Statement{Effect: eff, Principal: p, Action: []string{"name/sts:AssumeRole"}}
	}
	root100 := &policy.Principal{QCS: []string{"qcs::cam::uin/100:root"}}
	sub := &policy.Principal{QCS: []string{"qcs::cam::uin/100:uin/7"}}
	svc := &policy.Principal{Service: []string{"cvm.qcloud.com"}}
	saml := &policy.Principal{Federated: []string{"qcs::cam::uin/100:saml-provider/okta"}}
	assume := func(who string) policy.Request {
		return policy.Request{Action: "sts:AssumeRole", Resource: role, Principal: who}
	}
	runSemCases(t, []semCase{
		{name: "§5.1 default deny", stmts: nil, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§5.3 deny overrides allow", stmts: []policy.Statement{st(allowE, "*", "*"), st(denyE, "cvm:RunInstances", ins1)}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.3 deny overrides allow in either order", stmts: []policy.Statement{st(denyE, "cvm:RunInstances", ins1), st(allowE, "*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.3 deny alone is an explicit deny", stmts: []policy.Statement{st(denyE, "cvm:*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.3 deny elsewhere does not deny", stmts: []policy.Statement{st(allowE, "cvm:*", "*"), st(denyE, "cvm:TerminateInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§5.4 boundary allows too", stmts: []policy.Statement{st(allowE, "cvm:*", "*")}, boundary: []policy.Statement{st(allowE, "cvm:*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: A},
		{name: "§5.4 boundary does not allow", stmts: []policy.Statement{st(allowE, "cvm:*", "*")}, boundary: []policy.Statement{st(allowE, "cos:*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§5.4 boundary never grants", stmts: []policy.Statement{st(allowE, "cos:*", "*")}, boundary: []policy.Statement{st(allowE, "*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: I},
		{name: "§5.4 deny in boundary denies", stmts: []policy.Statement{st(allowE, "*", "*")}, boundary: []policy.Statement{st(allowE, "*", "*"), st(denyE, "cvm:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.4 deny in boundary denies without identity allow", stmts: nil, boundary: []policy.Statement{st(denyE, "cvm:RunInstances", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.4 deny in identity with boundary", stmts: []policy.Statement{st(denyE, "cvm:RunInstances", "*")}, boundary: []policy.Statement{st(allowE, "*", "*")}, req: req("cvm:RunInstances", ins1, nil), want: D},
		{name: "§5.5 every part must match", stmts: []policy.Statement{st(allowE, "cvm:RunInstances", ins1, cond("string_equal", "cvm:region", "ap-guangzhou"))}, req: req("cvm:RunInstances", ins1, ctx("cvm:region", "ap-shanghai")), want: I},
		{name: "§5.8 root principal covers the root", stmts: []policy.Statement{trust(allowE, root100)}, req: assume("qcs::cam::uin/100:root"), want: A},
		{name: "§5.8 root principal covers sub-users", stmts: []policy.Statement{trust(allowE, root100)}, req: assume("qcs::cam::uin/100:uin/7"), want: A},
		{name: "§5.8 root principal does not cover another account", stmts: []policy.Statement{trust(allowE, root100)}, req: assume("qcs::cam::uin/1000:uin/7"), want: I},
		{name: "§5.8 sub-user principal", stmts: []policy.Statement{trust(allowE, sub)}, req: assume("qcs::cam::uin/100:uin/7"), want: A},
		{name: "§5.8 sub-user principal excludes others", stmts: []policy.Statement{trust(allowE, sub)}, req: assume("qcs::cam::uin/100:uin/8"), want: I},
		{name: "§5.8 sub-user principal excludes the root", stmts: []policy.Statement{trust(allowE, sub)}, req: assume("qcs::cam::uin/100:root"), want: I},
		{name: "§5.8 service principal", stmts: []policy.Statement{trust(allowE, svc)}, req: assume("cvm.qcloud.com"), want: A},
		{name: "§5.8 other service", stmts: []policy.Statement{trust(allowE, svc)}, req: assume("scf.qcloud.com"), want: I},
		{name: "§5.8 SAML provider", stmts: []policy.Statement{trust(allowE, saml)}, req: assume("qcs::cam::uin/100:saml-provider/okta"), want: A},
		{name: "§5.8 star principal is everyone", stmts: []policy.Statement{trust(allowE, &policy.Principal{Any: true})}, req: assume("qcs::cam::uin/555:uin/5"), want: A},
		{name: "§5.8 request without principal matches no principal statement", stmts: []policy.Statement{trust(allowE, &policy.Principal{Any: true})}, req: assume(""), want: I},
		{name: "§5.8 statements without principal ignore it", stmts: []policy.Statement{st(allowE, "sts:AssumeRole", role)}, req: assume("qcs::cam::uin/1:uin/2"), want: A},
		{name: "§5.8 deny with principal", stmts: []policy.Statement{trust(allowE, root100), trust(denyE, sub)}, req: assume("qcs::cam::uin/100:uin/7"), want: D},
		{name: "§5.8 deny with principal spares others", stmts: []policy.Statement{trust(allowE, root100), trust(denyE, sub)}, req: assume("qcs::cam::uin/100:uin/8"), want: A},
	})
}
