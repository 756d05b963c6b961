package camfake_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam/camfake"
)

// patience bounds how long these tests wait for the server: far above the
// short timeouts they configure, far below the defaults they replace.
const patience = 5 * time.Second

// rawRequestHead is the head of a POST whose headers pass every check made
// before the body is read (s's own SecretId, the current time), announcing a
// body of length bytes.
func rawRequestHead(s *camfake.Server, length int) string {
	id, _ := s.Credential()
	now := time.Now()
	return "POST / HTTP/1.1\r\n" +
		"Host: " + s.Endpoint() + "\r\n" +
		"Content-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(length) + "\r\n" +
		"X-TC-Action: ListUsers\r\nX-TC-Version: 2019-01-16\r\n" +
		"X-TC-Timestamp: " + strconv.FormatInt(now.Unix(), 10) + "\r\n" +
		"Authorization: TC3-HMAC-SHA256 Credential=" + id + "/" + now.UTC().Format(time.DateOnly) +
		"/cam/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("0f", 32) + "\r\n\r\n"
}

// TestServerSlowBody sends headers that pass and then a body that stalls:
// the server gives up at its read timeout with HTTP 408 and closes the
// connection, instead of holding it for as long as the client likes.
func TestServerSlowBody(t *testing.T) {
	t.Parallel()
	s := camfake.NewServer(camfake.Demo(), camfake.WithReadTimeout(200*time.Millisecond))
	defer s.Close()
	conn, err := net.Dial("tcp", s.Endpoint())
	must(t, err)
	defer conn.Close()
	start := time.Now()
	_, err = io.WriteString(conn, rawRequestHead(s, 1000)+`{"Na`)
	must(t, err)
	must(t, conn.SetReadDeadline(time.Now().Add(2*patience)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body after %v: %v", time.Since(start), err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408", resp.StatusCode)
	}
	if took := time.Since(start); took > patience {
		t.Errorf("the server waited %v for the body, want about 200ms", took)
	}
	if n, err := conn.Read(make([]byte, 1)); err == nil {
		t.Errorf("the connection stayed open (read %d bytes)", n)
	}
}

// TestServerSlowHeaders sends half a request head and stalls: the server
// closes the connection at its header timeout.
func TestServerSlowHeaders(t *testing.T) {
	t.Parallel()
	s := camfake.NewServer(camfake.Demo(), camfake.WithReadTimeout(200*time.Millisecond))
	defer s.Close()
	conn, err := net.Dial("tcp", s.Endpoint())
	must(t, err)
	defer conn.Close()
	start := time.Now()
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\n")
	must(t, err)
	must(t, conn.SetReadDeadline(time.Now().Add(2*patience)))
	_, _ = io.Copy(io.Discard, conn) // until the server closes (or the deadline)
	if took := time.Since(start); took > patience {
		t.Errorf("the server waited %v for the headers, want about 200ms", took)
	}
}

// TestServerSlowAnswerIsNotCutShort checks the read timeout covers reading
// the request only: a call the Fake delays past it is still answered.
func TestServerSlowAnswerIsNotCutShort(t *testing.T) {
	t.Parallel()
	f := camfake.Demo()
	f.Inject(camfake.Fault{Action: "ListUsers", Delay: 700 * time.Millisecond})
	e := newSrvEnv(t, f, camfake.WithReadTimeout(100*time.Millisecond))
	if _, err := sendCommon(t, e, "cam", "2019-01-16", "ListUsers", `{}`); err != nil {
		t.Fatalf("a call answered after the read timeout failed: %v", err)
	}
	id, key := e.srv.Credential()
	p := srvProfile(e.srv)
	p.HttpProfile.ReqMethod = "GET"
	get, err := camapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", p)
	must(t, err)
	if _, err := get.ListUsers(camapi.NewListUsersRequest()); err != nil {
		t.Fatalf("a GET answered after the read timeout failed: %v", err)
	}
}

// endless is a request body that never ends, counting what was read.
type endless struct {
	mu   sync.Mutex
	read int64
}

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.mu.Lock()
	e.read += int64(len(p))
	e.mu.Unlock()
	return len(p), nil
}

// TestServerAnswersUnauthenticatedBodiesUnread sends requests without an
// Authorization header whose bodies never end, many at once: each is
// answered AuthFailure.InvalidAuthorization at once. Had the server read the
// bodies first, it would never have answered.
func TestServerAnswersUnauthenticatedBodiesUnread(t *testing.T) {
	t.Parallel()
	s := camfake.NewServer(camfake.Demo())
	defer s.Close()
	client := &http.Client{Timeout: 2 * patience}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range cap(errs) {
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodPost, s.URL+"/", &endless{})
			if err != nil {
				errs <- err
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-TC-Action", "ListUsers")
			resp, err := client.Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			var out struct {
				Response struct{ Error struct{ Code string } }
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				errs <- err
				return
			}
			if code := out.Response.Error.Code; code != "AuthFailure.InvalidAuthorization" {
				errs <- fmt.Errorf("code %q, want AuthFailure.InvalidAuthorization", code)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestServerBodyLimitOverTheWire sends a correctly signed call whose body is
// larger than a small limit: RequestSizeLimitExceeded.
func TestServerBodyLimitOverTheWire(t *testing.T) {
	t.Parallel()
	e := newSrvEnv(t, camfake.Demo(), camfake.WithMaxBodyBytes(64))
	_, err := sendCommon(t, e, "cam", "2019-01-16", "GetUser", `{"Name":"`+strings.Repeat("x", 100)+`"}`)
	wantSDKCode(t, err, "RequestSizeLimitExceeded")
	if _, err := sendCommon(t, e, "cam", "2019-01-16", "GetUser", `{"Name":"dave.kim"}`); err != nil {
		t.Fatalf("a body under the limit: %v", err)
	}
}
