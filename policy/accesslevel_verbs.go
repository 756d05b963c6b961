package policy

import "strings"

// verbLevels maps the leading verb of an API name (lowercase) to its level.
var verbLevels = map[string]AccessLevel{
	"list": AccessList,

	"describe": AccessRead, "get": AccessRead, "query": AccessRead, "check": AccessRead,
	"inquiry": AccessRead, "inquire": AccessRead, "search": AccessRead, "head": AccessRead,
	"verify": AccessRead, "lookup": AccessRead, "view": AccessRead, "preview": AccessRead,
	"fetch": AccessRead, "download": AccessRead, "options": AccessRead, "select": AccessRead,
	"is": AccessRead, "count": AccessRead, "compare": AccessRead, "validate": AccessRead,
	"batchget": AccessRead, "batchquery": AccessRead, "stat": AccessRead, "show": AccessRead,

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
	"batch": AccessWrite, "assume": AccessWrite, "issue": AccessWrite, "edit": AccessWrite,
	"clear": AccessWrite, "reject": AccessWrite, "accept": AccessWrite, "confirm": AccessWrite,
}

// maxVerbLen is the length of the longest verb in verbLevels.
var maxVerbLen = func() int {
	n := 0
	for v := range verbLevels {
		n = max(n, len(v))
	}
	return n
}()

// apiVerb returns the level and length of the verb of verbLevels that api
// starts with, ignoring case. A verb counts only at a word boundary: the
// character after it must not be a lowercase letter ("ListUsers" has the verb
// "list", "Listen" none), and of several the longest counts ("Isolate..." is
// isolate, not is). A name written all in lowercase has no visible word
// boundaries, so every verb it starts with counts and the most privileged
// wins: "issuecertificate" is issue (Write), not is (Read). A wildcard
// pattern's literal prefix ("Describe" of "Describe*") fixes its verb the same
// way.
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
		head = append(head, lowerASCII(api[i]))
	}
	for k := len(head); k > 0; k-- {
		if !allLower && k < len(api) && api[k] >= 'a' && api[k] <= 'z' {
			continue // not at a word boundary
		}
		l, found := verbLevels[string(head[:k])]
		if !found {
			continue
		}
		if allLower {
			if !ok || l > level {
				level, n, ok = l, k, true
			}
			continue
		}
		return l, k, true
	}
	return level, n, ok
}

// tagChangeVerbs are the verbs with which a name ending in Tag or Tags only
// changes tags (ModifyResourceTags, AddResourceTag, AttachResourcesTag). A
// Delete...Tags or Create...Tag may delete or create other things called tags
// (tcr:DeleteRepositoryTags deletes container image tags, tsf:DeleteImageTags
// too), so they stay writes.
var tagChangeVerbs = map[string]bool{
	"modify": true, "add": true, "attach": true, "detach": true, "bind": true, "unbind": true,
	"update": true, "edit": true, "set": true, "put": true,
}

// isTaggingName reports whether a write API with verb verb (lowercase) only
// changes tags: its name ends in "Tagging" (PutBucketTagging,
// DeleteObjectTagging), or ends in "Tag" or "Tags" and its verb is one of
// tagChangeVerbs.
func isTaggingName(api, verb string) bool {
	if hasSuffixFold(api, "tagging") {
		return true
	}
	return (hasSuffixFold(api, "tag") || hasSuffixFold(api, "tags")) && tagChangeVerbs[verb]
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// sensitiveService reports whether every mutation of service is
// PermissionsManagement: CAM and STS manage identities and credentials, and
// organization manages member accounts, their identity-centre users, role
// configurations and the policies that bound them.
func sensitiveService(service string) bool {
	return service == "cam" || service == "sts" || service == "organization"
}

// identityWords are the CamelCase words (and word pairs) that make a write of
// any service permissions management: it changes who may do what or hands out
// a way in (database account privileges, passwords, permission grants,
// credentials, kubeconfigs, SSO and identity-provider settings).
var identityWords = map[string]bool{
	"Privilege": true, "Privileges": true, "Password": true, "Passwords": true,
	"Permission": true, "Permissions": true, "Credential": true, "Credentials": true,
	"Kubeconfig": true, "Grant": true, "SAML": true, "OIDC": true, "SSO": true,
	"Saml": true, "Oidc": true, "Sso": true, "Scim": true, "SCIM": true,
}

// identityPair reports whether the consecutive words prev and w mean the same
// as identityWords: AccessKey, ApiKey, SecretKey, CamRole, RoleAssignment,
// RoleConfiguration, and policies that grant access (AuthorizationPolicy,
// AccessPolicy, AuthPolicy, BucketPolicy, PermissionPolicy, RolePolicy).
func identityPair(prev, w string) bool {
	switch w {
	case "Key":
		return prev == "Access" || prev == "Api" || prev == "API" || prev == "Secret"
	case "Role":
		return prev == "Cam"
	case "Assignment", "Configuration":
		return prev == "Role"
	case "Policy":
		switch prev {
		case "Authorization", "Access", "Auth", "Bucket", "Permission", "Role":
			return true
		}
	}
	return false
}

// identityLower are the lowercase spellings of identityWords and
// identityPair long enough to find inside an all-lowercase name.
var identityLower = [...]string{
	"privilege", "password", "permission", "credential", "kubeconfig", "accesskey",
	"apikey", "secretkey", "camrole", "roleassignment", "roleconfiguration",
	"authorizationpolicy", "accesspolicy", "bucketpolicy", "permissionpolicy",
}

// isIdentityName reports whether the name of a write API names identities,
// permissions or credentials (see identityWords).
func isIdentityName(api string) bool {
	allLower := true
	for i := 0; i < len(api); i++ {
		if api[i] >= 'A' && api[i] <= 'Z' {
			allLower = false
			break
		}
	}
	if allLower {
		for _, w := range identityLower {
			if strings.Contains(api, w) {
				return true
			}
		}
		return false
	}
	prev := ""
	for i := 0; i < len(api); {
		j := nextWord(api, i)
		w := api[i:j]
		if identityWords[w] || identityPair(prev, w) {
			return true
		}
		prev, i = w, j
	}
	return false
}

// nextWord returns the end of the CamelCase word of s starting at i: an
// upper-case letter and the lower-case letters and digits after it, or a run
// of upper-case letters not followed by a lower-case one ("SAML" in
// "CreateSAMLProvider", "SSO" in "DisableUserSSO").
func nextWord(s string, i int) int {
	isUpper := func(b byte) bool { return b >= 'A' && b <= 'Z' }
	isLower := func(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') }
	j := i + 1
	if isUpper(s[i]) && j < len(s) && isUpper(s[j]) {
		for j < len(s) && isUpper(s[j]) && !(j+1 < len(s) && isLower(s[j+1])) {
			j++
		}
		return j
	}
	for j < len(s) && !isUpper(s[j]) {
		j++
	}
	return j
}

// levelFromVerb is the level an API with verb level l (and verb, lowercase, of
// length n) has in service, before the override table: tag-only writes are
// Tagging, and writes of CAM, STS and organization and writes that name
// identities, permissions or credentials are PermissionsManagement.
func levelFromVerb(service, api string, l AccessLevel, n int) AccessLevel {
	if l != AccessWrite {
		return l
	}
	var buf [32]byte
	verb := buf[:0]
	for i := 0; i < n && i < len(buf); i++ {
		verb = append(verb, lowerASCII(api[i]))
	}
	switch {
	case sensitiveService(service), isIdentityName(api):
		return AccessPermissionsManagement
	case isTaggingName(api, string(verb)):
		return AccessTagging
	}
	return l
}
