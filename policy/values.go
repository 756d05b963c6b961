package policy

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Typed readers for condition values. [Document.Validate] uses them to check a
// policy's values and the evaluator uses them to read request context values,
// so a value means the same thing in both places. None of them allocates, on
// success or on failure, for the forms CAM documents.

// ParseDate reads a condition date. It accepts RFC 3339 with any offset
// ("2016-06-01T00:01:00Z", "2016-06-01T08:01:00+08:00", optional fractional
// seconds, 'T' or 't' or a space between date and time, 'Z' or 'z' for UTC) and
// CAM's "YYYY-MM-DD HH:MM:SS" without an offset, read as UTC
// (docs/semantics.md §4).
//
// A 'T' form without an offset ("2016-06-01T00:01:00") is rejected: RFC 3339
// requires the offset and CAM's documented offset-free form uses a space. Fields
// must be in range (month 1–12, the month's days, hour 0–23, minute and second
// 0–59; no leap second); fractional digits beyond nanoseconds are truncated.
//
// The result is the same instant expressed in UTC.
func ParseDate(s string) (time.Time, bool) {
	if len(s) < len("2006-01-02 15:04:05") ||
		s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	sep := s[10]
	if sep != 'T' && sep != 't' && sep != ' ' {
		return time.Time{}, false
	}
	year, ok1 := fixedDigits(s[0:4])
	month, ok2 := fixedDigits(s[5:7])
	day, ok3 := fixedDigits(s[8:10])
	hour, ok4 := fixedDigits(s[11:13])
	minute, ok5 := fixedDigits(s[14:16])
	sec, ok6 := fixedDigits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) ||
		month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	i := 19
	nsec := 0
	if i < len(s) && s[i] == '.' {
		i++
		start, scale := i, 100_000_000
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			nsec += int(s[i]-'0') * scale
			scale /= 10
		}
		if i == start {
			return time.Time{}, false
		}
	}
	offset := 0 // seconds east of UTC
	switch {
	case i == len(s):
		if sep != ' ' {
			return time.Time{}, false
		}
	case s[i] == 'Z' || s[i] == 'z':
		i++
	case s[i] == '+' || s[i] == '-':
		if len(s)-i != len("+08:00") || s[i+3] != ':' {
			return time.Time{}, false
		}
		oh, okh := fixedDigits(s[i+1 : i+3])
		om, okm := fixedDigits(s[i+4 : i+6])
		if !okh || !okm || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = oh*3600 + om*60
		if s[i] == '-' {
			offset = -offset
		}
		i = len(s)
	default:
		return time.Time{}, false
	}
	if i != len(s) {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// fixedDigits reads s, which must be all ASCII digits.
func fixedDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month (1–12) in year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ParseNumber reads a condition number written with JSON number syntax
// ("8", "-0.5", "1.5e3"), whether the policy wrote it as a JSON number or as a
// numeric string. Leading '+', leading zeros ("08"), hexadecimal, "Inf", "NaN",
// underscores and surrounding space are rejected, as is a number too large for
// a float64. A number too small to represent reads as zero.
//
// It does not allocate, except for a number between 1e308 and 1e309, where it
// defers to strconv.ParseFloat to decide whether the value overflows.
func ParseNumber(s string) (float64, bool) {
	mag, ok := scanNumberLiteral(s)
	if !ok || mag > 309 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// scanNumberLiteral checks JSON number syntax and returns the decimal magnitude
// of the value: m such that |value| < 10^m (and ≥ 10^(m-1) unless the value is
// zero, for which it returns math.MinInt32).
func scanNumberLiteral(s string) (mag int, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' {
		return 0, false
	}
	intStart := i
	if s[i] == '0' {
		i++
	} else {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	const zero = math.MinInt32
	mag = zero
	if s[intStart] != '0' {
		mag = i - intStart
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if mag == zero && s[i] != '0' {
				mag = start - i // first significant digit at 10^-(i-start+1)
			}
		}
		if i == start {
			return 0, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		start, exp := i, 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if exp < 1_000_000 {
				exp = exp*10 + int(s[i]-'0')
			}
		}
		if i == start {
			return 0, false
		}
		if neg {
			exp = -exp
		}
		if mag != zero {
			mag += exp
		}
	}
	return mag, i == len(s)
}

// ParseIPOrCIDR reads an ip_equal / ip_not_equal value: an IPv4 or IPv6 address
// ("198.51.100.17", "2001:db8::1") or a CIDR block ("203.0.113.0/24",
// "2001:db8::/32"). An address becomes a /32 or /128 prefix. The syntax is that
// of [netip.ParsePrefix] and [netip.ParseAddr] without zones: no leading zeros in
// IPv4 octets or in the prefix length. Host bits after the prefix length are kept
// as written ("10.1.2.3/8"); [netip.Prefix.Contains] ignores them.
func ParseIPOrCIDR(s string) (netip.Prefix, bool) {
	addrPart, bitsPart, hasBits := strings.Cut(s, "/")
	var addr netip.Addr
	var ok bool
	if strings.IndexByte(addrPart, ':') >= 0 {
		addr, ok = parseIPv6(addrPart)
	} else {
		var b [4]byte
		if b, ok = parseIPv4(addrPart); ok {
			addr = netip.AddrFrom4(b)
		}
	}
	if !ok {
		return netip.Prefix{}, false
	}
	bits := addr.BitLen()
	if hasBits {
		n, ok := fixedDigits(bitsPart)
		if !ok || bitsPart == "" || len(bitsPart) > 3 || (len(bitsPart) > 1 && bitsPart[0] == '0') || n > bits {
			return netip.Prefix{}, false
		}
		bits = n
	}
	return netip.PrefixFrom(addr, bits), true
}

// parseIPv4 reads a dotted-quad IPv4 address without leading zeros.
func parseIPv4(s string) ([4]byte, bool) {
	var out [4]byte
	field, n, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || field > 3 {
				return out, false
			}
			out[field] = byte(n)
			field, n, digits = field+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || (digits == 1 && n == 0) {
			return out, false
		}
		n = n*10 + int(c-'0')
		digits++
		if n > 255 {
			return out, false
		}
	}
	return out, field == 4
}

// parseIPv6 reads an IPv6 address: up to eight groups of one to four hex
// digits, at most one "::" standing for one or more zero groups, and optionally a
// dotted IPv4 address in the last 32 bits. Zones are rejected.
func parseIPv6(s string) (netip.Addr, bool) {
	var ip [16]byte
	ellipsis := -1 // byte offset where "::" stands
	i := 0
	if strings.HasPrefix(s, "::") {
		ellipsis, i = 0, 2
	}
	n := 0 // bytes written
	for i < len(s) {
		if n == 16 {
			return netip.Addr{}, false
		}
		j, v := i, 0
		for j < len(s) && j-i < 4 {
			d, ok := hexValue(s[j])
			if !ok {
				break
			}
			v = v<<4 | d
			j++
		}
		if j == i {
			return netip.Addr{}, false
		}
		if j < len(s) && s[j] == '.' {
			v4, ok := parseIPv4(s[i:])
			if !ok || n > 12 {
				return netip.Addr{}, false
			}
			copy(ip[n:], v4[:])
			n += 4
			break
		}
		if j < len(s) {
			if _, ok := hexValue(s[j]); ok {
				return netip.Addr{}, false // more than four hex digits
			}
		}
		ip[n], ip[n+1] = byte(v>>8), byte(v)
		n += 2
		i = j
		if i == len(s) {
			break
		}
		if s[i] != ':' || i+1 == len(s) {
			return netip.Addr{}, false
		}
		i++
		if s[i] == ':' {
			if ellipsis >= 0 {
				return netip.Addr{}, false
			}
			ellipsis = n
			i++
		}
	}
	switch {
	case n < 16 && ellipsis < 0:
		return netip.Addr{}, false
	case n < 16:
		shift := 16 - n
		copy(ip[ellipsis+shift:], ip[ellipsis:n])
		clear(ip[ellipsis : ellipsis+shift])
	case ellipsis >= 0:
		return netip.Addr{}, false // "::" must stand for at least one group
	}
	return netip.AddrFrom16(ip), true
}

func hexValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// ParseBool reads a bool_equal or null_equal value: "true" or "false" in any
// case ("True", "FALSE").
func ParseBool(s string) (value, ok bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}
