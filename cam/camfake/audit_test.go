package camfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
)

func TestEvents(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	day := 24 * time.Hour
	f.AddEvents(
		cam.AuditEvent{Name: "ConsoleLogin", Time: testNow.Add(-2 * day), Principal: "alice"},
		cam.AuditEvent{ID: "mine", Name: "AttachUserPolicy", Time: testNow.Add(-5 * day), Principal: "bob", Resources: []string{"r"}},
		cam.AuditEvent{Name: "ConsoleLogin", Time: testNow.Add(-40 * day), Principal: "bob"},
	)
	tests := []struct {
		name  string
		q     cam.EventQuery
		names []string
	}{
		{"window", cam.EventQuery{Start: testNow.Add(-10 * day), End: testNow}, []string{"AttachUserPolicy", "ConsoleLogin"}},
		{"by name", cam.EventQuery{Start: testNow.Add(-10 * day), End: testNow, Names: []string{"ConsoleLogin"}}, []string{"ConsoleLogin"}},
		{"by principal", cam.EventQuery{Start: testNow.Add(-10 * day), End: testNow, Principal: "bob"}, []string{"AttachUserPolicy"}},
		{"older slice", cam.EventQuery{Start: testNow.Add(-50 * day), End: testNow.Add(-21 * day)}, []string{"ConsoleLogin"}},
		{"end exclusive", cam.EventQuery{Start: testNow.Add(-10 * day), End: testNow.Add(-5 * day)}, nil},
		{"start inclusive", cam.EventQuery{Start: testNow.Add(-5 * day), End: testNow.Add(-4 * day)}, []string{"AttachUserPolicy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.Events(ctx, tc.q)
			must(t, err)
			if len(got) != len(tc.names) {
				t.Fatalf("got %+v, want %v", got, tc.names)
			}
			for i, n := range tc.names {
				if got[i].Name != n || got[i].ID == "" {
					t.Errorf("[%d] = %+v, want %s", i, got[i], n)
				}
			}
		})
	}

	bad := []struct {
		name string
		q    cam.EventQuery
	}{
		{"30 days", cam.EventQuery{Start: testNow.Add(-30 * day), End: testNow}},
		{"older than 90 days", cam.EventQuery{Start: testNow.Add(-91 * day), End: testNow.Add(-80 * day)}},
		{"reversed", cam.EventQuery{Start: testNow, End: testNow.Add(-day)}},
		{"zero", cam.EventQuery{}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Events(ctx, tc.q)
			wantCode(t, err, "InvalidParameterValue.Time", cam.ErrInvalid)
		})
	}
}

func TestWritesAreAudited(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	u := mustUser(t, f, "u")
	must(t, f.AttachUserPolicy(ctx, 1, u.UIN))
	wantCode(t, f.AttachUserPolicy(ctx, 404, u.UIN), "InvalidParameter.PolicyIdNotExist", cam.ErrNotFound)
	got, err := f.Events(ctx, cam.EventQuery{Start: testNow.Add(-time.Hour), End: testNow.Add(time.Hour), Names: []string{"AttachUserPolicy"}})
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("events = %+v, want the one successful attach", got)
	}
	ev := got[0]
	if ev.Principal != "root" || ev.PrincipalUIN != f.OwnerUIN() || !ev.Sensitive || len(ev.Resources) != 2 ||
		ev.Resources[0] != "qcs::cam::uin/100000000001:uin/"+itoa(u.UIN) || ev.Resources[1] != "qcs::cam::uin/100000000001:policyid/1" {
		t.Errorf("event = %+v", ev)
	}
	id := mustPolicy(t, f, "new")
	got, _ = f.Events(ctx, cam.EventQuery{Start: testNow.Add(-time.Hour), End: testNow.Add(time.Hour), Names: []string{"CreatePolicy"}})
	if len(got) != 1 || len(got[0].Resources) != 1 || got[0].Resources[0] != "qcs::cam::uin/100000000001:policyid/"+itoa(id) {
		t.Errorf("CreatePolicy event = %+v", got)
	}
}
