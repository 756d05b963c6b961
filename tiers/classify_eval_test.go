package tiers_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// crossCheckConfined asks the policy evaluator to confirm a tier-2
// classification under the default scheme: no write API that the documents'
// confined allows name may be allowed on a resource tagged as production.
func crossCheckConfined(t testing.TB, docs []*policy.Document, cls tiers.Classification) {
	t.Helper()
	ev, err := policy.Compile(docs...)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	for _, r := range cls.Reasons {
		if r.Cause != tiers.CauseConfinedWrite {
			continue
		}
		a, err := policy.ParseAction(r.Action)
		if err != nil {
			t.Fatal(err)
		}
		apis := a.MatchingActions()
		if !a.Wildcard() {
			apis = []string{a.Service + ":" + a.Name}
		}
		for _, api := range apis {
			svc, name, _ := strings.Cut(api, ":")
			if l := policy.AccessLevelOf(svc, name); l < policy.AccessTagging {
				continue
			}
			for _, prod := range tiers.DefaultProductionValues() {
				req := policy.Request{
					Action:   api,
					Resource: "qcs::" + svc + ":ap-guangzhou:uin/100000000001:instance/ins-1",
					Context: map[string][]string{
						policy.KeyResourceTag:            {"env&" + prod, "owner&alice"},
						policy.KeyResourceTag + "/env":   {prod},
						policy.KeyResourceTag + "/owner": {"alice"},
						policy.KeyIP:                     {"10.1.2.3"},
					},
				}
				if d := ev.Evaluate(req); d.Allowed() {
					t.Errorf("classified as confined (%s), but the evaluator allows %s on a resource tagged env=%s:\n%v", r.Message, api, prod, d)
				}
			}
		}
	}
}

// recorder is a testing.TB that records errors instead of failing.
type recorder struct {
	testing.TB
	errors int
}

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, a ...any) { r.errors++ }

// TestCrossCheckCatchesWrongConfinement makes sure the cross-check is not
// vacuous: a write on production labelled as confined is caught.
func TestCrossCheckCatchesWrongConfinement(t *testing.T) {
	t.Parallel()
	d := doc(t, stmts(run(`{"string_equal":{`+resTag+`:["env&prod"]}}`)))
	wrong := tiers.Classification{Tier: tiers.DevTest, Reasons: []tiers.Reason{{
		Tier: tiers.DevTest, Cause: tiers.CauseConfinedWrite, Action: "cvm:RunInstances", Message: "wrong",
	}}}
	rec := &recorder{TB: t}
	crossCheckConfined(rec, []*policy.Document{d}, wrong)
	if rec.errors != len(tiers.DefaultProductionValues())-1 {
		t.Errorf("cross-check reported %d errors, want 1 (env=prod only)", rec.errors)
	}
}
