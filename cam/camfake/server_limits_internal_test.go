package camfake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// endlessBody is a request body of size zero bytes (unbounded when size is
// negative) that counts how much of it was read.
type endlessBody struct {
	size, read int64
}

func (b *endlessBody) Read(p []byte) (int, error) {
	if b.size >= 0 && b.read >= b.size {
		return 0, io.EOF
	}
	n := int64(len(p))
	if b.size >= 0 {
		n = min(n, b.size-b.read)
	}
	clear(p[:n])
	b.read += n
	return int(n), nil
}

func (b *endlessBody) Close() error { return nil }

// hostileRequest is a request to s with a 10 MiB body whose headers are
// well formed and carry s's own SecretId and the current time, but whose
// signature is made up; edit changes it before it is sent.
func hostileRequest(s *Server, method string, edit func(r *http.Request)) (*http.Request, *endlessBody) {
	body := &endlessBody{size: 10 << 20}
	r := httptest.NewRequest(method, "/", nil)
	r.Body = body
	r.ContentLength = body.size
	now := time.Now()
	r.Header.Set("Content-Type", "application/json")
	if method == http.MethodGet {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.Header.Set("X-TC-Action", "ListUsers")
	r.Header.Set("X-TC-Version", "2019-01-16")
	r.Header.Set("X-TC-Timestamp", strconv.FormatInt(now.Unix(), 10))
	r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+s.secretID+"/"+now.UTC().Format(time.DateOnly)+
		"/cam/tc3_request, SignedHeaders=content-type;host, Signature="+strings.Repeat("0f", 32))
	if edit != nil {
		edit(r)
	}
	return r, body
}

func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var out struct {
		Response struct{ Error struct{ Code string } }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("answer %q is not JSON: %v", rec.Body.String(), err)
	}
	return out.Response.Error.Code
}

// TestHostileBodiesAreNotRead sends 10 MiB bodies that fail a check the
// headers alone decide: the server answers without reading a byte of them.
// Requests that pass every header check read at most the size limit.
func TestHostileBodiesAreNotRead(t *testing.T) {
	s := newServer(Demo(), Demo())
	defer s.Close()
	tests := []struct {
		name     string
		method   string
		edit     func(r *http.Request)
		wantCode string
		maxRead  int64
	}{
		{"no Authorization", http.MethodPost, func(r *http.Request) { r.Header.Del("Authorization") }, "AuthFailure.InvalidAuthorization", 0},
		{"malformed Authorization", http.MethodPost, func(r *http.Request) { r.Header.Set("Authorization", "TC3-HMAC-SHA256 x") }, "AuthFailure.InvalidAuthorization", 0},
		{"unknown SecretId", http.MethodPost, func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), s.secretID, "AKIDnobody", 1))
		}, "AuthFailure.SecretIdNotFound", 0},
		{"stale timestamp", http.MethodPost, func(r *http.Request) {
			r.Header.Set("X-TC-Timestamp", strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10))
		}, "AuthFailure.SignatureExpire", 0},
		{"no timestamp", http.MethodPost, func(r *http.Request) { r.Header.Del("X-TC-Timestamp") }, "MissingParameter", 0},
		{"content type", http.MethodPost, func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, "InvalidParameter", 0},
		{"method", http.MethodPut, nil, "UnsupportedProtocol", 0},
		{"announced too long", http.MethodPost, nil, "RequestSizeLimitExceeded", 0},
		{"chunked and too long", http.MethodPost, func(r *http.Request) { r.ContentLength = -1 }, "RequestSizeLimitExceeded", DefaultMaxBodyBytes + 1},
		{"GET ignores its body", http.MethodGet, nil, "AuthFailure.SignatureFailure", 0},
		{"within the limit, badly signed", http.MethodPost, func(r *http.Request) {
			r.Body = &endlessBody{size: 1000}
			r.ContentLength = 1000
		}, "AuthFailure.SignatureFailure", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, body := hostileRequest(s, tt.method, tt.edit)
			if b, ok := r.Body.(*endlessBody); ok {
				body = b
			}
			rec := httptest.NewRecorder()
			s.serveHTTP(rec, r)
			if code := errorCode(t, rec); code != tt.wantCode {
				t.Errorf("code %q, want %q (%s)", code, tt.wantCode, rec.Body.String())
			}
			if body.read > tt.maxRead {
				t.Errorf("read %d bytes of the body, want at most %d", body.read, tt.maxRead)
			}
		})
	}
}

func TestContentTypes(t *testing.T) {
	s := newServer(Demo(), Demo())
	defer s.Close()
	tests := []struct {
		method, contentType string
		ok                  bool
	}{
		{http.MethodPost, "application/json", true},
		{http.MethodPost, "application/json; charset=utf-8", true},
		{http.MethodPost, "Application/JSON; charset=UTF-8", true},
		{http.MethodPost, "application/json; charset=latin1", false},
		{http.MethodPost, "application/x-www-form-urlencoded", false},
		{http.MethodPost, "multipart/form-data; boundary=x", false},
		{http.MethodPost, "text/plain", false},
		{http.MethodPost, "", false},
		{http.MethodPost, "application/json; charset", false},
		{http.MethodGet, "application/x-www-form-urlencoded", true},
		{http.MethodGet, "application/json", false},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.contentType, func(t *testing.T) {
			r, _ := hostileRequest(s, tt.method, func(r *http.Request) {
				r.Header.Set("Content-Type", tt.contentType)
				r.Body, r.ContentLength = http.NoBody, 0
			})
			rec := httptest.NewRecorder()
			s.serveHTTP(rec, r)
			want := "InvalidParameter"
			if tt.ok {
				want = "AuthFailure.SignatureFailure" // past the check, to the made-up signature
			}
			if code := errorCode(t, rec); code != want {
				t.Errorf("code %q, want %q (%s)", code, want, rec.Body.String())
			}
		})
	}
}

func TestServerLimitOptions(t *testing.T) {
	tests := []struct {
		name                      string
		opts                      []ServerOption
		body                      int64
		readHeader, read, idleFor time.Duration
	}{
		{"defaults", nil, DefaultMaxBodyBytes, DefaultReadHeaderTimeout, DefaultReadTimeout, DefaultIdleTimeout},
		{"set", []ServerOption{WithMaxBodyBytes(4096), WithReadTimeout(time.Second), WithIdleTimeout(time.Minute)},
			4096, time.Second, time.Second, time.Minute},
		{"long read timeout keeps the header timeout", []ServerOption{WithReadTimeout(time.Hour)},
			DefaultMaxBodyBytes, DefaultReadHeaderTimeout, time.Hour, DefaultIdleTimeout},
		{"zero and negative keep the defaults", []ServerOption{WithMaxBodyBytes(0), WithReadTimeout(-1), WithIdleTimeout(0), nil},
			DefaultMaxBodyBytes, DefaultReadHeaderTimeout, DefaultReadTimeout, DefaultIdleTimeout},
		{"body limit capped at Tencent's", []ServerOption{WithMaxBodyBytes(1 << 40)},
			MaxBodyBytes, DefaultReadHeaderTimeout, DefaultReadTimeout, DefaultIdleTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(New(), New(), tt.opts...)
			defer s.Close()
			if s.cfg.maxBody != tt.body || s.http.ReadHeaderTimeout != tt.readHeader ||
				s.http.ReadTimeout != tt.read || s.http.IdleTimeout != tt.idleFor {
				t.Errorf("body %d, timeouts %v/%v/%v; want %d, %v/%v/%v", s.cfg.maxBody,
					s.http.ReadHeaderTimeout, s.http.ReadTimeout, s.http.IdleTimeout, tt.body, tt.readHeader, tt.read, tt.idleFor)
			}
		})
	}
}

// BenchmarkHostileBody measures what a 10 MiB body costs the server when the
// headers already fail (no Authorization) and when they pass but the body,
// sent without a Content-Length, is over the limit: the first reads nothing,
// the second at most DefaultMaxBodyBytes.
func BenchmarkHostileBody(b *testing.B) {
	s := newServer(Demo(), Demo())
	defer s.Close()
	for _, bc := range []struct {
		name string
		edit func(r *http.Request)
	}{
		{"unauthenticated", func(r *http.Request) { r.Header.Del("Authorization") }},
		{"chunked-over-limit", func(r *http.Request) { r.ContentLength = -1 }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, _ := hostileRequest(s, http.MethodPost, bc.edit)
				s.serveHTTP(httptest.NewRecorder(), r)
			}
		})
	}
}
