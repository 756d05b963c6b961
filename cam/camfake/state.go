package camfake

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// CAM's account and entity limits (docs/semantics.md §1) that the fake enforces.
const (
	MaxUsers            = 1000  // sub-users per account
	MaxGroups           = 300   // user groups per account
	MaxRoles            = 1000  // roles per account
	MaxCustomPolicies   = 1500  // custom policies per account
	MaxPolicyVersions   = 5     // versions per custom policy
	MaxAttachments      = 200   // policies attached directly to one user, group or role
	MaxGroupsPerUser    = 10    // groups one sub-user belongs to
	MaxUsersPerGroup    = 100   // members of one group
	MaxKeysPerUser      = 2     // access keys per sub-user
	MaxRoleTags         = 50    // tags per role
	MaxSessionDuration  = 43200 // a role's longest session, in seconds
	MaxDescriptionBytes = 300   // policy, role, group and key descriptions, in bytes
	MaxDeletePolicies   = 100   // policy IDs per DeletePolicy call (a decision)
)

// roleIDBase is where role IDs start: CAM's role IDs are decimal numbers just
// above 2^62, such as 4611686018427397919.
const roleIDBase uint64 = 1 << 62

// customPolicyBase is where custom policy IDs start, above every preset ID.
const customPolicyBase uint64 = 250000000

// attachment is one policy attached to an entity.
type attachment struct {
	policyID uint64
	at       time.Time
}

type user struct {
	cam.User
	mfa      cam.MFASettings
	keys     []string // key IDs in creation order
	groups   []uint64 // group IDs in join order
	policies []attachment
	boundary uint64
}

type group struct {
	cam.Group
	members  []uint64
	policies []attachment
}

type role struct {
	cam.Role
	policies []attachment
	boundary uint64
}

type version struct {
	id       uint64
	document string
	parsed   *policy.Document
	created  time.Time
}

type pol struct {
	cam.Policy            // Document and Parsed hold the default version
	versions    []version // custom policies only, oldest first
	nextVersion uint64
}

type key struct {
	cam.AccessKey
}

// state is the account. Every field is guarded by Fake.mu.
type state struct {
	owner uint64
	now   func() time.Time

	users      map[uint64]*user
	userByName map[string]uint64
	userOrder  []uint64
	nextUIN    uint64
	nextUID    uint64

	groups      map[uint64]*group
	groupByName map[string]uint64
	groupOrder  []uint64
	nextGroupID uint64

	roles     map[string]*role
	roleOrder []string
	nextRole  uint64

	policies     map[uint64]*pol
	policyByName map[string]uint64
	policyOrder  []uint64 // presets first, then custom in creation order
	customCount  int
	nextPolicyID uint64

	keys     map[string]*key
	rootKeys []string // the root account's key IDs in creation order
	nextKey  uint64

	events  []cam.AuditEvent
	nextEvt uint64
}

func newState(owner uint64, now func() time.Time) *state {
	st := &state{
		owner:        owner,
		now:          now,
		users:        map[uint64]*user{},
		userByName:   map[string]uint64{},
		nextUIN:      owner + 1000,
		nextUID:      11000001,
		groups:       map[uint64]*group{},
		groupByName:  map[string]uint64{},
		nextGroupID:  51000,
		roles:        map[string]*role{},
		nextRole:     roleIDBase + 10001,
		policies:     map[uint64]*pol{},
		policyByName: map[string]uint64{},
		nextPolicyID: customPolicyBase,
		keys:         map[string]*key{},
	}
	st.addPresets()
	return st
}

// ARN helpers for CAM's own resources, from package policy's.

func (st *state) userARN(uin uint64) string { return policy.CAMUser(st.owner, uin).String() }

func (st *state) roleARN(name string) string { return policy.RoleARN(st.owner, name) }

func (st *state) groupARN(id uint64) string { return policy.CAMGroup(st.owner, id).String() }

func (st *state) policyARN(id uint64) string { return policy.CAMPolicy(st.owner, id).String() }

// Lookups that return CAM's error when the entity does not exist. code is the
// error code the calling API uses for a missing entity.

func (st *state) user(uin uint64, code string) (*user, error) {
	if u := st.users[uin]; u != nil {
		return u, nil
	}
	return nil, apiErr(code, "sub-user %d does not exist", uin)
}

func (st *state) group(id uint64, code string) (*group, error) {
	if g := st.groups[id]; g != nil {
		return g, nil
	}
	return nil, apiErr(code, "group %d does not exist", id)
}

func (st *state) role(name string) (*role, error) {
	if r := st.roles[name]; r != nil {
		return r, nil
	}
	return nil, apiErr(codeRoleNotExist, "role %q does not exist", name)
}

func (st *state) policy(id uint64, code string) (*pol, error) {
	if p := st.policies[id]; p != nil {
		return p, nil
	}
	return nil, apiErr(code, "policy %d does not exist", id)
}

// custom returns a custom policy; a preset policy gets CAM's PolicyIdError,
// since Tencent's policies cannot be changed or deleted.
func (st *state) custom(id uint64) (*pol, error) {
	p, err := st.policy(id, codePolicyNotExist)
	if err != nil {
		return nil, err
	}
	if p.Type == cam.PolicyPreset {
		return nil, apiErr(codePolicyIDError, "policy %d (%s) is a preset policy and cannot be changed", id, p.Name)
	}
	return p, nil
}

// audit appends the audit event of a successful write call.
func (st *state) audit(c Call) {
	ev := cam.AuditEvent{
		ID:           c.RequestID,
		Name:         string(c.Action),
		Time:         stampOf(c.Time),
		Principal:    "root",
		PrincipalUIN: cmp.Or(c.Caller.UIN, st.owner),
		Sensitive:    true,
	}
	// CloudAudit names the operator "root", a sub-user by name (by ID once
	// deleted), a role session by its role's name.
	switch {
	case c.Caller.Role != "":
		ev.Principal = c.Caller.Role
	case c.Caller.UserName != "":
		ev.Principal = c.Caller.UserName
	case ev.PrincipalUIN != st.owner:
		ev.Principal = strconv.FormatUint(ev.PrincipalUIN, 10)
	}
	if c.UserUIN != 0 {
		ev.Resources = append(ev.Resources, st.userARN(c.UserUIN))
	}
	if c.GroupID != 0 {
		ev.Resources = append(ev.Resources, st.groupARN(c.GroupID))
	}
	if c.RoleName != "" {
		ev.Resources = append(ev.Resources, st.roleARN(c.RoleName))
	}
	if c.PolicyID != 0 {
		ev.Resources = append(ev.Resources, st.policyARN(c.PolicyID))
	}
	st.events = append(st.events, ev)
}

// roleIDString formats a role ID.
func roleIDString(n uint64) string { return strconv.FormatUint(n, 10) }

// stamp returns the fake's current time as CAM reports times: UTC, whole
// seconds (the wire format carries no fractions).
func (f *Fake) stamp() time.Time { return stampOf(f.now()) }

// stampOf converts t to UTC whole seconds; the zero time stays zero.
func stampOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// clone returns a deep copy of st, so a failed Seed can be thrown away.
// Parsed documents are shared: the fake never changes a stored document, it
// only replaces it.
func (st *state) clone() *state {
	out := *st
	out.users = make(map[uint64]*user, len(st.users))
	for k, u := range st.users {
		cp := *u
		cp.keys = slices.Clone(u.keys)
		cp.groups = slices.Clone(u.groups)
		cp.policies = slices.Clone(u.policies)
		out.users[k] = &cp
	}
	out.userByName = maps.Clone(st.userByName)
	out.userOrder = slices.Clone(st.userOrder)
	out.groups = make(map[uint64]*group, len(st.groups))
	for k, g := range st.groups {
		cp := *g
		cp.members = slices.Clone(g.members)
		cp.policies = slices.Clone(g.policies)
		out.groups[k] = &cp
	}
	out.groupByName = maps.Clone(st.groupByName)
	out.groupOrder = slices.Clone(st.groupOrder)
	out.roles = make(map[string]*role, len(st.roles))
	for k, r := range st.roles {
		cp := *r
		cp.Tags = slices.Clone(r.Tags)
		cp.policies = slices.Clone(r.policies)
		out.roles[k] = &cp
	}
	out.roleOrder = slices.Clone(st.roleOrder)
	out.policies = make(map[uint64]*pol, len(st.policies))
	for k, p := range st.policies {
		cp := *p
		cp.versions = slices.Clone(p.versions)
		out.policies[k] = &cp
	}
	out.policyByName = maps.Clone(st.policyByName)
	out.policyOrder = slices.Clone(st.policyOrder)
	out.rootKeys = slices.Clone(st.rootKeys)
	out.keys = make(map[string]*key, len(st.keys))
	for k, v := range st.keys {
		cp := *v
		out.keys[k] = &cp
	}
	out.events = slices.Clone(st.events)
	return &out
}
