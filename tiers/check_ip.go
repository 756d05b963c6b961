package tiers

import (
	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// ipConditions asks every allow statement that grants a write to be limited
// to known addresses: an ip_equal condition on qcs:ip in the statement, or a
// deny with only an ip_not_equal condition on qcs:ip that covers the
// statement's resources and write actions. Comparing statements with denies
// is capped at [MaxDenyWork]; past it a statement counts as uncovered, and
// its violation says the denies were not all weighed.
func (ck *checker) ipConditions(cls Classification, docs []NamedDocument, req TierRequirements) {
	if req.IPCondition == Off {
		return
	}
	denies := ipDenies(docs)
	denyRes, denyActs := 0, 0
	for _, d := range denies {
		denyRes += len(d.resources)
		denyActs += len(d.actions)
	}
	budget := MaxDenyWork
	var res []parsedResource // the statement's resources, parsed
	type at struct{ doc, stmt int }
	seen := map[at]bool{}
	for i, r := range cls.Reasons {
		key := at{r.Document, r.Statement}
		if seen[key] || r.Document < 0 || r.Document >= len(docs) || docs[r.Document].Document == nil ||
			r.Statement < 0 || r.Statement >= len(docs[r.Document].Document.Statement) {
			continue
		}
		seen[key] = true
		// The statement's reasons are consecutive: reasons come in
		// document, statement and action order.
		j := i + 1
		for j < len(cls.Reasons) && cls.Reasons[j].Document == r.Document && cls.Reasons[j].Statement == r.Statement {
			j++
		}
		st := &docs[r.Document].Document.Statement[r.Statement]
		if hasIPEqual(st.Condition) {
			continue
		}
		unweighed := false
		if len(denies) > 0 {
			cost := denyRes*max(len(st.Resource), 1) + denyActs*(j-i)
			if cost <= budget {
				budget -= cost
				sres := starOnly
				if !isStarOnly(st.Resource) {
					res = parseResources(res[:0], st.Resource)
					sres = res
				}
				if ipDenyCovers(denies, sres, cls.Reasons[i:j]) {
					continue
				}
			} else {
				unweighed = true
			}
		}
		v := Violation{Rule: RuleIPCondition, Advisory: req.IPCondition == Recommended,
			Message: documentLabel(r.Policy, r.Document) + ": " + policy.StatementPath(r.Statement) + " grants writes (" + msgtext.Text(r.Action) +
				") from any address; add an ip_equal condition on qcs:ip with the office or CI ranges"}
		if unweighed {
			v.Message += " (not every ip_not_equal deny was weighed: too many statements)"
		}
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

// ipDeny is a deny statement whose only condition is ip_not_equal on qcs:ip.
type ipDeny struct {
	resources []policy.Resource // those that parse
	actions   []string          // without the "name/" prefix
}

// ipDenies collects the documents' ip_not_equal deny statements.
func ipDenies(docs []NamedDocument) []ipDeny {
	var out []ipDeny
	for _, nd := range docs {
		if nd.Document == nil {
			continue
		}
		for _, d := range nd.Document.Statement {
			if d.Effect != policy.EffectDeny || d.Principal != nil || !onlyIPNotEqual(d.Condition) {
				continue
			}
			actions := make([]string, len(d.Action))
			for i, a := range d.Action {
				actions[i] = trimName(a)
			}
			out = append(out, ipDeny{resources: denyResources(d.Resource), actions: actions})
		}
	}
	return out
}

// ipDenyCovers reports whether one deny covers the statement's resources
// res and every write action of its reasons.
func ipDenyCovers(denies []ipDeny, res []parsedResource, reasons []Reason) bool {
	for _, d := range denies {
		covered := true
		for k := range res {
			if !resourceCovered(d.resources, &res[k]) {
				covered = false
				break
			}
		}
		for k := 0; covered && k < len(reasons); k++ {
			covered = actionCovered(d.actions, reasons[k].Action)
		}
		if covered {
			return true
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
