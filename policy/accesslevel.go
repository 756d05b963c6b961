package policy

import (
	"fmt"
	"strings"
)

// AccessLevel classifies what an action can do, after policy_sentry's five
// levels. Levels are ordered by privilege, lowest first:
//
//	AccessUnknown < AccessList < AccessRead < AccessTagging < AccessWrite < AccessPermissionsManagement
//
// so a < b means "b can do more harm than a", and the level of a set of actions
// is its maximum. AccessUnknown is the zero value and is given only for input
// that names no action (an empty service or API name).
type AccessLevel uint8

// The access levels, in order of privilege.
const (
	// AccessUnknown is the zero value: no action was named.
	AccessUnknown AccessLevel = iota
	// AccessList lists resources (List*).
	AccessList
	// AccessRead reads resources and data (Describe*, Get*, Query*, ...),
	// including data-plane reads such as cos:GetObject and secret values.
	AccessRead
	// AccessTagging changes tags only (Tag*, Untag*, Modify...Tags, ...).
	AccessTagging
	// AccessWrite creates, changes or deletes resources.
	AccessWrite
	// AccessPermissionsManagement changes who may do what: policies and their
	// attachments, permission boundaries, trust policies, group membership,
	// access keys, passwords, MFA settings, bucket policies and ACLs, and
	// assuming or passing roles. It is also the level of every API that issues
	// credentials or access beyond the caller's policies, even one whose verb
	// reads ([IssuesCredentials]: tke:DescribeClusterKubeconfig,
	// cvm:DescribeInstanceVncUrl, kms:GetDataKeyPlaintext), since holding it
	// is as good as holding the rights those credentials carry. It is the
	// highest level.
	AccessPermissionsManagement
)

var accessLevelNames = [...]string{
	AccessUnknown:               "Unknown",
	AccessList:                  "List",
	AccessRead:                  "Read",
	AccessTagging:               "Tagging",
	AccessWrite:                 "Write",
	AccessPermissionsManagement: "PermissionsManagement",
}

// String returns the level's name: "List", "Read", "Tagging", "Write",
// "PermissionsManagement" or "Unknown".
func (a AccessLevel) String() string {
	if int(a) < len(accessLevelNames) {
		return accessLevelNames[a]
	}
	return fmt.Sprintf("AccessLevel(%d)", uint8(a))
}

// MarshalText writes the level's name. It fails for a value outside the
// defined levels.
func (a AccessLevel) MarshalText() ([]byte, error) {
	if int(a) >= len(accessLevelNames) {
		return nil, fmt.Errorf("policy: cannot marshal invalid access level %d", uint8(a))
	}
	return []byte(accessLevelNames[a]), nil
}

// UnmarshalText reads a level's name; see [ParseAccessLevel].
func (a *AccessLevel) UnmarshalText(text []byte) error {
	l, err := ParseAccessLevel(string(text))
	if err != nil {
		return err
	}
	*a = l
	return nil
}

// ParseAccessLevel reads a level's name as [AccessLevel.String] writes it,
// ignoring case, spaces and underscores (so policy_sentry's "Permissions
// management" is accepted too).
func ParseAccessLevel(s string) (AccessLevel, error) {
	norm := strings.NewReplacer(" ", "", "_", "").Replace(strings.ToLower(s))
	for i, name := range accessLevelNames {
		if strings.ToLower(name) == norm {
			return AccessLevel(i), nil
		}
	}
	return AccessUnknown, fmt.Errorf("policy: unknown access level %s (want List, Read, Tagging, Write or PermissionsManagement)", quote(s))
}
