package policy_test

import (
	"reflect"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestPrincipals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  policy.Principal
		want policy.Principal
	}{
		{"AccountRoot", policy.AccountRoot(100000000001), policy.Principal{QCS: []string{"qcs::cam::uin/100000000001:root"}}},
		{"SubUser", policy.SubUser(100000000001, 100000000002), policy.Principal{QCS: []string{"qcs::cam::uin/100000000001:uin/100000000002"}}},
		{"ServicePrincipal", policy.ServicePrincipal("cvm.qcloud.com"), policy.Principal{Service: []string{"cvm.qcloud.com"}}},
		{"SAMLProvider", policy.SAMLProvider(100000000001, "okta"), policy.Principal{Federated: []string{"qcs::cam::uin/100000000001:saml-provider/okta"}}},
		{"AnyPrincipal", policy.AnyPrincipal(), policy.Principal{Any: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

func TestResourceConstructors(t *testing.T) {
	t.Parallel()
	const owner = 100000000001
	base := policy.NewResource("cvm", "ap-guangzhou", policy.UIN(owner), "instance/ins-abc")
	tests := []struct {
		name string
		got  policy.Resource
		want string
	}{
		{"NewResource", base, "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc"},
		{"InRegion", base.InRegion("ap-beijing"), "qcs::cvm:ap-beijing:uin/100000000001:instance/ins-abc"},
		{"InRegion all", base.InRegion(""), "qcs::cvm::uin/100000000001:instance/ins-abc"},
		{"InAccount", base.InAccount(policy.UIN(7)), "qcs::cvm:ap-guangzhou:uin/7:instance/ins-abc"},
		{"WithPath", base.WithPath("instance/*"), "qcs::cvm:ap-guangzhou:uin/100000000001:instance/*"},
		{"COSObject", policy.COSObject("ap-guangzhou", 1250000000, "examplebucket-1250000000", "logs/*"), "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*"},
		{"CAMRoot", policy.CAMRoot(owner), "qcs::cam::uin/100000000001:root"},
		{"CAMUser", policy.CAMUser(owner, 100000000002), "qcs::cam::uin/100000000001:uin/100000000002"},
		{"CAMGroup", policy.CAMGroup(owner, 42), "qcs::cam::uin/100000000001:groupid/42"},
		{"CAMPolicy", policy.CAMPolicy(owner, 1234567), "qcs::cam::uin/100000000001:policyid/1234567"},
		{"CAMRoleName", policy.CAMRoleName(owner, "ops-readonly"), "qcs::cam::uin/100000000001:roleName/ops-readonly"},
		{"CAMRole", policy.CAMRole(owner, "4611686018427397919"), "qcs::cam::uin/100000000001:role/4611686018427397919"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.got.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			parsed, err := policy.ParseResource(tt.want)
			if err != nil {
				t.Fatalf("ParseResource(%q): %v", tt.want, err)
			}
			if parsed != tt.got {
				t.Errorf("ParseResource(%q) = %#v, want %#v", tt.want, parsed, tt.got)
			}
		})
	}
	if base.String() != "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc" {
		t.Error("InRegion/InAccount/WithPath changed their receiver")
	}
	if got := policy.RoleARN(owner, "ops"); got != "qcs::cam::uin/100000000001:roleName/ops" {
		t.Errorf("RoleARN = %q", got)
	}
	if got := policy.UIN(0) + " " + policy.UID(18446744073709551615); got != "uin/0 uid/18446744073709551615" {
		t.Errorf("UIN/UID = %q", got)
	}
}
