package testutil

import (
	"strings"

	"github.com/camkit/camkit/policy"
)

// missing returns the condition keys whose absence from req may be why it
// was decided as d: keys that statements applying to req by action, resource
// and principal read and req does not supply, for the statements that could
// change the outcome were the keys supplied. For an allow those are the deny
// statements and the deciding allow statements; for an explicit deny the
// deciding deny statements; for an implicit deny the allow statements of the
// identity policies and the boundary. It allocates only when it finds some,
// and does nothing when the request supplies every key the subject's
// statements read.
func (c *compiled) missing(req policy.Request, d policy.Decision) []MissingKey {
	if c.allSupplied(req.Context) {
		return nil
	}
	var out []MissingKey
	outcome := d.Outcome()
	if outcome != policy.OutcomeImplicitDeny {
		// The deciding statements matched with their conditions; a key they
		// read that is absent was assumed (_if_exist, a negated operator).
		for i := 0; i < d.NumStatements(); i++ {
			ref := d.Statement(i)
			if s, k := c.find(ref); s != nil {
				out = appendMissing(out, req.Context, s.info.stmts[k].keys, ref)
			}
		}
	}
	if outcome == policy.OutcomeExplicitDeny {
		return out
	}
	wantDeny := outcome == policy.OutcomeAllow
	for i := range c.docs {
		s := &c.docs[i]
		if !s.info.conditional {
			continue
		}
		for _, k := range s.info.applying(req, wantDeny) {
			st := &s.info.stmts[k]
			ref := policy.StatementRef{Boundary: s.boundary, Document: s.pos, Name: s.name, Statement: k, Effect: st.effect}
			out = appendMissing(out, req.Context, st.keys, ref)
		}
	}
	return out
}

// allSupplied reports whether ctx supplies every key the subject reads.
func (c *compiled) allSupplied(ctx map[string][]string) bool {
	for _, k := range c.keys {
		if !supplied(ctx, k) {
			return false
		}
	}
	return true
}

// supplied reports whether the evaluator has a value for key: the request
// gives it, gives the multi-valued tag key it refines, or the evaluator
// derives it from the action (qcs:read_only_action).
func supplied(ctx map[string][]string, key string) bool {
	return len(ctx[key]) > 0 || key == policy.KeyReadOnlyAction || suppliedTagKey(ctx, key)
}

func appendMissing(out []MissingKey, ctx map[string][]string, keys []string, ref policy.StatementRef) []MissingKey {
	for _, k := range keys {
		if supplied(ctx, k) {
			continue
		}
		dup := false
		for _, m := range out {
			if m.Key == k && m.Statement == ref {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, MissingKey{Key: k, Statement: ref})
		}
	}
	return out
}

// suppliedTagKey reports whether a per-tag key ("qcs:resource_tag/env") is
// answered by the multi-valued key it refines, as the evaluator reads it.
func suppliedTagKey(ctx map[string][]string, key string) bool {
	for _, base := range [...]string{policy.KeyResourceTag, policy.KeyRequestTag} {
		if tag, ok := strings.CutPrefix(key, base+"/"); ok {
			for _, v := range ctx[base] {
				if strings.HasPrefix(v, tag+"&") {
					return true
				}
			}
		}
	}
	return false
}
