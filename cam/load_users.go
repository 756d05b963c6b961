package cam

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"
)

// loadUsers lists the users, then reads everything per user concurrently:
// direct attachments (the slowest API, so it starts first), last logins in
// batches, access keys followed by their last use in batches, MFA settings and
// boundaries.
func (l *loader) loadUsers(ctx context.Context) error {
	var users []User
	err := l.gate.call(ctx, ActionListUsers, func(ctx context.Context) (err error) {
		users, err = l.r.ListUsers(ctx)
		return err
	})
	l.prog.step(PhaseUsers)
	if err != nil {
		return l.fail(ctx, PhaseUsers, ActionListUsers, "all users", err)
	}
	slices.SortStableFunc(users, func(a, b User) int { return cmp.Compare(a.UIN, b.UIN) })
	l.users = make([]UserRecord, len(users))
	l.keysOK = make([][]bool, len(users))
	for i, u := range users {
		l.users[i].User = u
	}
	n := len(users)
	logins := splitBatches(n, MaxLastLoginBatch)
	l.prog.add(PhaseAttachments, n)
	l.prog.add(PhaseUsers, len(logins))
	l.prog.add(PhaseKeys, n)
	l.prog.add(PhaseMFA, n)
	l.prog.add(PhaseBoundaries, n)

	eg, ctx := errgroup.WithContext(ctx)
	w := l.cfg.concurrency
	eg.Go(func() error { return forEach(ctx, n, w, l.userPolicies) })
	eg.Go(func() error {
		return forEach(ctx, len(logins), w, func(ctx context.Context, b int) error {
			return l.lastLogins(ctx, logins[b][0], logins[b][1])
		})
	})
	eg.Go(func() error {
		if err := forEach(ctx, n, w, l.userKeys); err != nil {
			return err
		}
		return l.keyUsage(ctx)
	})
	eg.Go(func() error { return forEach(ctx, n, w, l.userMFA) })
	eg.Go(func() error { return forEach(ctx, n, w, l.userBoundary) })
	return eg.Wait()
}

func (l *loader) userPolicies(ctx context.Context, i int) error {
	u := &l.users[i]
	var as []Attachment
	err := l.gate.call(ctx, ActionListAttachedUserAllPolicies, func(ctx context.Context) (err error) {
		as, err = l.r.ListUserPolicies(ctx, u.UIN, AttachDirect)
		return err
	})
	l.prog.step(PhaseAttachments)
	if err != nil {
		return l.fail(ctx, PhaseAttachments, ActionListAttachedUserAllPolicies, userSubject(&u.User), err)
	}
	u.Policies, u.PoliciesKnown = as, true
	l.referenced(as)
	return nil
}

// lastLogins reads the last logins of users[lo:hi] in one DescribeSubAccounts call.
func (l *loader) lastLogins(ctx context.Context, lo, hi int) error {
	uins := make([]uint64, 0, hi-lo)
	for i := lo; i < hi; i++ {
		uins = append(uins, l.users[i].UIN)
	}
	var got []User
	err := l.gate.call(ctx, ActionDescribeSubAccounts, func(ctx context.Context) (err error) {
		got, err = l.r.LastLogins(ctx, uins)
		return err
	})
	l.prog.step(PhaseUsers)
	if err != nil {
		return l.fail(ctx, PhaseUsers, ActionDescribeSubAccounts, uinsSubject(uins), err)
	}
	byUIN := make(map[uint64]*User, len(got))
	for j := range got {
		byUIN[got[j].UIN] = &got[j]
	}
	for i := lo; i < hi; i++ {
		u := &l.users[i]
		g, ok := byUIN[u.UIN]
		if !ok {
			err := fmt.Errorf("cam: load: DescribeSubAccounts returned nothing for uin %d", u.UIN)
			if err := l.fail(ctx, PhaseUsers, ActionDescribeSubAccounts, userSubject(&u.User), err); err != nil {
				return err
			}
			continue
		}
		u.LastLogin, u.LastLoginIP, u.LastLoginKnown = g.LastLogin, g.LastLoginIP, true
	}
	return nil
}

func (l *loader) userKeys(ctx context.Context, i int) error {
	u := &l.users[i]
	var keys []AccessKey
	err := l.gate.call(ctx, ActionListAccessKeys, func(ctx context.Context) (err error) {
		keys, err = l.r.ListAccessKeys(ctx, u.UIN)
		return err
	})
	l.prog.step(PhaseKeys)
	if err != nil {
		return l.fail(ctx, PhaseKeys, ActionListAccessKeys, userSubject(&u.User), err)
	}
	slices.SortStableFunc(keys, func(a, b AccessKey) int { return cmp.Compare(a.ID, b.ID) })
	u.Keys, u.KeysKnown = keys, true
	l.keysOK[i] = make([]bool, len(keys))
	return nil
}

// keyRef locates an access key in the loader's records.
type keyRef struct{ user, key int }

// keyUsage reads the last use of every key listed, in key ID order.
func (l *loader) keyUsage(ctx context.Context) error {
	var ids []string
	refs := map[string]keyRef{}
	for i := range l.users {
		for k, key := range l.users[i].Keys {
			if _, dup := refs[key.ID]; !dup {
				ids = append(ids, key.ID)
			}
			refs[key.ID] = keyRef{i, k}
		}
	}
	slices.Sort(ids)
	single := func(id string) string { return keysSubject([]string{id}) }
	return l.lastUse(ctx, ids, keysSubject, single, func(id string, t time.Time) {
		ref := refs[id]
		l.users[ref.user].Keys[ref.key].LastUsed = t
		l.keysOK[ref.user][ref.key] = true
	})
}

// lastUse reads when the keys with the given IDs (sorted, each once) were
// last used, in batches of MaxKeyLastUsedBatch read concurrently, and calls
// set once for each key GetSecurityLastUsed reports (its first row in the
// answer for the key's batch); set is called from several goroutines, for
// different keys. A batch that fails is a problem named by batchSubject, a
// key its answer leaves out one named by keySubject.
func (l *loader) lastUse(ctx context.Context, ids []string, batchSubject func(ids []string) string,
	keySubject func(id string) string, set func(id string, lastUsed time.Time)) error {
	bs := splitBatches(len(ids), MaxKeyLastUsedBatch)
	l.prog.add(PhaseKeys, len(bs))
	return forEach(ctx, len(bs), l.cfg.concurrency, func(ctx context.Context, b int) error {
		batch := ids[bs[b][0]:bs[b][1]]
		var got []KeyLastUsed
		err := l.gate.call(ctx, ActionGetSecurityLastUsed, func(ctx context.Context) (err error) {
			got, err = l.r.KeysLastUsed(ctx, batch)
			return err
		})
		l.prog.step(PhaseKeys)
		if err != nil {
			return l.fail(ctx, PhaseKeys, ActionGetSecurityLastUsed, batchSubject(batch), err)
		}
		seen := make(map[string]bool, len(batch))
		for _, g := range got {
			if !seen[g.KeyID] && slices.Contains(batch, g.KeyID) {
				seen[g.KeyID] = true
				set(g.KeyID, g.LastUsed)
			}
		}
		for _, id := range batch {
			if !seen[id] {
				err := fmt.Errorf("cam: load: GetSecurityLastUsed returned nothing for access key %s", id)
				if err := l.fail(ctx, PhaseKeys, ActionGetSecurityLastUsed, keySubject(id), err); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (l *loader) userMFA(ctx context.Context, i int) error {
	u := &l.users[i]
	var mfa MFASettings
	err := l.gate.call(ctx, ActionDescribeSafeAuthFlagColl, func(ctx context.Context) (err error) {
		mfa, err = l.r.GetMFA(ctx, u.UIN)
		return err
	})
	l.prog.step(PhaseMFA)
	if err != nil {
		return l.fail(ctx, PhaseMFA, ActionDescribeSafeAuthFlagColl, userSubject(&u.User), err)
	}
	u.MFA, u.MFAKnown = mfa, true
	return nil
}

func (l *loader) userBoundary(ctx context.Context, i int) error {
	u := &l.users[i]
	var (
		b  Boundary
		ok bool
	)
	err := l.gate.call(ctx, ActionGetUserPermissionBoundary, func(ctx context.Context) (err error) {
		b, ok, err = l.r.UserBoundary(ctx, u.UIN)
		return err
	})
	l.prog.step(PhaseBoundaries)
	if err != nil {
		return l.fail(ctx, PhaseBoundaries, ActionGetUserPermissionBoundary, userSubject(&u.User), err)
	}
	u.BoundaryKnown = true
	if ok {
		u.Boundary = &b
		l.referencedBoundary(b)
	}
	return nil
}
