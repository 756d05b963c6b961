package policy

import (
	"encoding/binary"
	"net/netip"
	"time"
)

// valueCache remembers the last context value read as each type, so a key
// tested by many statements (qcs:ip, qcs:current_time) is parsed once per
// request.
type valueCache struct {
	ip                ctxIP
	dateText, numText string
	dateSet, numSet   bool
	dateOK, numOK     bool
	dateVal           time.Time
	numVal            float64
}

// ctxIP is a context value read as an IP address or block. An IPv4 one is
// also kept as a number, which the common tests compare directly.
type ctxIP struct {
	text    string
	set, ok bool
	v4      bool   // an IPv4 address or block: addr4 and bits hold it
	addr4   uint32 // IPv4 address, most significant byte first
	bits    int    // IPv4 prefix length
	prefix  netip.Prefix
}

// ip returns v read as an IP address or block ([ParseIPOrCIDR]).
func (st *evalState) ip(v string) *ctxIP {
	c := &st.cache.ip
	if c.set && c.text == v {
		return c
	}
	*c = ctxIP{text: v, set: true}
	// ipv4Number accepts exactly what ParseIPOrCIDR accepts of a value
	// without '/' and ':'.
	if a, ok := ipv4Number(v); ok {
		c.ok, c.v4, c.addr4, c.bits = true, true, a, 32
		return c
	}
	c.prefix, c.ok = ParseIPOrCIDR(v)
	if a := c.prefix.Addr(); c.ok && a.Is4() {
		b := a.As4()
		c.v4, c.addr4, c.bits = true, binary.BigEndian.Uint32(b[:]), c.prefix.Bits()
	}
	return c
}

// ipv4Number reads a dotted-quad IPv4 address without leading zeros, as
// parseIPv4 does, into a number (most significant byte first). It is the
// evaluator's hot path: one pass, one branch per byte in the common case.
func ipv4Number(s string) (uint32, bool) {
	if len(s) < 7 || len(s) > 15 {
		return 0, false
	}
	var ip, n uint32
	dots, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if digits == 0 {
				return 0, false
			}
			ip, n, digits = ip<<8|n, 0, 0
			dots++
			continue
		}
		d := uint32(c) - '0'
		if d > 9 || (digits != 0 && n == 0) {
			return 0, false // not a digit, or a digit after a leading zero
		}
		n = n*10 + d
		digits++
		if n > 255 {
			return 0, false
		}
	}
	return ip<<8 | n, dots == 3 && digits != 0
}

// within reports whether every address of ip lies in the block of policy
// value pol (see ipWithin).
func (ip *ctxIP) within(pol *cValue) bool {
	if ip.v4 {
		return pol.ip4 && pol.ipBits <= ip.bits && ip.addr4&pol.ip4Mask == pol.ip4Net
	}
	return ipWithin(ip.prefix, pol.ip)
}

// ipWithin reports whether every address of the context prefix ctx (usually a
// single address) lies in the policy's block pol. An IPv4-mapped IPv6 context
// address is compared as IPv4.
func ipWithin(ctx, pol netip.Prefix) bool {
	a, bits := ctx.Addr(), ctx.Bits()
	if a.Is4In6() && pol.Addr().Is4() {
		if bits < 96 {
			return false
		}
		a, bits = a.Unmap(), bits-96
	}
	if a.BitLen() != pol.Addr().BitLen() {
		return false
	}
	return pol.Bits() <= bits && pol.Contains(a)
}

func (st *evalState) date(v string) (time.Time, bool) {
	c := &st.cache
	if !c.dateSet || c.dateText != v {
		c.dateVal, c.dateOK = ParseDate(v)
		c.dateText, c.dateSet = v, true
	}
	return c.dateVal, c.dateOK
}

func (st *evalState) number(v string) (float64, bool) {
	c := &st.cache
	if !c.numSet || c.numText != v {
		c.numVal, c.numOK = ParseNumber(v)
		c.numText, c.numSet = v, true
	}
	return c.numVal, c.numOK
}
