package camfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Printf(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSecretsNeverLeak drives succeeding and failing calls through the fake,
// the wire server and the adapter (wrong keys, throttling, missing entities,
// invalid input, temporary STS credentials), prints every value involved with
// every verb, captures the SDK's debug log and the standard logger, and checks
// that no secret key or session token appears anywhere.
func TestSecretsNeverLeak(t *testing.T) {
	var out syncBuffer // everything printed, returned or logged
	prev, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(&out)
	defer func() { log.SetOutput(prev); log.SetFlags(prevFlags) }()

	ctx := context.Background()
	f := camfake.Demo(camfake.WithClock(time.Now))
	srv := camfake.NewServer(f)
	defer srv.Close()
	id, key := srv.Credential()
	const wrongKey = "WRONGsecretKEYthatIsNotTheServers0"
	secrets := map[string]string{"server secret key": key, "wrong secret key": wrongKey}

	opts := []tencent.Option{
		tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"),
		tencent.WithBackoff(func(int) time.Duration { return time.Millisecond }),
		tencent.WithRetries(2, 1), tencent.WithLogger(&out),
	}
	good, err := tencent.New(common.NewCredential(id, key), opts...)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := tencent.New(common.NewCredential(id, wrongKey), opts...)
	if err != nil {
		t.Fatal(err)
	}
	record := func(vals ...any) {
		for _, v := range vals {
			fmt.Fprintf(&out, "%v|%+v|%#v|%s|%q\n", v, v, v, v, v)
		}
	}
	drive := func(c *tencent.Client) {
		acct, err := c.Account(ctx)
		record(acct, err)
		users, err := c.ListUsers(ctx)
		record(users, err)
		for _, u := range users {
			keys, err := c.ListAccessKeys(ctx, u.UIN)
			record(keys, err)
		}
		_, err = c.GetUser(ctx, "nobody")
		record(err)
		_, err = c.GetPolicy(ctx, 1<<40)
		record(err)
		_, err = c.CreatePolicy(ctx, cam.PolicyInput{Name: "bad name!", Document: "{"})
		record(err)
		_, err = c.CreateRole(ctx, cam.RoleInput{Name: "x", TrustPolicy: "nope", SessionDuration: -1})
		record(err)
		_, err = c.KeysLastUsed(ctx, make([]string, 11))
		record(err)
		ev, err := c.Events(ctx, cam.EventQuery{Start: time.Now().Add(-24 * time.Hour)})
		record(ev, err)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err = c.ListRoles(cctx)
		record(err)
	}

	drive(good)
	drive(bad)
	_, err = bad.ListUsers(ctx)
	if !errors.Is(err, cam.ErrAccessDenied) {
		t.Errorf("wrong key: got %v, want cam.ErrAccessDenied", err)
	}

	remove := f.Inject(camfake.Fault{ThrottleRate: 1, Action: "ListUsers"})
	_, err = good.ListUsers(ctx)
	record(err)
	if !errors.Is(err, cam.ErrThrottled) {
		t.Errorf("throttled: got %v, want cam.ErrThrottled", err)
	}
	remove()

	acct, err := good.Account(ctx)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := good.AssumeRole(ctx, tencent.AssumeRoleInput{
		RoleARN: fmt.Sprintf("qcs::cam::uin/%d:roleName/Platform-ReadOnly", acct.OwnerUIN), SessionName: "secrets-test",
	})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	secrets["temporary secret key"], secrets["session token"] = creds.GetSecretKey(), creds.GetToken()
	record(creds, *creds)
	asRole, err := tencent.New(creds, opts...)
	if err != nil {
		t.Fatal(err)
	}
	drive(asRole)

	// cam.Load over the adapter: its errors and the snapshot it writes.
	for _, c := range []*tencent.Client{good, bad, asRole} {
		snap, err := cam.Load(ctx, c)
		record(err)
		if snap != nil {
			b, err := json.Marshal(snap)
			record(string(b), err)
		}
	}

	direct := []any{f, srv, good, bad, asRole, good.String()}
	record(direct...)
	_, err = f.GetRole(ctx, "nobody")
	record(err)

	text := out.String()
	if !strings.Contains(text, "http request") {
		t.Error("the SDK's debug log was not captured: the test proves less than it claims")
	}
	for what, secret := range secrets {
		if secret == "" {
			t.Fatalf("%s is empty", what)
		}
		if strings.Contains(text, secret) {
			i := strings.Index(text, secret)
			context := text[max(0, i-200):i]
			for _, s := range secrets {
				context = strings.ReplaceAll(context, s, "<SECRET>")
			}
			t.Errorf("the %s leaked, after: ...%s", what, context)
		}
	}
}
