package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Granularity codes, as policy decodes them.
const (
	granUnknown   = 0
	granResource  = 1
	granOperation = 2
	granService   = 3
	granConflict  = 0xff // rows disagree: written as unknown
)

// action is one catalogued action.
type action struct {
	gran        byte // a gran... code
	statedWrite bool // a CAM page calls it a write operation
}

// service is one CAM service prefix.
type service struct {
	name     string
	tag      byte // 'y' supported, 'n' not supported, 'u' unknown
	complete bool // every action is listed
	actions  map[string]*action
	types    map[string]bool // resource service types besides name
	aliases  map[string]bool // SDK packages authorised under this prefix
}

// catalog is what the generator knows before writing it out.
type catalog struct {
	services map[string]*service
	headers  []string // first comment line of each input, for the output's header
	// Counts of cam-enabled-apis.tsv rows, for the output's header.
	apiRows, apiUsed, apiUnknownAction, apiBadName, apiContradictory int
}

func newCatalog() *catalog { return &catalog{services: make(map[string]*service)} }

var (
	serviceName = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	actionName  = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	resourceSvc = regexp.MustCompile(`qcs:[^:\s]*:([a-z][a-z0-9]*):`)
)

// service returns the service named name, creating it (incomplete, tag
// support unknown) when new.
func (c *catalog) service(name string) *service {
	s := c.services[name]
	if s == nil {
		s = &service{name: name, tag: 'u', actions: map[string]*action{}, types: map[string]bool{}, aliases: map[string]bool{}}
		c.services[name] = s
	}
	return s
}

// eachRow calls fn with the tab-separated fields of every row of path that is
// neither empty nor a '#' comment, and its line number; the first comment
// line is kept for the output's header.
func (c *catalog) eachRow(path string, fn func(line int, f []string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(text, "#") {
			if first {
				c.headers = append(c.headers, strings.TrimSpace(strings.TrimPrefix(text, "#")))
				first = false
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if err := fn(n, strings.Split(text, "\t")); err != nil {
			return fmt.Errorf("catalog: %s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("catalog: %s: %w", path, err)
	}
	return nil
}

// readSDK reads sdk-actions.tsv: SDK package, API version, action.
func (c *catalog) readSDK(path string) error {
	return c.eachRow(path, func(_ int, f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 tab-separated fields (package, version, action), have %d", len(f))
		}
		pkg, act := f[0], f[2]
		if !serviceName.MatchString(pkg) {
			return fmt.Errorf("package %q is not a lowercase SDK package name", pkg)
		}
		if !actionName.MatchString(act) {
			return fmt.Errorf("action %q is not an API name", act)
		}
		prefix := pkg
		if p, ok := sdkPrefix[pkg]; ok {
			prefix = p
		}
		s := c.service(prefix)
		s.complete = true
		if prefix != pkg {
			s.aliases[pkg] = true
		}
		if s.actions[act] == nil {
			s.actions[act] = &action{}
		}
		return nil
	})
}

// addExtras adds the hand-kept actions and services of tables.go.
func (c *catalog) addExtras() error {
	for svc, names := range extraActions {
		if !serviceName.MatchString(svc) {
			return fmt.Errorf("catalog: tables.go: extraActions: %q is not a service prefix", svc)
		}
		s := c.service(svc)
		if completeServices[svc] {
			s.complete = true
		}
		for _, n := range names {
			if !actionName.MatchString(n) {
				return fmt.Errorf("catalog: tables.go: extraActions[%s]: %q is not an API name", svc, n)
			}
			if s.actions[n] != nil {
				return fmt.Errorf("catalog: tables.go: extraActions[%s]: %s is already an SDK action", svc, n)
			}
			s.actions[n] = &action{}
		}
	}
	for svc := range extraServices {
		if !serviceName.MatchString(svc) {
			return fmt.Errorf("catalog: tables.go: extraServices: %q is not a service prefix", svc)
		}
		if c.services[svc] != nil {
			return fmt.Errorf("catalog: tables.go: extraServices: %s is already known", svc)
		}
		c.service(svc)
	}
	for svc, types := range extraResourceTypes {
		s := c.services[svc]
		if s == nil {
			return fmt.Errorf("catalog: tables.go: extraResourceTypes: unknown service %s", svc)
		}
		for _, t := range types {
			s.types[t] = true
		}
	}
	for pkg, prefix := range sdkPrefix {
		if s := c.services[prefix]; s == nil || !s.aliases[pkg] {
			return fmt.Errorf("catalog: tables.go: sdkPrefix: the SDK has no package %s", pkg)
		}
	}
	return nil
}

// readServices reads cam-enabled-services.tsv: service, product, console,
// tag_authorization, granularity, ip_restriction, source.
func (c *catalog) readServices(path string) error {
	return c.eachRow(path, func(_ int, f []string) error {
		if len(f) < 4 {
			return fmt.Errorf("want at least 4 tab-separated fields, have %d", len(f))
		}
		if !serviceName.MatchString(f[0]) {
			return fmt.Errorf("service %q is not a CAM service prefix", f[0])
		}
		s := c.service(f[0])
		switch f[3] {
		case "yes":
			s.tag = 'y'
		case "no":
			s.tag = 'n'
		case "unknown":
		default:
			return fmt.Errorf("tag_authorization %q is not yes, no or unknown", f[3])
		}
		return nil
	})
}

// readAPIs reads cam-enabled-apis.tsv: service, action, operation,
// granularity, resource, ip_restriction. The file is extracted mechanically
// and noisy, so a row is used only when it agrees with itself: an
// "operation"-level row must have no resource or "*" (CAM authorises such an
// API only on "*"), and its action must be one the SDK lists for the service
// (or the service must have no SDK package, in which case the CAM page is the
// only list of its actions). Skipped rows are counted in the output's header.
func (c *catalog) readAPIs(path string) error {
	return c.eachRow(path, func(_ int, f []string) error {
		if len(f) < 5 {
			return fmt.Errorf("want at least 5 tab-separated fields, have %d", len(f))
		}
		c.apiRows++
		svc, name, op, gran, res := f[0], f[1], f[2], f[3], strings.TrimSpace(f[4])
		if !serviceName.MatchString(svc) || !actionName.MatchString(name) {
			c.apiBadName++
			return nil
		}
		s := c.service(svc)
		// The resource formats show which services' resources the service's
		// actions name, whether or not the row's action is usable.
		for _, m := range resourceSvc.FindAllStringSubmatch(res, -1) {
			if m[1] != svc {
				s.types[m[1]] = true
			}
		}
		a := s.actions[name]
		if a == nil {
			if s.complete {
				c.apiUnknownAction++
				return nil
			}
			a = &action{}
			s.actions[name] = a
		}
		var g byte
		switch gran {
		case "resource":
			g = granResource
		case "operation":
			if res != "" && !strings.HasPrefix(res, "*") {
				c.apiContradictory++
				return nil
			}
			g = granOperation
		case "service":
			g = granService
		}
		c.apiUsed++
		if op == "write" {
			a.statedWrite = true
		}
		switch {
		case g == granUnknown:
		case a.gran == granUnknown:
			a.gran = g
		case a.gran != g:
			a.gran = granConflict
		}
		return nil
	})
}
