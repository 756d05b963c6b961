package camfake_test

import (
	"fmt"
	"strings"
	"testing"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestServerWireErrors(t *testing.T) {
	t.Parallel()
	e := newSrvEnv(t, nil)
	tests := []struct {
		name, service, version, action, params, code string
	}{
		{"unknown action", "cam", "2019-01-16", "LaunchRockets", `{}`, "InvalidAction"},
		{"wrong version", "cam", "2017-03-12", "ListUsers", `{}`, "NoSuchVersion"},
		{"unknown service", "cvm", "2017-03-12", "DescribeInstances", `{}`, "InvalidAction"},
		{"unknown parameter", "cam", "2019-01-16", "GetPolicy", `{"PolicyId":1,"Bogus":2}`, "UnknownParameter"},
		{"wrong type", "cam", "2019-01-16", "GetPolicy", `{"PolicyId":"one"}`, "InvalidParameter"},
		{"missing parameter", "cam", "2019-01-16", "GetPolicy", `{}`, "MissingParameter"},
		{"Rp over 200", "cam", "2019-01-16", "ListPolicies", `{"Rp":201}`, "InvalidParameter"},
		{"Page 0", "cam", "2019-01-16", "ListPolicies", `{"Page":0}`, "InvalidParameter"},
		{"DescribeRoleList needs paging", "cam", "2019-01-16", "DescribeRoleList", `{}`, "MissingParameter"},
		{"bad AttachType", "cam", "2019-01-16", "ListAttachedUserAllPolicies", `{"TargetUin":1,"Rp":1,"Page":1,"AttachType":3}`, "InvalidParameter"},
		{"fake error passes through", "cam", "2019-01-16", "GetPolicy", `{"PolicyId":999}`, "ResourceNotFound.PolicyIdNotFound"},
		{"unknown role ID", "cam", "2019-01-16", "GetRolePermissionBoundary", `{"RoleId":"42"}`, "InvalidParameter.RoleNotExist"},
		{"policy document rewrite", "cam", "2019-01-16", "UpdatePolicy", `{"PolicyId":1,"PolicyDocument":"{}"}`, "UnsupportedOperation"},
		{"MaxResults over 50", "cloudaudit", "2019-03-19", "DescribeEvents", `{"StartTime":1,"EndTime":2,"MaxResults":51}`, "InvalidParameterValue.MaxResult"},
		{"bad lookup key", "cloudaudit", "2019-03-19", "DescribeEvents", `{"StartTime":1,"EndTime":2,"LookupAttributes":[{"AttributeKey":"Colour","AttributeValue":"red"}]}`, "InvalidParameterValue.attributeKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sendCommon(t, e, tt.service, tt.version, tt.action, tt.params)
			wantSDKCode(t, err, tt.code)
			if id, key := e.srv.Credential(); strings.Contains(err.Error(), key) || id == "" {
				t.Errorf("error shows the secret key: %v", err)
			}
		})
	}
}

func TestServerFaultsApply(t *testing.T) {
	t.Parallel()
	e := newSrvEnv(t, nil)
	e.fake.Inject(camfake.Fault{Action: "ListUsers", ThrottleRate: 1, Times: 1})
	_, err := e.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "RequestLimitExceeded")
	r, err := e.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
	if len(r.Response.Data) == 0 || e.fake.CallCount("ListUsers") != 2 {
		t.Errorf("second call: %d users, %d calls", len(r.Response.Data), e.fake.CallCount("ListUsers"))
	}
	e.fake.Inject(camfake.Fault{Action: "GetPolicy", Err: &cam.APIError{Code: "InternalError", Message: "disk on fire"}})
	gp := camapi.NewGetPolicyRequest()
	gp.PolicyId = common.Uint64Ptr(1)
	_, err = e.cam.GetPolicy(gp)
	wantSDKCode(t, err, "InternalError")
	if !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("message lost: %v", err)
	}
}

func TestServerNeverShowsSecretKey(t *testing.T) {
	t.Parallel()
	s := camfake.NewServer(nil)
	defer s.Close()
	id, key := s.Credential()
	if len(key) < 20 || !strings.HasPrefix(id, "AKID") {
		t.Fatalf("credential %q looks wrong", id)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		out := fmt.Sprintf(verb, s)
		if strings.Contains(out, key) || !strings.Contains(out, id) || !strings.Contains(out, s.URL) {
			t.Errorf("%s gives %q", verb, out)
		}
	}
	if strings.Contains(s.String()+s.GoString(), key) {
		t.Error("String or GoString shows the key")
	}
	other := camfake.NewServer(nil)
	defer other.Close()
	if _, k2 := other.Credential(); k2 == key {
		t.Error("two servers share a secret key")
	}
	if s.Endpoint() != strings.TrimPrefix(s.URL, "http://") {
		t.Errorf("Endpoint %s, URL %s", s.Endpoint(), s.URL)
	}
	s.Close()
	s.Close() // harmless
}

// BenchmarkServerListUsers measures one signed ListUsers round trip through
// the SDK over loopback HTTP, against the demo account.
func BenchmarkServerListUsers(b *testing.B) {
	e := newSrvEnv(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.cam.ListUsers(camapi.NewListUsersRequest()); err != nil {
			b.Fatal(err)
		}
	}
}
