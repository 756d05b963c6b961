package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// mistakesSixKB is a document of about 6 KB made of the mistakes Lint's name
// rules look up in the catalogue: misspelt and unknown actions of known
// services, unknown services, resources of other services and unknown regions,
// so every action takes the slow path (a nearest-name search).
func mistakesSixKB(tb testing.TB) *policy.Document {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`{"version":"2.0","statement":[`)
	for i := 0; ; i++ {
		st := fmt.Sprintf(`{"effect":"allow","action":["cvm:StopInstnaces","cvm:DescribeThing%d","cmv:StartInstances","ec2:RunInstances","cls:getTopic","cos:Stpo*"],`+
			`"resource":["qcs::cvm:ap-guangzho:uin/100000000001:instance/ins-%08d","qcs::cos:ap-guangzhou:uid/1250000000:bucket%d-1250000000/*"],`+
			`"condition":{"string_equal":{"qcs:resource_tag":["env=dev%d"]},"ip_equal":{"qcs:resource_tag":"10.0.0.0/8"}}}`, i, i, i, i)
		if b.Len()+len(st)+2 > policy.MaxDocumentLength {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(st)
	}
	b.WriteString(`]}`)
	return mustParse(tb, []byte(b.String()))
}

func BenchmarkLintMistakes6KB(b *testing.B) {
	doc := mistakesSixKB(b)
	b.ReportAllocs()
	for b.Loop() {
		policy.Lint(doc)
	}
}
