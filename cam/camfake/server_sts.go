package camfake

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/camkit/camkit/policy"
)

// STS AssumeRole limits (docs/semantics.md §6).
const (
	defaultAssumeRoleSeconds = 7200
	maxAssumeRolePolicyLen   = 2048
)

// sessionNameRE is RoleSessionName's alphabet and length.
var sessionNameRE = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)

// tempCredential is a set of temporary credentials AssumeRole handed out.
type tempCredential struct {
	secretKey, token string
	expires          time.Time
	role, session    string
	// by is the UIN of the sub-user who assumed the role, 0 for the root
	// account.
	by uint64
	// limit is the session policy, compiled; nil without one (or without
	// WithAuthorization, which alone applies it).
	limit *policy.Evaluator
}

// stsActions are the STS actions served.
var stsActions = map[string]handler{
	"AssumeRole": assumeRole,
}

type assumeRoleParams struct {
	RoleArn         *string   `json:"RoleArn"`
	RoleSessionName *string   `json:"RoleSessionName"`
	DurationSeconds *uint64   `json:"DurationSeconds"`
	Policy          *string   `json:"Policy"`
	ExternalId      *string   `json:"ExternalId"`
	Tags            []wireTag `json:"Tags"`
	SourceIdentity  *string   `json:"SourceIdentity"`
	SerialNumber    *string   `json:"SerialNumber"`
	TokenCode       *string   `json:"TokenCode"`
}

// assumeRole hands out temporary credentials for a role that exists in the
// account. It checks the parameters as STS does, and does not verify MFA
// codes. Temporary credentials cannot call AssumeRole themselves. With
// WithAuthorization the caller needs sts:AssumeRole on the RoleArn as given,
// checked once the parameters are valid and the ARN names a role, and the
// role's trust policy must admit the caller, checked once the role is read;
// the session Policy, if any, is checked with the parameters and limits what
// the session may do. Without it neither policy is looked at. The session
// remembers who assumed the role, for GetUserAppId, ListAccessKeys and the
// Fake's records of the session's calls.
func assumeRole(ctx context.Context, s *Server, c *callTarget, body []byte) (any, error) {
	var p assumeRoleParams
	if err := c.decode(body, &p); err != nil {
		return nil, err
	}
	if c.caller.kind == callerRole {
		return nil, wireErr("FailedOperation.TempKeyNotAllowed", "temporary credentials cannot call AssumeRole")
	}
	arn, err := needString(p.RoleArn, "RoleArn")
	if err != nil {
		return nil, err
	}
	session, err := needString(p.RoleSessionName, "RoleSessionName")
	if err != nil {
		return nil, err
	}
	if !sessionNameRE.MatchString(session) {
		return nil, wireErr(codeSTSParam, "RoleSessionName must be 2 to 128 characters of [A-Za-z0-9_+=,.@-]")
	}
	secs := uint64(defaultAssumeRoleSeconds)
	if p.DurationSeconds != nil {
		secs = *p.DurationSeconds
	}
	if secs == 0 {
		return nil, wireErr(codeSTSParam, "DurationSeconds must be positive")
	}
	if secs > MaxSessionDuration {
		return nil, wireErr(codeSTSOverTime, "DurationSeconds %d is over the maximum of %d", secs, MaxSessionDuration)
	}
	if len(str(p.Policy)) > maxAssumeRolePolicyLen {
		return nil, wireErr("InvalidParameter.PolicyTooLong", "Policy is longer than %d characters", maxAssumeRolePolicyLen)
	}
	var limit *policy.Evaluator
	if s.cfg.authorize && str(p.Policy) != "" {
		if limit, err = sessionPolicy(*p.Policy); err != nil {
			return nil, err
		}
	}
	if (str(p.SerialNumber) == "") != (str(p.TokenCode) == "") {
		return nil, wireErr(codeSTSParam, "SerialNumber and TokenCode go together")
	}
	name, err := s.roleFromARN(ctx, arn)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(c, actionAssumeRole, arn); err != nil {
		return nil, err
	}
	role, err := s.api.GetRole(ctx, name)
	if err != nil {
		if isNotFound(err) {
			return nil, wireErr(codeSTSRoleNotFound, "the role %s does not exist", arn)
		}
		return nil, err
	}
	if owner, _, _ := strings.Cut(arn, ":role"); role.ARN != "" && !strings.HasPrefix(role.ARN, owner+":") {
		return nil, wireErr(codeSTSRoleNotFound, "the role %s does not exist (the account's role is %s)", arn, role.ARN)
	}
	if err := s.checkTrust(c, role); err != nil {
		return nil, err
	}
	if role.SessionDuration > 0 && secs > uint64(role.SessionDuration) {
		return nil, wireErr(codeSTSOverTime, "DurationSeconds %d is over the role's maximum session duration of %d", secs, role.SessionDuration)
	}
	now := s.now()
	tc := tempCredential{
		secretKey: randomString(40),
		token:     randomString(96),
		expires:   now.Add(time.Duration(secs) * time.Second),
		role:      role.Name,
		session:   session,
		by:        c.caller.uin,
		limit:     limit,
	}
	id := "AKID" + randomString(32)
	s.mu.Lock()
	for k, old := range s.temp {
		if !now.Before(old.expires) {
			delete(s.temp, k)
		}
	}
	s.temp[id] = tc
	s.mu.Unlock()
	type credentials struct {
		Token        string `json:"Token"`
		TmpSecretId  string `json:"TmpSecretId"`
		TmpSecretKey string `json:"TmpSecretKey"`
	}
	return struct {
		Credentials credentials `json:"Credentials"`
		ExpiredTime int64       `json:"ExpiredTime"`
		Expiration  string      `json:"Expiration"`
	}{credentials{tc.token, id, tc.secretKey}, tc.expires.Unix(), tc.expires.UTC().Format(time.RFC3339)}, nil
}

// roleFromARN returns the role name an ARN names:
// "qcs::cam::uin/<owner>:roleName/<name>" or "qcs::cam::uin/<owner>:role/<id>".
func (s *Server) roleFromARN(ctx context.Context, arn string) (string, error) {
	rest, ok := strings.CutPrefix(arn, "qcs::cam::uin/")
	if !ok {
		return "", wireErr(codeSTSParam, "RoleArn %q is not qcs::cam::uin/<owner>:roleName/<name>", arn)
	}
	owner, res, ok := strings.Cut(rest, ":")
	if !ok || owner == "" {
		return "", wireErr(codeSTSParam, "RoleArn %q is not qcs::cam::uin/<owner>:roleName/<name>", arn)
	}
	if name, ok := strings.CutPrefix(res, "roleName/"); ok && name != "" {
		return name, nil
	}
	if id, ok := strings.CutPrefix(res, "role/"); ok && id != "" {
		name, err := s.roleName(ctx, nil, &id, "", "RoleArn")
		if isNotFound(err) || isWireCode(err, codeRoleNotExist) {
			return "", wireErr(codeSTSRoleNotFound, "the role %s does not exist", arn)
		}
		return name, err
	}
	return "", wireErr(codeSTSParam, "RoleArn %q is not qcs::cam::uin/<owner>:roleName/<name>", arn)
}

// isWireCode reports whether err is a server error with the code.
func isWireCode(err error, code string) bool {
	var we *wireError
	return errors.As(err, &we) && we.code == code
}
