// Package benchmarks compares camkit's policy evaluator with cedar-go, the Go
// implementation of the Cedar policy language, on the same policies.
//
// It is a separate module (github.com/camkit/camkit/benchmarks) so that
// camkit itself does not depend on cedar-go. The realistic CAM policy sets and
// requests come from camkit's internal/benchpolicy, the same ones the policy
// package's own benchmarks use; [ToCedar] translates
// them faithfully to Cedar, and [CedarRequest] turns a camkit request into a
// Cedar request. Run the comparison with
//
//	cd benchmarks && go test -bench . -benchmem -run '^$'
//
// and check that both engines agree with go test ./... in this directory.
//
// Each size's engines are built, and the garbage of building them collected,
// only when a benchmark of that size runs. On a shared machine the figures
// move with the load: compare the medians of several runs (-count 10), which
// for the two engines see the same load, rather than single figures.
package benchmarks
