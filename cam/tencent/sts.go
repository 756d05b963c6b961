package tencent

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

// Identity is the caller as STS GetCallerIdentity reports it.
type Identity struct {
	// ARN is the caller's ARN.
	ARN string
	// AccountID is the owner account's UIN.
	AccountID string
	// UserID is the account UIN, "roleId:sessionName" for a role session, or
	// "uin:name" for a federated user.
	UserID string
	// PrincipalID is the UIN that holds the key (for a role session, the UIN
	// that assumed the role).
	PrincipalID string
	// Type is the identity type as STS reports it.
	Type string
}

// CallerIdentity returns who the Client's credential is (STS
// GetCallerIdentity).
func (c *Client) CallerIdentity(ctx context.Context) (Identity, error) {
	const action = "GetCallerIdentity"
	if err := c.begin(ctx, action); err != nil {
		return Identity{}, err
	}
	resp, err := send(ctx, c, reading, action, func() (*stsapi.GetCallerIdentityResponse, error) {
		return c.sts.GetCallerIdentityWithContext(ctx, stsapi.NewGetCallerIdentityRequest())
	})
	if err != nil {
		return Identity{}, c.fail(ctx, action, err)
	}
	r := resp.Response
	if r == nil {
		return Identity{}, c.badResponse(action, errEmpty)
	}
	return Identity{ARN: str(r.Arn), AccountID: str(r.AccountId), UserID: str(r.UserId), PrincipalID: str(r.PrincipalId), Type: str(r.Type)}, nil
}

// AssumeRoleInput describes an STS AssumeRole request.
type AssumeRoleInput struct {
	// RoleARN is "qcs::cam::uin/<owner>:roleName/<name>".
	RoleARN string
	// SessionName is 2–128 characters of [\w+=,.@-].
	SessionName string
	// Duration is the session length; zero means STS's default (7,200 s). At
	// most 43,200 s.
	Duration time.Duration
	// Policy optionally narrows the session's permissions (a policy document
	// without principal).
	Policy string
	// ExternalID is the role's external ID, when its trust policy asks for one.
	ExternalID string
	// SerialNumber and TokenCode pass a soft-token MFA code.
	SerialNumber, TokenCode string
}

var sessionName = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)

// AssumeRole obtains temporary credentials for a role (STS AssumeRole). The
// result implements common.CredentialIface, so it can sign a new Client:
//
//	creds, err := c.AssumeRole(ctx, tencent.AssumeRoleInput{RoleARN: arn, SessionName: "review"})
//	...
//	asRole, err := tencent.New(creds, tencent.WithRegion(c.Region()))
func (c *Client) AssumeRole(ctx context.Context, in AssumeRoleInput) (*Credentials, error) {
	const action = "AssumeRole"
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	switch {
	case in.RoleARN == "":
		return nil, invalid(action, "empty role ARN")
	case !sessionName.MatchString(in.SessionName):
		return nil, invalid(action, "session name %q is not 2–128 characters of [\\w+=,.@-]", in.SessionName)
	case in.Duration < 0 || in.Duration > MaxSessionDuration*time.Second:
		return nil, invalid(action, "duration %v is outside 0–12h", in.Duration)
	}
	req := stsapi.NewAssumeRoleRequest()
	req.RoleArn, req.RoleSessionName = common.StringPtr(in.RoleARN), common.StringPtr(in.SessionName)
	if in.Duration > 0 {
		req.DurationSeconds = common.Uint64Ptr(uint64(in.Duration / time.Second))
	}
	for _, f := range []struct {
		dst **string
		v   string
	}{{&req.Policy, in.Policy}, {&req.ExternalId, in.ExternalID}, {&req.SerialNumber, in.SerialNumber}, {&req.TokenCode, in.TokenCode}} {
		if f.v != "" {
			*f.dst = common.StringPtr(f.v)
		}
	}
	resp, err := send(ctx, c, writing, action, func() (*stsapi.AssumeRoleResponse, error) {
		return c.sts.AssumeRoleWithContext(ctx, req)
	})
	if err != nil {
		return nil, c.fail(ctx, action, err)
	}
	r := resp.Response
	if r == nil || r.Credentials == nil {
		return nil, c.badResponse(action, errEmpty)
	}
	creds := &Credentials{
		id:    str(r.Credentials.TmpSecretId),
		key:   str(r.Credentials.TmpSecretKey),
		token: str(r.Credentials.Token),
	}
	c.issued.add(creds.key, creds.token)
	if r.ExpiredTime != nil {
		creds.Expires = time.Unix(*r.ExpiredTime, 0).UTC()
	} else if t, err := time.Parse(time.RFC3339, str(r.Expiration)); err == nil {
		creds.Expires = t.UTC()
	}
	return creds, nil
}

// Credentials are temporary credentials from [Client.AssumeRole]. They
// implement common.CredentialIface. Printing them (with any fmt verb) shows
// only the secret ID and expiry, never the secret key or token.
type Credentials struct {
	id, key, token string
	// Expires is when the credentials stop working.
	Expires time.Time
}

var _ common.CredentialIface = Credentials{}

// GetSecretId returns the temporary secret ID.
func (c Credentials) GetSecretId() string { return c.id }

// GetSecretKey returns the temporary secret key.
func (c Credentials) GetSecretKey() string { return c.key }

// GetToken returns the session token.
func (c Credentials) GetToken() string { return c.token }

// GetCredential returns the secret ID, secret key and token.
func (c Credentials) GetCredential() (string, string, string) { return c.id, c.key, c.token }

// String shows the secret ID and expiry.
func (c Credentials) String() string {
	return fmt.Sprintf("tencent.Credentials{secretId: %s, secretKey: %s, token: %s, expires: %s}",
		c.id, redacted, redacted, c.Expires.Format(time.RFC3339))
}

// Format prints [Credentials.String] for every verb.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// GoString is [Credentials.String].
func (c Credentials) GoString() string { return c.String() }
