package camfake

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// codeUnauthorized is API 3.0's common error code for a call CAM does not
// allow, which CAM, STS and CloudAudit all return.
const codeUnauthorized = "AuthFailure.UnauthorizedOperation"

// codeSTSUnauthorized is STS's own code for an operation it does not allow
// (its error list for AssumeRole: UnauthorizedOperation, "未授权操作"), which
// the server answers when a role's trust policy does not admit the caller.
const codeSTSUnauthorized = "UnauthorizedOperation"

// actionAssumeRole is the action AssumeRole is authorised as, in the caller's
// policies and in the role's trust policy.
const actionAssumeRole = "sts:AssumeRole"

// unauthorizedText opens the message of a denied call, as Tencent Cloud's
// gateway words it.
const unauthorizedText = "You are not authorized to perform this operation. Check your CAM policies, and ensure that you are using the correct access keys."

// accountDirectory is what the server needs of the account behind it to tell
// who signed a request and what they may do. *Fake implements it by reading
// its state directly: these reads are not API calls, so they are neither
// recorded nor subject to faults, latency or rate limits.
type accountDirectory interface {
	// keyHolder returns the UIN of the holder of an access key (the owner's
	// UIN for a root account key) and whether the key is active; ok is false
	// when there is no such key.
	keyHolder(keyID string) (uin uint64, active, ok bool)
	// accountIDs returns the root account's UIN and the APPID.
	accountIDs() (owner, appID uint64)
	// userPermissions returns what a sub-user may do, and its name.
	userPermissions(uin uint64) (*policy.Evaluator, string, error)
	// userName returns a sub-user's name; ok is false when there is no
	// such sub-user.
	userName(uin uint64) (name string, ok bool)
	// rolePermissions returns what a session of a role may do.
	rolePermissions(name string) (*policy.Evaluator, error)
}

var _ accountDirectory = (*Fake)(nil)

// WithAuthorization makes the server authorize every call as CAM does,
// before the call reaches the Fake. The caller must be allowed the action
// "<service>:<Action>" ("cam:CreateRole", "sts:AssumeRole",
// "cloudaudit:DescribeEvents") on the resource CAM authorizes that API on:
//
//   - requests signed with [Server.Credential], or with a root account key
//     made usable by [Server.KeyCredential], act as the root account and are
//     allowed everything;
//   - requests signed with a sub-user's key ([Server.KeyCredential]) are
//     decided by that user's policies: those attached to it directly and
//     through its groups, within its permission boundary, as
//     cam.Snapshot's UserEvaluator reads them, in the Fake's state at the
//     time of the call;
//   - requests signed with temporary credentials from AssumeRole are decided
//     by the role's policies within its boundary (cam.Snapshot's
//     RoleEvaluator) and, when AssumeRole was given a session policy
//     (Policy), within that too: a session may do only what both allow.
//
// Every CAM and CloudAudit API the server serves is authorised on the
// resource "*": Tencent's CAM pages list CAM and CloudAudit as products
// authorised at operation level, and only a statement whose resource is "*"
// grants such an API. sts:AssumeRole is authorised on the RoleArn the request
// names, as STS's page gives it (qcs::cam::uin/<owner>:roleName/<name>), once
// its parameters check out. docs/semantics.md §7 lists the sources.
//
// AssumeRole also needs the role's trust policy to admit the caller, as STS
// requires (its page: the user must hold an allow for AssumeRole and be a
// principal of the role's trust policy). The trust policy is evaluated on the
// same request, with the caller as principal: a sub-user as
// qcs::cam::uin/<owner>:uin/<sub>, which a statement naming the sub-user or
// the account (qcs::cam::uin/<owner>:root) admits, and the root account as
// qcs::cam::uin/<owner>:uin/<owner> (CAM's ${uin} of the root account is the
// owner's UIN), which a statement naming the account admits; the root
// account does not bypass trust policies. A role the trust policy does not
// admit its caller to fails with UnauthorizedOperation, STS's own code for a
// refused operation (Tencent documents no code for this case), after the
// role is read, so a role that does not exist is ResourceNotFound.RoleNotFound
// whoever asks. The Policy parameter is URL-decoded, as STS's page requires,
// and must be a policy document without a principal:
// InvalidParameter.StrategyFormatError when it does not decode or parse,
// InvalidParameter.StrategyInvalid when it does not validate.
//
// The request carries the condition keys qcs:uin (a sub-user's UIN, the
// owner's for the root account's AssumeRole), qcs:owner_uin, qcs:app_id,
// qcs:current_time (the server's clock, see [Server.SetClock]) and qcs:ip
// (the client's address, 127.0.0.1 on loopback), and the caller as
// principal; qcs:read_only_action follows from the action. Decisions are
// package policy's, including its broad reading of allow statements where
// CAM's behaviour is undocumented (docs/semantics.md §5.7), so the server may
// allow a call CAM would refuse, never the reverse.
//
// A call that is not allowed fails with AuthFailure.UnauthorizedOperation,
// which the SDK returns as a *TencentCloudSDKError and package cam classifies
// as cam.ErrAccessDenied (as it does STS's UnauthorizedOperation). Its
// message names the action, the resource, the caller and why (no policy
// allows it, a statement denies it, the boundary or the session policy does
// not allow it), never a secret. Denied calls never reach the Fake, so they
// are not recorded and leave no audit event.
//
// Without WithAuthorization every correctly signed call is allowed, whoever
// signed it: trust policies are not evaluated and AssumeRole's Policy is
// neither checked nor applied.
func WithAuthorization() ServerOption {
	return func(c *serverConfig) { c.authorize = true }
}

// withDirectory sets the account the server authenticates keys and
// authorizes callers against; NewServer passes its Fake.
func withDirectory(d accountDirectory) ServerOption {
	return func(c *serverConfig) { c.dir = d }
}

// callerKind tells what kind of identity signed a request.
type callerKind uint8

const (
	// callerRoot: the server's own credential or a root account key.
	callerRoot callerKind = iota
	// callerUser: a sub-user's access key.
	callerUser
	// callerRole: temporary credentials of a role session.
	callerRole
)

// caller is who signed a request. The zero caller is the root account.
type caller struct {
	kind callerKind
	// uin is a callerUser's UIN; for a callerRole, the UIN of the sub-user
	// who assumed the role, 0 when the root account did.
	uin uint64
	// role and session are a callerRole's role and session name.
	role, session string
	// limit is a callerRole's session policy (AssumeRole's Policy),
	// compiled; nil when the session has none.
	limit *policy.Evaluator
}

// callerKey is the context key of the caller of the request being served.
type callerKey struct{}

// withCaller returns ctx carrying the caller.
func withCaller(ctx context.Context, c caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// callerFrom returns the caller ctx carries, the root account if none.
func callerFrom(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey{}).(caller)
	return c
}

// authorizesItself lists the actions whose handler authorizes the call
// itself, because the resource is one of its parameters.
var authorizesItself = map[string]bool{actionAssumeRole: true}

// KeyCredential makes the Fake's access key keyID usable against the server:
// it returns the key ID as the SecretId and a secret key the server makes
// for it (random, the same on every call for the server's lifetime; the Fake
// itself holds no secrets). Requests signed with them act as the key's
// holder: a sub-user, or the root account for a key of the root account
// ([Fake.RootAccessKeys]). GetUserAppId then reports the sub-user's UIN as
// Uin, ListAccessKeys without TargetUin lists the sub-user's own keys, and
// the Fake records the sub-user as the [Caller] of the calls (and the
// operator of their audit events); with [WithAuthorization] the sub-user's
// policies decide what it may do.
//
// The key is looked up on every request: once it is deleted or made
// inactive ([Fake.UpdateAccessKey]), requests signed with it fail with
// AuthFailure.SecretIdNotFound, as Tencent Cloud answers for a deleted or
// disabled key, and work again if it is made active.
//
// KeyCredential fails with a *cam.APIError ResourceNotFound.SecretNotExist
// (matching cam.ErrNotFound) when the account has no key keyID.
func (s *Server) KeyCredential(keyID string) (secretID, secretKey string, err error) {
	if s.cfg.dir == nil {
		return "", "", errors.New("camfake: server: KeyCredential needs a server made by NewServer")
	}
	if _, _, ok := s.cfg.dir.keyHolder(keyID); !ok {
		return "", "", &cam.APIError{Action: "KeyCredential", Code: codeKeyNotFound,
			Message: "access key " + strconv.Quote(keyID) + " does not exist"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.keySecrets[keyID]
	if !ok {
		key = randomString(40)
		s.keySecrets[keyID] = key
	}
	return keyID, key, nil
}

// keyCaller returns the caller of a request signed with the Fake's access key
// keyID, which must still exist and be active.
func (s *Server) keyCaller(keyID string) (caller, error) {
	uin, active, ok := s.cfg.dir.keyHolder(keyID)
	switch {
	case !ok:
		return caller{}, wireErr(codeAuthSecretID, "the SecretId %s does not exist: its access key was deleted", keyID)
	case !active:
		return caller{}, wireErr(codeAuthSecretID, "the SecretId %s is disabled: its access key is not active", keyID)
	}
	if owner, _ := s.cfg.dir.accountIDs(); uin == owner {
		return caller{}, nil
	}
	return caller{kind: callerUser, uin: uin}, nil
}

// authorize decides, when the server authorizes calls, whether the caller of
// c may perform action on resource, and returns AuthFailure.UnauthorizedOperation
// if not.
func (s *Server) authorize(c *callTarget, action, resource string) error {
	if !s.cfg.authorize || c.caller.kind == callerRoot {
		return nil
	}
	req := s.request(c, action, resource)
	var ev *policy.Evaluator
	var who string
	var err error
	switch c.caller.kind {
	case callerUser:
		var name string
		ev, name, err = s.cfg.dir.userPermissions(c.caller.uin)
		who = subUserText(name, c.caller.uin)
	default:
		ev, err = s.cfg.dir.rolePermissions(c.caller.role)
		who = "a session of role " + quoteName(c.caller.role)
	}
	switch {
	case errors.Is(err, cam.ErrNotFound):
		return unauthorized(action, resource, who+": it no longer exists")
	case err != nil:
		return wireErr(codeInternal, "authorizing %s for %s: %v", action, who, err)
	}
	d := ev.Evaluate(req)
	why := ""
	if limit := c.caller.limit; limit != nil && d.Outcome() != policy.OutcomeExplicitDeny {
		// The session policy bounds the role's policies as a boundary does.
		switch ds := limit.Evaluate(req); {
		case ds.Outcome() == policy.OutcomeExplicitDeny:
			why = denyReason(ds)
		case d.Allowed() && !ds.Allowed():
			why = "its policies allow it but its session policy does not"
		}
	}
	if why == "" && !d.Allowed() {
		why = denyReason(d)
	}
	if why == "" {
		return nil
	}
	return unauthorized(action, resource, who+": "+why)
}

// request is the request CAM decides for the caller of c: the action on the
// resource with the context the server knows and, for a sub-user or the root
// account, the caller as principal and qcs:uin.
func (s *Server) request(c *callTarget, action, resource string) policy.Request {
	owner, appID := s.cfg.dir.accountIDs()
	req := policy.Request{Action: action, Resource: resource, Context: map[string][]string{
		policy.KeyOwnerUIN:    {strconv.FormatUint(owner, 10)},
		policy.KeyAppID:       {strconv.FormatUint(appID, 10)},
		policy.KeyCurrentTime: {policy.FormatDate(s.now())},
	}}
	if c.sourceIP != "" {
		req.Context[policy.KeyIP] = []string{c.sourceIP}
	}
	uin := owner // CAM's ${uin} of the root account is the owner's UIN
	switch c.caller.kind {
	case callerRole:
		return req
	case callerUser:
		uin = c.caller.uin
	}
	req.Context[policy.KeyUIN] = []string{strconv.FormatUint(uin, 10)}
	req.Principal = policy.CAMUser(owner, uin).String()
	return req
}

// checkTrust decides, when the server authorizes calls, whether role's trust
// policy admits the caller of c to assume it, and returns STS's
// UnauthorizedOperation if not. The request is the one the caller's own
// policies decide, on the role's ARN, with the caller as principal.
func (s *Server) checkTrust(c *callTarget, role cam.Role) error {
	if !s.cfg.authorize {
		return nil
	}
	owner, _ := s.cfg.dir.accountIDs()
	arn := role.ARN
	if arn == "" {
		arn = policy.RoleARN(owner, role.Name)
	}
	who := "the root account"
	if c.caller.kind == callerUser {
		name, _ := s.cfg.dir.userName(c.caller.uin)
		who = subUserText(name, c.caller.uin)
	}
	refuse := func(why string) error {
		return wireErr(codeSTSUnauthorized, "the trust policy of role %s does not allow %s to assume it: %s", quoteName(role.Name), who, why)
	}
	if role.Trust == nil {
		return refuse("it does not parse")
	}
	ev, err := policy.CompileNamed(policy.Named{Name: "trust policy of role " + role.Name, Doc: role.Trust})
	if err != nil {
		return wireErr(codeInternal, "authorizing %s for %s: %v", actionAssumeRole, who, err)
	}
	d := ev.Evaluate(s.request(c, actionAssumeRole, arn))
	switch {
	case d.Allowed():
		return nil
	case d.Outcome() == policy.OutcomeExplicitDeny:
		return refuse(denyReason(d))
	}
	return refuse("no statement admits " + policy.CAMUser(owner, cmp.Or(c.caller.uin, owner)).String())
}

// sessionPolicy reads AssumeRole's Policy: URL-encoded, as STS's page asks,
// a policy document without a principal. It returns the document compiled.
func sessionPolicy(raw string) (*policy.Evaluator, error) {
	text, err := url.QueryUnescape(raw)
	if err != nil {
		return nil, wireErr(codeSTSPolicyFormat, "Policy is not URL-encoded: %v", err)
	}
	doc, err := policy.Parse([]byte(text))
	if err != nil {
		return nil, wireErr(codeSTSPolicyFormat, "Policy: %v", err)
	}
	for i, st := range doc.Statement {
		if !st.Principal.Empty() {
			return nil, wireErr(codeSTSPolicyInvalid, "Policy: statement[%d]: a session policy cannot name a principal", i)
		}
	}
	if err := doc.Validate(); err != nil {
		return nil, wireErr(codeSTSPolicyInvalid, "Policy: %s", joinLines(err))
	}
	ev, err := policy.CompileNamed(policy.Named{Name: "session policy", Doc: doc})
	if err != nil {
		return nil, wireErr(codeSTSPolicyInvalid, "Policy: %v", err)
	}
	return ev, nil
}

// subUserText names a sub-user in messages.
func subUserText(name string, uin uint64) string {
	return fmt.Sprintf("sub-user %s (UIN %d)", quoteName(name), uin)
}

// unauthorized is the error of a denied call: Tencent Cloud's code and
// message, then who was denied and why.
func unauthorized(action, resource, why string) error {
	return wireErr(codeUnauthorized, "%s [you are not authorized to perform operation (%s) resource (%s) has no permission] %s",
		unauthorizedText, action, resource, why)
}

// denyReason says why a decision is not an allow.
func denyReason(d policy.Decision) string {
	switch {
	case d.Outcome() == policy.OutcomeExplicitDeny && d.NumStatements() > 0:
		return "explicitly denied by " + d.Statement(0).String()
	case d.Outcome() == policy.OutcomeExplicitDeny:
		return "explicitly denied"
	case d.BoundaryDenied():
		return "its policies allow it but its permission boundary does not"
	}
	return "no policy allows it"
}

// withDirectoryLast returns opts followed by withDirectory(d), without
// changing opts' backing array.
func withDirectoryLast(opts []ServerOption, d accountDirectory) []ServerOption {
	return append(slices.Clip(opts), withDirectory(d))
}
