package cam

import (
	"cmp"
	"slices"
	"sync"
)

// lazyIndex builds a snapshot's lookup index once, on first use.
type lazyIndex struct {
	once sync.Once
	ix   *snapshotIndex
}

// snapshotIndex maps keys to positions in the snapshot's slices.
type snapshotIndex struct {
	userByName   map[string]int
	userByUIN    map[uint64]int
	groupByID    map[uint64]int
	roleByName   map[string]int
	policyByID   map[uint64]int
	policyByName map[string]int
	evals        evalCache
	// roleARNs holds policy.RoleARN(owner, name) of each role, by position;
	// built on first use by roleARN.
	arnOnce  sync.Once
	roleARNs []string
	// assume is the who-can-assume index (snapshot_assume_index.go).
	assume assumeIndex
}

func buildIndex(s *Snapshot) *snapshotIndex {
	ix := &snapshotIndex{
		userByName:   make(map[string]int, len(s.Users)),
		userByUIN:    make(map[uint64]int, len(s.Users)),
		groupByID:    make(map[uint64]int, len(s.Groups)),
		roleByName:   make(map[string]int, len(s.Roles)),
		policyByID:   make(map[uint64]int, len(s.Policies)),
		policyByName: make(map[string]int, len(s.Policies)),
	}
	// The first record wins for a duplicate key; the records are sorted, so
	// that is deterministic.
	for i := range s.Users {
		putFirst(ix.userByName, s.Users[i].Name, i)
		putFirst(ix.userByUIN, s.Users[i].UIN, i)
	}
	for i := range s.Groups {
		putFirst(ix.groupByID, s.Groups[i].ID, i)
	}
	for i := range s.Roles {
		putFirst(ix.roleByName, s.Roles[i].Name, i)
	}
	for i := range s.Policies {
		putFirst(ix.policyByID, s.Policies[i].ID, i)
		putFirst(ix.policyByName, s.Policies[i].Name, i)
	}
	return ix
}

func putFirst[K comparable](m map[K]int, k K, i int) {
	if _, ok := m[k]; !ok {
		m[k] = i
	}
}

// index returns the snapshot's index, building it on first use. A snapshot
// made without Load or ReadSnapshot (a literal) is indexed afresh on each
// call until Reindex is called; a nil snapshot has an empty index.
func (s *Snapshot) index() *snapshotIndex {
	if s == nil {
		return &snapshotIndex{}
	}
	if s.idx == nil {
		return buildIndex(s)
	}
	s.idx.once.Do(func() { s.idx.ix = buildIndex(s) })
	return s.idx.ix
}

// Reindex discards the lookup index, so that lookups see records changed since
// the last lookup; call it after building or changing a snapshot by hand
// (without it, a hand-built snapshot is indexed afresh on every lookup). It
// must not run concurrently with lookups.
func (s *Snapshot) Reindex() {
	if s != nil {
		s.idx = &lazyIndex{}
	}
}

// UserByName returns the user with the given login name.
func (s *Snapshot) UserByName(name string) (*UserRecord, bool) {
	i, ok := s.index().userByName[name]
	if !ok {
		return nil, false
	}
	return &s.Users[i], true
}

// UserByUIN returns the user with the given UIN.
func (s *Snapshot) UserByUIN(uin uint64) (*UserRecord, bool) {
	i, ok := s.index().userByUIN[uin]
	if !ok {
		return nil, false
	}
	return &s.Users[i], true
}

// GroupByID returns the group with the given ID.
func (s *Snapshot) GroupByID(id uint64) (*GroupRecord, bool) {
	i, ok := s.index().groupByID[id]
	if !ok {
		return nil, false
	}
	return &s.Groups[i], true
}

// RoleByName returns the role with the given name.
func (s *Snapshot) RoleByName(name string) (*RoleRecord, bool) {
	i, ok := s.index().roleByName[name]
	if !ok {
		return nil, false
	}
	return &s.Roles[i], true
}

// PolicyByID returns the policy with the given ID.
func (s *Snapshot) PolicyByID(id uint64) (*Policy, bool) {
	i, ok := s.index().policyByID[id]
	if !ok {
		return nil, false
	}
	return &s.Policies[i], true
}

// PolicyByName returns the policy with the given name. Should a custom and a
// preset policy share a name, the one with the lower ID is returned.
func (s *Snapshot) PolicyByName(name string) (*Policy, bool) {
	i, ok := s.index().policyByName[name]
	if !ok {
		return nil, false
	}
	return &s.Policies[i], true
}

// HeldPolicy is a policy a user holds, with how it is held: attached directly,
// through groups, or both.
type HeldPolicy struct {
	// Policy is the snapshot's copy of the policy. If the policy itself could not
	// be read, it has only the ID, name and type from the attachment, an empty
	// Document and a nil Parsed.
	Policy Policy
	// Direct reports that the policy is attached to the user itself.
	Direct bool
	// GroupIDs are the groups, ascending, through which the user holds it.
	GroupIDs []uint64
}

// EffectivePolicies returns the policies that apply to a user (docs/semantics.md §5.2):
// attached directly and through each group the user is a member of, one entry
// per policy, ordered by policy ID. The user's permission boundary is not among
// them (see [UserRecord.Boundary]). It returns nil for an unknown UIN. If the
// user's attachments or group memberships could not be read (see the record's
// Known flags), the result lacks what is unknown.
func (s *Snapshot) EffectivePolicies(uin uint64) []HeldPolicy {
	u, ok := s.UserByUIN(uin)
	if !ok {
		return nil
	}
	held := map[uint64]*HeldPolicy{}
	get := func(a Attachment) *HeldPolicy {
		h, ok := held[a.PolicyID]
		if !ok {
			h = &HeldPolicy{Policy: s.policyFor(a)}
			held[a.PolicyID] = h
		}
		return h
	}
	for _, a := range u.Policies {
		get(a).Direct = true
	}
	for _, gid := range u.GroupIDs {
		g, ok := s.GroupByID(gid)
		if !ok {
			continue
		}
		for _, a := range g.Policies {
			h := get(a)
			if !slices.Contains(h.GroupIDs, gid) {
				h.GroupIDs = append(h.GroupIDs, gid)
			}
		}
	}
	out := make([]HeldPolicy, 0, len(held))
	for _, h := range held {
		slices.Sort(h.GroupIDs)
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b HeldPolicy) int { return cmp.Compare(a.Policy.ID, b.Policy.ID) })
	return out
}

// RolePolicies returns the policies attached to a role, one per policy, ordered
// by ID; nil for an unknown role. A policy that could not be read is returned
// as [HeldPolicy.Policy] describes.
func (s *Snapshot) RolePolicies(name string) []Policy {
	r, ok := s.RoleByName(name)
	if !ok {
		return nil
	}
	out := make([]Policy, 0, len(r.Policies))
	for _, a := range r.Policies {
		if len(out) > 0 && out[len(out)-1].ID == a.PolicyID {
			continue // attachments are sorted by policy ID
		}
		out = append(out, s.policyFor(a))
	}
	return out
}

// policyFor returns the snapshot's policy for an attachment, or a stand-in
// made from the attachment when the policy is not in the snapshot.
func (s *Snapshot) policyFor(a Attachment) Policy {
	if p, ok := s.PolicyByID(a.PolicyID); ok {
		return *p
	}
	return Policy{ID: a.PolicyID, Name: a.PolicyName, Type: a.PolicyType}
}
