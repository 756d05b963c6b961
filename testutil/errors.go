package testutil

import (
	"errors"
	"strconv"

	"github.com/camkit/camkit/policy"
)

// Sentinel errors, for errors.Is.
var (
	// ErrUnknownSubject: no role or user of the name (see [UnknownSubjectError]).
	ErrUnknownSubject = errors.New("testutil: unknown subject")
	// ErrUnknownAction: an expectation names an action or service Tencent
	// Cloud does not have, or spells a real one with other letter case (a
	// [Failure] of kind FailureUnknownAction or FailureUnknownService
	// matches it).
	ErrUnknownAction = errors.New("testutil: unknown action")
	// ErrInvalidHarness: FromCatalog or FromSnapshot was given something it
	// cannot build a harness from (nil, or a bad option).
	ErrInvalidHarness = errors.New("testutil: invalid harness input")
	// ErrExpectations: an expectation file could not be read (see [FileError]).
	ErrExpectations = errors.New("testutil: invalid expectations")
)

// UnknownSubjectError reports a role or user the harness does not have, with
// the nearest name it does have.
type UnknownSubjectError struct {
	// Kind is the kind of subject asked for.
	Kind Kind
	// Name is the name asked for.
	Name string
	// Source is "catalogue" or "snapshot".
	Source string
	// Suggestion is the nearest existing name of that kind, or "".
	Suggestion string
	// Hint says more when the kind does not exist in the source at all.
	Hint string
}

// Error names the subject and the nearest name.
func (e *UnknownSubjectError) Error() string {
	msg := "testutil: " + e.Kind.String() + " " + quote(e.Name) + " is not in the " + e.Source
	if e.Suggestion != "" {
		msg += "; did you mean " + quote(e.Suggestion) + "?"
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Is reports whether target is ErrUnknownSubject.
func (e *UnknownSubjectError) Is(target error) bool { return target == ErrUnknownSubject }

// FileError is a problem in an expectation file, with where it is.
type FileError struct {
	// File is the file name as given.
	File string
	// Line is the 1-based line, or 0 when unknown.
	Line int
	// Field is the path of the field, e.g. "expectations[3].expect".
	Field string
	// Message says what is wrong.
	Message string
}

// Error reads "testutil: roles.yaml:12: expectations[3].expect: ...".
func (e *FileError) Error() string {
	msg := "testutil: " + e.File
	if e.Line > 0 {
		msg += ":" + strconv.Itoa(e.Line)
	}
	if e.Field != "" {
		msg += ": " + e.Field
	}
	return msg + ": " + e.Message
}

// Is reports whether target is ErrExpectations.
func (e *FileError) Is(target error) bool { return target == ErrExpectations }

// nearestName returns the existing name that name most likely misspells
// ([policy.Nearest]: a few edits away, ignoring case), or "" when none is
// close.
func nearestName(name string, candidates []string) string {
	s, _ := policy.Nearest(name, candidates)
	return s
}
