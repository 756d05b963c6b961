package policy_test

import (
	"slices"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestSuggestAction(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"cvm:StopInstnaces", "cvm:StopInstances"},
		{"cmv:StopInstances", "cvm:StopInstances"},
		{"ec2:StopInstances", "cvm:StopInstances"},
		{"cvm:Stpo*", "cvm:Stop*"},
		{"cvm:StopInstances", ""},
		{"CVM:stopinstances", ""},
		{"cvm:Describe*", ""},
		{"zzzzzz:Qqqqqqqqqqq", ""},
		{"cvm:", ""},
		{"noservice", ""},
		{"*:StopInstances", ""},
	}
	for _, tt := range tests {
		if got := policy.SuggestAction(tt.in); got != tt.want {
			t.Errorf("SuggestAction(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuggestService(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"cmv", "cvm"}, {"CVM", "cvm"}, {"s3", "cos"}, {"ec2", "cvm"}, {"cvm", ""},
		{"", ""}, {"c*", ""}, {"qqqqqqqqqqqqqq", ""},
	}
	for _, tt := range tests {
		if got := policy.SuggestService(tt.in); got != tt.want {
			t.Errorf("SuggestService(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKnownService(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"cvm", "CVM", "cam", "sts", "cos", "finance", "ci"} {
		if !policy.KnownService(s) {
			t.Errorf("KnownService(%q) = false", s)
		}
	}
	for _, s := range []string{"", "ec2", "cmv", "*"} {
		if policy.KnownService(s) {
			t.Errorf("KnownService(%q) = true", s)
		}
	}
}

func TestRegions(t *testing.T) {
	t.Parallel()
	if !policy.KnownRegion("ap-guangzhou") || policy.KnownRegion("ap-guangzho") || policy.KnownRegion("AP-GUANGZHOU") {
		t.Error("KnownRegion disagrees about ap-guangzhou")
	}
	if got := policy.SuggestRegion("ap-guangzho"); got != "ap-guangzhou" {
		t.Errorf("SuggestRegion(ap-guangzho) = %q", got)
	}
	if got := policy.SuggestRegion("AP-Shanghai"); got != "ap-shanghai" {
		t.Errorf("SuggestRegion(AP-Shanghai) = %q", got)
	}
	if got := policy.SuggestRegion("ap-shanghai"); got != "" {
		t.Errorf("SuggestRegion(ap-shanghai) = %q", got)
	}
	for _, legacy := range []string{"gz", "sh", "bj", "cn-east"} {
		if !policy.KnownRegion(legacy) {
			t.Errorf("KnownRegion(%q) = false", legacy)
		}
	}
	r := policy.Regions()
	if !slices.IsSorted(r) || !slices.Contains(r, "na-ashburn") {
		t.Errorf("Regions() = %v", r)
	}
	r[0] = "changed"
	if policy.Regions()[0] == "changed" {
		t.Error("Regions returns shared storage")
	}
}

func TestServiceTagAuthorization(t *testing.T) {
	t.Parallel()
	tests := []struct {
		svc  string
		want policy.TagSupport
	}{
		{"cvm", policy.TagSupported}, {"CVM", policy.TagSupported}, {"cam", policy.TagUnsupported},
		{"tcr", policy.TagUnsupported}, {"nosuch", policy.TagUnknown},
	}
	for _, tt := range tests {
		if got := policy.ServiceTagAuthorization(tt.svc); got != tt.want {
			t.Errorf("ServiceTagAuthorization(%q) = %v, want %v", tt.svc, got, tt.want)
		}
	}
}

func TestAPIGranularity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		svc, api string
		want     policy.Granularity
	}{
		{"cdb", "CreateDBInstance", policy.GranularityOperation},
		{"cvm", "StopInstances", policy.GranularityResource},
		// batch's page marks these operation-level yet names resources: untrusted.
		{"batch", "DescribeJob", policy.GranularityUnknown},
		{"cvm", "NoSuchApi", policy.GranularityUnknown},
	}
	for _, tt := range tests {
		if got := policy.APIGranularity(tt.svc, tt.api); got != tt.want {
			t.Errorf("APIGranularity(%q, %q) = %v, want %v", tt.svc, tt.api, got, tt.want)
		}
	}
}

func TestResourceServiceTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		svc  string
		want []string
	}{
		{"sts", []string{"cam", "sts"}},
		{"cos", []string{"cos"}},
		{"TKE", []string{"ccs", "clb", "cvm", "tke"}},
		{"nosuch", []string{"nosuch"}},
	}
	for _, tt := range tests {
		if got := policy.ResourceServiceTypes(tt.svc); !slices.Equal(got, tt.want) {
			t.Errorf("ResourceServiceTypes(%q) = %v, want %v", tt.svc, got, tt.want)
		}
	}
}

func TestReadOnlyAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		svc, api string
		want     bool
	}{
		{"cvm", "DescribeInstances", true}, {"cvm", "describeinstances", true},
		{"cam", "ListUsers", true}, {"cvm", "InquiryPriceRunInstances", true},
		{"kms", "VerifyByAsymmetricKey", true}, {"cos", "GetObject", true},
		{"x", "BatchGetThings", true}, {"x", "Compare", true},
		{"cvm", "StopInstances", false}, {"cvm", "RunInstances", false},
		{"x", "Getaway", false}, {"x", "Listen", false}, {"x", "", false},
		{"x", "BatchDelete", false}, {"x", "ExportLogs", true},
	}
	for _, tt := range tests {
		if got := policy.ReadOnlyAction(tt.svc, tt.api); got != tt.want {
			t.Errorf("ReadOnlyAction(%q, %q) = %v, want %v", tt.svc, tt.api, got, tt.want)
		}
	}
}

func TestIssuesCredentials(t *testing.T) {
	t.Parallel()
	for _, a := range [][2]string{
		{"sts", "AssumeRole"}, {"cam", "CreateAccessKey"}, {"TKE", "describeclusterkubeconfig"},
		{"tke", "DescribeClusterSecurity"}, {"cvm", "DescribeInstanceVncUrl"}, {"kms", "GetDataKeyPlaintext"},
	} {
		if !policy.IssuesCredentials(a[0], a[1]) {
			t.Errorf("IssuesCredentials(%q, %q) = false", a[0], a[1])
		}
	}
	if policy.IssuesCredentials("cvm", "DescribeInstances") {
		t.Error("IssuesCredentials(cvm, DescribeInstances) = true")
	}
}

func TestClosedSetsText(t *testing.T) {
	t.Parallel()
	for _, g := range []policy.Granularity{policy.GranularityUnknown, policy.GranularityResource, policy.GranularityOperation, policy.GranularityService} {
		b, err := g.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back policy.Granularity
		if err := back.UnmarshalText(b); err != nil || back != g {
			t.Errorf("Granularity %v round trip: %v, %v", g, back, err)
		}
	}
	for _, ts := range []policy.TagSupport{policy.TagUnknown, policy.TagSupported, policy.TagUnsupported} {
		b, err := ts.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back policy.TagSupport
		if err := back.UnmarshalText(b); err != nil || back != ts {
			t.Errorf("TagSupport %v round trip: %v, %v", ts, back, err)
		}
	}
	var g policy.Granularity
	if err := g.UnmarshalText([]byte("bogus")); err == nil {
		t.Error("UnmarshalText(bogus) succeeded")
	}
	if _, err := policy.Granularity(9).MarshalText(); err == nil {
		t.Error("MarshalText(9) succeeded")
	}
	if s := policy.TagSupport(9).String(); s != "TagSupport(9)" {
		t.Errorf("String = %q", s)
	}
}
