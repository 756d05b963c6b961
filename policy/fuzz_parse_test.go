package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// FuzzParse checks that Parse never panics, that it accepts only valid JSON, that
// its errors are *policy.Error values naming the package, and that for every
// input it accepts the canonical text is valid JSON, re-parses, and is a fixed
// point. Seeds: the whole corpus (valid and invalid) plus testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"corpus", "invalid"} {
		for _, c := range corpusFiles(f, dir) {
			f.Add(c.Data)
		}
	}
	f.Add([]byte(`{"version":"2.0","statement":{"effect":"allow","principal":"*","action":"a:b","condition":{"numeric_equal":{"k":[-0.5e-3,true,"\u0026\ud83d\ude00"]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := policy.Parse(data)
		if err != nil {
			var perr *policy.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %T is not a *policy.Error: %v", err, err)
			}
			if !strings.HasPrefix(err.Error(), "policy: ") {
				t.Fatalf("error %q does not start with the package name", err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("Parse accepted invalid JSON %q", data)
		}
		canon := doc.Canonical()
		if !json.Valid([]byte(canon)) {
			t.Fatalf("Canonical is not valid JSON: %q", canon)
		}
		again, err := policy.Parse([]byte(canon))
		if err != nil {
			t.Fatalf("canonical text does not parse: %v\n%q", err, canon)
		}
		if got := again.Canonical(); got != canon {
			t.Fatalf("Canonical is not a fixed point:\nfirst:  %q\nsecond: %q", canon, got)
		}
		if len(again.Statement) != len(doc.Statement) {
			t.Fatalf("statement count changed from %d to %d", len(doc.Statement), len(again.Statement))
		}
		b, err := doc.MarshalJSON()
		if err != nil || string(b) != canon {
			t.Fatalf("MarshalJSON = %q, %v; want %q", b, err, canon)
		}
		if _, err := json.Marshal(doc); err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
	})
}
