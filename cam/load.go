package cam

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Load reads the whole account behind r into a [Snapshot].
//
// It reads the account, the root account's own access keys (for the account
// read, when r is a [RootKeysReader]), the users (with their last logins, access keys and the
// keys' last use, MFA settings, direct policy attachments and permission
// boundaries), the groups (members and attachments), the roles (trust policies,
// attachments and boundaries) and the policies: every custom policy, and every
// preset policy that is attached to something or used as a boundary, each with
// its document, kept verbatim and parsed with [policy.Parse].
//
// Reads run concurrently, at most [DefaultConcurrency] at a time
// ([WithConcurrency]), and each API action stays under its documented rate
// limit ([RateLimit]), or under the limit the Reader reports when it
// implements [RateLimiter] (camfake's Fake does: without enforced limits, a
// load of it takes milliseconds), adjusted by [WithActionRate] and
// [WithRateScale]. The batched APIs are used
// in full batches ([MaxLastLoginBatch] UINs, [MaxKeyLastUsedBatch] key IDs), and
// ListAttachedUserAllPolicies, the slowest API at 5 requests per second, starts
// as soon as the users are known. Load retries throttled and server-side
// failures itself ([WithRetry]).
//
// Nothing is lost silently: a read that still fails becomes a [Problem] in
// [Snapshot.Problems], the entity it concerns stays in the snapshot with the
// missing part marked unknown, and the load goes on; a document that does not
// parse is a Problem too. With [WithFailFast] the first failed read aborts the
// load instead. When ctx is cancelled, Load stops promptly (rate-limit and retry
// waits end at once) and returns an error wrapping ctx.Err(); when a rate
// limit cannot be met before ctx's deadline, it stops at once with an error
// matching context.DeadlineExceeded. Load returns an error, and never a
// partial snapshot, only in these cases, with WithFailFast, and for invalid
// options.
//
// [Snapshot.Taken] is when the load started, by the clock of [WithClock], else
// the Reader's own clock ([Clock]), else time.Now.
func Load(ctx context.Context, r Reader, opts ...LoadOption) (*Snapshot, error) {
	if r == nil {
		return nil, errors.New("cam: load: the Reader is nil")
	}
	cfg := defaultLoadConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if len(cfg.errs) > 0 {
		return nil, errors.Join(cfg.errs...)
	}
	l := &loader{
		r:        r,
		cfg:      &cfg,
		gate:     newGate(&cfg, r),
		prog:     newProgressTracker(cfg.progress),
		policies: map[uint64]*policyEntry{},
	}
	now := cfg.now
	if now == nil {
		now = time.Now
		if c, ok := r.(Clock); ok {
			now = c.Now
		}
	}
	taken := now().UTC()
	if err := l.run(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("cam: load: %w", ctx.Err())
		}
		return nil, err
	}
	s := l.snapshot()
	s.Taken = taken
	return s, nil
}

// loader holds one load's state. Reads of different entities write to
// different records, so the records need no lock once their slices exist.
type loader struct {
	r    Reader
	cfg  *loadConfig
	gate *gate
	prog *progressTracker
	eg   *errgroup.Group // the load's top-level group, for policy fetches
	ectx context.Context // eg's context

	mu       sync.Mutex // guards problems and policies
	problems []Problem
	policies map[uint64]*policyEntry

	account Account
	root    RootRecord
	users   []UserRecord
	keysOK  [][]bool // per user, per key: last use read
	groups  []GroupRecord
	grouped bool // ListGroups succeeded
	roles   []RoleRecord
}

// run reads everything; it returns an error only to abort the load.
func (l *loader) run(ctx context.Context) error {
	eg, gctx := errgroup.WithContext(ctx)
	l.eg, l.ectx = eg, gctx
	for _, ph := range []Phase{PhaseAccount, PhaseUsers, PhaseGroups, PhaseRoles, PhasePolicies} {
		l.prog.add(ph, 1)
	}
	eg.Go(func() error { return l.loadUsers(gctx) }) // first: it feeds the slowest API
	eg.Go(func() error {
		// The root's keys after the account, which says whose keys they are.
		if err := l.loadAccount(gctx); err != nil {
			return err
		}
		return l.loadRoot(gctx)
	})
	eg.Go(func() error { return l.loadGroups(gctx) })
	eg.Go(func() error { return l.loadRoles(gctx) })
	eg.Go(func() error { return l.loadCustomPolicies(gctx) })
	if err := eg.Wait(); err != nil {
		return err
	}
	// Policies referenced but neither listed nor fetched yet: custom policies
	// missing from the list, and boundaries.
	eg, gctx = errgroup.WithContext(ctx)
	l.eg, l.ectx = eg, gctx
	eg.Go(func() error { return l.fetchRemaining(gctx) })
	return eg.Wait()
}

// fail handles a read that failed for good: it records a Problem and returns
// nil, or, with WithFailFast, returns the error that aborts the load. A read
// that failed because the load is ending returns the context's error.
func (l *loader) fail(ctx context.Context, phase Phase, action Action, subject string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if _, ok := err.(*deadlineError); ok {
		return err
	}
	if l.cfg.failFast {
		return fmt.Errorf("cam: load: %s: %s for %s: %w", phase, action, subject, err)
	}
	l.mu.Lock()
	l.problems = append(l.problems, Problem{Phase: phase, Action: action, Subject: subject, Err: err.Error()})
	l.mu.Unlock()
	return nil
}

func (l *loader) loadAccount(ctx context.Context) error {
	err := l.gate.call(ctx, ActionGetUserAppID, func(ctx context.Context) error {
		a, err := l.r.Account(ctx)
		l.account = a
		return err
	})
	l.prog.step(PhaseAccount)
	if err != nil {
		l.account = Account{}
		return l.fail(ctx, PhaseAccount, ActionGetUserAppID, "the account", err)
	}
	return nil
}

func (l *loader) loadGroups(ctx context.Context) error {
	var groups []Group
	err := l.gate.call(ctx, ActionListGroups, func(ctx context.Context) (err error) {
		groups, err = l.r.ListGroups(ctx)
		return err
	})
	l.prog.step(PhaseGroups)
	if err != nil {
		return l.fail(ctx, PhaseGroups, ActionListGroups, "all groups", err)
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return cmp.Compare(a.ID, b.ID) })
	l.groups = make([]GroupRecord, len(groups))
	for i, g := range groups {
		l.groups[i].Group = g
	}
	l.grouped = true
	n := len(groups)
	l.prog.add(PhaseGroups, n)
	l.prog.add(PhaseAttachments, n)
	eg, ctx := errgroup.WithContext(ctx)
	eg.Go(func() error {
		return forEach(ctx, n, l.cfg.concurrency, func(ctx context.Context, i int) error {
			g := &l.groups[i]
			var members []uint64
			err := l.gate.call(ctx, ActionListUsersForGroup, func(ctx context.Context) (err error) {
				members, err = l.r.ListGroupMembers(ctx, g.ID)
				return err
			})
			l.prog.step(PhaseGroups)
			if err != nil {
				return l.fail(ctx, PhaseGroups, ActionListUsersForGroup, groupSubject(&g.Group), err)
			}
			g.Members, g.MembersKnown = members, true
			return nil
		})
	})
	eg.Go(func() error {
		return forEach(ctx, n, l.cfg.concurrency, func(ctx context.Context, i int) error {
			g := &l.groups[i]
			var as []Attachment
			err := l.gate.call(ctx, ActionListAttachedGroupPolicies, func(ctx context.Context) (err error) {
				as, err = l.r.ListGroupPolicies(ctx, g.ID)
				return err
			})
			l.prog.step(PhaseAttachments)
			if err != nil {
				return l.fail(ctx, PhaseAttachments, ActionListAttachedGroupPolicies, groupSubject(&g.Group), err)
			}
			g.Policies, g.PoliciesKnown = as, true
			l.referenced(as)
			return nil
		})
	})
	return eg.Wait()
}

// snapshot assembles the records into a Snapshot in its fixed order.
func (l *loader) snapshot() *Snapshot {
	memberOf := map[uint64][]uint64{}
	allMembers := l.grouped
	for _, g := range l.groups {
		if !g.MembersKnown {
			allMembers = false
			continue
		}
		for _, uin := range g.Members {
			memberOf[uin] = append(memberOf[uin], g.ID)
		}
	}
	for i := range l.users {
		u := &l.users[i]
		u.GroupIDs = memberOf[u.UIN]
		u.GroupsKnown = allMembers
		u.KeyUsageKnown = u.KeysKnown && !slices.Contains(l.keysOK[i], false)
	}
	s := &Snapshot{
		SchemaVersion: SnapshotSchemaVersion,
		Account:       l.account,
		Root:          l.root,
		Users:         l.users,
		Groups:        l.groups,
		Roles:         l.roles,
		Problems:      l.problems,
		idx:           &lazyIndex{},
	}
	s.Policies = make([]Policy, 0, len(l.policies))
	for _, e := range l.policies {
		s.Policies = append(s.Policies, e.final())
	}
	s.Problems = append(s.Problems, s.reconcileBoundaryNames()...)
	s.normalize()
	return s
}

// reconcileBoundaryNames makes each boundary name its policy as s.Policies
// does, and returns a problem for each one that did not: a policy renamed
// between reading a boundary and reading the policy. The snapshot then agrees
// with itself, as ReadSnapshot requires, and the problem says what moved.
func (s *Snapshot) reconcileBoundaryNames() []Problem {
	names := make(map[uint64]string, len(s.Policies))
	for i := range s.Policies {
		names[s.Policies[i].ID] = s.Policies[i].Name
	}
	var out []Problem
	fix := func(b *Boundary, action Action, subject string) {
		if b == nil || b.PolicyName == "" {
			return
		}
		if name := names[b.PolicyID]; name != "" && name != b.PolicyName {
			out = append(out, Problem{Phase: PhaseBoundaries, Action: action, Subject: subject,
				Err: fmt.Sprintf("the boundary named policy id %d %q, which was renamed %q during the load; the snapshot uses the new name", b.PolicyID, b.PolicyName, name)})
			b.PolicyName = name
		}
	}
	for i := range s.Users {
		u := &s.Users[i]
		fix(u.Boundary, ActionGetUserPermissionBoundary, userSubject(&u.User))
	}
	for i := range s.Roles {
		r := &s.Roles[i]
		fix(r.Boundary, ActionGetRolePermissionBoundary, roleSubject(r.Name))
	}
	return out
}
