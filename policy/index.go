package policy

import "strings"

// stmtIndex finds the statements that can match a request's action without
// looking at the others. Per lowercase service, a statement is listed under
// the lowercase first character of each of its API-name patterns, or under
// star when the pattern starts with '*'; a request finds the statements that
// could match it even ignoring case. Statements with an action that matches
// every service ("*", "*:*", "*:Describe*") are listed in wildcard, and in
// each of a service's lists too, so that a request scans one list.
// Statements whose only actions are permid/ entries match no API and are not
// listed. Every list is in statement order, so decisions name statements in
// document order.
type stmtIndex struct {
	// services is an open-addressing hash table of the lowercase service
	// names, with at least half its slots empty; its length is a power of two.
	services []serviceSlot
	wildcard []int32
}

// serviceSlot is one slot of stmtIndex.services; si is nil in an empty slot.
type serviceSlot struct {
	hash uint32
	name string // lowercase
	key  uint64 // packBytes(name), compared when name has at most 8 bytes
	si   *serviceIndex
}

// serviceHash hashes s ignoring ASCII case, for the statement index.
func serviceHash(s string) uint32 { return hashLowered(s, lowerPacked(packBytes(s))) }

// hashLowered is serviceHash(s) given lower, the first bytes of s packed by
// packBytes and ASCII-lowercased. A name of at most eight bytes, as most
// service names are, is hashed from lower and its length alone; a longer one
// adds the FNV-1a hash of the rest.
func hashLowered(s string, lower uint64) uint32 {
	if len(s) <= 8 {
		return mixLowered(lower, len(s))
	}
	h := uint64(fnvOffset)
	for i := 8; i < len(s); i++ {
		h ^= uint64(lowerASCII(s[i]))
		h *= fnvPrime
	}
	return mixLowered(lower^h, len(s))
}

// mixLowered is hashLowered of a name of n bytes whose packed lowercase
// bytes (with, past eight, the hash of the rest) are lower.
func mixLowered(lower uint64, n int) uint32 {
	x := (lower ^ uint64(n)<<59 ^ fnvOffset) * 0x9e3779b97f4a7c15 // Fibonacci hashing
	return uint32(x >> 32)
}

// The FNV-1a parameters of hashLowered.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// setServices fills the hash table from byService.
func (ix *stmtIndex) setServices(byService map[string]*serviceIndex) {
	if len(byService) == 0 {
		return
	}
	size := 1
	for size < 2*len(byService) {
		size *= 2
	}
	ix.services = make([]serviceSlot, size)
	mask := uint32(size - 1)
	for name, si := range byService {
		h := serviceHash(name)
		i := h & mask
		for ix.services[i].si != nil {
			i = (i + 1) & mask
		}
		ix.services[i] = serviceSlot{hash: h, name: name, key: packBytes(name), si: si}
	}
}

// serviceIndex lists one service's statements by the first character of
// their API-name patterns. Once built, each non-empty first list also holds
// the star statements, and every list the wildcard ones.
type serviceIndex struct {
	star  []int32
	first [initialCount][]int32
}

// initialCount is the number of API-name initials initialSlot tells apart.
const initialCount = 37

// initialSlot maps an API name's first character to a slot: letters ignoring
// case, digits, and everything else together.
func initialSlot(c byte) int { return int(initialSlots[c]) }

// initialSlots is initialSlot as a table.
var initialSlots = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = uint8(c - 'a')
		case 'A' <= c && c <= 'Z':
			t[c] = uint8(c - 'A')
		case '0' <= c && c <= '9':
			t[c] = uint8(26 + c - '0')
		default:
			t[c] = 36
		}
	}
	return t
}()

func buildIndex(stmts []cStatement) stmtIndex {
	var ix stmtIndex
	byService := make(map[string]*serviceIndex)
	for i := range stmts {
		s := &stmts[i]
		wild := false
		for _, a := range s.actions {
			if a.all || a.anySvc {
				wild = true
			}
		}
		if wild {
			ix.wildcard = append(ix.wildcard, int32(i))
			continue
		}
		for _, a := range s.actions {
			if a.permid {
				continue
			}
			svc := strings.ToLower(a.svc)
			si := byService[svc]
			if si == nil {
				si = &serviceIndex{}
				byService[svc] = si
			}
			l := &si.star
			if name := a.name.raw; name != "" && name[0] != '*' {
				l = &si.first[initialSlot(name[0])]
			}
			if n := len(*l); n == 0 || (*l)[n-1] != int32(i) {
				*l = append(*l, int32(i))
			}
		}
	}
	for _, si := range byService {
		si.mergeStar(ix.wildcard)
	}
	ix.setServices(byService)
	return ix
}

// lookup returns the statements to scan for the request action split into p,
// in order: the service's statements whose API-name patterns start with the
// name's first character (ignoring case) or with '*', and the wildcard ones.
// It does not allocate.
func (ix *stmtIndex) lookup(p *reqParts) []int32 {
	if len(ix.services) > 0 {
		h, mask := p.svcHash, uint32(len(ix.services)-1)
		for i := h & mask; ; i = (i + 1) & mask {
			sl := &ix.services[i]
			if sl.si == nil {
				break
			}
			// A name of at most eight bytes is all in the packed key.
			if sl.hash == h && len(sl.name) == len(p.svc) &&
				(len(p.svc) <= 8 && sl.key == p.svcLower || len(p.svc) > 8 && asciiEqualFold(sl.name, p.svc)) {
				if p.name != "" {
					if l := sl.si.first[initialSlot(p.name[0])]; l != nil {
						return l
					}
				}
				return sl.si.star
			}
		}
	}
	return ix.wildcard
}

// merge returns the union of the sorted statement lists a and b, in order.
// When one is empty it returns the other: the index's lists are read-only
// once built, so they may share.
func merge(a, b []int32) []int32 {
	switch {
	case len(b) == 0:
		return a
	case len(a) == 0:
		return b
	}
	out := make([]int32, 0, len(a)+len(b))
	for len(a)+len(b) > 0 {
		var i int32
		switch {
		case len(b) == 0 || (len(a) > 0 && a[0] < b[0]):
			i, a = a[0], a[1:]
		case len(a) == 0 || b[0] < a[0]:
			i, b = b[0], b[1:]
		default: // the same statement in both
			i, a, b = a[0], a[1:], b[1:]
		}
		out = append(out, i)
	}
	return out
}

// mergeStar adds si.star to every non-empty si.first list, and then wildcard
// to every list, so that a request scans one list.
func (si *serviceIndex) mergeStar(wildcard []int32) {
	for k, l := range si.first {
		if len(l) > 0 {
			si.first[k] = merge(merge(l, si.star), wildcard)
		}
	}
	si.star = merge(si.star, wildcard)
}
