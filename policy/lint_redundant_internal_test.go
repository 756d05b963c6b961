package policy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refRedundant is the pair-by-pair statement.redundant rule the indexed one
// replaced, kept as the reference it must agree with: for each judgeable
// statement j, the first statement i (in document order) that covers it,
// skipping an equivalent i after j; -1 when none does.
func refRedundant(stmts []lintStatement) []int {
	out := make([]int, len(stmts))
	for j := range stmts {
		out[j] = -1
		b := &stmts[j]
		for i := range stmts {
			a := &stmts[i]
			if i == j || !refCovers(a, b) {
				continue
			}
			if refCovers(b, a) && j < i {
				continue
			}
			out[j] = i
			break
		}
	}
	return out
}

func refCovers(a, b *lintStatement) bool {
	if !lintJudgeable(a) || !lintJudgeable(b) || a.Effect != b.Effect {
		return false
	}
	fold := a.Effect == EffectAllow
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
	return refPrincipalCovers(a.Principal, b.Principal) && refConditionImplied(a.Condition, b.Condition)
}

// refPrincipalCovers reports whether principal a admits everyone b admits.
// An account's root admits every identity of that account (docs/semantics.md §5.8).
func refPrincipalCovers(a, b *Principal) bool {
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

// refConditionImplied reports whether every request that satisfies condition
// b also satisfies condition a.
func refConditionImplied(a, b Condition) bool {
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
				if !refValuesSubset(av, bv) || !refValuesSubset(bv, av) {
					return false
				}
			case op.Op.Negated():
				if !refValuesSubset(av, bv) {
					return false
				}
			default:
				if !refValuesSubset(bv, av) {
					return false
				}
			}
		}
	}
	return true
}

// refValuesSubset reports whether every value of sub appears in super.
func refValuesSubset(sub, super []Value) bool {
	for _, v := range sub {
		if !slices.Contains(super, v) {
			return false
		}
	}
	return true
}

// gotRedundant runs the indexed rule and reads back, per statement, the
// index of the statement its finding names (-1 for none).
func gotRedundant(t *testing.T, d *Document) []int {
	t.Helper()
	l := &linter{doc: d}
	l.prepare()
	l.statementRedundant()
	out := make([]int, len(d.Statement))
	for j := range out {
		out[j] = -1
	}
	for _, f := range l.findings {
		j, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(f.Path, "statement["), "]"))
		if err != nil {
			t.Fatalf("finding at %q: %v", f.Path, err)
		}
		rest := strings.TrimPrefix(f.Message, "adds nothing: statement[")
		i, err := strconv.Atoi(rest[:strings.IndexByte(rest, ']')])
		if err != nil {
			t.Fatalf("finding %q: %v", f.Message, err)
		}
		out[j] = i
	}
	return out
}

var (
	redActions = []string{"*", "*:*", "*:Describe*", "cvm:*", "CVM:*", "cvm:Describe*", "cvm:DescribeInstances",
		"cvm:describeinstances", "cvm:RunInstances", "cos:GetObject", "cos:*Object", "cos:Get*", "permid/1", "permid/2",
		"name/cvm:RunInstances", "cvm:*Instances", "bad action"}
	redResources = []string{"*", "qcs::cvm::uin/1:instance/*", "qcs::cvm::uin/1:instance/ins-1", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1",
		"qcs:::::*", "qcs::cvm:ap-*:uin/1:*", "qcs::cos::uid/1:b-1/*", "qcs::cos::uid/1:b-1/logs/*", "qcs::cvm::uin/1:instance/ins-*", "nope"}
	redPrincipals = []*Principal{nil, nil, {Any: true}, {QCS: []string{"qcs::cam::uin/1:root"}}, {QCS: []string{"qcs::cam::uin/1:uin/2"}},
		{QCS: []string{"qcs::cam::uin/1:uin/2", "qcs::cam::uin/3:root"}}, {Service: []string{"cvm.qcloud.com"}}, {Federated: []string{"qcs::cam::uin/1:saml-provider/x"}}}
	redConds = []Condition{nil, nil,
		{"ip_equal": {"qcs:ip": Strings("10.0.0.0/8")}},
		{"ip_equal": {"qcs:ip": Strings("10.0.0.0/8", "192.0.2.0/24")}},
		{"ip_not_equal": {"qcs:ip": Strings("10.0.0.0/8")}},
		{"ip_not_equal": {"qcs:ip": Strings("10.0.0.0/8", "192.0.2.0/24")}},
		{"null_equal": {"qcs:mfa": Strings("false")}},
		{"bogus_op": {"k": Strings("v")}},
	}
)

// randomStatements builds a document from the vocabularies above; with long
// set, some lists are long enough for the hash-set paths.
func randomStatements(rng *rand.Rand, long bool) *Document {
	pick := func(vocab []string, max int) []string {
		n := rng.IntN(max + 1)
		if n == 0 && rng.IntN(2) == 0 {
			return nil
		}
		out := make([]string, n)
		for k := range out {
			out[k] = vocab[rng.IntN(len(vocab))]
		}
		return out
	}
	d := &Document{Version: Version}
	for range rng.IntN(10) {
		maxList := 3
		if long && rng.IntN(3) == 0 {
			maxList = 20
		}
		st := Statement{Effect: []Effect{EffectAllow, EffectAllow, EffectDeny, "Allow"}[rng.IntN(4)],
			Action: pick(redActions, maxList), Resource: pick(redResources, maxList),
			Principal: redPrincipals[rng.IntN(len(redPrincipals))], Condition: redConds[rng.IntN(len(redConds))]}
		d.Statement = append(d.Statement, st)
		if rng.IntN(4) == 0 { // a copy, maybe reordered, to make equivalents likely
			c := st
			c.Action = slices.Clone(st.Action)
			slices.Reverse(c.Action)
			d.Statement = append(d.Statement, c)
		}
	}
	return d
}

func TestStatementRedundantMatchesPairwise(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	for n := range 10000 {
		d := randomStatements(rng, n%2 == 0)
		l := &linter{doc: d}
		l.prepare()
		want := refRedundant(l.stmts)
		if got := gotRedundant(t, d); !slices.Equal(got, want) {
			t.Fatalf("document %d: %s\ngot covering statements  %v\nwant (pairwise reference) %v", n, d.Canonical(), got, want)
		}
	}
}

// TestStatementRedundantStopsEarly is the regression test for the cap: a
// document built so that every statement might cover every other (each
// allows "cvm:*", on its own instance) needs more comparisons than the budget,
// and the rule says at which statement it stopped instead of running on.
func TestStatementRedundantStopsEarly(t *testing.T) {
	t.Parallel()
	d := &Document{Version: Version}
	for i := range 2500 {
		d.Statement = append(d.Statement, Statement{Effect: EffectAllow, Action: []string{"cvm:*"},
			Resource: []string{fmt.Sprintf("qcs::cvm::uin/1:instance/ins-%d", i)}})
	}
	d.Statement = append(d.Statement, d.Statement[0]) // redundant, but after the stop
	l := &linter{doc: d}
	l.prepare()
	l.statementRedundant()
	if len(l.findings) != 1 {
		t.Fatalf("findings = %v, want one saying the rule stopped", l.findings)
	}
	f := l.findings[0]
	if f.Rule != RuleStatementRedundant || f.Path != "" ||
		!strings.HasPrefix(f.Message, "stopped early after "+groupThousands(lintPairBudget)+" comparisons: statements from statement[") ||
		!strings.Contains(f.Message, "were not checked for redundancy") {
		t.Errorf("finding = %v", f)
	}
}

// TestStatementRedundantNoCandidates checks statements nothing could cover
// are settled without comparing them with anything: 20,000 distinct literal
// actions take no comparison from the budget.
func TestStatementRedundantNoCandidates(t *testing.T) {
	t.Parallel()
	d := &Document{Version: Version, Statement: make([]Statement, 20000)}
	for i := range d.Statement {
		d.Statement[i] = Statement{Effect: EffectAllow, Action: []string{"cvm:DescribeInstances", "cvm:Api" + strconv.Itoa(i)}, Resource: []string{"*"}}
	}
	l := &linter{doc: d}
	l.prepare()
	r := newLintRedundancy(l.stmts)
	for j := range l.stmts {
		r.candidates(j, func(i int) bool {
			if i != j {
				t.Fatalf("statement %d is a candidate for %d", i, j)
			}
			return true
		})
	}
}
