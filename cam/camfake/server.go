package camfake

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/camkit/camkit/cam"
)

// Server is an HTTP server that speaks the Tencent Cloud API 3.0 wire protocol
// for a [Fake]: TC3-HMAC-SHA256 signed requests, answered with
// {"Response": {...}} (errors in Response.Error, always with HTTP status 200). It serves three services on one address, told apart
// by the service in each request's signed credential scope and its X-TC-Version:
//
//   - "cam", version 2019-01-16: every action behind [cam.Reader] and [cam.Writer];
//   - "sts", version 2018-08-13: AssumeRole;
//   - "cloudaudit", version 2019-03-19: DescribeEvents.
//
// Point each tencentcloud-sdk-go client at [Server.Endpoint] with the "http"
// scheme and sign with [Server.Credential], which acts as the root account;
// credentials from AssumeRole work too, with their token, until they expire,
// and so does any access key of the Fake once [Server.KeyCredential] has made
// a secret for it, acting as the key's sub-user.
//
// # Authorization
//
// By default every correctly signed request is allowed, whoever signed it.
// With [WithAuthorization] the server authorizes each call as CAM does: a
// sub-user's key may do what the user's policies, group policies and
// permission boundary allow, a role session what the role's policies (and
// its session policy) allow, and the root account everything; a call that
// is not allowed fails with AuthFailure.UnauthorizedOperation before it
// reaches the Fake. AssumeRole also needs the role's trust policy to admit
// the caller, the root account included.
//
// The server calls the Fake only through its [cam.API] and [cam.AuditLog]
// methods, so the Fake's faults, latency, rate limits, call records and audit
// events apply to wire calls as to direct ones. Some actions need more than one
// Fake call: an action naming a role by RoleId resolves it with GetRole (and
// DescribeRoleList when the ID is not known yet), AddUserToGroup by Uid resolves
// through ListUsers, AssumeRole reads the role with GetRole, and responses that
// carry names the Fake's method does not return (group names in
// ListAttachedUserAllPolicies, member names in ListUsersForGroup) look them up
// with ListGroups and ListUsers, leaving them out if that lookup fails.
//
// Requests may be POST with a JSON body (the SDK's default) or GET with the
// parameters flattened into the query string (ReqMethod "GET").
//
// # Hostile clients
//
// The server checks what it can before it reads a body: the method (other
// than GET and POST: UnsupportedProtocol), the Authorization header's shape,
// X-TC-Timestamp, the SecretId (and token), and the Content-Type (POST takes
// application/json, GET application/x-www-form-urlencoded; anything else is
// InvalidParameter). Only then does it read the body, at most
// [DefaultMaxBodyBytes] ([WithMaxBodyBytes]; a longer one is
// RequestSizeLimitExceeded, refused unread when Content-Length announces it),
// and then it checks the signature, which covers the body's hash. A client
// has [DefaultReadHeaderTimeout] to send its headers and [DefaultReadTimeout]
// for the whole request ([WithReadTimeout]); a kept-alive connection is closed
// after [DefaultIdleTimeout] without a request ([WithIdleTimeout]). There is
// no write timeout: answering may take as long as a [Fault]'s Delay says.
//
// What it does not model: signature version 1 (HmacSHA1/HmacSHA256), trust
// policies and session policies without [WithAuthorization] (with it,
// AssumeRole evaluates both), regions (X-TC-Region is accepted and ignored),
// renaming a policy or replacing its document with UpdatePolicy (use
// CreatePolicyVersion), and tags on policies. Requests for the last three
// fail with UnsupportedOperation or MissingParameter rather than being half
// done.
//
// Times in CAM responses are "2006-01-02 15:04:05" in Beijing time (UTC+8),
// as CAM writes them. DescribeEvents returns events newest first, pages with
// NextToken until ListOver, gives EventTime as Unix seconds, joins an event's
// resources with commas in Resources.ResourceName, and puts the caller's UIN
// (userIdentity.principalId), actionType ("Read" or "Write") and
// sensitiveAction in the CloudAuditEvent JSON.
//
// # Who called
//
// The server passes who signed each request to the Fake, with or without
// [WithAuthorization]: [Fake.Calls] records it as each call's [Caller], and
// the audit event of a write names it as CloudAudit does: "root" for the
// root account, the sub-user's name for a sub-user, and the role's name for a
// role session, with the UIN of whoever assumed the role as the event's
// PrincipalUIN. GetUserAppId reports the caller's UIN as Uin (for a role
// session, the UIN of whoever assumed the role, as STS's GetCallerIdentity
// gives a role session's PrincipalId), and ListAccessKeys without TargetUin
// lists that identity's own keys: a sub-user's, or the root account's for
// the root account and sessions of roles it assumed.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:<port>", like
	// httptest.Server's.
	URL string

	api   cam.API
	audit cam.AuditLog
	cfg   serverConfig

	listener net.Listener
	http     *http.Server
	close    sync.Once

	secretID, secretKey string

	mu         sync.Mutex
	clock      func() time.Time
	temp       map[string]tempCredential // by TmpSecretId
	keySecrets map[string]string         // key ID -> the secret key KeyCredential made
	roleIDs    map[string]string         // role ID -> role name, learned from responses
	owner      uint64                    // owner UIN, learned lazily
}

// NewServer starts a server on a random loopback port serving f; Close shuts it
// down. A nil f serves a new empty Fake (New()). The server's own credential
// is random (see [Server.Credential]) and its clock is the wall clock, which the
// SDK's request timestamps are checked against (see [Server.SetClock]). opts
// change its limits (see "Hostile clients" on [Server]).
//
// Like httptest.NewServer, NewServer panics if it cannot listen on the loopback
// interface.
func NewServer(f *Fake, opts ...ServerOption) *Server {
	if f == nil {
		f = New()
	}
	return newServer(f, f, withDirectoryLast(opts, f)...)
}

// newServer is NewServer over any cam.API and cam.AuditLog: the server's core
// knows nothing of the Fake's internals.
func newServer(api cam.API, audit cam.AuditLog, opts ...ServerOption) *Server {
	cfg := defaultServerConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("camfake: server: cannot listen on a loopback port: %v", err))
	}
	s := &Server{
		api:        api,
		audit:      audit,
		cfg:        cfg,
		listener:   l,
		secretID:   "AKID" + randomString(32),
		secretKey:  randomString(32),
		clock:      time.Now,
		temp:       make(map[string]tempCredential),
		keySecrets: make(map[string]string),
		roleIDs:    make(map[string]string),
	}
	s.URL = "http://" + l.Addr().String()
	s.http = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: cfg.readHeader,
		ReadTimeout:       cfg.read, // net/http lifts it once the body is read
		IdleTimeout:       cfg.idle,
		MaxHeaderBytes:    maxHeaderBytes,
	}
	go func() { _ = s.http.Serve(l) }()
	return s
}

// Endpoint returns the server's "host:port", the value the SDK's
// profile.HttpProfile.Endpoint takes (together with Scheme "http").
func (s *Server) Endpoint() string { return strings.TrimPrefix(s.URL, "http://") }

// Credential returns the server's permanent API key pair, random for each
// server. Requests signed with it act as the account's root. It is not one of
// the Fake's access keys: [Fake.RootAccessKeys] does not list it.
func (s *Server) Credential() (secretID, secretKey string) { return s.secretID, s.secretKey }

// SetClock sets the clock the server checks request timestamps against
// (X-TC-Timestamp must be within 5 minutes of it) and expires temporary
// credentials by; nil restores the wall clock. It does not change the Fake's
// clock.
func (s *Server) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	s.mu.Lock()
	s.clock = now
	s.mu.Unlock()
}

// now reads the server's clock.
func (s *Server) now() time.Time {
	s.mu.Lock()
	c := s.clock
	s.mu.Unlock()
	return c()
}

// Close shuts the server down, closing open connections. Calling it more than
// once is harmless.
func (s *Server) Close() {
	s.close.Do(func() { _ = s.http.Close() })
}

// String describes the server by URL and secret ID; it never shows the secret
// key.
func (s *Server) String() string {
	if s == nil {
		return "camfake.Server(nil)"
	}
	return fmt.Sprintf("camfake.Server{URL: %s, SecretId: %s}", s.URL, s.secretID)
}

// GoString is String, so %#v never shows the secret key either.
func (s *Server) GoString() string { return s.String() }

// Format prints [Server.String] for every verb, so %v, %+v, %#v and %s never
// dump the secret key.
func (s *Server) Format(st fmt.State, _ rune) { _, _ = fmt.Fprint(st, s.String()) }

// maxHeaderBytes bounds a request's headers (API 3.0's are a few hundred
// bytes; a GET's parameters are in the URL, which Tencent limits to 32 KB).
const maxHeaderBytes = 64 << 10

// serveHTTP answers one API request. Every answer is HTTP 200 with a JSON body,
// as Tencent Cloud answers: errors are in Response.Error. The one exception is
// a body that does not arrive within the read timeout: HTTP 408, and the
// connection is closed.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	out, err := s.handle(w, r)
	switch {
	case errors.Is(err, errBodyTimeout):
		w.Header().Set("Connection", "close")
		http.Error(w, errBodyTimeout.Error(), http.StatusRequestTimeout)
	case err != nil:
		s.writeError(w, reqID, err)
	default:
		s.writeResult(w, reqID, out)
	}
}

// handle checks a request in order of cost, reading the body only for a
// caller whose headers check out, and dispatches it.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) (any, error) {
	if err := checkMethod(r); err != nil {
		return nil, err
	}
	sr, err := s.credentials(r)
	if err != nil {
		return nil, err
	}
	if err := checkContentType(r); err != nil {
		return nil, err
	}
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	c, err := s.verify(r, body, sr)
	if err != nil {
		return nil, err
	}
	return s.dispatch(r.Context(), c, body)
}

// dispatch routes an authenticated request to its action handler.
func (s *Server) dispatch(ctx context.Context, c *callTarget, body []byte) (any, error) {
	svc, ok := services[c.service]
	if !ok {
		return nil, wireErr(codeInvalidAction, "the service %q is not served here (cam, sts and cloudaudit are)", c.service)
	}
	if c.version != svc.version {
		return nil, wireErr(codeNoSuchVersion, "the %s API has no version %q (it is %s)", c.service, c.version, svc.version)
	}
	h, ok := svc.actions[c.action]
	if !ok {
		return nil, wireErr(codeInvalidAction, "the %s API has no action %q", c.service, c.action)
	}
	if s.cfg.authorize {
		if name := c.service + ":" + c.action; !authorizesItself[name] {
			if err := s.authorize(c, name, "*"); err != nil {
				return nil, err
			}
		}
	}
	if c.caller != (caller{}) {
		ctx = withCaller(ctx, c.caller) // callerFrom gives the root account without it
	}
	return h(ctx, s, c, body)
}

// randomString returns n random characters of [A-Za-z0-9].
func randomString(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// newRequestID returns a random UUID-shaped request ID, like Tencent Cloud's.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
