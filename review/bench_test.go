package review_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

var (
	maxOnce sync.Once
	maxSnap *cam.Snapshot
	maxErr  error
)

// maxAccount loads an account at CAM's maxima: 1,000 users (two keys each,
// every tenth with a boundary, one in fifty holding sts:AssumeRole on ten
// roles), 300 groups, 1,000 roles trusting the account (every fourth declaring
// a tier), 1,500 custom policies, five attached to every user, group and role.
func maxAccount(tb testing.TB) *cam.Snapshot {
	tb.Helper()
	maxOnce.Do(func() {
		const users, groups, roleCount, custom = 1000, 300, 1000, 1500
		clock := camfake.DemoTime
		var s camfake.Seed
		name := func(k int) string { return fmt.Sprintf("policy-%04d", k%custom) }
		for i := range custom {
			doc := fmt.Sprintf(`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances","cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:bucket-%d/*"]}]}`, i)
			if i%50 == 0 {
				var arns string
				for j := range 10 {
					if j > 0 {
						arns += ","
					}
					arns += fmt.Sprintf(`"qcs::cam::uin/100000000001:roleName/role-%04d"`, (i+j)%roleCount)
				}
				doc = `{"version":"2.0","statement":[{"effect":"allow","action":["sts:AssumeRole"],"resource":[` + arns + `]}]}`
			}
			s.Policies = append(s.Policies, camfake.SeedPolicy{Name: name(i), Document: doc})
		}
		attach := func(base int) []string {
			out := make([]string, 5)
			for j := range out {
				out[j] = name(base*5 + j + 1)
			}
			return out
		}
		for i := range groups {
			s.Groups = append(s.Groups, camfake.SeedGroup{Name: fmt.Sprintf("group-%03d", i), Policies: attach(i + 400)})
		}
		for i := range users {
			u := camfake.SeedUser{Name: fmt.Sprintf("user-%04d", i), ConsoleLogin: i%2 == 0,
				Keys:   []camfake.SeedKey{{Description: "ci-deploy"}, {Description: "laptop", LastUsedAgo: 48 * time.Hour}},
				Groups: []string{fmt.Sprintf("group-%03d", i%groups)}, Policies: attach(i)}
			if i%50 == 0 {
				u.Policies[0] = name(i / 50 * 50)
			}
			if i%10 == 0 {
				u.Boundary = name(i + 3)
			}
			s.Users = append(s.Users, u)
		}
		for i := range roleCount {
			r := camfake.SeedRole{Name: fmt.Sprintf("role-%04d", i), Policies: attach(i + 700),
				Trust: `{"version":"2.0","statement":[{"effect":"allow","action":["name/sts:AssumeRole"],"principal":{"qcs":["qcs::cam::uin/100000000001:root"]}}]}`}
			if i%4 == 0 {
				r.Tags = []cam.Tag{{Key: "tier", Value: "1"}}
			}
			s.Roles = append(s.Roles, r)
		}
		f := camfake.New(camfake.WithCallLog(0), camfake.WithClock(func() time.Time { return clock }))
		if err := f.Seed(s); err != nil {
			maxErr = err
			return
		}
		maxSnap, maxErr = cam.Load(context.Background(), f)
	})
	if maxErr != nil {
		tb.Fatal(maxErr)
	}
	return maxSnap
}

// BenchmarkAssessMaxAccount reviews an account at CAM's maxima (target ≤ 100 ms).
func BenchmarkAssessMaxAccount(b *testing.B) {
	if testing.Short() {
		b.Skip("builds an account at CAM's maxima; skipped with -short")
	}
	s := maxAccount(b)
	cfg := review.DefaultConfig()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		s.Reindex() // each review starts without cached evaluators
		n = len(review.Assess(s, cfg).Findings)
	}
	b.ReportMetric(float64(n), "findings")
}
