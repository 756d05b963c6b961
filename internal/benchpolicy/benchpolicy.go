// Package benchpolicy generates the realistic policy sets and requests that
// camkit's evaluator benchmarks use, so the policy package's benchmarks and the
// cedar-go comparison module (benchmarks/) measure exactly the same work.
package benchpolicy

import (
	"fmt"

	"github.com/camkit/camkit/policy"
)

// Services are the 30 services the generated statements spread over.
var Services = []string{
	"cvm", "cos", "cbs", "vpc", "clb", "cdb", "redis", "mongodb", "tke", "scf",
	"cam", "sts", "kms", "ssl", "cdn", "dnspod", "monitor", "cls", "ckafka", "tdmq",
	"es", "emr", "lighthouse", "tcr", "apigw", "waf", "ssm", "tag", "cloudaudit", "billing",
}

// Account is the account segment of every generated resource.
const Account = "uin/100000000001"

// Statement generates statement i of a realistic policy set: describe access
// everywhere, create/modify in one region from the office network, tag-scoped
// reads of some instances, denies of deletes from outside the office, and
// time-limited run/start/stop in two regions.
func Statement(i int) policy.Statement {
	svc := Services[i%len(Services)]
	switch (i + i/len(Services)) % 5 {
	case 0:
		return policy.Statement{Effect: policy.EffectAllow, Action: []string{svc + ":Describe*"}, Resource: []string{"*"}}
	case 1:
		return policy.Statement{Effect: policy.EffectAllow,
			Action:    []string{svc + ":Create*", svc + ":Modify*"},
			Resource:  []string{"qcs::" + svc + ":ap-guangzhou:" + Account + ":instance/*"},
			Condition: policy.Condition{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8", "172.16.0.0/12")}}}
	case 2:
		return policy.Statement{Effect: policy.EffectAllow,
			Action:    []string{svc + ":Get*"},
			Resource:  []string{fmt.Sprintf("qcs::%s::%s:instance/ins-%d*", svc, Account, i)},
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
				"qcs::" + svc + ":ap-shanghai:" + Account + ":instance/*",
				"qcs::" + svc + ":ap-beijing:" + Account + ":instance/*",
			},
			Condition: policy.Condition{"date_less_than": {"qcs:current_time": policy.Strings("2030-01-01T00:00:00Z")}}}
	}
}

// Documents returns n generated statements split into documents of at most 20
// statements, as CAM policies of realistic size.
func Documents(n int) []*policy.Document {
	var docs []*policy.Document
	for i := range n {
		if i%20 == 0 {
			docs = append(docs, &policy.Document{Version: policy.Version})
		}
		d := docs[len(docs)-1]
		d.Statement = append(d.Statement, Statement(i))
	}
	return docs
}

// Request is a benchmark request with its name and the outcome it must get
// against every generated set of 10 statements or more.
type Request struct {
	// Name names the case in benchmark output ("hit", "deny", ...).
	Name string
	// Want is the outcome the request must get.
	Want policy.Outcome
	policy.Request
}

// Requests are the benchmark's requests: an allow without conditions, an allow
// through IP and tag conditions, an implicit deny and an explicit deny.
func Requests() []Request {
	office := map[string][]string{
		"qcs:ip":           {"10.1.2.3"},
		"qcs:current_time": {"2026-11-26T10:00:00Z"},
		"qcs:resource_tag": {"env&prod", "team&ops"},
	}
	outside := map[string][]string{"qcs:ip": {"192.0.2.1"}, "qcs:current_time": {"2026-11-26T10:00:00+08:00"}}
	res := func(svc, path string) string { return "qcs::" + svc + ":ap-guangzhou:" + Account + ":" + path }
	return []Request{
		{"hit", policy.OutcomeAllow, policy.Request{Action: "cvm:DescribeInstances", Resource: res("cvm", "instance/ins-1"), Context: office}},
		{"hit-condition", policy.OutcomeAllow, policy.Request{Action: "cos:CreateBucket", Resource: res("cos", "instance/b-1"), Context: office}},
		{"miss", policy.OutcomeImplicitDeny, policy.Request{Action: "cvm:ResetInstancesPassword", Resource: res("cvm", "instance/ins-1"), Context: office}},
		{"deny", policy.OutcomeExplicitDeny, policy.Request{Action: "vpc:DeleteVpc", Resource: res("vpc", "vpc/vpc-1"), Context: outside}},
	}
}
