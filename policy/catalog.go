package policy

import (
	"slices"
	"strings"
	"sync"
)

// The action catalogue: real API names of the services camkit cares about, as
// Tencent documents them (catalog_data.go). It serves three purposes: [Lint]'s
// casing rule ([KnownAction]), the highest access level a wildcard can reach
// ([Action.AccessLevel]), and listing what a pattern grants ([CatalogActions]).
// It is not a complete list of Tencent Cloud APIs: an action missing from it is
// not an error.

type catalog struct {
	// entries maps "service:apiname" in lowercase to its entry.
	entries map[string]catalogEntry
	// byService lists each service's API names as the catalogue spells them, sorted.
	byService map[string][]string
	// levels holds the access level of each name in byService, index for index.
	levels map[string][]AccessLevel
	// services lists the catalogued services, sorted.
	services []string
	// known maps every known CAM service prefix, lowercase, to what camkit
	// knows of it; it includes services without catalogued actions.
	known map[string]serviceInfo
	// knownNames lists the keys of known, sorted.
	knownNames []string
	// granularity maps lowercase "service:apiname" to the granularity
	// Tencent's CAM pages state for it.
	granularity map[string]Granularity
}

// serviceInfo is what the catalogue knows of one service prefix.
type serviceInfo struct {
	name          string     // the prefix, lowercase
	tag           TagSupport // authorisation by tag
	complete      bool       // the catalogue lists every action
	resourceTypes []string   // service_type segments besides name, sorted
}

// service finds a known service prefix, ignoring case.
func (c *catalog) service(service string) (serviceInfo, bool) {
	var buf [32]byte
	key := buf[:0]
	for i := 0; i < len(service); i++ {
		key = append(key, catalogFoldByte(service[i]))
	}
	s, ok := c.known[string(key)]
	return s, ok
}

type catalogEntry struct {
	canonical string // "service:ApiName"
	level     AccessLevel
}

var catalogIndex = sync.OnceValue(func() *catalog {
	c := &catalog{
		entries:   make(map[string]catalogEntry),
		byService: make(map[string][]string),
		levels:    make(map[string][]AccessLevel),
	}
	for service, names := range catalogData {
		list := strings.Fields(names)
		slices.Sort(list)
		list = slices.Compact(list)
		levels := make([]AccessLevel, len(list))
		for i, name := range list {
			levels[i] = accessDerivedLevel(service, name)
			c.entries[strings.ToLower(service+":"+name)] = catalogEntry{service + ":" + name, levels[i]}
		}
		c.byService[service] = list
		c.levels[service] = levels
		c.services = append(c.services, service)
	}
	slices.Sort(c.services)
	c.loadServices()
	return c
})

// lookup finds service:api in the catalogue, ignoring case, without allocating
// for names of ordinary length.
func (c *catalog) lookup(service, api string) (catalogEntry, bool) {
	var buf [96]byte
	key := appendLowerKey(buf[:0], service, api)
	e, ok := c.entries[string(key)]
	return e, ok
}

// appendLowerKey appends "service:api" in ASCII lowercase to dst.
func appendLowerKey(dst []byte, service, api string) []byte {
	for _, part := range [...]string{service, ":", api} {
		for i := 0; i < len(part); i++ {
			dst = append(dst, catalogFoldByte(part[i]))
		}
	}
	return dst
}

// KnownAction looks up the API apiName of service in the catalogue, ignoring case,
// and returns its canonical spelling "service:ApiName" (for example
// KnownAction("CVM", "describeinstances") returns "cvm:DescribeInstances", true).
// It returns "", false for an API the catalogue does not list and for patterns
// containing '*'. Pass the service and API name without a "name/" prefix.
func KnownAction(service, apiName string) (canonical string, ok bool) {
	if service == "" || apiName == "" || strings.Contains(service+apiName, "*") {
		return "", false
	}
	e, ok := catalogIndex().lookup(service, apiName)
	return e.canonical, ok
}

// CatalogActions returns the catalogued actions of service as "service:ApiName",
// sorted; nil for a service the catalogue does not know. The service name is
// compared without regard to case. The result is a new slice the caller may
// modify.
func CatalogActions(service string) []string {
	service = strings.ToLower(service)
	names := catalogIndex().byService[service]
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = service + ":" + n
	}
	return out
}

// CatalogServices returns the services the action catalogue covers, sorted.
func CatalogServices() []string {
	return slices.Clone(catalogIndex().services)
}

// MatchingActions returns the catalogued actions a matches, sorted: every
// catalogued action for "*" and "*:*", none for a permid action. Matching
// ignores case, as CAM's allow statements do (CAM-SEMANTICS §2). Use it to show
// what a wildcard grants; it cannot list APIs the catalogue does not know.
func (a Action) MatchingActions() []string {
	if a.PermID || (!a.All && (a.Service == "" || a.Name == "")) {
		return nil
	}
	c := catalogIndex()
	var out []string
	for _, svc := range c.services {
		if !a.All && !globMatchFold(a.Service, svc) {
			continue
		}
		for _, name := range c.byService[svc] {
			if a.All || globMatchFold(a.Name, name) {
				out = append(out, svc+":"+name)
			}
		}
	}
	return out
}

func catalogFoldByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
