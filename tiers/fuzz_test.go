package tiers_test

import (
	"slices"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// FuzzClassify checks, for any document policy.Parse accepts, that Classify
// and Check never panic, that the tier is the highest reason's, that deny
// statements never raise the tier, and that every violation has a known rule
// and a message.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		stmts(allowDescribe), stmts(allowRunAll, denyWritesProd), stmts(run(`{"string_not_like":{` + resTagEnv + `:["prod*"]}}`)),
		stmts(`{"effect":"allow","action":["cvm:*"],"resource":["*"]}`, denyWritesProd, denyVNC),
		stmts(`{"effect":"allow","action":["*"],"resource":["*"]}`, `{"effect":"deny","action":["cam:*"],"resource":["*"]}`),
		stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/*"]}`),
		stmts(`{"effect":"allow","action":["cvm:Run Instances"],"resource":["*"]}`),
		stmts(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":["name/sts:AssumeRole"]}`),
		stmts(run(`{"for_all_value:string_equal":{` + resTag + `:["env&dev"]},"null_equal":{` + resTagEnv + `:["true"]}}`)),
	} {
		f.Add([]byte(s))
	}
	strict := tiers.DefaultScheme()
	strict.Strict = true
	strict.NonProductionRegions = []string{"ap-singapore"}
	strict.NonProductionResources = []string{"qcs::cos:*:*:*-dev-*"}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := policy.Parse(data)
		if err != nil {
			return
		}
		allowsOnly := &policy.Document{Version: d.Version}
		for _, st := range d.Statement {
			if st.Effect != policy.EffectDeny {
				allowsOnly.Statement = append(allowsOnly.Statement, st)
			}
		}
		for _, s := range []tiers.Scheme{tiers.DefaultScheme(), strict, {}} {
			c := s.Classify(d)
			if !c.Tier.Valid() {
				t.Fatalf("invalid tier %v", c.Tier)
			}
			top := tiers.ReadOnly
			for _, r := range c.Reasons {
				if !r.Tier.Valid() || r.Tier == tiers.ReadOnly || r.Message == "" {
					t.Fatalf("bad reason %+v", r)
				}
				top = max(top, r.Tier)
			}
			if top != c.Tier {
				t.Fatalf("tier %v but highest reason %v", c.Tier, top)
			}
			if without := s.Classify(allowsOnly); without.Tier < c.Tier {
				t.Fatalf("deny statements raised the tier from %v to %v", without.Tier, c.Tier)
			}
		}
		vs := tiers.Check(tiers.Role{Name: "r", Tier: tiers.DevTest, Policies: []tiers.NamedDocument{{Name: "p", Document: d}}, Trust: d, Boundary: d},
			tiers.At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
		for _, v := range vs {
			if !slices.Contains(tiers.Rules(), v.Rule) || v.Message == "" || v.Role != "r" || v.Tier != tiers.DevTest {
				t.Fatalf("bad violation %+v", v)
			}
		}
	})
}
