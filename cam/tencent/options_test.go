package tencent_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam/tencent"
)

func TestOptions(t *testing.T) {
	cred := common.NewCredential(testID, testKey)
	tests := []struct {
		name    string
		opt     tencent.Option
		wantErr string
	}{
		{"region", tencent.WithRegion("ap-shanghai"), ""},
		{"bad region", tencent.WithRegion("Shanghai!"), "WithRegion"},
		{"endpoint", tencent.WithEndpoint("cam.internal.example:8443"), ""},
		{"endpoint host", tencent.WithEndpoint("cam.tencentcloudapi.com"), ""},
		{"endpoint ipv6", tencent.WithEndpoint("[::1]:9000"), ""},
		{"endpoint with scheme", tencent.WithEndpoint("https://cam.tencentcloudapi.com"), "has a scheme"},
		{"endpoint with path", tencent.WithEndpoint("host/path"), "not a host[:port]"},
		{"endpoint bad port", tencent.WithEndpoint("host:99999"), "invalid port"},
		{"endpoint empty", tencent.WithEndpoint(""), "empty endpoint"},
		{"endpoint no host", tencent.WithEndpoint(":80"), "no host"},
		{"scheme http", tencent.WithScheme("HTTP"), ""},
		{"scheme ftp", tencent.WithScheme("ftp"), "WithScheme"},
		{"retries", tencent.WithRetries(5, 0), ""},
		{"negative retries", tencent.WithRetries(-1, 0), "WithRetries"},
		{"too many retries", tencent.WithRetries(3, 11), "WithRetries"},
		{"timeout", tencent.WithTimeout(1500 * time.Millisecond), ""},
		{"short timeout", tencent.WithTimeout(time.Millisecond), "WithTimeout"},
		{"nil backoff", tencent.WithBackoff(nil), "WithBackoff"},
		{"exponential backoff", tencent.WithExponentialBackoff(100*time.Millisecond, time.Minute), ""},
		{"exponential backoff without a base", tencent.WithExponentialBackoff(0, time.Minute), "WithExponentialBackoff"},
		{"exponential backoff capped below its base", tencent.WithExponentialBackoff(time.Second, time.Millisecond), "WithExponentialBackoff"},
		{"nil logger", tencent.WithLogger(nil), "WithLogger"},
		{"nil location", tencent.WithLocation(nil), "WithLocation"},
		{"nil option", nil, "option 0 is nil"},
		{"breaker", tencent.WithRegionBreaker("ap-shanghai.tencentcloudapi.com"), ""},
		{"bad breaker", tencent.WithRegionBreaker("https://x"), "WithRegionBreaker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tencent.New(cred, tt.opt)
			if tt.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("New = %v, %v", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "tencent: ") {
				t.Fatalf("New error = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := tencent.New(nil, tencent.WithScheme("ftp"), tencent.WithRegion(""))
	for _, want := range []string{"nil credential", "WithScheme", "WithRegion"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}

func TestNewFromEnv(t *testing.T) {
	t.Setenv("TENCENTCLOUD_SECRET_ID", testID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", testKey)
	c, err := tencent.NewFromEnv(tencent.WithRegion("ap-beijing"))
	if err != nil || c.Region() != "ap-beijing" {
		t.Fatalf("NewFromEnv = %v, %v", c, err)
	}
	if _, err := tencent.NewFromProvider(nil); err == nil {
		t.Error("NewFromProvider(nil) succeeded")
	}
	_, err = tencent.NewFromProvider(failingProvider{})
	if err == nil || !strings.Contains(err.Error(), "no credential") || strings.Contains(err.Error(), testKey) {
		t.Errorf("NewFromProvider(failing) = %v", err)
	}
}

type failingProvider struct{}

func (failingProvider) GetCredential() (common.CredentialIface, error) {
	return nil, errors.New("profile file unreadable near " + testKey)
}

func TestNewFromProviderSDKError(t *testing.T) {
	t.Setenv("TENCENTCLOUD_SECRET_ID", "")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "")
	_, err := tencent.NewFromProvider(common.DefaultEnvProvider())
	if err == nil || !strings.Contains(err.Error(), "ClientError.CredentialError") {
		t.Fatalf("got %v, want the SDK's credential error", err)
	}
}
