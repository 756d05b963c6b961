package camfake_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// TestWireSameState reads a whole account directly and over the wire and
// compares the results. Fields CAM's wire API does not carry are cleared
// first: GetPolicy's attachment count and default version, ListPolicies'
// default version, GetUser's creation time and LastLogins' console flag;
// parsed documents are not part of the comparison.
func TestWireSameState(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"seed", "demo"} {
		t.Run(name, func(t *testing.T) {
			var f *camfake.Fake
			if name == "seed" {
				f = camfake.New(camfake.WithClock(fixedClock()), camfake.WithSeed(conformanceSeed()))
			} else {
				f = camfake.Demo()
			}
			srv := camfake.NewServer(f)
			defer srv.Close()
			c := wireClient(t, srv)
			direct, wire := readAll(t, ctx, f), readAll(t, ctx, c)
			for key, d := range direct {
				if !reflect.DeepEqual(d, wire[key]) {
					t.Errorf("%s differs:\nfake: %s\nwire: %s", key, d, wire[key])
				}
			}
		})
	}
}

// readAll reads everything r holds into JSON texts keyed by what was read,
// with every time in UTC.
func readAll(tb testing.TB, ctx context.Context, r cam.Reader) map[string]string {
	tb.Helper()
	out := map[string]string{}
	put := func(key string, v any, err error) {
		if err != nil {
			tb.Fatalf("%s: %v", key, err)
		}
		p := reflect.New(reflect.TypeOf(v))
		p.Elem().Set(reflect.ValueOf(v))
		utc(p)
		b, err := json.Marshal(p.Interface())
		if err != nil {
			tb.Fatalf("%s: %v", key, err)
		}
		out[key] = string(b)
	}
	acct, err := r.Account(ctx)
	put("Account", acct, err)
	users, err := r.ListUsers(ctx)
	put("ListUsers", users, err)
	var uins []uint64
	for _, u := range users {
		uins = append(uins, u.UIN)
		got, err := r.GetUser(ctx, u.Name)
		got.Created = time.Time{}
		put("GetUser "+u.Name, got, err)
		keys, err := r.ListAccessKeys(ctx, u.UIN)
		put("ListAccessKeys "+u.Name, keys, err)
		var ids []string
		for _, k := range keys {
			ids = append(ids, k.ID)
		}
		used, err := r.KeysLastUsed(ctx, ids)
		put("KeysLastUsed "+u.Name, used, err)
		mfa, err := r.GetMFA(ctx, u.UIN)
		put("GetMFA "+u.Name, mfa, err)
		for _, f := range []cam.AttachFilter{cam.AttachAll, cam.AttachDirect, cam.AttachViaGroup} {
			a, err := r.ListUserPolicies(ctx, u.UIN, f)
			put("ListUserPolicies "+u.Name+" "+string(rune('0'+f)), a, err)
		}
		b, ok, err := r.UserBoundary(ctx, u.UIN)
		put("UserBoundary "+u.Name, []any{b, ok}, err)
	}
	logins, err := r.LastLogins(ctx, uins)
	for i := range logins {
		logins[i].ConsoleLogin = false
	}
	put("LastLogins", logins, err)
	groups, err := r.ListGroups(ctx)
	put("ListGroups", groups, err)
	for _, g := range groups {
		m, err := r.ListGroupMembers(ctx, g.ID)
		put("ListGroupMembers "+g.Name, m, err)
		a, err := r.ListGroupPolicies(ctx, g.ID)
		put("ListGroupPolicies "+g.Name, a, err)
	}
	roles, err := r.ListRoles(ctx)
	put("ListRoles", roles, err)
	for _, role := range roles {
		got, err := r.GetRole(ctx, role.Name)
		put("GetRole "+role.Name, got, err)
		a, err := r.ListRolePolicies(ctx, role.Name)
		put("ListRolePolicies "+role.Name, a, err)
		b, ok, err := r.RoleBoundary(ctx, role.Name)
		put("RoleBoundary "+role.Name, []any{b, ok}, err)
	}
	policies, err := r.ListPolicies(ctx, cam.ScopeAll)
	for i := range policies {
		policies[i].DefaultVersion = 0
	}
	put("ListPolicies", policies, err)
	for _, p := range policies {
		got, err := r.GetPolicy(ctx, p.ID)
		got.AttachmentCount, got.DefaultVersion = 0, 0
		put("GetPolicy "+p.Name, got, err)
		vs, err := r.ListPolicyVersions(ctx, p.ID)
		put("ListPolicyVersions "+p.Name, vs, err)
		for _, v := range vs {
			got, err := r.GetPolicyVersion(ctx, p.ID, v.Version)
			put("GetPolicyVersion "+p.Name, got, err)
		}
	}
	if log, ok := r.(cam.AuditLog); ok {
		now := time.Now()
		events, err := log.Events(ctx, cam.EventQuery{Start: now.Add(-29 * 24 * time.Hour), End: now})
		put("Events", events, err)
	}
	return out
}

// utc sets every time.Time reachable from v (through pointers, slices and
// structs) to UTC, so that equal instants compare equal.
func utc(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			utc(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			utc(v.Index(i))
		}
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			if v.CanSet() {
				v.Set(reflect.ValueOf(t.UTC()))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				utc(v.Field(i))
			}
		}
	}
}
