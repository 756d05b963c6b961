package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/tencent"
)

// pagedStub serves n policies, roles and groups with CAM's Page/Rp paging.
func pagedStub(n int) func(string, map[string]any) (map[string]any, string, string) {
	return func(action string, req map[string]any) (map[string]any, string, string) {
		page, rp := num(req, "Page"), num(req, "Rp")
		if page < 1 || rp < 1 || rp > 200 {
			return nil, "InvalidParameter.ParamError", fmt.Sprintf("bad Page %d Rp %d", page, rp)
		}
		var rows []any
		for i := (page - 1) * rp; i < min(page*rp, n); i++ {
			switch action {
			case "ListPolicies":
				rows = append(rows, map[string]any{"PolicyId": i + 1, "PolicyName": fmt.Sprintf("p%d", i), "Type": 1, "AddTime": "2026-01-02 08:00:00"})
			case "DescribeRoleList":
				rows = append(rows, map[string]any{"RoleId": fmt.Sprint(4611686018427397919 + i), "RoleName": fmt.Sprintf("r%d", i), "AddTime": "2026-01-02 08:00:00",
					"Tags": []any{map[string]any{"Key": "z", "Value": "1"}, map[string]any{"Key": "a", "Value": "2"}}})
			}
		}
		key := map[string]string{"ListPolicies": "List", "DescribeRoleList": "List"}[action]
		return map[string]any{key: rows, "TotalNum": n}, "", ""
	}
}

func TestPaging(t *testing.T) {
	for _, n := range []int{0, 1, 200, 201, 450} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			c, s := newStub(t, pagedStub(n), tencent.WithRegionBreaker("ap-shanghai.tencentcloudapi.com"))
			ctx := context.Background()
			policies, err := c.ListPolicies(ctx, cam.ScopeAll)
			if err != nil || len(policies) != n {
				t.Fatalf("ListPolicies: %d policies, %v; want %d", len(policies), err, n)
			}
			roles, err := c.ListRoles(ctx)
			if err != nil || len(roles) != n {
				t.Fatalf("ListRoles: %d roles, %v; want %d", len(roles), err, n)
			}
			for i, p := range policies {
				if p.ID != uint64(i+1) || p.Type != cam.PolicyCustom {
					t.Fatalf("policy %d = %+v", i, p)
				}
			}
			want := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) // 08:00 Beijing time
			if n > 0 && (!roles[n-1].Created.Equal(want) || !slices.Equal(roles[n-1].Tags, []cam.Tag{{Key: "a", Value: "2"}, {Key: "z", Value: "1"}})) {
				t.Errorf("role = %+v, want created %v and sorted tags", roles[n-1], want)
			}
			pages := max(1, (n+199)/200)
			if got := len(s.actions()); got != 2*pages {
				t.Errorf("%d requests, want %d pages each", got, pages)
			}
		})
	}
}

// TestPagingStopsOnEmptyPage guards against a server whose TotalNum is wrong.
func TestPagingStopsOnEmptyPage(t *testing.T) {
	c, s := newStub(t, func(string, map[string]any) (map[string]any, string, string) {
		return map[string]any{"GroupInfo": []any{}, "TotalNum": 1000}, "", ""
	})
	groups, err := c.ListGroups(context.Background())
	if err != nil || len(groups) != 0 || len(s.actions()) != 1 {
		t.Fatalf("got %v, %v after %d requests", groups, err, len(s.actions()))
	}
}

func TestBatchLimits(t *testing.T) {
	c, s := newStub(t, func(string, map[string]any) (map[string]any, string, string) { return nil, "", "" })
	ctx := context.Background()
	_, err := c.LastLogins(ctx, make([]uint64, cam.MaxLastLoginBatch+1))
	if !errors.Is(err, cam.ErrInvalid) {
		t.Errorf("LastLogins(51): got %v, want cam.ErrInvalid", err)
	}
	_, err = c.KeysLastUsed(ctx, make([]string, cam.MaxKeyLastUsedBatch+1))
	if !errors.Is(err, cam.ErrInvalid) {
		t.Errorf("KeysLastUsed(11): got %v, want cam.ErrInvalid", err)
	}
	if got, err := c.LastLogins(ctx, nil); got == nil || len(got) != 0 || err != nil {
		t.Errorf("LastLogins(nil) = %v, %v", got, err)
	}
	if len(s.actions()) != 0 {
		t.Errorf("refused batches reached the server: %v", s.actions())
	}
}
