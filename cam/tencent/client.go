package tencent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	auditapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
)

// Client is the CAM adapter over the Tencent Cloud SDK. It implements
// [cam.API] and [cam.AuditLog]. A Client is safe for concurrent use.
//
// Create a Client with [New], [NewFromEnv] or [NewFromProvider]. The zero
// Client (and a nil *Client) is not usable: every call returns an error
// matching [ErrZeroClient] and does nothing.
//
// Printing a Client (with any fmt verb) shows its region and endpoint, never
// its credential.
type Client struct {
	cred  common.CredentialIface
	cfg   config
	cam   *camapi.Client
	audit *auditapi.Client
	sts   *stsapi.Client
	now   func() time.Time
	log   *scrubLogger
	// issued holds the temporary secrets AssumeRole handed out.
	issued *secretSet
}

var (
	_ cam.API      = (*Client)(nil)
	_ cam.AuditLog = (*Client)(nil)
)

// ErrZeroClient is the cause of every error from a Client that was not made
// by [New], [NewFromEnv] or [NewFromProvider] (the zero Client, or nil).
var ErrZeroClient = errors.New("tencent: the Client was not made by New")

// begin starts a call: it refuses a Client that New did not make, a nil
// context and a context that is already done.
func (c *Client) begin(ctx context.Context, action cam.Action) error {
	if c == nil || c.cam == nil || c.audit == nil || c.sts == nil || c.log == nil || c.issued == nil || c.now == nil {
		return &opError{action: action, msg: "the Client was not made by New: create it with tencent.New, NewFromEnv or NewFromProvider", cause: ErrZeroClient}
	}
	if ctx == nil {
		return invalid(action, "nil context")
	}
	if err := ctx.Err(); err != nil {
		return c.fail(ctx, action, err)
	}
	return nil
}

// requestClient names camkit in the X-TC-RequestClient header.
const requestClient = "camkit"

// New returns a Client that signs its calls with cred, for example
// common.NewCredential(secretID, secretKey) or a credential from one of the
// SDK's providers. Every invalid option is reported, joined into one error.
func New(cred common.CredentialIface, opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	var errs []error
	if cred == nil {
		errs = append(errs, errors.New("tencent: New: nil credential"))
	}
	for i, opt := range opts {
		if opt == nil {
			errs = append(errs, fmt.Errorf("tencent: New: option %d is nil", i))
			continue
		}
		if err := opt(&cfg); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	c := &Client{cred: cred, cfg: cfg, now: time.Now, issued: &secretSet{}}
	log := &scrubLogger{secrets: c.secrets, out: cfg.logger}
	c.log = log

	var err error
	if c.cam, err = camapi.NewClient(cred, cfg.region, cfg.profile()); err != nil {
		return nil, c.fail(context.Background(), "New", err)
	}
	c.cam.WithLogger(log).WithRequestClient(requestClient)
	if c.audit, err = auditapi.NewClient(cred, cfg.region, cfg.profile()); err != nil {
		return nil, c.fail(context.Background(), "New", err)
	}
	c.audit.WithLogger(log).WithRequestClient(requestClient)
	if c.sts, err = stsapi.NewClient(cred, cfg.region, cfg.profile()); err != nil {
		return nil, c.fail(context.Background(), "New", err)
	}
	c.sts.WithLogger(log).WithRequestClient(requestClient)
	return c, nil
}

// NewFromEnv returns a Client whose credential comes from the SDK's default
// provider chain: the TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY
// environment variables, then the profile file (~/.tencentcloud/credentials),
// then the CVM instance role.
func NewFromEnv(opts ...Option) (*Client, error) {
	return NewFromProvider(common.DefaultProviderChain(), opts...)
}

// NewFromProvider returns a Client whose credential comes from p, any of the
// SDK's providers (common.DefaultEnvProvider, common.DefaultProfileProvider,
// common.DefaultCvmRoleProvider, common.DefaultRoleArnProvider, ...) or a
// chain of them (common.NewProviderChain).
func NewFromProvider(p common.Provider, opts ...Option) (*Client, error) {
	if p == nil {
		return nil, errors.New("tencent: NewFromProvider: nil provider")
	}
	cred, err := p.GetCredential()
	if err != nil {
		// The provider failed, so the secret it may have read is unknown and
		// cannot be scrubbed: only the SDK's own fixed messages are shown.
		msg := fmt.Sprintf("no credential (%T)", err)
		var sdk *tcerr.TencentCloudSDKError
		if errors.As(err, &sdk) {
			msg = "no credential: " + sdk.Code + ": " + sdk.Message
		}
		return nil, &opError{action: "GetCredential", msg: msg, cause: err}
	}
	if cred == nil {
		return nil, errors.New("tencent: NewFromProvider: the provider returned no credential")
	}
	return New(cred, opts...)
}

// profile builds a fresh SDK profile from the configuration.
func (cfg config) profile() *profile.ClientProfile {
	p := profile.NewClientProfile()
	p.HttpProfile.Endpoint = cfg.endpoint
	p.HttpProfile.Scheme = cfg.scheme
	p.HttpProfile.ReqTimeout = int((cfg.timeout + time.Second - 1) / time.Second)
	p.Language = "en-US"
	p.DisableRegionBreaker = cfg.backup == "" // see WithRegionBreaker
	p.BackupEndpoint = cfg.backup
	// The adapter retries ([send]): the SDK's retries sleep without looking
	// at the context, so a cancelled call would wait out every backoff.
	p.RateLimitExceededMaxRetries = 0
	p.NetworkFailureMaxRetries = 0
	p.Debug = cfg.logger != nil
	return p
}

// Region returns the region the Client calls ("" for a Client that New did
// not make).
func (c *Client) Region() string {
	if c == nil {
		return ""
	}
	return c.cfg.region
}

// String describes the Client without its credential.
func (c Client) String() string {
	endpoint := c.cfg.endpoint
	if endpoint == "" {
		endpoint = "default"
	}
	return fmt.Sprintf("tencent.Client{region: %s, endpoint: %s, scheme: %s, retries: %d/%d}",
		c.cfg.region, endpoint, c.cfg.scheme, c.cfg.rateRetries, c.cfg.netRetries)
}

// Format prints [Client.String] for every verb, so %v, %+v, %#v and %s never
// reach the credential.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// GoString is [Client.String].
func (c Client) GoString() string { return c.String() }

// secrets returns the strings that must never leave the Client: the current
// secret key and session token, and the temporary secrets it handed out.
func (c *Client) secrets() []string {
	if c == nil || c.cred == nil {
		return nil
	}
	_, key, token := c.cred.GetCredential()
	return append(c.issued.all(), key, token)
}
