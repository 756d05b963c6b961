package policy

import (
	"math/rand/v2"
	"testing"
)

// TestAssumptionCountsAgreeWithLog checks that the counts Evaluate keeps
// agree with the assumptions Decision.Assumptions records by deciding again,
// over random mixes of allow and deny statements that make many assumptions,
// so that slots fill up and deny assumptions replace allow ones.
func TestAssumptionCountsAgreeWithLog(t *testing.T) {
	t.Parallel()
	pool := []Statement{
		{Effect: EffectAllow, Action: []string{"cvm:describeinstances"}, Resource: []string{"*"}},
		{Effect: EffectAllow, Action: []string{"CVM:DescribeInstances"}, Resource: []string{"*"},
			Condition: Condition{"ip_equal": {"qcs:ip": Strings("10.0.0.0/8")}}},
		{Effect: EffectAllow, Action: []string{"cvm:Describe*"}, Resource: []string{"*"},
			Condition: Condition{"string_not_equal": {"cvm:absent": Strings("x")}, "for_all_value:string_equal": {"cvm:gone": Strings("y")}}},
		{Effect: EffectDeny, Action: []string{"cvm:describeInstances"}, Resource: []string{"*"}},
		{Effect: EffectDeny, Action: []string{"cvm:DescribeInstances"}, Resource: []string{"*"},
			Condition: Condition{"ip_equal": {"qcs:ip": Strings("192.168.0.0/16")}}},
		{Effect: EffectDeny, Action: []string{"cvm:*"}, Resource: []string{"*"},
			Condition: Condition{"string_not_equal": {"cvm:absent": Strings("x")}}},
		{Effect: EffectDeny, Action: []string{"cvm:DescribeInstances"}, Resource: []string{"*"},
			Condition: Condition{"numeric_less_than": {"cvm:n": Strings("3")}, "date_less_than": {"qcs:current_time": Strings("2030-01-01T00:00:00Z")}}},
		{Effect: EffectAllow, Action: []string{"cvm:DescribeInstances"}, Resource: []string{"*"},
			Condition: Condition{"bool_equal": {"cvm:b": Strings("true")}}},
		// An unreadable qcs:ip makes this deny apply, with a note.
		{Effect: EffectDeny, Action: []string{"cvm:DescribeInstances"}, Resource: []string{"*"},
			Condition: Condition{"ip_not_equal": {"qcs:ip": Strings("192.168.0.0/16")}}},
	}
	reqs := []Request{
		{Action: "cvm:DescribeInstances", Resource: "*", Context: map[string][]string{"qcs:ip": {"not-an-ip"}, "cvm:n": {"many"}, "qcs:current_time": {"soon"}, "cvm:b": {"maybe"}}},
		{Action: "cvm:DescribeInstances", Resource: "*", Context: map[string][]string{"qcs:ip": {"10.1.2.3"}}},
		{Action: "cvm:describeinstances", Resource: "*"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	truncated, denyKept := 0, 0
	for iter := range 3000 {
		var docs []*Document
		for range 1 + rng.IntN(3) {
			d := &Document{Version: Version}
			for range 1 + rng.IntN(8) {
				d.Statement = append(d.Statement, pool[rng.IntN(len(pool))])
			}
			docs = append(docs, d)
		}
		e, err := Compile(docs...)
		if err != nil {
			t.Fatal(err)
		}
		if rng.IntN(3) == 0 {
			if e, err = e.WithBoundary(&Document{Version: Version, Statement: []Statement{pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))]}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range reqs {
			d := e.Evaluate(r)
			var log assumeLog
			st := testState(r)
			st.rec = &log
			again := Decision{ev: e, req: r}
			e.decide(&st, &again)
			if log.nassume != d.nassume || log.lost != d.lost || again.nassume != d.nassume {
				t.Fatalf("iteration %d, %s: counts %d kept + %d lost, log %d + %d", iter, r.Action, d.nassume, d.lost, log.nassume, log.lost)
			}
			if d.lost > 0 {
				truncated++
			}
			if d.Outcome() == OutcomeExplicitDeny && d.nassume > 0 {
				denyKept++
			}
			var allow int32
			for _, a := range log.assumes[:log.nassume] {
				if !e.statement(a.ref).deny {
					allow++
				}
			}
			if allow != d.allowKept || len(d.Assumptions()) != int(d.nassume) {
				t.Fatalf("iteration %d, %s: %d allow assumptions kept, counted %d", iter, r.Action, allow, d.allowKept)
			}
		}
	}
	if truncated < 100 || denyKept < 100 {
		t.Errorf("the mixes truncated %d decisions and kept deny assumptions in %d; want both at least 100", truncated, denyKept)
	}
}
