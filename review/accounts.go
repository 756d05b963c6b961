package review

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/camkit/camkit/cam"
)

// Account is one account of a multi-account review: a name for the report and
// a reader for the account, for example the cam/tencent adapter with
// credentials from assuming a review role in the member account.
type Account struct {
	// Name labels the account in reports ("prod", "shared-services").
	Name string
	// Reader reads the account.
	Reader cam.Reader
	// LoadOptions are passed to cam.Load for this account.
	LoadOptions []cam.LoadOption
}

// DefaultAccountConcurrency is how many accounts [AssessAccounts] loads at once.
const DefaultAccountConcurrency = 4

// AssessAccounts loads and reviews several accounts concurrently (at most
// DefaultAccountConcurrency at a time; each cam.Load paces its own API calls)
// and merges the reports with [Merge]: every finding carries its account, and
// the report has a summary per account. An account that cannot be loaded is
// not skipped silently: its summary has Error set and the report a critical
// review.incomplete finding for it; the other accounts are still reviewed. The
// error is non-nil only when ctx ends or the input is unusable.
func AssessAccounts(ctx context.Context, accounts []Account, cfg Config) (*Report, error) {
	if len(accounts) == 0 {
		return nil, errors.New("review: AssessAccounts: no accounts")
	}
	for i, a := range accounts {
		if a.Reader == nil {
			return nil, fmt.Errorf("review: AssessAccounts: accounts[%d] (%q) has no Reader", i, a.Name)
		}
	}
	reports := make([]*Report, len(accounts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(DefaultAccountConcurrency)
	var mu sync.Mutex
	for i, a := range accounts {
		g.Go(func() error {
			snap, err := cam.Load(gctx, a.Reader, a.LoadOptions...)
			var r *Report
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				r = &Report{SchemaVersion: ReportSchemaVersion, Generated: cfg.Now, Suppressions: cfg.Suppressions,
					Accounts: []AccountSummary{{Name: a.Name, Error: err.Error()}},
					Findings: []Finding{{Check: CheckReviewIncomplete, Severity: Critical, SubjectKind: SubjectAccount,
						Subject: accountLabel(a.Name, i), Title: "the account could not be read, so it was not reviewed",
						Evidence: []string{"error: " + oneLine(err.Error())}, Recommendation: "Check the reviewer's credentials and permissions (review.RequiredPolicy) for this account and run the review again."}}}
			} else {
				r = Assess(snap, cfg)
				r.Accounts[0].Name = a.Name
			}
			mu.Lock()
			reports[i] = r
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("review: AssessAccounts: %w", err)
	}
	return Merge(reports...), nil
}

func accountLabel(name string, i int) string {
	if name != "" {
		return name
	}
	return fmt.Sprintf("accounts[%d]", i)
}

// Merge combines reports of several accounts into one: accounts, findings,
// suppressed findings, users and access rows are concatenated and sorted;
// the generated time is the latest of the reports'. Nil reports are skipped.
func Merge(reports ...*Report) *Report {
	out := &Report{SchemaVersion: ReportSchemaVersion, Findings: []Finding{}}
	for _, r := range reports {
		if r == nil {
			continue
		}
		if r.Generated.After(out.Generated) {
			out.Generated = r.Generated
		}
		out.Accounts = append(out.Accounts, r.Accounts...)
		out.Findings = append(out.Findings, r.Findings...)
		out.Suppressed = append(out.Suppressed, r.Suppressed...)
		out.Users = append(out.Users, r.Users...)
		out.Access = append(out.Access, r.Access...)
		for _, s := range r.Suppressions {
			if !slices.Contains(out.Suppressions, s) {
				out.Suppressions = append(out.Suppressions, s)
			}
		}
	}
	slices.SortStableFunc(out.Accounts, func(a, b AccountSummary) int {
		return cmp.Or(cmp.Compare(a.OwnerUIN, b.OwnerUIN), cmp.Compare(a.Name, b.Name))
	})
	slices.SortStableFunc(out.Users, func(a, b UserRow) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.UIN, b.UIN))
	})
	slices.SortStableFunc(out.Access, func(a, b AccessRow) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	out.sort()
	return out
}
