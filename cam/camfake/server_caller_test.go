package camfake_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// createPolicyAs creates a policy named name through e and returns the
// fake's record of the CreatePolicy call.
func createPolicyAs(tb testing.TB, e *srvEnv, name string) camfake.Call {
	tb.Helper()
	req := camapi.NewCreatePolicyRequest()
	req.PolicyName, req.PolicyDocument = common.StringPtr(name), common.StringPtr(allowDoc)
	r, err := e.cam.CreatePolicy(req)
	must(tb, err)
	for _, c := range e.fake.Calls() {
		if c.Action == "CreatePolicy" && c.PolicyID == *r.Response.PolicyId {
			return c
		}
	}
	tb.Fatalf("the fake has no record of creating %s", name)
	return camfake.Call{}
}

// TestServerCallerAttribution checks that the fake records each call, and
// the audit event of each write, as made by whoever signed the request: the
// root account, a sub-user, or a role session (attributed to its role, with
// the UIN of whoever assumed it), with or without WithAuthorization; and
// that CloudAudit's DescribeEvents shows and selects them so.
func TestServerCallerAttribution(t *testing.T) {
	t.Parallel()
	for _, authz := range []bool{false, true} {
		t.Run(map[bool]string{false: "without authorization", true: "with authorization"}[authz], func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var opts []camfake.ServerOption
			if authz {
				opts = append(opts, camfake.WithAuthorization())
			}
			f, srv, uins := trustEnv(t, opts...)
			owner := f.OwnerUIN()
			if authz {
				// Reader holds QcloudCamReadOnlyAccess; the writes below need more.
				must(t, f.AttachRolePolicy(ctx, 1, "Reader")) // AdministratorAccess
				must(t, f.AttachUserPolicy(ctx, 1, uins["alice"]))
			}
			root, _ := keyEnv(t, f, srv, "server")
			alice, _ := keyEnv(t, f, srv, "alice")
			aliceSession, err := assumeAs(t, alice, "Reader", "")
			must(t, err)
			rootSession, err := assumeAs(t, root, "Reader", "")
			must(t, err)

			tests := []struct {
				name      string
				e         *srvEnv
				want      camfake.Caller
				principal string
			}{
				{"root", root, camfake.Caller{UIN: owner}, "root"},
				{"alice", alice, camfake.Caller{UIN: uins["alice"], UserName: "alice"}, "alice"},
				{"alice-session", aliceSession, camfake.Caller{UIN: uins["alice"], UserName: "alice", Role: "Reader", Session: "session-reader"}, "Reader"},
				{"root-session", rootSession, camfake.Caller{UIN: owner, Role: "Reader", Session: "session-reader"}, "Reader"},
			}
			byID := map[string]camfake.Call{}
			for _, tt := range tests {
				c := createPolicyAs(t, tt.e, "by-"+tt.name)
				if c.Caller != tt.want {
					t.Errorf("%s: the call is recorded as made by %+v, want %+v", tt.name, c.Caller, tt.want)
				}
				if got := c.Caller.IsRoot(); got != (tt.name == "root") {
					t.Errorf("%s: IsRoot = %v", tt.name, got)
				}
				byID[c.RequestID] = c
			}
			// The server's own lookups for a call are the caller's too.
			if !slices.ContainsFunc(f.Calls(), func(c camfake.Call) bool {
				return c.Action == cam.ActionGetRole && c.RoleName == "Reader" && c.Caller.UserName == "alice"
			}) {
				t.Error("AssumeRole's GetRole is not recorded as alice's")
			}

			events, err := f.Events(ctx, cam.EventQuery{Start: testNow.Add(-time.Hour), End: testNow.Add(time.Hour), Names: []string{"CreatePolicy"}})
			must(t, err)
			if len(events) != len(tests) {
				t.Fatalf("%d CreatePolicy events, want %d", len(events), len(tests))
			}
			for _, tt := range tests {
				c := createPolicyAs(t, tt.e, "again-by-"+tt.name)
				ev, err := f.Events(ctx, cam.EventQuery{Start: testNow.Add(-time.Hour), End: testNow.Add(time.Hour), Principal: tt.principal})
				must(t, err)
				found := false
				for _, e := range ev {
					if e.ID == c.RequestID {
						found = true
						if e.PrincipalUIN != tt.want.UIN {
							t.Errorf("%s: event PrincipalUIN %d, want %d", tt.name, e.PrincipalUIN, tt.want.UIN)
						}
					}
				}
				if !found {
					t.Errorf("%s: no event by principal %q for request %s", tt.name, tt.principal, c.RequestID)
				}
			}

			// Over the wire: Username and userIdentity name the caller, and
			// both lookups select by it.
			wire := allEvents(t, root, eventsReq(testNow.Add(-time.Hour), testNow.Add(time.Hour), 50, "EventName", "CreatePolicy"), nil)
			if len(wire) != 2*len(tests) {
				t.Fatalf("DescribeEvents: %d CreatePolicy events, want %d", len(wire), 2*len(tests))
			}
			for _, ev := range wire {
				c, ok := byID[*ev.EventId]
				if !ok {
					continue
				}
				var detail struct {
					UserIdentity struct {
						PrincipalID string `json:"principalId"`
						UserName    string `json:"userName"`
					} `json:"userIdentity"`
				}
				must(t, json.Unmarshal([]byte(*ev.CloudAuditEvent), &detail))
				wantName := map[bool]string{true: c.Caller.Role, false: c.Caller.UserName}[c.Caller.Role != ""]
				if wantName == "" {
					wantName = "root"
				}
				if *ev.Username != wantName || detail.UserIdentity.UserName != wantName || detail.UserIdentity.PrincipalID != itoa(c.Caller.UIN) {
					t.Errorf("event %s: Username %q, userIdentity %+v; want %q, principalId %d", *ev.EventId, *ev.Username, detail.UserIdentity, wantName, c.Caller.UIN)
				}
			}
			if got := allEvents(t, root, eventsReq(testNow.Add(-time.Hour), testNow.Add(time.Hour), 50, "Username", "Reader"), nil); len(got) != 4 {
				t.Errorf("events by Username Reader: %d, want the sessions' 4", len(got))
			}
			if got := allEvents(t, root, eventsReq(testNow.Add(-time.Hour), testNow.Add(time.Hour), 50, "PrincipalId", itoa(uins["alice"])), nil); len(got) != 4 {
				t.Errorf("events by alice's UIN: %d, want her own 2 and her session's 2", len(got))
			}

			// A call made on the fake directly is the root account's.
			_, err = f.CreatePolicy(ctx, cam.PolicyInput{Name: "direct", Document: allowDoc})
			must(t, err)
			calls := f.Calls()
			if last := calls[len(calls)-1]; !last.Caller.IsRoot() || last.Caller.UIN != owner {
				t.Errorf("a direct call is recorded as made by %+v", last.Caller)
			}
		})
	}
}

// TestServerSessionIdentity checks what a role session sees of itself: the
// UIN of whoever assumed the role in GetUserAppId, and that identity's keys
// in ListAccessKeys without TargetUin.
func TestServerSessionIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, srv, uins := trustEnv(t)
	root, _ := keyEnv(t, f, srv, "server")
	alice, _ := keyEnv(t, f, srv, "alice")
	aliceKeys, err := f.ListAccessKeys(ctx, uins["alice"])
	must(t, err)
	rootKeys, err := f.RootAccessKeys(ctx)
	must(t, err)
	for _, tt := range []struct {
		name string
		by   *srvEnv
		uin  uint64
		key  string
	}{
		{"assumed by alice", alice, uins["alice"], aliceKeys[0].ID},
		{"assumed by the root account", root, f.OwnerUIN(), rootKeys[0].ID},
	} {
		s, err := assumeAs(t, tt.by, "ForAccount", "")
		must(t, err)
		r, err := s.cam.GetUserAppId(camapi.NewGetUserAppIdRequest())
		must(t, err)
		if *r.Response.Uin != itoa(tt.uin) || *r.Response.OwnerUin != itoa(f.OwnerUIN()) {
			t.Errorf("%s: GetUserAppId Uin %s, OwnerUin %s; want %d, %d", tt.name, *r.Response.Uin, *r.Response.OwnerUin, tt.uin, f.OwnerUIN())
		}
		k, err := s.cam.ListAccessKeys(camapi.NewListAccessKeysRequest())
		must(t, err)
		if len(k.Response.AccessKeys) != 1 || *k.Response.AccessKeys[0].AccessKeyId != tt.key {
			t.Errorf("%s: ListAccessKeys without TargetUin: %d keys, want %s", tt.name, len(k.Response.AccessKeys), tt.key)
		}
	}
}

// TestServerFaultByCaller checks that a fault can select calls by who made
// them.
func TestServerFaultByCaller(t *testing.T) {
	t.Parallel()
	f, srv, _ := trustEnv(t)
	injected := &cam.APIError{Code: "InternalError", Message: "bob's calls fail"}
	f.Inject(camfake.Fault{Action: cam.ActionListUsers, Match: func(c camfake.Call) bool { return c.Caller.UserName == "bob" }, Err: injected})
	alice, _ := keyEnv(t, f, srv, "alice")
	bob, _ := keyEnv(t, f, srv, "bob")
	_, err := alice.cam.ListUsers(camapi.NewListUsersRequest())
	must(t, err)
	_, err = bob.cam.ListUsers(camapi.NewListUsersRequest())
	wantSDKCode(t, err, "InternalError")
	if _, err := f.ListUsers(context.Background()); errors.Is(err, injected) || err != nil {
		t.Errorf("a direct call failed: %v", err)
	}
}
