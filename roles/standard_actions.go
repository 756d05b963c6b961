package roles

import (
	"slices"
	"strings"

	"github.com/camkit/camkit/policy"
)

// readActions returns the read and list actions of service in the action
// catalogue, written compactly: "svc:Verb*" where every catalogued action of
// that verb is a read or list, and each action by name otherwise. keep, if
// not nil, narrows the actions further. Actions that issue credentials
// (policy.IssuesCredentials) are never included.
func readActions(service string, keep func(api string) bool) []string {
	all := policy.CatalogActions(service)
	isRead := func(api string) bool {
		if policy.IssuesCredentials(service, api) {
			return false
		}
		switch policy.AccessLevelOf(service, api) {
		case policy.AccessRead, policy.AccessList:
			return keep == nil || keep(api)
		}
		return false
	}
	byVerb := map[string][]string{}
	var verbs []string
	for _, a := range all {
		_, api, _ := strings.Cut(a, ":")
		v := verbOf(api)
		if _, ok := byVerb[v]; !ok {
			verbs = append(verbs, v)
		}
		byVerb[v] = append(byVerb[v], api)
	}
	var out []string
	for _, v := range verbs {
		apis := byVerb[v]
		var reads []string
		for _, api := range apis {
			if isRead(api) {
				reads = append(reads, api)
			}
		}
		switch {
		case len(reads) == 0:
		case len(reads) == len(apis) && len(reads) > 1 && keep == nil:
			out = append(out, service+":"+v+"*")
		default:
			for _, api := range reads {
				out = append(out, service+":"+api)
			}
		}
	}
	slices.Sort(out)
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
			"ModifyAlarmPolicyStatus", "BindingPolicyObject", "UnBindingPolicyObject", "PutMonitorData"},
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
