package policy

import (
	"slices"
	"strings"
)

// Global condition keys. Condition keys are case-sensitive.
const (
	// KeyCurrentTime is the time CAM received the request (a date).
	KeyCurrentTime = "qcs:current_time"
	// KeyIP is the address the request came from (an IP).
	KeyIP = "qcs:ip"
	// KeyVPC is the ID of the VPC the request came from, where the service
	// supports it (COS does).
	KeyVPC = "qcs:vpc"
	// KeyResourceTag holds the tags of the resource, each written "key&value"
	// (see [ResourceTag]); it is multi-valued.
	KeyResourceTag = "qcs:resource_tag"
	// KeyRequestTag holds the tags passed in the request, each "key&value".
	KeyRequestTag = "qcs:request_tag"
	// KeyMFA tells whether the caller passed MFA verification, as a number (1
	// when verified). CAM's element reference (product 598, document 10603,
	// "Conditional Operator List") names the key qcs:mfa for numeric
	// operators, with the example {"numeric_not_equal":{"mfa":1}}.
	KeyMFA = "qcs:mfa"
	// KeyMFALegacy is the bare spelling "mfa" of [KeyMFA] that CAM's own
	// examples and its general policies use ("MFA verification is required for
	// querying keys" on account: actions, evaluation logic, product 598,
	// document 10605).
	KeyMFALegacy = "mfa"
	// KeyBindToken is meant to tell whether the caller has an MFA token bound
	// (operation protection). It is UNVERIFIED: Tencent's scenario page
	// (product 598, document 58421) describes a boolean condition that makes
	// sub-users bind a token before deleting API keys, but camkit found no
	// Tencent text that spells the key. camkit accepts it, and every decision
	// that tests it carries an [AssumeUnverifiedKey] note.
	KeyBindToken = "qcs:BindToken"
	// KeyUIN is the caller's UIN; the policy variable ${uin} reads it.
	KeyUIN = "qcs:uin"
	// KeyOwnerUIN is the UIN of the caller's root account; ${owner_uin} reads it.
	KeyOwnerUIN = "qcs:owner_uin"
	// KeyAppID is the caller's APPID; ${app_id} reads it.
	KeyAppID = "qcs:app_id"
	// KeyReadOnlyAction is 1 when the requested action is read-only and 0
	// otherwise, as CAM derives it from the API's verb (see [ReadOnlyAction]);
	// Tencent's read-only preset policies allow "*" under
	// "numeric_equal": {"qcs:read_only_action": 1}. The evaluator supplies it
	// from the request's action unless the request sets it.
	KeyReadOnlyAction = "qcs:read_only_action"
)

// SAML condition keys, for trust statements of roles whose principal is a SAML
// identity provider.
const (
	// KeySAMLAudience is the endpoint the assertion was submitted to (the SAML
	// Recipient field).
	KeySAMLAudience = "saml:aud"
	// KeySAMLIssuer is the assertion's Issuer.
	KeySAMLIssuer = "saml:iss"
	// KeySAMLSubject is the assertion's NameID: the external user.
	KeySAMLSubject = "saml:sub"
	// KeySAMLSubjectType is the Format of the assertion's NameID.
	KeySAMLSubjectType = "saml:sub_type"
)

// Service condition keys camkit knows, from the services' CAM documentation.
// The list is not exhaustive: services add keys, and [Lint] only warns about keys
// [KnownConditionKey] does not know.
const (
	// KeyCVMRegion is the region of a CVM (and CBS) request.
	KeyCVMRegion = "cvm:region"
	// KeyCVMDiskType is the type of a CBS disk.
	KeyCVMDiskType = "cvm:disk_type"
	// KeyVPCRegion is the region of a VPC request.
	KeyVPCRegion = "vpc:region"
	// KeyVPCRequesterVPC is the ID of the VPC a COS request came from.
	KeyVPCRequesterVPC = "vpc:requester_vpc"
	// KeyCOSSecureTransport tells whether a COS request used HTTPS (a bool).
	KeyCOSSecureTransport = "cos:secure-transport"
	// KeyCOSTLSVersion is the TLS version of an HTTPS COS request (a number).
	KeyCOSTLSVersion = "cos:tls-version"
	// KeyCOSHost is the Host header of a COS request.
	KeyCOSHost = "cos:host"
	// KeyCOSPrefix is the prefix parameter of a COS listing (GetBucket).
	KeyCOSPrefix = "cos:prefix"
	// KeyCOSVersionID is the versionid parameter of a COS object request.
	KeyCOSVersionID = "cos:versionid"
	// KeyCOSStorageClass is the x-cos-storage-class header of a COS upload.
	KeyCOSStorageClass = "cos:x-cos-storage-class"
	// KeyCOSACL is the x-cos-acl header of a COS request.
	KeyCOSACL = "cos:x-cos-acl"
	// KeyCOSContentType is the Content-Type header of a COS upload.
	KeyCOSContentType = "cos:content-type"
	// KeyCOSContentLength is the Content-Length header of a COS upload.
	KeyCOSContentLength = "cos:content-length"
	// KeyCOSResponseContentType is the response-content-type parameter of a COS
	// GetObject.
	KeyCOSResponseContentType = "cos:response-content-type"
)

// knownConditionKeys lists every exact key [KnownConditionKey] accepts.
var knownConditionKeys = func() map[string]struct{} {
	keys := []string{
		KeyCurrentTime, KeyIP, KeyVPC, KeyResourceTag, KeyRequestTag, KeyMFA, KeyMFALegacy,
		KeyBindToken, KeyUIN, KeyOwnerUIN, KeyAppID, KeyReadOnlyAction,
		KeySAMLAudience, KeySAMLIssuer, KeySAMLSubject, KeySAMLSubjectType,
		KeyCVMRegion, KeyCVMDiskType, KeyVPCRegion, KeyVPCRequesterVPC,
		KeyCOSSecureTransport, KeyCOSTLSVersion, KeyCOSHost, KeyCOSPrefix, KeyCOSVersionID,
		KeyCOSStorageClass, KeyCOSACL, KeyCOSContentType, KeyCOSContentLength,
		KeyCOSResponseContentType,
	}
	m := make(map[string]struct{}, len(keys))
	for _, k := range keys {
		m[k] = struct{}{}
	}
	return m
}()

// ConditionKeys returns the exact condition keys camkit knows, sorted. The
// per-tag keys "qcs:resource_tag/<key>" and "qcs:request_tag/<key>" are known
// too but not listed.
func ConditionKeys() []string {
	out := make([]string, 0, len(knownConditionKeys))
	for k := range knownConditionKeys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// KnownConditionKey reports whether key is a condition key camkit knows: one of
// the Key... constants, or a per-tag key "qcs:resource_tag/<tag>" or
// "qcs:request_tag/<tag>" with a non-empty tag. Keys are case-sensitive, so
// "qcs:IP" is not known. An unknown key is not an error in CAM; [Lint] warns
// about it because a misspelt key makes a condition never (or always) apply.
func KnownConditionKey(key string) bool {
	if _, ok := knownConditionKeys[key]; ok {
		return true
	}
	for _, p := range [...]string{KeyResourceTag + "/", KeyRequestTag + "/"} {
		if tag, ok := strings.CutPrefix(key, p); ok && tag != "" {
			return true
		}
	}
	return false
}

// unverifiedKey reports whether key is one camkit accepts but Tencent's
// documentation does not confirm; the evaluator notes conditions on it as
// [AssumeUnverifiedKey].
func unverifiedKey(key string) bool { return key == KeyBindToken }
