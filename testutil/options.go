package testutil

import (
	"time"

	"github.com/camkit/camkit/policy"
)

// Option adds to the request an assertion evaluates: its context keys and
// calling principal. Options apply in order; a later option for the same key
// replaces an earlier one, except [WithResourceTag] and [WithRequestTag],
// which add a tag each.
type Option func(*request)

// request is what the options build: the context on top of the subject's
// base context, and the principal.
type request struct {
	ctx       map[string][]string
	principal string
}

func (r *request) set(key string, values []string) {
	if r.ctx == nil {
		r.ctx = make(map[string][]string, 4)
	}
	r.ctx[key] = values
}

func (r *request) add(key, value string) {
	if r.ctx == nil {
		r.ctx = make(map[string][]string, 4)
	}
	r.ctx[key] = append(r.ctx[key], value)
}

// WithIP sets the request's source address, the condition key "qcs:ip".
func WithIP(ip string) Option {
	return func(r *request) { r.set(policy.KeyIP, []string{ip}) }
}

// At sets the time CAM receives the request, the condition key
// "qcs:current_time", written as [policy.FormatDate] writes it.
func At(t time.Time) Option {
	v := policy.FormatDate(t)
	return func(r *request) { r.set(policy.KeyCurrentTime, []string{v}) }
}

// WithResourceTag adds a tag of the resource: the value "key&value" of
// "qcs:resource_tag" (the evaluator answers "qcs:resource_tag/key" from it).
// Call it once per tag.
func WithResourceTag(key, value string) Option {
	return func(r *request) { r.add(policy.KeyResourceTag, policy.ResourceTag(key, value)) }
}

// WithRequestTag adds a tag passed in the request: the value "key&value" of
// "qcs:request_tag" (the evaluator answers "qcs:request_tag/key" from it).
// Call it once per tag.
func WithRequestTag(key, value string) Option {
	return func(r *request) { r.add(policy.KeyRequestTag, policy.RequestTag(key, value)) }
}

// WithContext sets a condition key to the given values ("cvm:region",
// "qcs:mfa", ...). With no values the key is removed, so the request lacks it
// even if the subject's base context supplies it (see [Harness]).
func WithContext(key string, values ...string) Option {
	vals := append([]string(nil), values...)
	return func(r *request) { r.set(key, vals) }
}

// AsPrincipal names the calling principal ("qcs::cam::uin/<owner>:uin/<sub>",
// a service such as "cvm.qcloud.com", ...). Identity policies ignore it; it
// matters for statements with a principal element (trust policies).
func AsPrincipal(principal string) Option {
	return func(r *request) { r.principal = principal }
}

// build applies opts on top of base. Without options it returns base itself
// (shared and read-only), so an assertion without options allocates nothing.
func build(base map[string][]string, opts []Option) (map[string][]string, string) {
	return buildWith(base, nil, opts)
}

// buildWith layers ctx and then opts on top of base. When only one of base
// and ctx has keys and there are no options, that map is used as it is
// (requests never modify their context).
func buildWith(base, ctx map[string][]string, opts []Option) (map[string][]string, string) {
	if len(opts) == 0 {
		switch {
		case len(ctx) == 0:
			return base, ""
		case len(base) == 0:
			return ctx, ""
		}
	}
	var r request
	for _, o := range opts {
		if o != nil {
			o(&r)
		}
	}
	switch {
	case len(r.ctx) == 0 && len(ctx) == 0:
		return base, r.principal
	case len(r.ctx) == 0 && len(base) == 0:
		return ctx, r.principal
	}
	out := make(map[string][]string, len(base)+len(ctx)+len(r.ctx))
	for _, layer := range [...]map[string][]string{base, ctx, r.ctx} {
		for k, v := range layer {
			if len(v) == 0 {
				delete(out, k)
				continue
			}
			out[k] = v
		}
	}
	return out, r.principal
}
