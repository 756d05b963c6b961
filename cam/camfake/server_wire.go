package camfake

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/camkit/camkit/cam"
)

// handler answers one action: it decodes the body and returns the response
// fields as a JSON-encodable struct (RequestId is added by the server).
type handler func(ctx context.Context, s *Server, c *callTarget, body []byte) (any, error)

// service is one API served: its version and actions.
type service struct {
	version string
	actions map[string]handler
}

// services maps the credential-scope service to what it serves.
var services = map[string]service{
	"cam":        {version: "2019-01-16", actions: mergeActions(camReadActions, camWriteActions)},
	"sts":        {version: "2018-08-13", actions: stsActions},
	"cloudaudit": {version: "2019-03-19", actions: auditActions},
}

func mergeActions(ms ...map[string]handler) map[string]handler {
	out := make(map[string]handler)
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// act adapts a typed action function to a handler, decoding its parameters.
func act[P any](fn func(ctx context.Context, s *Server, p *P) (any, error)) handler {
	return func(ctx context.Context, s *Server, c *callTarget, body []byte) (any, error) {
		var p P
		if err := c.decode(body, &p); err != nil {
			return nil, err
		}
		return fn(ctx, s, &p)
	}
}

// empty is the response of actions that return nothing but a RequestId.
type empty struct{}

// beijing is the time zone CAM writes its times in.
var beijing = time.FixedZone("CST", 8*60*60)

// camTime formats t as CAM does ("2006-01-02 15:04:05", Beijing time); the
// zero time is "".
func camTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(beijing).Format(time.DateTime)
}

// flag is 1 for true and 0 for false, as CAM encodes booleans.
func flag(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// need returns the value of a required parameter, or MissingParameter.
func need[T any](v *T, name string) (T, error) {
	if v == nil {
		var zero T
		return zero, wireErr(codeMissingParameter, "the parameter %s is required", name)
	}
	return *v, nil
}

// need2 returns two required parameters, or MissingParameter for the first
// one missing.
func need2[A, B any](a *A, aName string, b *B, bName string) (A, B, error) {
	x, err := need(a, aName)
	if err != nil {
		var zero B
		return x, zero, err
	}
	y, err := need(b, bName)
	return x, y, err
}

// needString returns a required, non-empty string parameter.
func needString(v *string, name string) (string, error) {
	if v == nil || *v == "" {
		return "", wireErr(codeMissingParameter, "the parameter %s is required", name)
	}
	return *v, nil
}

// needUIN returns a required int64 UIN parameter, which must be positive.
func needUIN(v *int64, name string) (uint64, error) {
	if v == nil {
		return 0, wireErr(codeMissingParameter, "the parameter %s is required", name)
	}
	if *v <= 0 {
		return 0, wireErr(codeInvalidParameter, "the parameter %s must be positive, not %d", name, *v)
	}
	return uint64(*v), nil
}

func str(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}

// maxPageSize is CAM's largest page (Rp).
const maxPageSize = 200

// paging reads CAM's Page and Rp: Page counts from 1, Rp is 1–200. Missing
// values default to page 1 of 20 unless required.
func paging(page, rp *uint64, required bool) (offset, limit int, err error) {
	if required {
		if _, err := need(page, "Page"); err != nil {
			return 0, 0, err
		}
		if _, err := need(rp, "Rp"); err != nil {
			return 0, 0, err
		}
	}
	p, n := uint64(1), uint64(20)
	if page != nil {
		p = *page
	}
	if rp != nil {
		n = *rp
	}
	if p < 1 {
		return 0, 0, wireErr(codeInvalidParameter, "Page must be at least 1, not %d", p)
	}
	if n < 1 || n > maxPageSize {
		return 0, 0, wireErr(codeInvalidParameter, "Rp must be 1 to %d, not %d", maxPageSize, n)
	}
	if p > 1<<30 {
		return 1 << 40, int(n), nil // far past any list
	}
	return int((p - 1) * n), int(n), nil
}

// pageOf returns items[offset:offset+limit], clipped.
func pageOf[T any](items []T, offset, limit int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(len(items), offset+limit)]
}

// keywordMatch reports whether name contains keyword (case-insensitive); an
// empty keyword matches everything.
func keywordMatch(name string, keyword *string) bool {
	return keyword == nil || *keyword == "" || strings.Contains(strings.ToLower(name), strings.ToLower(*keyword))
}

// rememberRoles records role IDs seen in responses, for actions that name a
// role by RoleId.
func (s *Server) rememberRoles(roles ...cam.Role) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range roles {
		if r.ID != "" {
			s.roleIDs[r.ID] = r.Name
		}
	}
}

// roleName resolves a role named by RoleName or RoleId (RoleName wins when both
// are given; nameParam is "" for actions that take only an ID). A RoleId is checked with GetRole when the server has seen it, and
// looked up with ListRoles (DescribeRoleList) otherwise.
func (s *Server) roleName(ctx context.Context, name, id *string, nameParam, idParam string) (string, error) {
	if name != nil && *name != "" {
		return *name, nil
	}
	if id == nil || *id == "" {
		if nameParam == "" {
			return "", wireErr(codeMissingParameter, "the parameter %s is required", idParam)
		}
		return "", wireErr(codeMissingParameter, "one of the parameters %s and %s is required", nameParam, idParam)
	}
	s.mu.Lock()
	known, ok := s.roleIDs[*id]
	s.mu.Unlock()
	if ok {
		r, err := s.api.GetRole(ctx, known)
		if err == nil && r.ID == *id {
			return r.Name, nil
		}
		if err != nil && !isNotFound(err) {
			return "", err
		}
	}
	roles, err := s.api.ListRoles(ctx)
	if err != nil {
		return "", err
	}
	s.rememberRoles(roles...)
	for _, r := range roles {
		if r.ID == *id {
			return r.Name, nil
		}
	}
	return "", wireErr(codeRoleNotExist, "the role with %s %s does not exist", idParam, *id)
}

// isNotFound reports whether err means the entity does not exist.
func isNotFound(err error) bool {
	var ae *cam.APIError
	return errors.As(err, &ae) && cam.Classify(ae.Code) == cam.ErrNotFound
}
