// Package camfake is an in-memory CAM account for tests and examples: camfake
// is to package cam what httptest is to net/http.
//
// [New] returns a *[Fake] that implements [cam.API] and [cam.AuditLog] with
// real state and CAM's rules: sub-users with access keys (never secrets),
// MFA settings and last logins; groups and memberships; roles with trust
// policies, tags and session durations; custom policies with up to five
// versions and Tencent's preset policies ([PresetPolicies]); attachments to
// users, groups and roles (a user's policies through groups follow from its
// memberships); permission boundaries; and CloudAudit events ([Fake.Events]).
// Documents are checked with policy.Parse and policy.Document.Validate and
// kept verbatim. Names and limits follow CAM (docs/semantics.md §1): 1,500
// custom policies, 1,000 roles, 1,000 sub-users, 300 groups, 5 versions, 200
// attachments per entity, 10 groups per user, 100 users per group, 2 keys
// per user, names of 1–128 characters of [A-Za-z0-9+=,.@_-], descriptions of
// at most 300 bytes, session durations of 0–43,200 s.
//
// Every failure is a *[cam.APIError] with the code Tencent's service returns
// (ResourceNotFound.PolicyIdNotFound, InvalidParameter.RoleNotExist,
// FailedOperation.PolicyNameInUse, InvalidParameter.AttachmentFull,
// RequestLimitExceeded, ...), so errors.Is with cam's sentinels behaves as
// against the real adapter; a cancelled context gives an error wrapping
// ctx.Err(). Values handed out are copies; the fake is safe for concurrent
// use.
//
// Each method reports what the CAM API behind it reports, and no more, so code
// tested against the fake does not come to depend on data the service never
// returns: ListUsers has no last login, GetUser no creation time, LastLogins
// no ConsoleLogin, ListAccessKeys no last use, KeysLastUsed the day only,
// ListPolicies no document or default version, GetPolicy no attachment count
// or default version. Times are UTC whole seconds, as the wire format carries
// them. Lists are in a stable order (creation, membership or attachment
// order) and never paged.
//
// Entry points:
//
//   - [New] with options [WithOwnerUIN], [WithAppID], [WithClock],
//     [WithLatency], [WithRateScale], [WithRandSeed], [WithHook], [WithSeed]
//     and [WithCallLog]; the zero Fake is usable too, with New's defaults;
//   - [Demo], the "example corp" account with the IAM guide's problems;
//   - [Seed] (plain data) with [Fake.Seed] and [MustSeed];
//   - helpers the cam interfaces lack: [Fake.CreateUser], [Fake.DeleteUser],
//     [Fake.CreateGroup], [Fake.DeleteGroup], [Fake.CreateAccessKey],
//     [Fake.UpdateAccessKey], [Fake.DeleteAccessKey], [Fake.SetMFA],
//     [Fake.SetLastLogin], [Fake.SetKeyLastUsed], [Fake.AddEvents];
//   - fault injection: [Fake.Inject] with a typed [Fault], [WithHook];
//   - call records: [Fake.Calls], [Fake.CallCount], [Fake.ResetCalls];
//   - what cam.Load asks of it: [Fake.RateLimit] (the limits it enforces, so
//     a load paces itself to the fake and takes milliseconds when it
//     enforces none) and [Fake.Now] (its clock, which stamps the snapshot).
//
// What the fake does not model: passwords, phone and e-mail bindings, SAML
// and OIDC providers, STS (AssumeRole) and policy evaluation (package policy
// does that), service-linked role creation, role and policy paths, ListPolicies
// keyword search, paging (methods return whole lists, like cam's interfaces),
// CAM's authorisation of the caller (every call made on the fake directly
// runs as the root account; the wire server, [NewServer], records who signed
// each request as the call's [Caller] and authorises its callers with
// [WithAuthorization]), and eventual consistency (changes are visible at
// once).
package camfake
