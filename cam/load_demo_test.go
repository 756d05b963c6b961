package cam_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// loadDemo loads a Demo account with the snapshot clock at camfake.DemoTime.
func loadDemo(tb testing.TB, f cam.Reader, opts ...cam.LoadOption) *cam.Snapshot {
	tb.Helper()
	return mustLoad(tb, f, append([]cam.LoadOption{cam.WithClock(func() time.Time { return camfake.DemoTime })}, opts...)...)
}

func TestLoadDemo(t *testing.T) {
	t.Parallel()
	s := loadDemo(t, camfake.Demo())
	if len(s.Users) != 10 || len(s.Groups) != 5 || len(s.Roles) != 8 || len(s.Policies) != 19 || len(s.Problems) != 0 {
		t.Fatalf("%d users, %d groups, %d roles, %d policies, problems %v",
			len(s.Users), len(s.Groups), len(s.Roles), len(s.Policies), s.Problems)
	}
	frank := mustUser(t, s, "frank.wu")
	if !frank.MFAKnown || frank.MFA.Login.Any() || !frank.MFA.Operation.Phone || frank.MFA.Operation.Device() {
		t.Errorf("frank.wu MFA = %+v (known %v)", frank.MFA, frank.MFAKnown)
	}
	ci := mustUser(t, s, "ci-deploy")
	if ci.Boundary == nil || ci.Boundary.PolicyName != "deploy-boundary" || ci.ConsoleLogin || len(ci.Keys) != 1 || ci.Keys[0].LastUsed.IsZero() {
		t.Errorf("ci-deploy = %+v", ci)
	}
	if backup := mustUser(t, s, "backup-sync"); len(backup.GroupIDs) != 0 || !backup.GroupsKnown {
		t.Errorf("backup-sync groups %v (known %v)", backup.GroupIDs, backup.GroupsKnown)
	}
	for i := 1; i < len(s.Users); i++ {
		if s.Users[i-1].UIN >= s.Users[i].UIN {
			t.Errorf("users not ordered by UIN at %d", i)
		}
	}
	if p, ok := s.PolicyByName("cos-migration-2024"); !ok || p.AttachmentCount != 0 || p.Parsed == nil {
		t.Errorf("cos-migration-2024 = %+v, %v", p, ok)
	}
	if _, ok := s.PolicyByName("QCloudFinanceFullAccess"); ok {
		t.Error("an unattached preset policy is in the snapshot")
	}
	if r, ok := s.RoleByName("CVM-LogShipper"); !ok || r.Trust == nil || len(whoCanAssume(t, s, r.Name)) != 0 {
		t.Errorf("CVM-LogShipper = %+v", r)
	}

	data := snapshotJSON(t, s)
	if again := snapshotJSON(t, loadDemo(t, camfake.Demo(), cam.WithConcurrency(3))); !bytes.Equal(again, data) {
		t.Errorf("a second load of Demo marshals differently:\n%s\nfirst:\n%s", again, data)
	}
	back, err := cam.ReadSnapshot(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := snapshotJSON(t, back); !bytes.Equal(got, data) {
		t.Errorf("Demo snapshot changed through JSON")
	}
}

func TestLoadDemoUnderFaults(t *testing.T) {
	t.Parallel()
	clean := snapshotJSON(t, loadDemo(t, camfake.Demo()))
	f := camfake.Demo()
	f.Inject(camfake.Fault{Match: camfake.Reads, ThrottleRate: 0.2, ErrRate: 0.05})
	got := snapshotJSON(t, loadDemo(t, f, cam.WithRetry(cam.DefaultRetries, 5*time.Millisecond)))
	if !bytes.Equal(got, clean) {
		t.Errorf("snapshot under 20%% throttling and 5%% internal errors differs:\n%s\nwant\n%s", got, clean)
	}
}

func TestLoadDemoFailingMFA(t *testing.T) {
	t.Parallel()
	f := camfake.Demo()
	f.Inject(camfake.Fault{Action: "DescribeSafeAuthFlagColl", Err: &cam.APIError{Code: "InternalError"},
		Match: func(c camfake.Call) bool { return c.UserName == "frank.wu" }})
	s := loadDemo(t, f, cam.WithRetry(2, time.Millisecond))
	frank := mustUser(t, s, "frank.wu")
	if frank.MFAKnown || !frank.KeysKnown || !frank.PoliciesKnown {
		t.Errorf("frank.wu: MFAKnown %v KeysKnown %v PoliciesKnown %v", frank.MFAKnown, frank.KeysKnown, frank.PoliciesKnown)
	}
	want := cam.Problem{Phase: cam.PhaseMFA, Action: "DescribeSafeAuthFlagColl", Subject: "user frank.wu (uin 100000001006)"}
	if len(s.Problems) != 1 || s.Problems[0].Phase != want.Phase || s.Problems[0].Action != want.Action || s.Problems[0].Subject != want.Subject {
		t.Fatalf("Problems = %v, want %v", s.Problems, want)
	}
	if got := f.CallCount("DescribeSafeAuthFlagColl"); got != 10+2 {
		t.Errorf("DescribeSafeAuthFlagColl called %d times, want 12 (two retries for frank.wu)", got)
	}
}

// TestLoadDemoDefaults: with no options, a load of the Demo account is taken
// at the account's clock, so ages read from the snapshot are the ones the
// demo documents, and it is not paced at CAM's documented rates (the fake
// reports that it enforces none).
func TestLoadDemoDefaults(t *testing.T) {
	t.Parallel()
	// At the documented 5 requests per second, the ten users'
	// ListAttachedUserAllPolicies calls need about two seconds, so a load
	// with a one-second deadline fails (Load gives up as soon as a rate-limit
	// wait would pass it). Against the fake's own (absent) limits a load
	// finishes well within one second.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := cam.Load(ctx, documented{camfake.Demo()}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Load at documented rates within 1s = %v, want a deadline error", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s, err := cam.Load(ctx, camfake.Demo())
	if err != nil {
		t.Fatalf("Load(Demo) within 1s: %v", err)
	}
	if !s.Taken.Equal(camfake.DemoTime) {
		t.Errorf("Taken = %v, want the demo's clock %v", s.Taken, camfake.DemoTime)
	}
	day := 24 * time.Hour
	keyAge := func(user string) time.Duration {
		u := mustUser(t, s, user)
		if len(u.Keys) != 1 {
			t.Fatalf("%s has %d keys", user, len(u.Keys))
		}
		return s.Taken.Sub(u.Keys[0].Created)
	}
	for user, want := range map[string]time.Duration{"ops-admin": 120 * day, "ci-deploy": 400 * day, "backup-sync": 200 * day} {
		if got := keyAge(user); got != want {
			t.Errorf("%s key age = %v days, want %v", user, got/day, want/day)
		}
	}
	if gap := s.Taken.Sub(mustUser(t, s, "grace.li").LastLogin); gap != 200*day {
		t.Errorf("grace.li last login %v days before the snapshot, want 200", gap/day)
	}
	// An explicit clock still wins.
	later := camfake.DemoTime.Add(day)
	if s := mustLoad(t, camfake.Demo(), cam.WithClock(func() time.Time { return later })); !s.Taken.Equal(later) {
		t.Errorf("Taken with WithClock = %v, want %v", s.Taken, later)
	}
}

// BenchmarkLoadDemo loads the Demo account with Load's default options.
func BenchmarkLoadDemo(b *testing.B) {
	f := camfake.Demo(camfake.WithCallLog(0))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cam.Load(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}
