package cam_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

// Tencent's per-account maxima (docs/semantics.md §1) and the benchmark's shape.
const (
	maxUsers        = 1000
	maxGroups       = 300
	maxRoles        = 1000
	maxCustom       = 1500
	attachmentsEach = 5
	benchRateScale  = 50
	benchLatency    = 2 * time.Millisecond
)

var (
	maxSeedOnce sync.Once
	maxSeed     camfake.Seed
)

// maxAccountSeed is an account at Tencent's maxima: 1,000 users with two keys
// each, 300 groups, 1,000 roles, 1,500 custom policies, and five policies
// attached to every user, group and role (one of them preset for groups and
// roles); every tenth user and role has a permission boundary.
func maxAccountSeed() camfake.Seed {
	maxSeedOnce.Do(func() {
		presets := camfake.PresetPolicies()
		s := camfake.Seed{}
		for i := range maxCustom {
			s.Policies = append(s.Policies, camfake.SeedPolicy{Name: fmt.Sprintf("policy-%04d", i),
				Document: fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*","cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:bucket-%d/*"]}]}`, i)})
		}
		custom := func(k int) string { return fmt.Sprintf("policy-%04d", k%maxCustom) }
		attach := func(base int, withPreset bool) []string {
			var names []string
			for j := range attachmentsEach {
				if withPreset && j == 0 {
					names = append(names, presets[base%len(presets)].Name)
					continue
				}
				names = append(names, custom(base*attachmentsEach+j))
			}
			return names
		}
		for i := range maxGroups {
			s.Groups = append(s.Groups, camfake.SeedGroup{Name: fmt.Sprintf("group-%03d", i), Policies: attach(i, true)})
		}
		for i := range maxUsers {
			u := camfake.SeedUser{Name: fmt.Sprintf("user-%04d", i), ConsoleLogin: i%2 == 0,
				Keys:     []camfake.SeedKey{{Description: "ci"}, {Description: "laptop", LastUsedAgo: 48 * time.Hour}},
				Groups:   []string{fmt.Sprintf("group-%03d", i%maxGroups)},
				Policies: attach(i+7, false)}
			if i%10 == 0 {
				u.Boundary = custom(i)
			}
			s.Users = append(s.Users, u)
		}
		for i := range maxRoles {
			r := camfake.SeedRole{Name: fmt.Sprintf("role-%04d", i), Policies: attach(i+13, true),
				Trust: `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"],"principal":{"qcs":["qcs::cam::uin/100000000001:root"]}}]}`}
			if i%10 == 0 {
				r.Boundary = custom(i + 1)
			}
			s.Roles = append(s.Roles, r)
		}
		maxSeed = s
	})
	return maxSeed
}

// BenchmarkLoadMaxAccount loads an account at Tencent's maxima from a fake that
// enforces CAM's rate limits scaled 50× and answers each call after 2 ms.
// Metrics: floor-ratio is the elapsed time over the floor the rate limits
// impose (the largest calls(action)/rate(action)); peak-heap-MB is the largest
// heap seen during the load (fake included); snapshot-MB the heap the snapshot
// keeps; calls/op the API calls per load.
func BenchmarkLoadMaxAccount(b *testing.B) {
	if testing.Short() {
		b.Skip("builds an account at Tencent's maxima; skipped with -short")
	}
	f := camfake.MustSeed(maxAccountSeed(), camfake.WithRateScale(benchRateScale),
		camfake.WithLatency(benchLatency), camfake.WithCallLog(0), camfake.WithClock(testClock))
	ctx := context.Background()
	b.ReportAllocs()
	var ratio, peakMB, keptMB, calls float64
	for b.Loop() {
		b.StopTimer()
		f.ResetCalls()
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		peak, stop := sampleHeap()
		b.StartTimer()

		start := time.Now()
		s, err := cam.Load(ctx, f) // paced at the fake's limits, which it reports
		elapsed := time.Since(start)

		b.StopTimer()
		stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Problems) != 0 || len(s.Users) != maxUsers || len(s.Roles) != maxRoles {
			b.Fatalf("%d users, %d roles, problems %v", len(s.Users), len(s.Roles), s.Problems)
		}
		floor, n := rateFloor(f.CallCounts())
		ratio = elapsed.Seconds() / floor.Seconds()
		peakMB = float64(peak.Load()) / (1 << 20)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		keptMB = (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20)
		calls = float64(n)
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	b.ReportMetric(ratio, "floor-ratio")
	b.ReportMetric(peakMB, "peak-heap-MB")
	b.ReportMetric(keptMB, "snapshot-MB")
	b.ReportMetric(calls, "calls/op")
}

// rateFloor returns the least time the calls can take under the scaled rate
// limits, and the number of calls.
func rateFloor(counts map[cam.Action]int) (time.Duration, int) {
	var floor float64
	total := 0
	for action, n := range counts {
		total += n
		floor = max(floor, float64(n)/(cam.RateLimit(action)*benchRateScale))
	}
	return time.Duration(floor * float64(time.Second)), total
}

// sampleHeap records the largest HeapAlloc every 10 ms until stop is called.
func sampleHeap() (peak *atomic.Uint64, stop func()) {
	peak = new(atomic.Uint64)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return peak, func() { close(done); <-finished }
}

// loadMaxAccount loads the account of maxAccountSeed, its rate limits
// scaled 10,000×.
func loadMaxAccount(tb testing.TB) *cam.Snapshot {
	tb.Helper()
	f := camfake.MustSeed(maxAccountSeed(), camfake.WithCallLog(0), camfake.WithClock(testClock))
	s, err := cam.Load(context.Background(), f, cam.WithRateScale(10000), cam.WithClock(testClock))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkWhoCanAssumeMaxAccount answers WhoCanAssume for every role of an
// account at Tencent's maxima, from a cold index (the policies compiled anew).
func BenchmarkWhoCanAssumeMaxAccount(b *testing.B) {
	benchAssume(b, true, allRoles, func(s *cam.Snapshot, role string) (int, error) {
		who, err := s.WhoCanAssume(role)
		return len(who), err
	})
}

// BenchmarkWhoCanAssumeMaxAccountWarm is BenchmarkWhoCanAssumeMaxAccount on
// an index already built: the cost of the questions alone.
func BenchmarkWhoCanAssumeMaxAccountWarm(b *testing.B) {
	benchAssume(b, false, allRoles, func(s *cam.Snapshot, role string) (int, error) {
		who, err := s.WhoCanAssume(role)
		return len(who), err
	})
}

// BenchmarkAssumableRolesMaxAccount answers AssumableRoles for every user of
// an account at Tencent's maxima, from a cold index.
func BenchmarkAssumableRolesMaxAccount(b *testing.B) {
	benchAssume(b, true, allUINs, func(s *cam.Snapshot, uin uint64) (int, error) {
		roles, err := s.AssumableRoles(uin)
		return len(roles), err
	})
}

// benchAssume asks about each of the keys of an account at Tencent's maxima
// per iteration, from a cold index (cold) or from one built before the
// timer starts, and reports the pairs the answers hold.
func benchAssume[K any](b *testing.B, cold bool, keys func(*cam.Snapshot) []K, ask func(*cam.Snapshot, K) (int, error)) {
	if testing.Short() {
		b.Skip("builds an account at Tencent's maxima; skipped with -short")
	}
	s := loadMaxAccount(b)
	all := keys(s)
	askAll := func() int {
		pairs := 0
		for _, k := range all {
			n, err := ask(s, k)
			if err != nil {
				b.Fatal(err)
			}
			pairs += n
		}
		return pairs
	}
	if !cold {
		askAll()
	}
	b.ReportAllocs()
	pairs := 0
	for b.Loop() {
		if cold {
			s.Reindex()
		}
		pairs = askAll()
	}
	b.ReportMetric(float64(pairs), "pairs")
}
