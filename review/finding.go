package review

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// SubjectKind says what a finding's subject is.
type SubjectKind string

// The subject kinds.
const (
	SubjectUser    SubjectKind = "user"
	SubjectRole    SubjectKind = "role"
	SubjectGroup   SubjectKind = "group"
	SubjectPolicy  SubjectKind = "policy"
	SubjectAccount SubjectKind = "account"
	// SubjectPrincipal is the caller of audit events (a user name, role
	// session or ARN, as CloudAudit reports it).
	SubjectPrincipal SubjectKind = "principal"
)

// Finding is one thing the review found. Check is the stable ID from the
// check table (see [Checks]); Subject is what the fix applies to: the user,
// role or group that holds a grant, the policy for checks of a policy's content,
// the key's user for key checks (the key ID is [Finding.Item] and in the
// evidence), the caller for event checks.
type Finding struct {
	// Check is the check's stable ID, such as "key.not-rotated".
	Check string `json:"check"`
	// Severity ranks the finding.
	Severity Severity `json:"severity"`
	// Account is the owner UIN of the account the finding belongs to.
	Account uint64 `json:"account,omitempty"`
	// SubjectKind says what Subject names.
	SubjectKind SubjectKind `json:"subjectKind"`
	// Subject is the user, role, group, policy or principal name.
	Subject string `json:"subject"`
	// Item is the particular thing within the subject, when a subject can have
	// several findings of one check: an access key ID, a policy name, a
	// statement path, an event name. Empty otherwise.
	Item string `json:"item,omitempty"`
	// Title is a one-line summary.
	Title string `json:"title"`
	// Evidence lists the facts behind the finding (dates, the statement, the
	// trust principal). It never holds a secret.
	Evidence []string `json:"evidence,omitempty"`
	// Recommendation says what to do.
	Recommendation string `json:"recommendation"`
}

// Key identifies the finding across reviews: check, account, subject and
// item. [Diff] and suppressions match on it.
func (f Finding) Key() string {
	var b strings.Builder
	b.WriteString(f.Check)
	b.WriteByte('|')
	if f.Account != 0 {
		b.WriteString(strconv.FormatUint(f.Account, 10))
	}
	b.WriteByte('|')
	b.WriteString(string(f.SubjectKind))
	b.WriteByte('|')
	b.WriteString(f.Subject)
	b.WriteByte('|')
	b.WriteString(f.Item)
	return b.String()
}

// String formats the finding on one line:
// "high key.not-rotated user alice (AKID...): title".
func (f Finding) String() string {
	s := fmt.Sprintf("%s %s %s %s", f.Severity, f.Check, f.SubjectKind, f.Subject)
	if f.Item != "" {
		s += " (" + f.Item + ")"
	}
	return s + ": " + f.Title
}

// compareFindings orders findings by severity (highest first), then check,
// account, subject and item.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(b.Severity, a.Severity),
		cmp.Compare(a.Check, b.Check),
		cmp.Compare(a.Account, b.Account),
		cmp.Compare(a.SubjectKind, b.SubjectKind),
		cmp.Compare(a.Subject, b.Subject),
		cmp.Compare(a.Item, b.Item),
		cmp.Compare(a.Title, b.Title),
	)
}
