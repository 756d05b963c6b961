// Package cam is camkit's boundary to a Tencent Cloud CAM account.
//
// It defines plain domain types ([User], [Group], [Role], [AccessKey],
// [MFASettings], [Policy], [Attachment], [AuditEvent]), small interfaces
// ([Reader], [Writer], [API], [AuditLog]) that the real adapter
// (package cam/tencent) and the in-memory fake (package cam/camfake) both
// implement, errors that match with errors.Is ([ErrNotFound], [ErrThrottled], ...
// and [*APIError]), and [Load], which reads a whole account into a
// JSON-serialisable [Snapshot] that the rest of camkit works on offline.
//
// Entry points:
//
//   - [Load] with options [WithConcurrency], [WithRateScale],
//     [WithActionRate], [WithRetry], [WithFailFast], [WithProgress] and
//     [WithClock]; a Reader may report its own limits ([RateLimiter]) and
//     clock ([Clock]);
//   - [Snapshot.WriteJSON] and [ReadSnapshot] to save and read a snapshot
//     (a file that is not a whole, consistent snapshot is a [*SnapshotError]);
//     [Snapshot.Root] holds the root account's own access keys;
//   - lookups: [Snapshot.UserByName], [Snapshot.UserByUIN],
//     [Snapshot.GroupByID], [Snapshot.RoleByName], [Snapshot.PolicyByID],
//     [Snapshot.PolicyByName], [Snapshot.EffectivePolicies],
//     [Snapshot.RolePolicies];
//   - what principals can do, exactly: [Snapshot.UserEvaluator],
//     [Snapshot.RoleEvaluator], [Snapshot.CanAssume],
//     [Snapshot.WhoCanAssume], [Snapshot.AssumableRoles];
//   - API action names as [Action] constants, with [RateLimit],
//     [DefaultRateLimits] and [ReaderActions].
//
// CAM's rules that camkit relies on, and its decisions where CAM is silent,
// are written up in docs/semantics.md.
package cam
