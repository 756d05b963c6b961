package roles

import (
	"slices"
	"strings"

	"github.com/camkit/camkit/policy"
)

// readActions returns the read and list actions of service in the action
// catalogue, written compactly, and the actions to deny so that the result
// grants reads only:
//
//   - a verb whose catalogued actions are mostly reads or lists becomes one
//     wildcard ("cvm:Describe*"), and its other actions (tke's
//     DescribeClusterKubeconfig, which issues credentials) go into deny;
//   - otherwise each read is listed by name.
//
// keep, if not nil, narrows the reads; the narrowed ones are listed by name.
// Actions that issue credentials (policy.IssuesCredentials) never count as
// reads.
func readActions(service string, keep func(api string) bool) (allow, deny []string) {
	byVerb := map[string][]string{}
	var verbs []string
	for _, a := range policy.CatalogActions(service) {
		_, api, _ := strings.Cut(a, ":")
		v := verbOf(api)
		if _, ok := byVerb[v]; !ok {
			verbs = append(verbs, v)
		}
		byVerb[v] = append(byVerb[v], api)
	}
	for _, v := range verbs {
		var reads, others []string
		for _, api := range byVerb[v] {
			if isRead(service, api) && (keep == nil || keep(api)) {
				reads = append(reads, api)
			} else {
				others = append(others, api)
			}
		}
		switch {
		case len(reads) == 0:
		case keep == nil && len(reads) > 1 && len(others)*4 <= len(reads):
			allow = append(allow, service+":"+v+"*")
			deny = append(deny, actions(service, others...)...)
		default:
			allow = append(allow, actions(service, reads...)...)
		}
	}
	slices.Sort(allow)
	slices.Sort(deny)
	return allow, deny
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
			"CompleteMultipartUpload", "AbortMultipartUpload", "GetObject", "HeadObject"},
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
