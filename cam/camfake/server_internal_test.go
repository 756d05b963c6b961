package camfake

import (
	"context"
	"errors"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
)

// FuzzServerActions feeds arbitrary bodies to every action handler: none may
// panic, and each either answers or fails with a wire error code.
func FuzzServerActions(f *testing.F) {
	for _, seed := range []string{``, `{}`, `null`, `[]`, `{"PolicyId":1}`, `{"Page":0,"Rp":0}`,
		`{"RoleId":"1","RoleName":""}`, `{"Info":[{"GroupId":1}]}`, `{"StartTime":1,"EndTime":2,"NextToken":99}`,
		`{"RoleArn":"qcs::cam::uin/1:role/","RoleSessionName":"ab"}`, `{"TargetUin":-1,"PolicyId":-1}`} {
		f.Add(uint8(0), seed)
	}
	s := newServer(Demo(), Demo())
	defer s.Close()
	var names []string
	var handlers []handler
	var targets []*callTarget
	for svcName, svc := range services {
		for name, h := range svc.actions {
			names = append(names, name)
			handlers = append(handlers, h)
			targets = append(targets, &callTarget{service: svcName, version: svc.version, action: name, secretID: s.secretID})
		}
	}
	f.Fuzz(func(t *testing.T, pick uint8, body string) {
		i := int(pick) % len(handlers)
		out, err := handlers[i](context.Background(), s, targets[i], []byte(body))
		if err == nil && out == nil {
			t.Fatalf("%s: no answer and no error", names[i])
		}
		if code, _, _ := toWire(err); err != nil && code == "" {
			t.Fatalf("%s: error without a code: %v", names[i], err)
		}
	})
}

// FuzzParseAuthorization checks the Authorization parser never panics and
// that what it accepts is well formed.
func FuzzParseAuthorization(f *testing.F) {
	f.Add("TC3-HMAC-SHA256 Credential=AKID/2026-01-02/cam/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("ab", 32))
	f.Add("TC3-HMAC-SHA256 Credential=//, Signature=")
	f.Add("")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := parseAuthorization(h)
		if err != nil {
			return
		}
		if a.secretID == "" || a.service == "" || len(a.signature) != 64 ||
			!slices.Contains(a.signedHeaders, "host") || !slices.Contains(a.signedHeaders, "content-type") {
			t.Fatalf("accepted a malformed header %q: %+v", h, a)
		}
	})
}

func TestToWire(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"api error", &cam.APIError{Code: "ResourceNotFound.RoleNotExist", Message: "x"}, "ResourceNotFound.RoleNotExist"},
		{"api error without code", &cam.APIError{Message: "x"}, "InternalError"},
		{"wrapped api error", errors.Join(errors.New("ctx"), &cam.APIError{Code: "RequestLimitExceeded"}), "RequestLimitExceeded"},
		{"cancelled", context.Canceled, "InternalError"},
		{"deadline", context.DeadlineExceeded, "InternalError"},
		{"plain", errors.New("boom"), "InternalError"},
		{"wire", wireErr(codeInvalidAction, "nope"), "InvalidAction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := toWire(tt.err); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
}

func TestCancelledRequestIsInternalError(t *testing.T) {
	s := newServer(Demo(), Demo())
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.dispatch(ctx, &callTarget{service: "cam", version: "2019-01-16", action: "ListUsers"}, nil)
	if code, _, _ := toWire(err); code != codeInternal || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ListUsers: %v (code %s)", err, code)
	}
}

func TestErrorsAreScrubbed(t *testing.T) {
	s := newServer(New(), New())
	defer s.Close()
	s.temp["AKIDtemp"] = tempCredential{secretKey: "tempsecretkey", token: "temptoken", expires: time.Now().Add(time.Hour)}
	rec := httptest.NewRecorder()
	s.writeError(rec, "req-1", errors.New("leak "+s.secretKey+" tempsecretkey temptoken"))
	body := rec.Body.String()
	for _, secret := range []string{s.secretKey, "tempsecretkey", "temptoken"} {
		if strings.Contains(body, secret) {
			t.Errorf("error body %s shows a secret", body)
		}
	}
	if !strings.Contains(body, `"RequestId":"req-1"`) || !strings.Contains(body, `"Code":"InternalError"`) {
		t.Errorf("error body %s", body)
	}
}

func TestPaging(t *testing.T) {
	u := func(n uint64) *uint64 { return &n }
	tests := []struct {
		name     string
		page, rp *uint64
		required bool
		off, lim int
		ok       bool
	}{
		{"defaults", nil, nil, false, 0, 20, true},
		{"page 3 of 50", u(3), u(50), false, 100, 50, true},
		{"required missing", nil, u(10), true, 0, 0, false},
		{"Rp 200", u(1), u(200), true, 0, 200, true},
		{"Rp 201", u(1), u(201), false, 0, 0, false},
		{"Rp 0", u(1), u(0), false, 0, 0, false},
		{"Page 0", u(0), u(10), false, 0, 0, false},
		{"huge page", u(1 << 62), u(200), false, 1 << 40, 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, lim, err := paging(tt.page, tt.rp, tt.required)
			if (err == nil) != tt.ok || (tt.ok && (off != tt.off || lim != tt.lim)) {
				t.Errorf("paging = %d, %d, %v", off, lim, err)
			}
		})
	}
	if got := pageOf([]int{1, 2, 3}, 2, 5); !slices.Equal(got, []int{3}) {
		t.Errorf("pageOf = %v", got)
	}
	if got := pageOf([]int{1, 2, 3}, 1<<40, 5); got == nil || len(got) != 0 {
		t.Errorf("pageOf past the end = %v", got)
	}
}

func TestDecodeQuery(t *testing.T) {
	type params struct {
		pageParams
		Name *string       `json:"Name"`
		Ok   *bool         `json:"Ok"`
		N    *int64        `json:"N"`
		IDs  []uint64      `json:"IDs"`
		Info []groupMember `json:"Info"`
	}
	tests := []struct {
		query, code string
	}{
		{"", ""},
		{"Page=2&Rp=10&Name=x&Ok=true&N=-3&IDs.0=1&IDs.1=2&Info.0.GroupId=7&Info.0.Uin=8", ""},
		{"Bogus=1", codeUnknownParameter},
		{"Info.0.Bogus=1", codeUnknownParameter},
		{"Page=x", codeInvalidParameter},
		{"N=1.5", codeInvalidParameter},
		{"Ok=maybe", codeInvalidParameter},
		{"IDs.5=1", codeInvalidParameter},
		{"IDs.x=1", codeInvalidParameter},
		{"IDs=1", codeInvalidParameter},
		{"Name.0=x", codeInvalidParameter},
		{"Info.0=1", codeInvalidParameter},
		{"Name=a&Name=b", codeInvalidParameter},
		{"IDs..0=1", codeInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var p params
			err = decodeQuery(q, &p)
			if code, _, _ := toWire(err); code != tt.code {
				t.Fatalf("code %q, want %q (%v)", code, tt.code, err)
			}
			if tt.code == "" && tt.query != "" && (*p.Page != 2 || *p.N != -3 || len(p.IDs) != 2 || *p.Info[0].Uin != 8 || !*p.Ok) {
				t.Errorf("decoded %+v", p)
			}
		})
	}
}

// FuzzDecodeQuery checks that no query string makes the GET decoder panic,
// that it fails only with a parameter error, and that it never makes more
// list elements than there are parameters.
func FuzzDecodeQuery(f *testing.F) {
	f.Add("Info.0.GroupId=1&Info.1.Uin=2")
	f.Add("LookupAttributes.0.AttributeKey=EventName&StartTime=1")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		var p struct {
			Info             []groupMember     `json:"Info"`
			LookupAttributes []lookupAttribute `json:"LookupAttributes"`
			StartTime        *uint64           `json:"StartTime"`
			Name             *string           `json:"Name"`
		}
		err = decodeQuery(q, &p)
		var we *wireError
		if err != nil && (!errors.As(err, &we) || (!strings.HasPrefix(we.code, codeInvalidParameter) && we.code != codeUnknownParameter)) {
			t.Fatalf("decodeQuery(%q) failed without an InvalidParameter or UnknownParameter wire error: %v", raw, err)
		}
		if err == nil && len(p.Info)+len(p.LookupAttributes) > len(q) {
			t.Fatalf("decodeQuery(%q) made %d list elements from %d parameters", raw, len(p.Info)+len(p.LookupAttributes), len(q))
		}
	})
}

// A hostile parameter name reaches the error message escaped, never raw.
func TestWireErrorsEscapeControlCharacters(t *testing.T) {
	q := url.Values{"Name\x1b[31m\nForged": {"x"}}
	var p struct {
		Name *string `json:"Name"`
	}
	err := decodeQuery(q, &p)
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\n") || !strings.Contains(err.Error(), `\x1b`) {
		t.Fatalf("decodeQuery error %q", err)
	}
}
