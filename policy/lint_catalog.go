package policy

import (
	"maps"
	"slices"
	"strings"
)

// Rules that check names against Tencent Cloud's catalogue: services,
// actions, the resources an action can name, regions, and what CAM's product
// pages say about authorisation granularity and tags. Each looks at every
// action and resource once, so they are linear in the document's size.

// lintDenyNote qualifies an unknown-name message by the statement's effect.
func lintDenyNote(e Effect) string {
	if e == EffectDeny {
		return "so this deny never applies"
	}
	return "so this grants nothing"
}

// unknownNames reports services and actions Tencent Cloud does not have
// (RuleUnknownService, RuleUnknownAction), with the nearest real name.
func (l *linter) unknownNames(rule string) {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for _, a := range ls.actions {
			if a.All || a.PermID || a.Service == "*" || strings.Contains(a.Service, "*") {
				continue
			}
			known := KnownService(a.Service) || lintLegacyService(a.Service)
			switch {
			case rule == RuleUnknownService && !known:
				hint := ""
				if s := l.suggest("a", a.body, SuggestAction); s != "" {
					hint = "; did you mean " + quote(s) + "?"
				} else if s := l.suggest("e", a.Name, lintSameAPIElsewhere); s != "" {
					hint = "; did you mean " + quote(s) + "?"
				} else if s := SuggestService(a.Service); s != "" {
					hint = "; did you mean the service " + quote(s) + "?"
				}
				l.report(rule, ls.actionPath(a), "%s: Tencent Cloud has no service %s, %s%s",
					quote(a.Raw), quote(a.Service), lintDenyNote(ls.Effect), hint)
			case rule == RuleUnknownAction && known && ServiceActionsComplete(a.Service):
				l.unknownAction(ls, a)
			}
		}
	}
}

// unknownAction reports an action, or a pattern, that matches no catalogued
// action of its service when it is a slip of the keyboard away from one that
// exists: one character wrong, missing, extra or swapped with its neighbour
// ("cvm:StopInstnaces", "cvm:Stpo*"). Other unknown names are not reported:
// CAM still honours API 2.0 and console actions that no catalogue lists
// ("vpc:DescribeVpcEx", "cls:getTopic"), so a name camkit does not know is not
// proof that Tencent Cloud has no such action; nor is a singular or plural of a
// real name ("kms:ListKey" beside kms:ListKeys), which legacy APIs often are.
func (l *linter) unknownAction(ls *lintStatement, a lintAction) {
	if a.Wildcard() {
		if lintMatchesAny(a.Action) {
			return
		}
	} else if _, ok := KnownAction(a.Service, a.Name); ok {
		return
	}
	near := l.suggest("a", a.body, SuggestAction)
	_, nearAPI, _ := strings.Cut(near, ":")
	if near == "" || !lintTypo(a.Name, nearAPI) {
		return
	}
	what := quote(a.Raw) + ": " + a.Service + " has no action " + quote(a.Name)
	if a.Wildcard() {
		what = quote(a.Raw) + " matches no action of " + a.Service
	}
	l.report(RuleUnknownAction, ls.actionPath(a), "%s, %s; did you mean %s?", what, lintDenyNote(ls.Effect), quote(near))
}

// suggest returns find(name), computed once per Lint call for each kind and
// name: a document often repeats its mistakes, and a nearest-name search
// reads thousands of catalogue names.
func (l *linter) suggest(kind, name string, find func(string) string) string {
	key := kind + ":" + name
	if s, ok := l.suggestions[key]; ok {
		return s
	}
	if l.suggestions == nil {
		l.suggestions = map[string]string{}
	}
	s := find(name)
	l.suggestions[key] = s
	return s
}

// lintTypo reports whether written is one slip from real: one character
// wrong, missing, extra or swapped with its neighbour, ignoring case, and not
// a singular or plural of it.
func lintTypo(written, real string) bool {
	if real == "" || suggestDistance(written, real, 1) != 1 {
		return false
	}
	w, r := strings.ToLower(written), strings.ToLower(real)
	for _, suffix := range [...]string{"s", "es"} {
		if w+suffix == r || r+suffix == w {
			return false
		}
	}
	return true
}

// lintLegacyServices are CAM service prefixes that Tencent's published CAM
// documentation uses but that neither the SDK nor CAM's overview of products
// lists: older products and older prefixes CAM still honours. Sources:
// Tencent Cloud documentation pages (github.com/tencentyun/intlcloud-documents)
// "TKE image registry resource-level permissions" (ccr), "Granting a sub-account
// read-only access to all resources" (cbm, ccs, snova, shield, bgpip, ccb),
// Archive Storage "Get Vault Access Policy" (cas), and the Mini Game Online
// Battle Engine's "Access control examples" (mgobe).
var lintLegacyServices = []string{"bgpip", "cas", "cbm", "ccb", "ccr", "ccs", "mgobe", "shield", "snova"}

func lintLegacyService(service string) bool {
	return slices.Contains(lintLegacyServices, strings.ToLower(service))
}

// lintSameAPIElsewhere returns the one catalogued action, of any service,
// whose API name is api ("cvm:CreateDisks" for "cbs:CreateDisks", whose SDK
// package is not its CAM prefix), or "" when none or several have it.
func lintSameAPIElsewhere(api string) string {
	if strings.Contains(api, "*") {
		return ""
	}
	found := ""
	for _, svc := range catalogIndex().services {
		if c, ok := KnownAction(svc, api); ok {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// lintMatchesAny reports whether the pattern a matches a catalogued action,
// ignoring case, without listing them.
func lintMatchesAny(a Action) bool {
	svc := strings.ToLower(a.Service)
	pattern := a.Name
	for _, name := range catalogIndex().byService[svc] {
		if globMatchFold(pattern, name) {
			return true
		}
	}
	return false
}

// lintResourceService returns the lowercase service_type of r when it is a
// plain name (no wildcard, no variable), or "".
func lintResourceService(r Resource) string {
	if r.All || r.Service == "" || strings.ContainsAny(r.Service, "*$") {
		return ""
	}
	return strings.ToLower(r.Service)
}

// lintCrossProductServices act on other products' resources by design, so
// a statement naming only resources of other services is how they are
// written: monitor reads other products' metrics (CKafka's CAM page grants
// monitor:GetMonitorData on ckafka instances), finance and billing pay for
// them (CAM's finance examples name clb, cvm and vpc resources), and tag tags
// them.
var lintCrossProductServices = []string{"billing", "finance", "monitor", "tag"}

// lintServiceFamilies are groups of services that name one another's
// resources: the bare-metal products create load balancers, addresses and
// machines in one another's networks.
var lintServiceFamilies = [][]string{{"bm", "bmeip", "bmlb", "bmvpc"}}

// lintFits reports whether an action of a service that may name resources of
// types can name a resource of service svc.
func lintFits(types []string, svc string) bool {
	if slices.Contains(types, svc) {
		return true
	}
	for _, family := range lintServiceFamilies {
		if slices.Contains(family, svc) {
			for _, t := range types {
				if slices.Contains(family, t) {
					return true
				}
			}
		}
	}
	return false
}

// resourceOtherService reports an action whose statement names only
// resources of services it cannot act on (cos:GetObject on a cvm instance):
// CAM never matches them, so the action is granted or denied nowhere. Which
// resource types a service's actions may name is [ResourceServiceTypes];
// resources whose service segment is empty, a wildcard or a variable fit any
// action, and services that act on other products' resources by design
// (monitor, finance, billing, tag) are not judged.
func (l *linter) resourceOtherService() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		if ls.anyRes || len(ls.resources) == 0 {
			continue
		}
		// The statement's distinct resource services, once: each action is
		// then checked against them, not against every resource.
		var named []string
		open := false
		for _, r := range ls.resources {
			switch svc := lintResourceService(r); {
			case svc == "":
				open = true
			case !slices.Contains(named, svc):
				named = append(named, svc)
			}
		}
		if open {
			continue // a resource of any service fits every action
		}
		for _, a := range ls.actions {
			if a.All || a.PermID || strings.Contains(a.Service, "*") ||
				slices.Contains(named, strings.ToLower(a.Service)) || // the common case
				!KnownService(a.Service) || slices.Contains(lintCrossProductServices, strings.ToLower(a.Service)) {
				continue
			}
			types := ResourceServiceTypes(a.Service)
			fits := false
			for _, svc := range named {
				if lintFits(types, svc) {
					fits = true
					break
				}
			}
			if !fits {
				l.report(RuleResourceOtherService, ls.actionPath(a), "%s acts on %s resources, but the statement names only %s resources, so it applies to none of them",
					quote(a.Raw), strings.Join(types, "/"), strings.Join(named, ", "))
			}
		}
	}
}

// resourceUnknownRegion reports a region segment that names no Tencent Cloud
// region.
func (l *linter) resourceUnknownRegion() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for j, r := range ls.resources {
			if r.All || r.Region == "" || strings.ContainsAny(r.Region, "*$") || KnownRegion(r.Region) ||
				slices.Contains(lintLegacyRegions, r.Region) {
				continue
			}
			hint := ""
			if s := l.suggest("r", r.Region, SuggestRegion); s != "" {
				hint = "; did you mean " + quote(s) + "?"
			}
			l.report(RuleResourceUnknownRegion, pathIndex(pathField(ls.path, "resource"), ls.resIndex[j]), "region %s is not a Tencent Cloud region, so the resource matches nothing%s",
				quote(r.Region), hint)
		}
	}
}

// lintLegacyRegions are the older region names Tencent's documentation still
// uses in resources: the short names of CAM's early examples and of CMQ's
// regional endpoints ("gz", "sh", "bj", "cd", "hk", "sg", as in
// "qcs::cmqqueue:bj:uin/1238423:queueName/..."), and COS's
// former region names, which COS's "Regions and Access Endpoints" page maps to
// the current IDs (cn-east is ap-shanghai, cn-south ap-guangzhou, cn-north
// ap-beijing, cn-southwest ap-chengdu, sg ap-singapore).
var lintLegacyRegions = []string{
	"bj", "cd", "gz", "hk", "sg", "sh",
	"cn-east", "cn-north", "cn-south", "cn-southwest",
}

// operationLevelOnResource reports an allow of an operation-level API on
// specific resources only: CAM authorises such an API only by a statement
// whose resource is "*", so the allow grants nothing.
func (l *linter) operationLevelOnResource() {
	l.allowActions(func(ls *lintStatement, a lintAction) {
		if ls.anyRes || len(ls.resources) == 0 || a.All || a.PermID || a.Wildcard() {
			return
		}
		switch APIGranularity(a.Service, a.Name) {
		case GranularityOperation:
			l.report(RuleOperationLevelResource, ls.actionPath(a), "%s is authorised at operation level: CAM grants it only by a statement whose resource is \"*\", so naming specific resources grants nothing; allow it in a statement on \"*\"",
				quote(a.Raw))
		case GranularityService:
			l.report(RuleOperationLevelResource, ls.actionPath(a), "%s is authorised at service level: CAM grants it only on resource \"*\", so naming specific resources grants nothing; allow it in a statement on \"*\"",
				quote(a.Raw))
		}
	})
}

// tagUnsupported reports a resource-tag condition on an allow of a service
// that does not support authorisation by tag: the condition never holds for
// its resources, so the allow never applies to them.
func (l *linter) tagUnsupported() {
	for i := range l.stmts {
		ls := &l.stmts[i]
		if ls.Effect != EffectAllow || len(ls.Condition) == 0 {
			continue
		}
		var services []string
		for _, a := range ls.actions {
			if a.All || a.PermID || strings.Contains(a.Service, "*") {
				continue
			}
			svc := strings.ToLower(a.Service)
			if !slices.Contains(services, svc) && ServiceTagAuthorization(svc) == TagUnsupported {
				services = append(services, svc)
			}
		}
		if len(services) == 0 {
			continue
		}
		for _, opName := range slices.Sorted(maps.Keys(ls.Condition)) {
			op, err := ParseOperator(opName)
			if err != nil || op.Op.Negated() || op.IfExist || op.Op == OpNullEqual {
				continue // these can hold when the tag is absent
			}
			keys := ls.Condition[opName]
			for _, key := range slices.Sorted(maps.Keys(keys)) {
				if key != KeyResourceTag && !strings.HasPrefix(key, KeyResourceTag+"/") {
					continue
				}
				l.report(RuleTagUnsupported, pathKey(pathField(pathField(ls.path, "condition"), opName), key),
					"%s does not support authorisation by tag (Tencent's CAM overview), so this resource-tag condition never holds for it and the allow never applies; grant it by resource name instead",
					strings.Join(services, ", "))
			}
		}
	}
}
