package roles

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// StandardOption configures [Standard].
type StandardOption func(*standardConfig)

type standardConfig struct {
	office  []string
	regions []string
	scheme  tiers.Scheme
	errs    []error
}

// WithOfficeIPs limits the production deploy role's writes to requests from
// these addresses or CIDR blocks (ip_equal on qcs:ip): the IAM guide's
// "deploy to production only from office IP ranges".
func WithOfficeIPs(cidrs ...string) StandardOption {
	return func(c *standardConfig) {
		for _, s := range cidrs {
			if _, ok := policy.ParseIPOrCIDR(s); !ok {
				c.errs = append(c.errs, invalidf("Standard: WithOfficeIPs: %q is not an IP address or CIDR block", s))
				continue
			}
			c.office = append(c.office, s)
		}
	}
}

// WithRegions limits the deploy roles' writes to resources in these regions
// (the region segment of the resource); by default they are not limited.
func WithRegions(regions ...string) StandardOption {
	return func(c *standardConfig) {
		for _, r := range regions {
			if !policy.KnownRegion(r) {
				hint := ""
				if s := policy.SuggestRegion(r); s != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", s)
				}
				c.errs = append(c.errs, invalidf("Standard: WithRegions: %q is not a CAM region%s", r, hint))
				continue
			}
			c.regions = append(c.regions, r)
		}
	}
}

// WithScheme sets how production is told from dev/test: the resource tag key
// and values the deploy roles' conditions use, and the scheme the catalog's
// tier checks use. The default is tiers.DefaultScheme() (tag "env"; "prod",
// "production" are production; "dev", "test", "staging", "qa" are not).
func WithScheme(s tiers.Scheme) StandardOption {
	return func(c *standardConfig) {
		if err := s.Validate(); err != nil {
			c.errs = append(c.errs, invalidf("Standard: WithScheme: %v", err))
			return
		}
		if s.TagKey == "" || len(s.ProductionValues) == 0 || len(s.NonProductionValues) == 0 {
			c.errs = append(c.errs, invalidf("Standard: WithScheme: the deploy roles need a TagKey with production and non-production values"))
			return
		}
		c.scheme = s
	}
}

// Standard returns the IAM guide's sample catalogue for the account ownerUIN,
// ready to plan:
//
//	role                tier        for
//	Platform-ReadOnly   ReadOnly    platform engineers, support, stakeholders
//	Billing-View        ReadOnly    finance: bills, costs, invoices
//	Security-Audit      ReadOnly    security analysts: audit logs, IAM and network configuration
//	DevOps-Deploy-Dev   DevTest     developers: deploy to non-production resources
//	DevOps-Deploy-Prod  Production  a small group: deploy to production, 1-hour sessions
//	Break-Glass-Admin   BreakGlass  emergencies only: 1-hour sessions, alerting required
//
// Each role has custom least-privilege policies (the deploy roles one for
// reads, "<Role>-Read", and one for writes, "<Role>-Write") over CVM (with its CBS
// disks), VPC, CLB, TKE, COS, Cloud Monitor, CLS, CloudAudit, the billing
// centre's finance actions and CAM reads; read lists come from the action
// catalogue (reads and lists only, never APIs that issue credentials such as
// cvm:DescribeInstanceVncUrl or tke:DescribeClusterKubeconfig). The deploy
// roles write only to resources whose environment tag (WithScheme) says
// non-production or production respectively, create resources only with that
// tag in the request; the dev role is also denied creating anything over a
// production-tagged resource, and the production role destroying anything. The auditors and break-glass admins are
// explicitly denied stopping or changing audit logging (cloudaudit:StopLogging,
// DeleteAuditTrack, ModifyAuditTrack). Every role documents its Can and
// Cannot intents, which [Catalog.Validate] checks.
//
// Break-Glass-Admin declares AuditAlerting: configure a CloudAudit alarm on
// its use (the review's event.breakglass-used finds uses after the fact).
// Standard never fails: invalid options and an ownerUIN of 0 are reported by
// [Catalog.Validate].
func Standard(ownerUIN uint64, opts ...StandardOption) *Catalog {
	cfg := standardConfig{scheme: tiers.DefaultScheme()}
	if ownerUIN == 0 {
		cfg.errs = append(cfg.errs, invalidf("Standard: ownerUIN is 0; pass the account's root UIN (cam.Snapshot.Account.OwnerUIN), which the roles' resources name"))
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := std{cfg: cfg, owner: ownerUIN, region: "ap-guangzhou"}
	if len(cfg.regions) > 0 {
		s.region = cfg.regions[0]
	}
	defs := []Definition{s.platformReadOnly(), s.billingView(), s.securityAudit(), s.deployDev(), s.deployProd(), s.breakGlass()}
	c, err := NewCatalog(defs...)
	if err != nil { // the definitions above are fixed and tested
		panic(fmt.Sprintf("roles: Standard: %v", err))
	}
	c.errs = cfg.errs
	return c.WithTierOptions(tiers.WithScheme(cfg.scheme))
}

// std builds the standard definitions.
type std struct {
	cfg    standardConfig
	owner  uint64
	region string
}

// res is a resource of the account in the first region.
func (s std) res(service, path string) string {
	return policy.NewResource(service, s.region, policy.UIN(s.owner), path).String()
}

// writeResources are the resources the deploy roles' writes may name.
func (s std) writeResources() []string {
	if len(s.cfg.regions) == 0 {
		return []string{"*"}
	}
	out := make([]string, len(s.cfg.regions))
	for i, r := range s.cfg.regions {
		out[i] = "qcs:::" + r + "::*" // every service in the region
	}
	return out
}

func (s std) tag(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = policy.ResourceTag(s.cfg.scheme.TagKey, v)
	}
	return out
}

// reads is what every operational role reads: compute, network, load
// balancers, containers, monitoring, logs and bucket configuration (not
// object data).
func (s std) reads() *readSet {
	var r readSet
	for _, svc := range []string{"cvm", "vpc", "clb", "tke", "monitor", "cls"} {
		r.add(readActions(svc, nil))
	}
	allow, deny := readPattern("cos:GetBucket*")
	r.add([]string{allow}, deny)
	r.add(knownActions("cos:GetService", "cos:HeadBucket", "cos:ListMultipartUploads"), nil)
	return &r
}

// knownActions returns the names the action catalogue knows.
func knownActions(names ...string) []string {
	var out []string
	for _, n := range names {
		svc, api, _ := strings.Cut(n, ":")
		if c, ok := policy.KnownAction(svc, api); ok {
			out = append(out, c)
		}
	}
	return out
}

func (s std) platformReadOnly() Definition {
	r := s.reads()
	r.add(readActions("cloudaudit", nil))
	r.add(readActions("cam", nil))
	doc := policy.New(r.statements()...)
	ins := s.res("cvm", "instance/ins-00000001")
	return Definition{
		Name: "Platform-ReadOnly", Tier: tiers.ReadOnly,
		Purpose:      "Read-only view of infrastructure, monitoring, logs and IAM configuration; changes nothing.",
		Holders:      []string{"platform engineers", "support", "stakeholders", "ops managers (with DevOps-Deploy-Dev)"},
		Policies:     []Policy{{Document: doc}},
		ConsoleLogin: true,
		Can: []Intent{
			Intend("See every instance.", "cvm:DescribeInstances", "*"),
			Intend("See Kubernetes clusters.", "tke:DescribeClusters", "*"),
			Intend("Read monitoring data.", "monitor:GetMonitorData", "*"),
			Intend("Search logs.", "cls:SearchLog", "*"),
			Intend("List IAM policies.", "cam:ListPolicies", "*"),
		},
		Cannot: []Intent{
			Intend("Change no resource.", "cvm:TerminateInstances", ins),
			Intend("Open no instance console (a VNC URL is a credential).", "cvm:DescribeInstanceVncUrl", ins),
			Intend("Get no cluster credentials.", "tke:DescribeClusterKubeconfig", "*"),
			Intend("Read no object data in buckets.", "cos:GetObject", "*"),
			Intend("Change no IAM policy.", "cam:AttachRolePolicy", "*"),
		},
	}
}

func (s std) billingView() Definition {
	var r readSet
	r.add(readActions("finance", nil))
	doc := policy.New(r.statements()...)
	return Definition{
		Name: "Billing-View", Tier: tiers.ReadOnly,
		Purpose:      "View bills, cost reports and invoices; no billing settings and no other service.",
		Holders:      []string{"finance"},
		Policies:     []Policy{{Document: doc}},
		ConsoleLogin: true,
		Can: []Intent{
			Intend("View bills.", "finance:DescribeBillList", "*"),
			Intend("View costs by product.", "finance:DescribeCostSummaryByProduct", "*"),
			Intend("View the account balance.", "finance:DescribeAccountBalance", "*"),
		},
		Cannot: []Intent{
			Intend("Pay or change nothing in billing.", "finance:PayDeals", "*"),
			Intend("See billing only, not infrastructure.", "cvm:DescribeInstances", "*"),
			Intend("Change no IAM policy.", "cam:CreatePolicyVersion", "*"),
		},
	}
}

func (s std) securityAudit() Definition {
	var r readSet
	r.add(readActions("cloudaudit", nil))
	r.add(readActions("cam", nil))
	r.add(readActions("cls", nil))
	r.add(readActions("vpc", func(api string) bool {
		return containsAny(api, "SecurityGroup", "FlowLog", "NetworkAcl")
	}))
	r.add(knownActions("cos:GetService", "cos:GetBucketPolicy", "cos:GetBucketACL", "cos:GetBucketLogging",
		"cos:GetBucketEncryption", "cos:GetBucketVersioning", "cvm:DescribeInstances", "cvm:DescribeKeyPairs", "cvm:DescribeImages"), nil)
	r.deny = append(r.deny, auditTamper...)
	doc := policy.New(r.statements()...)
	return Definition{
		Name: "Security-Audit", Tier: tiers.ReadOnly,
		Purpose:      "Read audit logs and security-relevant IAM, network and storage configuration; never change policies or logging.",
		Holders:      []string{"security analysts", "compliance"},
		Policies:     []Policy{{Document: doc}},
		ConsoleLogin: true,
		Can: []Intent{
			Intend("Look up audit events.", "cloudaudit:LookUpEvents", "*"),
			Intend("Read IAM policies.", "cam:GetPolicy", "*"),
			Intend("List what is attached to roles.", "cam:ListAttachedRolePolicies", "*"),
			Intend("Read security group rules.", "vpc:DescribeSecurityGroupPolicies", "*"),
			Intend("Search logs.", "cls:SearchLog", "*"),
		},
		Cannot: []Intent{
			Intend("Never stop audit logging.", "cloudaudit:StopLogging", "*"),
			Intend("Never delete an audit track.", "cloudaudit:DeleteAuditTrack", "*"),
			Intend("Never change an audit track.", "cloudaudit:ModifyAuditTrack", "*"),
			Intend("Change no policy.", "cam:CreatePolicyVersion", "*"),
			Intend("Attach no policy.", "cam:AttachUserPolicy", "*"),
			Intend("Delete no policy.", "cam:DeletePolicy", "*"),
		},
	}
}

func (s std) deployDev() Definition {
	sc := s.cfg.scheme
	dev, prod := s.tag(sc.NonProductionValues), s.tag(sc.ProductionValues)
	doc := policy.New(
		policy.Allow(collect(deployServices, deployModify, deployDestroy)...).On(s.writeResources()...).
			When(policy.StringEqual(policy.KeyResourceTag, dev...)),
		policy.Allow(collect(deployServices, deployCreate)...).On(s.writeResources()...).
			When(policy.StringEqual(policy.KeyRequestTag, dev...)),
		// Creation is scoped by the request's tag; this keeps it off
		// resources that already carry a production tag.
		policy.Deny(collect(deployServices, deployCreate)...).On("*").When(policy.StringEqual(policy.KeyResourceTag, prod...)),
	)
	ins := s.res("cvm", "instance/ins-00000001")
	devTag, prodTag := dev[0], prod[0]
	return Definition{
		Name: "DevOps-Deploy-Dev", Tier: tiers.DevTest,
		Purpose: "Deploy to dev/test: manage CVM, disks, networking, load balancers, TKE node pools, logs and alarms on resources tagged " +
			sc.TagKey + "=" + sc.NonProductionValues[0] + " (or another non-production value); read logs and monitoring.",
		Holders: []string{"developers", "platform engineers", "CI/CD for dev"},
		Policies: []Policy{
			{Name: "DevOps-Deploy-Dev-Read", Document: policy.New(s.reads().statements()...)},
			{Name: "DevOps-Deploy-Dev-Write", Document: doc},
		},
		Can: []Intent{
			Intend("Start a dev instance.", "cvm:StartInstances", ins).WithContext(policy.KeyResourceTag, devTag),
			Intend("Terminate a dev instance.", "cvm:TerminateInstances", ins).WithContext(policy.KeyResourceTag, devTag),
			Intend("Launch instances tagged dev.", "cvm:RunInstances", s.res("cvm", "instance/*")).WithContext(policy.KeyRequestTag, devTag),
			Intend("Register targets on a dev load balancer.", "clb:RegisterTargets", s.res("clb", "clb/lb-00000001")).WithContext(policy.KeyResourceTag, devTag),
			Intend("Read monitoring data.", "monitor:GetMonitorData", "*"),
			Intend("Search logs.", "cls:SearchLog", "*"),
		},
		Cannot: []Intent{
			Intend("Touch no production instance.", "cvm:StopInstances", ins).WithContext(policy.KeyResourceTag, prodTag),
			Intend("Launch nothing tagged production.", "cvm:RunInstances", s.res("cvm", "instance/*")).WithContext(policy.KeyRequestTag, prodTag),
			Intend("Change no untagged resource.", "cvm:TerminateInstances", ins),
			Intend("Change no IAM policy.", "cam:CreatePolicyVersion", "*"),
			Intend("Attach no policy to a role.", "cam:AttachRolePolicy", "*"),
			Intend("Change nothing in billing.", "finance:PayDeals", "*"),
			Intend("Get no cluster credentials.", "tke:DescribeClusterKubeconfig", "*"),
		},
		Tags: map[string]string{"env": "dev"},
	}
}

func (s std) deployProd() Definition {
	sc := s.cfg.scheme
	prod := s.tag(sc.ProductionValues)
	modify := policy.Allow(collect(deployServices, deployModify)...).On(s.writeResources()...).
		When(policy.StringEqual(policy.KeyResourceTag, prod...))
	create := policy.Allow(collect(deployServices, deployCreate)...).On(s.writeResources()...).
		When(policy.StringEqual(policy.KeyRequestTag, prod...))
	if len(s.cfg.office) > 0 {
		modify, create = modify.FromIP(s.cfg.office...), create.FromIP(s.cfg.office...)
	}
	doc := policy.New(modify, create, policy.Deny(collect(deployServices, deployDestroy)...).On("*"))
	ins := s.res("cvm", "instance/ins-00000002")
	prodTag := prod[0]
	start := Intend("Start a production instance.", "cvm:StartInstances", ins).WithContext(policy.KeyResourceTag, prodTag)
	launch := Intend("Launch instances tagged production.", "cvm:RunInstances", s.res("cvm", "instance/*")).WithContext(policy.KeyRequestTag, prodTag)
	cannot := []Intent{
		Intend("Never terminate an instance.", "cvm:TerminateInstances", ins).WithContext(policy.KeyResourceTag, prodTag),
		Intend("Never delete a cluster.", "tke:DeleteCluster", "*").WithContext(policy.KeyResourceTag, prodTag),
		Intend("Never delete a load balancer.", "clb:DeleteLoadBalancer", "*").WithContext(policy.KeyResourceTag, prodTag),
		Intend("Change no IAM policy.", "cam:CreatePolicyVersion", "*"),
		Intend("Change nothing in billing.", "finance:PayDeals", "*"),
	}
	purpose := "Deploy to production: as DevOps-Deploy-Dev but only on resources tagged " + sc.TagKey + "=" + sc.ProductionValues[0] +
		", never destroying them; one-hour sessions; holders need MFA for sensitive operations"
	if len(s.cfg.office) > 0 {
		ip := hostOf(s.cfg.office[0])
		start, launch = start.WithContext(policy.KeyIP, ip), launch.WithContext(policy.KeyIP, ip)
		if out := outsideIP(s.cfg.office); out != "" {
			cannot = append(cannot, Intend("Deploy only from the office.", "cvm:StartInstances", ins).
				WithContext(policy.KeyResourceTag, prodTag).WithContext(policy.KeyIP, out))
		}
		purpose += "; writes only from the office network"
	}
	return Definition{
		Name: "DevOps-Deploy-Prod", Tier: tiers.Production,
		Purpose: purpose + ".",
		Holders: []string{"senior platform engineers (a small group)", "CI/CD for production"},
		Policies: []Policy{
			{Name: "DevOps-Deploy-Prod-Read", Document: policy.New(s.reads().statements()...)},
			{Name: "DevOps-Deploy-Prod-Write", Document: doc},
		},
		SessionDuration: time.Hour,
		Can: []Intent{start, launch,
			Intend("Read monitoring data.", "monitor:GetMonitorData", "*")},
		Cannot: cannot,
		Tags:   map[string]string{"env": "prod"},
	}
}

func (s std) breakGlass() Definition {
	doc := policy.New(
		policy.Allow("*").On("*"),
		policy.Deny(auditTamper...).On("*"),
	)
	return Definition{
		Name: "Break-Glass-Admin", Tier: tiers.BreakGlass,
		Purpose:         "Emergency administration only: rare, time-limited (at most 24 hours), one-hour sessions, every use alerted and documented; cannot stop audit logging.",
		Holders:         []string{"at most two named on-call leads, by ticket"},
		Policies:        []Policy{{Document: doc}},
		SessionDuration: time.Hour,
		ConsoleLogin:    true,
		AuditAlerting:   true,
		Can: []Intent{
			Intend("Repair IAM in an emergency.", "cam:AttachUserPolicy", "*"),
			Intend("Stop a runaway instance.", "cvm:StopInstances", s.res("cvm", "instance/ins-00000002")),
		},
		Cannot: []Intent{
			Intend("Never stop audit logging, even in an emergency.", "cloudaudit:StopLogging", "*"),
			Intend("Never delete an audit track.", "cloudaudit:DeleteAuditTrack", "*"),
		},
	}
}

// hostOf returns an address inside an office range, for the Can intents.
func hostOf(cidr string) string {
	if p, err := netip.ParsePrefix(cidr); err == nil {
		a := p.Masked().Addr()
		if next := a.Next(); next.IsValid() && p.Contains(next) {
			a = next
		}
		return a.String()
	}
	return cidr
}

// outsideIP returns a documentation address (RFC 5737) outside every office
// range, or "" if they cover them all.
func outsideIP(office []string) string {
	for _, cand := range []string{"203.0.113.77", "198.51.100.7", "192.0.2.9"} {
		a := netip.MustParseAddr(cand)
		inside := false
		for _, o := range office {
			if p, ok := policy.ParseIPOrCIDR(o); ok && p.Contains(a) {
				inside = true
			}
		}
		if !inside {
			return cand
		}
	}
	return ""
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if len(x) <= len(s) {
			for i := 0; i+len(x) <= len(s); i++ {
				if s[i:i+len(x)] == x {
					return true
				}
			}
		}
	}
	return false
}
