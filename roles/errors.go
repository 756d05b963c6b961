package roles

import (
	"errors"
	"fmt"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
)

// Sentinel errors; every error of this package that concerns one of these
// matches it with errors.Is.
var (
	// ErrBadName: a role name breaks the naming convention or CAM's rules.
	ErrBadName = errors.New("roles: bad role name")
	// ErrInvalid: a definition or catalog is invalid.
	ErrInvalid = errors.New("roles: invalid definition")
	// ErrIntent: a role's policies do not do what its Can or Cannot says.
	ErrIntent = errors.New("roles: intent not met")
	// ErrTier: a role breaks a requirement of its tier.
	ErrTier = errors.New("roles: tier requirement not met")
	// ErrUnknownPreset: a preset policy could not be resolved.
	ErrUnknownPreset = errors.New("roles: unknown preset policy")
	// ErrPlan: a plan could not be made (an unknown user or role in an
	// assignment, a snapshot that lacks what planning needs).
	ErrPlan = errors.New("roles: cannot plan")
	// ErrApply: a change of a plan failed; the record says which.
	ErrApply = errors.New("roles: apply failed")
)

// NameError says why a role name breaks a [Convention] and what a good name
// looks like.
type NameError struct {
	// Name is the rejected name.
	Name string
	// Reason says what is wrong.
	Reason string
	// Shape is the convention's pattern, e.g. "<Team>-<Function>[-<Env>]".
	Shape string
	// Example is a name that follows the convention.
	Example string
}

// Error implements error.
func (e *NameError) Error() string {
	return fmt.Sprintf("roles: role name %q: %s; a good name is %s in PascalCase, for example %q",
		msgtext.Clip(e.Name), e.Reason, e.Shape, e.Example)
}

// Is makes errors.Is(err, ErrBadName) true.
func (e *NameError) Is(target error) bool { return target == ErrBadName }

// IntentError reports a Can that the role's policies do not allow, or a
// Cannot they do not deny.
type IntentError struct {
	// Role is the role's name.
	Role string
	// Kind is "can" or "cannot".
	Kind string
	// Index is the intent's position in Can or Cannot.
	Index int
	// Intent is the intent that is not met.
	Intent Intent
	// Decision is the evaluator's explanation of the actual outcome.
	Decision string
}

// Error implements error.
func (e *IntentError) Error() string {
	want := "allowed"
	if e.Kind == "cannot" {
		want = "denied"
	}
	return fmt.Sprintf("roles: role %s: %s[%d] %q: %s on %s should be %s, but %s",
		msgtext.Name(e.Role), e.Kind, e.Index, e.Intent.Why, msgtext.Text(e.Intent.Request.Action), msgtext.Text(e.Intent.Request.Resource), want, e.Decision)
}

// Is makes errors.Is(err, ErrIntent) true.
func (e *IntentError) Is(target error) bool { return target == ErrIntent }

// joinErrors is errors.Join that returns nil for no errors and the error
// itself for one.
func joinErrors(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// invalidf returns an error matching [ErrInvalid] with a "roles: " message.
func invalidf(format string, args ...any) error {
	return &wrapped{msg: "roles: " + fmt.Sprintf(format, args...), sentinel: ErrInvalid}
}

// eachLine returns err's message with prefix before each of its lines (an
// errors.Join of several problems has one per line), so that every line of a
// joined error says where it comes from.
func eachLine(prefix string, err error) string {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// badNamef returns an error matching [ErrBadName] with the message given.
func badNamef(format string, args ...any) error {
	return &wrapped{msg: fmt.Sprintf(format, args...), sentinel: ErrBadName}
}

// wrapped is an error with its own message that matches a sentinel.
type wrapped struct {
	msg      string
	sentinel error
	cause    error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Is(target error) bool {
	return target == e.sentinel
}
func (e *wrapped) Unwrap() error { return e.cause }
