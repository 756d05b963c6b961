package policy

import (
	"errors"
	"strconv"
	"strings"
)

// MaxListedErrors is how many problems [Document.Validate] and [Compile]
// report in full. Past it, one [*OmittedErrors] says how many more there
// were and quotes the first of them, so that a document with hundreds of
// thousands of broken statements gives an error of a few kilobytes rather
// than tens of megabytes.
const MaxListedErrors = 100

// OmittedErrors stands, at the end of a joined error, for the problems past
// the first [MaxListedErrors]. Its message names the first of them with its
// path:
//
//	policy: and 299,900 more problems like statement[100].effect: missing; want "allow" or "deny"
//
// Unwrap returns that first omitted problem, so errors.As finds it (as an
// *[Error] for Validate) and errors.Is matches what it wraps.
type OmittedErrors struct {
	// Count is how many problems were left out, at least one.
	Count int
	// First is the first problem left out.
	First error
}

// Error formats the summary as "policy: and <Count> more problems like
// <First without its "policy: " prefix>".
func (e *OmittedErrors) Error() string {
	what := "problems"
	if e.Count == 1 {
		what = "problem"
	}
	first := "(none)"
	if e.First != nil {
		first = strings.TrimPrefix(e.First.Error(), "policy: ")
	}
	return "policy: and " + groupThousands(e.Count) + " more " + what + " like " + first
}

// Unwrap returns the first omitted problem.
func (e *OmittedErrors) Unwrap() error { return e.First }

// joinLimited joins errs with errors.Join, listing at most MaxListedErrors of
// them and summarising the rest in one *OmittedErrors. It returns nil for no
// errors.
func joinLimited(errs []error) error { return joinCounted(errs, 0) }

// joinCounted is joinLimited for a list that stopped growing after its
// first omitted problem: extra more problems were counted but not kept.
func joinCounted(errs []error, extra int) error {
	if len(errs) <= MaxListedErrors {
		return errors.Join(errs...)
	}
	listed := make([]error, MaxListedErrors+1)
	copy(listed, errs[:MaxListedErrors])
	listed[MaxListedErrors] = &OmittedErrors{Count: len(errs) - MaxListedErrors + extra, First: errs[MaxListedErrors]}
	return errors.Join(listed...)
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
