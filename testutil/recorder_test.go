package testutil_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/cam"
)

// recorder is a testing.TB that records failures and logs instead of
// failing the test, so the harness's own tests can prove it fails when it
// must, with the message it must print.
type recorder struct {
	testing.TB // the real test, for what is not recorded

	mu     sync.Mutex
	errors []string
	logs   []string
}

func record(t testing.TB) *recorder { return &recorder{TB: t} }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Error(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }

func (r *recorder) Fail() { r.Errorf("Fail called") }

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errors) > 0
}

func (r *recorder) Log(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.logs = append(r.logs, fmt.Sprint(args...))
}

func (r *recorder) Logf(format string, args ...any) { r.Log(fmt.Sprintf(format, args...)) }

// failures returns every recorded failure message joined.
func (r *recorder) failures() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errors, "\n")
}

// mustFail checks that the recorder saw exactly one failure containing each
// of wants.
func (r *recorder) mustFail(t *testing.T, wants ...string) {
	t.Helper()
	r.mu.Lock()
	n := len(r.errors)
	r.mu.Unlock()
	if n != 1 {
		t.Fatalf("recorded %d failures, want 1:\n%s", n, r.failures())
	}
	got := r.failures()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("failure message lacks %q:\n%s", w, got)
		}
	}
}

// mustPass checks that the recorder saw no failure.
func (r *recorder) mustPass(t *testing.T) {
	t.Helper()
	if r.Failed() {
		t.Fatalf("unexpected failure:\n%s", r.failures())
	}
}

// demoSnapshot reads cam's demo snapshot (camfake.Demo loaded with cam.Load).
func demoSnapshot(t testing.TB) *cam.Snapshot {
	t.Helper()
	f, err := os.Open("../cam/testdata/demo.snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := cam.ReadSnapshot(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
