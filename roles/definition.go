package roles

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/tiers"
)

// MaxSessionDuration is the longest role session CAM allows (CreateRole's
// SessionDuration, 43,200 s).
const MaxSessionDuration = 12 * time.Hour

// Intent is one documented thing a role can or cannot do: a request (action,
// resource and context) and a sentence saying why. A [Catalog] checks every
// Can intent is allowed and every Cannot intent denied by the role's own
// policies, so the documentation cannot drift from the policies.
type Intent struct {
	// Request is what is attempted.
	Request policy.Request
	// Why is one sentence for the role's documentation.
	Why string
}

// Intend returns an Intent for action on resource, explained by why.
func Intend(why, action, resource string) Intent {
	return Intent{Why: why, Request: policy.Request{Action: action, Resource: resource}}
}

// WithContext returns a copy of i whose request also carries the condition
// key with values (for example "qcs:ip" or "qcs:resource_tag").
func (i Intent) WithContext(key string, values ...string) Intent {
	out := i
	out.Request.Context = make(map[string][]string, len(i.Request.Context)+1)
	for k, v := range i.Request.Context {
		out.Request.Context[k] = slices.Clone(v)
	}
	out.Request.Context[key] = append(slices.Clone(out.Request.Context[key]), values...)
	return out
}

// Policy is one policy of a role: either a custom Document that camkit creates
// and keeps up to date, or a Tencent preset policy named by Preset. Exactly one
// of Document and Preset is set.
type Policy struct {
	// Name is the CAM policy name of a custom Document; empty means
	// "<Role>-Policy" for a role's first custom policy and "<Role>-Policy<n>"
	// for its n-th. For a preset, Name is ignored (the preset's name is used).
	Name string
	// Document is a custom policy, built with package policy.
	Document *policy.Document
	// Preset names a Tencent preset policy ("QcloudCVMReadOnlyAccess"). Its
	// document comes from [Catalog.WithPresets]; its ID from the snapshot or
	// the resolver.
	Preset string
}

// Definition is one role as a team means it: a name, a tier, what it is for,
// who should hold it, what it can and cannot do, and how CAM should hold it.
type Definition struct {
	// Name is the role name; it must follow the catalog's [Convention].
	Name string
	// Tier is the role's declared tier; [Catalog.Validate] checks its policies
	// fit it and the role meets its requirements.
	Tier tiers.Tier
	// Purpose is one or two sentences on what the role is for; it becomes the
	// role's CAM description (at most 300 bytes).
	Purpose string
	// Holders says who should hold the role ("developers", "the on-call
	// lead"); documentation only. Who does hold it is given by [Assignment]s.
	Holders []string
	// Can lists requests the role must be allowed.
	Can []Intent
	// Cannot lists requests the role must be denied.
	Cannot []Intent
	// Policies are the role's policies.
	Policies []Policy
	// Trust is who may assume the role besides the assigned users, as a trust
	// policy (built with policy.Trust); nil means only assigned users (see
	// [Catalog.Plan] for a role that nobody is assigned).
	Trust *policy.Document
	// SessionDuration is the longest session; 0 leaves CAM's default (2 h).
	SessionDuration time.Duration
	// ConsoleLogin allows signing in to the console with the role.
	ConsoleLogin bool
	// Tags are set on the role, besides camkit's own ([ManagedTagKey],
	// [TierTagKey]).
	Tags map[string]string
	// Boundary is an optional permission boundary; camkit creates it as the
	// custom policy "<Role>-Boundary".
	Boundary *policy.Document
	// AuditAlerting declares that alerting on the role's use is configured
	// (CloudAudit event alarms); tier 4 requires it.
	AuditAlerting bool
}

// clone returns a deep copy of d (documents are cloned, so a caller cannot
// change a catalog through a returned Definition).
func (d Definition) clone() Definition {
	out := d
	out.Holders = slices.Clone(d.Holders)
	out.Can = cloneIntents(d.Can)
	out.Cannot = cloneIntents(d.Cannot)
	out.Policies = make([]Policy, len(d.Policies))
	for i, p := range d.Policies {
		out.Policies[i] = p
		if p.Document != nil {
			out.Policies[i].Document = p.Document.Clone()
		}
	}
	if d.Trust != nil {
		out.Trust = d.Trust.Clone()
	}
	if d.Boundary != nil {
		out.Boundary = d.Boundary.Clone()
	}
	out.Tags = maps.Clone(d.Tags)
	return out
}

func cloneIntents(in []Intent) []Intent {
	if in == nil {
		return nil
	}
	out := make([]Intent, len(in))
	for i, x := range in {
		out[i] = x
		if x.Request.Context != nil {
			out[i].Request.Context = make(map[string][]string, len(x.Request.Context))
			for k, v := range x.Request.Context {
				out[i].Request.Context[k] = slices.Clone(v)
			}
		}
	}
	return out
}

// PolicyName returns the CAM name of the role's i-th policy: the preset's
// name, the custom policy's Name, or "<Role>-Policy" / "<Role>-Policy<n>".
// It returns "" when i is not an index of Policies.
func (d Definition) PolicyName(i int) string {
	if i < 0 || i >= len(d.Policies) {
		return ""
	}
	p := d.Policies[i]
	if p.Preset != "" {
		return p.Preset
	}
	if p.Name != "" {
		return p.Name
	}
	n := 0
	for j := 0; j <= i; j++ {
		if d.Policies[j].Preset == "" && d.Policies[j].Name == "" {
			n++
		}
	}
	if n == 1 {
		return d.Name + "-Policy"
	}
	return d.Name + "-Policy" + strconv.Itoa(n)
}

// BoundaryName returns the CAM name of the role's boundary policy,
// "<Role>-Boundary".
func (d Definition) BoundaryName() string { return d.Name + "-Boundary" }
