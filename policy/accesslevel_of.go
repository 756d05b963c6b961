package policy

import (
	"strings"
	"sync"
)

// AccessLevelOf returns the access level of the API apiName of service, for
// example AccessLevelOf("cvm", "DescribeInstances") is [AccessRead].
// Service and API names are compared without regard to case; a catalogued
// API is judged by its canonical spelling.
//
// The level is, in order:
//   - PermissionsManagement for an API that hands out credentials or access
//     beyond the caller's policies ([IssuesCredentials]: sts:AssumeRole,
//     cam:CreateAccessKey, tke:DescribeClusterKubeconfig,
//     cvm:DescribeInstanceVncUrl, kms:GetDataKeyPlaintext, ...), whatever its
//     verb says;
//   - an override where the verb misleads (cos:PutBucketPolicy is
//     PermissionsManagement; cam:CreateGroup, which grants nothing, Write);
//   - otherwise the API's leading verb (docs/semantics.md, "Access levels"):
//     Describe, Get, Query, Check, Inquiry, Search, Head, ... are Read; List is
//     List; Tag and Untag are Tagging; Create, Modify, Delete, Run, Start, Put,
//     Attach, Issue, ... are Write. A write becomes PermissionsManagement in
//     CAM, STS and organization, and anywhere its name speaks of privileges,
//     passwords, permissions, credentials, kubeconfigs, access keys, SSO or
//     identity providers (cdb:ModifyAccountPrivileges,
//     organization:CreateRoleAssignment); it becomes Tagging only when its
//     name ends in Tagging, or ends in Tag or Tags with a verb that changes
//     tags (Modify, Add, Attach, ...), so tcr:DeleteRepositoryTags, which
//     deletes image tags, stays Write. A CAM page that calls an API a write
//     raises it to Write.
//
// camkit never under-reports: an API whose verb it does not know is Write, and
// a name written all in lowercase takes the most privileged verb it could
// start with ("issuecertificate" is Issue, not Is). apiName may be a pattern
// with '*', in which case the result is as for [Action.AccessLevel]. Empty
// names give [AccessUnknown].
func AccessLevelOf(service, apiName string) AccessLevel {
	if service == "" || apiName == "" {
		return AccessUnknown
	}
	if strings.IndexByte(service, '*') >= 0 || strings.IndexByte(apiName, '*') >= 0 {
		return accessPatternLevel(strings.ToLower(service), apiName)
	}
	if e, ok := catalogIndex().lookup(service, apiName); ok {
		return e.level
	}
	return accessDerivedLevel(strings.ToLower(service), apiName)
}

// accessDerivedLevel is the level of a concrete API from the override table or its
// verb; service is lowercase.
func accessDerivedLevel(service, apiName string) AccessLevel {
	var buf [96]byte
	key := appendLowerKey(buf[:0], service, apiName)
	if _, ok := credentialIssuers[string(key)]; ok {
		return AccessPermissionsManagement
	}
	if l, ok := accessOverrides[string(key)]; ok {
		return l
	}
	l, n, ok := apiVerb(apiName)
	if !ok {
		l, n = AccessWrite, 0
	}
	return levelFromVerb(service, apiName, l, n)
}

// accessPatternLevel is the highest level of any API that apiPattern can match in a
// service servicePattern matches: every catalogued API it matches, and, for APIs
// camkit does not know, the level of the verbs the pattern allows ("Describe*"
// allows only Describe, "Is*" both Is and Isolate), or Write when it fixes none; such a Write is
// PermissionsManagement when the service pattern matches CAM or STS.
func accessPatternLevel(servicePattern, apiPattern string) AccessLevel {
	var buf [128]byte
	var key []byte
	if len(servicePattern)+1+len(apiPattern) <= len(buf) {
		key = appendLowerKey(buf[:0], servicePattern, apiPattern)
		patternLevels.RLock()
		l, ok := patternLevels.m[string(key)]
		patternLevels.RUnlock()
		if ok {
			return l
		}
	}
	l := computePatternLevel(servicePattern, apiPattern)
	if key != nil {
		patternLevels.Lock()
		if len(patternLevels.m) < maxPatternLevels {
			patternLevels.m[string(key)] = l
		}
		patternLevels.Unlock()
	}
	return l
}

// patternLevels remembers the level of patterns already computed, keyed by
// lowercase "service:api" pattern: a wildcard over the whole catalogue
// ("*:Describe*") takes tens of microseconds, and policies repeat patterns.
var patternLevels = struct {
	sync.RWMutex
	m map[string]AccessLevel
}{m: make(map[string]AccessLevel)}

// maxPatternLevels bounds patternLevels; patterns beyond it are computed
// each time.
const maxPatternLevels = 4096

// computePatternLevel is accessPatternLevel without the memo.
func computePatternLevel(servicePattern, apiPattern string) AccessLevel {
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
	if unknown == AccessWrite && (globMatchFold(servicePattern, "cam") || globMatchFold(servicePattern, "sts") ||
		globMatchFold(servicePattern, "organization")) {
		unknown = AccessPermissionsManagement
	}
	return max(level, unknown)
}

// AccessLevel returns the access level of the action. For a concrete action it
// is [AccessLevelOf] its service and API name. For a pattern it is the highest
// level any API the pattern can match could have: "cvm:DescribeInstance*" is
// Read, but "cvm:Describe*" and "cvm:*" are PermissionsManagement
// (cvm:DescribeInstanceVncUrl opens an instance's console), "vpc:*" Write,
// "cos:*" PermissionsManagement (bucket policies), and "cam:*", "*:*" and "*"
// PermissionsManagement. A permid action names an undocumented
// feature set, so it is PermissionsManagement too. The zero Action is
// [AccessUnknown].
func (a Action) AccessLevel() AccessLevel {
	switch {
	case a.All, a.PermID:
		return AccessPermissionsManagement
	}
	return AccessLevelOf(a.Service, a.Name)
}
