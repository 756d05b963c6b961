package testutil

import (
	"runtime"
	"sync"
	"testing"
)

// Check checks cases without a testing.TB, for tools and CI reports, and
// returns the failures in case order (nil when every case holds). A Failure
// marshals to JSON. Long lists are split over GOMAXPROCS goroutines; Check
// is safe to call from several goroutines.
func (h *Harness) Check(cases ...Case) []Failure {
	workers := min(runtime.GOMAXPROCS(0), len(cases)/parallelChunk)
	if workers <= 1 {
		return h.checkRange(cases)
	}
	parts := make([][]Failure, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(cases)/workers, (w+1)*len(cases)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = h.checkRange(cases[lo:hi])
		}()
	}
	wg.Wait()
	var out []Failure
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// parallelChunk is the fewest cases worth a goroutine of their own.
const parallelChunk = 2048

func (h *Harness) checkRange(cases []Case) []Failure {
	var out []Failure
	var last *entry
	for _, c := range cases {
		// Matrices list a subject's cases together: skip the lookup then.
		e := last
		if e == nil || e.subject.kind != c.kind() || e.subject.name != c.Subject {
			e = h.entry(c.kind(), c.Subject)
			last = e
		}
		if r, d := h.checkEntry(e, c); r.kind != 0 {
			out = append(out, r.failure(d, c))
		}
	}
	return out
}

func (h *Harness) checkCase(c Case) (result, describe) {
	return h.checkEntry(h.entry(c.kind(), c.Subject), c)
}

func (h *Harness) checkEntry(e *entry, c Case) (result, describe) {
	d := describe{kind: c.kind(), subject: c.Subject, action: c.Action, resource: c.Resource,
		expect: c.Expect, why: c.Why, source: c.Source}
	if k := c.kind(); k != KindRole && k != KindUser {
		return result{kind: FailureInvalidCase, problem: "the case's Kind " + k.String() + " is neither role nor user"}, d
	}
	return h.evaluateWith(e, c.Action, c.Resource, c.Context, c.Principal, c.Expect, c.Options), d
}

// Assert checks one case through t, like the Subject assertions.
func (h *Harness) Assert(t testing.TB, c Case) bool {
	t.Helper()
	r, d := h.checkCase(c)
	return report(t, r, d)
}

// Matrix runs each case as a parallel subtest of t named by [Case.Name]
// ("role/action/resource"), so `go test -run 'TestRoles/DevOps-Deploy-Prod'`
// selects one role's rows. A failing row fails only its subtest.
func (h *Harness) Matrix(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			h.Assert(t, c)
		})
	}
}
