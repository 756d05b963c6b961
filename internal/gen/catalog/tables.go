package main

// Hand-kept tables. Each name here is checked: the generator fails when a
// table names a service or action it cannot place, and policy's tests check
// every hand-kept action against the generated catalogue.

// sdkPrefix maps a tencentcloud-sdk-go package to the CAM service prefix its
// actions are authorised under, where the two differ.
var sdkPrefix = map[string]string{
	// CBS disk APIs are authorised as cvm actions: Tencent's CAM page for CBS
	// (CAM-enabled API, "Cloud Block Storage") lists them under "cvm", and
	// cam-enabled-apis.tsv has no "cbs" service.
	"cbs": "cvm",
	// The billing centre's CAM prefix is "finance": Tencent's CAM page for the
	// billing centre (product 598, document 92835) and "Granting
	// Billing-related CAM Access" (product 555, document 43522).
	"billing": "finance",
	// API Gateway's CAM abbreviation is "apigw": CAM's overview of the
	// products that support it (cam-enabled-services.tsv) and API Gateway's
	// "CAM Policy" page (product 628, document 19901); the published policies
	// in ../shared/corpus use apigw:CreateService, apigw:DescribeApi, ...,
	// names of the SDK's apigateway package.
	"apigateway": "apigw",
}

// extraActions lists CAM actions that are no API 3.0 action of the SDK, per
// CAM service prefix.
var extraActions = map[string][]string{
	"cam": {
		// cam:PassRole lets a user hand a role to a service (CAM's "Role"
		// documentation, product 598: granting sub-users the PassRole
		// permission for service roles).
		"PassRole",
		// cam:DeleteApiKey is the permission DeleteUser needs to remove a
		// user's API keys (DeleteUser, product 598, document 32261).
		"DeleteApiKey",
	},
	// The billing centre's console actions named by "Granting Billing-related
	// CAM Access" (product 555, document 43522) that the SDK's billing package
	// does not have.
	"finance": {
		"DescribeConsolidatedBillDownloadUrl", "DownloadCustomizedDetail",
		"DownloadCustomizedResourceSummary",
	},
	// COS is not an API 3.0 service: its actions are the COS XML API's, each
	// the "Action: name/cos:..." of Tencent's COS JavaScript SDK
	// (tencentyun/cos-js-sdk-v5, src/base.js) or named by "Working with COS API
	// Authorization Policies" (product 436, document 30580): PostObjectRestore,
	// and the bucket encryption, multi-object delete, copy, select and
	// intelligent-tiering APIs of the COS API reference (product 436, "API
	// Documentation": PUT/GET/DELETE Bucket encryption, DELETE Multiple Objects,
	// PUT Object - Copy, Upload Part - Copy, SELECT Object Content, PUT/GET
	// Bucket IntelligentTiering).
	"cos": {
		"AbortMultipartUpload", "AppendObject", "CompleteMultipartUpload",
		"DeleteBucket", "DeleteBucketCORS", "DeleteBucketDomain", "DeleteBucketEncryption",
		"DeleteBucketInventory", "DeleteBucketLifecycle", "DeleteBucketOrigin",
		"DeleteBucketPolicy", "DeleteBucketReplication", "DeleteBucketTagging",
		"DeleteBucketWebsite", "DeleteMultipleObjects", "DeleteObject", "DeleteObjectTagging",
		"GetBucket", "GetBucketACL", "GetBucketAccelerate", "GetBucketCORS", "GetBucketDomain",
		"GetBucketEncryption", "GetBucketIntelligentTiering", "GetBucketInventory",
		"GetBucketLifecycle", "GetBucketLocation", "GetBucketLogging",
		"GetBucketObjectVersions", "GetBucketOrigin", "GetBucketPolicy", "GetBucketReferer",
		"GetBucketReplication", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite",
		"GetObject", "GetObjectACL", "GetObjectTagging", "GetService", "HeadBucket",
		"HeadObject", "InitiateMultipartUpload", "ListBucketInventory",
		"ListMultipartUploads", "ListParts", "OptionsObject", "PostObject",
		"PostObjectRestore", "PutBucket", "PutBucketACL", "PutBucketAccelerate",
		"PutBucketCORS", "PutBucketDomain", "PutBucketEncryption",
		"PutBucketIntelligentTiering", "PutBucketInventory", "PutBucketLifecycle",
		"PutBucketLogging", "PutBucketOrigin", "PutBucketPolicy", "PutBucketReferer",
		"PutBucketReplication", "PutBucketTagging", "PutBucketVersioning",
		"PutBucketWebsite", "PutObject", "PutObjectACL", "PutObjectCopy",
		"PutObjectTagging", "RestoreObject", "SelectObjectContent", "UploadPart",
		"UploadPartCopy",
	},
}

// completeServices are the services of extraActions whose every action the
// hand-kept list names (COS's list is its whole XML API), so that an action of
// theirs the catalogue lacks is a mistake. Services known only from Tencent's
// CAM pages are never complete.
var completeServices = map[string]bool{"cos": true}

// extraServices lists CAM service prefixes that Tencent's own published
// policies use but neither the SDK nor cam-enabled-services.tsv names; their
// actions are not catalogued. Each source is a policy in ../shared/corpus
// (index.tsv names its page).
var extraServices = map[string]string{
	"aa":     "ActivityAntiRush policies, terraform-provider-tencentcloud resource_tc_cam_policy_version.md",
	"bgpip":  "Anti-DDoS Advanced read-only policy, CAM commercial case 'read-only access to all resources'",
	"cas":    "Cloud Archive Storage vault lock and policy examples",
	"cbm":    "Channel partner policies, CAM commercial case 'read-only access to all resources'",
	"ccb":    "CODING/CCB policy, CAM commercial case 'read-only access to all resources'",
	"ccr":    "TKE image registry resource-level permissions (C11527)",
	"ccs":    "TKE cluster-level permission examples (ccs:Describe*, ccs:*)",
	"cdcs":   "Data vault access policy language overview",
	"mgobe":  "Mini-game battle engine access control examples",
	"shield": "App shielding policy, CAM commercial case 'read-only access to all resources'",
	"snova":  "Snova data warehouse policy, CAM commercial case 'read-only access to all resources'",
}

// extraResourceTypes lists, per service, resource service_type segments
// other than its own that its actions name and that cam-enabled-apis.tsv
// does not show: STS's AssumeRole acts on CAM roles
// (qcs::cam::uin/<uin>:roleName/<name>, CAM's AssumeRole documentation,
// product 598, document 33164 (AssumeRole API, "RoleArn")).
var extraResourceTypes = map[string][]string{
	"sts": {"cam"},
}
