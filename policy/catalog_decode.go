package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Decoding of the generated catalogue (catalog_gen.go, written by
// internal/gen/catalog): catalogServicesText has one line per known service
// prefix, sorted, "name TAB tag TAB completeness TAB count TAB types TAB
// aliases"; catalogActionsBlob holds each service's actions, front-coded, in
// the same order: per action the byte 0x80+n (n: length of the prefix shared
// with the previous action of the service), a flags byte '0'+f (f: granularity
// in bits 0-1, "a CAM page calls it a write" in bit 2) and the rest of the
// name.

// catalog is the decoded action catalogue.
type catalog struct {
	// table is an open-addressing hash table of the actions: slot i holds an
	// index into actions plus one (0 is empty), placed by catalogHash of the
	// action's "service:apiname" in lowercase; its length is a power of two.
	table   []uint32
	actions []catalogEntry
	// services lists the services that have catalogued actions, sorted.
	services []string
	// byService lists each service's API names, sorted; levels holds their
	// access levels, index for index.
	byService map[string][]string
	levels    map[string][]AccessLevel
	// first maps each service of services to the index in actions of its
	// first action; its actions follow in byService's order.
	first map[string]int32
	// known maps every known CAM service prefix, lowercase, to what camkit
	// knows of it; it includes services without catalogued actions.
	known map[string]serviceInfo
	// knownNames lists the keys of known, sorted.
	knownNames []string
	// aliases maps an SDK package whose actions CAM authorises under another
	// prefix ("cbs") to that prefix ("cvm").
	aliases map[string]string
	// err is the decoding error, if the generated data is corrupt; the
	// catalogue is then empty (a test checks it is nil).
	err error
}

// catalogEntry is one catalogued action.
type catalogEntry struct {
	canonical string // "service:ApiName"
	level     AccessLevel
	gran      Granularity
}

// serviceInfo is what the catalogue knows of one service prefix.
type serviceInfo struct {
	name          string     // the prefix, lowercase
	tag           TagSupport // authorisation by tag
	complete      bool       // the catalogue lists every action
	resourceTypes []string   // service_type segments besides name, sorted
}

// service finds a known service prefix, ignoring case, without allocating.
func (c *catalog) service(service string) (serviceInfo, bool) {
	if len(service) > 64 {
		return serviceInfo{}, false
	}
	var buf [64]byte
	key := buf[:0]
	for i := 0; i < len(service); i++ {
		key = append(key, lowerASCII(service[i]))
	}
	s, ok := c.known[string(key)]
	return s, ok
}

// lookup finds service:api in the catalogue, ignoring case, without
// allocating: it hashes the folded name as it reads it and compares
// candidates in place.
func (c *catalog) lookup(service, api string) (catalogEntry, bool) {
	if len(c.table) == 0 {
		return catalogEntry{}, false
	}
	mask := uint64(len(c.table) - 1)
	for i := catalogHash(service, api) & mask; ; i = (i + 1) & mask {
		slot := c.table[i]
		if slot == 0 {
			return catalogEntry{}, false
		}
		if e := &c.actions[slot-1]; catalogKeyEqual(e.canonical, service, api) {
			return *e, true
		}
	}
}

// catalogHash is FNV-1a of "service:api" in ASCII lowercase.
func catalogHash(service, api string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(service); i++ {
		h = (h ^ uint64(catalogLower[service[i]])) * prime
	}
	h = (h ^ ':') * prime
	for i := 0; i < len(api); i++ {
		h = (h ^ uint64(catalogLower[api[i]])) * prime
	}
	return h
}

// catalogKeyEqual reports whether canonical is "service:api", ignoring ASCII
// case.
func catalogKeyEqual(canonical, service, api string) bool {
	if len(canonical) != len(service)+1+len(api) || canonical[len(service)] != ':' {
		return false
	}
	for i := 0; i < len(service); i++ {
		if catalogLower[canonical[i]] != catalogLower[service[i]] {
			return false
		}
	}
	rest := canonical[len(service)+1:]
	for i := 0; i < len(api); i++ {
		if catalogLower[rest[i]] != catalogLower[api[i]] {
			return false
		}
	}
	return true
}

// catalogLower maps each byte to its ASCII lowercase.
var catalogLower = func() (t [256]byte) {
	for i := range t {
		t[i] = lowerASCII(byte(i))
	}
	return t
}()

// appendLowerKey appends "service:api" in ASCII lowercase to dst.
func appendLowerKey(dst []byte, service, api string) []byte {
	for _, part := range [...]string{service, ":", api} {
		for i := 0; i < len(part); i++ {
			dst = append(dst, catalogLower[part[i]])
		}
	}
	return dst
}

// svcLine is one decoded line of catalogServicesText.
type svcLine struct {
	info    serviceInfo
	count   int
	aliases []string
}

// parseServices reads catalogServicesText.
func parseServices(text string) ([]svcLine, error) {
	var out []svcLine
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("policy: catalogue service line %d: want 6 fields, have %d", n+1, len(f))
		}
		count, err := strconv.Atoi(f[3])
		if err != nil || count < 0 {
			return nil, fmt.Errorf("policy: catalogue service line %d: bad action count %q", n+1, f[3])
		}
		l := svcLine{info: serviceInfo{name: f[0], complete: f[2] == "c"}, count: count}
		switch f[1] {
		case "y":
			l.info.tag = TagSupported
		case "n":
			l.info.tag = TagUnsupported
		}
		if f[4] != "" {
			l.info.resourceTypes = strings.Split(f[4], ",")
		}
		if f[5] != "" {
			l.aliases = strings.Split(f[5], ",")
		}
		out = append(out, l)
	}
	return out, nil
}

// decodeCatalog decodes the generated texts into a catalogue, deriving each
// action's access level ([accessDerivedLevel], raised to Write where a CAM
// page calls the action a write).
func decodeCatalog(servicesText, blob string) (*catalog, error) {
	lines, err := parseServices(servicesText)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, l := range lines {
		total += l.count
	}
	c := &catalog{
		actions:   make([]catalogEntry, 0, total),
		byService: make(map[string][]string),
		levels:    make(map[string][]AccessLevel),
		first:     make(map[string]int32),
		known:     make(map[string]serviceInfo, len(lines)),
		aliases:   make(map[string]string),
	}
	// canon holds every "service:Name" back to back; the entries slice it, so
	// the names cost one string allocation.
	canon := make([]byte, 0, len(blob)*2)
	type span struct {
		start, end, svcLen int
		flags              byte
	}
	spans := make([]span, 0, total)
	pos := 0
	for _, l := range lines {
		c.known[l.info.name] = l.info
		c.knownNames = append(c.knownNames, l.info.name)
		for _, a := range l.aliases {
			c.aliases[a] = l.info.name
		}
		if l.count > 0 {
			c.services = append(c.services, l.info.name)
		}
		prevStart, prevLen := 0, 0
		for range l.count {
			if pos+2 > len(blob) || blob[pos] < 0x80 {
				return nil, fmt.Errorf("policy: catalogue blob: bad action header at byte %d (service %s)", pos, l.info.name)
			}
			shared, flags := int(blob[pos]-0x80), blob[pos+1]-'0'
			pos += 2
			end := pos
			for end < len(blob) && blob[end] < 0x80 {
				end++
			}
			if shared > prevLen || end == pos || flags > 7 {
				return nil, fmt.Errorf("policy: catalogue blob: bad action at byte %d (service %s)", pos-2, l.info.name)
			}
			start := len(canon)
			canon = append(canon, l.info.name...)
			canon = append(canon, ':')
			nameStart := len(canon)
			canon = append(canon, canon[prevStart:prevStart+shared]...)
			canon = append(canon, blob[pos:end]...)
			spans = append(spans, span{start, len(canon), len(l.info.name), flags})
			prevStart, prevLen = nameStart, len(canon)-nameStart
			pos = end
		}
	}
	if pos != len(blob) {
		return nil, errors.New("policy: catalogue blob: trailing data after the last service")
	}
	all := string(canon)
	size := 1
	for size < 2*len(spans) {
		size <<= 1
	}
	c.table = make([]uint32, size)
	mask := uint64(size - 1)
	for _, sp := range spans {
		svc, name := all[sp.start:sp.start+sp.svcLen], all[sp.start+sp.svcLen+1:sp.end]
		level := accessDerivedLevel(svc, name)
		if sp.flags&4 != 0 && level < AccessWrite {
			level = AccessWrite
		}
		if _, ok := c.first[svc]; !ok {
			c.first[svc] = int32(len(c.actions))
		}
		i := catalogHash(svc, name) & mask
		for c.table[i] != 0 {
			if catalogKeyEqual(c.actions[c.table[i]-1].canonical, svc, name) {
				return nil, fmt.Errorf("policy: catalogue blob: %s:%s appears twice", svc, name)
			}
			i = (i + 1) & mask
		}
		c.table[i] = uint32(len(c.actions)) + 1
		c.actions = append(c.actions, catalogEntry{canonical: all[sp.start:sp.end], level: level, gran: Granularity(sp.flags & 3)})
		c.byService[svc] = append(c.byService[svc], name)
		c.levels[svc] = append(c.levels[svc], level)
	}
	return c, nil
}
