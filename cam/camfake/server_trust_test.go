package camfake_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	stsapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// codeTrustRefused is STS's code for a role whose trust policy does not admit
// the caller.
const codeTrustRefused = "UnauthorizedOperation"

// trustEnv is an account of three sub-users allowed sts:AssumeRole on every
// role (alice, bob) or on none (carol), each with an access key, and roles
// whose trust policies admit different callers. It returns the fake, a server
// over it made with opts, and the sub-users' UINs by name.
func trustEnv(tb testing.TB, opts ...camfake.ServerOption) (*camfake.Fake, *camfake.Server, map[string]uint64) {
	tb.Helper()
	ctx := context.Background()
	f := newFake(tb)
	owner := f.OwnerUIN()
	key := []camfake.SeedKey{{Description: "test key"}}
	must(tb, f.Seed(camfake.Seed{
		Policies: []camfake.SeedPolicy{{Name: "AssumeAny",
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":["*"]}]}`}},
		Users: []camfake.SeedUser{
			{Name: "alice", Policies: []string{"AssumeAny"}, Keys: key},
			{Name: "bob", Policies: []string{"AssumeAny"}, Keys: key},
			{Name: "carol", Keys: key},
		},
		RootKeys: key,
	}))
	uins := map[string]uint64{}
	for _, n := range []string{"alice", "bob", "carol"} {
		u, err := f.GetUser(ctx, n)
		must(tb, err)
		uins[n] = u.UIN
	}
	account := `"qcs::cam::uin/` + itoa(owner) + `:root"`
	sub := func(n string) string { return `"qcs::cam::uin/` + itoa(owner) + `:uin/` + itoa(uins[n]) + `"` }
	allow := func(principals, cond string) string {
		if cond != "" {
			cond = `,"condition":` + cond
		}
		return `{"effect":"allow","principal":{"qcs":[` + principals + `]},"action":["name/sts:AssumeRole"]` + cond + `}`
	}
	trust := func(stmts ...string) string {
		return `{"version":"2.0","statement":[` + strings.Join(stmts, ",") + `]}`
	}
	for name, doc := range map[string]string{
		"ForAccount": trust(allow(account, "")),
		"ForAlice":   trust(allow(sub("alice"), "")),
		"ForRoot":    trust(allow(`"qcs::cam::uin/`+itoa(owner)+`:uin/`+itoa(owner)+`"`, "")),
		"ForService": `{"version":"2.0","statement":[{"effect":"allow","principal":{"service":["cvm.qcloud.com"]},"action":["name/sts:AssumeRole"]}]}`,
		"DenyBob": trust(allow(account, ""),
			`{"effect":"deny","principal":{"qcs":[`+sub("bob")+`]},"action":["name/sts:AssumeRole"]}`),
		"Loopback": trust(allow(account, `{"ip_equal":{"qcs:ip":["127.0.0.1/32"]}}`)),
		"Office":   trust(allow(account, `{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}`)),
		"Expired":  trust(allow(account, `{"date_less_than":{"qcs:current_time":"2020-01-01T00:00:00Z"}}`)),
		"OwnUIN":   trust(allow(account, `{"string_equal":{"qcs:uin":["`+itoa(uins["alice"])+`"]}}`)),
	} {
		_, err := f.CreateRole(ctx, cam.RoleInput{Name: name, TrustPolicy: doc})
		must(tb, err)
	}
	_, err := f.CreateRole(ctx, cam.RoleInput{Name: "Reader", TrustPolicy: trust(allow(account, ""))})
	must(tb, err)
	must(tb, f.AttachRolePolicy(ctx, 9, "Reader")) // QcloudCamReadOnlyAccess
	srv := camfake.NewServer(f, opts...)
	tb.Cleanup(srv.Close)
	return f, srv, uins
}

// assumeAs calls AssumeRole on the named role as e, with a session policy
// when policyDoc is not empty (URL-encoded, as STS asks), and returns clients
// signing with the session's credentials.
func assumeAs(tb testing.TB, e *srvEnv, role, policyDoc string) (*srvEnv, error) {
	tb.Helper()
	if policyDoc != "" {
		policyDoc = url.QueryEscape(policyDoc)
	}
	return assumeWithPolicy(tb, e, role, policyDoc)
}

// assumeWithPolicy is assumeAs with the Policy parameter sent as given (none
// when empty).
func assumeWithPolicy(tb testing.TB, e *srvEnv, role, rawPolicy string) (*srvEnv, error) {
	tb.Helper()
	req := stsapi.NewAssumeRoleRequest()
	req.RoleArn = common.StringPtr("qcs::cam::uin/" + itoa(e.fake.OwnerUIN()) + ":roleName/" + role)
	req.RoleSessionName = common.StringPtr("session-" + strings.ToLower(role))
	if rawPolicy != "" {
		req.Policy = common.StringPtr(rawPolicy)
	}
	r, err := e.sts.AssumeRole(req)
	if err != nil {
		return nil, err
	}
	c := r.Response.Credentials
	return srvClients(tb, e.fake, e.srv, common.NewTokenCredential(*c.TmpSecretId, *c.TmpSecretKey, *c.Token)), nil
}

// wantTrustRefused fails unless err is STS's refusal of AssumeRole because
// the role's trust policy does not admit who, for the reason why.
func wantTrustRefused(tb testing.TB, err error, role, who, why string) {
	tb.Helper()
	wantSDKCode(tb, err, codeTrustRefused)
	var e *tcerr.TencentCloudSDKError
	errors.As(err, &e)
	want := `the trust policy of role "` + role + `" does not allow ` + who + " to assume it: " + why
	if !strings.Contains(e.Message, want) {
		tb.Errorf("message %q lacks %q", e.Message, want)
	}
	if !errors.Is(cam.Classify(e.Code), cam.ErrAccessDenied) {
		tb.Errorf("%s does not classify as cam.ErrAccessDenied", e.Code)
	}
}

// TestServerTrustPolicies checks that with WithAuthorization AssumeRole needs
// the role's trust policy to admit the caller, the root account included,
// evaluated on the live request (address, time, UIN), and that without it
// trust policies are not evaluated.
func TestServerTrustPolicies(t *testing.T) {
	t.Parallel()
	f, srv, uins := trustEnv(t, camfake.WithAuthorization())
	owner := itoa(f.OwnerUIN())
	alice, _ := keyEnv(t, f, srv, "alice")
	bob, _ := keyEnv(t, f, srv, "bob")
	root, _ := keyEnv(t, f, srv, "server")
	rootKey, _ := keyEnv(t, f, srv, "root")
	aliceWho := `sub-user "alice" (UIN ` + itoa(uins["alice"]) + `)`
	bobWho := `sub-user "bob" (UIN ` + itoa(uins["bob"]) + `)`
	const rootWho = "the root account"
	noStatement := func(uin string) string { return "no statement admits qcs::cam::uin/" + owner + ":uin/" + uin }

	tests := []struct {
		role, caller string
		e            *srvEnv
		who, why     string // "" when admitted
	}{
		{role: "ForAccount", caller: "alice", e: alice},
		{role: "ForAccount", caller: "root", e: root},
		{role: "ForAccount", caller: "root key", e: rootKey},
		{role: "ForAlice", caller: "alice", e: alice},
		{role: "ForAlice", caller: "bob", e: bob, who: bobWho, why: noStatement(itoa(uins["bob"]))},
		// The root account does not bypass trust policies.
		{role: "ForAlice", caller: "root", e: root, who: rootWho, why: noStatement(owner)},
		{role: "ForRoot", caller: "root", e: root},
		{role: "ForRoot", caller: "alice", e: alice, who: aliceWho, why: noStatement(itoa(uins["alice"]))},
		{role: "ForService", caller: "alice", e: alice, who: aliceWho, why: noStatement(itoa(uins["alice"]))},
		{role: "ForService", caller: "root", e: root, who: rootWho, why: noStatement(owner)},
		{role: "DenyBob", caller: "alice", e: alice},
		{role: "DenyBob", caller: "bob", e: bob, who: bobWho,
			why: `explicitly denied by policy "trust policy of role DenyBob" statement[1]`},
		{role: "Loopback", caller: "alice", e: alice},
		{role: "Office", caller: "alice", e: alice, who: aliceWho, why: noStatement(itoa(uins["alice"]))},
		{role: "Expired", caller: "root", e: root, who: rootWho, why: noStatement(owner)},
		{role: "OwnUIN", caller: "alice", e: alice},
		{role: "OwnUIN", caller: "bob", e: bob, who: bobWho, why: noStatement(itoa(uins["bob"]))},
	}
	for _, tt := range tests {
		t.Run(tt.role+"/"+tt.caller, func(t *testing.T) {
			t.Parallel()
			s, err := assumeAs(t, tt.e, tt.role, "")
			if tt.why != "" {
				wantTrustRefused(t, err, tt.role, tt.who, tt.why)
				return
			}
			must(t, err)
			// The session signs as the role, which holds no policy.
			_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
			wantDenied(t, err, "cam:ListUsers", "*", `a session of role "`+tt.role+`": no policy allows it`, "")
		})
	}

	t.Run("the caller's own policies are decided first", func(t *testing.T) {
		t.Parallel()
		carol, _ := keyEnv(t, f, srv, "carol")
		_, err := assumeAs(t, carol, "ForService", "")
		wantSDKCode(t, err, codeUnauthorized)
	})
	t.Run("a role that does not exist", func(t *testing.T) {
		t.Parallel()
		_, err := assumeAs(t, alice, "Nobody", "")
		wantSDKCode(t, err, "ResourceNotFound.RoleNotFound")
	})
	t.Run("a trust policy that changes applies at once", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		_, err := f.CreateRole(ctx, cam.RoleInput{Name: "Changing", TrustPolicy: trustDoc(f.OwnerUIN())})
		must(t, err)
		_, err = assumeAs(t, bob, "Changing", "")
		must(t, err)
		must(t, f.UpdateTrustPolicy(ctx, "Changing",
			`{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/`+owner+`:uin/`+itoa(uins["alice"])+`"]},"action":["name/sts:AssumeRole"]}]}`))
		_, err = assumeAs(t, bob, "Changing", "")
		wantTrustRefused(t, err, "Changing", bobWho, noStatement(itoa(uins["bob"])))
	})
}

// TestServerTrustPoliciesOff checks that without WithAuthorization trust
// policies are not evaluated: every caller may assume every role.
func TestServerTrustPoliciesOff(t *testing.T) {
	t.Parallel()
	f, srv, _ := trustEnv(t)
	for _, caller := range []string{"server", "carol"} {
		e, _ := keyEnv(t, f, srv, caller)
		for _, role := range []string{"ForService", "ForAlice", "Office", "Expired"} {
			if _, err := assumeAs(t, e, role, ""); err != nil {
				t.Errorf("%s assuming %s without authorization: %v", caller, role, err)
			}
		}
	}
}

// TestServerTrustAgreesWithCanAssume checks the server's AssumeRole decisions
// for sub-users against cam.Snapshot.CanAssume over a snapshot of the same
// account: where the snapshot can decide (no condition on the caller's
// address), they agree; where it cannot, the server allows only what
// CanAssume counts as possible.
func TestServerTrustAgreesWithCanAssume(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, srv, uins := trustEnv(t, camfake.WithAuthorization())
	snap, err := cam.Load(ctx, f)
	must(t, err)
	decided := map[bool]int{}
	for _, user := range []string{"alice", "bob", "carol"} {
		e, _ := keyEnv(t, f, srv, user)
		for _, r := range snap.Roles {
			check, err := snap.CanAssume(uins[user], r.Name)
			must(t, err)
			_, serr := assumeAs(t, e, r.Name, "")
			allowed := serr == nil
			decided[allowed]++
			if serr != nil && sdkCode(t, serr) != codeTrustRefused && sdkCode(t, serr) != codeUnauthorized {
				t.Fatalf("%s assuming %s: %v", user, r.Name, serr)
			}
			switch {
			case check.Conditional && allowed != (r.Name == "Loopback"):
				t.Errorf("%s assuming %s: server allowed %v; CanAssume is conditional, the request comes from 127.0.0.1", user, r.Name, allowed)
			case !check.Conditional && allowed != check.Allowed():
				t.Errorf("%s assuming %s: server allowed %v, CanAssume %v (trust %v, identity %v)",
					user, r.Name, allowed, check.Allowed(), check.Trust.Outcome(), check.Identity.Outcome())
			}
		}
	}
	if decided[true] < 5 || decided[false] < 5 {
		t.Errorf("%d assumptions allowed and %d refused; the account should give several of each", decided[true], decided[false])
	}
}

// TestServerSessionPolicy checks that a session policy given to AssumeRole
// limits the session to what both it and the role allow, and how a Policy
// that is not a session policy is refused.
func TestServerSessionPolicy(t *testing.T) {
	t.Parallel()
	f, srv, _ := trustEnv(t, camfake.WithAuthorization())
	alice, _ := keyEnv(t, f, srv, "alice")
	const who = `a session of role "Reader": `
	listGroups := func(s *srvEnv) error {
		_, err := s.cam.ListGroups(camapi.NewListGroupsRequest())
		return err
	}

	t.Run("narrower than the role", func(t *testing.T) {
		t.Parallel()
		s, err := assumeAs(t, alice, "Reader",
			`{"version":"2.0","statement":[{"effect":"allow","action":["cam:ListUsers"],"resource":["*"]}]}`)
		must(t, err)
		_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
		must(t, err)
		wantDenied(t, listGroups(s), "cam:ListGroups", "*", who+"its policies allow it but its session policy does not", "")
	})
	t.Run("wider than the role, with a deny", func(t *testing.T) {
		t.Parallel()
		s, err := assumeAs(t, alice, "Reader", `{"version":"2.0","statement":[`+
			`{"effect":"allow","action":["cam:*"],"resource":["*"]},`+
			`{"effect":"deny","action":["cam:ListGroups"],"resource":["*"]}]}`)
		must(t, err)
		_, err = s.cam.ListUsers(camapi.NewListUsersRequest())
		must(t, err)
		wantDenied(t, listGroups(s), "cam:ListGroups", "*", who+`explicitly denied by policy "session policy" statement[1]`, "")
		_, err = s.cam.CreateRole(createRoleReq(f.OwnerUIN(), "made-by-session"))
		wantDenied(t, err, "cam:CreateRole", "*", who+"no policy allows it", "")
	})
	t.Run("without a session policy", func(t *testing.T) {
		t.Parallel()
		s, err := assumeAs(t, alice, "Reader", "")
		must(t, err)
		must(t, listGroups(s))
	})
	t.Run("a Policy sent without URL encoding", func(t *testing.T) {
		t.Parallel()
		s, err := assumeWithPolicy(t, alice, "Reader", `{"version":"2.0","statement":[{"effect":"allow","action":["cam:ListUsers"],"resource":["*"]}]}`)
		must(t, err)
		wantDenied(t, listGroups(s), "cam:ListGroups", "*", who+"its policies allow it but its session policy does not", "")
	})

	bad := []struct{ name, policy, code, want string }{
		{"not URL-encoded", "%zz", "InvalidParameter.StrategyFormatError", "Policy is not URL-encoded"},
		{"not JSON", url.QueryEscape("allow everything"), "InvalidParameter.StrategyFormatError", "Policy: "},
		{"a principal", url.QueryEscape(`{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":["cam:ListUsers"],"resource":["*"]}]}`),
			"InvalidParameter.StrategyInvalid", "statement[0]: a session policy cannot name a principal"},
		{"invalid", url.QueryEscape(`{"version":"2.0","statement":[{"effect":"permit","action":["cam:ListUsers"],"resource":["*"]}]}`),
			"InvalidParameter.StrategyInvalid", `statement[0].effect: "permit" is not valid`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := assumeWithPolicy(t, alice, "Reader", tt.policy)
			wantSDKCode(t, err, tt.code)
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v lacks %q", err, tt.want)
			}
		})
	}
}

// TestServerSessionPolicyOff checks that without WithAuthorization the
// Policy parameter is neither checked nor applied.
func TestServerSessionPolicyOff(t *testing.T) {
	t.Parallel()
	f, srv, _ := trustEnv(t)
	alice, _ := keyEnv(t, f, srv, "alice")
	for _, p := range []string{"%zz", `{"version":"2.0","statement":[{"effect":"allow","action":["cam:ListUsers"],"resource":["*"]}]}`} {
		s, err := assumeWithPolicy(t, alice, "Reader", p)
		must(t, err)
		_, err = s.cam.CreateRole(createRoleReq(f.OwnerUIN(), "made-without-authorization-"+itoa(uint64(len(p)))))
		must(t, err)
	}
}
