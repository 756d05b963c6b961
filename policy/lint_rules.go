package policy

import "slices"

// Rule describes one [Lint] rule.
type Rule struct {
	// ID is the rule's stable ID, e.g. "policy.full-admin". IDs never change.
	ID string `json:"id"`
	// Severity is the severity of the rule's findings.
	Severity Severity `json:"severity"`
	// Summary says in one line what the rule finds.
	Summary string `json:"summary"`
}

// The IDs of the lint rules. They are stable: they appear in reports,
// suppressions and diffs, so they are never renamed. [Rules] gives each rule's
// severity and summary.
const (
	// RuleFullAdmin (critical): an allow of "*" or "*:*" on resource "*", with
	// or without a condition. Reported at the action.
	RuleFullAdmin = "policy.full-admin"
	// RuleServiceWildcard (medium): an allow of "service:*", or of "*" / "*:*"
	// on resources narrower than "*" (on "*" that is RuleFullAdmin).
	RuleServiceWildcard = "policy.service-wildcard"
	// RuleWriteOnAnyResource (medium): an allow on resource "*" of an action
	// whose access level ([Action.AccessLevel]) is Write. Permission-management
	// actions are RulePrivilegeEscalation's; "*" and "*:*" RuleFullAdmin's.
	RuleWriteOnAnyResource = "policy.write-on-any-resource"
	// RulePrivilegeEscalation (high): an allow on resource "*" of an action
	// whose access level is PermissionsManagement: attaching or changing
	// policies, trust policies, permission boundaries, group membership, access
	// keys and credentials, cam:PassRole, sts:AssumeRole, bucket policies.
	// Narrower resources are not judged: the rule cannot tell whether they
	// include the holder.
	RulePrivilegeEscalation = "policy.privilege-escalation"
	// RuleExfiltrationReadAny (high): an allow on resource "*" of an action
	// that covers a read handing out data itself: cos:GetObject,
	// ssm:GetSecretValue, ssm:GetSSHKeyPairValue, kms:Decrypt,
	// kms:AsymmetricRsaDecrypt, kms:AsymmetricSm2Decrypt.
	RuleExfiltrationReadAny = "policy.exfiltration-read-any"
	// RuleAuditDisable (high): an allow, on any resource, of an action that
	// covers cloudaudit:StopLogging, DeleteAudit, UpdateAudit, DeleteAuditTrack,
	// ModifyAuditTrack or ModifyEventsAuditTrack.
	RuleAuditDisable = "policy.audit-disable"
	// RuleTrustOpenToAnyone (critical): an allow with principal "*" or the qcs
	// principal "qcs::cam::anyone:anyone".
	RuleTrustOpenToAnyone = "trust.open-to-anyone"
	// RuleTrustOtherAccount (medium): with [LintOptions].OwnerUIN, each qcs or
	// federated principal of an allow that belongs to another account; without
	// it, every principal of a trust policy that names two or more accounts.
	RuleTrustOtherAccount = "trust.other-account"
	// RuleActionPermID (low): a "permid/" action, whose meaning Tencent does not
	// document.
	RuleActionPermID = "action.permid"
	// RuleActionCasing (medium): an action spelt with a different case from the
	// catalogue ([KnownAction]), or a wildcard that matches catalogue actions
	// only when case is ignored. camkit's evaluator ignores case in allow
	// statements and not in deny statements (docs/semantics.md §2), so a mis-cased
	// deny may never apply.
	RuleActionCasing = "action.casing"
	// RuleConditionUnknownKey (low): a condition key [KnownConditionKey] does
	// not know, with a hint when it differs from a known key only in case.
	RuleConditionUnknownKey = "condition.unknown-key"
	// RuleConditionNeverHolds (medium): a condition no request can satisfy;
	// see [LintWith] and LintOptions.Now.
	RuleConditionNeverHolds = "condition.never-holds"
	// RuleStatementRedundant (info): a statement another of the same effect
	// covers: every action and resource of it matched (glob subsumption), every
	// principal admitted, and no stricter condition. Of two equivalent
	// statements the later is reported. The rule compares a statement only
	// with statements that could cover it, within a budget of comparisons per
	// document; when the budget runs out it reports one finding with an empty
	// path naming the first statement it did not check.
	RuleStatementRedundant = "statement.redundant"
	// RuleValueDuplicate (info): a repeated action (also "name/x" after "x"),
	// resource, principal or condition value in one list.
	RuleValueDuplicate = "value.duplicate"
	// RuleDocumentLong (low): a canonical text longer than
	// [LintDocumentLength] characters.
	RuleDocumentLong = "document.long"
	// RuleDenyFinanceAdminGap (info): a deny of "*", "*:*" or finance actions;
	// CAM does not apply it to holders of AdministratorAccess or
	// QCloudFinanceFullAccess (docs/semantics.md §5.10).
	RuleDenyFinanceAdminGap = "deny.finance-admin-gap"
	// RuleUnknownService (medium): an action whose service Tencent Cloud does
	// not have ([KnownService]), such as "cmv:StopInstances" or the AWS name
	// "ec2:StopInstances", with the nearest real action or service
	// ([SuggestAction], [SuggestService]). It grants or denies nothing.
	RuleUnknownService = "policy.unknown-service"
	// RuleUnknownAction (medium): an action the service does not have, or a
	// pattern that matches none of its actions ("cvm:StopInstnaces",
	// "cvm:Stpo*"), with the nearest real action. Judged only for services
	// whose actions the catalogue lists completely
	// ([ServiceActionsComplete]); case is RuleActionCasing's.
	RuleUnknownAction = "policy.unknown-action"
	// RuleResourceOtherService (medium): an action whose statement names only
	// resources of services it cannot act on ([ResourceServiceTypes]), such as
	// cos:GetObject on a cvm instance. Services that act on other products'
	// resources by design (monitor, finance, billing, tag) are not judged.
	RuleResourceOtherService = "resource.other-service"
	// RuleResourceUnknownRegion (medium): a resource whose region segment is
	// not a Tencent Cloud region ([KnownRegion]), with the nearest one. The
	// older names Tencent's pages still use ("gz", "cn-east") are accepted.
	RuleResourceUnknownRegion = "resource.unknown-region"
	// RuleOperationLevelResource (medium): an allow, on specific resources
	// only, of an API that Tencent's CAM page authorises at operation or
	// service level ([APIGranularity]): CAM grants it only on resource "*".
	RuleOperationLevelResource = "resource.operation-level"
	// RuleTagUnsupported (medium): a positive qcs:resource_tag condition on an
	// allow of a service that does not support authorisation by tag
	// ([ServiceTagAuthorization]): the allow never applies to it.
	RuleTagUnsupported = "condition.tag-unsupported"
	// RuleConditionOperatorType (medium): a known condition key used with an
	// operator of another type, such as ip_equal on qcs:resource_tag.
	RuleConditionOperatorType = "condition.operator-type"
	// RuleConditionTagFormat (medium): a qcs:resource_tag or qcs:request_tag
	// value not written "key&value" ("env=dev"), or a per-tag key
	// "qcs:resource_tag/env" whose value repeats the key ("env&dev").
	RuleConditionTagFormat = "condition.tag-format"
)

// lintRules describes every rule, in the order they run.
var lintRules = []Rule{
	{RuleFullAdmin, SeverityCritical, `an allow of action "*" or "*:*" on resource "*": full administrator access`},
	{RuleServiceWildcard, SeverityMedium, `an allow of every action of a service ("cvm:*"), or of "*" on specific resources`},
	{RuleWriteOnAnyResource, SeverityMedium, `an allow of a write action on resource "*"`},
	{RulePrivilegeEscalation, SeverityHigh, `an allow of a permission-management action (attach or change policies, trust policies, access keys, pass or assume roles) on resource "*"`},
	{RuleExfiltrationReadAny, SeverityHigh, `an allow of a data read (COS objects, secrets, KMS decryption) on resource "*"`},
	{RuleAuditDisable, SeverityHigh, `an allow of an action that stops, deletes or changes CloudAudit tracking`},
	{RuleTrustOpenToAnyone, SeverityCritical, `a trust statement that lets anyone assume the role (principal "*" or qcs::cam::anyone:anyone)`},
	{RuleTrustOtherAccount, SeverityMedium, `a trust statement naming an account other than the owner's`},
	{RuleActionPermID, SeverityLow, `a "permid/" action: an undocumented feature set camkit cannot verify`},
	{RuleActionCasing, SeverityMedium, `an action whose case differs from the catalogue's; CAM's handling of case is undocumented`},
	{RuleConditionUnknownKey, SeverityLow, `a condition key camkit does not know (a misspelt key makes a condition never, or always, apply)`},
	{RuleConditionNeverHolds, SeverityMedium, `a condition that can never hold: an expiry in the past, an empty date or numeric range, a key required both absent and present`},
	{RuleStatementRedundant, SeverityInfo, `a statement covered by another of the same effect with no stricter conditions`},
	{RuleValueDuplicate, SeverityInfo, `a value repeated in an action, resource, principal or condition-value list`},
	{RuleDocumentLong, SeverityLow, `a document over 4,096 characters, the limit older Tencent pages quote (CAM accepts 6,144)`},
	{RuleDenyFinanceAdminGap, SeverityInfo, `a deny covering finance actions, which CAM does not apply against AdministratorAccess or QCloudFinanceFullAccess`},
	{RuleUnknownService, SeverityMedium, `an action of a service Tencent Cloud does not have; it grants or denies nothing`},
	{RuleUnknownAction, SeverityMedium, `an action, or an action pattern, that matches no action of its service; it grants or denies nothing`},
	{RuleResourceOtherService, SeverityMedium, `an action on resources of another service only (cos:GetObject on a cvm instance)`},
	{RuleResourceUnknownRegion, SeverityMedium, `a resource in a region Tencent Cloud does not have`},
	{RuleOperationLevelResource, SeverityMedium, `an allow of an operation-level API on specific resources, which CAM never grants`},
	{RuleTagUnsupported, SeverityMedium, `a resource-tag condition on a service that does not support authorisation by tag, so the allow never applies`},
	{RuleConditionOperatorType, SeverityMedium, `a condition key used with an operator of another type (ip_equal on qcs:resource_tag)`},
	{RuleConditionTagFormat, SeverityMedium, `a tag condition value not in CAM's form ("env=dev" for "env&dev")`},
}

// Rules returns every lint rule with its ID, severity and summary, in the order
// the rules run. The result is a new slice the caller may modify.
func Rules() []Rule { return slices.Clone(lintRules) }

// lintRuleSeverity returns the severity of rule id.
func lintRuleSeverity(id string) Severity {
	for _, r := range lintRules {
		if r.ID == id {
			return r.Severity
		}
	}
	return SeverityInfo
}

// lintRunner returns the function that runs rule id.
func lintRunner(id string) func(*linter) {
	switch id {
	case RuleFullAdmin:
		return (*linter).fullAdmin
	case RuleServiceWildcard:
		return (*linter).serviceWildcard
	case RuleWriteOnAnyResource:
		return (*linter).writeOnAnyResource
	case RulePrivilegeEscalation:
		return (*linter).privilegeEscalation
	case RuleExfiltrationReadAny:
		return (*linter).exfiltrationReadAny
	case RuleAuditDisable:
		return (*linter).auditDisable
	case RuleTrustOpenToAnyone:
		return (*linter).trustOpenToAnyone
	case RuleTrustOtherAccount:
		return (*linter).trustOtherAccount
	case RuleActionPermID:
		return (*linter).actionPermID
	case RuleActionCasing:
		return (*linter).actionCasing
	case RuleConditionUnknownKey:
		return (*linter).conditionUnknownKey
	case RuleConditionNeverHolds:
		return (*linter).conditionNeverHolds
	case RuleStatementRedundant:
		return (*linter).statementRedundant
	case RuleValueDuplicate:
		return (*linter).valueDuplicate
	case RuleDocumentLong:
		return (*linter).documentLong
	case RuleDenyFinanceAdminGap:
		return (*linter).denyFinanceAdminGap
	case RuleUnknownService, RuleUnknownAction:
		return func(l *linter) { l.unknownNames(id) }
	case RuleResourceOtherService:
		return (*linter).resourceOtherService
	case RuleResourceUnknownRegion:
		return (*linter).resourceUnknownRegion
	case RuleOperationLevelResource:
		return (*linter).operationLevelOnResource
	case RuleTagUnsupported:
		return (*linter).tagUnsupported
	case RuleConditionOperatorType:
		return (*linter).conditionOperatorType
	case RuleConditionTagFormat:
		return (*linter).conditionTagFormat
	}
	return func(*linter) {}
}
