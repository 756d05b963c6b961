package camfake

import (
	"fmt"

	"github.com/camkit/camkit/cam"
)

// The Tencent Cloud error codes the fake returns. They are the codes the real
// service returns for the same failures (tencentcloud-sdk-go cam/v20190116 and
// cloudaudit/v20190319 errors.go), so [cam.Classify] maps each onto the same
// sentinel as a real response.
const (
	codeInternal              = "InternalError"
	codeThrottled             = "RequestLimitExceeded"
	codeParam                 = "InvalidParameter.ParamError"
	codeInvalid               = "InvalidParameter"
	codeUserNotFound          = "ResourceNotFound.UserNotExist"
	codeUserNotExist          = "InvalidParameter.UserNotExist"
	codeUserNameInUse         = "InvalidParameter.SubUserNameInUse"
	codeUserNameIllegal       = "InvalidParameter.UserNameIllegal"
	codeSubUserFull           = "InvalidParameter.SubUserFull"
	codeHaveKeys              = "OperationDenied.HaveKeys"
	codeKeyOverLimit          = "OperationDenied.AccessKeyOverLimit"
	codeKeyNotFound           = "ResourceNotFound.SecretNotExist"
	codeGroupNotFound         = "ResourceNotFound.GroupNotExist"
	codeGroupNotExist         = "InvalidParameter.GroupNotExist"
	codeGroupNameInUse        = "InvalidParameter.GroupNameInUse"
	codeGroupFull             = "InvalidParameter.GroupFull"
	codeGroupUserFull         = "InvalidParameter.GroupUserFull"
	codeUserGroupFull         = "InvalidParameter.UserGroupFull"
	codeRoleNotExist          = "InvalidParameter.RoleNotExist"
	codeRoleNameInUse         = "InvalidParameter.RoleNameInUse"
	codeRoleNameError         = "InvalidParameter.RoleNameError"
	codeRoleFull              = "InvalidParameter.RoleFull"
	codeTagLimit              = "InvalidParameter.TagLimitExceeded"
	codeTagParam              = "InvalidParameter.TagParamError"
	codePrincipalError        = "InvalidParameter.PrincipalError"
	codePolicyNotFound        = "ResourceNotFound.PolicyIdNotFound"
	codePolicyNotExist        = "InvalidParameter.PolicyIdNotExist"
	codePolicyIDError         = "InvalidParameter.PolicyIdError"
	codePolicyNameInUse       = "FailedOperation.PolicyNameInUse"
	codePolicyNameError       = "InvalidParameter.PolicyNameError"
	codePolicyFull            = "FailedOperation.PolicyFull"
	codePolicyDocument        = "InvalidParameter.PolicyDocumentError"
	codePolicyLength          = "InvalidParameter.PolicyDocumentLengthOverLimit"
	codeDescriptionLength     = "InvalidParameter.DescriptionLengthOverlimit"
	codeVersionFull           = "FailedOperation.PolicyVersionFull"
	codeVersionNotExist       = "InvalidParameter.PolicyVersionNotExists"
	codeVersionIsDefault      = "FailedOperation.PolicyVersionAlreadyDefault"
	codeAttachmentFull        = "InvalidParameter.AttachmentFull"
	codeScope                 = "InvalidParameter.ScopeError"
	codeEventTime             = "InvalidParameterValue.Time"
	codeOperatePoliciesLimit  = "InvalidParameter.OperatePoliciesOverLimit"
	codeServiceLinkedBoundary = "InvalidParameter.ServiceLinkedRoleCantUsePermissionBoundary"
)

// apiErr builds the error a state operation returns. The call pipeline fills in
// the action and the request ID.
func apiErr(code, format string, args ...any) *cam.APIError {
	return &cam.APIError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ctxErr wraps a context error so that errors.Is(err, context.Canceled) (or
// context.DeadlineExceeded) works and the message names the call.
func ctxErr(action cam.Action, err error) error {
	return fmt.Errorf("camfake: %s: %w", action, err)
}

// completeError returns err with the action and request ID filled in when it is
// a bare *cam.APIError missing them. It never mutates err: a caller's injected
// error value stays as the caller made it.
func completeError(err error, action cam.Action, requestID string) error {
	ae, ok := err.(*cam.APIError)
	if !ok || ae == nil || (ae.Action != "" && ae.RequestID != "") {
		return err
	}
	cp := *ae
	if cp.Action == "" {
		cp.Action = string(action)
	}
	if cp.RequestID == "" {
		cp.RequestID = requestID
	}
	return &cp
}
