package benchpolicy_test

import (
	"fmt"
	"testing"

	"github.com/camkit/camkit/internal/benchpolicy"
	"github.com/camkit/camkit/policy"
)

func TestDocumentsValidate(t *testing.T) {
	t.Parallel()
	docs := benchpolicy.Documents(1000)
	if len(docs) != 50 {
		t.Fatalf("Documents(1000) made %d documents, want 50", len(docs))
	}
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
}

func TestRequestsDecideAsNamed(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 100, 1000} {
		e, err := policy.Compile(benchpolicy.Documents(n)...)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range benchpolicy.Requests() {
			if d := e.Evaluate(r.Request); d.Outcome() != r.Want {
				t.Errorf("n=%d %s: %v, want %v", n, r.Name, d, r.Want)
			}
		}
	}
}

func ExampleRequests() {
	e, err := policy.Compile(benchpolicy.Documents(10)...)
	if err != nil {
		panic(err)
	}
	for _, r := range benchpolicy.Requests() {
		fmt.Printf("%s: %v\n", r.Name, e.Evaluate(r.Request).Outcome())
	}
	// Output:
	// hit: allow
	// hit-condition: allow
	// miss: implicit deny
	// deny: explicit deny
}
