package camfake

import (
	"errors"
	"fmt"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// Seed is plain data describing account contents, in the spirit of
// fstest.MapFS: [Fake.Seed], [WithSeed] and [MustSeed] load it. Entities
// refer to each other by name. Times may be absolute (Created, LastLogin,
// LastUsed) or relative to the fake's clock (Age, LastLoginAgo, LastUsedAgo);
// an absolute time wins when both are set.
type Seed struct {
	// Policies are custom policies, created first so others can name them.
	Policies []SeedPolicy
	// Groups are created next, with their attached policies.
	Groups []SeedGroup
	// Users are created next, with keys, MFA, groups, policies and boundary.
	Users []SeedUser
	// Roles are created last.
	Roles []SeedRole
	// Events are appended to the audit log.
	Events []cam.AuditEvent
	// RootKeys are access keys of the root account itself (at most
	// [MaxKeysPerUser]), which the IAM guide says should not exist. They are
	// created after the users' keys.
	RootKeys []SeedKey
}

// SeedPolicy is a custom policy.
type SeedPolicy struct {
	// Name is the policy name.
	Name string
	// Description is the policy description.
	Description string
	// Document is the policy text, kept verbatim. It must pass the same checks
	// as CreatePolicy.
	Document string
	// Age sets the creation time relative to the clock (0: now).
	Age time.Duration
}

// SeedGroup is a user group. Members are given by [SeedUser.Groups].
type SeedGroup struct {
	// Name is the group name.
	Name string
	// Remark is the group's remark.
	Remark string
	// Policies names the policies (custom or preset) attached to the group.
	Policies []string
}

// SeedUser is a sub-user.
type SeedUser struct {
	// Name is the login name.
	Name string
	// Remark is the user's remark.
	Remark string
	// ConsoleLogin allows console sign-in.
	ConsoleLogin bool
	// Created is the creation time; if zero, the clock minus Age.
	Created time.Time
	// Age is how long before the clock the user was created, when Created is zero.
	Age time.Duration
	// LastLogin is the last console login; if zero and LastLoginAgo > 0, the
	// clock minus LastLoginAgo; otherwise never.
	LastLogin time.Time
	// LastLoginAgo is how long before the clock the last login was.
	LastLoginAgo time.Duration
	// LastLoginIP is the last login's source address.
	LastLoginIP string
	// MFA is the user's login and operation protection.
	MFA cam.MFASettings
	// Keys are the user's access keys (at most [MaxKeysPerUser]).
	Keys []SeedKey
	// Groups names the groups the user belongs to.
	Groups []string
	// Policies names the policies attached directly to the user.
	Policies []string
	// Boundary names the policy set as the user's permission boundary.
	Boundary string
}

// SeedKey is an access key. No secret is involved: the fake has none.
type SeedKey struct {
	// Description says what uses the key.
	Description string
	// Status defaults to [cam.KeyActive].
	Status cam.KeyStatus
	// Created is the creation time; if zero, the clock minus Age.
	Created time.Time
	// Age is how long before the clock the key was created, when Created is zero.
	Age time.Duration
	// LastUsed is the last use; if zero and LastUsedAgo > 0, the clock minus
	// LastUsedAgo; otherwise never used.
	LastUsed time.Time
	// LastUsedAgo is how long before the clock the key was last used.
	LastUsedAgo time.Duration
}

// SeedRole is a role.
type SeedRole struct {
	// Name is the role name.
	Name string
	// Description is the role description.
	Description string
	// Trust is the trust policy text, kept verbatim. TrustDocument is the
	// alternative: a document whose canonical text is used. Set exactly one.
	Trust         string
	TrustDocument *policy.Document
	// Type defaults to [cam.RoleTypeUser].
	Type cam.RoleType
	// SessionDuration is the maximum session length in seconds (0: CAM's default).
	SessionDuration int64
	// ConsoleLogin allows the role to be used for console sign-in.
	ConsoleLogin bool
	// Tags are the role's tags.
	Tags []cam.Tag
	// Policies names the policies attached to the role.
	Policies []string
	// Boundary names the policy set as the role's permission boundary.
	Boundary string
	// Age sets the creation time relative to the clock (0: now).
	Age time.Duration
}

// MustSeed returns a new Fake made with opts and seeded with s. Like
// httptest.NewServer it panics on bad seed data, naming the bad entry; use
// [New] and [Fake.Seed] to get an error instead.
func MustSeed(s Seed, opts ...Option) *Fake {
	return New(append(append([]Option(nil), opts...), WithSeed(s))...)
}

// Seed adds s to the account, bypassing the API: no call is recorded, no
// fault, hook, latency or rate limit applies, and no audit event is written
// (other than s.Events). It enforces the same names, documents and limits as
// the API, and reports every bad entry at once, each named by its place and
// name (`camfake: seed: users[2] "dave": group "ops" does not exist`).
// Seed is atomic: on error the account is unchanged.
func (f *Fake) Seed(s Seed) error {
	f.init()
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.st.clone()
	now := f.now()
	if err := st.seed(s, now); err != nil {
		return err
	}
	f.st = st
	return nil
}

// seedError names the bad entry.
func seedError(kind string, i int, name string, err error) error {
	var ae *cam.APIError
	msg := err.Error()
	if errors.As(err, &ae) {
		msg = ae.Message
	}
	return fmt.Errorf("camfake: seed: %s[%d] %q: %s", kind, i, name, msg)
}

// when picks an absolute time or the clock minus a duration.
func when(abs time.Time, ago time.Duration, now time.Time, never bool) time.Time {
	switch {
	case !abs.IsZero():
		return stampOf(abs)
	case ago > 0 || !never:
		return stampOf(now.Add(-ago))
	}
	return time.Time{}
}

func (st *state) seed(s Seed, now time.Time) error {
	var errs []error
	for i, sp := range s.Policies {
		if _, err := st.addPolicy(cam.PolicyInput{Name: sp.Name, Description: sp.Description, Document: sp.Document}, when(time.Time{}, sp.Age, now, false)); err != nil {
			errs = append(errs, seedError("policies", i, sp.Name, err))
		}
	}
	for i, sg := range s.Groups {
		g, err := st.addGroup(sg.Name, sg.Remark, stampOf(now))
		if err != nil {
			errs = append(errs, seedError("groups", i, sg.Name, err))
			continue
		}
		for _, name := range sg.Policies {
			if err := st.attachByName(&g.policies, "group "+quoteName(g.Name), name, stampOf(now)); err != nil {
				errs = append(errs, seedError("groups", i, sg.Name, err))
			}
		}
	}
	for i, su := range s.Users {
		if err := st.seedUser(su, now); err != nil {
			errs = append(errs, seedError("users", i, su.Name, err))
		}
	}
	for i, sk := range s.RootKeys {
		if err := st.seedKey(st.owner, sk, now); err != nil {
			errs = append(errs, seedError("rootKeys", i, sk.Description, err))
		}
	}
	for i, sr := range s.Roles {
		if err := st.seedRole(sr, now); err != nil {
			errs = append(errs, seedError("roles", i, sr.Name, err))
		}
	}
	st.addEvents(s.Events)
	return errors.Join(errs...)
}

// attachByName attaches the policy called name.
func (st *state) attachByName(as *[]attachment, what, name string, at time.Time) error {
	id, ok := st.policyByName[name]
	if !ok {
		return fmt.Errorf("policy %q does not exist", name)
	}
	return st.attach(as, what, id, at)
}

// boundaryByName resolves a boundary policy name; "" is no boundary.
func (st *state) boundaryByName(name string) (uint64, error) {
	if name == "" {
		return 0, nil
	}
	id, ok := st.policyByName[name]
	if !ok {
		return 0, fmt.Errorf("boundary policy %q does not exist", name)
	}
	return id, nil
}

func (st *state) seedUser(su SeedUser, now time.Time) error {
	u, err := st.addUser(UserInput{Name: su.Name, Remark: su.Remark, ConsoleLogin: su.ConsoleLogin}, when(su.Created, su.Age, now, false))
	if err != nil {
		return err
	}
	u.LastLogin = when(su.LastLogin, su.LastLoginAgo, now, true)
	u.LastLoginIP = su.LastLoginIP
	u.mfa = su.MFA
	var errs []error
	for j, sk := range su.Keys {
		if err := st.seedKey(u.UIN, sk, now); err != nil {
			errs = append(errs, fmt.Errorf("keys[%d]: %s", j, messageOf(err)))
		}
	}
	for _, name := range su.Groups {
		gid, ok := st.groupByName[name]
		if !ok {
			errs = append(errs, fmt.Errorf("group %q does not exist", name))
			continue
		}
		if err := st.join(gid, u.UIN); err != nil {
			errs = append(errs, errors.New(messageOf(err)))
		}
	}
	for _, name := range su.Policies {
		if err := st.attachByName(&u.policies, "sub-user "+quoteName(u.Name), name, stampOf(now)); err != nil {
			errs = append(errs, errors.New(messageOf(err)))
		}
	}
	if u.boundary, err = st.boundaryByName(su.Boundary); err != nil {
		errs = append(errs, err)
	}
	return joinMessages(errs)
}

func (st *state) seedRole(sr SeedRole, now time.Time) error {
	trust := sr.Trust
	switch {
	case sr.Trust != "" && sr.TrustDocument != nil:
		return errors.New("set Trust or TrustDocument, not both")
	case sr.TrustDocument != nil:
		trust = sr.TrustDocument.Canonical()
	}
	typ := sr.Type
	if typ == "" {
		typ = cam.RoleTypeUser
	}
	if typ != cam.RoleTypeUser && typ != cam.RoleTypeSystem && typ != cam.RoleTypeServiceLinked {
		return fmt.Errorf("role type %q is not user, system or service_linked", typ)
	}
	in := cam.RoleInput{Name: sr.Name, TrustPolicy: trust, Description: sr.Description,
		SessionDuration: sr.SessionDuration, ConsoleLogin: sr.ConsoleLogin, Tags: sr.Tags}
	r, err := st.addRole(in, typ, when(time.Time{}, sr.Age, now, false))
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range sr.Policies {
		if err := st.attachByName(&r.policies, "role "+quoteName(r.Name), name, stampOf(now)); err != nil {
			errs = append(errs, errors.New(messageOf(err)))
		}
	}
	if r.boundary, err = st.boundaryByName(sr.Boundary); err != nil {
		errs = append(errs, err)
	}
	return joinMessages(errs)
}

// messageOf returns an APIError's message, or err's text.
func messageOf(err error) string {
	var ae *cam.APIError
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}

// joinMessages joins errors into one line, or nil.
func joinMessages(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.New(joinLines(errors.Join(errs...)))
}

// seedKey adds a key of a sub-user or, for the owner's UIN, of the root
// account.
func (st *state) seedKey(uin uint64, sk SeedKey, now time.Time) error {
	status := sk.Status
	if status == "" {
		status = cam.KeyActive
	}
	k, err := st.addKey(uin, sk.Description, status, when(sk.Created, sk.Age, now, false))
	if err != nil {
		return err
	}
	k.LastUsed = when(sk.LastUsed, sk.LastUsedAgo, now, true)
	return nil
}
