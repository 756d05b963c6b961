package policy_test

import (
	"fmt"
	"testing"

	"github.com/camkit/camkit/internal/benchpolicy"
	"github.com/camkit/camkit/policy"
)

func benchEvaluator(tb testing.TB, n int) (*policy.Evaluator, []*policy.Document) {
	tb.Helper()
	docs := benchpolicy.Documents(n)
	e, err := policy.Compile(docs...)
	if err != nil {
		tb.Fatalf("Compile: %v", err)
	}
	return e, docs
}

func benchRequests() []policy.Request {
	var out []policy.Request
	for _, r := range benchpolicy.Requests() {
		out = append(out, r.Request)
	}
	return out
}

func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		e, _ := benchEvaluator(b, n)
		for _, r := range benchpolicy.Requests() {
			b.Run(fmt.Sprintf("statements=%d/%s", n, r.Name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.Evaluate(r.Request)
				}
			})
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		docs := benchpolicy.Documents(n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := policy.Compile(docs...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecisionString(b *testing.B) {
	e, _ := benchEvaluator(b, 100)
	r := benchpolicy.Requests()[2].Request
	d := e.Evaluate(r)
	b.ReportAllocs()
	for b.Loop() {
		_ = d.String()
	}
}
