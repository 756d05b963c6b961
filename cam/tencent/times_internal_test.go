package tencent

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"", time.Time{}, false},
		{"0000-00-00 00:00:00", time.Time{}, false},
		{"0", time.Time{}, false},
		{"2026-11-26 08:30:00", time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC), false},
		{"2026-01-01 07:59:59", time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"2026-11-26", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), false},
		{"20261126", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), false},
		{"1764145800", time.Unix(1764145800, 0).UTC(), false},
		{"2026-11-26T08:30:00+08:00", time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC), false},
		{"yesterday", time.Time{}, true},
		{"2026-13-40 99:00:00", time.Time{}, true},
		{"99999999999999999999", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseTime(tt.in, Beijing)
			if (err != nil) != tt.err {
				t.Fatalf("parseTime(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
				t.Errorf("parseTime(%q) = %v, want %v in UTC", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTimeLocation(t *testing.T) {
	got, err := parseTime("2026-11-26 08:30:00", time.UTC)
	if err != nil || !got.Equal(time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC)) {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestScrub(t *testing.T) {
	got := scrub("key=abc123 token=tok Authorization: TC3-HMAC-SHA256 Signature=deadBEEF01 abc123", []string{"abc123", "", "tok"})
	for _, bad := range []string{"abc123", "tok ", "deadBEEF01"} {
		if strings.Contains(got, bad) {
			t.Errorf("scrub left %q in %q", bad, got)
		}
	}
	if !strings.Contains(got, "Signature=[REDACTED]") {
		t.Errorf("scrub(%q): signature not redacted", got)
	}
	dump := "POST / HTTP/1.1\r\nX-Tc-Token: tok-123\r\n\r\n{\"Credentials\":{\"Token\":\"tok\\\"123\",\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\" : \"k3y\"}}"
	got = scrub(dump, nil)
	for _, bad := range []string{"tok-123", `tok\"123`, "k3y"} {
		if strings.Contains(got, bad) {
			t.Errorf("scrub left %q in %q", bad, got)
		}
	}
	if !strings.Contains(got, "AKIDx") {
		t.Errorf("scrub removed the secret ID: %q", got)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-26 08:30:00", "2026-11-26", "20261126", "1764145800", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTime(s, Beijing)
		if err == nil && !got.IsZero() && got.Location() != time.UTC {
			t.Fatalf("parseTime(%q) = %v, not UTC", s, got)
		}
	})
}
