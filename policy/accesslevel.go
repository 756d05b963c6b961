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
	// assuming or passing roles.
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

// verbLevels maps the leading verb of an API name (lowercase) to its level.
var verbLevels = map[string]AccessLevel{
	"list": AccessList,

	"describe": AccessRead, "get": AccessRead, "query": AccessRead, "check": AccessRead,
	"inquiry": AccessRead, "inquire": AccessRead, "search": AccessRead, "head": AccessRead,
	"verify": AccessRead, "lookup": AccessRead, "view": AccessRead, "preview": AccessRead,
	"fetch": AccessRead, "download": AccessRead, "options": AccessRead, "select": AccessRead,
	"is": AccessRead, "count": AccessRead, "stat": AccessRead, "show": AccessRead,

	"tag": AccessTagging, "untag": AccessTagging,

	"create": AccessWrite, "modify": AccessWrite, "update": AccessWrite, "delete": AccessWrite,
	"run": AccessWrite, "terminate": AccessWrite, "reset": AccessWrite, "start": AccessWrite,
	"stop": AccessWrite, "put": AccessWrite, "set": AccessWrite, "attach": AccessWrite,
	"detach": AccessWrite, "add": AccessWrite, "remove": AccessWrite, "upload": AccessWrite,
	"apply": AccessWrite, "bind": AccessWrite, "unbind": AccessWrite, "associate": AccessWrite,
	"disassociate": AccessWrite, "import": AccessWrite, "export": AccessWrite,
	"allocate": AccessWrite, "release": AccessWrite, "renew": AccessWrite, "enable": AccessWrite,
	"disable": AccessWrite, "reboot": AccessWrite, "restart": AccessWrite, "resize": AccessWrite,
	"post": AccessWrite, "copy": AccessWrite, "abort": AccessWrite, "complete": AccessWrite,
	"initiate": AccessWrite, "append": AccessWrite, "restore": AccessWrite, "rollback": AccessWrite,
	"cancel": AccessWrite, "publish": AccessWrite, "invoke": AccessWrite, "sync": AccessWrite,
	"switch": AccessWrite, "upgrade": AccessWrite, "downgrade": AccessWrite, "isolate": AccessWrite,
	"offline": AccessWrite, "open": AccessWrite, "close": AccessWrite, "migrate": AccessWrite,
	"replace": AccessWrite, "push": AccessWrite, "send": AccessWrite, "submit": AccessWrite,
	"assign": AccessWrite, "unassign": AccessWrite, "transfer": AccessWrite, "recover": AccessWrite,
	"revoke": AccessWrite, "grant": AccessWrite, "encrypt": AccessWrite, "decrypt": AccessWrite,
	"reencrypt": AccessWrite, "generate": AccessWrite, "sign": AccessWrite, "schedule": AccessWrite,
	"purge": AccessWrite, "refresh": AccessWrite, "retry": AccessWrite, "deploy": AccessWrite,
	"install": AccessWrite, "uninstall": AccessWrite, "clone": AccessWrite, "lock": AccessWrite,
	"unlock": AccessWrite, "rotate": AccessWrite, "archive": AccessWrite, "pay": AccessWrite,
	"balance": AccessWrite, "register": AccessWrite, "deregister": AccessWrite, "acquire": AccessWrite,
	"consume": AccessWrite, "build": AccessWrite, "binding": AccessWrite, "unbinding": AccessWrite,
	"batch": AccessWrite, "assume": AccessWrite,
}

// maxVerbLen is the length of the longest verb in verbLevels.
var maxVerbLen = func() int {
	n := 0
	for v := range verbLevels {
		n = max(n, len(v))
	}
	return n
}()

// apiVerb returns the level and length of the longest verb of verbLevels that
// api starts with, ignoring case. A verb counts only at a word boundary: the character after
// it must not be a lowercase letter ("ListUsers" has the verb "list", "Listen"
// none), unless the whole name is lowercase. A wildcard pattern's literal
// prefix ("Describe" of "Describe*") fixes its verb the same way.
func apiVerb(api string) (level AccessLevel, n int, ok bool) {
	allLower := true
	for i := 0; i < len(api); i++ {
		if api[i] >= 'A' && api[i] <= 'Z' {
			allLower = false
			break
		}
	}
	var buf [32]byte
	head := buf[:0]
	for i := 0; i < len(api) && i < maxVerbLen && i < len(buf); i++ {
		head = append(head, catalogFoldByte(api[i]))
	}
	for n := len(head); n > 0; n-- {
		l, found := verbLevels[string(head[:n])]
		if !found {
			continue
		}
		if n < len(api) && !allLower && api[n] >= 'a' && api[n] <= 'z' {
			continue
		}
		return l, n, true
	}
	return AccessUnknown, 0, false
}

// isTaggingName reports whether a write API only changes tags: its name ends in
// "Tag", "Tags" or "Tagging" (ModifyResourceTags, PutBucketTagging).
func isTaggingName(api string) bool {
	for _, suffix := range [...]string{"tag", "tags", "tagging"} {
		if len(api) >= len(suffix) && strings.EqualFold(api[len(api)-len(suffix):], suffix) {
			return true
		}
	}
	return false
}

// sensitiveService reports whether unknown mutations of service are treated as
// PermissionsManagement: CAM and STS manage identities and credentials.
func sensitiveService(service string) bool { return service == "cam" || service == "sts" }

// levelFromVerb is the level an API with verb level l has in service, before the
// override table: writes in CAM and STS count as PermissionsManagement.
func levelFromVerb(service, api string, l AccessLevel) AccessLevel {
	if l == AccessWrite && isTaggingName(api) {
		l = AccessTagging
	}
	if l == AccessWrite && sensitiveService(service) {
		l = AccessPermissionsManagement
	}
	return l
}

// AccessLevelOf returns the access level of the API apiName of service, for
// example AccessLevelOf("cvm", "DescribeInstances") is [AccessRead].
// Service and API names are compared without regard to case.
//
// The level comes from an override table where the verb misleads
// (cam:AttachUserPolicy, cam:CreateAccessKey, cos:PutBucketPolicy and
// sts:AssumeRole are PermissionsManagement; cam:GetPolicy stays Read), and
// otherwise from the API's leading verb (CAM-SEMANTICS §2): Describe, Get, Query,
// Check, Inquiry, Search, Head, ... are Read; List is List; Tag and Untag, and
// writes whose name ends in Tag, Tags or Tagging, are Tagging; Create, Modify,
// Delete, Run, Start, Put, Attach, ... are Write.
//
// camkit never under-reports: an API whose verb it does not know is Write, and
// in CAM and STS every mutation not in the table is PermissionsManagement.
// apiName may be a pattern with '*', in which case the result is as for
// [Action.AccessLevel]. Empty names give [AccessUnknown].
func AccessLevelOf(service, apiName string) AccessLevel {
	service = strings.ToLower(service)
	if service == "" || apiName == "" {
		return AccessUnknown
	}
	if strings.Contains(service, "*") || strings.Contains(apiName, "*") {
		return accessPatternLevel(service, apiName)
	}
	if e, ok := catalogIndex().lookup(service, apiName); ok {
		return e.level
	}
	return accessDerivedLevel(service, apiName)
}

// accessDerivedLevel is the level of a concrete API from the override table or its
// verb; service is lowercase.
func accessDerivedLevel(service, apiName string) AccessLevel {
	var buf [96]byte
	key := appendLowerKey(buf[:0], service, apiName)
	if l, ok := accessOverrides[string(key)]; ok {
		return l
	}
	l, _, ok := apiVerb(apiName)
	if !ok {
		l = AccessWrite
	}
	return levelFromVerb(service, apiName, l)
}

// accessPatternLevel is the highest level of any API that apiPattern can match in a
// service servicePattern matches: every catalogued API it matches, and, for APIs
// camkit does not know, the level of the verbs the pattern allows ("Describe*"
// allows only Describe, "Is*" both Is and Isolate), or Write when it fixes none; such a Write is
// PermissionsManagement when the service pattern matches CAM or STS.
func accessPatternLevel(servicePattern, apiPattern string) AccessLevel {
	c := catalogIndex()
	level := AccessUnknown
	for _, service := range c.services {
		if !globMatchFold(servicePattern, service) {
			continue
		}
		levels := c.levels[service]
		for i, name := range c.byService[service] {
			if levels[i] > level && globMatchFold(apiPattern, name) {
				level = levels[i]
			}
		}
	}
	literal, _, _ := strings.Cut(apiPattern, "*")
	unknown := AccessWrite
	if l, n, ok := apiVerb(literal); ok {
		unknown = l
		if n == len(literal) {
			// The literal ends where the verb does, so a longer verb may
			// continue it: "Is*" also matches Isolate..., a write.
			for v, vl := range verbLevels {
				if len(v) > n && strings.EqualFold(v[:n], literal) {
					unknown = max(unknown, vl)
				}
			}
		}
	}
	if unknown == AccessWrite && (globMatchFold(servicePattern, "cam") || globMatchFold(servicePattern, "sts")) {
		unknown = AccessPermissionsManagement
	}
	return max(level, unknown)
}

// AccessLevel returns the access level of the action. For a concrete action it
// is [AccessLevelOf] its service and API name. For a pattern it is the highest
// level any API the pattern can match could have: "cvm:Describe*" is Read,
// "cvm:*" Write, "cos:*" PermissionsManagement (bucket policies), and "cam:*",
// "*:*" and "*" PermissionsManagement. A permid action names an undocumented
// feature set, so it is PermissionsManagement too. The zero Action is
// [AccessUnknown].
func (a Action) AccessLevel() AccessLevel {
	switch {
	case a.All, a.PermID:
		return AccessPermissionsManagement
	}
	return AccessLevelOf(a.Service, a.Name)
}
