package policy

// catalogData lists, per CAM service prefix, the API names of the action
// catalogue, separated by white space. Names come from Tencent Cloud's API
// documentation and SDK; CBS disk APIs are authorised under "cvm", MySQL under
// "cdb", as CAM names them.
var catalogData = map[string]string{
	"cam": `
		AddUser AddUserToGroup AttachGroupPolicy AttachRolePolicy AttachUserPolicy
		BuildDataFlowAuthToken ConsumeCustomMFAToken CreateAccessKey CreateGroup
		CreateMessageReceiver CreateOIDCConfig CreatePolicy CreatePolicyVersion CreateRole
		CreateSAMLProvider CreateServiceLinkedRole CreateSubAccountLoginIpPolicy
		CreateUserOIDCConfig CreateUserSAMLConfig DeleteAccessKey DeleteGroup
		DeleteMessageReceiver DeleteOIDCConfig DeletePolicy DeletePolicyVersion DeleteRole
		DeleteRolePermissionsBoundary DeleteSAMLProvider DeleteServiceLinkedRole DeleteUser
		DeleteUserPermissionsBoundary DescribeOIDCConfig DescribeRoleList DescribeSafeAuthFlag
		DescribeSafeAuthFlagColl DescribeSafeAuthFlagIntl DescribeSubAccounts
		DescribeUserOIDCConfig DescribeUserSAMLConfig DetachGroupPolicy DetachRolePolicy
		DetachUserPolicy DisableUserSSO GetAccountSummary GetCustomMFATokenInfo GetGroup
		GetPolicy GetPolicyVersion GetRole GetRolePermissionBoundary GetSAMLProvider
		GetSecurityLastUsed GetServiceLinkedRoleDeletionStatus GetUser GetUserAppId
		GetUserPermissionBoundary ListAccessKeys ListAttachedGroupPolicies
		ListAttachedRolePolicies ListAttachedUserAllPolicies ListAttachedUserPolicies
		ListCollaborators ListEntitiesForPolicy ListGroups ListGroupsForUser ListPolicies
		ListPoliciesGrantingServiceAccess ListPolicyVersions ListReceiver ListSAMLProviders
		ListUsers ListUsersForGroup ListWeChatWorkSubAccounts PassRole
		PutRolePermissionsBoundary PutUserPermissionsBoundary RemoveUserFromGroup
		SetDefaultPolicyVersion SetMfaFlag SetSafeAuthFlag TagRole UntagRole UpdateAccessKey
		UpdateAssumeRolePolicy UpdateGroup UpdateOIDCConfig UpdatePolicy
		UpdateRoleConsoleLogin UpdateRoleDescription UpdateRoleSessionDuration
		UpdateSAMLProvider UpdateUser UpdateUserOIDCConfig UpdateUserSAMLConfig`,
	"sts": `
		AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity GetCallerIdentity
		GetFederationToken GetSessionToken QueryApiKey`,
	"cloudaudit": `
		CreateAuditTrack CreateEventsAuditTrack DeleteAuditTrack DescribeAudit
		DescribeAuditTrack DescribeAuditTracks DescribeEvents GetAttributeKey
		InquireAuditCredit ListAudits ListCmqEnableRegion ListCosEnableRegion
		ListKeyAliasByRegion LookUpEvents ModifyAuditTrack ModifyEventsAuditTrack
		StartLogging StopLogging UpdateAudit`,
	"cvm": `
		AllocateHosts AssociateInstancesKeyPairs AssociateSecurityGroups
		CreateDisasterRecoverGroup CreateImage CreateKeyPair CreateLaunchTemplate
		CreateLaunchTemplateVersion DeleteDisasterRecoverGroups DeleteImages DeleteKeyPairs
		DeleteLaunchTemplate DeleteLaunchTemplateVersions DescribeAccountQuota
		DescribeDisasterRecoverGroupQuota DescribeDisasterRecoverGroups DescribeHosts
		DescribeImageQuota DescribeImageSharePermission DescribeImages DescribeImportImageOs
		DescribeInstanceFamilyConfigs DescribeInstanceInternetBandwidthConfigs
		DescribeInstanceTypeConfigs DescribeInstanceVncUrl DescribeInstances
		DescribeInstancesOperationLimit DescribeInstancesStatus DescribeInternetChargeTypeConfigs
		DescribeKeyPairs DescribeLaunchTemplateVersions DescribeLaunchTemplates DescribeRegions
		DescribeReservedInstances DescribeZoneInstanceConfigInfos DescribeZones
		DisassociateInstancesKeyPairs DisassociateSecurityGroups ImportImage ImportKeyPair
		InquiryPriceModifyInstancesChargeType InquiryPriceRenewInstances
		InquiryPriceResetInstance InquiryPriceResizeInstanceDisks InquiryPriceRunInstances
		ModifyHostsAttribute ModifyImageAttribute ModifyImageSharePermission
		ModifyInstancesAttribute ModifyInstancesChargeType ModifyInstancesProject
		ModifyInstancesRenewFlag ModifyInstancesVpcAttribute ModifyKeyPairAttribute
		RebootInstances RenewInstances ResetInstance ResetInstancesInternetMaxBandwidth
		ResetInstancesPassword ResetInstancesType ResizeInstanceDisks RunInstances
		StartInstances StopInstances SyncImages TerminateInstances
		AttachDisks CreateDisks CreateSnapshot DeleteSnapshots DescribeDiskConfigQuota
		DescribeDisks DescribeSnapshots DetachDisks ApplySnapshot InquiryPriceCreateDisks
		ModifyDiskAttributes ModifySnapshotAttribute RenewDisk ResizeDisk TerminateDisks`,
	"vpc": `
		AllocateAddresses AssociateAddress AttachCcnInstances AttachNetworkInterface
		CreateCcn CreateFlowLog CreateHaVip CreateNatGateway CreateNetworkAcl
		CreateNetworkInterface CreateRouteTable CreateRoutes CreateSecurityGroup
		CreateSecurityGroupPolicies CreateSubnet CreateVpc CreateVpnGateway DeleteCcn
		DeleteFlowLog DeleteNatGateway DeleteNetworkAcl DeleteNetworkInterface DeleteRouteTable
		DeleteRoutes DeleteSecurityGroup DeleteSecurityGroupPolicies DeleteSubnet DeleteVpc
		DescribeAddresses DescribeBandwidthPackages DescribeCcns DescribeFlowLogs DescribeHaVips
		DescribeNatGateways DescribeNetworkAcls DescribeNetworkInterfaces DescribeRouteTables
		DescribeSecurityGroupPolicies DescribeSecurityGroups DescribeSubnets DescribeVpcs
		DescribeVpnGateways DetachCcnInstances DetachNetworkInterface DisassociateAddress
		ModifyAddressAttribute ModifySecurityGroupAttribute ModifySecurityGroupPolicies
		ModifySubnetAttribute ModifyVpcAttribute ReleaseAddresses ReplaceRoutes
		ReplaceSecurityGroupPolicy`,
	"clb": `
		BatchDeregisterTargets BatchRegisterTargets CreateListener CreateLoadBalancer CreateRule
		DeleteListener DeleteLoadBalancer DeleteRule DeregisterTargets DescribeListeners
		DescribeLoadBalancerListByCertId DescribeLoadBalancers DescribeTargetHealth
		DescribeTargets ModifyListener ModifyLoadBalancerAttributes ModifyRule ModifyTargetPort
		ModifyTargetWeight RegisterTargets ReplaceCertForLoadBalancers
		SetLoadBalancerSecurityGroups`,
	"cdb": `
		BalanceRoGroupLoad CloseWanService CreateAccounts CreateBackup CreateDBInstance
		CreateDBInstanceHour DeleteAccounts DeleteBackup DescribeAccountPrivileges
		DescribeAccounts DescribeBackups DescribeBinlogs DescribeDBInstanceConfig
		DescribeDBInstances DescribeDBSecurityGroups DescribeDBSwitchRecords DescribeDatabases
		DescribeErrorLogData DescribeInstanceParams DescribeRollbackRangeTime DescribeSlowLogs
		IsolateDBInstance ModifyAccountPassword ModifyAccountPrivileges ModifyDBInstanceName
		ModifyDBInstanceProject ModifyDBInstanceSecurityGroups ModifyDBInstanceVipVport
		ModifyInstanceParam OfflineIsolatedInstances OpenWanService ReleaseIsolatedDBInstances
		RestartDBInstances StartBatchRollback UpgradeDBInstance`,
	"tke": `
		AcquireClusterAdminRole AddExistedInstances CreateCluster CreateClusterEndpoint
		CreateClusterInstances CreateClusterNodePool CreateClusterRoute CreateEKSCluster
		DeleteAddon DeleteCluster DeleteClusterEndpoint DeleteClusterInstances
		DeleteClusterNodePool DeleteClusterRoute DeleteEKSCluster DescribeAddon
		DescribeClusterAuthenticationOptions DescribeClusterEndpointStatus
		DescribeClusterInstances DescribeClusterKubeconfig DescribeClusterNodePools
		DescribeClusterRoutes DescribeClusterSecurity DescribeClusterStatus DescribeClusters
		DescribeEKSClusters DescribeImages DescribeVersions InstallAddon
		ModifyClusterAttribute ModifyClusterAuthenticationOptions ModifyClusterNodePool
		UpdateAddon UpdateClusterVersion`,
	"scf": `
		CopyFunction CreateAlias CreateFunction CreateNamespace CreateTrigger DeleteAlias
		DeleteFunction DeleteLayerVersion DeleteNamespace DeleteTrigger GetAccount GetAlias
		GetFunction GetFunctionAddress GetFunctionLogs GetLayerVersion
		GetProvisionedConcurrencyConfig GetReservedConcurrencyConfig Invoke InvokeFunction
		ListAliases ListAsyncEvents ListFunctions ListLayers ListNamespaces ListTriggers
		ListVersionByFunction PublishLayerVersion PublishVersion PutProvisionedConcurrencyConfig
		PutReservedConcurrencyConfig TerminateAsyncEvent UpdateAlias UpdateFunctionCode
		UpdateFunctionConfiguration UpdateNamespace UpdateTrigger`,
	"kms": `
		ArchiveKey AsymmetricRsaDecrypt AsymmetricSm2Decrypt BindCloudResource
		CancelKeyArchive CancelKeyDeletion CreateKey CreateWhiteBoxKey Decrypt
		DeleteImportedKeyMaterial DescribeKey DescribeKeys DisableKey DisableKeyRotation
		DisableKeys EnableKey EnableKeyRotation EnableKeys Encrypt GenerateDataKey
		GenerateRandom GetKeyRotationStatus GetParametersForImport GetPublicKey
		GetServiceStatus ImportKeyMaterial ListAlgorithms ListKeyDetail ListKeys ReEncrypt
		ScheduleKeyDeletion SignByAsymmetricKey UnbindCloudResource UpdateAlias
		UpdateKeyDescription VerifyByAsymmetricKey`,
	"ssm": `
		CreateProductSecret CreateSSHKeyPairSecret CreateSecret DeleteSecret
		DeleteSecretVersion DescribeAsyncRequestInfo DescribeRotationDetail
		DescribeRotationHistory DescribeSecret DescribeSupportedProducts DisableSecret
		EnableSecret GetRegions GetSSHKeyPairValue GetSecretValue GetServiceStatus
		ListSecretVersionIds ListSecrets PutSecretValue RestoreSecret RotateProductSecret
		UpdateDescription UpdateRotationStatus UpdateSecret`,
	"monitor": `
		BindingPolicyObject CreateAlarmNotice CreateAlarmPolicy DeleteAlarmNotices
		DeleteAlarmPolicy DescribeAccidentEventList DescribeAlarmHistories
		DescribeAlarmMetrics DescribeAlarmNotices DescribeAlarmPolicies DescribeBaseMetrics
		DescribePolicyGroupList DescribeProductEventList DescribeStatisticData GetMonitorData
		ModifyAlarmNotice ModifyAlarmPolicyCondition ModifyAlarmPolicyInfo
		ModifyAlarmPolicyNotice ModifyAlarmPolicyStatus PutMonitorData
		UnBindingAllPolicyObject UnBindingPolicyObject`,
	"cls": `
		CreateAlarm CreateConfig CreateCosRecharge CreateExport CreateIndex CreateLogset
		CreateMachineGroup CreateShipper CreateTopic DeleteAlarm DeleteConfig DeleteExport
		DeleteIndex DeleteLogset DeleteMachineGroup DeleteShipper DeleteTopic DescribeAlarms
		DescribeConfigs DescribeCosRecharges DescribeExports DescribeIndex
		DescribeLogContext DescribeLogHistogram DescribeLogsets DescribeMachineGroups
		DescribeShippers DescribeTopics GetAlarmLog ModifyAlarm ModifyConfig ModifyIndex
		ModifyLogset ModifyMachineGroup ModifyShipper ModifyTopic SearchLog UploadLog`,
	"finance": `
		DescribeAccountBalance DescribeBillDetail DescribeBillList DescribeBillResourceSummary
		DescribeBillSummaryByPayMode DescribeBillSummaryByProduct DescribeBillSummaryByProject
		DescribeBillSummaryByRegion DescribeBillSummaryByTag DescribeCostDetail
		DescribeCostSummaryByProduct DescribeDealsByCond DescribeDosageDetailByDate
		DescribeVoucherInfo DescribeVoucherUsageDetails PayDeals`,
	"tag": `
		AddProject AddResourceTag AttachResourcesTag CreateTag CreateTags DeleteResourceTag
		DeleteTag DeleteTags DescribeProjects DescribeResourceTags DescribeResourceTagsByResourceIds
		DescribeResourcesByTags DescribeTagKeys DescribeTagValues DescribeTags
		DetachResourcesTag GetResources GetTagKeys GetTagValues GetTags ModifyResourceTags
		ModifyResourcesTagValue TagResources UnTagResources UpdateProject UpdateResourceTagValue`,
	"cos": `
		AbortMultipartUpload AppendObject CompleteMultipartUpload DeleteBucket
		DeleteBucketCORS DeleteBucketEncryption DeleteBucketInventory DeleteBucketLifecycle
		DeleteBucketPolicy DeleteBucketReplication DeleteBucketTagging DeleteBucketWebsite
		DeleteMultipleObjects DeleteObject DeleteObjectTagging GetBucket GetBucketACL
		GetBucketCORS GetBucketEncryption GetBucketInventory GetBucketLifecycle
		GetBucketLogging GetBucketObjectVersions GetBucketPolicy GetBucketReferer
		GetBucketReplication GetBucketTagging GetBucketVersioning GetBucketWebsite GetObject
		GetObjectACL GetObjectTagging GetService HeadBucket HeadObject
		InitiateMultipartUpload ListMultipartUploads ListParts OptionsObject PostObject
		PostObjectRestore PutBucket PutBucketACL PutBucketCORS PutBucketEncryption
		PutBucketInventory PutBucketLifecycle PutBucketLogging PutBucketPolicy
		PutBucketReferer PutBucketReplication PutBucketTagging PutBucketVersioning
		PutBucketWebsite PutObject PutObjectACL PutObjectCopy PutObjectTagging
		SelectObjectContent UploadPart UploadPartCopy`,
}

// accessOverrides gives the access level of APIs whose verb misleads, keyed by
// lowercase "service:apiname". Every entry is in catalogData (a test checks).
var accessOverrides = map[string]AccessLevel{
	// CAM: policies, their versions and attachments.
	"cam:createpolicy": AccessPermissionsManagement, "cam:updatepolicy": AccessPermissionsManagement,
	"cam:deletepolicy": AccessPermissionsManagement, "cam:createpolicyversion": AccessPermissionsManagement,
	"cam:deletepolicyversion": AccessPermissionsManagement, "cam:setdefaultpolicyversion": AccessPermissionsManagement,
	"cam:attachuserpolicy": AccessPermissionsManagement, "cam:attachgrouppolicy": AccessPermissionsManagement,
	"cam:attachrolepolicy": AccessPermissionsManagement, "cam:detachuserpolicy": AccessPermissionsManagement,
	"cam:detachgrouppolicy": AccessPermissionsManagement, "cam:detachrolepolicy": AccessPermissionsManagement,
	// CAM: permission boundaries.
	"cam:putuserpermissionsboundary": AccessPermissionsManagement, "cam:putrolepermissionsboundary": AccessPermissionsManagement,
	"cam:deleteuserpermissionsboundary": AccessPermissionsManagement, "cam:deleterolepermissionsboundary": AccessPermissionsManagement,
	// CAM: roles, trust policies and identity providers.
	"cam:createrole": AccessPermissionsManagement, "cam:updateassumerolepolicy": AccessPermissionsManagement,
	"cam:createservicelinkedrole": AccessPermissionsManagement, "cam:passrole": AccessPermissionsManagement,
	"cam:updateroleconsolelogin": AccessPermissionsManagement,
	"cam:createsamlprovider":     AccessPermissionsManagement, "cam:updatesamlprovider": AccessPermissionsManagement,
	"cam:createoidcconfig": AccessPermissionsManagement, "cam:updateoidcconfig": AccessPermissionsManagement,
	"cam:createuseroidcconfig": AccessPermissionsManagement, "cam:updateuseroidcconfig": AccessPermissionsManagement,
	"cam:createusersamlconfig": AccessPermissionsManagement, "cam:updateusersamlconfig": AccessPermissionsManagement,
	// CAM: users, group membership, credentials, passwords and MFA.
	"cam:adduser": AccessPermissionsManagement, "cam:updateuser": AccessPermissionsManagement,
	"cam:addusertogroup": AccessPermissionsManagement, "cam:removeuserfromgroup": AccessPermissionsManagement,
	"cam:createaccesskey": AccessPermissionsManagement, "cam:updateaccesskey": AccessPermissionsManagement,
	"cam:deleteaccesskey": AccessPermissionsManagement, "cam:setmfaflag": AccessPermissionsManagement,
	"cam:setsafeauthflag": AccessPermissionsManagement, "cam:disableusersso": AccessPermissionsManagement,
	"cam:createsubaccountloginippolicy": AccessPermissionsManagement,
	// CAM mutations that change no permission.
	"cam:creategroup": AccessWrite, "cam:updategroup": AccessWrite, "cam:deletegroup": AccessWrite,
	"cam:deleteuser": AccessWrite, "cam:deleterole": AccessWrite, "cam:deleteservicelinkedrole": AccessWrite,
	"cam:updateroledescription": AccessWrite, "cam:updaterolesessionduration": AccessWrite,
	"cam:deletesamlprovider": AccessWrite, "cam:deleteoidcconfig": AccessWrite,
	"cam:createmessagereceiver": AccessWrite, "cam:deletemessagereceiver": AccessWrite,
	"cam:consumecustommfatoken": AccessWrite, "cam:builddataflowauthtoken": AccessWrite,
	// STS: every way to obtain a role's or another identity's credentials.
	"sts:assumerole": AccessPermissionsManagement, "sts:assumerolewithsaml": AccessPermissionsManagement,
	"sts:assumerolewithwebidentity": AccessPermissionsManagement, "sts:getfederationtoken": AccessPermissionsManagement,
	"sts:getsessiontoken": AccessWrite,
	// Data-plane and resource policies.
	"cos:putbucketpolicy": AccessPermissionsManagement, "cos:deletebucketpolicy": AccessPermissionsManagement,
	"cos:putbucketacl": AccessPermissionsManagement, "cos:putobjectacl": AccessPermissionsManagement,
	"tke:acquireclusteradminrole":            AccessPermissionsManagement,
	"tke:modifyclusterauthenticationoptions": AccessPermissionsManagement,
	"cdb:modifyaccountprivileges":            AccessPermissionsManagement,
	"kms:generatedatakey":                    AccessWrite, "kms:generaterandom": AccessRead,
	"kms:verifybyasymmetrickey": AccessRead,
}
