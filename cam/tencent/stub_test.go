package tencent_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam/tencent"
)

// Test credentials. testKey must never appear in anything the adapter says.
const (
	testID    = "AKIDstubstubstubstubstubstubstub"
	testKey   = "stubSECRETkey0123456789abcdefXYZ"
	testToken = "stubSESSIONtoken-9876543210"
)

// stub is a minimal API 3.0 endpoint: it answers each action with handler's
// result, wrapped as {"Response": {...}}, and records the requests.
type stub struct {
	mu       sync.Mutex
	handler  func(action string, req map[string]any) (resp map[string]any, code, msg string)
	requests []stubRequest
}

type stubRequest struct {
	Action string
	Body   map[string]any
}

func (s *stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action := r.Header.Get("X-TC-Action")
	body, _ := io.ReadAll(r.Body)
	var req map[string]any
	_ = json.Unmarshal(body, &req)
	s.mu.Lock()
	s.requests = append(s.requests, stubRequest{action, req})
	s.mu.Unlock()
	resp, code, msg := s.handler(action, req)
	if resp == nil {
		resp = map[string]any{}
	}
	if code != "" {
		resp = map[string]any{"Error": map[string]any{"Code": code, "Message": msg}}
	}
	resp["RequestId"] = "req-" + action
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": resp})
}

func (s *stub) actions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		out = append(out, r.Action)
	}
	return out
}

// newStub starts a stub and returns a Client pointed at it.
func newStub(tb testing.TB, handler func(action string, req map[string]any) (map[string]any, string, string), opts ...tencent.Option) (*tencent.Client, *stub) {
	tb.Helper()
	s := &stub{handler: handler}
	srv := httptest.NewServer(s)
	tb.Cleanup(srv.Close)
	opts = append([]tencent.Option{
		tencent.WithEndpoint(strings.TrimPrefix(srv.URL, "http://")),
		tencent.WithScheme("http"),
		tencent.WithBackoff(func(int) time.Duration { return time.Millisecond }),
	}, opts...)
	c, err := tencent.New(common.NewTokenCredential(testID, testKey, testToken), opts...)
	if err != nil {
		tb.Fatalf("tencent.New: %v", err)
	}
	return c, s
}

// num reads a JSON number parameter.
func num(req map[string]any, key string) int {
	f, _ := req[key].(float64)
	return int(f)
}
