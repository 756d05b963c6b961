package policy

import (
	"strconv"
	"strings"
)

// NearMiss is an allow statement that would have applied to an implicitly
// denied request but for one element: its action matched, its resource,
// principal or a condition did not.
type NearMiss struct {
	// Statement is the allow statement that nearly applied.
	Statement StatementRef `json:"statement"`
	// Element is "principal", "resource" or "condition".
	Element string `json:"element"`
	// Reason says what did not match, e.g. `region "ap-shanghai" does not
	// match "ap-guangzhou"`.
	Reason string `json:"reason"`
}

// String formats the near miss as `policy "ro" statement[1] (resource did
// not match: ...)`.
func (m NearMiss) String() string {
	return m.Statement.String() + " (" + m.Element + " did not match: " + m.Reason + ")"
}

// NearMisses returns, for an implicit deny, the allow statements whose action
// matched the request but whose principal, resource or a condition did not,
// each with the first element that failed, in statement order. For a
// boundary-caused implicit deny they are the boundary's statements. Other
// outcomes have none. NearMisses re-examines the statements, so unlike
// Evaluate it allocates.
func (d Decision) NearMisses() []NearMiss {
	if d.outcome != OutcomeImplicitDeny || d.ev == nil || d.ev.identity == nil {
		return nil
	}
	set, which := d.ev.identity, setIdentity
	if d.boundaryDenied {
		set, which = d.ev.boundary, setBoundary
	}
	st := evalState{r: &d.req, pend: new(pending)}
	st.p.splitAction(d.req.Action)
	if !st.p.actionOK {
		return nil
	}
	var out []NearMiss
	for _, i := range set.index.lookup(&st.p) {
		s := &set.stmts[i]
		if s.deny {
			continue
		}
		st.n, st.nnotes = 0, 0
		if s.matchAction(&st) == lvNone {
			continue
		}
		elem, reason := s.explainMiss(&st)
		if elem == "" {
			continue
		}
		out = append(out, NearMiss{Statement: d.ev.resolve(stmtRef{set: which, idx: i}), Element: elem, Reason: reason})
	}
	return out
}

// explainMiss names the first element of s (after the action) that does not
// match, or "" when s matches.
func (s *cStatement) explainMiss(st *evalState) (element, reason string) {
	if s.principal != nil && !matchPrincipal(s.principal, st.r.Principal) {
		if st.r.Principal == "" {
			return "principal", "the request names no principal"
		}
		return "principal", quote(st.r.Principal) + " is not listed"
	}
	if s.matchResource(st) == lvNone {
		return "resource", s.explainResource(st)
	}
	for k := range s.conds {
		c := &s.conds[k]
		if c.match(st) == lvNone {
			return "condition", c.explain(st)
		}
	}
	return "", ""
}

func (s *cStatement) explainResource(st *evalState) string {
	if !st.p.resDone {
		st.p.splitResource(st.r.Resource)
	}
	if !st.p.resOK {
		if st.r.Resource == "*" {
			return `the request's resource "*" matches only the policy resource "*"`
		}
		return quote(st.r.Resource) + " is not a six-segment qcs resource name"
	}
	best, bestSeg := -1, -1
	for k := range s.resources {
		if seg := s.resources[k].firstMismatch(st); seg > bestSeg {
			best, bestSeg = k, seg
		}
	}
	if best < 0 || bestSeg < 0 || bestSeg >= len(segmentNames) {
		return quote(st.r.Resource) + " matches no resource of the statement"
	}
	r := &s.resources[best]
	msg := segmentNames[bestSeg] + " " + quote(st.p.segment(st.r.Resource, bestSeg)) + " does not match " + quote(r.seg[bestSeg].raw)
	if len(s.resources) > 1 {
		msg = "closest is resource[" + strconv.Itoa(best) + "]: " + msg
	}
	return msg
}

func (c *cCond) explain(st *evalState) string {
	head := c.opName + "[" + quote(c.key) + "]: "
	vals, present := c.contextFor(st)
	if c.op.Op == OpNullEqual {
		if present {
			return head + "key is present"
		}
		return head + "key is absent"
	}
	if !present {
		return head + "key is absent from the request" + tagFormHint(st.r.Context, c.key)
	}
	var ctx []string
	for i := range vals.vals {
		if v, ok := vals.at(i); ok {
			ctx = append(ctx, v)
		}
	}
	pol := make([]string, len(c.vals))
	for i, v := range c.vals {
		pol[i] = v.text
	}
	return head + "context " + quoteList(ctx) + " does not satisfy " + quoteList(pol)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
