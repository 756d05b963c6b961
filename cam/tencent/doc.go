// Package tencent is camkit's real adapter to Tencent Cloud CAM, over the
// official tencentcloud-sdk-go clients for CAM (2019-01-16), STS (2018-08-13)
// and CloudAudit (2019-03-19).
//
// [New] (or [NewFromEnv], which uses the SDK's default credential chain)
// returns a [*Client] implementing [cam.API] and [cam.AuditLog]:
//
//   - every list is paged (Page from 1, Rp 200) until CAM's TotalNum is read;
//   - throttled calls (RequestLimitExceeded) are retried by the SDK itself
//     ([WithRetries], [WithBackoff]); the adapter has no retry loop of its own;
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
