package policy

import (
	"slices"
	"strings"
)

// loadServices fills the service and granularity tables from the generated
// texts (catalog_gen.go) and the hand-kept tables below.
func (c *catalog) loadServices() {
	c.known = make(map[string]serviceInfo)
	c.granularity = make(map[string]Granularity)
	for _, svc := range c.services {
		c.known[svc] = serviceInfo{name: svc, complete: true}
	}
	for line := range strings.Lines(catalogServicesText) {
		name, tag, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		s := c.known[name]
		s.name = name
		switch tag {
		case "y":
			s.tag = TagSupported
		case "n":
			s.tag = TagUnsupported
		}
		c.known[name] = s
	}
	for line := range strings.Lines(catalogGranularityText) {
		key, g, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		switch g {
		case "r":
			c.granularity[strings.ToLower(key)] = GranularityResource
		case "o":
			c.granularity[strings.ToLower(key)] = GranularityOperation
		case "s":
			c.granularity[strings.ToLower(key)] = GranularityService
		}
	}
	for svc, types := range extraResourceTypes {
		s := c.known[svc]
		s.name = svc
		s.resourceTypes = types
		c.known[svc] = s
	}
	for name := range c.known {
		c.knownNames = append(c.knownNames, name)
	}
	slices.Sort(c.knownNames)
}

// extraResourceTypes lists, per service, the service_type segments of other
// services its actions name, from the resource formats on Tencent's CAM pages
// (cam-enabled-apis.tsv): TKE actions name clusters under "ccs" and CVM and CLB
// instances, DBbrain names MySQL ("cdb") instances, CLB names CVM instances,
// TAT names CVM and Lighthouse instances, CVM and VPC name each other's
// resources. STS actions act on CAM roles (qcs::cam::uin/...:roleName/...),
// from CAM's AssumeRole documentation.
var extraResourceTypes = map[string][]string{
	"sts":     {"cam"},
	"tke":     {"ccs", "clb", "cvm"},
	"dbbrain": {"cdb"},
	"clb":     {"cvm"},
	"tat":     {"cvm", "lighthouse"},
	"cvm":     {"vpc"},
	"vpc":     {"cvm"},
}

// credentialIssuers lists, as lowercase "service:apiname", the APIs that hand
// out credentials (see [IssuesCredentials]).
var credentialIssuers = map[string]struct{}{
	"sts:assumerole": {}, "sts:assumerolewithsaml": {}, "sts:assumerolewithwebidentity": {},
	"sts:getfederationtoken": {}, "cam:createaccesskey": {},
	"tke:describeclusterkubeconfig": {}, "tke:describeclustersecurity": {},
	"tke:acquireclusteradminrole": {}, "cvm:describeinstancevncurl": {},
	"kms:getdatakeyplaintext": {},
}
