package roles

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// Ownership markers. camkit changes only what it made (decision, documented in
// docs/semantics.md):
//
//   - a role is camkit's when it carries the tag ManagedTagKey=ManagedTagValue;
//     camkit also writes the role's tier as the tag TierTagKey ("1" to "4"),
//     which the access review reads;
//   - a custom policy is camkit's when its description starts with
//     ManagedDescriptionPrefix.
//
// A role or policy of the same name without the marker is a conflict: the
// plan reports it and leaves it, and everything that depends on it, alone.
const (
	ManagedTagKey            = "managed-by"
	ManagedTagValue          = "camkit"
	TierTagKey               = "tier"
	ManagedDescriptionPrefix = "camkit: "
	// AssumePolicyPrefix starts the name of the policy, one per user, that
	// holds the user's sts:AssumeRole grants: "camkit-assume-<user>".
	AssumePolicyPrefix = "camkit-assume-"
)

// managedRole reports whether r carries camkit's tag.
func managedRole(r *cam.RoleRecord) bool {
	for _, t := range r.Tags {
		if t.Key == ManagedTagKey && t.Value == ManagedTagValue {
			return true
		}
	}
	return false
}

// managedPolicy reports whether p is a custom policy camkit made.
func managedPolicy(p *cam.Policy) bool {
	return p.Type == cam.PolicyCustom && strings.HasPrefix(p.Description, ManagedDescriptionPrefix)
}

// describe returns a managed description, cut to CAM's 300 bytes at a
// character boundary.
func describe(text string) string {
	s := ManagedDescriptionPrefix + text
	if len(s) <= policy.MaxDescriptionLength {
		return s
	}
	s = s[:policy.MaxDescriptionLength]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

func policyDescription(d *Definition) string {
	return describe("policy of role " + d.Name + ". " + d.Purpose)
}

func boundaryDescription(d *Definition) string {
	return describe("permission boundary of role " + d.Name + ".")
}

func assumeDescription(user string) string {
	return describe("sts:AssumeRole grants of user " + user + ".")
}

// roleTags returns the tags camkit wants on d's role, sorted by key.
func roleTags(d *Definition) []cam.Tag {
	out := make([]cam.Tag, 0, len(d.Tags)+2)
	for k, v := range d.Tags {
		out = append(out, cam.Tag{Key: k, Value: v})
	}
	out = append(out, cam.Tag{Key: ManagedTagKey, Value: ManagedTagValue},
		cam.Tag{Key: TierTagKey, Value: strconv.Itoa(int(d.Tier))})
	sortTags(out)
	return out
}
