package tiers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// Hostile names and policy text never reach a message raw: control
// characters and line breaks are quoted, while Reason.Policy keeps the name
// as given.
func TestHostileNamesAreQuoted(t *testing.T) {
	hostile := "ops\x1b[31m\ntier.drift: fake"
	d := &policy.Document{Version: policy.Version, Statement: []policy.Statement{
		{Effect: policy.EffectAllow, Action: []string{"cvm:RunInstances", "bad\naction"}, Resource: []string{"*"},
			Condition: policy.Condition{"string_equal": {policy.KeyResourceTag: {{Text: "env&dev\x1b"}}}}},
	}}
	trust := policy.New(policy.Allow(policy.ActionAssumeRole).For(policy.Principal{QCS: []string{"qcs::cam::uin/1:root\n"}}))
	r := tiers.Role{Name: hostile, Tier: tiers.ReadOnly, Policies: []tiers.NamedDocument{{Name: hostile, Document: d}},
		Trust: trust, Holders: []tiers.Holder{{Name: hostile, Until: time.Now().Add(time.Hour)}}}
	c := tiers.DefaultScheme().ClassifyRole(r)
	if len(c.Reasons) == 0 || c.Reasons[0].Policy != hostile {
		t.Fatalf("Reason.Policy is not the name as given: %+v", c.Reasons)
	}
	for _, reason := range c.Reasons {
		if strings.ContainsAny(reason.Message, "\x1b\n") {
			t.Fatalf("raw control characters in %q", reason.Message)
		}
	}
	for _, tier := range tiers.Tiers() {
		r.Tier = tier
		for _, v := range tiers.Check(r) {
			if s := v.String(); strings.ContainsAny(s, "\x1b\n") {
				t.Fatalf("raw control characters in %q", s)
			}
		}
	}
}

// Zero values and empty inputs are read, never a panic.
func TestZeroValues(t *testing.T) {
	if c := tiers.Classify(); c.Tier != tiers.ReadOnly || c.Reasons != nil {
		t.Fatalf("Classify() = %+v", c)
	}
	if c := tiers.Classify(nil, &policy.Document{}, &policy.Document{Statement: []policy.Statement{{}}}); c.Tier != tiers.ReadOnly {
		t.Fatalf("empty documents: %+v", c)
	}
	vs := tiers.Check(tiers.Role{})
	if len(vs) != 1 || vs[0].Rule != tiers.RuleUnknownTier {
		t.Fatalf("Check(Role{}) = %v", vs)
	}
	var s tiers.Scheme
	if got := s.Classify(policy.New(policy.Allow("cvm:RunInstances").On("*"))).Tier; got != tiers.Production {
		t.Fatalf("the zero scheme confines a write: %v", got)
	}
}

// A write whose environment condition admits production says so, rather than
// that it has no condition.
func TestUnconfinedWriteNamesItsCondition(t *testing.T) {
	d := policy.New(policy.Allow("cvm:RunInstances").On("*").When(policy.ResourceTagEqual("env", "prod")))
	c := tiers.Classify(d)
	if c.Tier != tiers.Production || len(c.Reasons) != 1 ||
		!strings.Contains(c.Reasons[0].Message, "(the tag condition for_any_value:string_equal qcs:resource_tag [env&prod] admits production resources)") {
		t.Fatalf("got %v: %v", c.Tier, c.Reasons)
	}
}

// A huge input makes a short message.
func TestHugeInputsMakeShortErrors(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	_, err := tiers.ParseTier(huge)
	var e tiers.Enforcement
	var c tiers.Cause
	for _, err := range []error{err, e.UnmarshalText([]byte(huge)), c.UnmarshalText([]byte(huge))} {
		if err == nil || len(err.Error()) > 512 || !strings.HasPrefix(err.Error(), "tiers: ") {
			t.Fatalf("error of %d bytes: %.200s", len(err.Error()), err)
		}
	}
	vs := tiers.Check(tiers.Role{Name: huge, Tier: tiers.BreakGlass, Holders: []tiers.Holder{{Name: huge}}})
	for _, v := range vs {
		if len(v.String()) > 1024 {
			t.Fatalf("violation of %d bytes: %.200s", len(v.String()), v.String())
		}
	}
}
