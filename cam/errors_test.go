package cam_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/camkit/camkit/cam"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		want error
	}{
		{"", nil},
		{"InternalError", nil},
		{"InternalError.SystemError", nil},
		{"FailedOperation", nil},
		{"RequestLimitExceeded", cam.ErrThrottled},
		{"RequestLimitExceeded.UinLimitExceeded", cam.ErrThrottled},
		{"ResourceNotFound.PolicyIdNotExist", cam.ErrNotFound},
		{"ResourceNotFound", cam.ErrNotFound},
		{"InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"InvalidParameter.GroupNotExists", cam.ErrNotFound},
		{"FailedOperation.PolicyNotExist", cam.ErrNotFound},
		{"FailedOperation.PolicyNameInUse", cam.ErrAlreadyExists},
		{"InvalidParameter.RoleNameInUse", cam.ErrAlreadyExists},
		{"InvalidParameter.GroupNameInUse", cam.ErrAlreadyExists},
		{"InvalidParameter.UserNameInUse", cam.ErrAlreadyExists},
		{"ResourceInUse.AlreadyExists", cam.ErrAlreadyExists},
		{"AuthFailure.SignatureFailure", cam.ErrAccessDenied},
		{"AuthFailure", cam.ErrAccessDenied},
		{"UnauthorizedOperation", cam.ErrAccessDenied},
		{"UnauthorizedOperation.NoPermission", cam.ErrAccessDenied},
		{"OperationDenied.SubUinForbidden", cam.ErrAccessDenied},
		{"LimitExceeded.PolicyFull", cam.ErrLimitExceeded},
		{"InvalidParameter.AttachmentFull", cam.ErrLimitExceeded},
		{"InvalidParameter.PolicyVersionOverLimit", cam.ErrLimitExceeded},
		{"FailedOperation.UserGroupOverUpper", cam.ErrLimitExceeded},
		{"InvalidParameter.PolicyDocumentLengthOverLimit", cam.ErrInvalid},
		{"InvalidParameter.PolicyDocumentError", cam.ErrInvalid},
		{"InvalidParameter", cam.ErrInvalid},
		{"InvalidParameterValue.Foo", cam.ErrInvalid},
		{"MissingParameter", cam.ErrInvalid},
		{"UnknownParameter", cam.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			if got := cam.Classify(tt.code); got != tt.want {
				t.Errorf("Classify(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestAPIErrorIsAndAs(t *testing.T) {
	t.Parallel()
	sentinels := []error{cam.ErrNotFound, cam.ErrAlreadyExists, cam.ErrThrottled, cam.ErrAccessDenied, cam.ErrInvalid, cam.ErrLimitExceeded}
	tests := []struct {
		code string
		want error // nil: matches no sentinel
	}{
		{"ResourceNotFound.RoleNotExist", cam.ErrNotFound},
		{"RequestLimitExceeded", cam.ErrThrottled},
		{"AuthFailure.SecretIdNotFound", cam.ErrAccessDenied},
		{"FailedOperation.PolicyNameInUse", cam.ErrAlreadyExists},
		{"InvalidParameter.ParamError", cam.ErrInvalid},
		{"LimitExceeded", cam.ErrLimitExceeded},
		{"InternalError", nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			apiErr := &cam.APIError{Action: "GetPolicy", Code: tt.code, Message: "m", RequestID: "r-1"}
			wrapped := fmt.Errorf("reading policy 7: %w", apiErr)
			for _, s := range sentinels {
				if got := errors.Is(wrapped, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%v, %v) = %v, want %v", wrapped, s, got, s == tt.want)
				}
			}
			var as *cam.APIError
			if !errors.As(wrapped, &as) {
				t.Fatalf("errors.As(%v, *APIError) = false", wrapped)
			}
			if as.Code != tt.code || as.Action != "GetPolicy" || as.RequestID != "r-1" {
				t.Errorf("errors.As gave %+v", as)
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *cam.APIError
		want string
	}{
		{"full", &cam.APIError{Action: "GetPolicy", Code: "ResourceNotFound.PolicyIdNotExist", Message: "policy 7 not found", RequestID: "abc"},
			"cam: GetPolicy: ResourceNotFound.PolicyIdNotExist: policy 7 not found (request abc)"},
		{"code only", &cam.APIError{Code: "InternalError"}, "cam: InternalError"},
		{"no request", &cam.APIError{Action: "ListUsers", Code: "AuthFailure", Message: "bad signature"},
			"cam: ListUsers: AuthFailure: bad signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAPIErrorIsNilTarget(t *testing.T) {
	t.Parallel()
	err := &cam.APIError{Code: "ResourceNotFound"}
	if err.Is(nil) {
		t.Error("(*APIError).Is(nil) = true, want false")
	}
}
