package cam

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestBatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n, size int
		want    [][2]int
	}{
		{0, 10, [][2]int{}},
		{1, 10, [][2]int{{0, 1}}},
		{10, 10, [][2]int{{0, 10}}},
		{23, 10, [][2]int{{0, 10}, {10, 20}, {20, 23}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := splitBatches(tt.n, tt.size); !slices.Equal(got, tt.want) {
				t.Errorf("splitBatches(%d, %d) = %v, want %v", tt.n, tt.size, got, tt.want)
			}
		})
	}
}

func TestTransient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"throttled sentinel", fmt.Errorf("x: %w", ErrThrottled), true},
		{"throttled", &APIError{Code: "RequestLimitExceeded"}, true},
		{"internal", &APIError{Code: "InternalError"}, true},
		{"internal sub", &APIError{Code: "InternalError.SystemError"}, true},
		{"unavailable", &APIError{Code: "ResourceUnavailable"}, true},
		{"timeout", &APIError{Code: "FailedOperation.Timeout"}, true},
		{"not found", &APIError{Code: "ResourceNotFound.UserNotExist"}, false},
		{"denied", &APIError{Code: "UnauthorizedOperation"}, false},
		{"plain", errors.New("boom"), false},
		{"cancelled", context.Canceled, false},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := transient(tt.err); got != tt.want {
				t.Errorf("transient(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestGateBackoff(t *testing.T) {
	t.Parallel()
	g := &gate{backoff: 100 * time.Millisecond}
	for attempt, max := range []time.Duration{100, 200, 400, 800, 1600, 2000, 2000} {
		max *= time.Millisecond
		if attempt == 6 {
			attempt = 100 // far past the cap: no overflow
		}
		for range 20 {
			if d := g.wait(attempt); d < max/2 || d > max {
				t.Fatalf("wait(%d) = %v, want within [%v, %v]", attempt, d, max/2, max)
			}
		}
	}
	if d := (&gate{}).wait(3); d != 0 {
		t.Errorf("wait without backoff = %v", d)
	}
}

func TestProgressTrackerClampsDone(t *testing.T) {
	t.Parallel()
	var got []Progress
	p := newProgressTracker(func(pr Progress) { got = append(got, pr) })
	p.add(PhaseKeys, 1)
	p.step(PhaseKeys)
	p.step(PhaseKeys) // more steps than announced never pass Total
	p.add(PhaseKeys, 0)
	want := []Progress{{PhaseKeys, 0, 1}, {PhaseKeys, 1, 1}, {PhaseKeys, 1, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("reports = %v, want %v", got, want)
	}
}
