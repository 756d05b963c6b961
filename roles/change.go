package roles

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
)

// ChangeKind is what one [Change] does.
type ChangeKind int

// The kinds of change, in the order [Apply] performs them.
const (
	CreatePolicy            ChangeKind = iota + 1 // create a custom policy (CreatePolicy)
	UpdatePolicy                                  // new default version of a custom policy (CreatePolicyVersion)
	UpdatePolicyDescription                       // change a policy's description (UpdatePolicy)
	CreateRole                                    // create a role (CreateRole)
	UpdateTrust                                   // replace a role's trust policy (UpdateAssumeRolePolicy)
	UpdateDescription                             // change a role's description (UpdateRoleDescription)
	UpdateSessionDuration                         // change a role's session length (UpdateRoleSessionDuration)
	TagRole                                       // add or change role tags (TagRole)
	UntagRole                                     // remove role tags (UntagRole)
	AttachRolePolicy                              // attach a policy to a role (AttachRolePolicy)
	PutRoleBoundary                               // set a role's boundary (PutRolePermissionsBoundary)
	DetachRolePolicy                              // detach a policy from a role (DetachRolePolicy)
	DeleteRoleBoundary                            // remove a role's boundary (DeleteRolePermissionsBoundary)
	Grant                                         // attach a user's assume policy (AttachUserPolicy)
	Revoke                                        // detach a user's assume policy (DetachUserPolicy)
	DeletePolicy                                  // delete a custom policy camkit made (DeletePolicy)
)

var kindNames = [...]string{
	CreatePolicy: "create-policy", UpdatePolicy: "update-policy", UpdatePolicyDescription: "update-policy-description",
	CreateRole: "create-role", UpdateTrust: "update-trust", UpdateDescription: "update-description",
	UpdateSessionDuration: "update-session-duration", TagRole: "tag-role", UntagRole: "untag-role",
	AttachRolePolicy: "attach-role-policy", PutRoleBoundary: "put-role-boundary", DetachRolePolicy: "detach-role-policy",
	DeleteRoleBoundary: "delete-role-boundary", Grant: "grant", Revoke: "revoke", DeletePolicy: "delete-policy",
}

// Valid reports whether k is one of the kinds.
func (k ChangeKind) Valid() bool { return k >= CreatePolicy && k <= DeletePolicy }

// String returns the kind's name, e.g. "create-role".
func (k ChangeKind) String() string {
	if k.Valid() {
		return kindNames[k]
	}
	return fmt.Sprintf("ChangeKind(%d)", int(k))
}

// MarshalText writes the kind's name.
func (k ChangeKind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("roles: change kind %d is not valid", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads a kind's name.
func (k *ChangeKind) UnmarshalText(text []byte) error {
	for i := CreatePolicy; i <= DeletePolicy; i++ {
		if kindNames[i] == string(text) {
			*k = i
			return nil
		}
	}
	return fmt.Errorf("roles: unknown change kind %q", msgtext.Clip(string(text)))
}

// symbol is the plan's marker: + adds, ~ changes, - removes.
func (k ChangeKind) symbol() string {
	switch k {
	case CreatePolicy, CreateRole, AttachRolePolicy, PutRoleBoundary, Grant:
		return "+"
	case DetachRolePolicy, DeleteRoleBoundary, Revoke, DeletePolicy, UntagRole:
		return "-"
	}
	return "~"
}

// Change is one step of a [Plan], with the state before and after.
type Change struct {
	// Kind is what the change does.
	Kind ChangeKind `json:"kind"`
	// Role is the role concerned, if any.
	Role string `json:"role,omitempty"`
	// User and UIN name the sub-user of a Grant or Revoke.
	User string `json:"user,omitempty"`
	UIN  uint64 `json:"uin,omitempty"`
	// Policy is the policy concerned, by name.
	Policy string `json:"policy,omitempty"`
	// PolicyID is the policy's ID; 0 for a policy an earlier change of the
	// same plan creates (Apply fills it in).
	PolicyID uint64 `json:"policyID,omitempty"`
	// Before and After show the value changed (a document, a description, a
	// duration); empty when not applicable.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	// Description is the description of a policy or role to create.
	Description string `json:"description,omitempty"`
	// Seconds is the session duration of CreateRole and UpdateSessionDuration.
	Seconds int64 `json:"seconds,omitempty"`
	// ConsoleLogin is CreateRole's console-login setting.
	ConsoleLogin bool `json:"consoleLogin,omitempty"`
	// Tags are the tags of CreateRole and TagRole.
	Tags []cam.Tag `json:"tags,omitempty"`
	// TagKeys are the keys UntagRole removes.
	TagKeys []string `json:"tagKeys,omitempty"`
	// Env is the environment the change touches (from the role name's
	// environment part, lower case; "all" when the role has none).
	Env string `json:"env,omitempty"`
	// Reason says why the change is needed, when that is not obvious
	// ("grant expired 2026-11-02T00:00:00Z").
	Reason string `json:"reason,omitempty"`
}

// String is one line: "+ create-role DevOps-Deploy-Dev".
func (c Change) String() string {
	s := c.Kind.symbol() + " " + c.Kind.String()
	switch c.Kind {
	case CreatePolicy, UpdatePolicy, UpdatePolicyDescription, DeletePolicy:
		s += " " + msgtext.Name(c.Policy)
	case AttachRolePolicy, DetachRolePolicy, PutRoleBoundary, DeleteRoleBoundary:
		s += " " + msgtext.Name(c.Policy) + " on role " + msgtext.Name(c.Role)
	case Grant, Revoke:
		s += " " + msgtext.Name(c.Policy) + " for user " + msgtext.Name(c.User)
	default:
		s += " " + msgtext.Name(c.Role)
	}
	if c.Reason != "" {
		s += " (" + msgtext.Text(c.Reason) + ")"
	}
	return s
}

func sortTags(ts []cam.Tag) {
	slices.SortFunc(ts, func(a, b cam.Tag) int { return cmp.Compare(a.Key, b.Key) })
}
