package review_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

// brokenReader is a reader whose every account read fails.
type brokenReader struct{ cam.Reader }

func (brokenReader) Account(context.Context) (cam.Account, error) {
	return cam.Account{}, &cam.APIError{Action: "GetUserAppId", Code: "AuthFailure.SecretIdNotFound", Message: "no such key"}
}

func TestAssessAccounts(t *testing.T) {
	t.Parallel()
	clock := cam.WithClock(func() time.Time { return camfake.DemoTime })
	accounts := []review.Account{
		{Name: "prod", Reader: camfake.Demo(), LoadOptions: []cam.LoadOption{clock}},
		{Name: "broken", Reader: brokenReader{camfake.New()}, LoadOptions: []cam.LoadOption{clock, cam.WithFailFast()}},
		{Name: "partial", Reader: brokenReader{camfake.New()}, LoadOptions: []cam.LoadOption{clock}},
		{Name: "sandbox", Reader: camfake.Demo(camfake.WithOwnerUIN(100000000777)), LoadOptions: []cam.LoadOption{clock}},
	}
	cfg := review.DefaultConfig()
	cfg.Now = camfake.DemoTime
	r, err := review.AssessAccounts(context.Background(), accounts, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Accounts) != 4 {
		t.Fatalf("accounts %+v", r.Accounts)
	}
	var broken *review.AccountSummary
	owners := map[uint64]bool{}
	for i := range r.Accounts {
		if r.Accounts[i].Name == "broken" {
			broken = &r.Accounts[i]
		}
		owners[r.Accounts[i].OwnerUIN] = true
	}
	if broken == nil || !strings.Contains(broken.Error, "AuthFailure") {
		t.Errorf("broken account summary %+v", broken)
	}
	if !owners[100000000777] || !owners[camfake.Demo().OwnerUIN()] {
		t.Errorf("owners %v", owners)
	}
	if f := mustFind(t, r.Findings, review.CheckReviewIncomplete, "broken"); f.Severity != review.Critical {
		t.Errorf("broken account finding %+v", f)
	}
	// Without fail-fast the load records the failed read and the review says so.
	partial := false
	for _, f := range r.Findings {
		if f.Check == review.CheckReviewIncomplete && strings.Contains(evidence(f), "AuthFailure") && f.Subject != "broken" {
			partial = true
		}
	}
	if !partial {
		t.Error("the partial account's failed read is not a review.incomplete finding")
	}
	perAccount := map[uint64]int{}
	for _, f := range find(r.Findings, review.CheckUserInactive, "grace.li") {
		perAccount[f.Account]++
	}
	if len(perAccount) != 2 {
		t.Errorf("grace.li findings by account %v", perAccount)
	}
	var md strings.Builder
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "(account 100000000777)") || !strings.Contains(md.String(), "not reviewed") {
		t.Errorf("markdown lacks per-account sections:\n%s", md.String()[:400])
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := review.AssessAccounts(ctx, accounts[:1], cfg); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := review.AssessAccounts(context.Background(), nil, cfg); err == nil {
		t.Error("no accounts accepted")
	}
	if _, err := review.AssessAccounts(context.Background(), []review.Account{{Name: "x"}}, cfg); err == nil {
		t.Error("nil reader accepted")
	}
}

func BenchmarkAssessDemo(b *testing.B) {
	s := demo(b)
	cfg := review.DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		review.Assess(s, cfg)
	}
}
