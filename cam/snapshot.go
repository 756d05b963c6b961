package cam

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"
)

// SnapshotSchemaVersion is the version of the snapshot JSON format that this
// package writes and reads. [ReadSnapshot] rejects any other version.
const SnapshotSchemaVersion = 1

// Snapshot is a whole account as [Load] read it: users, groups, roles, policies
// and what could not be read ([Snapshot.Problems]). Everything downstream
// (planning, the access review, the permission-test harness) works on a
// Snapshot offline.
//
// Records are in a fixed order (users by UIN, groups by ID, roles by name,
// policies by ID, attachments by policy ID, problems sorted), so two loads of the
// same account marshal to identical JSON. Policy documents and trust policies
// are kept verbatim and parsed ([Policy.Parsed], [Role.Trust]); unmarshalling a
// snapshot parses them again.
//
// The lookup methods index the records on first use and are safe for
// concurrent use. They return pointers into the snapshot's slices; a caller
// that changes the records afterwards must call [Snapshot.Reindex].
type Snapshot struct {
	// SchemaVersion is [SnapshotSchemaVersion].
	SchemaVersion int `json:"schemaVersion"`
	// Taken is when the load started (UTC).
	Taken time.Time `json:"taken"`
	// Account is the account read, with the caller's identity.
	Account Account `json:"account"`
	// Root is the root account's own access keys. A snapshot written before
	// camkit read them has none, with RootRecord.KeysKnown false.
	Root RootRecord `json:"root"`
	// Users are the sub-users, by UIN.
	Users []UserRecord `json:"users"`
	// Groups are the user groups, by ID.
	Groups []GroupRecord `json:"groups"`
	// Roles are the roles, by name.
	Roles []RoleRecord `json:"roles"`
	// Policies are every custom policy and every preset policy attached to a
	// user, group or role or used as a boundary, by ID. A policy whose GetPolicy
	// failed is here without Document (see Problems).
	Policies []Policy `json:"policies"`
	// Problems lists every read that failed; empty for a complete snapshot.
	Problems []Problem `json:"problems"`

	idx *lazyIndex
}

// UserRecord is a sub-user with everything read about it. Each Known flag says
// whether the part it guards was read; when false the part is empty or zero
// because it is unknown, and [Snapshot.Problems] says why.
type UserRecord struct {
	User
	// LastLoginKnown: User.LastLogin and LastLoginIP were read (DescribeSubAccounts).
	LastLoginKnown bool `json:"lastLoginKnown"`
	// Keys are the user's access keys, by ID, with their last use.
	Keys []AccessKey `json:"keys,omitempty"`
	// KeysKnown: Keys were read (ListAccessKeys).
	KeysKnown bool `json:"keysKnown"`
	// KeyUsageKnown: every key's LastUsed was read (GetSecurityLastUsed).
	KeyUsageKnown bool `json:"keyUsageKnown"`
	// MFA is the user's login and operation protection.
	MFA MFASettings `json:"mfa"`
	// MFAKnown: MFA was read (DescribeSafeAuthFlagColl).
	MFAKnown bool `json:"mfaKnown"`
	// GroupIDs are the groups the user is a member of, ascending.
	GroupIDs []uint64 `json:"groupIDs,omitempty"`
	// GroupsKnown: every group's members were read, so GroupIDs is complete.
	GroupsKnown bool `json:"groupsKnown"`
	// Policies are the policies attached to the user directly, by policy ID.
	Policies []Attachment `json:"policies,omitempty"`
	// PoliciesKnown: Policies were read (ListAttachedUserAllPolicies).
	PoliciesKnown bool `json:"policiesKnown"`
	// Boundary is the user's permission boundary; nil when it has none or when
	// BoundaryKnown is false.
	Boundary *Boundary `json:"boundary,omitempty"`
	// BoundaryKnown: the boundary was read (GetUserPermissionBoundary).
	BoundaryKnown bool `json:"boundaryKnown"`
}

// RootRecord is what Load read of the root account's own credentials.
type RootRecord struct {
	// Keys are the root account's access keys, by ID, with their last use.
	Keys []AccessKey `json:"keys,omitempty"`
	// KeysKnown: Keys were read (ListAccessKeys for the root account).
	KeysKnown bool `json:"keysKnown"`
	// KeyUsageKnown: every key's LastUsed was read (GetSecurityLastUsed).
	KeyUsageKnown bool `json:"keyUsageKnown"`
}

// GroupRecord is a group with its members and attached policies.
type GroupRecord struct {
	Group
	// Members are the members' UINs, ascending.
	Members []uint64 `json:"members,omitempty"`
	// MembersKnown: Members were read (ListUsersForGroup).
	MembersKnown bool `json:"membersKnown"`
	// Policies are the policies attached to the group, by policy ID.
	Policies []Attachment `json:"policies,omitempty"`
	// PoliciesKnown: Policies were read (ListAttachedGroupPolicies).
	PoliciesKnown bool `json:"policiesKnown"`
}

// RoleRecord is a role with its attached policies and boundary. Role.Trust is
// the parsed trust policy (nil if it did not parse; see [Snapshot.Problems]).
type RoleRecord struct {
	Role
	// Policies are the policies attached to the role, by policy ID.
	Policies []Attachment `json:"policies,omitempty"`
	// PoliciesKnown: Policies were read (ListAttachedRolePolicies).
	PoliciesKnown bool `json:"policiesKnown"`
	// Boundary is the role's permission boundary; nil when it has none or when
	// BoundaryKnown is false.
	Boundary *Boundary `json:"boundary,omitempty"`
	// BoundaryKnown: the boundary was read (GetRolePermissionBoundary).
	BoundaryKnown bool `json:"boundaryKnown"`
}

// WriteJSON writes the snapshot to w as indented JSON followed by a newline.
// Text is written as is (no HTML escaping), so policy documents stay readable.
func (s *Snapshot) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("cam: writing snapshot: %w", err)
	}
	return nil
}

// normalize puts every list in the snapshot's fixed order and replaces nil
// top-level lists with empty ones, so equal snapshots marshal identically.
func (s *Snapshot) normalize() {
	s.Users = nonNil(s.Users)
	s.Groups = nonNil(s.Groups)
	s.Roles = nonNil(s.Roles)
	s.Policies = nonNil(s.Policies)
	s.Problems = nonNil(s.Problems)

	slices.SortStableFunc(s.Root.Keys, func(a, b AccessKey) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortStableFunc(s.Users, func(a, b UserRecord) int { return cmp.Compare(a.UIN, b.UIN) })
	for i := range s.Users {
		u := &s.Users[i]
		slices.SortStableFunc(u.Keys, func(a, b AccessKey) int { return cmp.Compare(a.ID, b.ID) })
		slices.Sort(u.GroupIDs)
		u.GroupIDs = slices.Compact(u.GroupIDs)
		sortAttachments(u.Policies)
	}
	slices.SortStableFunc(s.Groups, func(a, b GroupRecord) int { return cmp.Compare(a.ID, b.ID) })
	for i := range s.Groups {
		g := &s.Groups[i]
		slices.Sort(g.Members)
		g.Members = slices.Compact(g.Members)
		sortAttachments(g.Policies)
	}
	slices.SortStableFunc(s.Roles, func(a, b RoleRecord) int { return cmp.Compare(a.Name, b.Name) })
	for i := range s.Roles {
		r := &s.Roles[i]
		slices.SortStableFunc(r.Tags, func(a, b Tag) int { return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Value, b.Value)) })
		sortAttachments(r.Policies)
	}
	slices.SortStableFunc(s.Policies, func(a, b Policy) int { return cmp.Compare(a.ID, b.ID) })
	sortProblems(s.Problems)
}

func sortAttachments(as []Attachment) {
	slices.SortStableFunc(as, func(a, b Attachment) int {
		return cmp.Or(cmp.Compare(a.PolicyID, b.PolicyID), cmp.Compare(a.GroupID, b.GroupID))
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
