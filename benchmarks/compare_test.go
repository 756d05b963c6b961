package benchmarks_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/camkit/camkit/benchmarks"
	"github.com/camkit/camkit/internal/benchpolicy"
	"github.com/camkit/camkit/policy"
	"github.com/cedar-policy/cedar-go"
)

var sizes = []int{10, 100, 1000}

// moreRequests adds variations for the agreement test.
func moreRequests() []policy.Request {
	var out []policy.Request
	for _, r := range benchpolicy.Requests() {
		out = append(out, r.Request)
	}
	noIP := map[string][]string{"qcs:current_time": {"2026-11-26T10:00:00Z"}}
	late := map[string][]string{"qcs:ip": {"10.0.0.1"}, "qcs:current_time": {"2031-01-01T00:00:00Z"}}
	tags := map[string][]string{"qcs:resource_tag": {"env&staging"}}
	for i, svc := range []string{"cvm", "cos", "cbs", "vpc", "clb", "cdb", "redis", "tke", "cam", "billing"} {
		in := func(region, path string) string {
			return "qcs::" + svc + ":" + region + ":" + benchpolicy.Account + ":" + path
		}
		out = append(out,
			policy.Request{Action: svc + ":DescribeThings", Resource: "*"},
			policy.Request{Action: svc + ":describethings", Resource: in("ap-guangzhou", "instance/x")},
			policy.Request{Action: svc + ":CreateThing", Resource: in("ap-guangzhou", "instance/x"), Context: noIP},
			policy.Request{Action: svc + ":ModifyThing", Resource: in("ap-shanghai", "instance/x"), Context: late},
			policy.Request{Action: svc + ":CreateThing", Resource: in("ap-guangzhou", "instance/x"), Context: late},
			policy.Request{Action: svc + ":GetThing", Resource: in("ap-beijing", fmt.Sprintf("instance/ins-%d7", i)), Context: tags},
			policy.Request{Action: svc + ":GetThing", Resource: in("ap-beijing", fmt.Sprintf("instance/ins-%d7", i))},
			policy.Request{Action: svc + ":DeleteThing", Resource: "*", Context: noIP},
			policy.Request{Action: svc + ":TerminateThing", Resource: "*", Context: late},
			policy.Request{Action: svc + ":deletething", Resource: "*", Context: late},
			policy.Request{Action: svc + ":RunThing", Resource: in("ap-shanghai", "instance/x"), Context: late},
			policy.Request{Action: svc + ":StartThing", Resource: in("ap-beijing", "instance/x"), Context: noIP},
			policy.Request{Action: svc + ":StopThing", Resource: in("ap-guangzhou", "instance/x"), Context: noIP},
			policy.Request{Action: svc + ":StopThing", Resource: "*", Context: noIP},
		)
	}
	return out
}

func engines(tb testing.TB, n int) (*policy.Evaluator, *cedar.PolicySet) {
	tb.Helper()
	docs := benchpolicy.Documents(n)
	e, err := policy.Compile(docs...)
	if err != nil {
		tb.Fatalf("Compile: %v", err)
	}
	text, err := benchmarks.ToCedar(docs)
	if err != nil {
		tb.Fatalf("ToCedar: %v", err)
	}
	ps, err := cedar.NewPolicySetFromBytes("generated.cedar", []byte(text))
	if err != nil {
		tb.Fatalf("cedar: %v", err)
	}
	return e, ps
}

func TestEnginesAgree(t *testing.T) {
	for _, n := range sizes {
		e, ps := engines(t, n)
		allowed := 0
		for _, r := range moreRequests() {
			d := e.Evaluate(r)
			got, diag := cedar.Authorize(ps, nil, benchmarks.CedarRequest(r))
			if len(diag.Errors) > 0 {
				t.Fatalf("n=%d %s on %s: Cedar errors: %v", n, r.Action, r.Resource, diag.Errors)
			}
			if d.Allowed() != (got == cedar.Allow) {
				t.Errorf("n=%d: engines disagree on %s on %s (context %v): camkit %v, cedar %v",
					n, r.Action, r.Resource, r.Context, d, got)
			}
			if d.Allowed() {
				allowed++
			}
		}
		if allowed == 0 || allowed == len(moreRequests()) {
			t.Errorf("n=%d: %d of %d requests allowed; the comparison needs both outcomes", n, allowed, len(moreRequests()))
		}
	}
}

func TestTranslationRejectsWhatItCannotExpress(t *testing.T) {
	for _, s := range []policy.Statement{
		{Effect: policy.EffectAllow, Action: []string{"*"}, Resource: []string{"qcs::cam::uin/1:uin/${uin}"}},
		{Effect: policy.EffectAllow, Action: []string{"*"}, Resource: []string{"*"}, Condition: policy.Condition{"string_like": {"k": policy.Strings("v")}}},
		{Effect: policy.EffectAllow, Action: []string{"sts:AssumeRole"}, Principal: &policy.Principal{Any: true}},
	} {
		if _, err := benchmarks.ToCedar([]*policy.Document{{Version: policy.Version, Statement: []policy.Statement{s}}}); err == nil {
			t.Errorf("ToCedar(%+v) succeeded", s)
		}
	}
}

// Both benchmarks build the engines of a size only when a benchmark of that
// size runs, and collect the garbage of building them before timing, so that
// a collection of one size's setup does not run during another's timing.

func BenchmarkCamkit(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			e, _ := engines(b, n)
			runtime.GC()
			for _, r := range benchpolicy.Requests() {
				b.Run(r.Name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						e.Evaluate(r.Request)
					}
				})
			}
		})
	}
}

// BenchmarkCedar times cedar.Authorize on requests converted beforehand, so
// Cedar gets typed context values (parsed IPs and datetimes) for free while
// camkit parses them on every call.
func BenchmarkCedar(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			_, ps := engines(b, n)
			runtime.GC()
			for _, r := range benchpolicy.Requests() {
				cr := benchmarks.CedarRequest(r.Request)
				b.Run(r.Name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						cedar.Authorize(ps, nil, cr)
					}
				})
			}
		})
	}
}
