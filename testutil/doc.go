// Package testutil is a permission-test harness for go test: it proves what
// each role (and, from a snapshot, each user) can and cannot do, offline and
// in milliseconds, following the IAM guide's advice to "test permissions like
// a cautious engineer".
//
// Entry points:
//
//   - [FromCatalog] builds a [Harness] over a [roles.Catalog]: each role's
//     policies (presets resolved) within its boundary, as defined.
//   - [FromSnapshot] builds one over a [cam.Snapshot]: what the account really
//     holds, for roles and users.
//   - [Harness.Role] and [Harness.User] return a [Subject];
//     [Subject.Allows], [Subject.Denies], [Subject.DeniesExplicitly] and
//     [Subject.CanAssume] assert through testing.TB like testify's assert,
//     with the options [WithIP], [At], [WithResourceTag], [WithRequestTag],
//     [WithContext] and [AsPrincipal].
//   - [Harness.Matrix] runs a table of [Case]s as parallel subtests named
//     "role/action/resource"; [Harness.Check] checks them without testing.TB
//     and returns [Failure]s that marshal to JSON.
//   - [Harness.Smoke] is the guide's smoke test for one role: a safe read, a
//     controlled write, a forbidden action.
//   - [VerifyCatalog] checks every role of a catalogue: each documented Can
//     allowed, each Cannot denied, each role within its tier.
//   - [LoadExpectations] and [ParseExpectations] read Cases from YAML or JSON
//     files a security team can own; errors name the file, line and field.
//   - [Harness.Coverage] lists the statements no expectation exercised.
//
// # What a failure says
//
// A failure message says what was expected and what happened, the statements
// that decided (policy name and statement index), for an implicit deny the
// near misses (allow statements whose action matched) and why each missed,
// the assumptions the evaluator made where CAM's behaviour is undocumented
// (CAM-SEMANTICS §5.7), and a warning naming each condition key a statement
// that applies to the request reads but the request did not supply.
//
// # Typos never pass
//
// An action no policy names is denied by every policy, so a misspelt action
// in a "forbidden" case would pass silently. Every expectation's action is
// therefore checked against camkit's action catalogue
// ([policy.KnownAction], [policy.KnownService]): an unknown service or API, or
// one spelt with other letter case than Tencent Cloud's, fails with the
// nearest real name. Real APIs the catalogue lacks can be declared with
// [KnownActions]. An unknown role or user fails by name, with the nearest
// existing name.
//
// # What it does not do
//
// The harness decides requests with [policy.Evaluator]; it does not call
// Tencent Cloud, so it cannot see what CAM enforces beyond the policies
// (service-side checks, the roughly one-minute authorisation cache, the known
// gaps listed in CAM-SEMANTICS §5.10). Coverage counts a statement as
// exercised when it decided at least one evaluated request; a statement that
// only nearly applied does not count.
package testutil
