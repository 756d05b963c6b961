package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
)

// eventStub serves events at the given times (Unix seconds), named by index
// parity, with CloudAudit's NextToken paging, checking the window rules.
func eventStub(t *testing.T, times []int64) func(string, map[string]any) (map[string]any, string, string) {
	return func(action string, req map[string]any) (map[string]any, string, string) {
		start, end := int64(num(req, "StartTime")), int64(num(req, "EndTime"))
		if end-start >= 30*24*3600 {
			return nil, "InvalidParameterValue.Time", "span of 30 days or more"
		}
		if start < time.Now().Add(-90*24*time.Hour).Unix() {
			return nil, "InvalidParameterValue.Time", "start more than 90 days ago"
		}
		if num(req, "MaxResults") > 50 {
			return nil, "InvalidParameterValue.MaxResults", "too many"
		}
		name := ""
		if attrs, _ := req["LookupAttributes"].([]any); len(attrs) > 0 {
			if len(attrs) != 1 {
				t.Errorf("%d lookup attributes in one query", len(attrs))
			}
			name, _ = attrs[0].(map[string]any)["AttributeValue"].(string)
		}
		var match []map[string]any
		for i, ts := range times {
			ev := fmt.Sprintf("Event%d", i%2)
			if ts >= start && ts <= end && (name == "" || name == ev) {
				match = append(match, map[string]any{
					"EventId": fmt.Sprint(i), "EventName": ev, "EventTime": fmt.Sprint(ts), "Username": fmt.Sprintf("user%d", i%3),
					"CloudAuditEvent": `{"userIdentity":{"principalId":"100000001234"},"actionType":"Read","sensitiveAction":true}`,
				})
			}
		}
		from := num(req, "NextToken")
		to := min(from+num(req, "MaxResults"), len(match))
		resp := map[string]any{"Events": match[from:to], "ListOver": to == len(match)}
		if to < len(match) {
			resp["NextToken"] = to
		}
		return resp, "", ""
	}
}

func TestEvents(t *testing.T) {
	now := time.Now()
	var times []int64
	for i := range 180 { // one event every 8 hours for 60 days
		times = append(times, now.Add(-time.Duration(i)*8*time.Hour-time.Minute).Unix())
	}
	sort.Slice(times, func(i, j int) bool { return times[i] > times[j] })
	ctx := context.Background()

	t.Run("sliced and paged", func(t *testing.T) {
		c, s := newStub(t, eventStub(t, times))
		events, err := c.Events(ctx, cam.EventQuery{Start: now.Add(-61 * 24 * time.Hour), End: now})
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != len(times) {
			t.Fatalf("%d events, want %d", len(events), len(times))
		}
		for i := 1; i < len(events); i++ {
			if events[i].Time.Before(events[i-1].Time) {
				t.Fatalf("events not oldest first at %d", i)
			}
		}
		e := events[0]
		if e.PrincipalUIN != 100000001234 || !e.ReadOnly || !e.Sensitive || e.Principal == "" {
			t.Errorf("event detail not mapped: %+v", e)
		}
		if n := len(s.actions()); n < 5 { // 3 windows, the first two of 2 pages
			t.Errorf("%d requests: the 61-day window was not sliced and paged", n)
		}
	})
	t.Run("names and principal", func(t *testing.T) {
		c, _ := newStub(t, eventStub(t, times))
		events, err := c.Events(ctx, cam.EventQuery{Start: now.Add(-20 * 24 * time.Hour), Names: []string{"Event1", "Event0", "Event1"}, Principal: "user1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(events) == 0 {
			t.Fatal("no events")
		}
		for _, e := range events {
			if e.Principal != "user1" {
				t.Errorf("event by %q", e.Principal)
			}
		}
		only, err := c.Events(ctx, cam.EventQuery{Start: now.Add(-20 * 24 * time.Hour), Names: []string{"Event0"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range only {
			if e.Name != "Event0" {
				t.Errorf("event %q in a query for Event0", e.Name)
			}
		}
	})
	t.Run("limits", func(t *testing.T) {
		c, s := newStub(t, eventStub(t, times))
		_, err := c.Events(ctx, cam.EventQuery{Start: now.Add(-91 * 24 * time.Hour)})
		if !errors.Is(err, cam.ErrInvalid) {
			t.Errorf("start 91 days back: got %v, want cam.ErrInvalid", err)
		}
		_, err = c.Events(ctx, cam.EventQuery{Start: now.Add(-time.Hour), End: now.Add(-2 * time.Hour)})
		if !errors.Is(err, cam.ErrInvalid) {
			t.Errorf("end before start: got %v, want cam.ErrInvalid", err)
		}
		if len(s.actions()) != 0 {
			t.Errorf("refused queries reached the server")
		}
		all, err := c.Events(ctx, cam.EventQuery{Start: now.AddDate(0, 0, -90)})
		if err != nil || len(all) != len(times) {
			t.Errorf("start exactly 90 days back: %d events, %v", len(all), err)
		}
		all, err = c.Events(ctx, cam.EventQuery{})
		if err != nil || len(all) != len(times) {
			t.Errorf("zero query: %d events, %v", len(all), err)
		}
	})
}
