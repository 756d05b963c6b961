package backoff_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/camkit/camkit/internal/backoff"
)

func TestWait(t *testing.T) {
	low := func(int64) int64 { return 0 }             // jitter at its smallest
	high := func(n int64) int64 { return n - 1 }      // jitter at its largest
	mid := func(n int64) int64 { return (n - 1) / 2 } // in between
	tests := []struct {
		name        string
		base, limit time.Duration
		rnd         func(int64) int64
		want        []time.Duration // attempts 0, 1, 2, ...
	}{
		{"lowest draw is half", time.Second, 20 * time.Second, low,
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}},
		{"highest draw is the full wait, capped", time.Second, 20 * time.Second, high,
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 20 * time.Second, 20 * time.Second}},
		{"a middle draw", 100 * time.Millisecond, time.Second, mid,
			[]time.Duration{75 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond, 750 * time.Millisecond}},
		{"cap equal to base", time.Second, time.Second, high,
			[]time.Duration{time.Second, time.Second, time.Second}},
		{"base above the cap", 10 * time.Second, 2 * time.Second, high,
			[]time.Duration{2 * time.Second, 2 * time.Second}},
		{"odd nanoseconds: at least half, rounded up", 3, 100, low,
			[]time.Duration{2, 3, 6, 12}},
		{"no base", 0, time.Second, high,
			[]time.Duration{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []time.Duration
			for n := range tt.want {
				got = append(got, backoff.Wait(tt.base, tt.limit, n, tt.rnd))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("waits %v, want %v", got, tt.want)
			}
		})
	}
	if d := backoff.Wait(time.Second, time.Minute, -3, high); d != time.Second {
		t.Errorf("a negative attempt waits %v, want the first retry's 1s", d)
	}
	if d := backoff.Wait(time.Second, -time.Second, 2, high); d != 0 {
		t.Errorf("a negative limit waits %v, want 0", d)
	}
}

func TestWaitNeverOverflows(t *testing.T) {
	limit := time.Duration(math.MaxInt64)
	for _, base := range []time.Duration{1, time.Second, limit / 3, limit} {
		prev := time.Duration(0)
		for _, n := range []int{0, 1, 2, 30, 62, 63, 64, 1000, math.MaxInt} {
			d := backoff.Wait(base, limit, n, func(n int64) int64 { return n - 1 })
			if d <= 0 || d < prev {
				t.Fatalf("base %v attempt %d: wait %v after %v", base, n, d, prev)
			}
			prev = d
		}
	}
}

func TestWaitJitterStaysInRange(t *testing.T) {
	base, limit := 50*time.Millisecond, 5*time.Second
	for n := range 12 {
		full := min(base<<n, limit)
		for range 200 {
			if d := backoff.Wait(base, limit, n, rand.Int64N); d < full-full/2 || d > full {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", n, d, full-full/2, full)
			}
		}
	}
}

// The third retry after a one-second base waits between 2 and 4 seconds;
// here the draw is fixed at its largest.
func ExampleWait() {
	largest := func(n int64) int64 { return n - 1 }
	for attempt := range 5 {
		fmt.Println(backoff.Wait(time.Second, 10*time.Second, attempt, largest))
	}
	// Output:
	// 1s
	// 2s
	// 4s
	// 8s
	// 10s
}
