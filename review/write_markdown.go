package review

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report for a ticket or wiki page: a summary table
// by severity, the accounts, then the findings grouped by subject, each with
// its evidence and recommendation. Text from the account is escaped so it
// cannot break the table or add links.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Access review, %s\n\n", r.Generated.UTC().Format("2006-01-02 15:04 MST"))
	c := r.Counts()
	bw.WriteString("| severity | findings |\n|---|---|\n")
	for s := Critical; s >= Info; s-- {
		fmt.Fprintf(bw, "| %s | %d |\n", s, c[s])
	}
	fmt.Fprintf(bw, "\n%d open findings, %d suppressed.\n", len(r.Findings), len(r.Suppressed))
	if len(r.Accounts) > 0 {
		bw.WriteString("\n## Accounts\n\n| account | users | groups | roles | policies | unread | findings |\n|---|---|---|---|---|---|---|\n")
		for _, a := range r.Accounts {
			n := 0
			for _, f := range r.Findings {
				if f.Account == a.OwnerUIN {
					n++
				}
			}
			name := fmt.Sprint(a.OwnerUIN) + mdLabel(a.Name)
			if a.Error != "" {
				name += " (not reviewed: " + mdEscape(a.Error) + ")"
			}
			fmt.Fprintf(bw, "| %s | %d | %d | %d | %d | %d | %d |\n", name, a.Users, a.Groups, a.Roles, a.Policies, a.Problems, n)
		}
	}
	bw.WriteString("\n## Findings by subject\n")
	for _, g := range groupBySubject(r.Findings) {
		fmt.Fprintf(bw, "\n### %s %s", g.kind, mdEscape(g.subject))
		if len(r.Accounts) > 1 {
			fmt.Fprintf(bw, " (account %d)", g.account)
		}
		bw.WriteString("\n\n")
		for _, f := range g.findings {
			fmt.Fprintf(bw, "- **%s** `%s`: %s", f.Severity, f.Check, mdEscape(f.Title))
			if f.Item != "" {
				fmt.Fprintf(bw, " (%s)", mdEscape(f.Item))
			}
			bw.WriteString("\n")
			for _, e := range f.Evidence {
				fmt.Fprintf(bw, "  - %s\n", mdEscape(e))
			}
			fmt.Fprintf(bw, "  - Fix: %s\n", mdEscape(f.Recommendation))
		}
	}
	if len(r.Suppressed) > 0 {
		bw.WriteString("\n## Suppressed\n\n| check | subject | reason | accepted by | expires |\n|---|---|---|---|---|\n")
		for _, s := range r.Suppressed {
			fmt.Fprintf(bw, "| `%s` | %s | %s | %s | %s |\n", s.Check, mdEscape(s.Subject), mdEscape(s.By.Reason), mdEscape(s.By.AcceptedBy), date(s.By.Expires))
		}
	}
	return bw.Flush()
}

func mdLabel(name string) string {
	if name == "" {
		return ""
	}
	return " " + mdEscape(name)
}

// mdEscape makes account text inert in Markdown: control characters become
// spaces, and the characters that make emphasis, code, links, tables or HTML
// are backslash-escaped. Text always follows other text on its line, so a
// leading '#' or '-' cannot start a heading or list.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if strings.ContainsRune("\\`*_[]|<>&~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type subjectGroup struct {
	account  uint64
	kind     SubjectKind
	subject  string
	findings []Finding
}

// groupBySubject groups findings by account, subject kind and subject, in
// order of each group's most severe finding.
func groupBySubject(fs []Finding) []subjectGroup {
	var out []subjectGroup
	idx := map[string]int{}
	for _, f := range fs {
		k := fmt.Sprintf("%d|%s|%s", f.Account, f.SubjectKind, f.Subject)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, subjectGroup{account: f.Account, kind: f.SubjectKind, subject: f.Subject})
		}
		out[i].findings = append(out[i].findings, f)
	}
	return out
}
