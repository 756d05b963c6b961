package policy

import (
	"slices"
)

// statementRedundant reports a statement that another statement of the same
// effect makes redundant: the other matches every action and resource it
// matches (glob subsumption, see lintGlobCovers), admits every principal it
// admits, and its conditions are implied by this one's. Of two statements that
// cover each other, the later is reported.
//
// The check is conservative: it reports only what it can prove. Statements
// with elements that do not parse are never judged, condition values are
// compared by their exact JSON type and text, and a condition is implied only
// by the same operator on the same key with a subset of the values (a superset
// for negated operators, the same values for null_equal).
func (l *linter) statementRedundant() {
	for j := range l.stmts {
		b := &l.stmts[j]
		for i := range l.stmts {
			a := &l.stmts[i]
			if i == j || !lintStatementCovers(a, b) {
				continue
			}
			if lintStatementCovers(b, a) && j < i {
				continue // equivalent: the later one is reported
			}
			l.report(RuleStatementRedundant, b.path, "adds nothing: %s has the same effect, matches all of its actions and resources%s, and has no stricter condition",
				a.path, lintIf(b.Principal != nil, " and principals"))
			break
		}
	}
}

func lintIf(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// lintJudgeable reports whether every element of ls parsed, so coverage can
// be decided.
func lintJudgeable(ls *lintStatement) bool {
	return ls.Effect.Valid() && len(ls.actions) > 0 && len(ls.actions) == len(ls.Action) &&
		len(ls.resources) == len(ls.Resource) && (len(ls.Resource) > 0 || ls.Principal != nil)
}

// lintEffectiveResources returns the statement's resources; a trust statement
// without resources matches every resource.
func lintEffectiveResources(ls *lintStatement) []Resource {
	if len(ls.Resource) == 0 && ls.Principal != nil {
		return []Resource{{All: true}}
	}
	return ls.resources
}

// lintStatementCovers reports whether a matches every request b matches.
func lintStatementCovers(a, b *lintStatement) bool {
	if !lintJudgeable(a) || !lintJudgeable(b) || a.Effect != b.Effect {
		return false
	}
	fold := a.Effect == EffectAllow // allow statements match action names ignoring case
	for _, bb := range b.actions {
		if !slices.ContainsFunc(a.actions, func(aa lintAction) bool { return lintActionSubsumes(aa, bb, fold) }) {
			return false
		}
	}
	aRes := lintEffectiveResources(a)
	for _, br := range lintEffectiveResources(b) {
		if !slices.ContainsFunc(aRes, func(ar Resource) bool { return lintResourceSubsumes(ar, br) }) {
			return false
		}
	}
	return lintPrincipalCovers(a.Principal, b.Principal) && lintConditionImplied(a.Condition, b.Condition)
}

// lintPrincipalCovers reports whether principal a admits everyone b admits.
// An account's root admits every identity of that account (CAM-SEMANTICS §5.8).
func lintPrincipalCovers(a, b *Principal) bool {
	switch {
	case a == nil || b == nil:
		return a == nil && b == nil
	case a.Any:
		return true
	case b.Any:
		return false
	}
	for _, q := range b.QCS {
		if slices.Contains(a.QCS, q) {
			continue
		}
		arn, ok := parsePrincipalARN(q)
		if !ok || arn.Anyone || !slices.Contains(a.QCS, "qcs::cam::uin/"+arn.Owner+":root") {
			return false
		}
	}
	for _, s := range b.Service {
		if !slices.Contains(a.Service, s) {
			return false
		}
	}
	for _, f := range b.Federated {
		if !slices.Contains(a.Federated, f) {
			return false
		}
	}
	return true
}

// lintConditionImplied reports whether every request that satisfies condition
// b also satisfies condition a.
func lintConditionImplied(a, b Condition) bool {
	for opName, keys := range a {
		op, err := ParseOperator(opName)
		if err != nil {
			return false
		}
		for key, av := range keys {
			bv, ok := b[opName][key]
			if !ok || len(av) == 0 || len(bv) == 0 {
				return false
			}
			switch {
			case op.Op == OpNullEqual:
				if !lintValuesSubset(av, bv) || !lintValuesSubset(bv, av) {
					return false
				}
			case op.Op.Negated():
				if !lintValuesSubset(av, bv) {
					return false
				}
			default:
				if !lintValuesSubset(bv, av) {
					return false
				}
			}
		}
	}
	return true
}

// lintValuesSubset reports whether every value of sub appears in super.
func lintValuesSubset(sub, super []Value) bool {
	for _, v := range sub {
		if !slices.Contains(super, v) {
			return false
		}
	}
	return true
}
