package tiers

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/camkit/camkit/policy"
)

// actionInfo is what classification needs to know about one action pattern,
// computed once per distinct pattern and cached.
type actionInfo struct {
	action policy.Action
	// err says why the action does not parse; "" when it does.
	err string
	// level is the highest access level any API the pattern can match has
	// (policy.Action.AccessLevel).
	level policy.AccessLevel
	// all is true for "*" and "*:*".
	all bool
	// cred names a credential-issuing API the pattern matches, "" if none.
	cred string
	// pmOther is true when the pattern reaches permission management other
	// than by issuing credentials; pmName names such a catalogued API of a
	// wildcard ("" when none is catalogued).
	pmOther bool
	pmName  string
	// coarse names a write API the pattern matches that CAM authorises
	// only as a whole (operation or service granularity), "" if none.
	coarse string
	// members are the catalogued APIs the pattern matches (a concrete
	// action is its own single member).
	members []member
}

// member is one catalogued API an action pattern matches.
type member struct {
	name    string // canonical "service:ApiName" (or the action as written when uncatalogued)
	service string
	level   policy.AccessLevel
	cred    bool
	coarse  bool // operation or service granularity
}

// The cache is bounded, in patterns and in catalogued APIs held, so that
// hostile input cannot grow it without limit; patterns beyond the bounds are
// computed on every call.
const (
	maxCachedActions = 1 << 14
	maxCachedMembers = 1 << 18
)

var (
	infoCache   sync.Map // raw action → *actionInfo
	infoCount   atomic.Int64
	infoMembers atomic.Int64
)

// infoFor returns the cached facts about the action written raw.
func infoFor(raw string) *actionInfo {
	if v, ok := infoCache.Load(raw); ok {
		return v.(*actionInfo)
	}
	info := computeInfo(raw)
	m := int64(len(info.members))
	if infoCount.Load() < maxCachedActions && infoMembers.Load()+m <= maxCachedMembers {
		if _, loaded := infoCache.LoadOrStore(raw, info); !loaded {
			infoCount.Add(1)
			infoMembers.Add(m)
		}
	}
	return info
}

func computeInfo(raw string) *actionInfo {
	a, err := policy.ParseAction(raw)
	if err != nil {
		return &actionInfo{action: policy.Action{Raw: raw}, err: strings.TrimPrefix(err.Error(), "policy: ")}
	}
	info := &actionInfo{action: a, level: a.AccessLevel(), all: a.All || (a.Service == "*" && a.Name == "*")}
	if a.PermID {
		info.pmOther = true
		return info
	}
	if !a.Wildcard() {
		svc := strings.ToLower(a.Service)
		name := a.Service + ":" + a.Name
		if canonical, ok := policy.KnownAction(a.Service, a.Name); ok {
			name = canonical
		}
		m := member{name: name, service: svc, level: info.level, cred: policy.IssuesCredentials(a.Service, a.Name),
			coarse: coarseAPI(a.Service, a.Name)}
		info.members = []member{m}
		if m.coarse && writeLevel(m.level) {
			info.coarse = name
		}
		if m.cred {
			info.cred = name
		}
		info.pmOther = info.level == policy.AccessPermissionsManagement && !m.cred
		return info
	}
	for _, full := range a.MatchingActions() {
		svc, api, _ := strings.Cut(full, ":")
		m := member{name: full, service: svc, level: policy.AccessLevelOf(svc, api), cred: policy.IssuesCredentials(svc, api),
			coarse: coarseAPI(svc, api)}
		if m.coarse && writeLevel(m.level) && info.coarse == "" {
			info.coarse = full
		}
		if m.cred && info.cred == "" {
			info.cred = full
		}
		if m.level == policy.AccessPermissionsManagement && !m.cred {
			info.pmOther = true
			if info.pmName == "" {
				info.pmName = full
			}
		}
		info.members = append(info.members, m)
	}
	if info.level == policy.AccessPermissionsManagement && info.cred == "" {
		// The pattern's level counts APIs the catalogue does not list.
		info.pmOther = true
	}
	return info
}

// coarseAPI reports whether CAM documents the API as authorised only as a
// whole: a statement naming resources (or a resource tag) cannot scope it.
func coarseAPI(service, api string) bool {
	g := policy.APIGranularity(service, api)
	return g == policy.GranularityOperation || g == policy.GranularityService
}

// writeLevel reports whether l changes something: tagging, writes, and
// anything camkit cannot name (AccessUnknown is never under-reported).
func writeLevel(l policy.AccessLevel) bool {
	return l == policy.AccessUnknown || l >= policy.AccessTagging
}
