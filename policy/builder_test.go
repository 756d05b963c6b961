package policy_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

func TestBuilderStatements(t *testing.T) {
	t.Parallel()
	expiry := time.Date(2026, 12, 1, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	tests := []struct {
		name string
		got  policy.Statement
		want policy.Statement
	}{
		{
			name: "allow without resource",
			got:  policy.Allow("cvm:DescribeInstances"),
			want: policy.Statement{Effect: policy.EffectAllow, Action: []string{"cvm:DescribeInstances"}},
		},
		{
			name: "deny with resources appended in order",
			got:  policy.Deny("cvm:TerminateInstances").On("qcs::cvm:ap-guangzhou::instance/ins-1").On("qcs::cvm:ap-guangzhou::instance/ins-2"),
			want: policy.Statement{
				Effect:   policy.EffectDeny,
				Action:   []string{"cvm:TerminateInstances"},
				Resource: []string{"qcs::cvm:ap-guangzhou::instance/ins-1", "qcs::cvm:ap-guangzhou::instance/ins-2"},
			},
		},
		{
			name: "no actions",
			got:  policy.Allow(),
			want: policy.Statement{Effect: policy.EffectAllow},
		},
		{
			name: "resources from Resource values",
			got:  policy.Allow("sts:AssumeRole").OnResources(policy.CAMRoleName(100000000001, "ops")),
			want: policy.Statement{
				Effect:   policy.EffectAllow,
				Action:   []string{"sts:AssumeRole"},
				Resource: []string{"qcs::cam::uin/100000000001:roleName/ops"},
			},
		},
		{
			name: "conditions merge by operator and key",
			got: policy.Allow("cos:GetObject").On("*").
				When(policy.IPEqual(policy.KeyIP, "10.0.0.0/8"), policy.StringEqual(policy.KeyVPCRequesterVPC, "vpc-1")).
				When(policy.IPEqual(policy.KeyIP, "192.168.0.0/16", "10.0.0.0/8")),
			want: policy.Statement{
				Effect:   policy.EffectAllow,
				Action:   []string{"cos:GetObject"},
				Resource: []string{"*"},
				Condition: policy.Condition{
					"ip_equal":     {"qcs:ip": policy.Strings("10.0.0.0/8", "192.168.0.0/16")},
					"string_equal": {"vpc:requester_vpc": policy.Strings("vpc-1")},
				},
			},
		},
		{
			name: "until and not before",
			got:  policy.Allow("sts:AssumeRole").On("*").NotBefore(expiry.Add(-24 * time.Hour)).Until(expiry),
			want: policy.Statement{
				Effect:   policy.EffectAllow,
				Action:   []string{"sts:AssumeRole"},
				Resource: []string{"*"},
				Condition: policy.Condition{
					"date_less_than":          {"qcs:current_time": policy.Strings("2026-12-01T00:30:00Z")},
					"date_greater_than_equal": {"qcs:current_time": policy.Strings("2026-11-30T00:30:00Z")},
				},
			},
		},
		{
			name: "from IP",
			got:  policy.Allow("cvm:*").On("*").FromIP("10.0.0.0/8"),
			want: policy.Statement{
				Effect: policy.EffectAllow, Action: []string{"cvm:*"}, Resource: []string{"*"},
				Condition: policy.Condition{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}},
			},
		},
		{
			name: "principals merge",
			got:  policy.Allow(policy.ActionAssumeRole).For(policy.AccountRoot(1), policy.ServicePrincipal("cvm.qcloud.com")).For(policy.SubUser(1, 2)),
			want: policy.Statement{
				Effect: policy.EffectAllow,
				Principal: &policy.Principal{
					QCS:     []string{"qcs::cam::uin/1:root", "qcs::cam::uin/1:uin/2"},
					Service: []string{"cvm.qcloud.com"},
				},
				Action: []string{"name/sts:AssumeRole"},
			},
		},
		{
			name: "any principal wins",
			got:  policy.Allow(policy.ActionAssumeRole).For(policy.AccountRoot(1)).For(policy.AnyPrincipal()),
			want: policy.Statement{
				Effect:    policy.EffectAllow,
				Principal: &policy.Principal{Any: true, QCS: []string{"qcs::cam::uin/1:root"}},
				Action:    []string{"name/sts:AssumeRole"},
			},
		},
		{
			name: "For without principals sets none",
			got:  policy.Allow("a:b").For(),
			want: policy.Statement{Effect: policy.EffectAllow, Action: []string{"a:b"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", tt.got, tt.want)
			}
		})
	}
}

// TestBuilderValueSemantics checks that no builder step shares a slice or map
// with the value it was called on or with the arguments it was given.
func TestBuilderValueSemantics(t *testing.T) {
	t.Parallel()
	actions := []string{"cvm:DescribeInstances", "cvm:DescribeImages"}
	base := policy.Allow(actions...).On("qcs::cvm:ap-guangzhou::instance/*")
	actions[0] = "mutated"
	if base.Action[0] != "cvm:DescribeInstances" {
		t.Fatalf("Allow shares its argument slice: %v", base.Action)
	}

	a := base.On("qcs::cvm:ap-beijing::instance/*")
	b := base.On("qcs::cvm:ap-shanghai::instance/*")
	if a.Resource[1] != "qcs::cvm:ap-beijing::instance/*" || b.Resource[1] != "qcs::cvm:ap-shanghai::instance/*" {
		t.Fatalf("On results share a backing array: %v %v", a.Resource, b.Resource)
	}
	if len(base.Resource) != 1 {
		t.Fatalf("On changed its receiver: %v", base.Resource)
	}

	c1 := base.When(policy.IPEqual(policy.KeyIP, "10.0.0.0/8"))
	c2 := c1.When(policy.IPEqual(policy.KeyIP, "192.168.0.0/16"))
	c3 := c1.When(policy.IPEqual(policy.KeyIP, "172.16.0.0/12"))
	if got := c1.Condition["ip_equal"]["qcs:ip"]; len(got) != 1 {
		t.Fatalf("When changed its receiver: %v", got)
	}
	if c2.Condition["ip_equal"]["qcs:ip"][1].Text != "192.168.0.0/16" || c3.Condition["ip_equal"]["qcs:ip"][1].Text != "172.16.0.0/12" {
		t.Fatalf("When results share values: %v %v", c2.Condition, c3.Condition)
	}
	if base.Condition != nil {
		t.Fatalf("When changed the original statement: %v", base.Condition)
	}

	root := policy.AccountRoot(1)
	p1 := policy.Allow(policy.ActionAssumeRole).For(root)
	p2 := p1.For(policy.SubUser(1, 2))
	p3 := p1.For(policy.SubUser(1, 3))
	root.QCS[0] = "mutated"
	if p1.Principal.QCS[0] != "qcs::cam::uin/1:root" || len(p1.Principal.QCS) != 1 {
		t.Fatalf("For shares state: %v", p1.Principal.QCS)
	}
	if p2.Principal.QCS[1] != "qcs::cam::uin/1:uin/2" || p3.Principal.QCS[1] != "qcs::cam::uin/1:uin/3" {
		t.Fatalf("For results share a backing array: %v %v", p2.Principal.QCS, p3.Principal.QCS)
	}

	stmt := policy.Allow("cvm:RunInstances").On("*")
	doc := policy.New(stmt)
	doc.Statement[0].Action[0] = "mutated"
	if stmt.Action[0] != "cvm:RunInstances" {
		t.Fatalf("New shares statements with its arguments")
	}

	cond := policy.StringEqual("k", "v")
	st := policy.Allow("a:b").When(cond)
	cond.Values[0] = policy.String("mutated")
	if st.Condition["string_equal"]["k"][0].Text != "v" {
		t.Fatalf("When shares the Cond's values")
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	d := policy.New()
	if d.Version != policy.Version || d.Statement == nil || len(d.Statement) != 0 {
		t.Fatalf("New() = %#v, want version 2.0 and an empty statement list", d)
	}
	d = policy.New(policy.Allow("a:b").On("*"), policy.Deny("a:c").On("*"))
	if len(d.Statement) != 2 || d.Statement[0].Effect != policy.EffectAllow || d.Statement[1].Effect != policy.EffectDeny {
		t.Fatalf("New kept the wrong statements: %#v", d.Statement)
	}
}

func TestTrust(t *testing.T) {
	t.Parallel()
	const owner = 100000000001
	tests := []struct {
		name       string
		principals []policy.Principal
		want       string
	}{
		{
			name:       "account and service",
			principals: []policy.Principal{policy.AccountRoot(owner), policy.ServicePrincipal("cvm.qcloud.com")},
			want:       `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:root"],"service":["cvm.qcloud.com"]},"action":["name/sts:AssumeRole"]}]}`,
		},
		{
			name:       "saml only",
			principals: []policy.Principal{policy.SAMLProvider(owner, "okta")},
			want:       `{"version":"2.0","statement":[{"effect":"allow","principal":{"federated":["qcs::cam::uin/100000000001:saml-provider/okta"]},"action":["name/sts:AssumeRoleWithSAML"]}]}`,
		},
		{
			name:       "both kinds give two statements, AssumeRole first",
			principals: []policy.Principal{policy.SAMLProvider(owner, "okta"), policy.SubUser(owner, 100000000002)},
			want:       `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000002"]},"action":["name/sts:AssumeRole"]},{"effect":"allow","principal":{"federated":["qcs::cam::uin/100000000001:saml-provider/okta"]},"action":["name/sts:AssumeRoleWithSAML"]}]}`,
		},
		{
			name: "mixed principal value is split",
			principals: []policy.Principal{{
				QCS:       []string{"qcs::cam::uin/1:root"},
				Federated: []string{"qcs::cam::uin/1:saml-provider/idp"},
			}},
			want: `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":["name/sts:AssumeRole"]},{"effect":"allow","principal":{"federated":["qcs::cam::uin/1:saml-provider/idp"]},"action":["name/sts:AssumeRoleWithSAML"]}]}`,
		},
		{
			name:       "anyone",
			principals: []policy.Principal{policy.AnyPrincipal()},
			want:       `{"version":"2.0","statement":[{"effect":"allow","principal":"*","action":["name/sts:AssumeRole"]}]}`,
		},
		{
			name: "nobody",
			want: `{"version":"2.0","statement":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := policy.Trust(tt.principals...)
			if got := d.Canonical(); got != tt.want {
				t.Errorf("Trust(...).Canonical()\n got %s\nwant %s", got, tt.want)
			}
			reparsed, err := policy.Parse([]byte(d.Canonical()))
			if err != nil {
				t.Fatalf("Parse(Canonical): %v", err)
			}
			if reparsed.Canonical() != d.Canonical() {
				t.Errorf("trust policy does not round-trip: %s", reparsed.Canonical())
			}
		})
	}
}

func TestTrustTimeLimited(t *testing.T) {
	t.Parallel()
	expiry := time.Date(2026, 12, 24, 18, 0, 0, 0, time.UTC)
	d := policy.Trust(policy.SubUser(1, 2))
	d.Statement[0] = d.Statement[0].Until(expiry)
	want := `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:uin/2"]},"action":["name/sts:AssumeRole"],"condition":{"date_less_than":{"qcs:current_time":["2026-12-24T18:00:00Z"]}}}]}`
	if got := d.Canonical(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func BenchmarkBuilder(b *testing.B) {
	b.ReportAllocs()
	res := policy.NewResource("cvm", "ap-guangzhou", policy.UIN(100000000001), "instance/*").String()
	for b.Loop() {
		_ = policy.New(
			policy.Allow("cvm:DescribeInstances", "cvm:StartInstances").On(res).
				When(policy.IPEqual(policy.KeyIP, "10.0.0.0/8"), policy.ResourceTagEqual("env", "dev")),
		)
	}
}

// TestBuiltDocumentsValidate checks that what the builders and constructors
// write is what Validate accepts, and that the documented misuses are reported.
func TestBuiltDocumentsValidate(t *testing.T) {
	t.Parallel()
	expiry := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	valid := map[string]*policy.Document{
		"every constructor": policy.New(
			policy.Allow("cos:GetObject").OnResources(policy.COSObject("ap-guangzhou", 1250000000, "b-1250000000", "*")).
				When(
					policy.BoolEqual(policy.KeyCOSSecureTransport, true),
					policy.NullEqual(policy.KeyMFA, false),
					policy.NumericLessThan(policy.KeyCOSTLSVersion, 1.3),
					policy.DateLessThan(policy.KeyCurrentTime, expiry),
					policy.BinaryEqual("k", []byte("x")),
					policy.IPEqual(policy.KeyIP, "10.0.0.0/8", "::1"),
					policy.ResourceTagEqual("env", "dev"),
					policy.StringLike(policy.ResourceTagKey("team"), "a*").IfExist().ForAllValue(),
				),
			policy.Deny("cam:*").OnResources(policy.CAMRoot(1), policy.CAMUser(1, 2), policy.CAMGroup(1, 3),
				policy.CAMPolicy(1, 4), policy.CAMRoleName(1, "r"), policy.CAMRole(1, "46116860184273")),
		),
		"trust with time limit": func() *policy.Document {
			d := policy.Trust(policy.AccountRoot(1), policy.SAMLProvider(1, "idp"), policy.ServicePrincipal("cvm.qcloud.com"))
			d.Statement[0] = d.Statement[0].Until(expiry)
			return d
		}(),
	}
	for name, d := range valid {
		if err := d.Validate(); err != nil {
			t.Errorf("%s: Validate: %v", name, err)
		}
	}
	invalid := map[string]*policy.Document{
		"allow without resource":         policy.New(policy.Allow("cvm:RunInstances")),
		"null_equal with IfExist":        policy.New(policy.Allow("a:b").On("*").When(policy.NullEqual("k", true).IfExist())),
		"trust without principals":       policy.Trust(),
		"numeric condition not a number": policy.New(policy.Allow("a:b").On("*").When(policy.NumericEqual("n", math.Inf(1)))),
	}
	for name, d := range invalid {
		if err := d.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %s", name, d.Canonical())
		}
	}
}
