package testutil

import (
	"slices"
	"strings"
	"sync"

	"github.com/camkit/camkit/policy"
)

// docCache shares the analysis of each document among a harness's subjects
// (in a snapshot, many users and roles hold the same policies).
type docCache struct {
	mu sync.Mutex
	m  map[*policy.Document]*docInfo
}

func (dc *docCache) get(doc *policy.Document) *docInfo {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	if in, ok := dc.m[doc]; ok {
		return in
	}
	in := newDocInfo(doc)
	if dc.m == nil {
		dc.m = map[*policy.Document]*docInfo{}
	}
	dc.m[doc] = in
	return in
}

// docInfo is what the harness knows about one document: the condition keys
// each statement reads, and (built on first use) evaluators that tell which
// statements apply to a request by action, resource and principal alone.
type docInfo struct {
	doc         *policy.Document
	stmts       []stmtMeta
	keys        []string // every key a statement reads
	conditional bool     // some statement reads a key
	// services are the service parts of the conditional statements' actions
	// ("*" for any): a request for another service needs no bare evaluator.
	services []string

	bareOnce            sync.Once
	bareAllow, bareDeny *policy.Evaluator // conditional statements without conditions, one document each
	allowIdx, denyIdx   []int             // statement index of each bare document
	bareSingleOnce      sync.Once
	bareSingle          []*policy.Evaluator // each of them alone, for truncated decisions

	singleOnce sync.Once
	single     []*policy.Evaluator // each statement alone, for truncated decisions
}

type stmtMeta struct {
	effect policy.Effect
	// keys are the condition keys the statement reads and the context keys
	// of the policy variables it uses.
	keys []string
}

// variableKeys maps the policy variables to the context keys the evaluator
// reads them from (docs/semantics.md §3).
var variableKeys = [...][2]string{
	{"${uin}", policy.KeyUIN},
	{"${owner_uin}", policy.KeyOwnerUIN},
	{"${app_id}", policy.KeyAppID},
}

func newDocInfo(doc *policy.Document) *docInfo {
	in := &docInfo{doc: doc, stmts: make([]stmtMeta, len(doc.Statement))}
	for i, st := range doc.Statement {
		eff := policy.EffectAllow
		if strings.EqualFold(string(st.Effect), string(policy.EffectDeny)) {
			eff = policy.EffectDeny
		}
		keys := statementKeys(st)
		in.stmts[i] = stmtMeta{effect: eff, keys: keys}
		for _, k := range keys {
			in.keys = appendUnique(in.keys, k)
		}
		if len(keys) > 0 {
			in.conditional = true
			for _, a := range st.Action {
				in.services = appendUnique(in.services, actionService(a))
			}
		}
	}
	return in
}

// actionService returns the service part of an action pattern, lowercased;
// "*" for "*", a pattern service and a permid action (which the harness does
// not try to match).
func actionService(a string) string {
	a = strings.TrimPrefix(a, "name/")
	svc, _, ok := strings.Cut(a, ":")
	if !ok || strings.Contains(svc, "*") {
		return "*"
	}
	return strings.ToLower(svc)
}

// mayApply reports whether a conditional statement could apply to a request
// for the service svc.
func (in *docInfo) mayApply(svc string) bool {
	for _, s := range in.services {
		if s == "*" || strings.EqualFold(s, svc) {
			return true
		}
	}
	return false
}

// statementKeys lists the condition keys st reads and the context keys of the
// policy variables in its resources and condition values.
func statementKeys(st policy.Statement) []string {
	var keys []string
	scanVars := func(s string) {
		if !strings.Contains(s, "${") {
			return
		}
		for _, v := range variableKeys {
			if strings.Contains(s, v[0]) {
				keys = appendUnique(keys, v[1])
			}
		}
	}
	for _, r := range st.Resource {
		scanVars(r)
	}
	for _, byKey := range st.Condition {
		for k, vals := range byKey {
			keys = appendUnique(keys, k)
			for _, v := range vals {
				scanVars(v.Text)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// bare returns st as an allow statement without conditions: it applies to a
// request exactly when st's action, resource and principal do.
func bare(st policy.Statement) *policy.Document {
	st.Effect, st.Condition = policy.EffectAllow, nil
	return &policy.Document{Version: policy.Version, Statement: []policy.Statement{st}}
}

func (in *docInfo) buildBare() {
	var allow, deny []*policy.Document
	for i, m := range in.stmts {
		if len(m.keys) == 0 {
			continue
		}
		if m.effect == policy.EffectDeny {
			deny, in.denyIdx = append(deny, bare(in.doc.Statement[i])), append(in.denyIdx, i)
		} else {
			allow, in.allowIdx = append(allow, bare(in.doc.Statement[i])), append(in.allowIdx, i)
		}
	}
	in.bareAllow, in.allowIdx = compileBare(allow, in.allowIdx)
	in.bareDeny, in.denyIdx = compileBare(deny, in.denyIdx)
}

// compileBare compiles the bare documents, leaving out any that does not
// compile (the subject's own evaluator reports it).
func compileBare(docs []*policy.Document, idx []int) (*policy.Evaluator, []int) {
	if len(docs) == 0 {
		return nil, nil
	}
	if ev, err := policy.Compile(docs...); err == nil {
		return ev, idx
	}
	var okDocs []*policy.Document
	var okIdx []int
	for k, d := range docs {
		if _, err := policy.Compile(d); err == nil {
			okDocs, okIdx = append(okDocs, d), append(okIdx, idx[k])
		}
	}
	if len(okDocs) == 0 {
		return nil, nil
	}
	ev, _ := policy.Compile(okDocs...)
	return ev, okIdx
}

// applying returns the conditional statements of the given effect that apply
// to req by action, resource and principal. It allocates only when some do.
func (in *docInfo) applying(req policy.Request, deny bool) []int {
	svc, _, _ := strings.Cut(strings.TrimPrefix(req.Action, "name/"), ":")
	if !in.mayApply(svc) {
		return nil
	}
	in.bareOnce.Do(in.buildBare)
	ev, idx := in.bareAllow, in.allowIdx
	if deny {
		ev, idx = in.bareDeny, in.denyIdx
	}
	if ev == nil {
		return nil
	}
	d := ev.Evaluate(req)
	if !d.Allowed() {
		return nil
	}
	var out []int
	if !d.StatementsTruncated() {
		for j := 0; j < d.NumStatements(); j++ {
			if p := d.Statement(j).Document; p < len(idx) {
				out = append(out, idx[p])
			}
		}
		return out
	}
	in.bareSingleOnce.Do(func() {
		in.bareSingle = make([]*policy.Evaluator, len(in.stmts))
		for _, i := range append(append([]int(nil), in.allowIdx...), in.denyIdx...) {
			in.bareSingle[i], _ = policy.Compile(bare(in.doc.Statement[i]))
		}
	})
	for _, i := range idx {
		if in.bareSingle[i].Evaluate(req).Allowed() {
			out = append(out, i)
		}
	}
	return out
}

// singles returns an evaluator of each statement alone (nil where the
// statement does not compile), built on first use.
func (in *docInfo) singles() []*policy.Evaluator {
	in.singleOnce.Do(func() {
		in.single = make([]*policy.Evaluator, len(in.stmts))
		for i := range in.stmts {
			st := in.doc.Statement[i]
			in.single[i], _ = policy.Compile(&policy.Document{Version: policy.Version, Statement: []policy.Statement{st}})
		}
	})
	return in.single
}
