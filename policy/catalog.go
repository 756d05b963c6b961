package policy

import (
	"slices"
	"strings"
	"sync"
)

// The action catalogue: every Tencent Cloud API 3.0 action of
// tencentcloud-sdk-go under its CAM service prefix, the COS actions, CAM
// actions that are no API (cam:PassRole), and the services Tencent's CAM pages
// name, generated into catalog_gen.go by internal/gen/catalog and decoded on
// first use (catalog_decode.go). It serves [Lint] ([KnownAction],
// [SuggestAction], [KnownService]), the highest access level a wildcard can
// reach ([Action.AccessLevel]) and listing what a pattern grants
// ([CatalogActions], [Action.MatchingActions]).

var catalogIndex = sync.OnceValue(func() *catalog {
	c, err := decodeCatalog(catalogServicesText, catalogActionsBlob)
	if err != nil {
		return &catalog{err: err, byService: map[string][]string{},
			levels: map[string][]AccessLevel{}, first: map[string]int32{}, known: map[string]serviceInfo{},
			aliases: map[string]string{}}
	}
	return c
})

// KnownAction looks up the API apiName of service in the catalogue, ignoring case,
// and returns its canonical spelling "service:ApiName" (for example
// KnownAction("CVM", "describeinstances") returns "cvm:DescribeInstances", true).
// It returns "", false for an API the catalogue does not list and for patterns
// containing '*'. Pass the service and API name without a "name/" prefix.
func KnownAction(service, apiName string) (canonical string, ok bool) {
	if service == "" || apiName == "" || strings.IndexByte(service, '*') >= 0 || strings.IndexByte(apiName, '*') >= 0 {
		return "", false
	}
	e, ok := catalogIndex().lookup(service, apiName)
	return e.canonical, ok
}

// CatalogActions returns the catalogued actions of service as "service:ApiName",
// sorted; nil for a service without catalogued actions. The service name is
// compared without regard to case. The result is a new slice the caller may
// modify.
func CatalogActions(service string) []string {
	c := catalogIndex()
	s, ok := c.service(service)
	if !ok {
		return nil
	}
	n := len(c.byService[s.name])
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	first := int(c.first[s.name])
	for i := range out {
		out[i] = c.actions[first+i].canonical
	}
	return out
}

// CatalogServices returns the services with catalogued actions, sorted. Some
// services [KnownService] accepts have none (their actions are not
// published in a form camkit reads).
func CatalogServices() []string {
	return slices.Clone(catalogIndex().services)
}

// MatchingActions returns the catalogued actions a matches, sorted: every
// catalogued action for "*" and "*:*", none for a permid action. Matching
// ignores case, as CAM's allow statements do (docs/semantics.md §2). Use it to show
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
		first := int(c.first[svc])
		for k, name := range c.byService[svc] {
			if a.All || globMatchFold(a.Name, name) {
				out = append(out, c.actions[first+k].canonical)
			}
		}
	}
	return out
}
