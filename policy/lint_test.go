package policy_test

import (
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

// lintClock is the fixed "now" of the lint tests.
func lintClock() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

// findingsOf returns the findings of rule, formatted with Finding.String.
func findingsOf(fs []policy.Finding, rule string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.String())
		}
	}
	return out
}

type lintCase struct {
	name  string
	doc   string // statements, wrapped by stmt()
	owner uint64
	want  []string // findings of the rule under test
}

func runLintCases(t *testing.T, rule string, cases []lintCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse([]byte(stmt(tt.doc)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if err := doc.Validate(); err != nil {
				t.Fatalf("test document is invalid: %v", err)
			}
			got := findingsOf(policy.LintWith(doc, policy.LintOptions{Now: lintClock, OwnerUIN: tt.owner}), rule)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s findings:\n%s\nwant:\n%s", rule, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLintFullAdmin(t *testing.T) {
	runLintCases(t, policy.RuleFullAdmin, []lintCase{
		{"star", `{"effect":"allow","action":"*","resource":"*"}`, 0,
			[]string{`statement[0].action[0]: critical policy.full-admin: "*" on resource "*" allows every action on every resource: full administrator access`}},
		{"star colon star with condition", `{"effect":"allow","action":["cvm:*","*:*"],"resource":["qcs::cvm:::instance/*","*"],"condition":{"ip_equal":{"qcs:ip":"10.0.0.0/8"}}}`, 0,
			[]string{`statement[0].action[1]: critical policy.full-admin: "*:*" on resource "*" allows every action on every resource: full administrator access (limited only by the statement's condition)`}},
		{"deny", `{"effect":"deny","action":"*","resource":"*"}`, 0, nil},
		{"specific resource", `{"effect":"allow","action":"*","resource":"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"}`, 0, nil},
		{"service wildcard", `{"effect":"allow","action":"cvm:*","resource":"*"}`, 0, nil},
	})
}

func TestLintServiceWildcard(t *testing.T) {
	runLintCases(t, policy.RuleServiceWildcard, []lintCase{
		{"service", `{"effect":"allow","action":["cvm:Describe*","cos:*"],"resource":"*"}`, 0,
			[]string{`statement[0].action[1]: medium policy.service-wildcard: "cos:*" allows every action of cos, permission management among them (cos:DeleteBucketPolicy, cos:PutBucketACL, cos:PutBucketPolicy and 1 more), and actions Tencent adds later; list the actions needed`}},
		{"star on specific resources", `{"effect":"allow","action":"*","resource":"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"}`, 0,
			[]string{`statement[0].action[0]: medium policy.service-wildcard: "*" allows every action of every service on the statement's resources; list the actions needed`}},
		{"full admin is not repeated", `{"effect":"allow","action":"*","resource":"*"}`, 0, nil},
		{"prefix wildcard", `{"effect":"allow","action":["cvm:Describe*","cos:*Object"],"resource":"*"}`, 0, nil},
		{"deny", `{"effect":"deny","action":"cvm:*","resource":"*"}`, 0, nil},
	})
}

func TestLintWriteOnAnyResource(t *testing.T) {
	runLintCases(t, policy.RuleWriteOnAnyResource, []lintCase{
		{"write", `{"effect":"allow","action":["cvm:DescribeInstances","cvm:TerminateInstances","cvm:Start*"],"resource":"*"}`, 0,
			[]string{
				`statement[0].action[1]: medium policy.write-on-any-resource: "cvm:TerminateInstances" changes resources (access level Write) on every resource ("*"); name the resources it needs`,
				`statement[0].action[2]: medium policy.write-on-any-resource: "cvm:Start*" can reach actions that change resources (access level Write: cvm:StartInstances) on every resource ("*"); name the resources it needs`,
			}},
		{"specific resource", `{"effect":"allow","action":"cvm:TerminateInstances","resource":"qcs::cvm:ap-guangzhou:uin/1:instance/*"}`, 0, nil},
		{"read and tagging", `{"effect":"allow","action":["cvm:Describe*","tag:AddResourceTag"],"resource":"*"}`, 0, nil},
		{"permission management is another rule", `{"effect":"allow","action":"cam:AttachUserPolicy","resource":"*"}`, 0, nil},
		{"deny", `{"effect":"deny","action":"cvm:TerminateInstances","resource":"*"}`, 0, nil},
	})
}

func TestLintPrivilegeEscalation(t *testing.T) {
	runLintCases(t, policy.RulePrivilegeEscalation, []lintCase{
		{"cam and sts", `{"effect":"allow","action":["cam:AttachUserPolicy","name/sts:AssumeRole","cam:PassRole","cam:Create*","cam:GetPolicy"],"resource":"*"}`, 0,
			[]string{
				`statement[0].action[0]: high policy.privilege-escalation: "cam:AttachUserPolicy" on resource "*" is permission management (policies, attachments, trust policies, access keys, credentials) on every resource, so the holder can widen anyone's access, their own included`,
				`statement[0].action[1]: high policy.privilege-escalation: "name/sts:AssumeRole" on resource "*" lets the holder assume every role whose trust policy admits them`,
				`statement[0].action[2]: high policy.privilege-escalation: "cam:PassRole" on resource "*" lets the holder pass any role, and its permissions, to a service`,
				`statement[0].action[3]: high policy.privilege-escalation: "cam:Create*" on resource "*" reaches permission management (cam:CreateAccessKey, cam:CreateOIDCConfig, cam:CreatePolicy and 7 more) on every resource, so the holder can widen anyone's access, their own included`,
			}},
		{"specific role", `{"effect":"allow","action":"sts:AssumeRole","resource":"qcs::cam::uin/100000000001:roleName/ops-readonly"}`, 0, nil},
		{"trust statement", `{"effect":"allow","principal":{"qcs":"qcs::cam::uin/100000000001:root"},"action":"name/sts:AssumeRole"}`, 0, nil},
		{"read only", `{"effect":"allow","action":["cam:Get*","cam:List*"],"resource":"*"}`, 0, nil},
	})
}

func TestLintExfiltrationReadAny(t *testing.T) {
	runLintCases(t, policy.RuleExfiltrationReadAny, []lintCase{
		{"reads", `{"effect":"allow","action":["cos:GetObject","*:Get*","kms:Decrypt"],"resource":"*"}`, 0,
			[]string{
				`statement[0].action[0]: high policy.exfiltration-read-any: "cos:GetObject" reads data on every resource ("*"): it covers cos:GetObject; name the buckets, secrets or keys it needs`,
				`statement[0].action[1]: high policy.exfiltration-read-any: "*:Get*" reads data on every resource ("*"): it covers cos:GetObject, ssm:GetSecretValue, ssm:GetSSHKeyPairValue; name the buckets, secrets or keys it needs`,
				`statement[0].action[2]: high policy.exfiltration-read-any: "kms:Decrypt" reads data on every resource ("*"): it covers kms:Decrypt; name the buckets, secrets or keys it needs`,
			}},
		{"one bucket", `{"effect":"allow","action":"cos:GetObject","resource":"qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"}`, 0, nil},
		{"metadata only", `{"effect":"allow","action":["cos:GetBucket*","ssm:DescribeSecret","kms:ListKeys"],"resource":"*"}`, 0, nil},
	})
}

func TestLintAuditDisable(t *testing.T) {
	runLintCases(t, policy.RuleAuditDisable, []lintCase{
		{"stop logging", `{"effect":"allow","action":["cloudaudit:Describe*","cloudaudit:StopLogging"],"resource":"qcs::cloudaudit:ap-guangzhou:uin/1:audit/main"}`, 0,
			[]string{`statement[0].action[1]: high policy.audit-disable: "cloudaudit:StopLogging" can stop or change CloudAudit tracking (cloudaudit:StopLogging), which hides what happens next`}},
		{"service wildcard", `{"effect":"allow","action":"cloudaudit:*","resource":"*"}`, 0,
			[]string{`statement[0].action[0]: high policy.audit-disable: "cloudaudit:*" can stop or change CloudAudit tracking (cloudaudit:StopLogging, cloudaudit:DeleteAudit, cloudaudit:UpdateAudit, cloudaudit:DeleteAuditTrack, cloudaudit:ModifyAuditTrack, cloudaudit:ModifyEventsAuditTrack), which hides what happens next`}},
		{"deny", `{"effect":"deny","action":["cloudaudit:StopLogging","cloudaudit:DeleteAudit"],"resource":"*"}`, 0, nil},
		{"read", `{"effect":"allow","action":"cloudaudit:LookUpEvents","resource":"*"}`, 0, nil},
	})
}

func TestLintTrustOpenToAnyone(t *testing.T) {
	runLintCases(t, policy.RuleTrustOpenToAnyone, []lintCase{
		{"star", `{"effect":"allow","principal":"*","action":"name/sts:AssumeRole"}`, 0,
			[]string{`statement[0].principal: critical trust.open-to-anyone: principal "*" lets anyone, in any Tencent Cloud account, use this statement`}},
		{"anyone", `{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root","qcs::cam::anyone:anyone"]},"action":"cos:GetObject","resource":"*","condition":{"ip_equal":{"qcs:ip":"10.0.0.0/8"}}}`, 0,
			[]string{`statement[0].principal.qcs[1]: critical trust.open-to-anyone: "qcs::cam::anyone:anyone" lets anyone, in any Tencent Cloud account or none, use this statement (limited only by the statement's condition)`}},
		{"deny", `{"effect":"deny","principal":"*","action":"name/sts:AssumeRole"}`, 0, nil},
		{"named", `{"effect":"allow","principal":{"service":"cvm.qcloud.com"},"action":"name/sts:AssumeRole"}`, 0, nil},
	})
}

func TestLintTrustOtherAccount(t *testing.T) {
	trust := `{"effect":"allow","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011","qcs::cam::uin/200000000002:root"],"federated":"qcs::cam::uin/300000000003:saml-provider/okta","service":"cvm.qcloud.com"},"action":"name/sts:AssumeRole"}`
	runLintCases(t, policy.RuleTrustOtherAccount, []lintCase{
		{"with owner", trust, 100000000001, []string{
			`statement[0].principal.federated[0]: medium trust.other-account: "qcs::cam::uin/300000000003:saml-provider/okta" trusts an identity provider of account 300000000003, not the owner's account 100000000001`,
			`statement[0].principal.qcs[1]: medium trust.other-account: "qcs::cam::uin/200000000002:root" trusts account 200000000002 (every identity that account permits), not the owner's account 100000000001`,
		}},
		{"with other owner", `{"effect":"allow","principal":{"qcs":"qcs::cam::uin/100000000001:uin/100000000011"},"action":"name/sts:AssumeRole","condition":{"date_less_than":{"qcs:current_time":"2026-12-31T00:00:00Z"}}}`, 200000000002, []string{
			`statement[0].principal.qcs[0]: medium trust.other-account: "qcs::cam::uin/100000000001:uin/100000000011" trusts sub-user 100000000011 of account 100000000001, not the owner's account 200000000002 (limited only by the statement's condition)`,
		}},
		{"without owner, several accounts", trust, 0, []string{
			`statement[0].principal: medium trust.other-account: the trust policy names 3 accounts (100000000001, 200000000002, 300000000003), so at least one is not the owner's; set LintOptions.OwnerUIN to see which`,
		}},
		{"own account", trust[:strings.Index(trust, `,"qcs::cam::uin/2`)] + `]},"action":"name/sts:AssumeRole"}`, 100000000001, nil},
		{"without owner, one account", `{"effect":"allow","principal":{"qcs":["qcs::cam::uin/200000000002:root","qcs::cam::uin/200000000002:roleName/ci"]},"action":"name/sts:AssumeRole"}`, 0, nil},
		{"service only", `{"effect":"allow","principal":{"service":"cvm.qcloud.com"},"action":"name/sts:AssumeRole"}`, 100000000001, nil},
	})
}

func TestLintActionPermID(t *testing.T) {
	runLintCases(t, policy.RuleActionPermID, []lintCase{
		{"permid", `{"effect":"allow","action":["cvm:Describe*","permid/12345"],"resource":"*"}`, 0,
			[]string{`statement[0].action[1]: low action.permid: "permid/12345" names an undocumented feature set: camkit cannot tell what it grants and never matches it against an API name`}},
		{"plain", `{"effect":"allow","action":"name/cvm:DescribeInstances","resource":"*"}`, 0, nil},
	})
}

func TestLintActionCasing(t *testing.T) {
	runLintCases(t, policy.RuleActionCasing, []lintCase{
		{"allow", `{"effect":"allow","action":["cvm:describeInstances","CVM:DescribeInstances","cvm:describe*"],"resource":"*"}`, 0, []string{
			`statement[0].action[0]: medium action.casing: "cvm:describeInstances" is spelt "cvm:DescribeInstances" in the catalogue; CAM's handling of case is undocumented; camkit assumes allow statements ignore case, but CAM may not grant it`,
			`statement[0].action[1]: medium action.casing: "CVM:DescribeInstances" is spelt "cvm:DescribeInstances" in the catalogue; CAM's handling of case is undocumented; camkit assumes allow statements ignore case, but CAM may not grant it`,
			`statement[0].action[2]: medium action.casing: "cvm:describe*" matches catalogue actions such as "cvm:DescribeAccountQuota" only when case is ignored; CAM's handling of case is undocumented; camkit assumes allow statements ignore case, but CAM may not grant it`,
		}},
		{"deny", `{"effect":"deny","action":"cam:deleteUser","resource":"*"}`, 0, []string{
			`statement[0].action[0]: medium action.casing: "cam:deleteUser" is spelt "cam:DeleteUser" in the catalogue; CAM's handling of case is undocumented and camkit matches deny statements exactly, so this deny may never apply`,
		}},
		{"catalogue spelling", `{"effect":"allow","action":["cvm:DescribeInstances","cvm:Describe*","name/cos:GetObject","*:Describe*"],"resource":"*"}`, 0, nil},
		{"unknown action", `{"effect":"allow","action":"cvm:describeSomethingNew","resource":"*"}`, 0, nil},
	})
}

func TestLintConditionUnknownKey(t *testing.T) {
	runLintCases(t, policy.RuleConditionUnknownKey, []lintCase{
		{"unknown", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ip_equal":{"qcs:IP":"10.0.0.1"},"string_equal":{"qcs:Resource_tag/env":"prod","cvm:instance_kind":"x"}}}`, 0, []string{
			`statement[0].condition.ip_equal["qcs:IP"]: low condition.unknown-key: condition key "qcs:IP" is not one camkit knows; keys are case-sensitive: did you mean "qcs:ip"?`,
			`statement[0].condition.string_equal["cvm:instance_kind"]: low condition.unknown-key: condition key "cvm:instance_kind" is not one camkit knows; check its spelling (keys are case-sensitive) or that the service documents it`,
			`statement[0].condition.string_equal["qcs:Resource_tag/env"]: low condition.unknown-key: condition key "qcs:Resource_tag/env" is not one camkit knows; keys are case-sensitive: did you mean "qcs:resource_tag/env"?`,
		}},
		{"known", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ip_equal":{"qcs:ip":"10.0.0.1"},"string_equal":{"qcs:resource_tag/env":"prod","cvm:region":"ap-guangzhou"},"bool_equal":{"mfa":"true"}}}`, 0, nil},
	})
}

func TestLintConditionNeverHolds(t *testing.T) {
	runLintCases(t, policy.RuleConditionNeverHolds, []lintCase{
		{"expired", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_less_than":{"qcs:current_time":["2026-01-01T00:00:00Z","2026-05-31 23:59:59"]}}}`, 0, []string{
			`statement[0].condition.date_less_than["qcs:current_time"]: medium condition.never-holds: the latest date, 2026-05-31 23:59:59, has passed, so the statement never applies again`,
		}},
		{"expired exactly now", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_less_than_if_exist":{"qcs:current_time":"2026-06-01T20:00:00+08:00"}}}`, 0, []string{
			`statement[0].condition.date_less_than_if_exist["qcs:current_time"]: medium condition.never-holds: the latest date, 2026-06-01T20:00:00+08:00, has passed, so the statement never applies again`,
		}},
		{"not yet expired", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_less_than":{"qcs:current_time":["2026-01-01T00:00:00Z","2026-06-02T00:00:00Z"]},"date_less_than_equal":{"qcs:current_time":"2026-06-01T12:00:00Z"}}}`, 0, nil},
		{"far future start is fine", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_greater_than":{"qcs:current_time":"2099-01-01T00:00:00Z"}}}`, 0, nil},
		{"other date keys are not the clock", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_less_than":{"cvm:created":"2000-01-01T00:00:00Z"}}}`, 0, nil},
		{"empty date range", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_greater_than_equal":{"qcs:current_time":"2027-03-01 00:00:00"},"date_less_than":{"qcs:current_time":"2027-02-01T00:00:00Z"}}}`, 0, []string{
			`statement[0].condition.date_less_than["qcs:current_time"]: medium condition.never-holds: no time is at or after 2027-03-01 00:00:00 and before 2027-02-01T00:00:00Z on qcs:current_time, so the statement never applies`,
		}},
		{"date window", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"date_greater_than_equal":{"qcs:current_time":"2027-01-01 00:00:00"},"date_less_than_equal":{"qcs:current_time":"2027-01-01T00:00:00Z"}}}`, 0, nil},
		{"empty numeric range", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_greater_than":{"cvm:disk_size":[100,"200"]},"numeric_less_than":{"cvm:disk_size":[50,100]}}}`, 0, []string{
			`statement[0].condition.numeric_less_than["cvm:disk_size"]: medium condition.never-holds: no number is above 100 and below 100, so "cvm:disk_size" can never match and the statement never applies`,
		}},
		{"numeric equal outside range", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_equal":{"n":[1,2]},"numeric_greater_than_equal":{"n":3}}}`, 0, []string{
			`statement[0].condition.numeric_equal["n"]: medium condition.never-holds: no value of numeric_equal on "n" lies within the range the statement's other numeric conditions allow, so the statement never applies`,
		}},
		{"numeric range", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_equal":{"n":[1,3]},"numeric_greater_than_equal":{"n":3},"numeric_less_than_equal":{"n":"3"}}}`, 0, nil},
		{"numeric if_exist is not judged", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"numeric_greater_than_if_exist":{"n":10},"numeric_less_than":{"n":5}}}`, 0, nil},
		{"absent and present", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"null_equal":{"qcs:request_tag":"true"},"for_any_value:string_equal":{"qcs:request_tag":"env&dev"}}}`, 0, []string{
			`statement[0].condition.for_any_value:string_equal["qcs:request_tag"]: medium condition.never-holds: this operator needs "qcs:request_tag" in the request, but null_equal "true" at statement[0].condition.null_equal["qcs:request_tag"] requires it absent, so the statement never applies`,
		}},
		{"absent or if_exist", `{"effect":"allow","action":"cvm:*","resource":"*","condition":{"null_equal":{"qcs:request_tag":"true","k":["true","false"]},"string_equal_if_exist":{"qcs:request_tag":"env&dev"},"string_equal":{"k":"v"}}}`, 0, nil},
	})
}

func TestLintStatementRedundant(t *testing.T) {
	runLintCases(t, policy.RuleStatementRedundant, []lintCase{
		{"covered", `{"effect":"allow","action":["cvm:DescribeInstances","cvm:describeImages"],"resource":"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1","condition":{"ip_equal":{"qcs:ip":"10.0.0.1"}}}`,
			0, nil},
		{"covered by wider", `{"effect":"allow","action":["cvm:DescribeInstances","cvm:describeImages"],"resource":"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1","condition":{"ip_equal":{"qcs:ip":"10.0.0.1"}}},
			{"effect":"allow","action":["cvm:Describe*","vpc:*"],"resource":["qcs::cvm::uin/1:instance/*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.1","10.0.0.2"]}}}`, 0, []string{
			`statement[0]: info statement.redundant: adds nothing: statement[1] has the same effect, matches all of its actions and resources, and has no stricter condition`,
		}},
		{"identical: the later", `{"effect":"deny","action":"cvm:RunInstances","resource":"*"},{"effect":"deny","action":"name/cvm:RunInstances","resource":["*"]}`, 0, []string{
			`statement[1]: info statement.redundant: adds nothing: statement[0] has the same effect, matches all of its actions and resources, and has no stricter condition`,
		}},
		{"deny is case-sensitive", `{"effect":"deny","action":"cvm:runInstances","resource":"*"},{"effect":"deny","action":"cvm:Run*","resource":"*"}`, 0, nil},
		{"different effect", `{"effect":"allow","action":"cvm:RunInstances","resource":"*"},{"effect":"deny","action":"cvm:*","resource":"*"}`, 0, nil},
		{"stricter condition on the wider", `{"effect":"allow","action":"cvm:RunInstances","resource":"*"},{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ip_equal":{"qcs:ip":"10.0.0.1"}}}`, 0, nil},
		{"negated condition needs a superset", `{"effect":"allow","action":"cvm:RunInstances","resource":"*","condition":{"string_not_equal":{"cvm:region":["ap-guangzhou","ap-shanghai"]}}},{"effect":"allow","action":"cvm:*","resource":"*","condition":{"string_not_equal":{"cvm:region":"ap-guangzhou"}}}`, 0, []string{
			`statement[0]: info statement.redundant: adds nothing: statement[1] has the same effect, matches all of its actions and resources, and has no stricter condition`,
		}},
		{"resource segments", `{"effect":"allow","action":"cos:GetObject","resource":"qcs::cos::uid/1:b-1/logs/*"},{"effect":"allow","action":"cos:GetObject","resource":"qcs::cos:ap-guangzhou:uid/1:b-1/*"}`, 0, nil},
		{"star in the segment", `{"effect":"allow","action":"cos:GetObject","resource":"qcs::cos:ap-guangzhou:uid/1:b-1/logs/*"},{"effect":"allow","action":"cos:GetObject","resource":"qcs::cos:ap-*:uid/1:b-1/*"}`, 0, []string{
			`statement[0]: info statement.redundant: adds nothing: statement[1] has the same effect, matches all of its actions and resources, and has no stricter condition`,
		}},
		{"trust root covers sub-user", `{"effect":"allow","principal":{"qcs":"qcs::cam::uin/1:uin/2"},"action":"name/sts:AssumeRole"},{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":"sts:AssumeRole"}`, 0, []string{
			`statement[0]: info statement.redundant: adds nothing: statement[1] has the same effect, matches all of its actions and resources and principals, and has no stricter condition`,
		}},
		{"trust other principal", `{"effect":"allow","principal":{"qcs":"qcs::cam::uin/2:uin/3"},"action":"name/sts:AssumeRole"},{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":"sts:AssumeRole"}`, 0, nil},
		{"permid", `{"effect":"allow","action":"permid/1","resource":"*"},{"effect":"allow","action":"*:*","resource":"*"}`, 0, nil},
	})
}

func TestLintValueDuplicate(t *testing.T) {
	runLintCases(t, policy.RuleValueDuplicate, []lintCase{
		{"duplicates", `{"effect":"allow","principal":{"service":["cvm.qcloud.com","cvm.qcloud.com"]},"action":["cos:GetObject","name/cos:GetObject","cos:GetObject"],"resource":["*","*"],"condition":{"numeric_equal":{"n":[1,"1",1]}}}`, 0, []string{
			`statement[0].action[1]: info value.duplicate: "name/cos:GetObject" is the same as [0] "cos:GetObject"`,
			`statement[0].action[2]: info value.duplicate: "cos:GetObject" repeats [0]`,
			`statement[0].condition.numeric_equal["n"][2]: info value.duplicate: 1 repeats value [0]`,
			`statement[0].principal.service[1]: info value.duplicate: "cvm.qcloud.com" repeats [0]`,
			`statement[0].resource[1]: info value.duplicate: "*" repeats [0]`,
		}},
		{"distinct", `{"effect":"allow","action":["cos:GetObject","cos:PutObject"],"resource":"*","condition":{"string_equal":{"k":["1",1,true,"true"]}}}`, 0, nil},
	})
}

func TestLintDocumentLong(t *testing.T) {
	res := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-` + itoa(100000+i) + `"`)
		}
		return b.String()
	}
	runLintCases(t, policy.RuleDocumentLong, []lintCase{
		{"long", `{"effect":"allow","action":"cvm:StartInstances","resource":[` + res(70) + `]}`, 0, []string{
			"low document.long: the document is 4365 characters long in canonical form; older Tencent pages quote a limit of 4096 (CAM now accepts 6144), so split it or use wildcards with care",
		}},
		{"short", `{"effect":"allow","action":"cvm:StartInstances","resource":[` + res(60) + `]}`, 0, nil},
	})
}

func TestLintDenyFinanceAdminGap(t *testing.T) {
	runLintCases(t, policy.RuleDenyFinanceAdminGap, []lintCase{
		{"finance", `{"effect":"deny","action":["cvm:*","finance:*","finance:PayDeals"],"resource":"*"}`, 0, []string{
			`statement[0].action[1]: info deny.finance-admin-gap: "finance:*" denies finance actions, but CAM does not apply such a deny to holders of AdministratorAccess or QCloudFinanceFullAccess; detach those policies from identities this deny must stop`,
		}},
		{"deny everything", `{"effect":"deny","action":"*","resource":"*","condition":{"ip_not_equal":{"qcs:ip":"10.0.0.0/8"}}}`, 0, []string{
			`statement[0].action[0]: info deny.finance-admin-gap: "*" denies finance actions, but CAM does not apply such a deny to holders of AdministratorAccess or QCloudFinanceFullAccess; detach those policies from identities this deny must stop`,
		}},
		{"allow", `{"effect":"allow","action":"finance:*","resource":"*"}`, 0, nil},
		{"other deny", `{"effect":"deny","action":"cvm:*","resource":"*"}`, 0, nil},
	})
}
