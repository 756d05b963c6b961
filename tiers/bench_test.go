package tiers_test

import (
	"strconv"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// deployDocument builds a realistic deploy policy of close to CAM's 6,144
// characters: reads everywhere, catalogued writes of the common services in
// statements confined to dev by tag, wildcards, and a deny on production.
func deployDocument(tb testing.TB) *policy.Document {
	tb.Helper()
	dev := tiers.DefaultScheme().NonProductionCondition()
	stmts := []policy.Statement{
		policy.Allow("cvm:Describe*", "vpc:Describe*", "clb:Describe*", "cls:Describe*", "monitor:Describe*", "cos:Get*", "cos:List*").On("*"),
		policy.Deny("cvm:DescribeInstanceVncUrl").On("*"),
		policy.Deny("cvm:*", "vpc:*", "clb:*").On("*").When(tiers.DefaultScheme().ProductionCondition()),
	}
	d := policy.New(stmts...)
	var batch []string
	for _, svc := range []string{"cvm", "vpc", "clb", "cls", "tke", "monitor"} {
		for _, a := range policy.CatalogActions(svc) {
			_, api, _ := cut(a)
			if lvl := policy.AccessLevelOf(svc, api); lvl != policy.AccessWrite {
				continue
			}
			batch = append(batch, a)
			if len(batch) == 12 {
				next := policy.New(append(stmts, policy.Allow(batch...).On("*").When(dev))...)
				if len([]rune(next.Canonical())) > policy.MaxDocumentLength {
					return d
				}
				stmts = next.Statement
				d, batch = next, nil
			}
		}
	}
	return d
}

func cut(a string) (string, string, bool) {
	for i := 0; i < len(a); i++ {
		if a[i] == ':' {
			return a[:i], a[i+1:], true
		}
	}
	return a, "", false
}

func BenchmarkClassify6KB(b *testing.B) {
	d := deployDocument(b)
	if err := d.Validate(); err != nil {
		b.Fatal(err)
	}
	n := len(d.Canonical())
	if n < 5000 {
		b.Fatalf("document is only %d characters", n)
	}
	if got := tiers.Classify(d).Tier; got != tiers.DevTest {
		b.Fatalf("tier %v, want DevTest", got)
	}
	b.ReportMetric(float64(n), "doc-bytes")
	b.ReportAllocs()
	for b.Loop() {
		tiers.Classify(d)
	}
}

func BenchmarkCheck6KB(b *testing.B) {
	r := tiers.Role{Name: "DevOps-Deploy-Dev", Tier: tiers.DevTest, Policies: []tiers.NamedDocument{{Name: "deploy", Document: deployDocument(b)}}}
	if vs := tiers.Check(r); len(vs) != 0 {
		b.Fatal(vs)
	}
	b.ReportAllocs()
	for b.Loop() {
		tiers.Check(r)
	}
}

// BenchmarkClassify6KBCold classifies the document with an empty action
// cache each time: the cost for a document whose actions were never seen.
func BenchmarkClassify6KBCold(b *testing.B) {
	d := deployDocument(b)
	b.ReportAllocs()
	for b.Loop() {
		tiers.ResetActionCache()
		tiers.Classify(d)
	}
}

// BenchmarkClassifyDenyPairs weighs 200 unconditional denies against 200
// allows on named resources: 40,000 comparisons of resource patterns.
func BenchmarkClassifyDenyPairs(b *testing.B) {
	d := pairedDenies(200, nil)
	if got := tiers.Classify(d).Tier; got != tiers.ReadOnly {
		b.Fatalf("tier %v, want ReadOnly", got)
	}
	b.ReportAllocs()
	for b.Loop() {
		tiers.Classify(d)
	}
}

// BenchmarkClassifyResourcePatterns classifies 100 writes on named
// resources, half of them non-production, against a scheme with resource
// patterns.
func BenchmarkClassifyResourcePatterns(b *testing.B) {
	s := tiers.DefaultScheme()
	s.NonProductionResources = []string{"qcs::cvm:*:*:instance/ins-dev*", "qcs::cos:*:*:*-dev-*/*"}
	d := &policy.Document{Version: policy.Version}
	for i := range 100 {
		res := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-" + strconv.Itoa(i)
		if i%2 == 0 {
			res = "qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/logs/" + strconv.Itoa(i)
		}
		d.Statement = append(d.Statement, policy.Statement{Effect: policy.EffectAllow,
			Action: []string{"cvm:StopInstances", "cos:PutObject"}, Resource: []string{res}})
	}
	if got := s.Classify(d).Tier; got != tiers.Production {
		b.Fatalf("tier %v, want Production", got)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.Classify(d)
	}
}
