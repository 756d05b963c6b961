package cam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/camkit/camkit/policy"
)

// snapshotFields are the fields every snapshot has; "root" is optional, for
// snapshots written before camkit read the root account's keys.
var snapshotFields = []string{"schemaVersion", "taken", "account", "users", "groups", "roles", "policies", "problems"}

// ReadSnapshot reads a snapshot written by [Snapshot.WriteJSON] (or by
// json.Marshal) and parses its policy documents and trust policies again.
//
// It accepts only a whole snapshot of this format: one JSON object with
// [SnapshotSchemaVersion] and every field WriteJSON writes (JSON null, a
// partial object or unknown fields are errors), that does not contradict
// itself: no two users with one UIN or name, no two groups with one ID, no two
// roles with one name, no two policies with one ID, no two keys with one ID;
// a user's groups and the groups' members agree; every attached policy and
// boundary is among the policies (or, for a boundary, carries its document);
// and a boundary's policy name is the name of the policy with its ID, when
// both are given (evaluators name the boundary by the one and decide by the
// other's document; when a policy is renamed between Load's reads of a
// boundary and of the policy, Load gives the boundary the policy's new name
// and records a problem, so its snapshots always read back). Every error is a
// *[SnapshotError] (matching [ErrBadSnapshot]) that names what is wrong and
// where, or the reader's own error.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	dec := json.NewDecoder(r)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, badSnapshot("the input is empty")
		}
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, badSnapshot("not JSON: %v (byte %d)", err, syn.Offset)
		}
		return nil, fmt.Errorf("cam: reading snapshot: %w", err)
	}
	if dec.More() {
		return nil, badSnapshot("unexpected data after the snapshot")
	}
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, badSnapshot("the input is JSON null, not a snapshot")
	}
	var s Snapshot
	if err := s.UnmarshalJSON(raw); err != nil {
		return nil, err
	}
	return &s, nil
}

// snapshotJSON has Snapshot's fields without its methods.
type snapshotJSON Snapshot

type snapshotVersionError struct{ got int }

func (e *snapshotVersionError) Error() string {
	if e.got == 0 {
		return "cam: reading snapshot: schemaVersion is missing; this is not a camkit snapshot"
	}
	return fmt.Sprintf("cam: reading snapshot: schema version %d is not supported (this camkit reads version %d)", e.got, SnapshotSchemaVersion)
}

// Is reports whether target is [ErrBadSnapshot].
func (e *snapshotVersionError) Is(target error) bool { return target == ErrBadSnapshot }

// UnmarshalJSON reads a snapshot with the checks of [ReadSnapshot] and parses
// policy documents and trust policies again ([Policy.Parsed], [Role.Trust]).
// Like encoding/json itself, it treats JSON null as a no-op; ReadSnapshot
// rejects it.
func (s *Snapshot) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return badSnapshot("a snapshot is a JSON object: %v", err)
	}
	v, ok := fields["schemaVersion"]
	if !ok {
		return &snapshotVersionError{}
	}
	var version int
	if err := json.Unmarshal(v, &version); err != nil {
		return badSnapshot("schemaVersion: %v", err)
	}
	if version != SnapshotSchemaVersion {
		return &snapshotVersionError{got: version}
	}
	var missing []string
	for _, f := range snapshotFields {
		if v, ok := fields[f]; !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			missing = append(missing, strconv.Quote(f))
		}
	}
	if len(missing) > 0 {
		return badSnapshot("not a whole snapshot: %s missing or null", strings.Join(missing, ", "))
	}
	var raw snapshotJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return badSnapshot("%v", strings.TrimPrefix(err.Error(), "json: "))
	}
	next := Snapshot(raw)
	if err := next.checkUnique(); err != nil {
		return err
	}
	*s = next
	s.normalize()
	for i := range s.Roles {
		s.Roles[i].Trust = parseOrNil(s.Roles[i].TrustPolicy)
	}
	for i := range s.Policies {
		s.Policies[i].Parsed = parseOrNil(s.Policies[i].Document)
	}
	s.idx = &lazyIndex{}
	return nil
}

// checkUnique reports records that share what identifies them, by their
// positions in the input.
func (s *Snapshot) checkUnique() error {
	var e SnapshotError
	unique(&e, "users", "uin", len(s.Users), func(i int) uint64 { return s.Users[i].UIN })
	unique(&e, "users", "name", len(s.Users), func(i int) string { return s.Users[i].Name })
	unique(&e, "groups", "id", len(s.Groups), func(i int) uint64 { return s.Groups[i].ID })
	unique(&e, "roles", "name", len(s.Roles), func(i int) string { return s.Roles[i].Name })
	unique(&e, "policies", "id", len(s.Policies), func(i int) uint64 { return s.Policies[i].ID })
	unique(&e, "root.keys", "id", len(s.Root.Keys), func(i int) string { return s.Root.Keys[i].ID })
	for i := range s.Users {
		unique(&e, "users["+strconv.Itoa(i)+"].keys", "id", len(s.Users[i].Keys), func(j int) string { return s.Users[i].Keys[j].ID })
	}
	s.checkReferences(&e)
	if len(e.Problems) > 0 {
		return &e
	}
	return nil
}

// checkReferences reports memberships and attachments that name what the
// snapshot does not have: Load writes a user's groups from the groups' member
// lists, and every attached policy and boundary into Policies.
func (s *Snapshot) checkReferences(e *SnapshotError) {
	groups := make(map[uint64]*GroupRecord, len(s.Groups))
	for i := range s.Groups {
		groups[s.Groups[i].ID] = &s.Groups[i]
	}
	policies := make(map[uint64]bool, len(s.Policies))
	names := make(map[uint64]string, len(s.Policies))
	for _, p := range s.Policies {
		policies[p.ID] = true
		names[p.ID] = p.Name
	}
	attached := func(where string, as []Attachment) {
		for j, a := range as {
			if !policies[a.PolicyID] {
				e.Problems = append(e.Problems, fmt.Sprintf("%s.policies[%d]: policy id %d is not in policies", where, j, a.PolicyID))
			}
		}
	}
	bounded := func(where, who string, b *Boundary) {
		switch {
		case b == nil:
		case !policies[b.PolicyID] && b.Document == "":
			e.Problems = append(e.Problems, fmt.Sprintf("%s.boundary: policy id %d is not in policies", where, b.PolicyID))
		case policies[b.PolicyID] && b.PolicyName != "" && names[b.PolicyID] != "" && b.PolicyName != names[b.PolicyID]:
			e.Problems = append(e.Problems, fmt.Sprintf("%s.boundary: %s is bounded by policy id %d named %q, but policies names policy id %d %q",
				where, who, b.PolicyID, b.PolicyName, b.PolicyID, names[b.PolicyID]))
		}
	}
	for i := range s.Users {
		u := &s.Users[i]
		where := "users[" + strconv.Itoa(i) + "]"
		for j, gid := range u.GroupIDs {
			g, ok := groups[gid]
			switch {
			case !ok:
				e.Problems = append(e.Problems, fmt.Sprintf("%s.groupIDs[%d]: group id %d is not in groups", where, j, gid))
			case g.MembersKnown && !slices.Contains(g.Members, u.UIN):
				e.Problems = append(e.Problems, fmt.Sprintf("%s.groupIDs[%d]: group id %d does not list uin %d among its members", where, j, gid, u.UIN))
			}
		}
		attached(where, u.Policies)
		bounded(where, fmt.Sprintf("user %q (uin %d)", u.Name, u.UIN), u.Boundary)
	}
	users := make(map[uint64]*UserRecord, len(s.Users))
	for i := range s.Users {
		users[s.Users[i].UIN] = &s.Users[i]
	}
	for i := range s.Groups {
		g := &s.Groups[i]
		where := "groups[" + strconv.Itoa(i) + "]"
		for j, uin := range g.Members {
			if u, ok := users[uin]; ok && u.GroupsKnown && g.MembersKnown && !slices.Contains(u.GroupIDs, g.ID) {
				e.Problems = append(e.Problems, fmt.Sprintf("%s.members[%d]: uin %d does not list group id %d among its groups", where, j, uin, g.ID))
			}
		}
		attached(where, g.Policies)
	}
	for i := range s.Roles {
		attached("roles["+strconv.Itoa(i)+"]", s.Roles[i].Policies)
		bounded("roles["+strconv.Itoa(i)+"]", fmt.Sprintf("role %q", s.Roles[i].Name), s.Roles[i].Boundary)
	}
}

func unique[K comparable](e *SnapshotError, list, what string, n int, key func(int) K) {
	first := make(map[K]int, n)
	for i := range n {
		k := key(i)
		if j, ok := first[k]; ok {
			e.Problems = append(e.Problems, fmt.Sprintf("%s[%d]: %s %v appears twice, also %s[%d]", list, i, what, quoteKey(k), list, j))
			continue
		}
		first[k] = i
	}
}

func quoteKey(k any) string {
	if s, ok := k.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(k)
}

// parseOrNil parses a document, returning nil for empty or unparsable text (Load
// recorded a Problem for it when the snapshot was taken).
func parseOrNil(text string) *policy.Document {
	if text == "" {
		return nil
	}
	doc, err := policy.Parse([]byte(text))
	if err != nil {
		return nil
	}
	return doc
}
