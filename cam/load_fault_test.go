package cam_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func TestLoadRetriesTransientFailures(t *testing.T) {
	t.Parallel()
	clean := snapshotJSON(t, mustLoad(t, newTestFake(t)))
	for _, seed := range []uint64{1, 2, 3} {
		f := newTestFake(t, camfake.WithRandSeed(seed))
		f.Inject(camfake.Fault{Match: camfake.Reads, ThrottleRate: 0.2, ErrRate: 0.05})
		s := mustLoad(t, f, cam.WithRetry(cam.DefaultRetries, time.Millisecond))
		if got := snapshotJSON(t, s); !bytes.Equal(got, clean) {
			t.Errorf("seed %d: snapshot under faults differs from a clean one:\n%s\nwant\n%s", seed, got, clean)
		}
		failed := 0
		for _, c := range f.Calls() {
			if c.Err != nil {
				failed++
			}
		}
		if failed == 0 {
			t.Errorf("seed %d: no call failed; the faults were not injected", seed)
		}
	}
}

func TestLoadRecordsPermanentFailures(t *testing.T) {
	t.Parallel()
	denied := &cam.APIError{Code: "UnauthorizedOperation", Message: "no permission"}
	tests := []struct {
		name    string
		fault   camfake.Fault
		phase   cam.Phase
		action  cam.Action
		subject string
		check   func(t *testing.T, s *cam.Snapshot)
	}{
		{
			name: "mfa of one user",
			fault: camfake.Fault{Action: "DescribeSafeAuthFlagColl", Err: denied,
				Match: func(c camfake.Call) bool { return c.UserName == "alice" }},
			phase: cam.PhaseMFA, action: "DescribeSafeAuthFlagColl", subject: "user alice (uin ",
			check: func(t *testing.T, s *cam.Snapshot) {
				alice, bob := mustUser(t, s, "alice"), mustUser(t, s, "bob")
				if alice.MFAKnown || alice.MFA != (cam.MFASettings{}) || !alice.KeysKnown || !bob.MFAKnown {
					t.Errorf("alice MFAKnown %v MFA %+v KeysKnown %v; bob MFAKnown %v", alice.MFAKnown, alice.MFA, alice.KeysKnown, bob.MFAKnown)
				}
			},
		},
		{
			name:  "members of one group",
			fault: camfake.Fault{Action: "ListUsersForGroup", Err: denied, Times: 1},
			phase: cam.PhaseGroups, action: "ListUsersForGroup", subject: "group ",
			check: func(t *testing.T, s *cam.Snapshot) {
				for _, u := range s.Users {
					if u.GroupsKnown {
						t.Errorf("user %s: GroupsKnown with a group's members unknown", u.Name)
					}
				}
			},
		},
		{
			name:  "a policy document",
			fault: camfake.Fault{Action: "GetPolicy", Err: denied, Match: func(c camfake.Call) bool { return c.PolicyID == 1 }},
			phase: cam.PhasePolicies, action: "GetPolicy", subject: "policy AdministratorAccess (id 1)",
			check: func(t *testing.T, s *cam.Snapshot) {
				p, ok := s.PolicyByID(1)
				if !ok || p.Name != "AdministratorAccess" || p.Type != cam.PolicyPreset || p.Document != "" || p.Parsed != nil {
					t.Errorf("AdministratorAccess = %+v, %v", p, ok)
				}
			},
		},
		{
			name:  "all users",
			fault: camfake.Fault{Action: "ListUsers", Err: denied},
			phase: cam.PhaseUsers, action: "ListUsers", subject: "all users",
			check: func(t *testing.T, s *cam.Snapshot) {
				if len(s.Users) != 0 || len(s.Groups) != 3 {
					t.Errorf("%d users, %d groups", len(s.Users), len(s.Groups))
				}
			},
		},
		{
			name:  "last use of keys",
			fault: camfake.Fault{Action: "GetSecurityLastUsed", Err: denied},
			phase: cam.PhaseKeys, action: "GetSecurityLastUsed", subject: "3 access keys (",
			check: func(t *testing.T, s *cam.Snapshot) {
				if alice := mustUser(t, s, "alice"); alice.KeyUsageKnown || !alice.KeysKnown {
					t.Errorf("alice KeyUsageKnown %v KeysKnown %v", alice.KeyUsageKnown, alice.KeysKnown)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newTestFake(t)
			f.Inject(tt.fault)
			s := mustLoad(t, f)
			if len(s.Problems) != 1 {
				t.Fatalf("Problems = %v, want one", s.Problems)
			}
			p := s.Problems[0]
			if p.Phase != tt.phase || p.Action != tt.action || !strings.HasPrefix(p.Subject, tt.subject) ||
				!strings.Contains(p.Err, "UnauthorizedOperation") {
				t.Errorf("Problem = %+v", p)
			}
			tt.check(t, s)
		})
	}
}

func TestLoadFailFast(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	f.Inject(camfake.Fault{Action: "DescribeSafeAuthFlagColl", Err: &cam.APIError{Code: "AuthFailure.SecretIdNotFound"},
		Match: func(c camfake.Call) bool { return c.UserName == "bob" }})
	s, err := cam.Load(context.Background(), f, cam.WithFailFast(), testRates)
	if err == nil || s != nil {
		t.Fatalf("Load = %v, %v; want an error", s, err)
	}
	if !errors.Is(err, cam.ErrAccessDenied) {
		t.Errorf("errors.Is(%v, ErrAccessDenied) = false", err)
	}
	for _, want := range []string{"cam: load: mfa: DescribeSafeAuthFlagColl for user bob (uin ", "AuthFailure.SecretIdNotFound"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestLoadCancel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []camfake.Option
		load []cam.LoadOption
	}{
		// Waiting on the fake: every call takes a second.
		{"in calls", []camfake.Option{camfake.WithLatency(time.Second)}, nil},
		// Waiting on Load's rate limiters at the documented rates.
		{"in rate limits", nil, []cam.LoadOption{cam.WithRateScale(0.01)}},
		// Waiting between retries.
		{"in backoff", nil, []cam.LoadOption{cam.WithRetry(5, 10*time.Second)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newTestFake(t, tt.opts...)
			if tt.name == "in backoff" {
				f.Inject(camfake.Fault{Match: camfake.Reads, ThrottleRate: 1})
			}
			ctx, cancel := context.WithCancel(context.Background())
			var cancelled atomic.Int64
			time.AfterFunc(50*time.Millisecond, func() {
				cancelled.Store(time.Now().UnixNano())
				cancel()
			})
			s, err := cam.Load(ctx, documented{f}, tt.load...)
			elapsed := time.Since(time.Unix(0, cancelled.Load()))
			if s != nil || !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "cam: load: ") {
				t.Fatalf("Load = %v, %v; want a wrapped context.Canceled", s, err)
			}
			// Load must return within 100 ms of the cancellation; the bound
			// asserted is looser so that a loaded machine does not fail it.
			t.Logf("returned %v after cancellation", elapsed)
			if elapsed > time.Second {
				t.Errorf("Load returned %v after cancellation, want well under 100ms", elapsed)
			}
		})
	}
}

func TestLoadRecordsUnparsableDocuments(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	s := mustLoad(t, brokenDocs{f})
	want := []cam.Problem{
		{Phase: cam.PhasePolicies, Action: cam.ActionParse, Subject: "policy ReadOnlyAccess (id 219188)"},
		{Phase: cam.PhaseRoles, Action: cam.ActionParse, Subject: "trust policy of role Auditor"},
	}
	if len(s.Problems) != len(want) {
		t.Fatalf("Problems = %v, want %v", s.Problems, want)
	}
	for i, p := range s.Problems {
		if p.Phase != want[i].Phase || p.Action != want[i].Action || p.Subject != want[i].Subject || !strings.HasPrefix(p.Err, "policy: ") {
			t.Errorf("Problems[%d] = %+v, want %+v", i, p, want[i])
		}
	}
	p, ok := s.PolicyByName("ReadOnlyAccess")
	if !ok || p.Document != brokenDoc || p.Parsed != nil {
		t.Errorf("ReadOnlyAccess = %+v", p)
	}
	r, ok := s.RoleByName("Auditor")
	if !ok || r.TrustPolicy != brokenDoc || r.Trust != nil {
		t.Errorf("Auditor = %+v", r)
	}
	if us, err := s.WhoCanAssume("Auditor"); us != nil || !errors.Is(err, cam.ErrIncomplete) || !strings.Contains(err.Error(), "trust policy does not parse") {
		t.Errorf("WhoCanAssume(Auditor) = %v, %v", us, err)
	}
}

const brokenDoc = `{"Version":"2.0","statement":[]}`

// brokenDocs is a Reader whose ReadOnlyAccess policy and Auditor trust policy
// do not parse.
type brokenDocs struct{ cam.Reader }

func (b brokenDocs) GetPolicy(ctx context.Context, id uint64) (cam.Policy, error) {
	p, err := b.Reader.GetPolicy(ctx, id)
	if p.Name == "ReadOnlyAccess" {
		p.Document = brokenDoc
	}
	return p, err
}

func (b brokenDocs) ListRoles(ctx context.Context) ([]cam.Role, error) {
	rs, err := b.Reader.ListRoles(ctx)
	for i := range rs {
		if rs[i].Name == "Auditor" {
			rs[i].TrustPolicy = brokenDoc
		}
	}
	return rs, err
}

func TestLoadDeadlineTooShortForRateLimits(t *testing.T) {
	t.Parallel()
	f := newTestFake(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// At a hundredth of the documented rates, each action's second call is
	// more than five seconds away: Load gives up at once instead of waiting.
	start := time.Now()
	s, err := cam.Load(ctx, documented{f}, cam.WithRateScale(0.01))
	if s != nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for the rate limit would pass the context deadline") {
		t.Fatalf("Load = %v, %v; want a deadline error", s, err)
	}
	if elapsed := time.Since(start); elapsed > 4*time.Second {
		t.Errorf("Load took %v; it should give up before the deadline", elapsed)
	}
}

// documented hides the fake's own rate limits ([cam.RateLimiter]) from Load,
// which then paces itself at CAM's documented rates.
type documented struct{ cam.Reader }
