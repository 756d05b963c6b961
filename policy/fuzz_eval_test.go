package policy_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/camkit/camkit/policy"
)

// fuzzReader hands out choices from fuzz bytes; it yields zeros when the
// bytes run out, so every input is a valid program.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) pick(n int) int {
	if len(r.b) == 0 || n <= 1 {
		return 0
	}
	c := int(r.b[0])
	r.b = r.b[1:]
	return c % n
}

func (r *fuzzReader) str(max int) string {
	n := r.pick(max + 1)
	if n > len(r.b) {
		n = len(r.b)
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

var (
	fuzzActions = []string{"*", "*:*", "cvm:*", "cvm:Describe*", "cvm:RunInstances", "cvm:runinstances",
		"cos:*Object", "cos:GetObject", "*:Describe*", "permid/1", "name/cos:PutObject", "CVM:RunInstances"}
	fuzzResources = []string{"*", "qcs::cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm::uin/1:instance/ins-1",
		"qcs::cos:ap-*:uid/1:b-1/*", "qcs::cam::uin/1:uin/${uin}", "qcs::cvm:ap-guangzhou::*", "qcs::cos::uid/1:b-1/logs/*"}
	fuzzConds = []policy.Condition{
		{"ip_equal": {"qcs:ip": policy.Strings("10.0.0.0/8")}},
		{"ip_not_equal": {"qcs:ip": policy.Strings("10.0.0.0/8", "2001:db8::/32")}},
		{"string_equal": {"cvm:region": policy.Strings("ap-guangzhou", "${uin}")}},
		{"string_not_like_if_exist": {"cos:prefix": policy.Strings("secret/*")}},
		{"for_all_value:string_equal": {"qcs:resource_tag": policy.Strings("env&prod", "team&ops")}},
		{"for_any_value:string_not_equal": {"qcs:resource_tag/env": policy.Strings("prod")}},
		{"date_less_than": {"qcs:current_time": policy.Strings("2026-01-01T00:00:00Z")}},
		{"numeric_greater_than_equal": {"cos:tls-version": policy.Strings("1.2")}},
		{"bool_equal": {"cos:secure-transport": policy.Strings("true")}},
		{"null_equal": {"qcs:mfa": policy.Strings("false")}},
		{"binary_equal": {"k": policy.Strings("QUJD")}},
		{"string_equal_ignore_case": {"cvm:region": policy.Strings("AP-GUANGZHOU")}},
	}
	fuzzPrincipals = []*policy.Principal{nil, nil, nil, {Any: true}, {QCS: []string{"qcs::cam::uin/1:root"}},
		{QCS: []string{"qcs::cam::uin/1:uin/2"}}, {Service: []string{"cvm.qcloud.com"}}}
	fuzzReqActions   = []string{"cvm:RunInstances", "cvm:runinstances", "cvm:DescribeInstances", "cos:GetObject", "cos:PutObject", "name/cos:GetObject", "cam:GetUser", "bogus"}
	fuzzReqResources = []string{"*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", "qcs::cos:ap-shanghai:uid/1:b-1/logs/a:b", "qcs::cam::uin/1:uin/2", "qcs::cvm"}
	fuzzCtxKeys      = []string{"qcs:ip", "cvm:region", "cos:prefix", "qcs:resource_tag", "qcs:current_time", "cos:tls-version", "cos:secure-transport", "qcs:mfa", "k", "qcs:uin"}
	fuzzCtxVals      = []string{"10.1.2.3", "192.0.2.1", "2001:db8::1", "ap-guangzhou", "AP-Guangzhou", "secret/x", "env&prod", "team&ops", "2025-06-01T00:00:00Z", "1.3", "TRUE", "qujd", "QUJD", "2", "not-valid"}
	fuzzWho          = []string{"", "qcs::cam::uin/1:root", "qcs::cam::uin/1:uin/2", "qcs::cam::uin/9:uin/2", "cvm.qcloud.com"}
)

func (r *fuzzReader) statement() policy.Statement {
	s := policy.Statement{Effect: policy.EffectAllow}
	if r.pick(3) == 0 {
		s.Effect = policy.EffectDeny
	}
	for range 1 + r.pick(2) {
		s.Action = append(s.Action, fuzzActions[r.pick(len(fuzzActions))])
	}
	s.Principal = fuzzPrincipals[r.pick(len(fuzzPrincipals))]
	if s.Principal == nil || r.pick(2) == 0 {
		for range 1 + r.pick(2) {
			s.Resource = append(s.Resource, fuzzResources[r.pick(len(fuzzResources))])
		}
	}
	for range r.pick(3) {
		c := fuzzConds[r.pick(len(fuzzConds))]
		if s.Condition == nil {
			s.Condition = policy.Condition{}
		}
		for op, keys := range c {
			s.Condition[op] = keys
		}
	}
	return s
}

func (r *fuzzReader) docs() []*policy.Document {
	var docs []*policy.Document
	for range 1 + r.pick(3) {
		d := &policy.Document{Version: policy.Version}
		for range r.pick(5) {
			d.Statement = append(d.Statement, r.statement())
		}
		docs = append(docs, d)
	}
	return docs
}

func (r *fuzzReader) request() policy.Request {
	q := policy.Request{
		Action:    fuzzReqActions[r.pick(len(fuzzReqActions))],
		Resource:  fuzzReqResources[r.pick(len(fuzzReqResources))],
		Principal: fuzzWho[r.pick(len(fuzzWho))],
		Context:   map[string][]string{},
	}
	for range r.pick(5) {
		k := fuzzCtxKeys[r.pick(len(fuzzCtxKeys))]
		q.Context[k] = append(q.Context[k], fuzzCtxVals[r.pick(len(fuzzCtxVals))])
	}
	if r.pick(8) == 0 {
		q.Action, q.Resource = r.str(12), r.str(24)
	}
	return q
}

func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 1, 1, 4, 0, 1, 0, 0, 1, 2, 0, 1, 1, 0, 3, 0, 1})
	f.Add([]byte("\x03\x04\x01\x02\x05\x06\x00\x01\x02\x03\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"))
	f.Add([]byte("a deny never grants; removing an allow never grants; order never matters"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{b: data}
		docs := r.docs()
		q := r.request()
		e, err := policy.Compile(docs...)
		if err != nil {
			t.Fatalf("generated documents do not compile: %v", err)
		}
		d := e.Evaluate(q)
		_ = d.String()
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if d.Allowed() != (d.Outcome() == policy.OutcomeAllow) {
			t.Fatalf("Allowed disagrees with Outcome: %v", d)
		}

		// Adding a deny statement never grants.
		extra := r.statement()
		extra.Effect = policy.EffectDeny
		withDeny := append(cloneDocs(docs), &policy.Document{Version: policy.Version, Statement: []policy.Statement{extra}})
		if d2 := mustCompile(t, withDeny...).Evaluate(q); d2.Allowed() && !d.Allowed() {
			t.Fatalf("adding a deny granted:\nbefore %v\nafter %v", d, d2)
		}

		// Removing an allow statement never grants.
		if k, j, ok := someAllow(docs, r.pick(256)); ok {
			fewer := cloneDocs(docs)
			fewer[k].Statement = append(fewer[k].Statement[:j:j], fewer[k].Statement[j+1:]...)
			if d3 := mustCompile(t, fewer...).Evaluate(q); d3.Allowed() && !d.Allowed() {
				t.Fatalf("removing an allow granted:\nbefore %v\nafter %v", d, d3)
			}
		}

		// A boundary never grants.
		bnd := []*policy.Document{{Version: policy.Version, Statement: []policy.Statement{r.statement(), r.statement()}}}
		eb, err := e.WithBoundary(bnd...)
		if err != nil {
			t.Fatal(err)
		}
		if db := eb.Evaluate(q); db.Allowed() && !d.Allowed() {
			t.Fatalf("a boundary granted:\nwithout %v\nwith %v", d, db)
		}

		// Shuffling statements and documents never changes the outcome.
		shuffled := cloneDocs(docs)
		for i := len(shuffled) - 1; i > 0; i-- {
			j := r.pick(i + 1)
			shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
		}
		for _, sd := range shuffled {
			for i := len(sd.Statement) - 1; i > 0; i-- {
				j := r.pick(i + 1)
				sd.Statement[i], sd.Statement[j] = sd.Statement[j], sd.Statement[i]
			}
		}
		d4 := mustCompile(t, shuffled...).Evaluate(q)
		if d4.Outcome() != d.Outcome() || d4.NumStatements() != d.NumStatements() || d4.NumAssumptions() != d.NumAssumptions() {
			t.Fatalf("shuffling changed the decision:\nbefore %v\nafter %v", d, d4)
		}
		if !d.AssumptionsTruncated() && !slices.Equal(assumptionKinds(d), assumptionKinds(d4)) {
			t.Fatalf("shuffling changed the assumptions:\nbefore %v\nafter %v", d, d4)
		}
	})
}

func cloneDocs(docs []*policy.Document) []*policy.Document {
	out := make([]*policy.Document, len(docs))
	for i, d := range docs {
		out[i] = d.Clone()
	}
	return out
}

// someAllow returns the position of the n-th allow statement (wrapping).
func someAllow(docs []*policy.Document, n int) (doc, stmt int, ok bool) {
	type pos struct{ d, s int }
	var all []pos
	for i, d := range docs {
		for j, s := range d.Statement {
			if s.Effect == policy.EffectAllow {
				all = append(all, pos{i, j})
			}
		}
	}
	if len(all) == 0 {
		return 0, 0, false
	}
	p := all[n%len(all)]
	return p.d, p.s, true
}

// assumptionKinds returns the sorted kinds of d's assumptions.
func assumptionKinds(d policy.Decision) []policy.AssumptionKind {
	var out []policy.AssumptionKind
	for _, a := range d.Assumptions() {
		out = append(out, a.Kind)
	}
	slices.Sort(out)
	return out
}
