package camfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// newFake returns an empty fake with a fixed clock.
func newFake(t testing.TB, opts ...camfake.Option) *camfake.Fake {
	t.Helper()
	return camfake.New(append([]camfake.Option{camfake.WithClock(func() time.Time { return testNow })}, opts...)...)
}

const allowDoc = `{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":["*"]}]}`

func trustDoc(owner uint64) string {
	return `{"version":"2.0","statement":[{"effect":"allow","principal":{"qcs":["qcs::cam::uin/` + itoa(owner) + `:root"]},"action":["name/sts:AssumeRole"]}]}`
}

func itoa(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// wantCode fails unless err is a *cam.APIError with the code and sentinel.
func wantCode(t testing.TB, err error, code string, sentinel error) {
	t.Helper()
	var ae *cam.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want *cam.APIError %s", err, err, code)
	}
	if ae.Code != code {
		t.Fatalf("code = %q, want %q (err %v)", ae.Code, code, err)
	}
	if ae.Action == "" || ae.RequestID == "" {
		t.Errorf("APIError lacks action or request ID: %+v", ae)
	}
	if sentinel != nil && !errors.Is(err, sentinel) {
		t.Errorf("errors.Is(%v, %v) = false", err, sentinel)
	}
	if sentinel == nil && cam.Classify(code) != nil {
		t.Errorf("code %s classifies as %v, want no sentinel", code, cam.Classify(code))
	}
}

func mustUser(t testing.TB, f *camfake.Fake, name string) cam.User {
	t.Helper()
	u, err := f.CreateUser(context.Background(), camfake.UserInput{Name: name, ConsoleLogin: true})
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", name, err)
	}
	return u
}

func mustGroup(t testing.TB, f *camfake.Fake, name string) cam.Group {
	t.Helper()
	g, err := f.CreateGroup(context.Background(), name, "")
	if err != nil {
		t.Fatalf("CreateGroup(%q): %v", name, err)
	}
	return g
}

func mustPolicy(t testing.TB, f *camfake.Fake, name string) uint64 {
	t.Helper()
	id, err := f.CreatePolicy(context.Background(), cam.PolicyInput{Name: name, Document: allowDoc})
	if err != nil {
		t.Fatalf("CreatePolicy(%q): %v", name, err)
	}
	return id
}

func mustRole(t testing.TB, f *camfake.Fake, name string) cam.Role {
	t.Helper()
	r, err := f.CreateRole(context.Background(), cam.RoleInput{Name: name, TrustPolicy: trustDoc(f.OwnerUIN())})
	if err != nil {
		t.Fatalf("CreateRole(%q): %v", name, err)
	}
	return r
}

// attachCount returns a policy's AttachmentCount as ListPolicies reports it.
func attachCount(t testing.TB, f *camfake.Fake, id uint64) int {
	t.Helper()
	ps, err := f.ListPolicies(context.Background(), cam.ScopeAll)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == id {
			return p.AttachmentCount
		}
	}
	t.Fatalf("policy %d not listed", id)
	return 0
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func asAPIError(err error, target **cam.APIError) bool { return errors.As(err, target) }
