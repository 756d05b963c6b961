package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// A request that spells resource tags as per-tag keys, where the policy reads
// qcs:resource_tag as CAM supplies it, is denied; the near miss says why and
// how to write the request.
func TestNearMissPerTagRequestKey(t *testing.T) {
	doc := mustParse(t, []byte(stmt(`{"effect":"allow","action":"cvm:StartInstances","resource":"*",
		"condition":{"for_any_value:string_equal":{"qcs:resource_tag":"env&dev"}}}`)))
	ev, err := policy.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	req := policy.Request{Action: "cvm:StartInstances", Resource: "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1",
		Context: map[string][]string{"qcs:resource_tag/env": {"dev"}}}
	d := ev.Evaluate(req)
	if d.Allowed() {
		t.Fatalf("a request with per-tag keys is allowed: %v", d)
	}
	misses := d.NearMisses()
	if len(misses) != 1 {
		t.Fatalf("NearMisses = %v, want one", misses)
	}
	want := `the request supplies "qcs:resource_tag/env", but CAM supplies tags under "qcs:resource_tag" as "key&value": write "qcs:resource_tag": ["env&dev"]`
	if !strings.Contains(misses[0].Reason, want) {
		t.Errorf("near miss %q does not contain %q", misses[0].Reason, want)
	}
	// Written as CAM supplies it, the request is allowed.
	req.Context = map[string][]string{policy.KeyResourceTag: {"env&dev"}}
	if d := ev.Evaluate(req); !d.Allowed() {
		t.Errorf("the same request in CAM's form is denied: %v", d)
	}
}
