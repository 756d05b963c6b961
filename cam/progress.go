package cam

import "sync"

// Phase names a part of [Load]'s work. Progress reports and problems name the
// phase they belong to.
type Phase string

// The phases of a load, with the reads each one counts.
const (
	// PhaseAccount: GetUserAppId.
	PhaseAccount Phase = "account"
	// PhaseUsers: ListUsers, then DescribeSubAccounts in batches of 50 for last logins.
	PhaseUsers Phase = "users"
	// PhaseKeys: ListAccessKeys per user and for the root account, then
	// GetSecurityLastUsed in batches of 10.
	PhaseKeys Phase = "keys"
	// PhaseMFA: DescribeSafeAuthFlagColl per user.
	PhaseMFA Phase = "mfa"
	// PhaseGroups: ListGroups, then ListUsersForGroup per group.
	PhaseGroups Phase = "groups"
	// PhaseRoles: DescribeRoleList (and parsing trust policies).
	PhaseRoles Phase = "roles"
	// PhasePolicies: ListPolicies of custom policies, then GetPolicy for each
	// custom policy and each preset policy attached to something or used as a
	// boundary (and parsing their documents).
	PhasePolicies Phase = "policies"
	// PhaseAttachments: ListAttachedUserAllPolicies (direct) per user,
	// ListAttachedGroupPolicies per group and ListAttachedRolePolicies per role.
	PhaseAttachments Phase = "attachments"
	// PhaseBoundaries: GetUserPermissionBoundary per user and
	// GetRolePermissionBoundary per role.
	PhaseBoundaries Phase = "boundaries"
)

// String returns the phase name.
func (p Phase) String() string { return string(p) }

// Progress is one progress report of [Load] (see [WithProgress]). Done and Total
// count the phase's reads, retries not included: each counts once whether it
// succeeded or became a [Problem].
//
// A phase's Total grows as the load discovers work (ListUsers tells how many
// per-user reads follow; the attachments tell which preset policies to fetch), so
// a phase can look complete before it grows again. Within a phase Done and Total
// never decrease and Done never exceeds Total; when Load returns without error,
// the last report of every phase has Done == Total.
type Progress struct {
	// Phase is the phase reported on.
	Phase Phase
	// Done is how many of the phase's reads have finished.
	Done int
	// Total is how many reads the phase has so far.
	Total int
}

// progressTracker counts reads per phase and reports them, serialized.
type progressTracker struct {
	mu    sync.Mutex
	fn    func(Progress)
	done  map[Phase]int
	total map[Phase]int
}

func newProgressTracker(fn func(Progress)) *progressTracker {
	return &progressTracker{fn: fn, done: map[Phase]int{}, total: map[Phase]int{}}
}

// add announces n more reads in phase.
func (p *progressTracker) add(phase Phase, n int) {
	if n <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total[phase] += n
	p.report(phase)
}

// step records one finished read in phase.
func (p *progressTracker) step(phase Phase) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done[phase] < p.total[phase] {
		p.done[phase]++
	}
	p.report(phase)
}

// report calls fn with phase's state; p.mu is held, which serializes calls.
func (p *progressTracker) report(phase Phase) {
	if p.fn != nil {
		p.fn(Progress{Phase: phase, Done: p.done[phase], Total: p.total[phase]})
	}
}
