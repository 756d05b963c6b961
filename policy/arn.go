package policy

import "strconv"

// This file builds the names CAM uses for principals and resources. Every
// constructor returns a fresh value; nothing is shared between results.

// UIN returns the account segment for a Tencent Cloud account UIN, "uin/<n>".
func UIN(n uint64) string { return "uin/" + strconv.FormatUint(n, 10) }

// UID returns the account segment for an APPID, "uid/<appid>", which COS and CAS
// use instead of the UIN.
func UID(appid uint64) string { return "uid/" + strconv.FormatUint(appid, 10) }

// camARN returns "qcs::cam::uin/<owner>:<path>", the form of every CAM entity name.
func camARN(owner uint64, path string) string {
	return "qcs::cam::" + UIN(owner) + ":" + path
}

// AccountRoot returns the principal for the root account owner and, in a trust
// policy, every identity of that account: "qcs::cam::uin/<owner>:root".
func AccountRoot(ownerUIN uint64) Principal {
	return Principal{QCS: []string{camARN(ownerUIN, "root")}}
}

// SubUser returns the principal for one sub-user of an account:
// "qcs::cam::uin/<owner>:uin/<sub>".
func SubUser(ownerUIN, subUIN uint64) Principal {
	return Principal{QCS: []string{camARN(ownerUIN, UIN(subUIN))}}
}

// ServicePrincipal returns the principal for a cloud service that may assume a
// role, for example ServicePrincipal("cvm.qcloud.com").
func ServicePrincipal(name string) Principal {
	return Principal{Service: []string{name}}
}

// SAMLProvider returns the federated principal for a SAML identity provider of an
// account: "qcs::cam::uin/<owner>:saml-provider/<name>".
func SAMLProvider(ownerUIN uint64, name string) Principal {
	return Principal{Federated: []string{camARN(ownerUIN, "saml-provider/"+name)}}
}

// AnyPrincipal returns the principal "*": anyone at all. [Lint] flags trust
// policies that use it.
func AnyPrincipal() Principal { return Principal{Any: true} }

// NewResource returns the resource "qcs::<service>:<region>:<account>:<path>".
// An empty region or account means "all" in a policy; build account with [UIN]
// or [UID]. For example
//
//	NewResource("cvm", "ap-guangzhou", UIN(100000000001), "instance/ins-abc")
//
// is "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc". NewResource does
// not check its arguments; [ParseResource] of the result's String, or
// [Document.Validate], does.
func NewResource(service, region, account, path string) Resource {
	return Resource{Service: service, Region: region, Account: account, Path: path}
}

// InRegion returns a copy of r in region (empty for every region).
func (r Resource) InRegion(region string) Resource {
	r.Region = region
	return r
}

// InAccount returns a copy of r in account, an account segment such as
// [UIN](100000000001) (empty for every account).
func (r Resource) InAccount(account string) Resource {
	r.Account = account
	return r
}

// WithPath returns a copy of r with its sixth segment set to path, for example
// "instance/*".
func (r Resource) WithPath(path string) Resource {
	r.Path = path
	return r
}

// COSObject returns the resource for objects of a COS bucket:
// "qcs::cos:<region>:uid/<appid>:<bucket>/<key>". bucket is the full bucket name
// including the APPID suffix ("examplebucket-1250000000"); key may end in '*'
// to cover a prefix ("logs/*") or be "*" for every object.
func COSObject(region string, appid uint64, bucket, key string) Resource {
	return NewResource("cos", region, UID(appid), bucket+"/"+key)
}

func camResource(owner uint64, path string) Resource {
	return Resource{Service: "cam", Account: UIN(owner), Path: path}
}

// CAMRoot returns the resource for an account's root identity:
// "qcs::cam::uin/<owner>:root".
func CAMRoot(ownerUIN uint64) Resource { return camResource(ownerUIN, "root") }

// CAMUser returns the resource for a sub-user: "qcs::cam::uin/<owner>:uin/<sub>".
func CAMUser(ownerUIN, subUIN uint64) Resource { return camResource(ownerUIN, UIN(subUIN)) }

// CAMGroup returns the resource for a user group:
// "qcs::cam::uin/<owner>:groupid/<id>".
func CAMGroup(ownerUIN, groupID uint64) Resource {
	return camResource(ownerUIN, "groupid/"+strconv.FormatUint(groupID, 10))
}

// CAMPolicy returns the resource for a policy:
// "qcs::cam::uin/<owner>:policyid/<id>".
func CAMPolicy(ownerUIN, policyID uint64) Resource {
	return camResource(ownerUIN, "policyid/"+strconv.FormatUint(policyID, 10))
}

// CAMRoleName returns the resource for a role by name:
// "qcs::cam::uin/<owner>:roleName/<name>". This is the resource of
// sts:AssumeRole and cam:PassRole.
func CAMRoleName(ownerUIN uint64, name string) Resource {
	return camResource(ownerUIN, "roleName/"+name)
}

// CAMRole returns the resource for a role by ID:
// "qcs::cam::uin/<owner>:role/<roleID>".
func CAMRole(ownerUIN uint64, roleID string) Resource {
	return camResource(ownerUIN, "role/"+roleID)
}

// RoleARN returns a role's ARN, "qcs::cam::uin/<owner>:roleName/<name>", as STS
// AssumeRole takes it.
func RoleARN(ownerUIN uint64, name string) string {
	return CAMRoleName(ownerUIN, name).String()
}
