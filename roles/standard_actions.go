package roles

import (
	"slices"
	"strings"

	"github.com/camkit/camkit/policy"
)

// readActions returns the read and list actions of service in the action
// catalogue (narrowed by keep, if not nil), written compactly: a wildcard
// "svc:Prefix*" on a word boundary wherever every catalogued action with
// that prefix is wanted ("cvm:Describe*", "tke:DescribeClusterNode*"), each
// action by name otherwise. No wildcard matches a catalogued action that is
// not wanted, so actions that issue credentials (policy.IssuesCredentials),
// which never count as reads, stay out. deny is always empty; it is there for
// [readSet.add].
func readActions(service string, keep func(api string) bool) (allow, deny []string) {
	var names []string
	for _, a := range policy.CatalogActions(service) {
		_, api, _ := strings.Cut(a, ":")
		names = append(names, api)
	}
	slices.Sort(names)
	want := func(api string) bool { return isRead(service, api) && (keep == nil || keep(api)) }
	for _, p := range compress(names, "", want) {
		allow = append(allow, service+":"+p)
	}
	return allow, nil
}

// compress returns patterns covering exactly the wanted names among names
// (sorted) that start with prefix: prefix* when every such name is wanted,
// otherwise the patterns of each longer prefix ending on the next word.
func compress(names []string, prefix string, want func(string) bool) []string {
	lo, _ := slices.BinarySearch(names, prefix)
	hi := lo
	all, anyWanted := true, false
	for hi < len(names) && strings.HasPrefix(names[hi], prefix) {
		if want(names[hi]) {
			anyWanted = true
		} else {
			all = false
		}
		hi++
	}
	switch {
	case !anyWanted:
		return nil
	case all && prefix != "" && hi-lo > 1:
		return []string{prefix + "*"}
	}
	var out []string
	last := ""
	for _, n := range names[lo:hi] {
		if n == prefix {
			if want(n) {
				out = append(out, n)
			}
			continue
		}
		next := prefix + verbOf(n[len(prefix):])
		if last != "" && strings.HasPrefix(next, last) {
			continue // the call for last covered every name it prefixes
		}
		last = next
		out = append(out, compress(names, next, want)...)
	}
	return out
}

// isRead reports whether the catalogue counts an API as a read or list that
// issues no credentials.
func isRead(service, api string) bool {
	if policy.IssuesCredentials(service, api) {
		return false
	}
	switch policy.AccessLevelOf(service, api) {
	case policy.AccessRead, policy.AccessList:
		return true
	}
	return false
}

// readPattern returns pattern ("cos:GetBucket*") to allow and the catalogued
// actions it matches that are not reads, to deny.
func readPattern(pattern string) (allow string, deny []string) {
	a, err := policy.ParseAction(pattern)
	if err != nil {
		return "", nil
	}
	for _, m := range a.MatchingActions() {
		svc, api, _ := strings.Cut(m, ":")
		if !isRead(svc, api) {
			deny = append(deny, m)
		}
	}
	return pattern, deny
}

// readSet gathers allowed and denied actions from several calls.
type readSet struct{ allow, deny []string }

func (r *readSet) add(allow, deny []string) {
	r.allow = append(r.allow, allow...)
	r.deny = append(r.deny, deny...)
}

// statements returns the allow statement and, if needed, the deny statement.
func (r *readSet) statements() []policy.Statement {
	out := []policy.Statement{policy.Allow(r.allow...).On("*")}
	if len(r.deny) > 0 {
		out = append(out, policy.Deny(r.deny...).On("*"))
	}
	return out
}

// verbOf returns the leading word of an API name: "Describe" of
// "DescribeInstances".
func verbOf(api string) string {
	for i := 1; i < len(api); i++ {
		if api[i] >= 'A' && api[i] <= 'Z' {
			return api[:i]
		}
	}
	return api
}

// actions returns "service:api" for each api.
func actions(service string, apis ...string) []string {
	out := make([]string, len(apis))
	for i, a := range apis {
		out[i] = service + ":" + a
	}
	return out
}

// Write actions of the deploy roles, per service: managing application
// infrastructure (the IAM guide's "create/update application
// infrastructure"), without anything that issues credentials (key pairs,
// passwords, kubeconfigs).
var (
	deployCreate = map[string][]string{
		"cvm": {"RunInstances", "CreateDisks", "CreateImage", "CreateSnapshot"},
		"vpc": {"CreateSubnet", "CreateSecurityGroup", "AllocateAddresses"},
		"clb": {"CreateLoadBalancer"},
		"tke": {"CreateClusterNodePool"},
		"cls": {"CreateTopic", "CreateMachineGroup", "CreateConfig"},
	}
	deployModify = map[string][]string{
		"cvm": {"StartInstances", "StopInstances", "RebootInstances", "ResetInstance", "ModifyInstancesAttribute",
			"AttachDisks", "DetachDisks", "ResizeDisk", "AssociateSecurityGroups", "DisassociateSecurityGroups"},
		"vpc": {"CreateSecurityGroupPolicies", "ModifySecurityGroupPolicies", "DeleteSecurityGroupPolicies",
			"AssociateAddress", "DisassociateAddress", "ModifySubnetAttribute"},
		"clb": {"CreateListener", "ModifyListener", "DeleteListener", "CreateRule", "ModifyRule", "DeleteRule",
			"RegisterTargets", "DeregisterTargets", "BatchRegisterTargets", "BatchDeregisterTargets",
			"ModifyTargetWeight", "ModifyTargetPort"},
		"tke": {"ModifyClusterNodePool", "CreateClusterInstances", "AddExistedInstances", "InstallAddon", "UpdateAddon"},
		"cos": {"PutObject", "PostObject", "DeleteObject", "InitiateMultipartUpload", "UploadPart",
			"CompleteMultipartUpload", "AbortMultipartUpload"},
		"cls": {"ModifyTopic", "CreateIndex", "ModifyIndex", "ModifyMachineGroup", "ModifyConfig"},
		"monitor": {"CreateAlarmPolicy", "ModifyAlarmPolicyCondition", "ModifyAlarmPolicyInfo",
			"ModifyAlarmPolicyStatus", "BindingPolicyObject", "UnBindingPolicyObject"},
	}
	// deployDestroy are the destructive actions a dev deploy role may use and a
	// production deploy role may not ("no permission to destroy production
	// environments").
	deployDestroy = map[string][]string{
		"cvm":     {"TerminateInstances", "TerminateDisks", "DeleteSnapshots", "DeleteImages"},
		"vpc":     {"DeleteSubnet", "DeleteSecurityGroup", "ReleaseAddresses"},
		"clb":     {"DeleteLoadBalancer"},
		"tke":     {"DeleteClusterNodePool", "DeleteClusterInstances", "DeleteAddon", "DeleteCluster"},
		"cls":     {"DeleteTopic", "DeleteIndex", "DeleteMachineGroup", "DeleteConfig"},
		"monitor": {"DeleteAlarmPolicy"},
	}
	// deployServices are the services the deploy roles write to, in order.
	deployServices = []string{"cvm", "vpc", "clb", "tke", "cos", "cls", "monitor"}
	// auditTamper are the CloudAudit actions that stop or change audit logging.
	auditTamper = actions("cloudaudit", "StopLogging", "DeleteAuditTrack", "ModifyAuditTrack")
)

// collect returns the actions of the given tables for the services, in
// service order.
func collect(services []string, tables ...map[string][]string) []string {
	var out []string
	for _, s := range services {
		for _, t := range tables {
			out = append(out, actions(s, t[s]...)...)
		}
	}
	return out
}
