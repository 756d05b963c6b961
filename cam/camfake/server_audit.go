package camfake

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/camkit/camkit/cam"
)

// CloudAudit DescribeEvents limits.
const (
	maxAuditResults     = 50
	defaultAuditResults = 10
)

// auditActions are the CloudAudit actions served.
var auditActions = map[string]handler{
	"DescribeEvents": act(describeEvents),
}

type lookupAttribute struct {
	AttributeKey   *string `json:"AttributeKey"`
	AttributeValue *string `json:"AttributeValue"`
}

// auditFilter is what LookupAttributes ask for beyond EventQuery.
type auditFilter struct {
	readOnly  *bool
	sensitive *bool
	ids, ips  []string
	resources []string
	uin       uint64 // PrincipalId given as a UIN
}

func (f auditFilter) keep(e cam.AuditEvent) bool {
	return (f.uin == 0 || f.uin == e.PrincipalUIN) &&
		(f.readOnly == nil || *f.readOnly == e.ReadOnly) &&
		(f.sensitive == nil || *f.sensitive == e.Sensitive) &&
		(len(f.ids) == 0 || slices.Contains(f.ids, e.ID)) &&
		(len(f.ips) == 0 || slices.Contains(f.ips, e.SourceIP)) &&
		(len(f.resources) == 0 || slices.ContainsFunc(e.Resources, func(r string) bool { return slices.Contains(f.resources, r) }))
}

// parseLookup turns LookupAttributes into a query and filter. Several
// EventName attributes are alternatives; other attributes must all hold.
// Username selects the caller by user name; PrincipalId by UIN when it is a
// number and by user name otherwise.
func parseLookup(attrs []lookupAttribute, q *cam.EventQuery) (auditFilter, error) {
	var f auditFilter
	for i, a := range attrs {
		key, val := str(a.AttributeKey), str(a.AttributeValue)
		boolean := func() (*bool, error) {
			switch strings.ToLower(val) {
			case "true", "1", "read":
				return new(true), nil
			case "false", "0", "write":
				return new(false), nil
			}
			return nil, wireErr(codeInvalidValue, "LookupAttributes.%d: %s cannot be %q", i, key, val)
		}
		var err error
		switch key {
		case "EventName":
			q.Names = append(q.Names, val)
		case "PrincipalId", "Username":
			if uin, perr := strconv.ParseUint(val, 10, 64); key == "PrincipalId" && perr == nil && uin > 0 {
				if f.uin != 0 && f.uin != uin {
					return f, wireErr(codeInvalidValue, "LookupAttributes.%d: only one caller can be selected", i)
				}
				f.uin = uin
				continue
			}
			if q.Principal != "" && q.Principal != val {
				return f, wireErr(codeInvalidValue, "LookupAttributes.%d: only one caller can be selected", i)
			}
			q.Principal = val
		case "ActionType":
			f.readOnly, err = boolean()
		case "SensitiveAction":
			f.sensitive, err = boolean()
		case "RequestId":
			f.ids = append(f.ids, val)
		case "SourceIPAddress":
			f.ips = append(f.ips, val)
		case "ResourceName", "ResourceId":
			f.resources = append(f.resources, val)
		default:
			err = wireErr(codeAuditAttributeKey, "LookupAttributes.%d: AttributeKey %q is not supported", i, key)
		}
		if err != nil {
			return f, err
		}
	}
	return f, nil
}

// describeEvents answers with CloudAudit's paging: events newest first,
// MaxResults (≤ 50, default 10) per page, and while ListOver is false a
// NextToken to pass back for the next page. The query window is checked by
// the AuditLog (start at most 90 days back, span under 30 days).
func describeEvents(ctx context.Context, s *Server, p *struct {
	StartTime        *uint64           `json:"StartTime"`
	EndTime          *uint64           `json:"EndTime"`
	NextToken        *uint64           `json:"NextToken"`
	MaxResults       *uint64           `json:"MaxResults"`
	LookupAttributes []lookupAttribute `json:"LookupAttributes"`
	IsReturnLocation *uint64           `json:"IsReturnLocation"`
}) (any, error) {
	start, end, err := need2(p.StartTime, "StartTime", p.EndTime, "EndTime")
	if err != nil {
		return nil, err
	}
	limit := uint64(defaultAuditResults)
	if p.MaxResults != nil {
		limit = *p.MaxResults
	}
	if limit < 1 || limit > maxAuditResults {
		return nil, wireErr(codeAuditMaxResult, "MaxResults must be 1 to %d, not %d", maxAuditResults, limit)
	}
	if start > 1<<40 || end > 1<<40 {
		return nil, wireErr(codeEventTime, "StartTime and EndTime are Unix times in seconds")
	}
	q := cam.EventQuery{Start: time.Unix(int64(start), 0), End: time.Unix(int64(end), 0)}
	filter, err := parseLookup(p.LookupAttributes, &q)
	if err != nil {
		return nil, err
	}
	events, err := s.audit.Events(ctx, q)
	if err != nil {
		return nil, err
	}
	events = slices.DeleteFunc(events, func(e cam.AuditEvent) bool { return !filter.keep(e) })
	// The token is the number of (older) events still to return, so events
	// appended while paging do not shift it.
	upper := len(events)
	if p.NextToken != nil && *p.NextToken > 0 {
		upper = int(min(*p.NextToken, uint64(len(events))))
	}
	lower := max(0, upper-int(limit))
	owner := s.ownerUIN(ctx)
	out := make([]wireEvent, 0, upper-lower)
	for i := upper - 1; i >= lower; i-- {
		out = append(out, toWireEvent(events[i], owner))
	}
	resp := struct {
		ListOver   bool        `json:"ListOver"`
		NextToken  *uint64     `json:"NextToken,omitempty"`
		Events     []wireEvent `json:"Events"`
		TotalCount uint64      `json:"TotalCount"`
	}{ListOver: lower == 0, Events: out, TotalCount: uint64(len(events))}
	if lower > 0 {
		next := uint64(lower)
		resp.NextToken = &next
	}
	return resp, nil
}

// ownerUIN returns the account's owner UIN for events' AccountID, reading it
// once with Account (GetUserAppId); 0 if that fails.
func (s *Server) ownerUIN(ctx context.Context) uint64 {
	s.mu.Lock()
	owner := s.owner
	s.mu.Unlock()
	if owner != 0 {
		return owner
	}
	if a, err := s.api.Account(ctx); err == nil {
		s.setOwner(a.OwnerUIN)
		return a.OwnerUIN
	}
	return 0
}

// wireEvent is CloudAudit's Event. EventTime is the Unix time in seconds, as a
// string. Resources.ResourceName lists the resources separated by commas, as
// CloudAudit does; CloudAuditEvent, a JSON object in a string, carries them as
// a list, the caller's UIN (userIdentity.principalId), and whether the action
// is read-only (actionType "Read" or "Write") and sensitive (sensitiveAction).
type wireEvent struct {
	EventId         string        `json:"EventId"`
	Username        string        `json:"Username"`
	EventTime       string        `json:"EventTime"`
	CloudAuditEvent string        `json:"CloudAuditEvent"`
	ErrorCode       int64         `json:"ErrorCode"`
	EventName       string        `json:"EventName"`
	EventSource     string        `json:"EventSource"`
	RequestID       string        `json:"RequestID"`
	ResourceRegion  string        `json:"ResourceRegion"`
	AccountID       int64         `json:"AccountID"`
	SourceIPAddress string        `json:"SourceIPAddress"`
	Resources       *wireResource `json:"Resources,omitempty"`
	EventRegion     string        `json:"EventRegion"`
}

type wireResource struct {
	ResourceType string `json:"ResourceType"`
	ResourceName string `json:"ResourceName"`
}

// auditDetail is the JSON inside Event.CloudAuditEvent.
type auditDetail struct {
	EventVersion    string      `json:"eventVersion"`
	UserIdentity    auditIdent  `json:"userIdentity"`
	EventTime       string      `json:"eventTime"`
	EventName       string      `json:"eventName"`
	EventSource     string      `json:"eventSource"`
	EventRegion     string      `json:"eventRegion"`
	SourceIPAddress string      `json:"sourceIPAddress"`
	RequestID       string      `json:"requestID"`
	ErrorCode       int64       `json:"errorCode"`
	ActionType      string      `json:"actionType"`
	SensitiveAction bool        `json:"sensitiveAction"`
	ResourceType    string      `json:"resourceType"`
	Resources       []string    `json:"resources"`
	EventType       string      `json:"eventType"`
	AccountID       json.Number `json:"accountId"`
}

type auditIdent struct {
	PrincipalID string `json:"principalId"`
	UserName    string `json:"userName"`
	Type        string `json:"type"`
}

func toWireEvent(e cam.AuditEvent, owner uint64) wireEvent {
	when := strconv.FormatInt(e.Time.Unix(), 10)
	actionType := "Write"
	if e.ReadOnly {
		actionType = "Read"
	}
	principal := ""
	if e.PrincipalUIN != 0 {
		principal = strconv.FormatUint(e.PrincipalUIN, 10)
	}
	detail, _ := json.Marshal(auditDetail{ // plain values: never fails
		EventVersion: "2", UserIdentity: auditIdent{principal, e.Principal, "CAMUser"},
		EventTime: when, EventName: e.Name, EventSource: "cam.tencentcloudapi.com", EventRegion: e.Region,
		SourceIPAddress: e.SourceIP, RequestID: e.ID, ErrorCode: e.ErrorCode, ActionType: actionType,
		SensitiveAction: e.Sensitive, ResourceType: "cam", Resources: append([]string{}, e.Resources...),
		EventType: "ApiCall", AccountID: json.Number(strconv.FormatUint(owner, 10)),
	})
	w := wireEvent{EventId: e.ID, Username: e.Principal, EventTime: when, CloudAuditEvent: string(detail),
		ErrorCode: e.ErrorCode, EventName: e.Name, EventSource: "cam.tencentcloudapi.com", RequestID: e.ID,
		ResourceRegion: e.Region, AccountID: int64(min(owner, 1<<63-1)), SourceIPAddress: e.SourceIP, EventRegion: e.Region}
	if len(e.Resources) > 0 {
		w.Resources = &wireResource{ResourceType: "cam", ResourceName: strings.Join(e.Resources, ",")}
	}
	return w
}
