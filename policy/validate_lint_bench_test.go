package policy_test

import (
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

func BenchmarkValidate6KB(b *testing.B) {
	doc := mustParse(b, sixKB(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := doc.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLint6KB(b *testing.B) {
	doc := mustParse(b, sixKB(b))
	opts := policy.LintOptions{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }, OwnerUIN: 100000000001}
	b.ReportAllocs()
	for b.Loop() {
		policy.LintWith(doc, opts)
	}
}
