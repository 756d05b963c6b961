// Package review runs access reviews over a [cam.Snapshot]: the quarterly
// check the IAM guide asks for, finding what it warns about. Every check has a
// stable ID, a default severity and a threshold in [Config] (see [Checks] and
// [DefaultConfig]).
//
// Entry points:
//
//   - [Assess] reviews a snapshot: MFA, keys (age, use, count, naming, the root
//     account's keys), inactive, shared and over-privileged users, empty groups,
//     administrator grants outside break-glass roles, allow-all custom
//     policies, unattached policies, trust policies open to other accounts,
//     tier drift and tier requirements (package tiers), role naming (package
//     roles), lint findings on every custom policy (policy.Lint, under the lint
//     rule IDs), and review.incomplete for each part of the account that could
//     not be read.
//   - [Events] reads CloudAudit in slices shorter than 30 days within its
//     90-day reach and reports IAM changes, denied calls, break-glass use,
//     console login failures and calls from outside the office allowlist;
//     [Report.Add] joins them to a report. [ReadEvents] and [EventFindings]
//     are its two halves.
//   - [UsageOf] and [UsageFindings]: least privilege from use, the granted
//     actions not seen in the audit window and a narrower policy built from
//     what was used.
//   - Suppressions ([Suppression]) accept a finding until they expire; expired
//     ones are reported. [Diff] compares two reports; [ReadReport] reads one
//     back from JSON.
//   - Writers: [Report.WriteMarkdown], [Report.WriteJSON] (versioned schema),
//     [Report.WriteCSV] (the credential report, one row per user),
//     [Report.WriteText], and [Report.WriteHTML], one self-contained page.
//   - [RequiredPolicy] is the read-only CAM policy a reviewer needs.
//   - [AssessAccounts] reviews several accounts concurrently and [Merge]
//     combines reports with a summary per account.
//
// Assess is pure: the same snapshot and configuration give the same report,
// timed at Config.Now or the snapshot's time. Only Events, ReadEvents and
// AssessAccounts do I/O.
//
// What it does not do: it judges what the snapshot says, so a grant made and
// removed between two loads is invisible; event checks see what CloudAudit
// logged (a 90-day window); break-glass use in Events is recognised by role
// name, not by tag.
package review
