package tencent_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/cam/tencent"
)

// BenchmarkListPoliciesWire pages 450 custom policies (three pages) from
// camfake's wire server: SDK signing, HTTP on loopback and model mapping.
func BenchmarkListPoliciesWire(b *testing.B) {
	var seed camfake.Seed
	for i := range 450 {
		seed.Policies = append(seed.Policies, camfake.SeedPolicy{
			Name:     fmt.Sprintf("bench-%d", i),
			Document: `{"version":"2.0","statement":[{"effect":"allow","action":["cos:GetObject"],"resource":["*"]}]}`,
		})
	}
	srv := camfake.NewServer(camfake.New(camfake.WithSeed(seed), camfake.WithCallLog(0)))
	defer srv.Close()
	id, key := srv.Credential()
	c, err := tencent.New(common.NewCredential(id, key), tencent.WithEndpoint(srv.Endpoint()), tencent.WithScheme("http"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		p, err := c.ListPolicies(ctx, cam.ScopeCustom)
		if err != nil || len(p) != 450 {
			b.Fatalf("%d policies, %v", len(p), err)
		}
	}
}
