package tiers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

func TestDefaultScheme(t *testing.T) {
	t.Parallel()
	s := tiers.DefaultScheme()
	if s.TagKey != "env" || s.Strict || len(s.ProductionValues) != 2 || len(s.NonProductionValues) != 4 {
		t.Errorf("DefaultScheme() = %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("DefaultScheme().Validate() = %v", err)
	}
	// The returned lists are fresh copies.
	s.ProductionValues[0] = "changed"
	if tiers.DefaultScheme().ProductionValues[0] != "prod" {
		t.Error("DefaultScheme shares its value lists")
	}
}

func TestSchemeValidate(t *testing.T) {
	t.Parallel()
	bad := tiers.Scheme{
		TagKey:                 "env&x",
		ProductionValues:       []string{"prod", ""},
		NonProductionValues:    []string{"prod", ""},
		NonProductionResources: []string{"*"},
		NonProductionRegions:   []string{"ap-*"},
	}
	err := bad.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad scheme")
	}
	for _, want := range []string{
		`tiers: scheme: TagKey "env&x" must not contain`,
		"ProductionValues[1] is empty",
		`ProductionValues[0] "prod" is also a non-production value`,
		"NonProductionValues[1] is empty",
		`NonProductionResources[0] "*" would make every resource non-production`,
		`NonProductionRegions[0] "ap-*" must be a region name`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v\nmissing %q", err, want)
		}
	}
	if n := len(unwrapAll(err)); n != 6 {
		t.Errorf("Validate joined %d errors, want 6", n)
	}
	if err := (tiers.Scheme{ProductionValues: []string{"prod"}}).Validate(); err == nil || !strings.Contains(err.Error(), "TagKey is empty") {
		t.Errorf("Validate without a tag key = %v", err)
	}
	if err := (tiers.Scheme{TagKey: "env"}).Validate(); err == nil || !strings.Contains(err.Error(), "ProductionValues is empty") {
		t.Errorf("Validate without production values = %v", err)
	}
	if err := (tiers.Scheme{TagKey: "env", Strict: true, NonProductionValues: []string{"dev"}}).Validate(); err != nil {
		t.Errorf("strict scheme without production values: %v", err)
	}
	if err := (tiers.Scheme{}).Validate(); err != nil {
		t.Errorf("zero Scheme: %v", err)
	}
}

// Validate refuses resource patterns that are not six-segment names, use a
// policy variable or cover every resource, naming each by its index.
func TestSchemeValidateResourcePatterns(t *testing.T) {
	t.Parallel()
	s := tiers.DefaultScheme()
	s.NonProductionResources = []string{
		"qcs::cvm:*:*:instance/ins-dev*", // fine
		"",
		"qcs::cos",
		"qcs::cvm:ap-guangzhou:uin/x:instance/*",
		"arn:cvm:ap-guangzhou:uin/1:instance/*",
		"qcs::cam::uin/1:uin/${uin}",
		"qcs:::::*",
		"qcs::*:*:*:**",
		"qcs::cos:*:*:*-dev-*/*", // fine
		"qcs::cvm:::*",           // fine: every CVM resource
	}
	err := s.Validate()
	if err == nil {
		t.Fatal("Validate accepted bad resource patterns")
	}
	want := []string{
		`tiers: scheme: NonProductionResources[1] "" is not a resource name pattern: empty resource`,
		`tiers: scheme: NonProductionResources[2] "qcs::cos" is not a resource name pattern: resource "qcs::cos" has 3 segments, want six`,
		`tiers: scheme: NonProductionResources[3] "qcs::cvm:ap-guangzhou:uin/x:instance/*" is not a resource name pattern: resource "qcs::cvm:ap-guangzhou:uin/x:instance/*": account segment "uin/x": 'x' is not a digit`,
		`tiers: scheme: NonProductionResources[4] "arn:cvm:ap-guangzhou:uin/1:instance/*" is not a resource name pattern: resource "arn:cvm:ap-guangzhou:uin/1:instance/*" has 5 segments`,
		`tiers: scheme: NonProductionResources[5] "qcs::cam::uin/1:uin/${uin}" uses a policy variable`,
		`tiers: scheme: NonProductionResources[6] "qcs:::::*" would make every resource non-production`,
		`tiers: scheme: NonProductionResources[7] "qcs::*:*:*:**" would make every resource non-production`,
	}
	errs := unwrapAll(err)
	if len(errs) != len(want) {
		t.Fatalf("Validate joined %d errors, want %d: %v", len(errs), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %q\nwant it to start %q", i, errs[i], w)
		}
	}
	// Classify skips the patterns Validate refuses: they confine nothing.
	s.NonProductionResources = s.NonProductionResources[1:8]
	d := policy.New(policy.Allow("cvm:StopInstances").On("qcs::cvm:ap-guangzhou:uin/1:instance/${uin}"),
		policy.Allow("cvm:StopInstances").On("qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"))
	if c := s.Classify(d); c.Tier != tiers.Production || len(c.Reasons) != 2 || c.Reasons[0].Tier != c.Reasons[1].Tier {
		t.Errorf("writes under invalid patterns: tier %v, reasons:\n%v", c.Tier, c.Reasons)
	}
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestSchemeConditions(t *testing.T) {
	t.Parallel()
	s := tiers.DefaultScheme()
	dev := s.NonProductionCondition()
	if dev.Operator != "for_any_value:string_equal" || dev.Key != policy.KeyResourceTag || len(dev.Values) != 4 || dev.Values[0].Text != "env&dev" {
		t.Errorf("NonProductionCondition() = %+v", dev)
	}
	deploy := policy.New(
		policy.Allow("cvm:RunInstances").On("*"),
		policy.Deny("cvm:*").On("*").When(s.ProductionCondition()),
	)
	if err := deploy.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := s.Classify(deploy).Tier; got != tiers.DevTest {
		t.Errorf("allow with a deny on ProductionCondition: tier %v, want DevTest", got)
	}
	if got := s.Classify(policy.New(policy.Allow("cvm:RunInstances").On("*").When(dev))).Tier; got != tiers.DevTest {
		t.Errorf("allow with NonProductionCondition: tier %v, want DevTest", got)
	}
	if c := (tiers.Scheme{}).ProductionCondition(); c.Operator != "" || c.Key != "" || c.Values != nil {
		t.Errorf("zero scheme ProductionCondition() = %+v", c)
	}
}

func TestZeroSchemeConfinesNothing(t *testing.T) {
	t.Parallel()
	d := policy.New(policy.Allow("cvm:RunInstances").On("*").When(tiers.DefaultScheme().NonProductionCondition()))
	if got := (tiers.Scheme{}).Classify(d).Tier; got != tiers.Production {
		t.Errorf("zero scheme: tier %v, want Production", got)
	}
}

func TestSchemeAndRequirementsJSON(t *testing.T) {
	t.Parallel()
	s := tiers.DefaultScheme()
	s.NonProductionRegions = []string{"ap-singapore"}
	s.TagAuthorization = func(string) bool { return true }
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back tiers.Scheme
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.TagKey != "env" || len(back.ProductionValues) != 2 || back.NonProductionRegions[0] != "ap-singapore" || back.TagAuthorization != nil {
		t.Errorf("scheme round trip %s gave %+v", b, back)
	}
	q := tiers.DefaultRequirements()
	b, err = json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"ipCondition":"recommended"`) {
		t.Errorf("requirements JSON %s", b)
	}
	var qb tiers.Requirements
	if err := json.Unmarshal(b, &qb); err != nil {
		t.Fatal(err)
	}
	if qb.For(tiers.BreakGlass) != q.For(tiers.BreakGlass) || qb.For(tiers.Production) != q.For(tiers.Production) || qb.For(tiers.ReadOnly) != q.For(tiers.ReadOnly) {
		t.Errorf("requirements round trip %+v, want %+v", qb, q)
	}
}
