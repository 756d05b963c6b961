package testutil

import (
	"fmt"
	"strconv"

	"github.com/camkit/camkit/policy"
)

// FailureKind says why an expectation failed. The set is closed; its text
// form is a stable identifier for reports.
type FailureKind uint8

// The kinds of failure.
const (
	// FailureWrongOutcome: the request was decided otherwise than expected.
	FailureWrongOutcome FailureKind = iota + 1
	// FailureUnknownAction: the action is not an API of its service (or is
	// spelt with other letter case than Tencent Cloud's).
	FailureUnknownAction
	// FailureUnknownService: the action's service is not a CAM service.
	FailureUnknownService
	// FailureUnknownSubject: no role or user of that name.
	FailureUnknownSubject
	// FailureMissingContext: the outcome was as expected, but a statement that
	// applies to the request reads a condition key the request did not supply,
	// and the harness was built with [StrictContext].
	FailureMissingContext
	// FailureSubjectError: the subject's policies could not be compiled.
	FailureSubjectError
	// FailureInvalidCase: the expectation itself is malformed (no action, an
	// action pattern, no valid expected outcome, a user-only check on a role).
	FailureInvalidCase
)

var failureKindNames = [...]string{
	FailureWrongOutcome:   "wrong_outcome",
	FailureUnknownAction:  "unknown_action",
	FailureUnknownService: "unknown_service",
	FailureUnknownSubject: "unknown_subject",
	FailureMissingContext: "missing_context",
	FailureSubjectError:   "subject_error",
	FailureInvalidCase:    "invalid_case",
}

// String returns the kind's identifier, e.g. "wrong_outcome".
func (k FailureKind) String() string {
	if k >= FailureWrongOutcome && int(k) < len(failureKindNames) {
		return failureKindNames[k]
	}
	return "FailureKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns the kind's identifier.
func (k FailureKind) MarshalText() ([]byte, error) {
	if k >= FailureWrongOutcome && int(k) < len(failureKindNames) {
		return []byte(failureKindNames[k]), nil
	}
	return nil, fmt.Errorf("testutil: invalid failure kind %d", uint8(k))
}

// UnmarshalText reads the identifier MarshalText writes.
func (k *FailureKind) UnmarshalText(text []byte) error {
	for i, n := range failureKindNames {
		if n != "" && n == string(text) {
			*k = FailureKind(i)
			return nil
		}
	}
	return fmt.Errorf("testutil: unknown failure kind %q", text)
}

// Failure is one expectation that did not hold, as [Harness.Check] returns it
// and as the assertions report it. It marshals to JSON for CI reports.
type Failure struct {
	// Kind says why it failed.
	Kind FailureKind `json:"kind"`
	// Case is the expectation.
	Case Case `json:"case"`
	// Actual is the outcome, when the request was evaluated.
	Actual *policy.Outcome `json:"actual,omitempty"`
	// Decision is the evaluator's decision, when the request was evaluated:
	// deciding statements, near misses and assumptions.
	Decision *policy.Decision `json:"decision,omitempty"`
	// Suggestion is the nearest real name for an unknown action, service,
	// role or user, or "".
	Suggestion string `json:"suggestion,omitempty"`
	// Missing lists condition keys that statements applying to the request
	// read but the request did not supply.
	Missing []MissingKey `json:"missing_context,omitempty"`
	// Message is the full explanation, as the assertions print it.
	Message string `json:"message"`
}

// Error returns the message, so a Failure can be used as an error.
func (f Failure) Error() string { return f.Message }

// String returns the message.
func (f Failure) String() string { return f.Message }

// Is lets errors.Is match a Failure used as an error: an unknown subject
// matches [ErrUnknownSubject], an unknown action or service
// [ErrUnknownAction].
func (f Failure) Is(target error) bool {
	switch f.Kind {
	case FailureUnknownSubject:
		return target == ErrUnknownSubject
	case FailureUnknownAction, FailureUnknownService:
		return target == ErrUnknownAction
	}
	return false
}
