package policy

import (
	"strconv"
	"strings"
)

// Rules about what a statement's actions grant. The rules for specific risks
// (write, privilege escalation, data reads, audit) skip "*" and "*:*": those are
// reported once, by RuleFullAdmin on resource "*" or by RuleServiceWildcard on
// narrower resources.

// lintExfiltrationActions are reads that hand out data itself, not metadata.
var lintExfiltrationActions = []string{
	"cos:GetObject",
	"ssm:GetSecretValue",
	"ssm:GetSSHKeyPairValue",
	"kms:Decrypt",
	"kms:AsymmetricRsaDecrypt",
	"kms:AsymmetricSm2Decrypt",
}

// lintAuditActions stop, delete or change CloudAudit tracking.
var lintAuditActions = []string{
	"cloudaudit:StopLogging",
	"cloudaudit:DeleteAudit",
	"cloudaudit:UpdateAudit",
	"cloudaudit:DeleteAuditTrack",
	"cloudaudit:ModifyAuditTrack",
	"cloudaudit:ModifyEventsAuditTrack",
}

// conditionNote qualifies a message for a statement with a condition.
func (ls *lintStatement) conditionNote() string {
	if len(ls.Condition) > 0 {
		return " (limited only by the statement's condition)"
	}
	return ""
}

// allowActions calls f for each parsed action of each allow statement.
func (l *linter) allowActions(f func(ls *lintStatement, a lintAction)) {
	for i := range l.stmts {
		ls := &l.stmts[i]
		if ls.Effect != EffectAllow {
			continue
		}
		for _, a := range ls.actions {
			f(ls, a)
		}
	}
}

func (l *linter) fullAdmin() {
	l.allowActions(func(ls *lintStatement, a lintAction) {
		if ls.anyRes && isAllActions(a.Action) {
			l.report(RuleFullAdmin, ls.actionPath(a), "%s on resource \"*\" allows every action on every resource: full administrator access%s",
				quote(a.Raw), ls.conditionNote())
		}
	})
}

func (l *linter) serviceWildcard() {
	l.allowActions(func(ls *lintStatement, a lintAction) {
		switch {
		case isAllActions(a.Action) && ls.anyRes:
			// RuleFullAdmin.
		case isAllActions(a.Action):
			l.report(RuleServiceWildcard, ls.actionPath(a), "%s allows every action of every service on the statement's resources; list the actions needed",
				quote(a.Raw))
		case !a.PermID && a.Name == "*":
			risky := l.examples(a.Action, AccessPermissionsManagement)
			if risky != "" {
				risky = ", permission management among them (" + risky + ")"
			}
			l.report(RuleServiceWildcard, ls.actionPath(a), "%s allows every action of %s%s, and actions Tencent adds later; list the actions needed",
				quote(a.Raw), a.Service, risky)
		}
	})
}

// specificActions calls f for the allow actions on resource "*" that the
// specific-risk rules judge: not "*", "*:*" or permid actions.
func (l *linter) specificActions(f func(ls *lintStatement, a lintAction)) {
	l.allowActions(func(ls *lintStatement, a lintAction) {
		if ls.anyRes && !isAllActions(a.Action) && !a.PermID {
			f(ls, a)
		}
	})
}

func (l *linter) writeOnAnyResource() {
	l.specificActions(func(ls *lintStatement, a lintAction) {
		if a.AccessLevel() != AccessWrite {
			return // PermissionsManagement is RulePrivilegeEscalation's
		}
		what := "changes resources (access level Write)"
		if a.Wildcard() {
			what = "can reach actions that change resources (access level Write)"
			if ex := l.examples(a.Action, AccessWrite); ex != "" {
				what = "can reach actions that change resources (access level Write: " + ex + ")"
			}
		}
		l.report(RuleWriteOnAnyResource, ls.actionPath(a), "%s %s on every resource (\"*\"); name the resources it needs%s",
			quote(a.Raw), what, ls.conditionNote())
	})
}

func (l *linter) privilegeEscalation() {
	l.specificActions(func(ls *lintStatement, a lintAction) {
		if a.AccessLevel() != AccessPermissionsManagement {
			return
		}
		var why string
		switch {
		case !a.Wildcard() && lintActionCovers(a.Action, "sts:AssumeRole", true):
			why = "lets the holder assume every role whose trust policy admits them"
		case !a.Wildcard() && lintActionCovers(a.Action, "cam:PassRole", true):
			why = "lets the holder pass any role, and its permissions, to a service"
		case a.Wildcard():
			why = "reaches permission management"
			if ex := l.examples(a.Action, AccessPermissionsManagement); ex != "" {
				why += " (" + ex + ")"
			}
			why += " on every resource, so the holder can widen anyone's access, their own included"
		default:
			why = "is permission management (policies, attachments, trust policies, access keys, credentials) on every resource, so the holder can widen anyone's access, their own included"
		}
		l.report(RulePrivilegeEscalation, ls.actionPath(a), "%s on resource \"*\" %s%s", quote(a.Raw), why, ls.conditionNote())
	})
}

func (l *linter) exfiltrationReadAny() {
	l.specificActions(func(ls *lintStatement, a lintAction) {
		if hits := lintCovered(a.Action, lintExfiltrationActions); hits != "" {
			l.report(RuleExfiltrationReadAny, ls.actionPath(a), "%s reads data on every resource (\"*\"): it covers %s; name the buckets, secrets or keys it needs%s",
				quote(a.Raw), hits, ls.conditionNote())
		}
	})
}

func (l *linter) auditDisable() {
	l.allowActions(func(ls *lintStatement, a lintAction) {
		if isAllActions(a.Action) || a.PermID {
			return
		}
		if hits := lintCovered(a.Action, lintAuditActions); hits != "" {
			l.report(RuleAuditDisable, ls.actionPath(a), "%s can stop or change CloudAudit tracking (%s), which hides what happens next%s",
				quote(a.Raw), hits, ls.conditionNote())
		}
	})
}

// examples is lintExamples, computed once per Lint call for each pattern
// and level: listing what a wildcard matches reads the catalogue.
func (l *linter) examples(a Action, level AccessLevel) string {
	return l.suggest("x"+level.String(), a.Service+":"+a.Name, func(string) string { return lintExamples(a, level) })
}

// lintExamples names up to three catalogued actions at level that the
// pattern a covers, those issuing credentials first:
// "tke:AcquireClusterAdminRole, tke:DescribeClusterKubeconfig, ... and 9
// more". It returns "" when it covers none.
func lintExamples(a Action, level AccessLevel) string {
	var first, rest []string
	for _, m := range a.MatchingActions() {
		svc, api, _ := strings.Cut(m, ":")
		if AccessLevelOf(svc, api) != level {
			continue
		}
		if IssuesCredentials(svc, api) {
			first = append(first, m)
		} else {
			rest = append(rest, m)
		}
	}
	all := append(first, rest...)
	if len(all) <= 3 {
		return strings.Join(all, ", ")
	}
	return strings.Join(all[:3], ", ") + " and " + strconv.Itoa(len(all)-3) + " more"
}

// lintCovered lists the targets a covers (ignoring case), comma-separated.
func lintCovered(a Action, targets []string) string {
	var hits []string
	for _, t := range targets {
		if lintActionCovers(a, t, true) {
			hits = append(hits, t)
		}
	}
	return strings.Join(hits, ", ")
}

func (l *linter) actionPermID() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for _, a := range ls.actions {
			if a.PermID {
				l.report(RuleActionPermID, ls.actionPath(a), "%s names an undocumented feature set: camkit cannot tell what it grants and never matches it against an API name",
					quote(a.Raw))
			}
		}
	}
}

func (l *linter) actionCasing() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for _, a := range ls.actions {
			if a.All || a.PermID {
				continue
			}
			written := a.Service + ":" + a.Name
			if !a.Wildcard() {
				if canonical, ok := KnownAction(a.Service, a.Name); ok && canonical != written {
					l.report(RuleActionCasing, ls.actionPath(a), "%s is spelt %s in the catalogue; %s", quote(a.Raw), quote(canonical), lintCaseNote(ls.Effect))
				}
				continue
			}
			// Listing a wildcard's matches reads the catalogue: once per pattern.
			if first := l.suggest("c", written, func(string) string { return lintFoldOnlyMatch(a.Action, written) }); first != "" {
				l.report(RuleActionCasing, ls.actionPath(a), "%s matches catalogue actions such as %s only when case is ignored; %s",
					quote(a.Raw), quote(first), lintCaseNote(ls.Effect))
			}
		}
	}
}

// lintFoldOnlyMatch returns the first catalogue action the pattern a
// (written "service:Name") matches only when case is ignored, or "" when it
// matches one exactly or none at all.
func lintFoldOnlyMatch(a Action, written string) string {
	matches := a.MatchingActions()
	for _, m := range matches {
		if lintGlobMatch(written, m, false) {
			return ""
		}
	}
	if len(matches) == 0 {
		return ""
	}
	return matches[0]
}

func lintCaseNote(e Effect) string {
	if e == EffectDeny {
		return "CAM's handling of case is undocumented and camkit matches deny statements exactly, so this deny may never apply"
	}
	return "CAM's handling of case is undocumented; camkit assumes allow statements ignore case, but CAM may not grant it"
}

func (l *linter) denyFinanceAdminGap() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		if ls.Effect != EffectDeny {
			continue
		}
		for _, a := range ls.actions {
			if isAllActions(a.Action) || (!a.PermID && strings.EqualFold(a.Service, "finance")) {
				l.report(RuleDenyFinanceAdminGap, ls.actionPath(a), "%s denies finance actions, but CAM does not apply such a deny to holders of AdministratorAccess or QCloudFinanceFullAccess; detach those policies from identities this deny must stop",
					quote(a.Raw))
				break
			}
		}
	}
}
