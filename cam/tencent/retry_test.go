package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/tencent"
)

// TestRetryCountIsExact checks WithRetries means what it says: with the
// service throttling every call, n rate-limit retries make n+1 requests, no
// more (the SDK's own retries are off) and no fewer.
func TestRetryCountIsExact(t *testing.T) {
	for _, n := range []int{0, 1, 4} {
		c, s := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
			return nil, "RequestLimitExceeded", "slow down"
		}, tencent.WithRetries(n, tencent.MaxRetries))
		_, err := c.ListUsers(context.Background())
		if !errors.Is(err, cam.ErrThrottled) {
			t.Fatalf("%d retries: error %v, want cam.ErrThrottled", n, err)
		}
		if got := len(s.actions()); got != n+1 {
			t.Errorf("%d retries: %d requests, want %d", n, got, n+1)
		}
	}
}

// dropFirst is a server that drops the connection of its first n requests
// without answering, then answers ListUsers with one user.
type dropFirst struct {
	n     int32
	calls atomic.Int32
}

func (d *dropFirst) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	if d.calls.Add(1) <= d.n {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"Response":{"Data":[{"Uin":11,"Name":"u"}],"RequestId":"r"}}`))
}

// TestLostCallsRetriedForReadsOnly drops connections without an answer: a
// read is repeated up to the network retries, a write is not repeated at
// all (CAM may have applied it).
func TestLostCallsRetriedForReadsOnly(t *testing.T) {
	newClient := func(t *testing.T, d *dropFirst, netRetries int) *tencent.Client {
		srv := httptest.NewServer(d)
		t.Cleanup(srv.Close)
		c, err := tencent.New(common.NewCredential(testID, testKey),
			tencent.WithEndpoint(strings.TrimPrefix(srv.URL, "http://")), tencent.WithScheme("http"),
			tencent.WithRetries(0, netRetries), tencent.WithBackoff(func(int) time.Duration { return time.Millisecond }))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Run("read repeated", func(t *testing.T) {
		d := &dropFirst{n: 2}
		users, err := newClient(t, d, 2).ListUsers(context.Background())
		if err != nil || len(users) != 1 || d.calls.Load() != 3 {
			t.Fatalf("ListUsers = %d users, %v after %d requests; want 1 user after 3", len(users), err, d.calls.Load())
		}
	})
	t.Run("read retries run out", func(t *testing.T) {
		d := &dropFirst{n: 5}
		_, err := newClient(t, d, 1).ListUsers(context.Background())
		if err == nil || d.calls.Load() != 2 {
			t.Fatalf("ListUsers = %v after %d requests; want an error after 2", err, d.calls.Load())
		}
		if !strings.HasPrefix(err.Error(), "tencent: ListUsers: ") {
			t.Errorf("error %q does not name the action", err)
		}
	})
	t.Run("write not repeated", func(t *testing.T) {
		d := &dropFirst{n: 1}
		err := newClient(t, d, tencent.MaxRetries).AttachUserPolicy(context.Background(), 1, 2)
		if err == nil || d.calls.Load() != 1 {
			t.Fatalf("AttachUserPolicy = %v after %d requests; want an error after 1", err, d.calls.Load())
		}
	})
}

// lines is a Logger that keeps what it is given.
type lines struct {
	mu  sync.Mutex
	all []string
}

func (l *lines) Printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, fmt.Sprintf(format, args...))
}

// TestRetriesAreLogged checks each retry is reported to the Logger, naming
// the action, the reason and the wait, and never the secret key.
func TestRetriesAreLogged(t *testing.T) {
	calls := 0
	log := &lines{}
	c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
		calls++
		if calls == 1 {
			return nil, "RequestLimitExceeded", "slow down " + testKey
		}
		return map[string]any{"Data": []any{}}, "", ""
	}, tencent.WithLogger(log))
	if _, err := c.ListUsers(context.Background()); err != nil {
		t.Fatal(err)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	var notices []string
	for _, l := range log.all {
		if strings.Contains(l, testKey) {
			t.Errorf("log line shows the secret key: %s", l)
		}
		if strings.Contains(l, "tencent: ListUsers: throttled, retry 1 in 1ms") {
			notices = append(notices, l)
		}
	}
	if len(notices) != 1 {
		t.Errorf("%d retry notices in %q, want 1", len(notices), log.all)
	}
}
