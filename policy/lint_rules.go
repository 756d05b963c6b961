package policy

import "slices"

// Rule describes one [Lint] rule.
type Rule struct {
	// ID is the rule's stable ID, e.g. "policy.full-admin". IDs never change.
	ID string
	// Severity is the severity of the rule's findings.
	Severity Severity
	// Summary says in one line what the rule finds.
	Summary string
}

// The IDs of the lint rules. They are stable: they appear in reports,
// suppressions and diffs, so they are never renamed.
const (
	RuleFullAdmin           = "policy.full-admin"
	RuleServiceWildcard     = "policy.service-wildcard"
	RuleWriteOnAnyResource  = "policy.write-on-any-resource"
	RulePrivilegeEscalation = "policy.privilege-escalation"
	RuleExfiltrationReadAny = "policy.exfiltration-read-any"
	RuleAuditDisable        = "policy.audit-disable"
	RuleTrustOpenToAnyone   = "trust.open-to-anyone"
	RuleTrustOtherAccount   = "trust.other-account"
	RuleActionPermID        = "action.permid"
	RuleActionCasing        = "action.casing"
	RuleConditionUnknownKey = "condition.unknown-key"
	RuleConditionNeverHolds = "condition.never-holds"
	RuleStatementRedundant  = "statement.redundant"
	RuleValueDuplicate      = "value.duplicate"
	RuleDocumentLong        = "document.long"
	RuleDenyFinanceAdminGap = "deny.finance-admin-gap"
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
	}
	return func(*linter) {}
}
