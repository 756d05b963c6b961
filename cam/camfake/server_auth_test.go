package camfake_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/camkit/camkit/cam/camfake"
)

// mutate is a transport that changes each request after the SDK signed it.
type mutate func(*http.Request)

func (m mutate) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	m(r)
	return http.DefaultTransport.RoundTrip(r)
}

func setBody(r *http.Request, body string) {
	r.Body = io.NopCloser(strings.NewReader(body))
	r.ContentLength = int64(len(body))
}

// TestServerAuth sends ListUsers through the SDK, signed correctly and
// incorrectly, and checks the server's verdict.
func TestServerAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		id, key  string // "" means the server's own
		skew     time.Duration
		mutate   mutate
		tweak    func(*profile.ClientProfile)
		wantCode string
	}{
		{name: "signed correctly"},
		{name: "clock skew under 5 minutes", skew: 4 * time.Minute},
		{name: "unsigned payload", tweak: func(p *profile.ClientProfile) { p.UnsignedPayload = true }},
		{name: "token with a permanent key is ignored", mutate: func(r *http.Request) { r.Header.Set("X-TC-Token", "x") }},
		{name: "wrong secret key", key: "not-the-key", wantCode: "AuthFailure.SignatureFailure"},
		{name: "unknown secret ID", id: "AKIDunknownunknownunknownunknown00", wantCode: "AuthFailure.SecretIdNotFound"},
		{name: "clock skew over 5 minutes", skew: 6 * time.Minute, wantCode: "AuthFailure.SignatureExpire"},
		{name: "clock skew backwards", skew: -6 * time.Minute, wantCode: "AuthFailure.SignatureExpire"},
		{name: "tampered body", mutate: func(r *http.Request) { setBody(r, `{"X":1}`) }, wantCode: "AuthFailure.SignatureFailure"},
		{name: "tampered host", mutate: func(r *http.Request) { r.Host = "cam.tencentcloudapi.com" }, wantCode: "AuthFailure.SignatureFailure"},
		{name: "tampered content type", mutate: func(r *http.Request) { r.Header.Set("Content-Type", "application/json; charset=utf-8") }, wantCode: "AuthFailure.SignatureFailure"},
		{name: "content type the API does not take", mutate: func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, wantCode: "InvalidParameter"},
		{name: "missing Authorization", mutate: func(r *http.Request) { r.Header.Del("Authorization") }, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "malformed Authorization", mutate: func(r *http.Request) { r.Header.Set("Authorization", "TC3-HMAC-SHA256 garbage") }, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "other algorithm", mutate: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "TC3-HMAC-SHA256", "HMAC-SHA1", 1))
		}, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "host not signed", mutate: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "content-type;host", "content-type", 1))
		}, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "short signature", mutate: func(r *http.Request) {
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:len(a)-2])
		}, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "credential date is not the timestamp's", mutate: func(r *http.Request) {
			day := time.Now().UTC().Format(time.DateOnly)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/"+day+"/", "/2001-01-01/", 1))
		}, wantCode: "AuthFailure.InvalidAuthorization"},
		{name: "missing timestamp", mutate: func(r *http.Request) { r.Header.Del("X-TC-Timestamp") }, wantCode: "MissingParameter"},
		{name: "missing action", mutate: func(r *http.Request) { r.Header.Del("X-TC-Action") }, wantCode: "MissingParameter"},
		{name: "GET signed correctly", tweak: func(p *profile.ClientProfile) { p.HttpProfile.ReqMethod = "GET" }},
		{name: "GET with a tampered query", tweak: func(p *profile.ClientProfile) { p.HttpProfile.ReqMethod = "GET" },
			mutate: func(r *http.Request) { r.URL.RawQuery = "Extra=1" }, wantCode: "AuthFailure.SignatureFailure"},
		{name: "PUT is not served", mutate: func(r *http.Request) { r.Method = http.MethodPut }, wantCode: "UnsupportedProtocol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := camfake.NewServer(camfake.Demo())
			defer s.Close()
			if tt.skew != 0 {
				s.SetClock(func() time.Time { return time.Now().Add(tt.skew) })
			}
			id, key := s.Credential()
			if tt.id != "" {
				id = tt.id
			}
			if tt.key != "" {
				key = tt.key
			}
			p := srvProfile(s)
			if tt.tweak != nil {
				tt.tweak(p)
			}
			c, err := camapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", p)
			must(t, err)
			if tt.mutate != nil {
				c.WithHttpTransport(tt.mutate)
			}
			r, err := c.ListUsers(camapi.NewListUsersRequest())
			if tt.wantCode == "" {
				must(t, err)
				if len(r.Response.Data) == 0 {
					t.Error("no users")
				}
				return
			}
			wantSDKCode(t, err, tt.wantCode)
			if _, k := s.Credential(); strings.Contains(err.Error(), k) {
				t.Errorf("error shows the secret key: %v", err)
			}
		})
	}
}

// TestServerAuthByHand signs a request without the SDK, with more signed
// headers than the SDK signs, to check the canonical request follows the
// TC3-HMAC-SHA256 specification rather than one client.
func TestServerAuthByHand(t *testing.T) {
	t.Parallel()
	s := camfake.NewServer(camfake.Demo())
	defer s.Close()
	id, key := s.Credential()
	body := `{"Name":"dave.kim"}`
	now := time.Now()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/", strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("X-TC-Action", "GetUser")
	req.Header.Set("X-TC-Version", "2019-01-16")
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(now.Unix(), 10))
	signed := "content-type;host;x-tc-action"
	canon := "POST\n/\n\n" +
		"content-type:application/json; charset=utf-8\nhost:" + s.Endpoint() + "\nx-tc-action:getuser\n\n" +
		signed + "\n" + hexSHA256(body)
	date := now.UTC().Format(time.DateOnly)
	scope := date + "/cam/tc3_request"
	toSign := "TC3-HMAC-SHA256\n" + strconv.FormatInt(now.Unix(), 10) + "\n" + scope + "\n" + hexSHA256(canon)
	k := hmacBytes([]byte("TC3"+key), date)
	k = hmacBytes(k, "cam")
	k = hmacBytes(k, "tc3_request")
	req.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+id+"/"+scope+", SignedHeaders="+signed+
		", Signature="+hex.EncodeToString(hmacBytes(k, toSign)))

	for _, action := range []string{"GetUser", "ListUsers"} {
		req.Header.Set("X-TC-Action", action)
		req.Body = io.NopCloser(strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		var out struct {
			Response struct {
				Name  string
				Error struct{ Code string }
			}
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		_ = resp.Body.Close()
		must(t, err)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: status %d, content type %q", action, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		switch action {
		case "GetUser": // signed as sent
			if out.Response.Name != "dave.kim" || out.Response.Error.Code != "" {
				t.Errorf("GetUser: %+v", out.Response)
			}
		case "ListUsers": // the signed x-tc-action header changed
			if out.Response.Error.Code != "AuthFailure.SignatureFailure" {
				t.Errorf("changed signed header: code %q", out.Response.Error.Code)
			}
		}
	}
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func hmacBytes(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
