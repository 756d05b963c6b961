package policy_test

import (
	"slices"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestKnownConditionKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key  string
		want bool
	}{
		{policy.KeyCurrentTime, true},
		{policy.KeyIP, true},
		{policy.KeyResourceTag, true},
		{policy.KeyRequestTag, true},
		{policy.KeyMFA, true},
		{"mfa", true},
		{policy.KeyBindToken, true},
		{policy.KeyUIN, true},
		{policy.KeyOwnerUIN, true},
		{policy.KeyAppID, true},
		{"saml:aud", true},
		{"saml:sub_type", true},
		{"cvm:region", true},
		{"vpc:region", true},
		{"cos:secure-transport", true},
		{"qcs:resource_tag/env", true},
		{"qcs:request_tag/team", true},
		{"qcs:resource_tag/", false},
		{"qcs:IP", false},
		{"qcs:bindtoken", false},
		{"qcs:source_ip", false},
		{"cos:Secure-Transport", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			t.Parallel()
			if got := policy.KnownConditionKey(tt.key); got != tt.want {
				t.Errorf("KnownConditionKey(%q) = %v, want %v", tt.key, got, tt.want)
			}
		})
	}
}

func TestConditionKeys(t *testing.T) {
	t.Parallel()
	keys := policy.ConditionKeys()
	if !slices.IsSorted(keys) || len(keys) < 20 {
		t.Fatalf("ConditionKeys = %v", keys)
	}
	for _, k := range keys {
		if !policy.KnownConditionKey(k) {
			t.Errorf("listed key %q is not known", k)
		}
	}
	keys[0] = "mutated"
	if policy.ConditionKeys()[0] == "mutated" {
		t.Error("ConditionKeys returns shared state")
	}
}
