package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// mistakeCase is a document with one mistake of section "mistakes are caught"
// and the findings it must draw: "<path> <rule>" plus substrings of the
// message (the did-you-mean hints).
type mistakeCase struct {
	name string
	doc  string   // statements, wrapped by stmt()
	want []string // "<path> <rule>|<substring>|<substring>..."
}

func runMistakeCases(t *testing.T, rules []string, cases []mistakeCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := mustParse(t, []byte(stmt(tt.doc)))
			if err := doc.Validate(); err != nil {
				t.Fatalf("test document is invalid: %v", err)
			}
			var got []policy.Finding
			for _, f := range policy.LintWith(doc, policy.LintOptions{Now: lintClock}) {
				for _, r := range rules {
					if f.Rule == r {
						got = append(got, f)
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings:\n%s\nwant %d: %v", findingLines(got), len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				parts := strings.Split(w, "|")
				if head := got[i].Path + " " + got[i].Rule; head != parts[0] {
					t.Errorf("finding %d is %s, want %s", i, head, parts[0])
				}
				for _, sub := range parts[1:] {
					if !strings.Contains(got[i].Message, sub) {
						t.Errorf("finding %d message %q does not contain %q", i, got[i].Message, sub)
					}
				}
			}
		})
	}
}

func findingLines(fs []policy.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestLintUnknownNames(t *testing.T) {
	rules := []string{policy.RuleUnknownService, policy.RuleUnknownAction}
	runMistakeCases(t, rules, []mistakeCase{
		{"misspelt action", `{"effect":"allow","action":"cvm:StopInstnaces","resource":"*"}`,
			[]string{`statement[0].action[0] policy.unknown-action|"cvm:StopInstnaces"|grants nothing|did you mean "cvm:StopInstances"?`}},
		{"misspelt service", `{"effect":"allow","action":"cmv:StopInstances","resource":"*"}`,
			[]string{`statement[0].action[0] policy.unknown-service|no service "cmv"|did you mean "cvm:StopInstances"?`}},
		{"AWS service", `{"effect":"allow","action":"ec2:StopInstances","resource":"*"}`,
			[]string{`statement[0].action[0] policy.unknown-service|no service "ec2"|did you mean "cvm:StopInstances"?`}},
		{"pattern matching nothing", `{"effect":"deny","action":"cvm:Stpo*","resource":"*"}`,
			[]string{`statement[0].action[0] policy.unknown-action|"cvm:Stpo*" matches no action of cvm|this deny never applies|did you mean "cvm:Stop*"?`}},
		{"real names", `{"effect":"allow","action":["cvm:StopInstances","name/cvm:Describe*","cos:GetObject","cvm:*","*:Describe*","*","permid/123"],"resource":"*"}`, nil},
		{"case is another rule's", `{"effect":"allow","action":"cvm:stopinstances","resource":"*"}`, nil},
	})
}

func TestLintResourceOtherService(t *testing.T) {
	rules := []string{policy.RuleResourceOtherService}
	runMistakeCases(t, rules, []mistakeCase{
		{"cos action on a cvm instance", `{"effect":"allow","action":"cos:GetObject","resource":"qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1"}`,
			[]string{`statement[0].action[0] resource.other-service|"cos:GetObject" acts on cos resources|only cvm resources`}},
		{"one fitting resource is enough", `{"effect":"allow","action":"cvm:StartInstances","resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1","qcs::cos:ap-guangzhou:uid/1250000000:b-1250000000/*"]}`, nil},
		{"monitor reads other products", `{"effect":"allow","action":"monitor:GetMonitorData","resource":"qcs::ckafka:ap-guangzhou:uin/100000000001:ckafkaId/ckafka-1"}`, nil},
		{"each action its own resource", `{"effect":"allow","action":["cvm:StartInstances","cos:GetObject"],"resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1","qcs::cos:ap-guangzhou:uid/1250000000:b-1250000000/*"]}`, nil},
		{"sts on a cam role", `{"effect":"allow","action":"sts:AssumeRole","resource":"qcs::cam::uin/100000000001:roleName/Ops"}`, nil},
		{"wildcard service segment", `{"effect":"allow","action":"cos:GetObject","resource":"qcs::*:ap-guangzhou:uin/100000000001:*"}`, nil},
		{"any resource", `{"effect":"allow","action":"cos:GetObject","resource":"*"}`, nil},
	})
}

func TestLintResourceUnknownRegion(t *testing.T) {
	rules := []string{policy.RuleResourceUnknownRegion}
	runMistakeCases(t, rules, []mistakeCase{
		{"misspelt region", `{"effect":"allow","action":"cvm:StartInstances","resource":"qcs::cvm:ap-guangzho:uin/100000000001:instance/*"}`,
			[]string{`statement[0].resource[0] resource.unknown-region|region "ap-guangzho"|did you mean "ap-guangzhou"?`}},
		{"real, empty and wildcard regions", `{"effect":"allow","action":"cvm:StartInstances","resource":["qcs::cvm:ap-guangzhou:uin/100000000001:instance/*","qcs::cvm::uin/100000000001:instance/*","qcs::cvm:ap-*:uin/100000000001:instance/*"]}`, nil},
	})
}

func TestLintOperationLevelResource(t *testing.T) {
	const api = "CreateAuditRule"
	if g := policy.APIGranularity("cdb", api); g != policy.GranularityOperation {
		t.Skipf("the catalogue rates cdb:%s %v; this test needs an operation-level API", api, g)
	}
	rules := []string{policy.RuleOperationLevelResource}
	runMistakeCases(t, rules, []mistakeCase{
		{"specific resource", `{"effect":"allow","action":"cdb:` + api + `","resource":"qcs::cdb:ap-guangzhou:uin/100000000001:instanceId/cdb-1"}`,
			[]string{`statement[0].action[0] resource.operation-level|authorised at operation level|resource is "*"`}},
		{"on star", `{"effect":"allow","action":"cdb:` + api + `","resource":"*"}`, nil},
		{"deny", `{"effect":"deny","action":"cdb:` + api + `","resource":"qcs::cdb:ap-guangzhou:uin/100000000001:instanceId/cdb-1"}`, nil},
	})
}

func TestLintTagUnsupported(t *testing.T) {
	if s := policy.ServiceTagAuthorization("ckafka"); s != policy.TagUnsupported {
		t.Skipf("the catalogue says ckafka's tag support is %v; this test needs a service without it", s)
	}
	rules := []string{policy.RuleTagUnsupported}
	runMistakeCases(t, rules, []mistakeCase{
		{"tag condition", `{"effect":"allow","action":["ckafka:CreateTopic"],"resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&dev"}}}`,
			[]string{`statement[0].condition.string_equal["qcs:resource_tag"] condition.tag-unsupported|ckafka does not support authorisation by tag`}},
		{"per-tag key", `{"effect":"allow","action":["ckafka:CreateTopic"],"resource":"*","condition":{"string_equal":{"qcs:resource_tag/env":"dev"}}}`,
			[]string{`statement[0].condition.string_equal["qcs:resource_tag/env"] condition.tag-unsupported`}},
		{"if_exist holds without tags", `{"effect":"allow","action":["ckafka:CreateTopic"],"resource":"*","condition":{"string_equal_if_exist":{"qcs:resource_tag":"env&dev"}}}`, nil},
		{"tag-aware service", `{"effect":"allow","action":["cvm:StartInstances"],"resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&dev"}}}`, nil},
	})
}

func TestLintConditionOperatorType(t *testing.T) {
	rules := []string{policy.RuleConditionOperatorType}
	runMistakeCases(t, rules, []mistakeCase{
		{"ip operator on tags", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"ip_equal":{"qcs:resource_tag":"10.0.0.0/8"}}}`,
			[]string{`statement[0].condition.ip_equal["qcs:resource_tag"] condition.operator-type|ip_equal compares IP addresses|"qcs:resource_tag" holds strings|string_equal`}},
		{"string operator on a CIDR block", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"string_equal":{"qcs:ip":["1.1.1.1","10.0.0.0/8"]}}}`,
			[]string{`statement[0].condition.string_equal["qcs:ip"] condition.operator-type|use ip_equal or ip_not_equal`}},
		{"string operator on one address", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"string_equal":{"qcs:ip":"1.1.1.1"}}}`, nil},
		{"date operator on a per-tag key", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"date_less_than":{"qcs:request_tag/expiry":"2030-01-01T00:00:00Z"}}}`,
			[]string{`statement[0].condition.date_less_than["qcs:request_tag/expiry"] condition.operator-type`}},
		{"right types", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"ip_not_equal":{"qcs:ip":"10.0.0.0/8"},"date_less_than":{"qcs:current_time":"2030-01-01T00:00:00Z"},"string_equal":{"qcs:resource_tag":"env&dev","cos:tls-version":"1.2"},"null_equal":{"qcs:ip":"false"},"numeric_equal":{"other:key":"1"}}}`, nil},
	})
}

func TestLintConditionTagFormat(t *testing.T) {
	rules := []string{policy.RuleConditionTagFormat}
	runMistakeCases(t, rules, []mistakeCase{
		{"equals sign", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"for_any_value:string_equal":{"qcs:resource_tag":["env&prod","env=dev"]}}}`,
			[]string{`statement[0].condition.for_any_value:string_equal["qcs:resource_tag"][1] condition.tag-format|"env=dev" never matches|did you mean "env&dev"?`}},
		{"colon in request tags", `{"effect":"allow","action":"cvm:RunInstances","resource":"*","condition":{"string_equal":{"qcs:request_tag":"team:web"}}}`,
			[]string{`statement[0].condition.string_equal["qcs:request_tag"][0] condition.tag-format|did you mean "team&web"?`}},
		{"per-tag key repeating the key", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"string_equal":{"qcs:resource_tag/env":"env&dev"}}}`,
			[]string{`statement[0].condition.string_equal["qcs:resource_tag/env"][0] condition.tag-format|holds the value of tag "env" alone|did you mean "dev"?`}},
		{"right forms", `{"effect":"allow","action":"cvm:StartInstances","resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&dev","qcs:resource_tag/env":"dev"},"string_like":{"qcs:request_tag":"*"}}}`, nil},
	})
}

func TestLintTrustStarInList(t *testing.T) {
	rules := []string{policy.RuleTrustOpenToAnyone}
	for _, tt := range []struct{ name, doc, path string }{
		{"qcs", `{"version":"2.0","statement":[{"effect":"allow","action":"name/sts:AssumeRole","principal":{"qcs":["*"]}}]}`, "statement[0].principal.qcs[0]"},
		{"service", `{"version":"2.0","statement":[{"effect":"allow","action":"name/sts:AssumeRole","principal":{"service":["cvm.qcloud.com","*"]}}]}`, "statement[0].principal.service[1]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, []byte(tt.doc))
			if doc.Validate() == nil {
				t.Errorf("Validate accepts \"*\" inside a principal list")
			}
			var got []policy.Finding
			for _, f := range policy.Lint(doc) {
				if f.Rule == rules[0] {
					got = append(got, f)
				}
			}
			if len(got) != 1 || got[0].Path != tt.path || !strings.Contains(got[0].Message, "admits anyone") {
				t.Errorf("findings:\n%swant one %s at %s", findingLines(got), rules[0], tt.path)
			}
		})
	}
}

func TestLintAWSKeyHints(t *testing.T) {
	rules := []string{policy.RuleConditionUnknownKey}
	runMistakeCases(t, rules, []mistakeCase{
		{"aws keys", `{"effect":"deny","action":"*","resource":"*","condition":{"ip_not_equal":{"aws:SourceIp":"10.0.0.0/8"},"string_equal":{"aws:ResourceTag/env":"dev"},"bool_equal":{"aws:ViaAWSService":"true"}}}`,
			[]string{
				`statement[0].condition.bool_equal["aws:ViaAWSService"] condition.unknown-key|is an AWS key; CAM's global keys start with qcs:`,
				`statement[0].condition.ip_not_equal["aws:SourceIp"] condition.unknown-key|"aws:SourceIp" is AWS's key; CAM writes "qcs:ip"`,
				`statement[0].condition.string_equal["aws:ResourceTag/env"] condition.unknown-key|CAM writes "qcs:resource_tag" with values "env&<value>"`,
			}},
	})
}

func TestLintWildcardNamesDangerousActions(t *testing.T) {
	if !policy.IssuesCredentials("tke", "AcquireClusterAdminRole") {
		t.Skip("the catalogue does not rate tke:AcquireClusterAdminRole as issuing credentials")
	}
	doc := mustParse(t, []byte(stmt(`{"effect":"allow","action":"tke:*","resource":"*"}`)))
	var found bool
	for _, f := range policy.Lint(doc) {
		if f.Rule == policy.RulePrivilegeEscalation {
			found = true
			if !strings.Contains(f.Message, "tke:AcquireClusterAdminRole") {
				t.Errorf("%s does not name tke:AcquireClusterAdminRole", f)
			}
		}
	}
	if !found {
		t.Errorf("tke:* on \"*\" draws no %s", policy.RulePrivilegeEscalation)
	}
}

// A template placeholder is Validate's and Compile's to refuse; Lint does not
// read "${region}" as a region or judge the resource at all.
func TestLintSkipsUnknownVariables(t *testing.T) {
	doc := mustParse(t, []byte(stmt(`{"effect":"allow","action":"batch:DescribeJob","resource":["qcs::batch:${region}:uin/${OwnerUin}:job/*","qcs::batch:ap-guangzho:uin/${uin}:job/*"]}`)))
	if doc.Validate() == nil {
		t.Fatal("Validate accepts an unknown policy variable")
	}
	if _, err := policy.Compile(doc); err == nil {
		t.Fatal("Compile accepts an unknown policy variable")
	}
	var paths []string
	for _, f := range policy.Lint(doc) {
		if strings.Contains(f.Path, "resource") {
			paths = append(paths, f.Path+" "+f.Rule)
		}
	}
	want := []string{"statement[0].resource[1] resource.unknown-region"} // ${uin} is CAM's own
	if strings.Join(paths, "\n") != strings.Join(want, "\n") {
		t.Errorf("resource findings %v, want %v", paths, want)
	}
}
