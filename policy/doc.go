// Package policy is the Tencent Cloud CAM policy language: reading, writing,
// checking and deciding policies exactly as CAM does, offline.
//
// # Documents
//
// A [Document] is a CAM policy: an access policy, a permission boundary or a
// role's trust policy. [Parse] reads every form CAM accepts (a single string where
// CAM allows a list, a single statement object instead of the array) and rejects
// what CAM rejects, with errors that name the JSON path of the problem
// (statement[1].condition.ip_equal["qcs:ip"][0]). [Document.Canonical] writes the
// compact canonical JSON that camkit sends to CAM; Parse(Canonical(d)) is a fixed
// point.
//
// # Building
//
// Builders read like the document they build and return values, never shared
// mutable state:
//
//	doc := policy.New(
//		policy.Allow("cvm:Describe*").On("*"),
//		policy.Allow("cos:GetObject").
//			On("qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*").
//			When(policy.IPEqual(policy.KeyIP, "10.0.0.0/8")),
//	)
//
// [Trust] builds role trust policies from principals such as [AccountRoot],
// [SubUser], [ServicePrincipal] and [SAMLProvider]. [ParseResource] and [Resource]
// handle six-segment resource names, [ParseAction] and [AccessLevelOf] action names
// and their access levels, and the condition constructors ([StringEqual],
// [DateLessThan], ...) every operator family with its _if_exist and
// for_any_value:/for_all_value: forms.
//
// # Checking
//
// [Document.Validate] reports every problem at once (joined with errors.Join;
// past [MaxListedErrors] the rest are summarised by one [OmittedErrors]),
// each with its path: effects, actions, resources, principals, operators and their
// value types, policy variables, and CAM's 6,144-character limit; it refuses
// what [Compile] refuses, in the same words. [Lint] reports risky but valid
// patterns as [Finding] values with stable rule IDs: full admin, service
// wildcards, privilege escalation, trust policies open to anyone, and more; and
// mistakes that make a statement grant or deny nothing, each with a "did you
// mean": unknown services and misspelt actions, resources of another service
// or in an unknown region, operation-level APIs on specific resources, tag
// conditions on services without tag authorisation, operators of the wrong
// type and tag values not written "key&value". [Parse] reports every
// mis-cased or unknown element at once, and an AWS IAM policy in one message
// that says how CAM writes it. The same helpers serve other tools: [Nearest]
// finds the name a misspelt one most likely meant, [MatchPattern] and
// [MatchPatternFold] match CAM's '*' globs, [MatchResource] matches a
// resource name as the evaluator does, and [Resource.Covers] compares two
// resource patterns.
//
// # Deciding
//
// [Compile] turns documents into an immutable [Evaluator]; [Evaluator.Evaluate]
// decides a [Request] without allocating and returns a [Decision] that says
// whether the request is allowed, which statements decided (explicit deny,
// allow or implicit deny), the near misses of an implicit deny, and every
// assumption made where CAM's behaviour is undocumented. Where CAM is silent the
// evaluator follows a safety rule: it never reports less access than CAM could
// grant, so allow statements take the broader reading and deny statements the
// narrower one.
package policy
