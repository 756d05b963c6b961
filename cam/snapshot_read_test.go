package cam_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// minimalSnapshot is the smallest whole snapshot: every field, nothing in it.
const minimalSnapshot = `{"schemaVersion":1,"taken":"2026-11-01T00:00:00Z","account":{"ownerUIN":1},"users":[],"groups":[],"roles":[],"policies":[],"problems":[]}`

// withField returns minimalSnapshot with field set to value.
func withField(field, value string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(minimalSnapshot), &m); err != nil {
		panic(err)
	}
	m[field] = json.RawMessage(value)
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(out)
}

// withTwo returns minimalSnapshot with two fields set.
func withTwo(f1, v1, f2, v2 string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(withField(f1, v1)), &m); err != nil {
		panic(err)
	}
	m[f2] = json.RawMessage(v2)
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(out)
}

func TestReadSnapshotErrors(t *testing.T) {
	t.Parallel()
	user := func(uin, name string) string { return `{"uin":` + uin + `,"name":"` + name + `"}` }
	tests := []struct {
		name, input, want string
	}{
		{"future version", `{"schemaVersion":2,"users":[]}`, "schema version 2 is not supported (this camkit reads version 1)"},
		{"no version", `{"users":[]}`, "schemaVersion is missing"},
		{"version not a number", `{"schemaVersion":"1"}`, "schemaVersion: "},
		{"not JSON", `users:`, "not JSON: "},
		{"null", `null`, "the input is JSON null, not a snapshot"},
		{"array", `[1,2]`, "a snapshot is a JSON object"},
		{"number", `1`, "a snapshot is a JSON object"},
		{"partial", `{"schemaVersion":1}`, `not a whole snapshot: "taken", "account", "users", "groups", "roles", "policies", "problems" missing or null`},
		{"null list", withField("users", "null"), `not a whole snapshot: "users" missing or null`},
		{"unknown field", withField("admins", "[]"), `unknown field "admins"`},
		{"unknown nested field", withField("users", `[{"uin":1,"name":"a","password":"x"}]`), `unknown field "password"`},
		{"wrong type", withField("users", "{}"), "cannot unmarshal object"},
		{"trailing data", minimalSnapshot + ` {}`, "unexpected data after the snapshot"},
		{"empty", ``, "the input is empty"},
		{"duplicate uin", withField("users", "["+user("5", "a")+","+user("5", "b")+"]"), "users[1]: uin 5 appears twice, also users[0]"},
		{"duplicate user name", withField("users", "["+user("5", "a")+","+user("6", "a")+"]"), `users[1]: name "a" appears twice, also users[0]`},
		{"duplicate group", withField("groups", `[{"id":7,"name":"a"},{"id":7,"name":"b"}]`), "groups[1]: id 7 appears twice, also groups[0]"},
		{"duplicate role", withField("roles", `[{"id":"1","name":"R","trustPolicy":""},{"id":"2","name":"R","trustPolicy":""}]`), `roles[1]: name "R" appears twice, also roles[0]`},
		{"duplicate policy", withField("policies", `[{"id":3,"name":"a","type":"custom"},{"id":3,"name":"b","type":"custom"}]`), "policies[1]: id 3 appears twice, also policies[0]"},
		{"duplicate key", withField("users", `[{"uin":1,"name":"a","keys":[{"id":"K","userUIN":1,"status":"Active"},{"id":"K","userUIN":1,"status":"Active"}]}]`), `users[0].keys[1]: id "K" appears twice`},
		{"unknown group", withField("users", `[{"uin":1,"name":"a","groupIDs":[9],"groupsKnown":true}]`), "users[0].groupIDs[0]: group id 9 is not in groups"},
		{"member not listed", withTwo("users", `[{"uin":1,"name":"a","groupIDs":[9],"groupsKnown":true}]`, "groups", `[{"id":9,"name":"g","members":[2],"membersKnown":true}]`),
			"users[0].groupIDs[0]: group id 9 does not list uin 1"},
		{"group not listed", withTwo("users", `[{"uin":1,"name":"a","groupsKnown":true}]`, "groups", `[{"id":9,"name":"g","members":[1],"membersKnown":true}]`),
			"groups[0].members[0]: uin 1 does not list group id 9"},
		{"unknown policy", withField("roles", `[{"id":"1","name":"R","trustPolicy":"","policies":[{"policyID":4,"policyName":"p","policyType":"custom"}]}]`), "roles[0].policies[0]: policy id 4 is not in policies"},
		{"unknown boundary", withField("users", `[{"uin":1,"name":"a","boundary":{"policyID":4}}]`), "users[0].boundary: policy id 4 is not in policies"},
		{"user boundary renamed", withTwo("users", `[{"uin":1,"name":"a","boundary":{"policyID":4,"policyName":"old"}}]`, "policies", `[{"id":4,"name":"new","type":"custom"}]`),
			`users[0].boundary: user "a" (uin 1) is bounded by policy id 4 named "old", but policies names policy id 4 "new"`},
		{"role boundary renamed", withTwo("roles", `[{"id":"1","name":"R","trustPolicy":"","boundary":{"policyID":4,"policyName":"old","document":"{}"}}]`, "policies", `[{"id":4,"name":"new","type":"custom"}]`),
			`roles[0].boundary: role "R" is bounded by policy id 4 named "old", but policies names policy id 4 "new"`},
		{"duplicate root key", withField("root", `{"keys":[{"id":"K","userUIN":1,"status":"Active"},{"id":"K","userUIN":1,"status":"Active"}],"keysKnown":true}`), `root.keys[1]: id "K" appears twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := cam.ReadSnapshot(strings.NewReader(tt.input))
			if err == nil || s != nil || !strings.HasPrefix(err.Error(), "cam: reading snapshot: ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadSnapshot(%q) = %v, %v; want error containing %q", tt.input, s, err, tt.want)
			}
			if !errors.Is(err, cam.ErrBadSnapshot) {
				t.Errorf("error %v does not match ErrBadSnapshot", err)
			}
		})
	}

	s, err := cam.ReadSnapshot(strings.NewReader(minimalSnapshot))
	if err != nil || s.Users == nil || s.Problems == nil || s.Root.KeysKnown {
		t.Errorf("minimal snapshot: %+v, %v", s, err)
	}
	// A boundary's name is compared only when the boundary and the policy
	// both give one, and only with a policy the snapshot has.
	for _, ok := range []string{
		withTwo("users", `[{"uin":1,"name":"a","boundary":{"policyID":4,"policyName":"p"}}]`, "policies", `[{"id":4,"name":"p","type":"custom"}]`),
		withTwo("users", `[{"uin":1,"name":"a","boundary":{"policyID":4}}]`, "policies", `[{"id":4,"name":"p","type":"custom"}]`),
		withTwo("users", `[{"uin":1,"name":"a","boundary":{"policyID":4,"policyName":"p"}}]`, "policies", `[{"id":4,"type":"custom"}]`),
		withField("roles", `[{"id":"1","name":"R","trustPolicy":"","boundary":{"policyID":4,"policyName":"p","document":"{}"}}]`),
	} {
		if _, err := cam.ReadSnapshot(strings.NewReader(ok)); err != nil {
			t.Errorf("ReadSnapshot(%s): %v", ok, err)
		}
	}
	// JSON null inside a larger document leaves the value alone, as
	// encoding/json does for every type.
	var holder struct{ Snap cam.Snapshot }
	if err := json.Unmarshal([]byte(`{"Snap":null}`), &holder); err != nil || holder.Snap.SchemaVersion != 0 {
		t.Errorf("unmarshalling null: %v, %+v", err, holder.Snap)
	}
	// Many problems: the first ten in full, then a count.
	var users []string
	for range 15 {
		users = append(users, user("5", "a"))
	}
	_, err = cam.ReadSnapshot(strings.NewReader(withField("users", "["+strings.Join(users, ",")+"]")))
	var se *cam.SnapshotError
	if !errors.As(err, &se) || len(se.Problems) != 28 || !strings.HasSuffix(err.Error(), "; and 18 more") {
		t.Errorf("error with many problems = %v", err)
	}
}

// FuzzReadSnapshot: ReadSnapshot never panics, and what it accepts writes
// back to a snapshot that reads again and writes identically.
func FuzzReadSnapshot(f *testing.F) {
	var demo bytes.Buffer
	s, err := cam.Load(f.Context(), camfake.Demo())
	if err != nil {
		f.Fatal(err)
	}
	if err := s.WriteJSON(&demo); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{demo.String(), minimalSnapshot, `null`, `{}`, `{"schemaVersion":1}`, `[]`,
		withField("users", `[{"uin":5,"name":"a"},{"uin":5,"name":"b"}]`),
		withField("policies", `[{"id":3,"name":"a","type":"custom","document":"{\"version\":\"2.0\",\"statement\":[]}"}]`),
		withField("taken", `"2026-11-01T08:00:00+08:00"`)} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := cam.ReadSnapshot(bytes.NewReader(data))
		if err != nil {
			if s != nil {
				t.Fatalf("a snapshot came with the error %v", err)
			}
			return
		}
		var first bytes.Buffer
		if err := s.WriteJSON(&first); err != nil {
			t.Fatalf("an accepted snapshot does not write: %v", err)
		}
		back, err := cam.ReadSnapshot(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("a written snapshot does not read back: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := back.WriteJSON(&second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed the snapshot:\n%s\nthen\n%s", first.Bytes(), second.Bytes())
		}
	})
}
