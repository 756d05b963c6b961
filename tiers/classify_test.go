package tiers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

const (
	allowDescribe   = `{"effect":"allow","action":["cvm:DescribeInstances","cvm:DescribeImages","monitor:GetMonitorData"],"resource":["*"]}`
	allowList       = `{"effect":"allow","action":["cam:ListUsers"],"resource":["*"]}`
	allowRunAll     = `{"effect":"allow","action":["cvm:RunInstances"],"resource":["*"]}`
	denyWritesProd  = `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`
	denyVNC         = `{"effect":"deny","action":["cvm:DescribeInstanceVncUrl"],"resource":["*"]}`
	prodTagValues   = `["env&prod","env&production"]`
	resTag          = `"qcs:resource_tag"`
	resTagEnv       = `"qcs:resource_tag/env"`
	runWithCond     = `{"effect":"allow","action":["cvm:RunInstances"],"resource":["*"],"condition":%s}`
	cloudauditWrite = `{"effect":"allow","action":["cloudaudit:StopLogging"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`
)

func run(cond string) string { return strings.Replace(runWithCond, "%s", cond, 1) }

func TestClassifyTiers(t *testing.T) {
	t.Parallel()
	strict := tiers.DefaultScheme()
	strict.Strict = true
	patterns := tiers.DefaultScheme()
	patterns.NonProductionResources = []string{"qcs::cvm:*:*:instance/ins-dev*", "qcs::cos:*:*:*-dev-*/*"}
	patterns.NonProductionRegions = []string{"ap-singapore"}
	regionPattern := tiers.DefaultScheme()
	regionPattern.NonProductionResources = []string{"qcs::cvm:ap-*:uin/1:instance/*", "qcs::cos:*:*:app-dev-*/*"}
	noTags := tiers.DefaultScheme()
	noTags.TagAuthorization = func(string) bool { return false }

	cases := []struct {
		name   string
		scheme *tiers.Scheme
		docs   []string
		tier   tiers.Tier
		cause  tiers.Cause // of the last reason at the top tier; 0 when no reasons
		msg    string      // substring of that reason's message
	}{
		{name: "empty document", docs: []string{stmts()}, tier: tiers.ReadOnly},
		{name: "reads", docs: []string{stmts(allowDescribe)}, tier: tiers.ReadOnly},
		{name: "lists", docs: []string{stmts(allowList)}, tier: tiers.ReadOnly},
		{name: "read wildcard", docs: []string{stmts(`{"effect":"allow","action":["cos:Get*","cam:Get*","finance:Describe*"],"resource":["*"]}`)}, tier: tiers.ReadOnly},
		{name: "unscoped write", docs: []string{stmts(allowRunAll)}, tier: tiers.Production, cause: tiers.CauseWrite, msg: "resource * and no environment condition"},
		{name: "tagging counts as a write", docs: []string{stmts(`{"effect":"allow","action":["tag:TagResources"],"resource":["*"]}`)}, tier: tiers.Production, cause: tiers.CauseWrite},
		{name: "write wildcard", docs: []string{stmts(`{"effect":"allow","action":["cvm:Run*"],"resource":["*"]}`)}, tier: tiers.Production, cause: tiers.CauseWrite},
		{name: "write on a named resource", docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou::instance/ins-123"]}`)}, tier: tiers.Production, cause: tiers.CauseWrite, msg: "neither its resources nor its conditions"},

		// Tag conditions in the allow.
		{name: "tag dev", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.DevTest, cause: tiers.CauseConfinedWrite, msg: "the tag condition string_equal qcs:resource_tag [env&dev]"},
		{name: "tag dev and test", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev","env&test"]}}`))}, tier: tiers.DevTest, cause: tiers.CauseConfinedWrite},
		{name: "tag prod", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&prod"]}}`))}, tier: tiers.Production, cause: tiers.CauseWrite},
		{name: "tag dev or prod", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev","env&prod"]}}`))}, tier: tiers.Production},
		{name: "tag dev or another key", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev","owner&alice"]}}`))}, tier: tiers.Production},
		{name: "tag key form", docs: []string{stmts(run(`{"string_equal":{` + resTagEnv + `:["staging"]}}`))}, tier: tiers.DevTest, cause: tiers.CauseConfinedWrite},
		{name: "tag key form prod", docs: []string{stmts(run(`{"string_equal":{` + resTagEnv + `:["production"]}}`))}, tier: tiers.Production},
		{name: "other tag key", docs: []string{stmts(run(`{"string_equal":{"qcs:resource_tag/team":["dev"]}}`))}, tier: tiers.Production},
		{name: "request tag is not a resource scope", docs: []string{stmts(run(`{"string_equal":{"qcs:request_tag":["env&dev"]}}`))}, tier: tiers.Production},
		{name: "tag like dev*", docs: []string{stmts(run(`{"string_like":{` + resTag + `:["env&dev*"]}}`))}, tier: tiers.DevTest},
		{name: "tag like *", docs: []string{stmts(run(`{"string_like":{` + resTag + `:["env&*"]}}`))}, tier: tiers.Production},
		{name: "tag like key wildcard", docs: []string{stmts(run(`{"string_like":{` + resTag + `:["e*&dev"]}}`))}, tier: tiers.Production},
		{name: "ignore case matches other key spellings", docs: []string{stmts(run(`{"string_equal_ignore_case":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.Production},
		{name: "ignore case on the key form", docs: []string{stmts(run(`{"string_equal_ignore_case":{` + resTagEnv + `:["DEV"]}}`))}, tier: tiers.DevTest},
		{name: "ignore case reaching prod", docs: []string{stmts(run(`{"string_equal_ignore_case":{` + resTagEnv + `:["PROD"]}}`))}, tier: tiers.Production},
		{name: "tag not prod", docs: []string{stmts(run(`{"string_not_equal":{` + resTag + `:` + prodTagValues + `}}`))}, tier: tiers.DevTest},
		{name: "tag not prod misses production", docs: []string{stmts(run(`{"string_not_equal":{` + resTag + `:["env&prod"]}}`))}, tier: tiers.Production},
		{name: "tag not like prod*", docs: []string{stmts(run(`{"string_not_like":{` + resTagEnv + `:["prod*"]}}`))}, tier: tiers.DevTest},
		{name: "for_any_value not equal confines nothing", docs: []string{stmts(run(`{"for_any_value:string_not_equal":{` + resTag + `:` + prodTagValues + `}}`))}, tier: tiers.Production},
		{name: "for_all_value dev", docs: []string{stmts(run(`{"for_all_value:string_equal":{` + resTag + `:["env&dev","owner&alice"]}}`))}, tier: tiers.DevTest},
		{name: "for_all_value with prod", docs: []string{stmts(run(`{"for_all_value:string_equal":{` + resTag + `:["env&dev","env&prod"]}}`))}, tier: tiers.Production},
		{name: "null_equal true on env", docs: []string{stmts(run(`{"null_equal":{` + resTagEnv + `:["true"]}}`))}, tier: tiers.DevTest},
		{name: "null_equal false on env", docs: []string{stmts(run(`{"null_equal":{` + resTagEnv + `:["false"]}}`))}, tier: tiers.Production},
		{name: "if_exist still confines", docs: []string{stmts(run(`{"string_equal_if_exist":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.DevTest},
		{name: "ip condition is not an environment", docs: []string{stmts(run(`{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}`))}, tier: tiers.Production},
		{name: "tag on a product without tag authorisation", docs: []string{stmts(cloudauditWrite)}, tier: tiers.Production, cause: tiers.CauseWrite, msg: "does not support authorisation by tag"},
		{name: "tag on an operation-level API", docs: []string{stmts(`{"effect":"allow","action":["cdb:CreateDBInstance"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`)}, tier: tiers.Production, cause: tiers.CauseWrite, msg: "CAM authorises cdb:CreateDBInstance without a resource"},
		{name: "tag on a wildcard with an operation-level API", docs: []string{stmts(`{"effect":"allow","action":["cdb:CreateDBInstance*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`)}, tier: tiers.Production},
		{name: "deny tag on an operation-level API", docs: []string{stmts(`{"effect":"allow","action":["cdb:CreateDBInstance"],"resource":["*"]}`, `{"effect":"deny","action":["cdb:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.Production},
		{name: "deny tag on a resource-level API", docs: []string{stmts(`{"effect":"allow","action":["cdb:RestartDBInstances"],"resource":["*"]}`, `{"effect":"deny","action":["cdb:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.DevTest},
		{name: "scheme without tag support", scheme: &noTags, docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.Production},
		{name: "write on every product includes CAM", docs: []string{stmts(`{"effect":"allow","action":["*:Stop*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},

		// Strict scheme.
		{name: "strict dev", scheme: &strict, docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.DevTest},
		{name: "strict unlisted value", scheme: &strict, docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&sandbox"]}}`))}, tier: tiers.Production},
		{name: "default unlisted value", docs: []string{stmts(run(`{"string_equal":{` + resTag + `:["env&sandbox"]}}`))}, tier: tiers.DevTest},
		{name: "strict if_exist", scheme: &strict, docs: []string{stmts(run(`{"string_equal_if_exist":{` + resTag + `:["env&dev"]}}`))}, tier: tiers.Production},
		{name: "strict not prod", scheme: &strict, docs: []string{stmts(run(`{"string_not_equal":{` + resTag + `:` + prodTagValues + `}}`))}, tier: tiers.Production},
		{name: "strict null", scheme: &strict, docs: []string{stmts(run(`{"null_equal":{` + resTagEnv + `:["true"]}}`))}, tier: tiers.Production},
		{name: "strict like", scheme: &strict, docs: []string{stmts(run(`{"string_like":{` + resTag + `:["env&dev*"]}}`))}, tier: tiers.Production},

		// Resource patterns and regions.
		{name: "resource pattern", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/1:instance/ins-dev-42"]}`)}, tier: tiers.DevTest, msg: "matches the non-production pattern"},
		{name: "resource pattern wildcard inside", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/*"]}`)}, tier: tiers.DevTest},
		{name: "resource pattern not matched", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-1250000000/*"]}`)}, tier: tiers.Production},
		{name: "one resource outside", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou::instance/ins-dev1","qcs::cvm:ap-guangzhou::instance/ins-9"]}`)}, tier: tiers.Production},
		// Patterns are read segment by segment, and a '*' of the sixth
		// segment that does not end it stays within a part between '/'.
		{name: "pattern star does not take a production bucket's path", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:prod-bucket/x-dev-y/z"]}`)}, tier: tiers.Production},
		{name: "policy star reaches production buckets", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:*-dev-*/*"]}`)}, tier: tiers.Production},
		{name: "pattern star does not cross segments", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-dev1"]}`)}, tier: tiers.Production},
		{name: "pattern star covers an empty region", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm::uin/1:instance/ins-dev1"]}`)}, tier: tiers.DevTest},
		{name: "policy variable in a covered place", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-dev-1250000000/${uin}/*"]}`)}, tier: tiers.DevTest},
		{name: "policy variable in the bucket name", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-${uin}/*"]}`)}, tier: tiers.Production},
		{name: "empty region is every region", scheme: &regionPattern, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm::uin/1:instance/ins-1"]}`)}, tier: tiers.Production},
		{name: "region pattern", scheme: &regionPattern, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-singapore:uin/1:instance/*"]}`)}, tier: tiers.DevTest},
		{name: "bucket prefix pattern covers a bucket wildcard", scheme: &regionPattern, docs: []string{stmts(`{"effect":"allow","action":["cos:PutObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-dev-*/*"]}`)}, tier: tiers.DevTest},
		{name: "bucket prefix pattern and a bucket", scheme: &regionPattern, docs: []string{stmts(`{"effect":"allow","action":["cos:PutBucket"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:app-dev-*"]}`)}, tier: tiers.Production},
		{name: "non-production region", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-singapore::instance/*"]}`)}, tier: tiers.DevTest, msg: "non-production region ap-singapore"},
		{name: "region wildcard", scheme: &patterns, docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-*::instance/*"]}`)}, tier: tiers.Production},
		{name: "region condition", scheme: &patterns, docs: []string{stmts(run(`{"string_equal":{"cvm:region":["ap-singapore"]}}`))}, tier: tiers.DevTest, msg: "region condition"},
		{name: "region condition with a production region", scheme: &patterns, docs: []string{stmts(run(`{"string_equal":{"cvm:region":["ap-singapore","ap-guangzhou"]}}`))}, tier: tiers.Production},
		{name: "region condition if_exist", scheme: &patterns, docs: []string{stmts(run(`{"string_equal_if_exist":{"cvm:region":["ap-singapore"]}}`))}, tier: tiers.Production},

		// Tier 4.
		{name: "star on star", docs: []string{stmts(`{"effect":"allow","action":["*"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CauseFullAccess, msg: "every action on every resource"},
		{name: "star colon star", docs: []string{stmts(`{"effect":"allow","action":["*:*"],"resource":"*"}`)}, tier: tiers.BreakGlass, cause: tiers.CauseFullAccess},
		{name: "star on a resource", docs: []string{stmts(`{"effect":"allow","action":["*"],"resource":["qcs::cvm:ap-guangzhou::instance/*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},
		{name: "permission management", docs: []string{stmts(`{"effect":"allow","action":["cam:AttachRolePolicy"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions, msg: "manages permissions"},
		{name: "permission management scoped to dev", docs: []string{stmts(`{"effect":"allow","action":["cos:PutBucketPolicy"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&dev"]}}}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},
		{name: "service wildcard with permission management", docs: []string{stmts(`{"effect":"allow","action":["cos:*"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},
		{name: "credential issuing", docs: []string{stmts(`{"effect":"allow","action":["tke:DescribeClusterKubeconfig"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CauseCredentials, msg: "issues credentials"},
		{name: "credential issuing inside a read wildcard", docs: []string{stmts(`{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CauseCredentials, msg: "includes cvm:DescribeInstanceVncUrl"},
		{name: "assume role", docs: []string{stmts(`{"effect":"allow","action":["name/sts:AssumeRole"],"resource":["*"]}`)}, tier: tiers.BreakGlass},
		{name: "unreadable action", docs: []string{stmts(`{"effect":"allow","action":["cvm:Run Instances"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CauseUnreadable, msg: "cannot be read"},
		{name: "permid", docs: []string{stmts(`{"effect":"allow","action":["permid/12345"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},

		// Statements that grant nothing.
		{name: "trust statement", docs: []string{stmts(`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":["name/sts:AssumeRole"]}`)}, tier: tiers.ReadOnly},
		{name: "mis-cased deny neither grants nor denies", docs: []string{stmts(`{"effect":"Deny","action":["*"],"resource":["*"]}`, allowRunAll)}, tier: tiers.Production},
		{name: "nil document", docs: nil, tier: tiers.ReadOnly},

		// Several documents: the highest tier.
		{name: "documents together", docs: []string{stmts(allowDescribe), stmts(run(`{"string_equal":{` + resTag + `:["env&dev"]}}`)), stmts(allowRunAll)}, tier: tiers.Production},

		// Denies lower, never raise.
		{name: "deny alone", docs: []string{stmts(`{"effect":"deny","action":["*"],"resource":["*"]}`)}, tier: tiers.ReadOnly},
		{name: "deny on prod confines clb:*", docs: []string{stmts(`{"effect":"allow","action":["clb:*"],"resource":["*"]}`, strings.ReplaceAll(denyWritesProd, "cvm:*", "clb:*"))}, tier: tiers.DevTest, cause: tiers.CauseConfinedWrite, msg: "deny statement on production"},
		{name: "deny on prod does not confine permission management", docs: []string{stmts(`{"effect":"allow","action":["cvm:*"],"resource":["*"]}`, denyWritesProd, denyVNC)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions, msg: ", which manages permissions"},
		{name: "deny on prod still leaves VNC", docs: []string{stmts(`{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}`, denyWritesProd)}, tier: tiers.BreakGlass, cause: tiers.CauseCredentials},
		{name: "deny on prod in another document", docs: []string{stmts(run(`{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}`)), stmts(denyWritesProd)}, tier: tiers.DevTest},
		{name: "deny naming writes API by API", docs: []string{stmts(`{"effect":"allow","action":["cvm:Run*","cvm:Start*"],"resource":["*"]}`,
			`{"effect":"deny","action":["cvm:RunInstances","cvm:StartInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag/env":["prod","production"]}}}`)}, tier: tiers.DevTest, msg: "deny statements on production"},
		{name: "deny missing production", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod"]}}}`)}, tier: tiers.Production},
		{name: "deny not dev", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"string_not_equal":{"qcs:resource_tag":["env&dev","env&test"]}}}`)}, tier: tiers.DevTest},
		{name: "deny with env present", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"null_equal":{"qcs:resource_tag/env":["false"]}}}`)}, tier: tiers.DevTest},
		{name: "deny with an extra condition", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]},"ip_not_equal":{"qcs:ip":["10.0.0.0/8"]}}}`)}, tier: tiers.Production},
		{name: "deny on fewer resources", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["qcs::cvm:ap-guangzhou::instance/*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.Production},
		{name: "deny is case-sensitive", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["CVM:RunInstances"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.Production},
		{name: "deny on a product without tag authorisation", docs: []string{stmts(`{"effect":"allow","action":["cloudaudit:StopLogging"],"resource":["*"]}`, `{"effect":"deny","action":["cloudaudit:*"],"resource":["*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.Production},
		{name: "strict scheme ignores a deny on prod", scheme: &strict, docs: []string{stmts(allowRunAll, denyWritesProd)}, tier: tiers.Production},
		{name: "strict deny on everything not dev", scheme: &strict, docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"],"condition":{"string_not_equal_if_exist":{"qcs:resource_tag":["env&dev"]}}}`)}, tier: tiers.DevTest},
		{name: "unconditional deny removes the action", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:*"],"resource":["*"]}`)}, tier: tiers.ReadOnly},
		{name: "unconditional deny removes credential API", docs: []string{stmts(`{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}`, denyVNC)}, tier: tiers.ReadOnly},
		{name: "unconditional deny narrows star", docs: []string{stmts(`{"effect":"allow","action":["*"],"resource":["*"]}`, `{"effect":"deny","action":["cam:*"],"resource":["*"]}`)}, tier: tiers.BreakGlass, cause: tiers.CausePermissions},
		{name: "deny on a different action", docs: []string{stmts(allowRunAll, `{"effect":"deny","action":["cvm:TerminateInstances"],"resource":["*"]}`)}, tier: tiers.Production},
		{name: "deny star does not cross segments", docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-1"]}`, `{"effect":"deny","action":["cvm:*"],"resource":["qcs::cvm:*:*:instance/*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.Production},
		{name: "deny with an empty region covers every region", docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"]}`, `{"effect":"deny","action":["cvm:*"],"resource":["qcs::cvm::uin/1:instance/*"]}`)}, tier: tiers.ReadOnly},
		{name: "deny on a policy variable covers nothing", docs: []string{stmts(`{"effect":"allow","action":["cam:UpdateUser"],"resource":["qcs::cam::uin/1:uin/${uin}"]}`, `{"effect":"deny","action":["cam:*"],"resource":["qcs::cam::uin/1:uin/${uin}"]}`)}, tier: tiers.BreakGlass},
		{name: "deny covering a policy variable", docs: []string{stmts(`{"effect":"allow","action":["cam:UpdateUser"],"resource":["qcs::cam::uin/1:uin/${uin}"]}`, `{"effect":"deny","action":["cam:*"],"resource":["qcs::cam::uin/1:uin/*"]}`)}, tier: tiers.ReadOnly},
		{name: "deny covering a resource pattern", docs: []string{stmts(`{"effect":"allow","action":["cvm:StopInstances"],"resource":["qcs::cvm:ap-guangzhou::instance/ins-1"]}`, `{"effect":"deny","action":["cvm:*"],"resource":["qcs::cvm:*::instance/*"],"condition":{"string_equal":{"qcs:resource_tag":["env&prod","env&production"]}}}`)}, tier: tiers.DevTest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var docs []*policy.Document
			for _, d := range c.docs {
				docs = append(docs, doc(t, d))
			}
			if c.name == "nil document" {
				docs = []*policy.Document{nil}
			}
			var got tiers.Classification
			if c.scheme != nil {
				got = c.scheme.Classify(docs...)
			} else {
				got = tiers.Classify(docs...)
			}
			if got.Tier != c.tier {
				t.Fatalf("tier = %v, want %v; reasons:\n%s", got.Tier, c.tier, reasonText(got))
			}
			if c.scheme == nil && c.tier == tiers.DevTest {
				crossCheckConfined(t, docs, got)
			}
			top := got.Above(c.tier - 1)
			if c.tier == tiers.ReadOnly {
				if len(got.Reasons) != 0 {
					t.Fatalf("tier-1 classification has reasons:\n%s", reasonText(got))
				}
				return
			}
			if len(top) == 0 {
				t.Fatalf("no reason at tier %v", c.tier)
			}
			last := top[len(top)-1]
			if c.cause != 0 && last.Cause != c.cause {
				t.Errorf("cause = %v, want %v (%s)", last.Cause, c.cause, last.Message)
			}
			if c.msg != "" && !strings.Contains(last.Message, c.msg) {
				t.Errorf("message %q does not contain %q", last.Message, c.msg)
			}
		})
	}
}

func reasonText(c tiers.Classification) string {
	var b strings.Builder
	for _, r := range c.Reasons {
		b.WriteString("  " + r.String() + "\n")
	}
	return b.String()
}

func TestClassifyReasons(t *testing.T) {
	t.Parallel()
	d1 := doc(t, stmts(allowDescribe, run(`{"string_equal":{`+resTag+`:["env&dev"]}}`)))
	d2 := doc(t, stmts(`{"effect":"allow","action":["cvm:TerminateInstances","cam:AttachUserPolicy"],"resource":["*"]}`))
	got := tiers.DefaultScheme().ClassifyNamed(
		tiers.NamedDocument{Name: "Deploy-Dev", Document: d1},
		tiers.NamedDocument{Document: d2},
	)
	want := []tiers.Reason{
		{Tier: tiers.DevTest, Cause: tiers.CauseConfinedWrite, Policy: "Deploy-Dev", Document: 0, Statement: 1, Action: "cvm:RunInstances", AccessLevel: policy.AccessWrite},
		{Tier: tiers.Production, Cause: tiers.CauseWrite, Policy: "document[1]", Document: 1, Statement: 0, Action: "cvm:TerminateInstances", AccessLevel: policy.AccessWrite},
		{Tier: tiers.BreakGlass, Cause: tiers.CausePermissions, Policy: "document[1]", Document: 1, Statement: 0, Action: "cam:AttachUserPolicy", AccessLevel: policy.AccessPermissionsManagement},
	}
	if got.Tier != tiers.BreakGlass || len(got.Reasons) != len(want) {
		t.Fatalf("got tier %v with reasons:\n%s", got.Tier, reasonText(got))
	}
	for i, w := range want {
		g := got.Reasons[i]
		msg := g.Message
		g.Message = ""
		if g != w {
			t.Errorf("reason %d = %+v, want %+v", i, g, w)
		}
		prefix := w.Policy + ": " + policy.StatementPath(w.Statement) + ": " + w.Action + " (" + w.AccessLevel.String() + ")"
		if !strings.HasPrefix(msg, prefix) {
			t.Errorf("reason %d message %q does not start with %q", i, msg, prefix)
		}
	}
	if a := got.Above(tiers.DevTest); len(a) != 2 || a[0].Action != "cvm:TerminateInstances" {
		t.Errorf("Above(DevTest) = %v", a)
	}
}

func TestClassifyDoesNotModifyInput(t *testing.T) {
	t.Parallel()
	d := doc(t, stmts(allowRunAll, denyWritesProd))
	before := d.Clone()
	_ = tiers.Classify(d)
	a := d.Canonical()
	b := before.Canonical()
	if a != b {
		t.Errorf("Classify changed its input:\n%s\n%s", a, b)
	}
}

func TestClassificationJSON(t *testing.T) {
	t.Parallel()
	c := tiers.Classify(doc(t, stmts(allowRunAll, run(`{"string_equal":{`+resTag+`:["env&dev"]}}`))))
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"tier":"Production"`, `"cause":"write"`, `"cause":"confined-write"`, `"accessLevel":"Write"`, `"policy":"document[0]"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
	var back tiers.Classification
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Tier != c.Tier || len(back.Reasons) != len(c.Reasons) || back.Reasons[1] != c.Reasons[1] {
		t.Errorf("round trip: %+v, want %+v", back, c)
	}
}
