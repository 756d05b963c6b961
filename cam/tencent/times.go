package tencent

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Beijing is China Standard Time (UTC+8, no daylight saving time). CAM writes
// its "2006-01-02 15:04:05" time strings in it; the adapter reads them in this
// zone (unless [WithLocation] says otherwise) and returns times in UTC.
var Beijing = time.FixedZone("CST", 8*60*60)

// The layouts of CAM's time strings.
const (
	layoutDateTime = "2006-01-02 15:04:05"
	layoutDate     = "2006-01-02"
	layoutCompact  = "20060102"
)

// parseTime reads a time as CAM and CloudAudit write them: "2006-01-02
// 15:04:05" in loc, RFC 3339, or Unix seconds. A date without a time of day
// ("2006-01-02" or "20060102", such as GetSecurityLastUsed's LastUsedDate) is
// a calendar day, not an instant: it becomes that day's 00:00 UTC. An empty
// string and CAM's zero markers give the zero time. The result is in UTC.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "0", "-", "0000-00-00", "0000-00-00 00:00:00":
		return time.Time{}, nil
	}
	if isDigits(s) {
		if len(s) == len(layoutCompact) {
			t, err := time.Parse(layoutCompact, s)
			if err == nil {
				return t.UTC(), nil
			}
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 1<<40 {
			return time.Time{}, fmt.Errorf("%q is not a Unix time", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	if t, err := time.ParseInLocation(layoutDateTime, s, loc); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(layoutDate, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time", s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// decoder maps SDK models to cam types, remembering the first field it could
// not read.
type decoder struct {
	loc *time.Location
	err error
}

// time reads the time string at p, naming field in an error.
func (d *decoder) time(field string, p *string) time.Time {
	if p == nil {
		return time.Time{}
	}
	t, err := parseTime(*p, d.loc)
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("%s: %w", field, err)
	}
	return t
}

// uint reads a decimal number held in a string, naming field in an error.
func (d *decoder) uint(field string, p *string) uint64 {
	if p == nil || *p == "" {
		return 0
	}
	n, err := strconv.ParseUint(strings.TrimSpace(*p), 10, 64)
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("%s: %q is not a number", field, *p)
	}
	return n
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func u64(p *uint64) uint64 {
	if p == nil {
		return 0
	}
	return *p
}

func i64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func flag(p *uint64) bool { return p != nil && *p != 0 }
