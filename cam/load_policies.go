package cam

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/camkit/camkit/policy"
	"golang.org/x/sync/errgroup"
)

// policyEntry gathers what the load learnt about one policy: a stub from an
// attachment or boundary, the ListPolicies entry, and the GetPolicy result.
type policyEntry struct {
	stub       Policy
	listed     *Policy
	got        *Policy
	parsed     *policy.Document
	referenced bool // attached to something or used as a boundary
	claimed    bool // a GetPolicy for it has been started
}

// final merges the entry into one Policy: GetPolicy's answer first, then the
// list entry, then the stub, field by field.
func (e *policyEntry) final() Policy {
	var got, listed Policy
	if e.got != nil {
		got = *e.got
	}
	if e.listed != nil {
		listed = *e.listed
	}
	return Policy{
		ID:              cmp.Or(got.ID, listed.ID, e.stub.ID),
		Name:            cmp.Or(got.Name, listed.Name, e.stub.Name),
		Type:            cmp.Or(got.Type, listed.Type, e.stub.Type),
		Description:     cmp.Or(got.Description, listed.Description),
		Document:        got.Document,
		Parsed:          e.parsed,
		AttachmentCount: cmp.Or(got.AttachmentCount, listed.AttachmentCount),
		DefaultVersion:  cmp.Or(got.DefaultVersion, listed.DefaultVersion),
		Created:         cmp.Or(got.Created, listed.Created),
		Updated:         cmp.Or(got.Updated, listed.Updated),
	}
}

// entry returns the entry for id, creating it; l.mu must be held.
func (l *loader) entry(id uint64) *policyEntry {
	e, ok := l.policies[id]
	if !ok {
		e = &policyEntry{stub: Policy{ID: id}}
		l.policies[id] = e
	}
	return e
}

// record adds a problem that never aborts the load (a document that did not
// parse), even with WithFailFast.
func (l *loader) record(p Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

// loadCustomPolicies lists the custom policies and fetches each one's document.
func (l *loader) loadCustomPolicies(ctx context.Context) error {
	var list []Policy
	err := l.gate.call(ctx, ActionListPolicies, func(ctx context.Context) (err error) {
		list, err = l.r.ListPolicies(ctx, ScopeCustom)
		return err
	})
	l.prog.step(PhasePolicies)
	if err != nil {
		return l.fail(ctx, PhasePolicies, ActionListPolicies, "custom policies", err)
	}
	var ids []uint64
	l.mu.Lock()
	for i := range list {
		e := l.entry(list[i].ID)
		e.listed = &list[i]
		if !e.claimed {
			e.claimed = true
			ids = append(ids, list[i].ID)
		}
	}
	l.mu.Unlock()
	slices.Sort(ids)
	l.prog.add(PhasePolicies, len(ids))
	return forEach(ctx, len(ids), l.cfg.concurrency, func(ctx context.Context, i int) error {
		return l.fetchPolicy(ctx, ids[i])
	})
}

// referenced notes the policies of attachments. A preset policy is fetched at
// once, on the load's top-level group; a custom one is fetched by
// loadCustomPolicies, or by fetchRemaining if the list lacks it.
func (l *loader) referenced(as []Attachment) {
	var fetch []uint64
	l.mu.Lock()
	for _, a := range as {
		e := l.entry(a.PolicyID)
		e.referenced = true
		e.stub.Name = cmp.Or(e.stub.Name, a.PolicyName)
		e.stub.Type = cmp.Or(e.stub.Type, a.PolicyType)
		if a.PolicyType == PolicyPreset && !e.claimed {
			e.claimed = true
			fetch = append(fetch, a.PolicyID)
		}
	}
	l.mu.Unlock()
	l.prog.add(PhasePolicies, len(fetch))
	for _, id := range fetch {
		l.eg.Go(func() error { return l.fetchPolicy(l.ectx, id) })
	}
}

// referencedBoundary notes a boundary's policy, fetched by fetchRemaining
// unless it is fetched anyway.
func (l *loader) referencedBoundary(b Boundary) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entry(b.PolicyID)
	e.referenced = true
	e.stub.Name = cmp.Or(e.stub.Name, b.PolicyName)
}

// fetchRemaining fetches every referenced policy not fetched yet.
func (l *loader) fetchRemaining(ctx context.Context) error {
	var ids []uint64
	l.mu.Lock()
	for id, e := range l.policies {
		if e.referenced && !e.claimed {
			e.claimed = true
			ids = append(ids, id)
		}
	}
	l.mu.Unlock()
	slices.Sort(ids)
	l.prog.add(PhasePolicies, len(ids))
	return forEach(ctx, len(ids), l.cfg.concurrency, func(ctx context.Context, i int) error {
		return l.fetchPolicy(ctx, ids[i])
	})
}

// fetchPolicy reads one policy with its document and parses the document.
func (l *loader) fetchPolicy(ctx context.Context, id uint64) error {
	var got Policy
	err := l.gate.call(ctx, ActionGetPolicy, func(ctx context.Context) (err error) {
		got, err = l.r.GetPolicy(ctx, id)
		return err
	})
	l.prog.step(PhasePolicies)
	l.mu.Lock()
	e := l.entry(id)
	name := cmp.Or(e.stub.Name, func() string {
		if e.listed != nil {
			return e.listed.Name
		}
		return ""
	}())
	l.mu.Unlock()
	if err != nil {
		return l.fail(ctx, PhasePolicies, ActionGetPolicy, policySubject(id, name), err)
	}
	subject := policySubject(id, cmp.Or(got.Name, name))
	var parsed *policy.Document
	if got.Document == "" {
		l.record(Problem{Phase: PhasePolicies, Action: ActionGetPolicy, Subject: subject,
			Err: errors.New("cam: load: GetPolicy returned no document").Error()})
	} else if parsed, err = policy.Parse([]byte(got.Document)); err != nil {
		l.record(Problem{Phase: PhasePolicies, Action: ActionParse, Subject: subject, Err: err.Error()})
	}
	l.mu.Lock()
	e.got, e.parsed = &got, parsed
	l.mu.Unlock()
	return nil
}

// loadRoles lists the roles, parses their trust policies, and reads each
// role's attachments and boundary.
func (l *loader) loadRoles(ctx context.Context) error {
	var roles []Role
	err := l.gate.call(ctx, ActionDescribeRoleList, func(ctx context.Context) (err error) {
		roles, err = l.r.ListRoles(ctx)
		return err
	})
	l.prog.step(PhaseRoles)
	if err != nil {
		return l.fail(ctx, PhaseRoles, ActionDescribeRoleList, "all roles", err)
	}
	slices.SortStableFunc(roles, func(a, b Role) int { return cmp.Compare(a.Name, b.Name) })
	l.roles = make([]RoleRecord, len(roles))
	for i, r := range roles {
		l.roles[i].Role = r
		doc, err := policy.Parse([]byte(r.TrustPolicy))
		if err != nil {
			l.record(Problem{Phase: PhaseRoles, Action: ActionParse, Subject: trustSubject(r.Name), Err: err.Error()})
		}
		l.roles[i].Trust = doc
	}
	n := len(roles)
	l.prog.add(PhaseAttachments, n)
	l.prog.add(PhaseBoundaries, n)
	eg, ctx := errgroup.WithContext(ctx)
	eg.Go(func() error {
		return forEach(ctx, n, l.cfg.concurrency, func(ctx context.Context, i int) error {
			r := &l.roles[i]
			var as []Attachment
			err := l.gate.call(ctx, ActionListAttachedRolePolicies, func(ctx context.Context) (err error) {
				as, err = l.r.ListRolePolicies(ctx, r.Name)
				return err
			})
			l.prog.step(PhaseAttachments)
			if err != nil {
				return l.fail(ctx, PhaseAttachments, ActionListAttachedRolePolicies, roleSubject(r.Name), err)
			}
			r.Policies, r.PoliciesKnown = as, true
			l.referenced(as)
			return nil
		})
	})
	eg.Go(func() error {
		return forEach(ctx, n, l.cfg.concurrency, func(ctx context.Context, i int) error {
			r := &l.roles[i]
			var (
				b  Boundary
				ok bool
			)
			err := l.gate.call(ctx, ActionGetRolePermissionBoundary, func(ctx context.Context) (err error) {
				b, ok, err = l.r.RoleBoundary(ctx, r.Name)
				return err
			})
			l.prog.step(PhaseBoundaries)
			if err != nil {
				return l.fail(ctx, PhaseBoundaries, ActionGetRolePermissionBoundary, roleSubject(r.Name), err)
			}
			r.BoundaryKnown = true
			if ok {
				r.Boundary = &b
				l.referencedBoundary(b)
			}
			return nil
		})
	})
	return eg.Wait()
}
