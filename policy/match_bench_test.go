package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// Long action patterns (a 5,006-byte pattern is valid in CAM) against long
// request actions: the cost must grow with pattern plus input, not with their
// product. Each shape runs at two input sizes sixteen times apart.
//
//   - suffix: "cvm:*AAAA…AB", a star then a 5,001-byte literal that almost
//     matches every position of "AAAA…A";
//   - middle: "cvm:*AAAA…AB*", the same literal between two stars;
//   - stars:  "cvm:*A*A*…*B", 2,500 one-letter segments.
func BenchmarkEvaluateLongActionPattern(b *testing.B) {
	lit := strings.Repeat("A", 5000) + "B"
	shapes := []struct{ name, pattern string }{
		{"suffix", "cvm:*" + lit},
		{"middle", "cvm:*" + lit + "*"},
		{"stars", "cvm:" + strings.Repeat("*A", 2500) + "*B"},
	}
	for _, shape := range shapes {
		doc := &policy.Document{Version: policy.Version, Statement: []policy.Statement{{
			Effect: policy.EffectAllow, Action: []string{shape.pattern}, Resource: []string{"*"},
		}}}
		e, err := policy.Compile(doc)
		if err != nil {
			b.Fatal(err)
		}
		for _, size := range []int{64 << 10, 1 << 20} {
			req := policy.Request{Action: "cvm:" + strings.Repeat("A", size), Resource: "*"}
			b.Run(fmt.Sprintf("%s/input=%dKiB", shape.name, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if e.Evaluate(req).Allowed() {
						b.Fatal("allowed")
					}
				}
			})
		}
	}
}
