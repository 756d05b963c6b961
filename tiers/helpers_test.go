package tiers_test

import (
	"testing"

	"github.com/camkit/camkit/policy"
)

// doc parses a policy document written in a test; bad test data fails the test.
func doc(t testing.TB, text string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatalf("bad test document %s: %v", text, err)
	}
	return d
}

// stmt wraps statements into a document.
func stmts(s ...string) string {
	out := `{"version":"2.0","statement":[`
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out + "]}"
}
