package tencent

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	auditapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/camkit/camkit/cam"
)

// CloudAudit's query limits (docs/semantics.md §7).
const (
	// MaxEventAge is how far back CloudAudit serves events.
	MaxEventAge = 90 * 24 * time.Hour
	// EventWindow is the longest span the adapter asks DescribeEvents for in
	// one query; CloudAudit requires spans shorter than 30 days.
	EventWindow = 29 * 24 * time.Hour
	// EventPageSize is DescribeEvents' largest page.
	EventPageSize = 50
	// eventGrace is how far past MaxEventAge a start may be and still be
	// clamped rather than refused, so that now.AddDate(0, 0, -90) works.
	eventGrace = time.Hour
)

// Events returns the CloudAudit events matching q, oldest first
// (DescribeEvents).
//
// The adapter slices [q.Start, q.End) into windows of at most [EventWindow]
// and pages each with NextToken, [EventPageSize] events per page. A zero End
// (or one in the future) means now; a zero Start means as far back as
// CloudAudit keeps events. CloudAudit serves at most [MaxEventAge]: a Start up
// to an hour earlier than that is clamped to the limit, an earlier Start is
// refused with an error matching [cam.ErrInvalid] rather than silently
// returning a shorter period. Names are queried one EventName at a time and
// merged; Principal is matched against each event's user name. Events that
// two windows both return are reported once.
func (c *Client) Events(ctx context.Context, q cam.EventQuery) ([]cam.AuditEvent, error) {
	const action = cam.ActionDescribeEvents
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	now := c.now()
	earliest := now.Add(-MaxEventAge).Add(time.Minute)
	start, end := q.Start, q.End
	if end.IsZero() || end.After(now) {
		end = now
	}
	switch {
	case start.IsZero():
		start = earliest
	case start.Before(earliest.Add(-eventGrace)):
		return nil, invalid(action, "start %s is more than 90 days ago; CloudAudit keeps events for 90 days",
			start.UTC().Format(time.RFC3339))
	case start.Before(earliest):
		start = earliest
	}
	if end.Before(start) {
		return nil, invalid(action, "end %s is before start %s", end.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339))
	}

	names := slices.Clone(q.Names)
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) == 0 {
		names = []string{""}
	}
	seen := map[string]bool{}
	out := []cam.AuditEvent{}
	for from := start; from.Before(end); {
		to := from.Add(EventWindow)
		if to.After(end) {
			to = end
		}
		for _, name := range names {
			events, err := c.eventWindow(ctx, from, to, name)
			if err != nil {
				return nil, err
			}
			for _, e := range events {
				key := e.ID
				if key == "" {
					key = fmt.Sprintf("%s|%s|%d", e.Name, e.Principal, e.Time.UnixNano())
				}
				if seen[key] || (q.Principal != "" && e.Principal != q.Principal) {
					continue
				}
				seen[key] = true
				out = append(out, e)
			}
		}
		from = to
	}
	slices.SortStableFunc(out, func(a, b cam.AuditEvent) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// eventWindow reads every page of one DescribeEvents query.
func (c *Client) eventWindow(ctx context.Context, from, to time.Time, name string) ([]cam.AuditEvent, error) {
	const action = cam.ActionDescribeEvents
	var out []cam.AuditEvent
	var token *uint64
	d := c.decoder()
	for page := 0; ; page++ {
		if err := c.begin(ctx, action); err != nil {
			return nil, err
		}
		if page >= maxPages {
			return nil, c.badResponse(action, fmt.Errorf("still more events after %d pages", maxPages))
		}
		req := auditapi.NewDescribeEventsRequest()
		req.StartTime = common.Uint64Ptr(uint64(max(from.Unix(), 0)))
		req.EndTime = common.Uint64Ptr(uint64(max(to.Unix(), 0)))
		req.MaxResults = common.Uint64Ptr(EventPageSize)
		req.NextToken = token
		if name != "" {
			req.LookupAttributes = []*auditapi.LookupAttribute{{
				AttributeKey: common.StringPtr("EventName"), AttributeValue: common.StringPtr(name),
			}}
		}
		resp, err := send(ctx, c, reading, action, func() (*auditapi.DescribeEventsResponse, error) {
			return c.audit.DescribeEventsWithContext(ctx, req)
		})
		if err != nil {
			return nil, c.fail(ctx, action, err)
		}
		r := resp.Response
		if r == nil {
			return nil, c.badResponse(action, errEmpty)
		}
		for _, e := range r.Events {
			if e != nil {
				out = append(out, d.event(e))
			}
		}
		if d.err != nil {
			return nil, c.badResponse(action, d.err)
		}
		if len(r.Events) == 0 || r.ListOver == nil || *r.ListOver || r.NextToken == nil {
			return out, nil
		}
		if token != nil && *token == *r.NextToken {
			return nil, c.badResponse(action, fmt.Errorf("NextToken %d repeated", *token))
		}
		token = r.NextToken
	}
}

// event maps one CloudAudit event. The principal's UIN, the read-only flag
// and the sensitive flag come from the CloudAuditEvent detail JSON when it
// has them; an unreadable detail is ignored.
func (d *decoder) event(e *auditapi.Event) cam.AuditEvent {
	out := cam.AuditEvent{
		ID:        str(e.EventId),
		Name:      str(e.EventName),
		Time:      d.time("EventTime", e.EventTime),
		Principal: str(e.Username),
		SourceIP:  str(e.SourceIPAddress),
		Region:    str(e.EventRegion),
		ErrorCode: i64(e.ErrorCode),
	}
	if out.Region == "" {
		out.Region = str(e.ResourceRegion)
	}
	if e.Resources != nil && str(e.Resources.ResourceName) != "" {
		for _, r := range strings.Split(*e.Resources.ResourceName, ",") {
			if r = strings.TrimSpace(r); r != "" {
				out.Resources = append(out.Resources, r)
			}
		}
	}
	if e.CloudAuditEvent != nil {
		var detail map[string]any
		if json.Unmarshal([]byte(*e.CloudAuditEvent), &detail) == nil {
			if id, ok := detail["userIdentity"].(map[string]any); ok {
				out.PrincipalUIN = uinOf(id["principalId"])
				if out.Principal == "" {
					out.Principal, _ = id["userName"].(string)
				}
			}
			out.Sensitive = truthy(detail["sensitiveAction"]) || truthy(detail["isSensitive"])
			at, _ := detail["actionType"].(string)
			out.ReadOnly = strings.EqualFold(at, "Read") || truthy(detail["readOnly"])
		}
	}
	return out
}

func uinOf(v any) uint64 {
	switch v := v.(type) {
	case string:
		n, _ := strconv.ParseUint(v, 10, 64)
		return n
	case float64:
		if v > 0 && v < 1<<63 {
			return uint64(v)
		}
	}
	return 0
}

func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		b, err := strconv.ParseBool(v)
		return err == nil && b
	}
	return false
}
