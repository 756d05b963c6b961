package cam_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

const (
	evalAllowCVM   = `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}`
	evalAllowCOS   = `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`
	evalDenyTerm   = `{"version":"2.0","statement":[{"effect":"deny","action":["cvm:TerminateInstances"],"resource":["*"]}]}`
	evalBoundary   = `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","sts:AssumeRole"],"resource":["*"]}]}`
	evalAssumeOffc = `{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":["*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}}]}`
	evalAssumeOld  = `{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":["*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]},"date_less_than":{"qcs:current_time":"2026-01-01T00:00:00Z"}}}]}`
)

// evalSeed: users holding policies directly, through groups and within
// boundaries, and roles with and without a boundary.
func evalSeed() camfake.Seed {
	return camfake.Seed{
		Policies: []camfake.SeedPolicy{
			{Name: "allow-cvm", Document: evalAllowCVM},
			{Name: "allow-cos", Document: evalAllowCOS},
			{Name: "deny-terminate", Document: evalDenyTerm},
			{Name: "cvm-boundary", Document: evalBoundary},
			{Name: "assume-from-office", Document: evalAssumeOffc},
			{Name: "assume-expired", Document: evalAssumeOld},
		},
		Groups: []camfake.SeedGroup{
			{Name: "compute", Policies: []string{"allow-cvm"}},
			{Name: "careful", Policies: []string{"deny-terminate"}},
		},
		Users: []camfake.SeedUser{
			// cos through a direct policy, cvm through a group, all within a cvm-only boundary.
			{Name: "bounded", Groups: []string{"compute"}, Policies: []string{"allow-cos"}, Boundary: "cvm-boundary"},
			// the same without the boundary.
			{Name: "free", Groups: []string{"compute"}, Policies: []string{"allow-cos"}},
			// a group's deny overrides a direct allow.
			{Name: "careful", Groups: []string{"careful"}, Policies: []string{"allow-cvm"}},
			// same holdings as "twin": one shared evaluator.
			{Name: "twin", Groups: []string{"compute"}},
			{Name: "twin2", Groups: []string{"compute"}},
			{Name: "office", Policies: []string{"assume-from-office"}},
			{Name: "expired", Policies: []string{"assume-expired"}},
		},
		Roles: []camfake.SeedRole{
			{Name: "Compute", Trust: rootTrust, Policies: []string{"allow-cvm", "allow-cos"}, Boundary: "cvm-boundary"},
			{Name: "Storage", Trust: rootTrust, Policies: []string{"allow-cos"}},
		},
	}
}

func evalSnapshot(tb testing.TB) *cam.Snapshot {
	tb.Helper()
	return mustLoad(tb, camfake.MustSeed(evalSeed(), camfake.WithClock(testClock)))
}

const testInstance = "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1"

func TestUserEvaluator(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	tests := []struct {
		user, action string
		want         policy.Outcome
		boundary     bool // denied by the boundary alone
	}{
		{"bounded", "cvm:StartInstances", policy.OutcomeAllow, false},
		{"bounded", "cos:GetObject", policy.OutcomeImplicitDeny, true},
		{"free", "cos:GetObject", policy.OutcomeAllow, false},
		{"free", "cvm:TerminateInstances", policy.OutcomeAllow, false},
		{"careful", "cvm:StartInstances", policy.OutcomeAllow, false},
		{"careful", "cvm:TerminateInstances", policy.OutcomeExplicitDeny, false},
		{"twin", "cos:GetObject", policy.OutcomeImplicitDeny, false},
	}
	for _, tt := range tests {
		ev, err := s.UserEvaluator(mustUser(t, s, tt.user).UIN)
		if err != nil {
			t.Fatalf("UserEvaluator(%s): %v", tt.user, err)
		}
		d := ev.Evaluate(policy.Request{Action: tt.action, Resource: testInstance})
		if d.Outcome() != tt.want || d.BoundaryDenied() != tt.boundary {
			t.Errorf("%s %s: %v (boundary denied %v), want %v (%v)", tt.user, tt.action, d, d.BoundaryDenied(), tt.want, tt.boundary)
		}
		if tt.want == policy.OutcomeAllow && d.Statement(0).Name == "" {
			t.Errorf("%s %s: deciding statement has no policy name: %v", tt.user, tt.action, d)
		}
	}
	a, _ := s.UserEvaluator(mustUser(t, s, "twin").UIN)
	b, _ := s.UserEvaluator(mustUser(t, s, "twin2").UIN)
	if a == nil || a != b {
		t.Errorf("users holding the same policies got different evaluators %p and %p", a, b)
	}
	if again, _ := s.UserEvaluator(mustUser(t, s, "twin").UIN); again != a {
		t.Error("a second UserEvaluator call built a new evaluator")
	}
	if _, err := s.UserEvaluator(1); !errors.Is(err, cam.ErrNotFound) || !strings.Contains(err.Error(), "uin 1") {
		t.Errorf("UserEvaluator(1) error = %v", err)
	}
}

func TestRoleEvaluator(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	compute, err := s.RoleEvaluator("Compute")
	if err != nil {
		t.Fatal(err)
	}
	if !compute.HasBoundary() || !compute.Evaluate(policy.Request{Action: "cvm:RunInstances", Resource: "*"}).Allowed() {
		t.Error("Compute: boundary missing or cvm denied")
	}
	if d := compute.Evaluate(policy.Request{Action: "cos:GetObject", Resource: "*"}); !d.BoundaryDenied() {
		t.Errorf("Compute cos:GetObject = %v, want denied by the boundary", d)
	}
	storage, err := s.RoleEvaluator("Storage")
	if err != nil {
		t.Fatal(err)
	}
	if storage.HasBoundary() || !storage.Evaluate(policy.Request{Action: "cos:GetObject", Resource: "*"}).Allowed() {
		t.Error("Storage: unexpected boundary or cos denied")
	}
	if _, err := s.RoleEvaluator("Nobody"); !errors.Is(err, cam.ErrNotFound) || !strings.Contains(err.Error(), `"Nobody"`) {
		t.Errorf("RoleEvaluator(Nobody) error = %v", err)
	}
}

// TestEvaluatorIncomplete: a part that could not be read is an error naming
// it, never an evaluator over what is left.
func TestEvaluatorIncomplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		break_ func(s *cam.Snapshot)
		user   string
		role   string
		want   string
	}{
		{"direct policies", func(s *cam.Snapshot) { mustUser(t, s, "free").PoliciesKnown = false }, "free", "",
			"policies attached to it directly were not read"},
		{"memberships", func(s *cam.Snapshot) { mustUser(t, s, "free").GroupsKnown = false }, "free", "",
			"group memberships were not read"},
		{"group policies", func(s *cam.Snapshot) { s.Groups[0].PoliciesKnown = false }, "free", "",
			"policies attached to group compute"},
		{"boundary", func(s *cam.Snapshot) { mustUser(t, s, "bounded").BoundaryKnown = false }, "bounded", "",
			"permission boundary was not read"},
		{"unread document", func(s *cam.Snapshot) { p, _ := s.PolicyByName("allow-cos"); p.Document, p.Parsed = "", nil }, "free", "",
			"policy allow-cos (id "},
		{"unparsable document", func(s *cam.Snapshot) { p, _ := s.PolicyByName("allow-cos"); p.Document, p.Parsed = "{", nil }, "free", "",
			"document does not parse"},
		{"boundary document", func(s *cam.Snapshot) {
			p, _ := s.PolicyByName("cvm-boundary")
			p.Document, p.Parsed = "", nil
			mustUser(t, s, "bounded").Boundary.Document = ""
		}, "bounded", "", "boundary policy cvm-boundary"},
		{"role policies", func(s *cam.Snapshot) { r, _ := s.RoleByName("Storage"); r.PoliciesKnown = false }, "", "Storage",
			"policies attached to it were not read"},
		{"role boundary", func(s *cam.Snapshot) { r, _ := s.RoleByName("Compute"); r.BoundaryKnown = false }, "", "Compute",
			"permission boundary was not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := evalSnapshot(t)
			tt.break_(s)
			s.Reindex()
			var err error
			if tt.user != "" {
				var ev *policy.Evaluator
				ev, err = s.UserEvaluator(mustUser(t, s, tt.user).UIN)
				if ev != nil {
					t.Error("an evaluator came with the error")
				}
			} else {
				_, err = s.RoleEvaluator(tt.role)
			}
			var ie *cam.IncompleteError
			if !errors.Is(err, cam.ErrIncomplete) || !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want an IncompleteError containing %q", err, tt.want)
			}
		})
	}
}

func TestEvaluatorCompileError(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	p, _ := s.PolicyByName("allow-cos")
	p.Parsed = &policy.Document{Version: "2.0", Statement: []policy.Statement{{Effect: policy.EffectAllow}}}
	s.Reindex()
	_, err := s.UserEvaluator(mustUser(t, s, "free").UIN)
	if err == nil || !strings.Contains(err.Error(), `"allow-cos"`) || !strings.Contains(err.Error(), "does not compile") {
		t.Errorf("error = %v, want one naming allow-cos", err)
	}
}

func TestCanAssume(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	office := mustUser(t, s, "office")
	c, err := s.CanAssume(office.UIN, "Storage")
	if err != nil {
		t.Fatal(err)
	}
	if c.Request.Resource != policy.RoleARN(camfake.DefaultOwnerUIN, "Storage") || c.Request.Principal != policy.CAMUser(camfake.DefaultOwnerUIN, office.UIN).String() {
		t.Errorf("request = %+v", c.Request)
	}
	// Allowed only from the office network: conditional, and possible.
	if c.Allowed() || !c.Conditional || !c.Possible() || !c.Trust.Allowed() {
		t.Errorf("office: allowed %v conditional %v trust %v identity %v", c.Allowed(), c.Conditional, c.Trust, c.Identity)
	}
	// The grant expired before the snapshot: not possible whatever the IP.
	c, err = s.CanAssume(mustUser(t, s, "expired").UIN, "Storage")
	if err != nil || c.Possible() {
		t.Errorf("expired: possible %v, %v", c.Possible(), err)
	}
	// bounded: allowed by the group policy? no: allow-cvm has no sts; no grant at all.
	c, err = s.CanAssume(mustUser(t, s, "bounded").UIN, "Storage")
	if err != nil || c.Possible() {
		t.Errorf("bounded: possible %v, %v", c.Possible(), err)
	}
	who := whoCanAssume(t, s, "Storage")
	if len(who) != 1 || who[0].Name != "office" {
		t.Errorf("WhoCanAssume(Storage) = %v", who)
	}
	if _, err := s.CanAssume(office.UIN, "Nobody"); !errors.Is(err, cam.ErrNotFound) {
		t.Errorf("CanAssume(Nobody) error = %v", err)
	}
	// A user that cannot be decided is named in WhoCanAssume's error, the
	// others are still answered.
	mustUser(t, s, "free").PoliciesKnown = false
	s.Reindex()
	who, err = s.WhoCanAssume("Storage")
	if len(who) != 1 || !errors.Is(err, cam.ErrIncomplete) || !strings.Contains(err.Error(), "user free") {
		t.Errorf("WhoCanAssume with an unreadable user = %v, %v", who, err)
	}
}

// TestEvaluatorsConcurrent runs the lookups from many goroutines on a cold
// index; run with -race.
func TestEvaluatorsConcurrent(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	s.Reindex()
	const workers = 8
	got := make([][]*policy.Evaluator, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range s.Users {
				ev, err := s.UserEvaluator(s.Users[i].UIN)
				if err != nil {
					t.Error(err)
					return
				}
				got[w] = append(got[w], ev)
			}
			for i := range s.Roles {
				ev, err := s.RoleEvaluator(s.Roles[i].Name)
				if err != nil {
					t.Error(err)
					return
				}
				got[w] = append(got[w], ev)
				if _, err := s.WhoCanAssume(s.Roles[i].Name); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for i := range got[0] {
			if got[w][i] != got[0][i] {
				t.Fatalf("worker %d got a different evaluator for principal %d", w, i)
			}
		}
	}
}

// BenchmarkUserEvaluator measures building every user's evaluator on a cold
// index (cold) and looking them up once built (warm), on an account at
// Tencent's maxima.
func BenchmarkUserEvaluator(b *testing.B) {
	if testing.Short() {
		b.Skip("builds an account at Tencent's maxima; skipped with -short")
	}
	f := camfake.MustSeed(maxAccountSeed(), camfake.WithCallLog(0), camfake.WithClock(testClock))
	s, err := cam.Load(b.Context(), f)
	if err != nil {
		b.Fatal(err)
	}
	all := func(b *testing.B) {
		for i := range s.Users {
			if _, err := s.UserEvaluator(s.Users[i].UIN); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.Reindex()
			all(b)
		}
		b.ReportMetric(float64(len(s.Users)), "users")
	})
	b.Run("warm", func(b *testing.B) {
		s.Reindex()
		all(b)
		b.ReportAllocs()
		for b.Loop() {
			all(b)
		}
		b.ReportMetric(float64(len(s.Users)), "users")
	})
}

// TestCanAssumeOwner: without the account's owner UIN, the role's ARN names
// it; without either, the check says what is missing.
func TestCanAssumeOwner(t *testing.T) {
	t.Parallel()
	s := evalSnapshot(t)
	office := mustUser(t, s, "office").UIN
	s.Account = cam.Account{}
	s.Reindex()
	c, err := s.CanAssume(office, "Storage")
	if err != nil || !c.Possible() || c.Request.Resource != policy.RoleARN(camfake.DefaultOwnerUIN, "Storage") {
		t.Errorf("CanAssume without the account = %+v, %v", c.Request, err)
	}
	r, _ := s.RoleByName("Storage")
	r.ARN = ""
	if _, err := s.CanAssume(office, "Storage"); !errors.Is(err, cam.ErrIncomplete) || !strings.Contains(err.Error(), "owner UIN") {
		t.Errorf("CanAssume without owner = %v", err)
	}
}
