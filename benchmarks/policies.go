package benchmarks

import (
	"fmt"

	"github.com/camkit/camkit/policy"
)

// services are the ~30 services the generated policies spread over.
var services = []string{
	"cvm", "cos", "cbs", "vpc", "clb", "cdb", "redis", "mongodb", "tke", "scf",
	"cam", "sts", "kms", "ssl", "cdn", "dnspod", "monitor", "cls", "ckafka", "tdmq",
	"es", "emr", "lighthouse", "tcr", "apigw", "waf", "ssm", "tag", "cloudaudit", "billing",
}

// Account is the account segment of every generated resource.
const Account = "uin/100000000001"

// Statement generates statement i of a realistic policy set (the same as the
// policy package's benchmarks): describe access everywhere, create/modify in
// one region from the office network, tag-scoped reads of some instances,
// denies of deletes from outside the office, and time-limited run/start/stop
// in two regions.
func Statement(i int) policy.Statement {
	svc := services[i%len(services)]
	switch (i + i/len(services)) % 5 {
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

// Statements returns n generated statements split into documents of at most
// 20 statements.
func Statements(n int) []*policy.Document {
	var docs []*policy.Document
	for i := 0; i < n; i++ {
		if i%20 == 0 {
			docs = append(docs, &policy.Document{Version: policy.Version})
		}
		d := docs[len(docs)-1]
		d.Statement = append(d.Statement, Statement(i))
	}
	return docs
}
