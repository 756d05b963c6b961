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
//     holds, for roles and users ([cam.Snapshot.RoleEvaluator],
//     [cam.Snapshot.UserEvaluator]).
//   - [Harness.Role] and [Harness.User] return a [Subject];
//     [Subject.Allows], [Subject.Denies], [Subject.DeniesExplicitly],
//     [Subject.Expect] and, for users, [Subject.CanAssume] and
//     [Subject.CannotAssume] assert through testing.TB like testify's assert,
//     with the options [WithIP], [At], [WithResourceTag], [WithRequestTag],
//     [WithContext] and [AsPrincipal]. [Subject.Decide] decides without
//     asserting.
//   - [Harness.Matrix] runs a table of [Case]s as parallel subtests named
//     "role/action/resource"; [Harness.Assert] checks one Case through
//     testing.TB; [Harness.Check] checks Cases without testing.TB and returns
//     [Failure]s that marshal to JSON, for tools and CI reports.
//   - [Harness.Smoke] is the guide's smoke test for one role: a safe read, a
//     controlled write, a forbidden action ([Call] builds each [Probe]).
//   - [VerifyCatalog] checks every role of a catalogue: each documented Can
//     allowed, each Cannot denied, each role within its tier;
//     [Harness.Verify] does it on a catalogue harness (keeping coverage);
//     [CatalogCases] gives the intents as Cases.
//   - [LoadExpectations] and [ParseExpectations] read Cases from YAML or JSON
//     files a security team can own; errors name the file, line and field
//     ([FileError]).
//   - [Harness.Coverage] lists the statements no expectation exercised;
//     [Harness.ReportCoverage] logs it when a test ends and
//     [Harness.RequireCoverage] fails a test while any is left.
//   - Harness options: [StrictContext], [KnownActions], [BaseContext].
//
// # What a failure says
//
// A failure message says what was expected and what happened, the statements
// that decided (policy name and statement index, with what they grant), for
// an implicit deny the near misses (allow statements whose action matched)
// and why each missed, the assumptions the evaluator made where CAM's
// behaviour is undocumented (docs/semantics.md §5.7), the expectation's "why",
// and a warning naming each condition key that a statement applying to the
// request reads but the request did not supply, with the option that
// supplies it. Messages use testify's layout; the file:line Go prints is the
// test's own assertion (the harness calls t.Helper).
//
// A key is reported missing only where supplying it could change the outcome:
// for an allow, keys read by deny statements that apply to the request by
// action, resource and principal, and by the allow statements that decided;
// for an explicit deny, keys read by the deny statements that decided; for an
// implicit deny, keys read by applying allow statements (of the identity
// policies or the boundary). On a passing assertion the warning is logged
// (t.Log, shown with go test -v); with [StrictContext] it fails the test.
//
// # Typos never pass
//
// An action no policy names is denied by every policy, so a misspelt action
// in a "forbidden" case would pass silently. Every expectation's action is
// therefore checked against camkit's action catalogue
// ([policy.KnownAction], [policy.KnownService]): an unknown service or API, or
// one spelt with other letter case than Tencent Cloud's (requests carry the
// API's exact name, and deny statements match case-sensitively), fails with
// the nearest real name ([policy.SuggestAction], [policy.SuggestService]).
// Real APIs the catalogue lacks can be declared with [KnownActions]. A
// request names one API: an action pattern ("cvm:Describe*") is rejected, and
// so is an empty resource (write "*" for an API that takes only "*"). An
// unknown role or user fails by name, with the nearest existing name.
//
// # Requests
//
// A snapshot user's requests start from the context "qcs:uin" (its UIN),
// "qcs:owner_uin" and "qcs:app_id", so policy variables resolve; a
// snapshot role's from "qcs:owner_uin" and "qcs:app_id"; a catalogue role's
// from nothing. [BaseContext] adds keys to every request; each assertion's
// options come last. CanAssume decides {sts:AssumeRole, the role's ARN,
// principal: the user's ARN} against the role's trust policy and the user's
// own policies; both must allow it, and the missing-context warning covers
// both.
//
// # What it does not do
//
// The harness decides requests with [policy.Evaluator]; it does not call
// Tencent Cloud, so it cannot see what CAM enforces beyond the policies
// (service-side checks, the roughly one-minute authorisation cache, the known
// gaps listed in docs/semantics.md §5.10). A snapshot subject whose holdings the
// snapshot lacks in part fails every assertion rather than being decided on
// part of its policies. Coverage counts a statement as exercised when it
// decided at least one evaluated request; a statement that only nearly
// applied does not count. A catalogue role's statements include those of the
// preset policies the catalogue resolves ([roles.Catalog.Documents]).
package testutil
