package tiers

// Rule IDs of [Violation]. They are stable: reports, suppressions and diffs
// use them, so they are never renamed.
const (
	// RuleUnknownTier: the role declares no valid tier.
	RuleUnknownTier = "tier.unknown"
	// RuleDrift: the role's policies need a higher tier than it declares.
	RuleDrift = "tier.drift"
	// RuleNoWrites: a tier without writes allows a write.
	RuleNoWrites = "tier.no-writes"
	// RuleProductionWrite: a tier without production access allows a write
	// that can reach production resources.
	RuleProductionWrite = "tier.production-write"
	// RulePermissionsManagement: a tier without permission management
	// allows it (or credential issuing, or full access).
	RulePermissionsManagement = "tier.permissions-management"
	// RuleBillingChange: a tier without billing changes allows a write to a
	// billing product.
	RuleBillingChange = "tier.billing-change"
	// RuleOperationMFA: a holder lacks operation protection with an MFA device.
	RuleOperationMFA = "tier.operation-mfa"
	// RuleLoginMFA: a holder lacks login protection with an MFA device.
	RuleLoginMFA = "tier.login-mfa"
	// RuleIPCondition: a statement that grants writes has no IP condition.
	RuleIPCondition = "tier.ip-condition"
	// RuleSessionTooLong: the role's session is longer than the tier allows.
	RuleSessionTooLong = "tier.session-too-long"
	// RuleTooManyHolders: more people hold the role than the tier allows.
	RuleTooManyHolders = "tier.too-many-holders"
	// RuleTrustTooBroad: the trust policy lets a whole account (or anyone)
	// assume a role whose tier limits its holders.
	RuleTrustTooBroad = "tier.trust-too-broad"
	// RuleGrantNotTimeLimited: a grant is permanent or lasts longer than the
	// tier allows.
	RuleGrantNotTimeLimited = "tier.grant-not-time-limited"
	// RuleAuditAlerting: the tier needs audit alerting and the role has none.
	RuleAuditAlerting = "tier.audit-alerting"
)

// Rules returns every rule ID, in a stable order.
func Rules() []string {
	return []string{
		RuleUnknownTier, RuleDrift, RuleNoWrites, RuleProductionWrite, RulePermissionsManagement,
		RuleBillingChange, RuleOperationMFA, RuleLoginMFA, RuleIPCondition, RuleSessionTooLong,
		RuleTooManyHolders, RuleTrustTooBroad, RuleGrantNotTimeLimited, RuleAuditAlerting,
	}
}
