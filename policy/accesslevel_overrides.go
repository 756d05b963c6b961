package policy

// accessOverrides gives the access level of APIs whose verb misleads, keyed by
// lowercase "service:apiname". Every key is a catalogued action (a test
// checks). An override may only lower a level where the API provably does
// less than its verb says (cam:CreateGroup changes no permission); everything
// else raises.
var accessOverrides = map[string]AccessLevel{
	// CAM mutations that change no permission: groups without members or
	// policies, deletions (which remove access rather than grant it),
	// descriptions, session length, message receivers. Source: CAM's API
	// reference (product 598) for each.
	"cam:creategroup": AccessWrite, "cam:updategroup": AccessWrite, "cam:deletegroup": AccessWrite,
	"cam:deleteuser": AccessWrite, "cam:deleterole": AccessWrite, "cam:deleteservicelinkedrole": AccessWrite,
	"cam:updateroledescription": AccessWrite, "cam:updaterolesessionduration": AccessWrite,
	"cam:deletesamlprovider": AccessWrite, "cam:deleteoidcconfig": AccessWrite,
	"cam:createmessagereceiver": AccessWrite, "cam:deletemessagereceiver": AccessWrite,
	"cam:consumecustommfatoken": AccessWrite, "cam:builddataflowauthtoken": AccessWrite,
	// STS: a session token carries the caller's own permissions only.
	"sts:getsessiontoken": AccessWrite,
	// Resource policies and ACLs grant access to other identities.
	"cos:putbucketpolicy": AccessPermissionsManagement, "cos:deletebucketpolicy": AccessPermissionsManagement,
	"cos:putbucketacl": AccessPermissionsManagement, "cos:putobjectacl": AccessPermissionsManagement,
	// TKE: cluster RBAC and its authentication.
	"tke:modifyclusterauthenticationoptions": AccessPermissionsManagement,
	// KMS: data keys are key material (Write); random bytes and signature
	// checks reveal nothing (Read).
	"kms:generatedatakey": AccessWrite, "kms:generaterandom": AccessRead,
	// The Tag service's own tag definitions and bindings only change tags.
	"tag:createtag": AccessTagging, "tag:createtags": AccessTagging, "tag:deletetag": AccessTagging,
	"tag:deletetags": AccessTagging, "tag:deleteresourcetag": AccessTagging,
}

// credentialIssuers lists, as lowercase "service:apiname", the APIs that hand
// their caller credentials or access beyond what the caller's CAM policies
// control: another identity's temporary keys, long-lived keys, a cluster's
// admin certificate or kubeconfig, a console or VNC session, plaintext key
// material, temporary storage credentials. They are
// [AccessPermissionsManagement] whatever their verb ([IssuesCredentials]).
// Every key is a catalogued action (a test checks); the reason is each API's
// documented result (Tencent Cloud API reference of the service).
var credentialIssuers = map[string]struct{}{
	// STS: temporary credentials of a role or a federated identity.
	"sts:assumerole": {}, "sts:assumerolewithsaml": {}, "sts:assumerolewithwebidentity": {},
	"sts:getfederationtoken": {},
	// CAM: long-lived API keys.
	"cam:createaccesskey": {},
	// TKE: DescribeClusterKubeconfig creates a long-lived admin certificate,
	// DescribeClusterSecurity returns the cluster password and kubeconfig,
	// AcquireClusterAdminRole makes the caller cluster admin; the EKS and edge
	// variants return cluster credentials and kubeconfigs.
	"tke:describeclusterkubeconfig": {}, "tke:describeclustersecurity": {},
	"tke:acquireclusteradminrole": {}, "tke:describeeksclustercredential": {},
	"tke:describetkeedgeclustercredential": {}, "tke:describetkeedgeexternalkubeconfig": {},
	"tke:updateclusterkubeconfig": {}, "dbdc:describedbcustomclusterkubeconfig": {},
	// VNC console URLs log straight into an instance.
	"cvm:describeinstancevncurl": {}, "ecm:describeinstancevncurl": {}, "lighthouse:describeinstancevncurl": {},
	// KMS: a data key in plaintext.
	"kms:getdatakeyplaintext": {},
	// Temporary credentials for storage, etcd or registries.
	"cetcd:describeetcdcredentials": {}, "lke:describestoragecredential": {},
	"cfw:describeofflineexporttemporarycredentials": {}, "wedata:getcostoken": {},
	"goosefs:describeclusterroletoken": {}, "vod:createstoragecredentials": {},
	"iotvideo:createcoscredentials": {}, "gs:createcoscredential": {},
	"tcr:createinstancetoken": {},
	// Secret keys of gateways and services, returned in full.
	"tse:describecloudnativeapigatewaysecretkeyvalue":  {},
	"cngw:describecloudnativeapigatewaysecretkeyvalue": {},
	"teo:describemultipathgatewaysecretkey":            {}, "tdai:describeserviceaccesskey": {},
	"tokenhub:describetokenplanapikeysecret": {},
}
