// Package benchmarks compares camkit's policy evaluator with cedar-go, the Go
// implementation of the Cedar policy language, on the same policies.
//
// It is a separate module (github.com/camkit/camkit/benchmarks) so that
// camkit itself does not depend on cedar-go. [Statements] generates the
// realistic CAM policy sets of policy/eval_bench_test.go, [ToCedar] translates
// them faithfully to Cedar, and [CedarRequest] turns a camkit request into a
// Cedar request. Run the comparison with
//
//	cd benchmarks && go test -bench . -benchmem -run '^$'
//
// and check that both engines agree with go test ./... in this directory.
package benchmarks
