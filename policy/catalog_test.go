package policy_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestKnownAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		service, api string
		want         string
		ok           bool
	}{
		{"cvm", "DescribeInstances", "cvm:DescribeInstances", true},
		{"CVM", "describeinstances", "cvm:DescribeInstances", true},
		{"cam", "attachuserpolicy", "cam:AttachUserPolicy", true},
		{"cam", "GetUserAppId", "cam:GetUserAppId", true},
		{"sts", "ASSUMEROLE", "sts:AssumeRole", true},
		{"cos", "getobject", "cos:GetObject", true},
		{"cloudaudit", "LookupEvents", "cloudaudit:LookUpEvents", true},
		{"cvm", "CreateDisks", "cvm:CreateDisks", true},
		{"cvm", "NoSuchAPI", "", false},
		{"nosuchservice", "DescribeInstances", "", false},
		{"cvm", "Describe*", "", false},
		{"*", "DescribeInstances", "", false},
		{"", "", "", false},
		{"name/cvm", "DescribeInstances", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.service+":"+tt.api, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.KnownAction(tt.service, tt.api)
			if got != tt.want || ok != tt.ok {
				t.Errorf("KnownAction(%q, %q) = %q, %v; want %q, %v", tt.service, tt.api, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCatalogActions(t *testing.T) {
	t.Parallel()
	services := policy.CatalogServices()
	if !slices.IsSorted(services) {
		t.Errorf("CatalogServices not sorted: %v", services)
	}
	for _, want := range []string{"cam", "cdb", "clb", "cloudaudit", "cls", "cos", "cvm", "finance", "kms", "monitor", "scf", "ssm", "sts", "tag", "tke", "vpc"} {
		if !slices.Contains(services, want) {
			t.Errorf("catalogue lacks service %q", want)
		}
	}
	total := 0
	for _, svc := range services {
		acts := policy.CatalogActions(svc)
		total += len(acts)
		if len(acts) == 0 {
			t.Errorf("service %q has no actions", svc)
		}
		if !slices.IsSorted(acts) {
			t.Errorf("CatalogActions(%q) not sorted", svc)
		}
		if len(slices.Compact(slices.Clone(acts))) != len(acts) {
			t.Errorf("CatalogActions(%q) has duplicates", svc)
		}
		for _, act := range acts {
			a, err := policy.ParseAction(act)
			if err != nil {
				t.Errorf("catalogued action %q does not parse: %v", act, err)
				continue
			}
			if a.Service != svc || a.Wildcard() {
				t.Errorf("catalogued action %q has service %q", act, a.Service)
			}
			if c, ok := policy.KnownAction(a.Service, strings.ToUpper(a.Name)); !ok || c != act {
				t.Errorf("KnownAction does not find %q: %q %v", act, c, ok)
			}
			if a.Name[0] < 'A' || a.Name[0] > 'Z' {
				t.Errorf("catalogued API %q does not start with a capital", act)
			}
		}
	}
	if total < 300 {
		t.Errorf("catalogue has %d actions, want a few hundred", total)
	}
	if got := policy.CatalogActions("CAM"); len(got) == 0 || got[0] != "cam:AddUser" {
		t.Errorf("CatalogActions is not case-insensitive: %v", got)
	}
	if got := policy.CatalogActions("nosuch"); got != nil {
		t.Errorf("CatalogActions(unknown) = %v, want nil", got)
	}
	a := policy.CatalogActions("sts")
	a[0] = "mutated"
	if policy.CatalogActions("sts")[0] == "mutated" {
		t.Error("CatalogActions returns shared state")
	}
}

func TestMatchingActions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action   string
		contains []string
		excludes []string
		exactly  []string
	}{
		{action: "sts:*", exactly: []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:GetCallerIdentity", "sts:GetFederationToken", "sts:GetSessionToken", "sts:QueryApiKey"}},
		{action: "name/sts:assumerole*", exactly: []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}},
		{action: "cos:*Bucket*Policy", exactly: []string{"cos:DeleteBucketPolicy", "cos:GetBucketPolicy", "cos:PutBucketPolicy"}},
		{action: "cvm:Describe*", contains: []string{"cvm:DescribeInstances", "cvm:DescribeDisks"}, excludes: []string{"cvm:RunInstances"}},
		{action: "*:DescribeImages", exactly: []string{"ape:DescribeImages", "cloudstudio:DescribeImages", "cvm:DescribeImages", "tcr:DescribeImages", "tiia:DescribeImages", "tke:DescribeImages"}},
		{action: "*", contains: []string{"cam:AddUser", "vpc:CreateVpc"}},
		{action: "cvm:NoSuch", exactly: nil},
		{action: "permid/1", exactly: nil},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			t.Parallel()
			a, err := policy.ParseAction(tt.action)
			if err != nil {
				t.Fatal(err)
			}
			got := a.MatchingActions()
			if !slices.IsSorted(got) {
				t.Errorf("not sorted: %v", got)
			}
			if tt.contains == nil && tt.excludes == nil && !slices.Equal(got, tt.exactly) {
				t.Errorf("MatchingActions = %v, want %v", got, tt.exactly)
			}
			for _, c := range tt.contains {
				if !slices.Contains(got, c) {
					t.Errorf("MatchingActions lacks %q", c)
				}
			}
			for _, c := range tt.excludes {
				if slices.Contains(got, c) {
					t.Errorf("MatchingActions has %q", c)
				}
			}
		})
	}
	if got := (policy.Action{}).MatchingActions(); got != nil {
		t.Errorf("zero Action matches %v", got)
	}
}

func BenchmarkKnownAction(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = policy.KnownAction("cvm", "DescribeInstances")
	}
}

// BenchmarkSuggestAction times a nearest-name search: a slip of a real name,
// a name close to none, and an unknown service.
func BenchmarkSuggestAction(b *testing.B) {
	for _, a := range []string{"cvm:StopInstnaces", "cvm:DescribeThing7", "cmv:StartInstances"} {
		b.Run(a, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				policy.SuggestAction(a)
			}
		})
	}
}
