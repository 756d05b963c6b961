// Package roles turns the IAM guide's method into code: consistent role
// names, role definitions whose documented intent is machine-checked, the
// guide's standard catalogue, assignments and time-limited grants enforced by
// CAM itself, and planning and applying the changes with a change record.
//
// Entry points:
//
//   - names: [DefaultConvention], [NewConvention], [Convention.Validate],
//     [Convention.Parse], [Convention.Format];
//   - definitions: [Definition] with [Intent] (Can and Cannot are requests with
//     a sentence each), [Policy] (custom documents or presets by name);
//   - catalogs: [NewCatalog], [Standard], [Catalog.Validate], [Catalog.Roles],
//     [Catalog.Role], [Catalog.Documents] (a role's documents with presets
//     resolved, as [RoleDocuments]), [Catalog.Evaluator],
//     [Catalog.WithPresets] with [PresetList] and [SnapshotPresets];
//   - grants: [Assignment] with a [Ticket];
//   - changes: [Catalog.Plan] (pure, against a cam.Snapshot; it validates the
//     catalog first and refuses an invalid one), [Plan.String],
//     [Plan.Empty], [Apply] (through a cam.Writer) returning a [ChangeRecord]
//     written with [ChangeRecord.AppendLog];
//   - documentation: [WriteMarkdown], [WriteRoleMarkdown].
//
// # Ownership
//
// camkit changes only what it made: roles tagged managed-by=camkit
// ([ManagedTagKey]) and custom policies whose description starts with
// "camkit: " ([ManagedDescriptionPrefix]). A role or policy of a catalog name
// made by hand is reported as a [Conflict] and left alone.
//
// # Grants
//
// Assigning a user a role writes two things to CAM: the user becomes a
// principal of the role's trust policy, and the user's policy
// "camkit-assume-<user>" allows sts:AssumeRole on the role's ARN. A
// time-limited grant adds date_less_than on qcs:current_time to both, so CAM
// ends it on time by itself; the next plan removes it.
//
// What it does not do: it never deletes roles (managed roles no longer in the
// catalog are reported in [Plan.Notes]), never changes a role's console-login
// setting (cam.Writer has no call for it), does not manage groups, and does
// not create the CloudAudit alarms a break-glass role declares.
package roles
