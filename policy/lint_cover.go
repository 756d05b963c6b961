package policy

import (
	"slices"
	"strings"
)

// Coverage of one statement's lists by another's, for statementRedundant.
// Short lists are compared pair by pair; when the pairs would number more
// than lintSmallPairs, the covering statement's actions and resources are put
// in hash sets once (lintCoverSet) and principal entries and condition values
// into sets for the comparison. Every comparison is taken from the budget.

// lintSmallPairs is the most pairs compared one by one.
const lintSmallPairs = 64

// lintCoverSet holds a statement's actions and resources arranged for
// look-up: an action or resource b can only be covered by the entries this
// set lists for it.
type lintCoverSet struct {
	allActions bool                    // an action "*"
	literal    map[string]struct{}     // actions without wildcard by body (lowercased for allow), permid by "permid/<id>"
	anySvc     []lintAction            // actions of service "*"
	wildSvc    map[string][]lintAction // wildcard actions by service (lowercased for allow)
	byPath     map[string][]Resource   // resources whose sixth segment has no '*', by it
	wildPath   []Resource              // resources whose sixth segment has a '*'
}

// set returns statement i's cover set, building it on first use.
func (r *lintRedundancy) set(i int) *lintCoverSet {
	if s := r.sets[i]; s != nil {
		return s
	}
	a := &r.stmts[i]
	s := &lintCoverSet{literal: make(map[string]struct{}), wildSvc: make(map[string][]lintAction), byPath: make(map[string][]Resource)}
	for k, key := range r.keys[i] {
		switch key.kind {
		case lintAll:
			s.allActions = true
		case lintAnySvc:
			s.anySvc = append(s.anySvc, a.actions[k])
		case lintWildSvc:
			s.wildSvc[key.svc] = append(s.wildSvc[key.svc], a.actions[k])
		case lintLiteral:
			s.literal[key.key] = struct{}{}
		}
	}
	for _, res := range a.resources {
		if strings.IndexByte(res.Path, '*') >= 0 {
			s.wildPath = append(s.wildPath, res)
		} else {
			s.byPath[res.Path] = append(s.byPath[res.Path], res)
		}
	}
	r.sets[i] = s
	return s
}

// actionsCovered reports whether statement i has, for every action of
// statement j, an action that subsumes it.
func (r *lintRedundancy) actionsCovered(i, j int, fold bool) bool {
	a, b := &r.stmts[i], &r.stmts[j]
	anyOf := func(list []lintAction, bb lintAction) bool {
		return r.spend(len(list)) && slices.ContainsFunc(list, func(aa lintAction) bool {
			return r.spend(lintLongCost(aa.body, bb.body)) && lintActionSubsumes(aa, bb, fold)
		})
	}
	if len(a.actions)*len(b.actions) <= lintSmallPairs {
		for _, bb := range b.actions {
			if !anyOf(a.actions, bb) {
				return false
			}
		}
		return true
	}
	s := r.set(i)
	if s.allActions {
		return true
	}
	if !r.spend(len(b.actions)) {
		return false
	}
	for k, key := range r.keys[j] {
		bb := b.actions[k]
		switch key.kind {
		case lintAll:
			return false // only "*" covers "*"
		case lintLiteral:
			if _, ok := s.literal[key.key]; ok {
				continue
			}
			// A permid action (no service) is covered only by "*" or itself.
			if key.svc == "" || !(anyOf(s.anySvc, bb) || anyOf(s.wildSvc[key.svc], bb)) {
				return false
			}
		case lintWildSvc:
			if !anyOf(s.anySvc, bb) && !anyOf(s.wildSvc[key.svc], bb) {
				return false
			}
		case lintAnySvc:
			if !anyOf(s.anySvc, bb) {
				return false
			}
		}
	}
	return true
}

// resourcesCovered reports whether statement i has, for every resource of b,
// a resource that subsumes it.
func (r *lintRedundancy) resourcesCovered(i int, b *lintStatement) bool {
	a := &r.stmts[i]
	if a.anyRes || (len(a.Resource) == 0 && a.Principal != nil) {
		return true // "*", or a trust statement without resources: every resource
	}
	bRes := lintEffectiveResources(b)
	anyOf := func(list []Resource, br Resource) bool {
		return r.spend(len(list)) && slices.ContainsFunc(list, func(ar Resource) bool {
			return r.spend(lintLongCost(ar.Path, br.Path)) && lintResourceSubsumes(ar, br)
		})
	}
	if len(a.resources)*len(bRes) <= lintSmallPairs {
		for _, br := range bRes {
			if !anyOf(a.resources, br) {
				return false
			}
		}
		return true
	}
	s := r.set(i)
	if !r.spend(len(bRes)) {
		return false
	}
	for _, br := range bRes {
		switch {
		case br.All:
			return false // only "*" covers "*"
		case strings.IndexByte(br.Path, '*') < 0 && anyOf(s.byPath[br.Path], br):
		case !anyOf(s.wildPath, br):
			return false
		}
	}
	return true
}

// principalCovers reports whether principal a admits everyone b admits. An
// account's root admits every identity of that account (docs/semantics.md §5.8).
func (r *lintRedundancy) principalCovers(a, b *Principal) bool {
	switch {
	case a == nil || b == nil:
		return a == nil && b == nil
	case a.Any:
		return true
	case b.Any:
		return false
	}
	if !r.spend(len(a.QCS) + len(b.QCS) + len(a.Service) + len(b.Service) + len(a.Federated) + len(b.Federated)) {
		return false
	}
	qcs := lintStringSet(a.QCS, len(b.QCS))
	for _, q := range b.QCS {
		if qcs.has(q) {
			continue
		}
		arn, ok := parsePrincipalARN(q)
		if !ok || arn.Anyone || !qcs.has("qcs::cam::uin/"+arn.Owner+":root") {
			return false
		}
	}
	return lintStringSet(a.Service, len(b.Service)).hasAll(b.Service) &&
		lintStringSet(a.Federated, len(b.Federated)).hasAll(b.Federated)
}

// conditionImplied reports whether every request that satisfies condition b
// also satisfies condition a.
func (r *lintRedundancy) conditionImplied(a, b Condition) bool {
	for opName, keys := range a {
		op, err := ParseOperator(opName)
		if err != nil {
			return false
		}
		for key, av := range keys {
			bv, ok := b[opName][key]
			if !ok || len(av) == 0 || len(bv) == 0 || !r.spend(len(av)+len(bv)) {
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

// lintLongCost is the extra budget a comparison of globs a and b takes: one
// comparison for every 64 bytes, so that long globs (each compared in linear
// time, see globMatchString) use the budget by the bytes they make the rule
// read.
func lintLongCost(a, b string) int { return (len(a) + len(b)) / 64 }

// lintValuesSubset reports whether every value of sub appears in super.
func lintValuesSubset(sub, super []Value) bool {
	if len(sub)*len(super) <= lintSmallPairs {
		for _, v := range sub {
			if !slices.Contains(super, v) {
				return false
			}
		}
		return true
	}
	set := make(map[Value]struct{}, len(super))
	for _, v := range super {
		set[v] = struct{}{}
	}
	for _, v := range sub {
		if _, ok := set[v]; !ok {
			return false
		}
	}
	return true
}

// lintStrings is a list of strings to look values up in: the list itself
// when short, a set when long.
type lintStrings struct {
	list []string
	set  map[string]struct{}
}

// lintStringSet prepares list for lookups of n values.
func lintStringSet(list []string, n int) lintStrings {
	s := lintStrings{list: list}
	if len(list)*n > lintSmallPairs {
		s.set = make(map[string]struct{}, len(list))
		for _, v := range list {
			s.set[v] = struct{}{}
		}
	}
	return s
}

func (s lintStrings) has(v string) bool {
	if s.set != nil {
		_, ok := s.set[v]
		return ok
	}
	return slices.Contains(s.list, v)
}

func (s lintStrings) hasAll(vs []string) bool {
	for _, v := range vs {
		if !s.has(v) {
			return false
		}
	}
	return true
}
