package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/tencent"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		code string
		want error
	}{
		{"ResourceNotFound.PolicyIdNotExist", cam.ErrNotFound},
		{"InvalidParameter.RoleNotExist", cam.ErrNotFound},
		{"FailedOperation.PolicyNameInUse", cam.ErrAlreadyExists},
		{"InvalidParameter.RoleNameInUse", cam.ErrAlreadyExists},
		{"RequestLimitExceeded", cam.ErrThrottled},
		{"RequestLimitExceeded.UinLimitExceeded", cam.ErrThrottled},
		{"AuthFailure.SignatureFailure", cam.ErrAccessDenied},
		{"UnauthorizedOperation", cam.ErrAccessDenied},
		{"InvalidParameter.PolicyDocumentLengthOverLimit", cam.ErrInvalid},
		{"InvalidParameter.ParamError", cam.ErrInvalid},
		{"FailedOperation.PolicyVersionFull", cam.ErrLimitExceeded},
		{"InternalError", nil},
	}
	sentinels := []error{cam.ErrNotFound, cam.ErrAlreadyExists, cam.ErrThrottled, cam.ErrAccessDenied, cam.ErrInvalid, cam.ErrLimitExceeded}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
				return nil, tt.code, "it failed for " + testKey + " and " + testToken
			}, tencent.WithRetries(0, 0))
			_, err := c.GetPolicy(context.Background(), 7)
			var apiErr *cam.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %T %v, want *cam.APIError", err, err)
			}
			if apiErr.Action != "GetPolicy" || apiErr.Code != tt.code || apiErr.RequestID != "req-GetPolicy" {
				t.Errorf("got %+v, want action GetPolicy, code %s, request req-GetPolicy", apiErr, tt.code)
			}
			for _, s := range sentinels {
				if errors.Is(err, s) != (s == tt.want) {
					t.Errorf("errors.Is(err, %v) = %v", s, errors.Is(err, s))
				}
			}
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v %#v", err, err)} {
				if strings.Contains(text, testKey) || strings.Contains(text, testToken) {
					t.Errorf("error leaks a secret: %s", text)
				}
			}
		})
	}
}

func TestThrottlingRetried(t *testing.T) {
	calls := 0
	c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
		calls++
		if calls <= 2 {
			return nil, "RequestLimitExceeded", "slow down"
		}
		return map[string]any{"Data": []any{map[string]any{"Uin": 11, "Name": "u"}}}, "", ""
	})
	users, err := c.ListUsers(context.Background())
	if err != nil || len(users) != 1 || calls != 3 {
		t.Fatalf("ListUsers = %v, %v after %d calls; want 1 user after 3 calls", users, err, calls)
	}
}

func TestCancellation(t *testing.T) {
	t.Run("before", func(t *testing.T) {
		c, s := newStub(t, func(string, map[string]any) (map[string]any, string, string) { return nil, "", "" })
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.ListRoles(ctx)
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "DescribeRoleList") {
			t.Errorf("got %v, want context.Canceled naming DescribeRoleList", err)
		}
		if len(s.actions()) != 0 {
			t.Errorf("a cancelled call still reached the server: %v", s.actions())
		}
	})
	t.Run("during", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
			<-release
			return nil, "", ""
		})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := c.GetRole(ctx, "r")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("got %v, want context.DeadlineExceeded", err)
		}
	})
}

func TestNetworkError(t *testing.T) {
	c, _ := newStub(t, nil, tencent.WithEndpoint("127.0.0.1:1"))
	_, err := c.Account(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "tencent: GetUserAppId: ") {
		t.Fatalf("got %v, want a network error naming GetUserAppId", err)
	}
	var apiErr *cam.APIError
	if errors.As(err, &apiErr) {
		t.Errorf("a network failure became an API error: %v", err)
	}
}

func TestMalformedResponses(t *testing.T) {
	tests := []struct {
		name string
		resp map[string]any
		call func(*tencent.Client) error
		want string
	}{
		{"bad time", map[string]any{"Data": []any{nil, map[string]any{"Uin": 1, "CreateTime": "garbage"}}},
			func(c *tencent.Client) error { _, err := c.ListUsers(context.Background()); return err }, "CreateTime"},
		{"bad number", map[string]any{"Uin": "x", "OwnerUin": "1"},
			func(c *tencent.Client) error { _, err := c.Account(context.Background()); return err }, "Uin"},
		{"no role", map[string]any{},
			func(c *tencent.Client) error { _, err := c.GetRole(context.Background(), "r"); return err }, "no Response object"},
		{"no policy ID", map[string]any{},
			func(c *tencent.Client) error {
				_, err := c.CreatePolicy(context.Background(), cam.PolicyInput{Name: "p"})
				return err
			}, "no Response object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) { return tt.resp, "", "" })
			err := tt.call(c)
			if err == nil || !strings.Contains(err.Error(), "unexpected response") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an unexpected-response error naming %q", err, tt.want)
			}
		})
	}
}

func TestHTTPErrorStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "upstream broke near "+testKey, http.StatusBadGateway)
	}))
	defer srv.Close()
	c, err := tencent.New(common.NewCredential(testID, testKey),
		tencent.WithEndpoint(strings.TrimPrefix(srv.URL, "http://")), tencent.WithScheme("http"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListGroups(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "tencent: ListGroups: ") || strings.Contains(err.Error(), testKey) {
		t.Fatalf("got %v, want a scrubbed error naming ListGroups", err)
	}
}

// A message with control characters (a hostile or broken endpoint) reaches
// camkit's errors escaped, and still without the secret key.
func TestErrorMessagesEscapeControlCharacters(t *testing.T) {
	c, _ := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
		return nil, "InternalError", "broke\x1b[31m\ntencent: GetPolicy: forged " + testKey
	}, tencent.WithRetries(0, 0))
	_, err := c.GetPolicy(context.Background(), 7)
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\n") || !strings.Contains(err.Error(), `broke\x1b[31m\ntencent`) ||
		strings.Contains(err.Error(), testKey) {
		t.Fatalf("error %q", err)
	}
}
