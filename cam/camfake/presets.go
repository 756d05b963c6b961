package camfake

import (
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// PresetPolicy is one of Tencent's preset (QCS) policies that every Fake holds.
type PresetPolicy struct {
	// ID is the policy ID, the same in every Fake.
	ID uint64
	// Name is Tencent's policy name, e.g. "AdministratorAccess".
	Name string
	// Description is the policy description.
	Description string
	// Document is the policy text.
	Document string
}

// presetCreated is when the preset policies claim to have been created.
var presetCreated = time.Date(2019, 1, 16, 0, 0, 0, 0, time.UTC)

// presets is the table behind [PresetPolicies]. The names and documents follow
// Tencent's preset policies; the IDs other than AdministratorAccess's 1 are the
// fake's own, stable across versions of camkit.
var presets = []PresetPolicy{
	{1, "AdministratorAccess", "Full read-write access to all cloud services and resources, including CAM and billing.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}`},
	{219188, "ReadOnlyAccess", "Read-only access to all cloud services that support API-level authorization.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"],"condition":{"numeric_equal":{"qcs:read_only_action":1}}}]}`},
	{2, "QcloudCVMFullAccess", "Full read-write access to Cloud Virtual Machine, with the VPC, CLB and monitoring access it needs.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]},{"effect":"allow","action":["vpc:*"],"resource":["*"]},{"effect":"allow","action":["clb:*"],"resource":["*"]},{"effect":"allow","action":["monitor:*","cam:ListUsersForGroup","cam:ListGroups","cam:GetGroup"],"resource":["*"]}]}`},
	{3, "QcloudCVMReadOnlyAccess", "Read-only access to Cloud Virtual Machine.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*","cvm:Inquiry*","vpc:Describe*","clb:Describe*"],"resource":["*"]}]}`},
	{4, "QcloudCOSFullAccess", "Full read-write access to Cloud Object Storage.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cos:*"],"resource":["*"]}]}`},
	{5, "QcloudCOSReadOnlyAccess", "Read-only access to Cloud Object Storage.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cos:List*","cos:Get*","cos:Head*","cos:OptionsObject"],"resource":["*"]}]}`},
	{6, "QCloudFinanceFullAccess", "Full access to finance and billing, including payments and invoices.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["finance:*"],"resource":["*"]}]}`},
	{7, "QcloudFinanceBillReadOnlyAccess", "Read-only access to bills and cost reports.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["finance:DescribeBill*","finance:DescribeDosageDetail*"],"resource":["*"]}]}`},
	{8, "QcloudCamFullAccess", "Full access to Cloud Access Management: users, groups, roles, policies and keys.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cam:*"],"resource":["*"]}]}`},
	{9, "QcloudCamReadOnlyAccess", "Read-only access to Cloud Access Management.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cam:Get*","cam:List*","cam:Describe*"],"resource":["*"]}]}`},
	{10, "QcloudAuditReadOnlyAccess", "Read-only access to CloudAudit events and trackers.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cloudaudit:Describe*","cloudaudit:Get*","cloudaudit:List*","cloudaudit:Inquire*","cloudaudit:LookUp*"],"resource":["*"]}]}`},
	{11, "QcloudTKEFullAccess", "Full read-write access to Tencent Kubernetes Engine.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["tke:*","cvm:Describe*","vpc:Describe*","clb:Describe*"],"resource":["*"]}]}`},
	{12, "QcloudCLSReadOnlyAccess", "Read-only access to Cloud Log Service.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["cls:Describe*","cls:Get*","cls:Search*"],"resource":["*"]}]}`},
	{13, "QcloudMonitorReadOnlyAccess", "Read-only access to Cloud Monitor.",
		`{"version":"2.0","statement":[{"effect":"allow","action":["monitor:Describe*","monitor:Get*"],"resource":["*"]}]}`},
}

// PresetPolicies returns the preset policies every Fake holds: Tencent-managed
// policies such as AdministratorAccess (ID 1), ReadOnlyAccess,
// QcloudCVMFullAccess, QCloudFinanceFullAccess and QcloudCOSReadOnlyAccess.
// They can be attached like any policy but not changed, versioned or deleted.
func PresetPolicies() []PresetPolicy { return append([]PresetPolicy(nil), presets...) }

// addPresets installs the preset policies.
func (st *state) addPresets() {
	for _, p := range presets {
		doc, _ := policy.Parse([]byte(p.Document)) // fixed table; tested to parse
		st.policies[p.ID] = &pol{Policy: cam.Policy{
			ID:          p.ID,
			Name:        p.Name,
			Type:        cam.PolicyPreset,
			Description: p.Description,
			Document:    p.Document,
			Parsed:      doc,
			Created:     presetCreated,
			Updated:     presetCreated,
		}}
		st.policyByName[p.Name] = p.ID
		st.policyOrder = append(st.policyOrder, p.ID)
	}
}
