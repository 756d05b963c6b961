package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// sixKB returns a realistic policy whose compact canonical form is just under
// CAM's limit of 6,144 characters: statements with action lists, COS and CVM
// resources, tag, IP and time conditions, with escapes and a duplicate or two.
func sixKB(tb testing.TB) []byte {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`{"version":"2.0","statement":[`)
	for i := 0; ; i++ {
		st := fmt.Sprintf(`{"effect":"allow","action":["cvm:DescribeInstances","cvm:StartInstances","cvm:StopInstances","cvm:RebootInstances","cvm:DescribeInstances"],`+
			`"resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-%08d","qcs::cos:ap-guangzhou:uid/1250000000:bucket%d-1250000000/logs/*"],`+
			`"condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env\u0026prod","team&payments-%d"]},"ip_equal":{"qcs:ip":["10.%d.0.0/16","203.0.113.7"]},"date_less_than":{"qcs:current_time":"2026-12-31T23:59:59Z"},"numeric_less_than":{"cvm:disk_size":[500,1.5e2]}}}`,
			i, i, i, i%256)
		if b.Len()+len(st)+2 > policy.MaxDocumentLength {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(st)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func BenchmarkParse6KB(b *testing.B) {
	data := sixKB(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := policy.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse6KBIndented(b *testing.B) {
	data := []byte(mustParse(b, sixKB(b)).Indent())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := policy.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCanonical(b *testing.B) {
	doc := mustParse(b, sixKB(b))
	b.SetBytes(int64(len(doc.Canonical())))
	b.ReportAllocs()
	for b.Loop() {
		_ = doc.Canonical()
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	doc := mustParse(b, sixKB(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doc.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSixKBFixture(t *testing.T) {
	t.Parallel()
	data := sixKB(t)
	if n := len(data); n < 5500 || n > policy.MaxDocumentLength {
		t.Fatalf("fixture is %d bytes, want about 6 KB", n)
	}
	assertFixedPoint(t, mustParse(t, data).Canonical())
}
