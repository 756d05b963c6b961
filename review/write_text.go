package review

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// summaryLine counts open findings by severity, highest first:
// "2 critical, 1 high, 0 medium, 3 low, 1 info".
func (r *Report) summaryLine() string {
	c := r.Counts()
	parts := make([]string, 0, 5)
	for s := Critical; s >= Info; s-- {
		parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
	}
	return strings.Join(parts, ", ")
}

// WriteText writes the report as plain text: a summary line, then one block per
// finding with its evidence and recommendation.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Access review of %s\n", r.Generated.UTC().Format("2006-01-02 15:04 MST"))
	for _, a := range r.Accounts {
		fmt.Fprintf(bw, "Account %d%s: %d users, %d groups, %d roles, %d policies, %d unread parts\n",
			a.OwnerUIN, label(a.Name), a.Users, a.Groups, a.Roles, a.Policies, a.Problems)
		if a.Error != "" {
			fmt.Fprintf(bw, "  could not be reviewed: %s\n", oneLine(a.Error))
		}
	}
	fmt.Fprintf(bw, "Findings: %d (%s); suppressed: %d\n", len(r.Findings), r.summaryLine(), len(r.Suppressed))
	for _, f := range r.Findings {
		fmt.Fprintf(bw, "\n[%s] %s  %s %s", f.Severity, f.Check, f.SubjectKind, oneLine(f.Subject))
		if f.Item != "" {
			fmt.Fprintf(bw, " (%s)", oneLine(f.Item))
		}
		fmt.Fprintf(bw, "\n  %s\n", oneLine(f.Title))
		for _, e := range f.Evidence {
			fmt.Fprintf(bw, "  - %s\n", oneLine(e))
		}
		fmt.Fprintf(bw, "  fix: %s\n", oneLine(f.Recommendation))
	}
	return bw.Flush()
}

func label(name string) string {
	if name == "" {
		return ""
	}
	return " (" + oneLine(name) + ")"
}

// oneLine replaces control characters (newlines included) with spaces, so
// text from the account cannot forge report lines.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}
