package tencent

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
)

// redacted replaces a secret wherever it would have appeared.
const redacted = "[REDACTED]"

// opError is a failure that is not a service error: a cancelled context, a
// network failure, an unreadable response or an input the adapter refuses.
// Its text is scrubbed when it is built; Unwrap keeps the cause for errors.Is
// and errors.As (context.Canceled, *url.Error, cam.ErrInvalid, ...).
type opError struct {
	action cam.Action
	msg    string
	cause  error
}

func (e *opError) Error() string { return "tencent: " + string(e.action) + ": " + e.msg }
func (e *opError) Unwrap() error { return e.cause }

// fail maps an error from the SDK onto camkit's errors:
//   - a service error becomes a *cam.APIError, which matches the cam
//     sentinels (cam.ErrNotFound, ...) with errors.Is;
//   - a cancelled or expired ctx gives an error that matches ctx.Err();
//   - anything else (network, HTTP status, unreadable JSON) is wrapped with
//     the action's name.
//
// Every message is scrubbed of the secret key and token, and its control
// characters are escaped ([clean]).
func (c *Client) fail(ctx context.Context, action cam.Action, err error) error {
	secrets := c.secrets()
	if ctx.Err() != nil {
		return &opError{action: action, msg: ctx.Err().Error(), cause: ctx.Err()}
	}
	var sdk *tcerr.TencentCloudSDKError
	if errors.As(err, &sdk) {
		if !strings.HasPrefix(sdk.Code, "ClientError") {
			return &cam.APIError{
				Action:    string(action),
				Code:      sdk.Code,
				Message:   clean(sdk.Message, secrets),
				RequestID: sdk.RequestId,
			}
		}
		msg := sdk.Code + ": " + sdk.Message
		if cause := sdk.Unwrap(); cause != nil {
			msg += ": " + cause.Error()
			err = cause
		}
		return &opError{action: action, msg: clean(msg, secrets), cause: err}
	}
	return &opError{action: action, msg: clean(err.Error(), secrets), cause: err}
}

// clean is scrub for error messages: it also writes every unprintable rune
// of the text a server sent (a control character, a line break) as its Go
// escape, so that a hostile or broken endpoint cannot forge log lines or
// drive a terminal through camkit's errors.
func clean(s string, secrets []string) string {
	return msgtext.Escape(scrub(s, secrets))
}

// invalid is an input the adapter refuses before calling CAM; it matches
// cam.ErrInvalid.
func invalid(action cam.Action, format string, args ...any) error {
	return &opError{action: action, msg: fmt.Sprintf(format, args...), cause: cam.ErrInvalid}
}

// badResponse reports a response the adapter cannot read.
func (c *Client) badResponse(action cam.Action, err error) error {
	return &opError{action: action, msg: "unexpected response: " + clean(err.Error(), c.secrets()), cause: err}
}

// errEmpty is the cause of a response without a Response object.
var errEmpty = errors.New("no Response object")

// Patterns of secrets the adapter does not know in advance: request
// signatures, session token headers, and the secret fields of API responses
// (STS AssumeRole's TmpSecretKey and Token) in the SDK's debug dumps.
var (
	signature   = regexp.MustCompile(`Signature=[0-9a-fA-F]+`)
	tokenHeader = regexp.MustCompile(`(?im)^(X-Tc-Token:[ \t]*)\S+`)
	secretField = regexp.MustCompile(`"(TmpSecretKey|SecretKey|Token|SessionToken|Password)"(\s*:\s*)"(?:[^"\\]|\\.)*"`)
)

// scrub removes every non-empty secret, and anything that looks like a
// signature, token header or secret JSON field, from s.
func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	s = signature.ReplaceAllString(s, "Signature="+redacted)
	s = tokenHeader.ReplaceAllString(s, "${1}"+redacted)
	return secretField.ReplaceAllString(s, `"$1"$2"`+redacted+`"`)
}

// secretSet remembers secrets the Client has handed out (temporary
// credentials from AssumeRole), so they are scrubbed too.
type secretSet struct {
	mu   sync.Mutex
	list []string
}

func (s *secretSet) add(secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range secrets {
		if v != "" && !slices.Contains(s.list, v) {
			s.list = append(s.list, v)
		}
	}
}

func (s *secretSet) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.list)
}

// scrubLogger is the SDK's logger: it scrubs each line and hands it to out,
// or drops it when there is no out.
type scrubLogger struct {
	secrets func() []string
	out     Logger
}

func (l *scrubLogger) Printf(format string, args ...any) {
	if l.out == nil {
		return
	}
	l.out.Printf("%s", scrub(fmt.Sprintf(format, args...), l.secrets()))
}

// errNoRoleID is the cause when GetRole returns a role without an ID.
var errNoRoleID = errors.New("GetRole returned no RoleId")
