package policy

import (
	"slices"
	"strings"
)

// KnownService reports whether service is a CAM service prefix camkit knows:
// a service of the action catalogue (every Tencent Cloud API 3.0 service, under
// its CAM prefix) or a product Tencent's CAM pages list. The comparison ignores
// case. A known service may still have actions the catalogue does not list; see
// [ServiceActionsComplete].
func KnownService(service string) bool {
	_, ok := catalogIndex().service(service)
	return ok
}

// ServiceActionsComplete reports whether the catalogue lists every action of
// service, so that an action of service it does not know is a mistake. It is
// true for the services whose actions come from the Tencent Cloud SDK and false
// for services camkit knows only from Tencent's CAM pages (COS's CAM actions
// are hand-kept from COS's CAM pages and count as complete).
func ServiceActionsComplete(service string) bool {
	s, ok := catalogIndex().service(service)
	return ok && s.complete
}

// SuggestAction returns the real action nearest to action ("service:ApiName",
// optionally with a '*' pattern in the API name), or "" when none is close.
// The comparison ignores case and allows a few typing mistakes:
// "cvm:StopInstnaces" gives "cvm:StopInstances", "cmv:StopInstances" gives
// "cvm:StopInstances", "ec2:StopInstances" gives "cvm:StopInstances" (AWS
// service names map to their Tencent Cloud counterparts), and the pattern
// "cvm:Stpo*" gives "cvm:Stop*". An action that is already known gives "".
func SuggestAction(action string) string {
	service, api, ok := strings.Cut(action, ":")
	if !ok || service == "" || api == "" || strings.Contains(service, "*") {
		return ""
	}
	c := catalogIndex()
	var services []string
	if s, ok := c.service(service); ok {
		services = []string{s.name}
	} else {
		services = c.closeServices(service)
	}
	for _, svc := range services {
		if got := c.suggestInService(svc, api); got != "" {
			if strings.EqualFold(got, action) {
				return ""
			}
			return got
		}
	}
	if strings.Contains(api, "*") || len(services) > 0 {
		return ""
	}
	// An unknown service with no close name: the same API name elsewhere.
	for _, s := range c.services {
		if e, ok := c.lookup(s, api); ok {
			return e.canonical
		}
	}
	return ""
}

// closeServices returns the known services an unknown service name may have
// meant, best first: the prefix CAM uses for an SDK package ("cbs" is cvm),
// the Tencent Cloud counterpart of an AWS service, then every known prefix
// within suggestion distance, nearest first.
func (c *catalog) closeServices(service string) []string {
	lower := strings.ToLower(service)
	var out []string
	if s, ok := c.aliases[lower]; ok {
		out = append(out, s)
	}
	if s, ok := awsServices[lower]; ok {
		out = append(out, s)
	}
	limit := suggestLimit(len(service))
	for d := 1; d <= limit; d++ {
		for _, name := range c.knownNames {
			if suggestDistance(service, name, d) == d {
				out = append(out, name)
			}
		}
	}
	return out
}

// suggestInService returns the nearest action of service to api, a pattern
// keeping its '*', or "" when none is close.
func (c *catalog) suggestInService(service, api string) string {
	names := c.byService[service]
	if star := strings.IndexByte(api, '*'); star >= 0 {
		literal, rest := api[:star], api[star:]
		if len(literal) < 4 {
			return "" // too short to tell a typing mistake from another verb
		}
		for _, n := range names {
			if globMatchFold(api, n) {
				return service + ":" + api // the pattern matches: nothing to suggest
			}
		}
		prefixes := make([]string, 0, len(names))
		for _, n := range names {
			if len(n) >= len(literal) {
				prefixes = append(prefixes, n[:len(literal)])
			}
		}
		if p, ok := nearest(literal, prefixes); ok {
			return service + ":" + p + rest
		}
		return ""
	}
	if e, ok := c.lookup(service, api); ok {
		return e.canonical
	}
	if n, ok := nearest(api, names); ok {
		return service + ":" + n
	}
	return ""
}

// awsServices maps AWS IAM service prefixes people write out of habit to the
// Tencent Cloud service that does the same job. Source: Tencent Cloud's own
// "AWS to Tencent Cloud service mapping" comparisons of equivalent products
// (EC2/CVM, S3/COS, IAM/CAM, Lambda/SCF, RDS/CDB, EKS/TKE, CloudTrail/CloudAudit,
// CloudWatch/Monitor, CloudWatch Logs/CLS, Secrets Manager/SSM, ELB/CLB).
var awsServices = map[string]string{
	"ec2": "cvm", "s3": "cos", "iam": "cam", "lambda": "scf", "rds": "cdb", "eks": "tke",
	"cloudtrail": "cloudaudit", "cloudwatch": "monitor", "logs": "cls",
	"secretsmanager": "ssm", "elasticloadbalancing": "clb", "ecr": "tcr",
	"dynamodb": "tcaplusdb", "elasticache": "redis", "route53": "dnspod",
	"cloudfront": "cdn", "sqs": "cmqqueue", "sns": "cmqtopic",
}

// SuggestService returns the CAM service prefix nearest to service ("cvm" for
// "cmv" or "CVM", "cvm" for the SDK package "cbs" whose APIs CAM authorises
// as cvm actions, "finance" for "billing", "cos" for the AWS name "s3"), or ""
// when none is close or service is already a known prefix as written.
func SuggestService(service string) string {
	if service == "" || strings.Contains(service, "*") {
		return ""
	}
	c := catalogIndex()
	if s, ok := c.service(service); ok {
		if s.name == service {
			return ""
		}
		return s.name
	}
	lower := strings.ToLower(service)
	if s, ok := c.aliases[lower]; ok {
		return s
	}
	if s, ok := awsServices[lower]; ok {
		return s
	}
	s, _ := nearest(service, c.knownNames)
	return s
}

// ServiceTagAuthorization tells whether service supports authorisation by
// tag, as Tencent's overview of the products that support CAM states it; see
// [TagSupport]. Services the overview does not list are [TagUnknown].
func ServiceTagAuthorization(service string) TagSupport {
	s, _ := catalogIndex().service(service)
	return s.tag
}

// APIGranularity returns the authorisation granularity Tencent's CAM page of
// service states for the API api, or [GranularityUnknown] when the page does
// not list it or states it inconsistently (an "operation-level" row that
// names specific resources is not trusted). Names are compared without regard
// to case.
func APIGranularity(service, api string) Granularity {
	e, _ := catalogIndex().lookup(service, api)
	return e.gran
}

// ResourceServiceTypes returns the service_type segments (the third segment of
// "qcs:project:service_type:region:account:resource") that resources named for
// actions of service may carry, sorted. It always includes service itself
// (lowercase) and adds the types Tencent documents for the service's APIs:
// STS actions name CAM roles ("cam"), TKE actions CVM instances and
// clusters under "ccs", DBbrain actions MySQL instances ("cdb"), and so on.
func ResourceServiceTypes(service string) []string {
	service = strings.ToLower(service)
	out := []string{service}
	if s, ok := catalogIndex().service(service); ok {
		out = append(out, s.resourceTypes...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ReadOnlyAction reports whether CAM counts the API api as read-only, the value
// of the condition key [KeyReadOnlyAction]: whether its name starts with one of
// the verbs Check, List, Describe, Search, Get, BatchGet, Query, BatchQuery,
// Download, Export, View, Inquiry, Inquire, Compare, Verify or Validate,
// as a whole word (followed by an upper-case letter or the end of the name)
// ("DescribeInstances" yes, "Getaway" no). The service is not consulted: CAM
// derives the key from the verb alone. A name that does not start with an
// upper-case letter is judged by the catalogue's spelling ("describeinstances"
// is read-only as DescribeInstances is); others as written, so case matters.
func ReadOnlyAction(service, api string) bool {
	if len(api) > 0 && (api[0] < 'A' || api[0] > 'Z') {
		// Not written in CamelCase: judge the catalogue's spelling.
		if e, ok := catalogIndex().lookup(service, api); ok {
			api = e.canonical[strings.IndexByte(e.canonical, ':')+1:]
		}
	}
	return readOnlyVerb(api)
}

// readOnlyVerb reports whether api starts with a verb from which CAM derives
// qcs:read_only_action = 1: Tencent's preset-policy documentation (product
// 598, document 105584) lists Check, List, Describe, Search, Get, BatchGet,
// Query, BatchQuery, Download, Export, View, Inquiry, Inquire, Compare, Verify
// and Validate.
func readOnlyVerb(api string) bool {
	if api == "" {
		return false
	}
	end := nextWord(api, 0)
	switch api[:end] {
	case "Check", "List", "Describe", "Search", "Get", "Query", "Download", "Export",
		"View", "Inquiry", "Inquire", "Compare", "Verify", "Validate":
		return true
	case "Batch":
		if end < len(api) {
			switch api[end:nextWord(api, end)] {
			case "Get", "Query":
				return true
			}
		}
	}
	return false
}

// IssuesCredentials reports whether the API hands its caller credentials that
// act with more than the caller's own rights or outlive the request: temporary
// keys of a role (sts:AssumeRole), access keys (cam:CreateAccessKey), a
// cluster's admin certificate or kubeconfig (tke:DescribeClusterKubeconfig,
// tke:DescribeClusterSecurity, tke:AcquireClusterAdminRole), a VNC console URL
// (cvm:DescribeInstanceVncUrl), plaintext key material
// (kms:GetDataKeyPlaintext) and similar. Such APIs are
// [AccessPermissionsManagement] whatever their verb says. Names are compared
// without regard to case.
func IssuesCredentials(service, api string) bool {
	var buf [96]byte
	_, ok := credentialIssuers[string(appendLowerKey(buf[:0], service, api))]
	return ok
}
