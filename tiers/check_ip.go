package tiers

import (
	"slices"

	"github.com/camkit/camkit/policy"
)

// ipConditions asks every allow statement that grants a write to be limited
// to known addresses: an ip_equal condition on qcs:ip in the statement, or a
// deny with only an ip_not_equal condition on qcs:ip that covers the
// statement's resources and write actions.
func (ck *checker) ipConditions(cls Classification, docs []NamedDocument, req TierRequirements) {
	if req.IPCondition == Off {
		return
	}
	type at struct{ doc, stmt int }
	var seen []at
	for _, r := range cls.Reasons {
		key := at{r.Document, r.Statement}
		if slices.Contains(seen, key) || r.Document >= len(docs) || docs[r.Document].Document == nil ||
			r.Statement >= len(docs[r.Document].Document.Statement) {
			continue
		}
		seen = append(seen, key)
		st := &docs[r.Document].Document.Statement[r.Statement]
		if hasIPEqual(st.Condition) || ipDenyCovers(docs, st, cls.Reasons, key.doc, key.stmt) {
			continue
		}
		v := Violation{Rule: RuleIPCondition, Advisory: req.IPCondition == Recommended,
			Message: r.Policy + ": " + policy.StatementPath(r.Statement) + " grants writes (" + r.Action +
				") from any address; add an ip_equal condition on qcs:ip with the office or CI ranges"}
		if v.Advisory {
			v.Message += " (recommended for this tier)"
		}
		ck.addAt(v, r.Policy, r.Statement)
	}
}

// hasIPEqual reports whether a condition limits qcs:ip with ip_equal.
func hasIPEqual(cond policy.Condition) bool {
	for name, keys := range cond {
		op, err := policy.ParseOperator(name)
		if err != nil || op.Op != policy.OpIPEqual || op.Qualifier == policy.QualifierForAllValue {
			continue
		}
		if len(keys[policy.KeyIP]) > 0 {
			return true
		}
	}
	return false
}

// ipDenyCovers reports whether a deny whose only condition is ip_not_equal on
// qcs:ip covers the statement's resources and every write action the
// reasons list for it.
func ipDenyCovers(docs []NamedDocument, st *policy.Statement, reasons []Reason, doc, stmt int) bool {
	res := st.Resource
	if len(res) == 0 {
		res = []string{"*"}
	}
	for _, nd := range docs {
		if nd.Document == nil {
			continue
		}
		for _, d := range nd.Document.Statement {
			if d.Effect != policy.EffectDeny || d.Principal != nil || !onlyIPNotEqual(d.Condition) {
				continue
			}
			covered := true
			for _, r := range res {
				if !resourceCovered(d.Resource, r) {
					covered = false
					break
				}
			}
			if !covered {
				continue
			}
			actions := make([]string, len(d.Action))
			for i, a := range d.Action {
				actions[i] = trimName(a)
			}
			for _, r := range reasons {
				if r.Document == doc && r.Statement == stmt && !actionCovered(actions, r.Action) {
					covered = false
					break
				}
			}
			if covered {
				return true
			}
		}
	}
	return false
}

func onlyIPNotEqual(cond policy.Condition) bool {
	if len(cond) != 1 {
		return false
	}
	for name, keys := range cond {
		op, err := policy.ParseOperator(name)
		if err != nil || op.Op != policy.OpIPNotEqual || op.Qualifier != policy.QualifierNone || len(keys) != 1 {
			return false
		}
		if len(keys[policy.KeyIP]) == 0 {
			return false
		}
	}
	return true
}

func trimName(a string) string {
	if len(a) > 5 && a[:5] == "name/" {
		return a[5:]
	}
	return a
}
