package policy

import "strings"

// stmtIndex finds the statements that can match a request's action without
// looking at the others. Per lowercase service, a statement is listed under
// the lowercase first character of each of its API-name patterns, or under
// star when the pattern starts with '*'; a request finds the statements that
// could match it even ignoring case. Statements with an action that matches
// every service ("*", "*:*", "*:Describe*") are listed in wildcard.
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
	h := uint64(fnvOffset)
	for i := 8; i < len(s); i++ {
		h ^= uint64(lowerASCII(s[i]))
		h *= fnvPrime
	}
	x := (lower ^ uint64(len(s))<<59 ^ h) * 0x9e3779b97f4a7c15 // Fibonacci hashing
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
// the star statements.
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
		si.mergeStar()
	}
	ix.setServices(byService)
	return ix
}

// candidates returns the statement lists to scan for a request action
// svc:name (as the request wrote it): the service's statements whose API-name
// patterns start with name's first character or with '*', and the wildcard
// ones. The two lists have no statement in common. It does not allocate.
func (ix *stmtIndex) candidates(svc, name string) (service, wildcard []int32) {
	return ix.candidatesHashed(svc, serviceHash(svc), lowerPacked(packBytes(svc)), name)
}

// candidatesHashed is candidates for a service name whose serviceHash is h
// and whose packed lowercase bytes are lower.
func (ix *stmtIndex) candidatesHashed(svc string, h uint32, lower uint64, name string) (service, wildcard []int32) {
	// The lookup of service, written out here: this is the evaluator's
	// hot path.
	var si *serviceIndex
	if len(ix.services) > 0 {
		mask := uint32(len(ix.services) - 1)
		for i := h & mask; ; i = (i + 1) & mask {
			sl := &ix.services[i]
			if sl.si == nil {
				break
			}
			if sl.hash == h && len(sl.name) == len(svc) &&
				(len(svc) <= 8 && sl.key == lower || len(svc) > 8 && asciiEqualFold(sl.name, svc)) {
				si = sl.si
				break
			}
		}
	}
	if si == nil {
		return nil, ix.wildcard
	}
	if name != "" {
		if l := si.first[initialSlot(name[0])]; l != nil {
			return l, ix.wildcard
		}
	}
	return si.star, ix.wildcard
}

// mergeStar adds si.star to every non-empty si.first list, so that a request
// scans one list of its service.
func (si *serviceIndex) mergeStar() {
	if len(si.star) == 0 {
		return
	}
	for k, l := range si.first {
		if len(l) == 0 {
			continue
		}
		merged := make([]int32, 0, len(l)+len(si.star))
		a, b := l, si.star
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
			merged = append(merged, i)
		}
		si.first[k] = merged
	}
}

// cursor walks the union of two disjoint sorted statement lists in
// increasing order.
type cursor struct {
	a, b []int32
}

func newCursor(a, b []int32) cursor { return cursor{a: a, b: b} }

// next returns the next statement index, or false when the lists are done.
func (m *cursor) next() (int32, bool) {
	var i int32
	switch {
	case len(m.a) > 0 && (len(m.b) == 0 || m.a[0] < m.b[0]):
		i, m.a = m.a[0], m.a[1:]
	case len(m.b) > 0:
		i, m.b = m.b[0], m.b[1:]
	default:
		return 0, false
	}
	return i, true
}
