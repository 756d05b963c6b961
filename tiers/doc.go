// Package tiers is the IAM guide's tiered permission model: which tier a set
// of CAM policies needs, what each tier requires of a role, and whether a
// role meets its declared tier.
//
// # Tiers
//
// A [Tier] is one of [ReadOnly] (1: reads and lists), [DevTest] (2: deploys
// to non-production resources), [Production] (3: deploys to production) and
// [BreakGlass] (4: emergency administration, rare, logged and time-limited).
// Tiers are ordered, print and parse by name ([ParseTier]) and marshal as
// text and JSON.
//
// # Classifying
//
// [Classify] (with [DefaultScheme]), [Scheme.Classify], [Scheme.ClassifyNamed]
// and [Scheme.ClassifyRole] return a [Classification]: the lowest tier that
// can hold the documents' allows, and a [Reason] for every allowed action
// above tier 1 naming the policy, statement, action, access level and [Cause].
// Reads and lists need tier 1; writes confined to non-production resources
// tier 2; writes that can reach production (any unscoped write) tier 3;
// permission management, credential-issuing APIs and "*" on "*" tier 4.
//
// A [Scheme] tells production from non-production: by default the resource
// tag "env" (prod and production are production; dev, test, staging and qa
// are not) read from qcs:resource_tag conditions, for products that support
// authorisation by tag; optionally resource-name patterns and regions. Deny
// statements never raise a tier and may lower it: see [Scheme.Classify] for
// the exact rules, and [Scheme] for what counts as confined.
//
// # Checking roles
//
// [Requirements] (defaults from [DefaultRequirements]; [RequirementsOf] for
// those a set of options selects) hold each tier's rules as data. [Check] checks a [Role] (declared tier, policies, boundary,
// trust, session length, [Holder] MFA and grant expiry, audit alerting)
// against its tier and returns [Violation] values with stable rule IDs
// ([Rules]) and messages that say what to change; tier drift, a classified
// tier above the declared one, is [RuleDrift].
//
// # Semantics
//
// A write is "scoped" to non-production only when the policy text proves it:
// every resource the statement names matches a non-production pattern or
// region; or a region condition names only non-production regions; or a
// condition on the environment tag excludes every production value, for a
// product that supports authorisation by tag and an API CAM authorises per
// resource. The tag is read from qcs:resource_tag ("env&dev") and
// qcs:resource_tag/env ("dev") under every string operator, with _if_exist,
// for_any_value: and for_all_value: read as docs/semantics.md §4 says; values are
// compared exactly unless the operator ignores case. Resource "*" without
// such a condition reaches production. Tag changes count as writes. A
// wildcard action counts at the highest level of any API it matches.
//
// A deny can lower a tier because an explicit deny overrides every allow
// (docs/semantics.md §5.3): a deny that holds for every production resource
// (its every condition does) leaves only non-production resources to the
// allows it covers, and a deny without conditions removes the APIs it names.
// A deny is matched case-sensitively, as docs/semantics.md §2 and §5.7
// require, against the catalogue's spelling of each API. A deny never raises
// a tier. docs/semantics.md §8 sets out these rules in full.
//
// # Cost
//
// Classification reads each statement once and caches what it learns about
// each action pattern (in a bounded cache). Weighing deny statements against
// allows compares pairs, so that work is capped at [MaxDenyWork]
// comparisons per call; past the cap the rest is classified without the
// denies, which can only overstate the tier, and [Classification.Incomplete]
// says so. A 6 KB document classifies in about 0.1 ms.
//
// # What it does not do
//
// tiers reads documents, not the account: it does not know which resources
// carry which tags, so it decides from the policy text alone. It does not
// model tags set at creation (qcs:request_tag), so a tier-2 role that can
// create resources may still create one tagged as production. For a wildcard
// action with deny statements it takes the action catalogue as the complete
// list of a product's APIs. It does not read the permission boundary's
// conditions against the policies' statement by statement: the role's tier
// is the lower of the two sides' tiers.
package tiers
