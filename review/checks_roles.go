package review

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// breakGlass reports whether r is a break-glass role under the configuration:
// named in BreakGlassRoles, tagged BreakGlassTagKey=BreakGlassTagValue, or
// matching BreakGlassNamePatterns. Roles declared tier 4 in Tiers.Catalog count
// too.
func (a *assessment) breakGlass(r *cam.RoleRecord) bool {
	if slices.Contains(a.cfg.BreakGlassRoles, r.Name) {
		return true
	}
	if a.cfg.BreakGlassTagKey != "" {
		for _, t := range r.Tags {
			if t.Key == a.cfg.BreakGlassTagKey && strings.EqualFold(t.Value, a.cfg.BreakGlassTagValue) {
				return true
			}
		}
	}
	if _, ok := matchName(a.cfg.BreakGlassNamePatterns, r.Name); ok {
		return true
	}
	return a.declaredBreakGlass(r)
}

// accountOf returns the owner UIN of a qcs principal ARN
// ("qcs::cam::uin/<owner>:..."), and false if it names none.
func accountOf(arn string) (uint64, bool) {
	const prefix = "qcs::cam::uin/"
	if !strings.HasPrefix(arn, prefix) {
		return 0, false
	}
	rest := arn[len(prefix):]
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	n, err := strconv.ParseUint(rest, 10, 64)
	return n, err == nil
}

// externalPrincipals lists what a trust statement trusts outside the account.
func (a *assessment) externalPrincipals(p *policy.Principal) []string {
	if p == nil {
		return nil
	}
	var out []string
	if p.Any {
		return []string{`principal "*" (anyone)`}
	}
	for _, q := range p.QCS {
		if q == "*" || strings.Contains(q, "uin/*") {
			out = append(out, fmt.Sprintf("qcs %q (anyone)", q))
			continue
		}
		owner, ok := accountOf(q)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("qcs %q (not an account ARN)", q))
		case owner != a.owner && !slices.Contains(a.cfg.TrustedAccounts, owner):
			out = append(out, fmt.Sprintf("qcs %q (account %d)", q, owner))
		}
	}
	for _, f := range p.Federated {
		if owner, ok := accountOf(f); !ok || (owner != a.owner && !slices.Contains(a.cfg.TrustedAccounts, owner)) {
			out = append(out, fmt.Sprintf("federated %q", f))
		}
	}
	for _, s := range p.Service {
		if !a.trustedService(s) {
			out = append(out, fmt.Sprintf("service %q (not an expected service)", s))
		}
	}
	return out
}

func (a *assessment) trustedService(s string) bool {
	if len(a.cfg.TrustedServices) == 0 {
		return strings.HasSuffix(s, ".qcloud.com") && !strings.Contains(s, "*")
	}
	for _, t := range a.cfg.TrustedServices {
		if ok, _ := path.Match(t, s); ok {
			return true
		}
	}
	return false
}

func (a *assessment) roleTrustExternal() {
	for i := range a.s.Roles {
		r := &a.s.Roles[i]
		if r.Trust == nil || r.Type == cam.RoleTypeServiceLinked {
			continue
		}
		var ev []string
		for j, st := range r.Trust.Statement {
			if st.Effect != policy.EffectAllow {
				continue
			}
			for _, e := range a.externalPrincipals(st.Principal) {
				ev = append(ev, fmt.Sprintf("statement[%d]: %s", j, e))
			}
		}
		if len(ev) == 0 {
			continue
		}
		a.add(CheckRoleTrustExternal, SubjectRole, r.Name, "",
			"trust policy lets principals outside the account assume the role",
			"Name only this account's users or roles, the expected accounts (Config.TrustedAccounts) and services; add a condition (source IP, expiry) where an outside party must stay.",
			ev...)
	}
}
