package camfake

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"
)

// Limits of the wire server, used by [NewServer] unless a [ServerOption]
// changes them. They bound what one connection can cost: no request body is
// read before its Authorization header, timestamp and SecretId check out, and
// none is read past the size limit or the read timeout.
const (
	// DefaultMaxBodyBytes is the largest request body the server reads:
	// 1 MiB, far above CAM's largest request (a 6,144-character policy
	// document is at most about 37 KB of JSON).
	DefaultMaxBodyBytes = 1 << 20
	// MaxBodyBytes is the most [WithMaxBodyBytes] allows: Tencent Cloud's
	// limit for a TC3-HMAC-SHA256 POST body (10 MB).
	MaxBodyBytes = 10 << 20
	// DefaultReadHeaderTimeout is how long a client has to send a request's
	// headers.
	DefaultReadHeaderTimeout = 5 * time.Second
	// DefaultReadTimeout is how long a client has to send a whole request,
	// headers and body.
	DefaultReadTimeout = 10 * time.Second
	// DefaultIdleTimeout is how long a kept-alive connection may wait for its
	// next request.
	DefaultIdleTimeout = 30 * time.Second
)

// ServerOption configures a [Server] made by [NewServer].
type ServerOption func(*serverConfig)

type serverConfig struct {
	maxBody    int64
	readHeader time.Duration
	read       time.Duration
	idle       time.Duration
	// authorize is set by WithAuthorization.
	authorize bool
	// dir is the account the server learns callers and their permissions
	// from; NewServer sets it to the Fake.
	dir accountDirectory
}

func defaultServerConfig() serverConfig {
	return serverConfig{
		maxBody:    DefaultMaxBodyBytes,
		readHeader: DefaultReadHeaderTimeout,
		read:       DefaultReadTimeout,
		idle:       DefaultIdleTimeout,
	}
}

// WithMaxBodyBytes sets the largest request body the server reads (default
// [DefaultMaxBodyBytes]); a larger one is refused with
// RequestSizeLimitExceeded. n ≤ 0 keeps the default, and n above
// [MaxBodyBytes] is lowered to it.
func WithMaxBodyBytes(n int64) ServerOption {
	return func(c *serverConfig) {
		if n > 0 {
			c.maxBody = min(n, MaxBodyBytes)
		}
	}
}

// WithReadTimeout sets how long a client has to send a whole request
// (default [DefaultReadTimeout]); its headers must also arrive within
// [DefaultReadHeaderTimeout] or d, whichever is shorter. When time runs out
// the connection is closed, after an HTTP 408 if the headers had arrived and
// the body had not. The time a request takes to answer does not count. d ≤ 0
// keeps the default.
func WithReadTimeout(d time.Duration) ServerOption {
	return func(c *serverConfig) {
		if d > 0 {
			c.read = d
			c.readHeader = min(DefaultReadHeaderTimeout, d)
		}
	}
}

// WithIdleTimeout sets how long a kept-alive connection may wait for its next
// request before the server closes it (default [DefaultIdleTimeout]). d ≤ 0
// keeps the default.
func WithIdleTimeout(d time.Duration) ServerOption {
	return func(c *serverConfig) {
		if d > 0 {
			c.idle = d
		}
	}
}

// checkMethod accepts the two methods Tencent Cloud API 3.0 serves; any other
// is UnsupportedProtocol, API 3.0's code for it.
func checkMethod(r *http.Request) error {
	switch r.Method {
	case http.MethodPost, http.MethodGet:
		return nil
	}
	return wireErr(codeUnsupportedProtocol, "the %s method is not supported: only GET and POST requests are", r.Method)
}

// Content types of API 3.0 requests signed with TC3-HMAC-SHA256.
const (
	contentJSON = "application/json"
	contentForm = "application/x-www-form-urlencoded"
	contentPart = "multipart/form-data"
)

// checkContentType accepts what API 3.0 accepts with TC3-HMAC-SHA256 for
// these services: a POST carries application/json (charset UTF-8, if one is
// named), a GET application/x-www-form-urlencoded. Tencent Cloud also takes a
// form-encoded POST signed with signature version 1, which the server does not
// model, and multipart/form-data for a few upload APIs, none of which it
// serves. Tencent documents no error code of its own for the Content-Type,
// so the server answers InvalidParameter, API 3.0's code for a malformed
// request.
func checkContentType(r *http.Request) error {
	header := r.Header.Get("Content-Type")
	media, params, err := mime.ParseMediaType(header)
	if err != nil && header != "" {
		return wireErr(codeInvalidParameter, "the Content-Type %q is not a media type", header)
	}
	want := contentJSON
	if r.Method == http.MethodGet {
		want = contentForm
	}
	switch {
	case media == want && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8")):
		return nil
	case media == want:
		return wireErr(codeInvalidParameter, "the Content-Type charset %q is not accepted: API 3.0 requests are UTF-8", params["charset"])
	case r.Method == http.MethodPost && media == contentForm:
		return wireErr(codeInvalidParameter,
			"a form-encoded POST needs signature version 1 (HmacSHA1 or HmacSHA256), which camfake does not serve; send %s signed with TC3-HMAC-SHA256", contentJSON)
	case r.Method == http.MethodPost && media == contentPart:
		return wireErr(codeInvalidParameter, "%s is for a few upload APIs; CAM, STS and CloudAudit take %s", contentPart, contentJSON)
	case header == "":
		return wireErr(codeInvalidParameter, "the Content-Type header is missing: a %s takes %s", r.Method, want)
	}
	return wireErr(codeInvalidParameter, "the Content-Type %q is not accepted: a %s takes %s", header, r.Method, want)
}

// errBodyTimeout is the cause when a request body does not arrive in time.
var errBodyTimeout = errors.New("the request body did not arrive within the read timeout")

// readBody reads a POST request's body, at most the server's size limit; a
// GET request has none. A body announced larger than the limit is refused
// before any of it is read. (Once the body is read, net/http lifts the read
// deadline itself, so a slow answer such as a Fault's Delay is not cut short.)
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.Method != http.MethodPost {
		return nil, nil // parameters are in the query string
	}
	if r.ContentLength > s.cfg.maxBody {
		return nil, wireErr(codeRequestSizeLimit, "the request body is %d bytes; the limit is %d", r.ContentLength, s.cfg.maxBody)
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, wireErr(codeRequestSizeLimit, "the request body is larger than the limit of %d bytes", s.cfg.maxBody)
		case errors.Is(err, os.ErrDeadlineExceeded):
			return nil, errBodyTimeout
		}
		return nil, wireErr(codeInternal, "reading the request body: %v", err)
	}
	return b, nil
}
