package camfake_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	auditapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
)

func eventsReq(start, end time.Time, limit uint64, attrs ...string) *auditapi.DescribeEventsRequest {
	r := auditapi.NewDescribeEventsRequest()
	r.StartTime, r.EndTime = common.Uint64Ptr(uint64(start.Unix())), common.Uint64Ptr(uint64(end.Unix()))
	if limit > 0 {
		r.MaxResults = common.Uint64Ptr(limit)
	}
	for i := 0; i+1 < len(attrs); i += 2 {
		r.LookupAttributes = append(r.LookupAttributes, &auditapi.LookupAttribute{
			AttributeKey: common.StringPtr(attrs[i]), AttributeValue: common.StringPtr(attrs[i+1])})
	}
	return r
}

// allEvents pages through DescribeEvents and returns every event.
func allEvents(tb testing.TB, e *srvEnv, req *auditapi.DescribeEventsRequest, between func()) []*auditapi.Event {
	tb.Helper()
	var out []*auditapi.Event
	for page := 0; ; page++ {
		r, err := e.audit.DescribeEvents(req)
		must(tb, err)
		out = append(out, r.Response.Events...)
		if *r.Response.ListOver {
			if r.Response.NextToken != nil {
				tb.Errorf("ListOver with a NextToken")
			}
			return out
		}
		if page > 100 {
			tb.Fatal("paging does not end")
		}
		req.NextToken = r.Response.NextToken
		if page == 0 && between != nil {
			between()
		}
	}
}

func TestServerDescribeEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSrvEnv(t, nil)
	end := camfake.DemoTime
	start := end.Add(-29 * 24 * time.Hour)
	want, err := e.fake.Events(ctx, cam.EventQuery{Start: start, End: end})
	must(t, err)
	if len(want) < 3 {
		t.Fatalf("the demo has only %d events", len(want))
	}

	// Paged two at a time, newest first; an event written while paging does
	// not disturb the pages.
	got := allEvents(t, e, eventsReq(start, end, 2), func() {
		_, err := e.fake.CreatePolicy(ctx, cam.PolicyInput{Name: "mid-paging", Document: srvDoc})
		must(t, err)
	})
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i, ev := range got {
		w := want[len(want)-1-i]
		if *ev.EventId != w.ID || *ev.EventName != w.Name || *ev.Username != w.Principal ||
			*ev.EventTime != strconv.FormatInt(w.Time.Unix(), 10) || *ev.SourceIPAddress != w.SourceIP || *ev.ErrorCode != w.ErrorCode {
			t.Errorf("event %d = %s %s, want %s %s", i, *ev.EventId, *ev.EventName, w.ID, w.Name)
		}
		var detail struct {
			ActionType      string   `json:"actionType"`
			SensitiveAction bool     `json:"sensitiveAction"`
			Resources       []string `json:"resources"`
			UserIdentity    struct {
				PrincipalID string `json:"principalId"`
				UserName    string `json:"userName"`
			} `json:"userIdentity"`
		}
		must(t, json.Unmarshal([]byte(*ev.CloudAuditEvent), &detail))
		if (detail.ActionType == "Read") != w.ReadOnly || detail.SensitiveAction != w.Sensitive ||
			!slices.Equal(detail.Resources, append([]string{}, w.Resources...)) || detail.UserIdentity.UserName != w.Principal {
			t.Errorf("event %d detail %+v, want %+v", i, detail, w)
		}
		if len(w.Resources) > 0 && (ev.Resources == nil || *ev.Resources.ResourceName != strings.Join(w.Resources, ",")) {
			t.Errorf("event %d resources %+v, want %v", i, ev.Resources, w.Resources)
		}
		if *ev.AccountID != int64(e.fake.OwnerUIN()) {
			t.Errorf("AccountID %d", *ev.AccountID)
		}
	}

	t.Run("lookup", func(t *testing.T) {
		name, who := want[0].Name, want[0].Principal
		got := allEvents(t, e, eventsReq(start, end, 50, "EventName", name, "Username", who), nil)
		n := 0
		for _, w := range want {
			if w.Name == name && w.Principal == who {
				n++
			}
		}
		if len(got) != n || n == 0 {
			t.Errorf("%s by %s: %d events, want %d", name, who, len(got), n)
		}
		for _, ev := range got {
			if *ev.EventName != name || *ev.Username != who {
				t.Errorf("lookup returned %s by %s", *ev.EventName, *ev.Username)
			}
		}
		uin := want[0].PrincipalUIN
		byUIN := allEvents(t, e, eventsReq(start, end, 50, "PrincipalId", strconv.FormatUint(uin, 10)), nil)
		for _, ev := range byUIN {
			if *ev.Username != want[0].Principal {
				t.Errorf("PrincipalId %d returned an event by %s", uin, *ev.Username)
			}
		}
		if len(byUIN) == 0 || uin == 0 {
			t.Errorf("PrincipalId %d: no events", uin)
		}
		writes := allEvents(t, e, eventsReq(start, end, 0, "ActionType", "Write"), nil)
		for _, ev := range writes {
			var d struct{ ActionType string }
			_ = json.Unmarshal([]byte(*ev.CloudAuditEvent), &d)
			if d.ActionType != "Write" {
				t.Errorf("ActionType=Write returned %s", *ev.EventName)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		_, err := e.audit.DescribeEvents(eventsReq(start.Add(-10*24*time.Hour), end, 10))
		wantSDKCode(t, err, "InvalidParameterValue.Time")
		r := eventsReq(start, end, 10)
		r.StartTime = nil
		_, err = e.audit.DescribeEvents(r)
		wantSDKCode(t, err, "MissingParameter")
		_, err = e.audit.DescribeEvents(eventsReq(start, end, 10, "ActionType", "Sometimes"))
		wantSDKCode(t, err, "InvalidParameterValue")
	})
}
