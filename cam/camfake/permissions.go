package camfake

import (
	"fmt"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// This file is what a wire server made with [WithAuthorization] asks of the
// Fake: who holds an access key and what a sub-user or role may do. These
// reads look at the state directly: they are not API calls, so they are not
// recorded and no fault, latency or rate limit applies to them.

// keyHolder returns the UIN of the holder of the access key keyID (the
// owner's UIN for a key of the root account) and whether the key is active;
// ok is false when the account has no such key.
func (f *Fake) keyHolder(keyID string) (uin uint64, active, ok bool) {
	f.init()
	f.mu.RLock()
	defer f.mu.RUnlock()
	k := f.st.keys[keyID]
	if k == nil {
		return 0, false, false
	}
	return k.UserUIN, k.Status == cam.KeyActive, true
}

// accountIDs returns the root account's UIN and the APPID.
func (f *Fake) accountIDs() (owner, appID uint64) {
	f.init()
	return f.owner, f.appID
}

// userPermissions returns the evaluator of what the sub-user with the given
// UIN may do, and its name: the policies attached to it directly and through
// its groups, within its permission boundary. It is cam.Snapshot's
// UserEvaluator over a snapshot of just that user. An unknown UIN is an
// error wrapping cam.ErrNotFound.
func (f *Fake) userPermissions(uin uint64) (*policy.Evaluator, string, error) {
	f.init()
	f.mu.RLock()
	snap, name, ok := f.st.userSnapshot(uin)
	f.mu.RUnlock()
	if !ok {
		return nil, "", fmt.Errorf("camfake: sub-user %d does not exist: %w", uin, cam.ErrNotFound)
	}
	ev, err := snap.UserEvaluator(uin)
	return ev, name, err
}

// userName returns the name of the sub-user with the given UIN; ok is false
// when there is none.
func (f *Fake) userName(uin uint64) (string, bool) {
	f.init()
	f.mu.RLock()
	defer f.mu.RUnlock()
	if u := f.st.users[uin]; u != nil {
		return u.Name, true
	}
	return "", false
}

// rolePermissions returns the evaluator of what a session of the named role
// may do: the role's policies within its boundary (cam.Snapshot's
// RoleEvaluator). An unknown role is an error wrapping cam.ErrNotFound.
func (f *Fake) rolePermissions(name string) (*policy.Evaluator, error) {
	f.init()
	f.mu.RLock()
	snap, ok := f.st.roleSnapshot(name)
	f.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("camfake: role %q does not exist: %w", name, cam.ErrNotFound)
	}
	return snap.RoleEvaluator(name)
}

// userSnapshot returns a snapshot holding the sub-user with the given UIN and
// everything its evaluator needs: its groups and every policy it holds or is
// bounded by, complete (every Known flag set).
func (st *state) userSnapshot(uin uint64) (*cam.Snapshot, string, bool) {
	u := st.users[uin]
	if u == nil {
		return nil, "", false
	}
	s := &cam.Snapshot{Account: cam.Account{OwnerUIN: st.owner}}
	rec := cam.UserRecord{
		User:          u.User,
		GroupIDs:      append([]uint64(nil), u.groups...),
		GroupsKnown:   true,
		Policies:      st.attachmentsOut(nil, u.policies, 0),
		PoliciesKnown: true,
		BoundaryKnown: true,
	}
	ids := attachedIDs(nil, u.policies)
	for _, gid := range u.groups {
		g := st.groups[gid]
		s.Groups = append(s.Groups, cam.GroupRecord{
			Group:         g.Group,
			Members:       []uint64{uin},
			MembersKnown:  true,
			Policies:      st.attachmentsOut(nil, g.policies, 0),
			PoliciesKnown: true,
		})
		ids = attachedIDs(ids, g.policies)
	}
	if b, ok := st.boundaryOut(u.boundary); ok {
		rec.Boundary = &b
		ids = append(ids, u.boundary)
	}
	s.Users = []cam.UserRecord{rec}
	s.Policies = st.policiesOut(ids)
	return s, u.Name, true
}

// roleSnapshot returns a snapshot holding the named role and every policy it
// holds or is bounded by, complete.
func (st *state) roleSnapshot(name string) (*cam.Snapshot, bool) {
	r := st.roles[name]
	if r == nil {
		return nil, false
	}
	rec := cam.RoleRecord{
		Role:          r.Role,
		Policies:      st.attachmentsOut(nil, r.policies, 0),
		PoliciesKnown: true,
		BoundaryKnown: true,
	}
	ids := attachedIDs(nil, r.policies)
	if b, ok := st.boundaryOut(r.boundary); ok {
		rec.Boundary = &b
		ids = append(ids, r.boundary)
	}
	return &cam.Snapshot{
		Account:  cam.Account{OwnerUIN: st.owner},
		Roles:    []cam.RoleRecord{rec},
		Policies: st.policiesOut(ids),
	}, true
}

// attachedIDs appends the policy IDs of as to ids.
func attachedIDs(ids []uint64, as []attachment) []uint64 {
	for _, a := range as {
		ids = append(ids, a.policyID)
	}
	return ids
}

// policiesOut returns the policies with the given IDs, each once, with their
// default version's document (parsed documents are shared: the fake never
// changes one).
func (st *state) policiesOut(ids []uint64) []cam.Policy {
	out := make([]cam.Policy, 0, len(ids))
	seen := make(map[uint64]bool, len(ids))
	for _, id := range ids {
		if p := st.policies[id]; p != nil && !seen[id] {
			seen[id] = true
			out = append(out, p.Policy)
		}
	}
	return out
}
