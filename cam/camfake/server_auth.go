package camfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// tc3Algorithm is the only signature algorithm the server accepts.
const tc3Algorithm = "TC3-HMAC-SHA256"

// maxClockSkew is how far X-TC-Timestamp may be from the server's clock.
const maxClockSkew = 5 * time.Minute

// callTarget is what an authenticated request asks for.
type callTarget struct {
	service string // from the credential scope: "cam", "sts" or "cloudaudit"
	version string // X-TC-Version
	action  string // X-TC-Action
	region  string // X-TC-Region, may be empty
	// secretID is the key the request was signed with (not secret).
	secretID string
	// caller is who signed the request.
	caller caller
	// sourceIP is the client's address, without the port.
	sourceIP string
	// query holds a GET request's parameters; nil for POST.
	query url.Values
}

// decode decodes the request's parameters into v: the JSON body of a POST,
// the query string of a GET.
func (c *callTarget) decode(body []byte, v any) error {
	if c.query != nil {
		return decodeQuery(c.query, v)
	}
	return decodeParams(body, v)
}

// tc3Auth is a parsed Authorization header.
type tc3Auth struct {
	secretID      string
	date          string
	service       string
	signedHeaders []string
	signature     string
}

// parseAuthorization parses
// "TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=a;b, Signature=<hex>".
func parseAuthorization(h string) (tc3Auth, error) {
	var a tc3Auth
	if h == "" {
		return a, wireErr(codeAuthInvalid, "the Authorization header is missing")
	}
	alg, rest, ok := strings.Cut(h, " ")
	if !ok || alg != tc3Algorithm {
		return a, wireErr(codeAuthInvalid, "the Authorization header must start with %q", tc3Algorithm+" ")
	}
	var credential, signed string
	for part := range strings.SplitSeq(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, wireErr(codeAuthInvalid, "the Authorization header has a malformed part %q", strings.TrimSpace(part))
		}
		switch k {
		case "Credential":
			credential = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			a.signature = v
		default:
			return a, wireErr(codeAuthInvalid, "the Authorization header has an unknown part %q", k)
		}
	}
	scope := strings.Split(credential, "/")
	if len(scope) != 4 || scope[0] == "" || scope[3] != "tc3_request" {
		return a, wireErr(codeAuthInvalid, "the Authorization Credential must be <SecretId>/<date>/<service>/tc3_request")
	}
	if _, err := time.Parse(time.DateOnly, scope[1]); err != nil {
		return a, wireErr(codeAuthInvalid, "the Authorization Credential date %q is not a date (2006-01-02)", scope[1])
	}
	if scope[2] == "" {
		return a, wireErr(codeAuthInvalid, "the Authorization Credential names no service")
	}
	a.secretID, a.date, a.service = scope[0], scope[1], scope[2]
	if signed == "" {
		return a, wireErr(codeAuthInvalid, "the Authorization header has no SignedHeaders")
	}
	a.signedHeaders = strings.Split(signed, ";")
	for _, need := range []string{"content-type", "host"} {
		if !slices.Contains(a.signedHeaders, need) {
			return a, wireErr(codeAuthInvalid, "SignedHeaders must include %q", need)
		}
	}
	if len(a.signature) != 2*sha256.Size {
		return a, wireErr(codeAuthInvalid, "the Authorization Signature is not a hex SHA-256 HMAC")
	}
	if _, err := hex.DecodeString(a.signature); err != nil {
		return a, wireErr(codeAuthInvalid, "the Authorization Signature is not a hex SHA-256 HMAC")
	}
	return a, nil
}

// signedRequest is what a request's headers claim before its body is read:
// the parsed Authorization, the timestamp and the secret key of the SecretId.
type signedRequest struct {
	auth      tc3Auth
	timestamp string
	key       string
	who       caller
}

// credentials checks everything about a request's signature that does not
// need the body: the Authorization header's shape, X-TC-Timestamp (within 5
// minutes of the server's clock, on the credential's date) and the SecretId
// (and token, for temporary credentials). A request that fails here is
// answered without reading its body.
func (s *Server) credentials(r *http.Request) (*signedRequest, error) {
	a, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return nil, err
	}
	ts := r.Header.Get("X-TC-Timestamp")
	if ts == "" {
		return nil, wireErr(codeMissingParameter, "the X-TC-Timestamp header is missing")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, wireErr(codeInvalidParameter, "X-TC-Timestamp %q is not a Unix time in seconds", ts)
	}
	now := s.now()
	at := time.Unix(sec, 0)
	if d := now.Sub(at); d > maxClockSkew || d < -maxClockSkew {
		return nil, wireErr(codeAuthExpired, "the signature has expired: X-TC-Timestamp %d is more than 5 minutes from the server time %d", sec, now.Unix())
	}
	if want := at.UTC().Format(time.DateOnly); a.date != want {
		return nil, wireErr(codeAuthInvalid, "the Credential date %s is not the UTC date of X-TC-Timestamp (%s)", a.date, want)
	}
	key, who, err := s.secretFor(a.secretID, r.Header.Get("X-TC-Token"), now)
	if err != nil {
		return nil, err
	}
	return &signedRequest{auth: a, timestamp: ts, key: key, who: who}, nil
}

// verify checks a request's TC3-HMAC-SHA256 signature over its body, and
// returns what it asks for.
func (s *Server) verify(r *http.Request, body []byte, sr *signedRequest) (*callTarget, error) {
	if !hmac.Equal([]byte(sr.auth.signature), []byte(tc3Signature(r, body, sr.auth, sr.timestamp, sr.key))) {
		return nil, wireErr(codeAuthSignature, "the request signature does not match (check the secret key and the signed request)")
	}
	c := &callTarget{
		service:  sr.auth.service,
		version:  r.Header.Get("X-TC-Version"),
		action:   r.Header.Get("X-TC-Action"),
		region:   r.Header.Get("X-TC-Region"),
		secretID: sr.auth.secretID,
		caller:   sr.who,
	}
	if s.cfg.authorize {
		c.sourceIP = remoteIP(r) // only qcs:ip needs it
	}
	if r.Method == http.MethodGet {
		c.query = r.URL.Query()
	}
	if c.action == "" {
		return nil, wireErr(codeMissingParameter, "the X-TC-Action header is missing")
	}
	if c.version == "" {
		return nil, wireErr(codeMissingParameter, "the X-TC-Version header is missing")
	}
	return c, nil
}

// secretFor returns the secret key of a SecretId and who it belongs to: the
// server's own (the root account), that of a Fake access key made usable by
// KeyCredential (while the key exists and is active), or that of live
// temporary credentials presented with their token (a role session).
func (s *Server) secretFor(secretID, token string, now time.Time) (string, caller, error) {
	if secretID == s.secretID {
		return s.secretKey, caller{}, nil
	}
	s.mu.Lock()
	keySecret, isKey := s.keySecrets[secretID]
	tc, isTemp := s.temp[secretID]
	s.mu.Unlock()
	switch {
	case isKey:
		who, err := s.keyCaller(secretID)
		return keySecret, who, err
	case !isTemp:
		return "", caller{}, wireErr(codeAuthSecretID, "the SecretId %s does not exist", secretID)
	case token == "":
		return "", caller{}, wireErr(codeAuthToken, "temporary credentials need their token in X-TC-Token")
	case !hmac.Equal([]byte(token), []byte(tc.token)):
		return "", caller{}, wireErr(codeAuthToken, "the X-TC-Token does not belong to SecretId %s", secretID)
	case !now.Before(tc.expires):
		return "", caller{}, wireErr(codeAuthToken, "the temporary credentials expired at %s", tc.expires.UTC().Format(time.RFC3339))
	}
	return tc.secretKey, caller{kind: callerRole, uin: tc.by, role: tc.role, session: tc.session, limit: tc.limit}, nil
}

// remoteIP returns the client's address without the port, or "" when the
// connection's address is not host:port.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return ""
	}
	return host
}

// tc3Signature computes the TC3-HMAC-SHA256 signature of a request as the
// signer should have: canonical request, string to sign, derived key.
func tc3Signature(r *http.Request, body []byte, a tc3Auth, timestamp, secretKey string) string {
	var canon strings.Builder
	canon.WriteString(r.Method)
	canon.WriteString("\n/\n")
	canon.WriteString(r.URL.RawQuery)
	canon.WriteByte('\n')
	for _, h := range a.signedHeaders {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		canon.WriteString(h)
		canon.WriteByte(':')
		canon.WriteString(strings.ToLower(strings.TrimSpace(v)))
		canon.WriteByte('\n')
	}
	canon.WriteByte('\n')
	canon.WriteString(strings.Join(a.signedHeaders, ";"))
	canon.WriteByte('\n')
	if r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" {
		canon.WriteString(sha256Hex([]byte("UNSIGNED-PAYLOAD")))
	} else {
		canon.WriteString(sha256Hex(body))
	}
	scope := a.date + "/" + a.service + "/tc3_request"
	toSign := tc3Algorithm + "\n" + timestamp + "\n" + scope + "\n" + sha256Hex([]byte(canon.String()))
	k := hmacSHA256([]byte("TC3"+secretKey), a.date)
	k = hmacSHA256(k, a.service)
	k = hmacSHA256(k, "tc3_request")
	return hex.EncodeToString(hmacSHA256(k, toSign))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
