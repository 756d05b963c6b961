package policy

import (
	"fmt"
	"strconv"
	"strings"
)

// Rules about trust statements: who a principal lets in.

func (l *linter) trustOpenToAnyone() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		if ls.Effect != EffectAllow || ls.Principal == nil {
			continue
		}
		pp := pathField(ls.path, "principal")
		if ls.Principal.Any {
			l.report(RuleTrustOpenToAnyone, pp, "principal \"*\" lets anyone, in any Tencent Cloud account, use this statement%s", ls.conditionNote())
		}
		// "*" inside a list is not a valid entry (Validate says so), but the
		// evaluator reads it as anyone, and so might CAM.
		for _, list := range [...]struct {
			name    string
			entries []string
		}{{"qcs", ls.Principal.QCS}, {"service", ls.Principal.Service}, {"federated", ls.Principal.Federated}} {
			for j, q := range list.entries {
				if q == "*" {
					l.report(RuleTrustOpenToAnyone, pathIndex(pathField(pp, list.name), j), "\"*\" in the %s list admits anyone to use this statement%s", list.name, ls.conditionNote())
				}
			}
		}
		for j, q := range ls.Principal.QCS {
			if a, ok := parsePrincipalARN(q); ok && a.Anyone {
				l.report(RuleTrustOpenToAnyone, pathIndex(pathField(pp, "qcs"), j), "%s lets anyone, in any Tencent Cloud account or none, use this statement%s", quote(q), ls.conditionNote())
			}
		}
	}
}

// lintPrincipalEntry is one qcs or federated entry of an allow statement.
type lintPrincipalEntry struct {
	path string
	arn  principalARN
	raw  string
}

func (l *linter) principalEntries(ls *lintStatement) []lintPrincipalEntry {
	if ls.Effect != EffectAllow || ls.Principal == nil {
		return nil
	}
	var out []lintPrincipalEntry
	pp := pathField(ls.path, "principal")
	for _, list := range [...]struct {
		name    string
		entries []string
	}{{"qcs", ls.Principal.QCS}, {"federated", ls.Principal.Federated}} {
		for j, raw := range list.entries {
			if a, ok := parsePrincipalARN(raw); ok && !a.Anyone {
				out = append(out, lintPrincipalEntry{pathIndex(pathField(pp, list.name), j), a, raw})
			}
		}
	}
	return out
}

func (l *linter) trustOtherAccount() {
	if l.opts.OwnerUIN != 0 {
		owner := strconv.FormatUint(l.opts.OwnerUIN, 10)
		for i := range l.stmts {
			for _, e := range l.principalEntries(&l.stmts[i]) {
				if e.arn.Owner == owner {
					continue
				}
				l.report(RuleTrustOtherAccount, e.path, "%s %s, not the owner's account %s%s",
					quote(e.raw), lintTrustedWhat(e.arn), owner, l.stmts[i].conditionNote())
			}
		}
		return
	}
	// Without an owner, a trust naming two or more accounts names at least one
	// that is not the owner's.
	var accounts []string
	seen := map[string]bool{}
	for i := range l.stmts {
		for _, e := range l.principalEntries(&l.stmts[i]) {
			if !seen[e.arn.Owner] {
				seen[e.arn.Owner] = true
				accounts = append(accounts, e.arn.Owner)
			}
		}
	}
	if len(accounts) < 2 {
		return
	}
	listed := accounts
	more := ""
	if len(listed) > lintListedAccounts {
		listed = listed[:lintListedAccounts]
		more = fmt.Sprintf(" and %d more", len(accounts)-lintListedAccounts)
	}
	names := strings.Join(listed, ", ") + more
	for i := range l.stmts {
		ls := &l.stmts[i]
		if len(l.principalEntries(ls)) > 0 {
			l.report(RuleTrustOtherAccount, pathField(ls.path, "principal"), "the trust policy names %d accounts (%s), so at least one is not the owner's; set LintOptions.OwnerUIN to see which",
				len(accounts), names)
		}
	}
}

// lintListedAccounts is how many accounts a trust.other-account message names
// before it counts the rest.
const lintListedAccounts = 10

// lintTrustedWhat says whom a principal entry admits.
func lintTrustedWhat(a principalARN) string {
	switch a.Kind {
	case "root":
		return "trusts account " + a.Owner + " (every identity that account permits)"
	case "uin":
		return "trusts sub-user " + a.Name + " of account " + a.Owner
	case "roleName", "role":
		return "trusts a role of account " + a.Owner
	}
	return "trusts an identity provider of account " + a.Owner
}
