package policy_test

import (
	"fmt"
	"testing"

	"github.com/camkit/camkit/policy"
)

// benchServices are the ~30 services the generated policies spread over.
var benchServices = []string{
	"cvm", "cos", "cbs", "vpc", "clb", "cdb", "redis", "mongodb", "tke", "scf",
	"cam", "sts", "kms", "ssl", "cdn", "dnspod", "monitor", "cls", "ckafka", "tdmq",
	"es", "emr", "lighthouse", "tcr", "apigw", "waf", "ssm", "tag", "cloudaudit", "billing",
}

const benchAccount = "uin/100000000001"

// benchStatement generates statement i of a realistic policy set: describe
// access everywhere, create/modify in one region from the office network,
// tag-scoped reads of some instances, denies of deletes from outside the
// office, and time-limited run/start/stop in two regions.
func benchStatement(i int) policy.Statement {
	svc := benchServices[i%len(benchServices)]
	switch (i + i/len(benchServices)) % 5 {
	case 0:
		return policy.Statement{Effect: policy.EffectAllow, Action: []string{svc + ":Describe*"}, Resource: []string{"*"}}
	case 1:
		return policy.Statement{Effect: policy.EffectAllow,
			Action:    []string{svc + ":Create*", svc + ":Modify*"},
			Resource:  []string{"qcs::" + svc + ":ap-guangzhou:" + benchAccount + ":instance/*"},
			Condition: policy.Condition{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8", "172.16.0.0/12")}}}
	case 2:
		return policy.Statement{Effect: policy.EffectAllow,
			Action:    []string{svc + ":Get*"},
			Resource:  []string{fmt.Sprintf("qcs::%s::%s:instance/ins-%d*", svc, benchAccount, i)},
			Condition: policy.Condition{"for_any_value:string_equal": {"qcs:resource_tag": policy.Strings("env&prod", "env&staging")}}}
	case 3:
		return policy.Statement{Effect: policy.EffectDeny,
			Action:    []string{svc + ":Delete*", svc + ":Terminate*"},
			Resource:  []string{"*"},
			Condition: policy.Condition{"ip_not_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}}}
	default:
		return policy.Statement{Effect: policy.EffectAllow,
			Action: []string{svc + ":Run*", svc + ":Start*", svc + ":Stop*"},
			Resource: []string{
				"qcs::" + svc + ":ap-shanghai:" + benchAccount + ":instance/*",
				"qcs::" + svc + ":ap-beijing:" + benchAccount + ":instance/*",
			},
			Condition: policy.Condition{"date_less_than": {"qcs:current_time": policy.Strings("2030-01-01T00:00:00Z")}}}
	}
}

// benchDocs splits n generated statements into documents of at most 20
// statements, as CAM policies of realistic size.
func benchDocs(n int) []*policy.Document {
	var docs []*policy.Document
	for i := 0; i < n; i++ {
		if i%20 == 0 {
			docs = append(docs, &policy.Document{Version: policy.Version})
		}
		d := docs[len(docs)-1]
		d.Statement = append(d.Statement, benchStatement(i))
	}
	return docs
}

func benchEvaluator(tb testing.TB, n int) (*policy.Evaluator, []*policy.Document) {
	tb.Helper()
	docs := benchDocs(n)
	e, err := policy.Compile(docs...)
	if err != nil {
		tb.Fatalf("Compile: %v", err)
	}
	return e, docs
}

type benchRequest struct {
	name string
	want policy.Outcome
	policy.Request
}

func benchRequests() []policy.Request {
	var out []policy.Request
	for _, r := range namedBenchRequests() {
		out = append(out, r.Request)
	}
	return out
}

func namedBenchRequests() []benchRequest {
	office := map[string][]string{
		"qcs:ip":           {"10.1.2.3"},
		"qcs:current_time": {"2026-11-26T10:00:00Z"},
		"qcs:resource_tag": {"env&prod", "team&ops"},
	}
	outside := map[string][]string{"qcs:ip": {"192.0.2.1"}, "qcs:current_time": {"2026-11-26T10:00:00+08:00"}}
	return []benchRequest{
		{"hit", policy.OutcomeAllow, policy.Request{Action: "cvm:DescribeInstances", Resource: "qcs::cvm:ap-guangzhou:" + benchAccount + ":instance/ins-1", Context: office}},
		{"hit-condition", policy.OutcomeAllow, policy.Request{Action: "cos:CreateBucket", Resource: "qcs::cos:ap-guangzhou:" + benchAccount + ":instance/b-1", Context: office}},
		{"miss", policy.OutcomeImplicitDeny, policy.Request{Action: "cvm:ResetInstancesPassword", Resource: "qcs::cvm:ap-guangzhou:" + benchAccount + ":instance/ins-1", Context: office}},
		{"deny", policy.OutcomeExplicitDeny, policy.Request{Action: "vpc:DeleteVpc", Resource: "qcs::vpc:ap-guangzhou:" + benchAccount + ":vpc/vpc-1", Context: outside}},
	}
}

func TestBenchRequestsDecideAsNamed(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 100, 1000} {
		e, _ := benchEvaluator(t, n)
		for _, r := range namedBenchRequests() {
			if d := e.Evaluate(r.Request); d.Outcome() != r.want {
				t.Errorf("n=%d %s: %v", n, r.name, d)
			}
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		e, _ := benchEvaluator(b, n)
		for _, r := range namedBenchRequests() {
			b.Run(fmt.Sprintf("statements=%d/%s", n, r.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.Evaluate(r.Request)
				}
			})
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		docs := benchDocs(n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := policy.Compile(docs...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecisionString(b *testing.B) {
	e, _ := benchEvaluator(b, 100)
	r := namedBenchRequests()[2].Request
	d := e.Evaluate(r)
	b.ReportAllocs()
	for b.Loop() {
		_ = d.String()
	}
}
