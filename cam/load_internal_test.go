package cam

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
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

// TestReconcileBoundaryNames checks that a boundary naming its policy by an
// older name takes the policy's name, with a problem, so that the snapshot
// reads back.
func TestReconcileBoundaryNames(t *testing.T) {
	t.Parallel()
	s := &Snapshot{
		SchemaVersion: SnapshotSchemaVersion,
		Account:       Account{OwnerUIN: 1, CallerUIN: 1, AppID: 1},
		Policies:      []Policy{{ID: 4, Name: "new", Type: PolicyCustom, Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*"],"resource":["*"]}]}`}},
		Users: []UserRecord{
			{User: User{UIN: 11, Name: "a"}, Boundary: &Boundary{PolicyID: 4, PolicyName: "old"}, BoundaryKnown: true},
			{User: User{UIN: 12, Name: "b"}, Boundary: &Boundary{PolicyID: 4, PolicyName: "new"}, BoundaryKnown: true},
		},
		Roles: []RoleRecord{{Role: Role{ID: "7", Name: "R"}, Boundary: &Boundary{PolicyID: 4, PolicyName: "old"}, BoundaryKnown: true}},
	}
	probs := s.reconcileBoundaryNames()
	if len(probs) != 2 || probs[0].Action != ActionGetUserPermissionBoundary || probs[1].Action != ActionGetRolePermissionBoundary ||
		!strings.Contains(probs[0].Err, `"old"`) || !strings.Contains(probs[0].Err, `"new"`) {
		t.Fatalf("problems = %v", probs)
	}
	if s.Users[0].Boundary.PolicyName != "new" || s.Roles[0].Boundary.PolicyName != "new" {
		t.Errorf("boundaries not renamed: %+v, %+v", s.Users[0].Boundary, s.Roles[0].Boundary)
	}
	if again := s.reconcileBoundaryNames(); len(again) != 0 {
		t.Errorf("second pass found %v", again)
	}
	s.Problems = probs
	s.normalize()
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSnapshot(&buf); err != nil {
		t.Errorf("ReadSnapshot of the reconciled snapshot: %v", err)
	}
}
