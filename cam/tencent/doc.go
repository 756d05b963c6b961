// Package tencent is camkit's real adapter to Tencent Cloud CAM, over the
// official tencentcloud-sdk-go clients for CAM (2019-01-16), STS (2018-08-13)
// and CloudAudit (2019-03-19).
//
// [New] (or [NewFromEnv], which uses the SDK's default credential chain)
// returns a [*Client] implementing [cam.API] and [cam.AuditLog] (the zero
// Client is not usable: its calls fail with [ErrZeroClient]):
//
//   - every list is paged (Page from 1, Rp 200) until CAM's TotalNum is read;
//   - throttled calls are retried by the adapter with a jittered, capped
//     exponential backoff that stops as soon as the context ends (see
//     "Retries and throttling" below);
//   - SDK models become cam's plain types. CAM's "2006-01-02 15:04:05" time
//     strings are in Beijing time (UTC+8, [Beijing]); they are read in that
//     zone ([WithLocation] to change it) and returned in UTC;
//   - role names are resolved to role IDs where CAM's API takes only an ID;
//   - [Client.Events] slices windows into CloudAudit's shorter-than-30-day
//     spans and refuses starts more than 90 days back;
//   - errors are mapped: service errors become [*cam.APIError], which matches
//     [cam.ErrNotFound], [cam.ErrThrottled], ... with errors.Is; a cancelled
//     context matches context.Canceled; network failures name the action.
//
// # Retries and throttling
//
// The adapter, not the SDK, retries; the SDK's own retries are always off,
// because they sleep without looking at the context (a cancelled call would
// wait out every backoff: 1 s, 2 s, 4 s, ...). [WithRetries] sets the counts:
//
//   - a call CAM, STS or CloudAudit refused with RequestLimitExceeded (or one
//     of its sub-codes) is repeated up to [DefaultRateLimitRetries] times,
//     writes included, since a throttled request was not carried out;
//   - a read (List*, Get*, Describe*) that got no answer at all (connection
//     refused or reset, the [WithTimeout] limit, a body cut short) is
//     repeated up to [DefaultNetworkRetries] times; a write is never repeated
//     after such a failure, because the service may have applied it.
//
// Before retry n (0-based) the adapter waits a random duration between half
// and all of [DefaultBackoffBase] doubled n times, never more than
// [DefaultBackoffCap]
// ([WithExponentialBackoff] changes both, [WithBackoff] replaces the
// schedule). When the retries are used up the last error is returned; it
// matches [cam.ErrThrottled] if the service was still throttling. Each paged
// list retries page by page, so a throttled page does not restart the list.
// [cam.Load] retries failed reads itself ([cam.WithRetry]) and keeps each
// action under its rate limit; under Load the two kinds of retry multiply, so
// a Client made only for Load can leave retrying to it with WithRetries(0, 0).
//
// # Cancellation
//
// Every method takes a context and honours it at once: a context that is
// already done fails the call before anything is sent; the HTTP request
// carries the context (the SDK's *WithContext calls), so cancelling abandons
// a request in flight; and a wait between retries ends the moment the
// context does. The error then matches ctx.Err() with errors.Is
// (context.Canceled or context.DeadlineExceeded), names the action, and is
// returned within milliseconds of the cancellation, whatever the retry
// settings. A write cancelled in flight may still have been applied by CAM.
//
// # Secrets
//
// No error, log line or printed value of this package carries the secret key
// or session token: messages are scrubbed of both, [WithLogger] output is
// scrubbed (including request signatures), and [Client] and [Credentials]
// print without them.
//
// # Permissions
//
// A read-only access review ([cam.Reader] and [cam.AuditLog]) needs only:
//
//	cam:GetUserAppId, cam:ListUsers, cam:GetUser, cam:DescribeSubAccounts,
//	cam:ListAccessKeys, cam:GetSecurityLastUsed, cam:DescribeSafeAuthFlagColl,
//	cam:ListGroups, cam:ListUsersForGroup, cam:DescribeRoleList, cam:GetRole,
//	cam:ListPolicies, cam:GetPolicy, cam:ListPolicyVersions, cam:GetPolicyVersion,
//	cam:ListAttachedUserAllPolicies, cam:ListAttachedGroupPolicies,
//	cam:ListAttachedRolePolicies, cam:GetUserPermissionBoundary,
//	cam:GetRolePermissionBoundary, cloudaudit:DescribeEvents
//
// which the preset policy QcloudCamReadOnlyAccess plus cloudaudit:DescribeEvents
// cover (or "cam:List*", "cam:Get*", "cam:Describe*" and
// "cloudaudit:DescribeEvents"). Applying role plans ([cam.Writer]) also needs
// cam:CreatePolicy, cam:UpdatePolicy, cam:DeletePolicy, cam:CreatePolicyVersion,
// cam:SetDefaultPolicyVersion, cam:DeletePolicyVersion, cam:CreateRole,
// cam:DeleteRole, cam:UpdateAssumeRolePolicy, cam:UpdateRoleDescription,
// cam:UpdateRoleSessionDuration, cam:TagRole, cam:UntagRole,
// cam:Attach*Policy, cam:Detach*Policy, cam:AddUserToGroup,
// cam:RemoveUserFromGroup, cam:Put*PermissionsBoundary and
// cam:Delete*PermissionsBoundary. [Client.AssumeRole] needs sts:AssumeRole on
// the role.
//
// The SDK's region circuit breaker is off unless [WithRegionBreaker] turns it
// on: it fails over to a public endpoint, which is wrong for a private endpoint
// or a test server.
package tencent
