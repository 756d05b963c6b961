package policy_test

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2016-06-01T00:01:00Z", utc(2016, 6, 1, 0, 1, 0, 0), true},
		{"2016-06-01t00:01:00z", utc(2016, 6, 1, 0, 1, 0, 0), true},
		{"2022-05-31 00:00:00", utc(2022, 5, 31, 0, 0, 0, 0), true},
		{"2022-05-31 08:00:00+08:00", utc(2022, 5, 31, 0, 0, 0, 0), true},
		{"2022-05-30T19:30:00-04:30", utc(2022, 5, 31, 0, 0, 0, 0), true},
		{"2022-05-31T00:00:00-00:00", utc(2022, 5, 31, 0, 0, 0, 0), true},
		{"2022-05-31T00:00:00.5Z", utc(2022, 5, 31, 0, 0, 0, 500_000_000), true},
		{"2022-05-31T00:00:00.123456789123Z", utc(2022, 5, 31, 0, 0, 0, 123_456_789), true},
		{"2024-02-29 12:00:00", utc(2024, 2, 29, 12, 0, 0, 0), true},
		{"2000-02-29T23:59:59Z", utc(2000, 2, 29, 23, 59, 59, 0), true},
		{"2023-02-29 12:00:00", time.Time{}, false},
		{"1900-02-29 12:00:00", time.Time{}, false},
		{"2022-04-31 00:00:00", time.Time{}, false},
		{"2022-13-01 00:00:00", time.Time{}, false},
		{"2022-00-01 00:00:00", time.Time{}, false},
		{"2022-01-00 00:00:00", time.Time{}, false},
		{"2022-01-01 24:00:00", time.Time{}, false},
		{"2022-01-01 23:60:00", time.Time{}, false},
		{"2022-01-01 23:59:60", time.Time{}, false},
		{"2022-01-01T00:00:00", time.Time{}, false},
		{"2022-01-01T00:00:00+8:00", time.Time{}, false},
		{"2022-01-01T00:00:00+08", time.Time{}, false},
		{"2022-01-01T00:00:00+24:00", time.Time{}, false},
		{"2022-01-01T00:00:00+08:60", time.Time{}, false},
		{"2022-01-01T00:00:00.Z", time.Time{}, false},
		{"2022-01-01T00:00:00ZZ", time.Time{}, false},
		{"2022-01-01_00:00:00Z", time.Time{}, false},
		{"2022-1-01 00:00:00", time.Time{}, false},
		{"2022-01-01", time.Time{}, false},
		{"", time.Time{}, false},
		{"１９９９-01-01 00:00:00", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := policy.ParseDate(tt.in)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
			if ok && got.Location() != time.UTC {
				t.Errorf("ParseDate(%q) location = %v, want UTC", tt.in, got.Location())
			}
			if !ok {
				return
			}
			// Agrees with the standard library wherever that reads the same form.
			layout := time.RFC3339Nano
			in := strings.NewReplacer("t", "T", "z", "Z").Replace(tt.in)
			if in[10] == ' ' {
				layout = "2006-01-02 15:04:05Z07:00"
				if len(in) == 19 {
					in += "Z"
				}
			}
			std, err := time.Parse(layout, in)
			if err != nil {
				t.Fatalf("time.Parse(%q): %v", in, err)
			}
			if !std.Equal(got) && len(tt.in) < 30 {
				t.Errorf("ParseDate(%q) = %v, time.Parse = %v", tt.in, got, std)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"8", 8, true},
		{"-12.5", -12.5, true},
		{"1.5e1", 15, true},
		{"1E+2", 100, true},
		{"2e-3", 0.002, true},
		{"0.000001", 1e-6, true},
		{"1e-400", 0, true},
		{"1.7976931348623157e308", 1.7976931348623157e308, true},
		{"17976931348623157" + strings.Repeat("0", 292), 1.7976931348623157e308, true},
		{"17976931348623159" + strings.Repeat("0", 292), 0, false},
		{"0.0000" + strings.Repeat("0", 400) + "1", 0, true},
		{"1.8e308", 0, false},
		{"1e309", 0, false},
		{"1e99999999999999999999", 0, false},
		{"123e-99999999999999999999", 0, true},
		{"", 0, false},
		{"-", 0, false},
		{"+1", 0, false},
		{"08", 0, false},
		{"1.", 0, false},
		{".5", 0, false},
		{"1e", 0, false},
		{"1e+", 0, false},
		{"0x10", 0, false},
		{"1_000", 0, false},
		{"Inf", 0, false},
		{"NaN", 0, false},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"1,5", 0, false},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 30 {
			name = name[:30]
		}
		t.Run(name, func(t *testing.T) {
			got, ok := policy.ParseNumber(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseIPOrCIDR(t *testing.T) {
	tests := []struct {
		in   string
		want string // netip.Prefix.String(); "" for not ok
	}{
		{"10.0.0.1", "10.0.0.1/32"},
		{"203.0.113.0/24", "203.0.113.0/24"},
		{"10.1.2.3/8", "10.1.2.3/8"},
		{"0.0.0.0/0", "0.0.0.0/0"},
		{"255.255.255.255", "255.255.255.255/32"},
		{"2001:db8::/32", "2001:db8::/32"},
		{"2001:db8::1", "2001:db8::1/128"},
		{"::", "::/128"},
		{"::/0", "::/0"},
		{"::1", "::1/128"},
		{"1::", "1::/128"},
		{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8/128"},
		{"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304/128"},
		{"::ffff:10.0.0.1", "::ffff:10.0.0.1/128"},
		{"::ffff:10.0.0.1/104", "::ffff:10.0.0.1/104"},
		{"2001:DB8::ABCD", "2001:db8::abcd/128"},
		{"", ""},
		{"/8", ""},
		{"10.0.0.1/", ""},
		{"10.0.0.1/33", ""},
		{"10.0.0.1/08", ""},
		{"10.0.0.1/+8", ""},
		{"10.0.0.1/ 8", ""},
		{"10.0.0.256", ""},
		{"10.0.0", ""},
		{"10.0.0.1.2", ""},
		{"010.0.0.1", ""},
		{"10..0.1", ""},
		{"10.0.0.1 ", ""},
		{"2001:db8::/129", ""},
		{"1:2:3:4:5:6:7:8:9", ""},
		{"1:2:3:4:5:6:7::8", ""},
		{"1:2:3:4:5:6:7:8::", ""},
		{"1::2::3", ""},
		{":1::", ""},
		{"1:", ""},
		{"12345::", ""},
		{"fe80::1%eth0", ""},
		{"::ffff:10.0.0.1.5", ""},
		{"1:2:3:4:5:6:7:1.2.3.4", ""},
		{"localhost", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := policy.ParseIPOrCIDR(tt.in)
			if (tt.want == "") == ok {
				t.Fatalf("ParseIPOrCIDR(%q) ok = %v, want %v", tt.in, ok, tt.want != "")
			}
			if ok && got.String() != tt.want {
				t.Errorf("ParseIPOrCIDR(%q) = %v, want %s", tt.in, got, tt.want)
			}
			assertSameAsNetip(t, tt.in, got, ok)
		})
	}
}

// assertSameAsNetip checks ParseIPOrCIDR against net/netip, which it mirrors
// without zones and without allocating.
func assertSameAsNetip(tb testing.TB, in string, got netip.Prefix, ok bool) {
	tb.Helper()
	var want netip.Prefix
	var err error
	if strings.Contains(in, "/") {
		want, err = netip.ParsePrefix(in)
	} else {
		var a netip.Addr
		if a, err = netip.ParseAddr(in); err == nil {
			if a.Zone() != "" {
				return // zones are not CAM syntax; ParseIPOrCIDR rejects them
			}
			want = netip.PrefixFrom(a, a.BitLen())
		}
	}
	if (err == nil) != ok || (ok && got != want) {
		tb.Errorf("ParseIPOrCIDR(%q) = %v, %v; netip gives %v, %v", in, got, ok, want, err)
	}
}

func FuzzParseIPOrCIDR(f *testing.F) {
	for _, s := range []string{"10.0.0.1", "2001:db8::/32", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "::", "1::2:3/64"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := policy.ParseIPOrCIDR(s)
		assertSameAsNetip(t, s, got, ok)
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.5e3", "1e309", "08", "0.000e-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := policy.ParseNumber(s)
		if !ok {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || want != got {
			t.Errorf("ParseNumber(%q) = %v; strconv gives %v, %v", s, got, want, err)
		}
	})
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in       string
		want, ok bool
	}{
		{"true", true, true},
		{"TRUE", true, true},
		{"True", true, true},
		{"false", false, true},
		{"fAlSe", false, true},
		{"", false, false},
		{"1", false, false},
		{"yes", false, false},
		{"true ", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := policy.ParseBool(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseBool(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestValueReadersDoNotAllocate(t *testing.T) {
	inputs := []string{
		"2016-06-01T00:01:00Z", "2022-05-31 00:00:00", "2022-05-31T08:00:00.25+08:00", "not a date", "2022-02-30 00:00:00",
		"8", "-1.5e3", "1e999", "08", "abc",
		"203.0.113.0/24", "198.51.100.17", "2001:db8::/32", "::ffff:10.0.0.1", "10.0.0.256", "2001:db8::/129", "fe80::1%eth0",
		"true", "FALSE", "maybe",
	}
	for _, in := range inputs {
		allocs := testing.AllocsPerRun(100, func() {
			policy.ParseDate(in)
			policy.ParseNumber(in)
			policy.ParseIPOrCIDR(in)
			policy.ParseBool(in)
		})
		if allocs != 0 {
			t.Errorf("reading %q allocates %v times, want 0", in, allocs)
		}
	}
}

func BenchmarkValueReaders(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		policy.ParseDate("2022-05-31T08:00:00+08:00")
		policy.ParseNumber("-1.5e3")
		policy.ParseIPOrCIDR("2001:db8::/32")
		policy.ParseBool("true")
	}
}
