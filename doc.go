// Package camkit is a set of building blocks for least-privilege IAM on Tencent
// Cloud CAM (Cloud Access Management): write policies as typed Go values, check
// them against CAM's rules, decide requests offline exactly as CAM would, read a
// whole account into a snapshot, and test it all against an in-memory CAM that
// speaks Tencent Cloud's wire protocol.
//
// This root package holds only this overview. The work is done by the packages
// below it:
//
//   - [github.com/camkit/camkit/policy]: the CAM policy language. Typed builders
//     (policy.Allow, policy.Deny, policy.New, policy.Trust), lenient parsing
//     (policy.Parse) and canonical output (Document.Canonical), validation against
//     CAM's rules and limits (Document.Validate), lint rules with stable IDs
//     (policy.Lint), and a compiled, allocation-free evaluator (policy.Compile,
//     Evaluator.Evaluate) whose Decision explains itself: explicit deny, allow or
//     implicit deny, which statement decided, and which statements nearly matched.
//   - [github.com/camkit/camkit/tiers]: the tier model (1 read-only, 2 dev/test
//     deploy, 3 production deploy, 4 break-glass). tiers.Classify puts policies in
//     the lowest tier that can hold them, with reasons; tiers.Check checks a role
//     against its tier's requirements (MFA, sessions, holders, expiry).
//   - [github.com/camkit/camkit/roles]: role-name conventions, role definitions
//     whose intent (Can, Cannot) is machine-checked, the IAM guide's standard
//     catalogue (roles.Standard), time-limited grants with tickets, and
//     Catalog.Plan / roles.Apply against an account with a change record.
//   - [github.com/camkit/camkit/testutil]: the permission-test harness for go
//     test: per-role assertions, matrices, smoke tests, expectation files and
//     coverage, from a role catalogue or from what an account really holds.
//   - [github.com/camkit/camkit/review]: access reviews over a snapshot and the
//     audit log, with suppressions, diffs and Markdown, JSON, CSV, text and HTML
//     reports.
//   - [github.com/camkit/camkit/cam]: the boundary to an account. Small interfaces
//     (cam.Reader, cam.Writer, cam.API, cam.AuditLog), plain domain types, errors
//     that match with errors.Is (cam.ErrNotFound, cam.ErrThrottled, ...), and
//     cam.Load, which reads a whole account concurrently, within each API's rate
//     limit, into a JSON-serialisable cam.Snapshot.
//   - [github.com/camkit/camkit/cam/camfake]: an in-memory CAM with real state,
//     CAM's limits, seeding, fault injection and a demo account (camfake.Demo), and
//     camfake.NewServer, which serves that state over Tencent Cloud API 3.0
//     (TC3-HMAC-SHA256) on loopback so the real SDK can be tested against it.
//   - [github.com/camkit/camkit/cam/tencent]: the real adapter over the Tencent
//     Cloud SDK, using the SDK's credential chain, with its own context-aware
//     retry of throttled calls.
//   - [github.com/camkit/camkit/cam/camtest]: a conformance checker that runs the
//     same checks against any cam.API implementation.
//
// Data flows in one direction. I/O happens at two edges only: reading an account
// (cam.Load, and review.Events for the audit log) and applying a reviewed change
// plan (roles.Apply). Everything in between (policy evaluation, linting, tier
// checks, planning, access reviews and the permission-test harness) works on
// in-memory values, so it runs offline from a saved snapshot and is fast and
// deterministic.
//
// A first walk-through, with no credentials, runs on the built-in fake account:
//
//	go run ./examples/quickstart
//
// It builds a least-privilege policy, lints it and explains decisions, loads the
// demo account through the wire protocol, classifies its roles, plans and applies
// the standard role catalogue, tests it with the harness and reviews the account.
//
// What camkit decides where CAM's documentation is silent is written down in
// docs/semantics.md in the repository.
package camkit
