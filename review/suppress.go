package review

import (
	"errors"
	"fmt"
	"path"
	"time"
)

// Suppression accepts a finding for a while: findings of Check whose subject
// matches Subject are moved from [Report.Findings] to [Report.Suppressed]
// until Expires. An expired suppression stops suppressing and is itself
// reported (review.suppression-expired), so accepted risks are looked at again.
type Suppression struct {
	// Check is the check ID the suppression applies to.
	Check string `json:"check"`
	// Subject is a glob (path.Match syntax) over the finding's subject; "*"
	// matches every subject.
	Subject string `json:"subject"`
	// Item optionally narrows the suppression to one item (a key ID, a policy
	// name); empty matches every item.
	Item string `json:"item,omitempty"`
	// Account optionally narrows the suppression to one account.
	Account uint64 `json:"account,omitempty"`
	// Reason says why the finding is accepted.
	Reason string `json:"reason"`
	// AcceptedBy names who accepted it.
	AcceptedBy string `json:"acceptedBy"`
	// Expires is when the suppression stops suppressing; required.
	Expires time.Time `json:"expires"`
}

func (s Suppression) validate() error {
	var errs []error
	if s.Check == "" {
		errs = append(errs, errors.New("check is empty"))
	}
	if _, err := path.Match(s.Subject, ""); err != nil || s.Subject == "" {
		errs = append(errs, fmt.Errorf("subject pattern %q is not a valid glob", s.Subject))
	}
	if s.Reason == "" {
		errs = append(errs, errors.New("reason is empty"))
	}
	if s.AcceptedBy == "" {
		errs = append(errs, errors.New("acceptedBy is empty"))
	}
	if s.Expires.IsZero() {
		errs = append(errs, errors.New("expires is not set (every suppression must expire)"))
	}
	return errors.Join(errs...)
}

// matches reports whether s covers f.
func (s Suppression) matches(f Finding) bool {
	if s.Check != f.Check || (s.Account != 0 && s.Account != f.Account) || (s.Item != "" && s.Item != f.Item) {
		return false
	}
	ok, _ := path.Match(s.Subject, f.Subject)
	return ok
}

// applySuppressions moves suppressed findings out of r.Findings and reports
// expired suppressions.
func (r *Report) applySuppressions(sups []Suppression, now time.Time) {
	if len(sups) == 0 {
		return
	}
	var active []Suppression
	for _, s := range sups {
		if !now.Before(s.Expires) {
			r.Findings = append(r.Findings, Finding{
				Check: CheckSuppressionExpired, Severity: Low, SubjectKind: SubjectAccount, Account: s.Account,
				Subject: s.Check + " " + s.Subject, Item: s.Item,
				Title:          fmt.Sprintf("suppression of %s for %q expired on %s", s.Check, s.Subject, s.Expires.UTC().Format(time.DateOnly)),
				Evidence:       []string{"reason: " + s.Reason, "accepted by: " + s.AcceptedBy, "expired: " + s.Expires.UTC().Format(time.RFC3339)},
				Recommendation: "Fix the findings it covered, or review the risk again and renew the suppression with a new expiry.",
			})
			continue
		}
		active = append(active, s)
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		suppressed := false
		for _, s := range active {
			if s.matches(f) {
				r.Suppressed = append(r.Suppressed, SuppressedFinding{Finding: f, By: s})
				suppressed = true
				break
			}
		}
		if !suppressed {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
}

// SuppressedFinding is a finding hidden by a suppression, kept in the report
// so nothing disappears silently.
type SuppressedFinding struct {
	Finding
	// By is the suppression that hid it.
	By Suppression `json:"suppressedBy"`
}
