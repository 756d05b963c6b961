// Package cam is camkit's boundary to a Tencent Cloud CAM account.
//
// It defines plain domain types ([User], [Group], [Role], [AccessKey],
// [MFASettings], [Policy], [Attachment], [AuditEvent]), small interfaces
// ([Reader], [Writer], [API], [AuditLog]) that the real adapter
// (package cam/tencent) and the in-memory fake (package cam/camfake) both
// implement, errors that match with errors.Is ([ErrNotFound], [ErrThrottled], ...
// and [*APIError]), and [Load], which reads a whole account into a
// JSON-serialisable [Snapshot] that the rest of camkit works on offline.
package cam
