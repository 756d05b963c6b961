package cam

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Errors from every implementation (the real adapter, the fake and
// the wire server seen through the adapter) match these with [errors.Is].
var (
	// ErrNotFound: the user, group, role, policy or version does not exist.
	ErrNotFound = errors.New("cam: not found")
	// ErrAlreadyExists: a policy, role or group with that name exists.
	ErrAlreadyExists = errors.New("cam: already exists")
	// ErrThrottled: the API's rate limit was exceeded (RequestLimitExceeded).
	ErrThrottled = errors.New("cam: throttled")
	// ErrAccessDenied: authentication failed or the caller lacks permission.
	ErrAccessDenied = errors.New("cam: access denied")
	// ErrInvalid: CAM rejected the input (InvalidParameter.*).
	ErrInvalid = errors.New("cam: invalid input")
	// ErrLimitExceeded: an account or entity quota would be exceeded
	// (1,500 custom policies, 5 versions, 200 attachments, ...).
	ErrLimitExceeded = errors.New("cam: limit exceeded")
	// ErrIncomplete: a snapshot lacks part of what is needed to answer, such
	// as a user's attachments that could not be read (see [IncompleteError]).
	ErrIncomplete = errors.New("cam: snapshot incomplete")
	// ErrBadSnapshot: the input is not a whole snapshot of the format this
	// package reads, or it contradicts itself (see [ReadSnapshot] and
	// [SnapshotError]).
	ErrBadSnapshot = errors.New("cam: not a valid snapshot")
)

// IncompleteError reports that a snapshot lacks part of what a principal
// holds, so no exact answer can be given for it: the parts that could not be
// read when the snapshot was taken (see [Snapshot.Problems]) or documents that
// do not parse. It matches [ErrIncomplete] with errors.Is.
type IncompleteError struct {
	// Subject names the principal: "user alice (uin 100000000011)" or
	// "role Deployer".
	Subject string
	// Missing says what is missing, one entry per part.
	Missing []string
}

// Error formats the error as "cam: <subject>: the snapshot lacks what it
// holds: <missing>; <missing>".
func (e *IncompleteError) Error() string {
	return "cam: " + e.Subject + ": the snapshot lacks what it holds: " + strings.Join(e.Missing, "; ")
}

// Is reports whether target is [ErrIncomplete].
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// APIError is an error returned by a CAM API call. Code is Tencent Cloud's error code
// (for example "ResourceNotFound.PolicyIdNotExist"). errors.Is maps it onto the
// sentinels by code (docs/semantics.md §7).
//
// Message never carries a secret key: implementations scrub it.
type APIError struct {
	// Action is the API action, e.g. "GetPolicy".
	Action string
	// Code is the service's error code.
	Code string
	// Message is the service's message.
	Message string
	// RequestID identifies the request for Tencent support.
	RequestID string
}

// Error formats the error as "cam: <Action>: <Code>: <Message> (request <id>)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("cam: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Is maps the error code onto a sentinel, so errors.Is(err, cam.ErrNotFound) works.
func (e *APIError) Is(target error) bool {
	return target != nil && Classify(e.Code) == target
}

// Classify returns the sentinel that an error code maps to, or nil for a code with
// no sentinel (such as InternalError).
func Classify(code string) error {
	switch {
	case code == "":
		return nil
	case strings.HasPrefix(code, "RequestLimitExceeded"):
		return ErrThrottled
	case strings.HasPrefix(code, "ResourceNotFound"),
		strings.HasPrefix(code, "InvalidParameter.") && (strings.HasSuffix(code, "NotExist") || strings.HasSuffix(code, "NotExists")),
		strings.HasPrefix(code, "FailedOperation.") && strings.HasSuffix(code, "NotExist"):
		return ErrNotFound
	case code == "FailedOperation.PolicyNameInUse",
		code == "InvalidParameter.RoleNameInUse",
		code == "InvalidParameter.GroupNameInUse",
		code == "InvalidParameter.UserNameInUse",
		strings.HasSuffix(code, "NameInUse"),
		strings.HasSuffix(code, "AlreadyExists"):
		return ErrAlreadyExists
	case code == "OperationDenied.AccessKeyOverLimit",
		strings.HasSuffix(code, "LimitExceeded"): // RequestLimitExceeded* matched above
		// A user's two-key quota; InvalidParameter.TagLimitExceeded (50 tags).
		return ErrLimitExceeded
	case code == "FailedOperation.PolicyVersionAlreadyDefault":
		// Deleting the default version: the request is invalid as made.
		return ErrInvalid
	case strings.HasPrefix(code, "AuthFailure"),
		strings.HasPrefix(code, "UnauthorizedOperation"),
		strings.HasPrefix(code, "OperationDenied"):
		return ErrAccessDenied
	case strings.HasPrefix(code, "LimitExceeded"),
		strings.HasSuffix(code, "OverLimit") && !strings.HasSuffix(code, "LengthOverLimit"),
		strings.HasSuffix(code, "OverUpper"),
		strings.HasSuffix(code, "Full"):
		return ErrLimitExceeded
	case strings.HasPrefix(code, "InvalidParameter"),
		strings.HasPrefix(code, "InvalidParameterValue"),
		strings.HasPrefix(code, "MissingParameter"),
		strings.HasPrefix(code, "UnknownParameter"):
		return ErrInvalid
	}
	return nil
}

// SnapshotError says why an input is not a valid snapshot. It matches
// [ErrBadSnapshot] with errors.Is.
type SnapshotError struct {
	// Problems lists what is wrong, each naming where ("users[3]: uin
	// 100000001000 appears twice, also users[1]").
	Problems []string
}

// maxSnapshotProblems is how many problems a SnapshotError spells out.
const maxSnapshotProblems = 10

// Error formats the error as "cam: reading snapshot: <problem>; <problem>",
// spelling out the first ten problems and counting the rest.
func (e *SnapshotError) Error() string {
	ps := e.Problems
	more := ""
	if len(ps) > maxSnapshotProblems {
		more = "; and " + strconv.Itoa(len(ps)-maxSnapshotProblems) + " more"
		ps = ps[:maxSnapshotProblems]
	}
	return "cam: reading snapshot: " + strings.Join(ps, "; ") + more
}

// Is reports whether target is [ErrBadSnapshot].
func (e *SnapshotError) Is(target error) bool { return target == ErrBadSnapshot }

func badSnapshot(format string, args ...any) *SnapshotError {
	return &SnapshotError{Problems: []string{fmt.Sprintf(format, args...)}}
}
