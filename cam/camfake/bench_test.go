package camfake_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func BenchmarkGetPolicy(b *testing.B) {
	ctx := context.Background()
	f := camfake.Demo(camfake.WithCallLog(0))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.GetPolicy(ctx, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListUserPolicies(b *testing.B) {
	ctx := context.Background()
	f := camfake.Demo(camfake.WithCallLog(0))
	u, err := f.GetUser(ctx, "dave.kim")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.ListUserPolicies(ctx, u.UIN, cam.AttachAll); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListUsersParallel(b *testing.B) {
	ctx := context.Background()
	f := camfake.Demo(camfake.WithCallLog(0))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := f.ListUsers(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkDemo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = camfake.Demo()
	}
}
