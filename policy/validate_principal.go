package policy

import "strings"

// principalARN is a parsed qcs or federated principal entry:
// "qcs::cam::uin/<Owner>:<Kind>/<Name>", "qcs::cam::uin/<Owner>:root" or
// "qcs::cam::anyone:anyone".
type principalARN struct {
	Anyone bool   // qcs::cam::anyone:anyone
	Owner  string // the owner account's UIN (digits)
	Kind   string // "root", "uin", "roleName", "role", "saml-provider" or "oidc-provider"
	Name   string // what follows Kind and '/'; empty for root
}

// parsePrincipalARN reads a principal entry. It checks the shape and the
// characters of each part, not whether Kind suits the list it appears in.
func parsePrincipalARN(s string) (principalARN, bool) {
	rest, ok := strings.CutPrefix(s, "qcs::cam::")
	if !ok {
		return principalARN{}, false
	}
	if rest == "anyone:anyone" {
		return principalARN{Anyone: true}, true
	}
	account, tail, ok := strings.Cut(rest, ":")
	owner, okOwner := strings.CutPrefix(account, "uin/")
	if !ok || !okOwner || !allDigits(owner) {
		return principalARN{}, false
	}
	if tail == "root" {
		return principalARN{Owner: owner, Kind: "root"}, true
	}
	kind, name, ok := strings.Cut(tail, "/")
	if !ok {
		return principalARN{}, false
	}
	switch kind {
	case "uin", "role":
		ok = allDigits(name)
	case "roleName", "saml-provider", "oidc-provider":
		ok = validateCAMName("", name) == nil
	default:
		ok = false
	}
	return principalARN{Owner: owner, Kind: kind, Name: name}, ok
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validServiceDomain reports whether s looks like a service principal: lowercase
// DNS labels of letters, digits and '-', at least two of them, such as
// "cvm.qcloud.com" or "cloudaudit.cloud.tencent.com".
func validServiceDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

func (v *validator) principal(p string, pr *Principal) {
	if pr.Empty() {
		v.add(p, "%s", msgPrincipalNobody)
		return
	}
	if pr.Any && (len(pr.QCS) > 0 || len(pr.Service) > 0 || len(pr.Federated) > 0) {
		v.add(p, `"*" together with qcs, service or federated lists; "*" already means anyone, so the lists would be dropped`)
	}
	lists := []struct {
		name    string
		entries []string
		check   func(string) string
	}{
		{"qcs", pr.QCS, checkQCSPrincipal},
		{"service", pr.Service, checkServicePrincipal},
		{"federated", pr.Federated, checkFederatedPrincipal},
	}
	for _, l := range lists {
		lp := pathField(p, l.name)
		if l.entries != nil && len(l.entries) == 0 {
			v.add(lp, "empty list; name at least one principal or leave the element out")
		}
		for j, e := range l.entries {
			if msg := l.check(e); msg != "" {
				v.add(pathIndex(lp, j), "%s", msg)
			}
		}
	}
}

func checkQCSPrincipal(s string) string {
	a, ok := parsePrincipalARN(s)
	if ok && (a.Anyone || a.Kind == "root" || a.Kind == "uin" || a.Kind == "roleName" || a.Kind == "role") {
		return ""
	}
	if s == "*" {
		return `"*" is not a qcs principal; write "principal": "*" for anyone`
	}
	return quote(s) + " is not a CAM principal; want qcs::cam::uin/<owner>:root, qcs::cam::uin/<owner>:uin/<sub>, qcs::cam::uin/<owner>:roleName/<name> or qcs::cam::uin/<owner>:role/<id>"
}

func checkServicePrincipal(s string) string {
	if validServiceDomain(s) {
		return ""
	}
	if validServiceDomain(strings.ToLower(s)) {
		return quote(s) + " is not a service principal: service names are lowercase: " + quote(strings.ToLower(s))
	}
	return quote(s) + ` is not a service principal; want a service domain such as "cvm.qcloud.com"`
}

func checkFederatedPrincipal(s string) string {
	a, ok := parsePrincipalARN(s)
	if ok && (a.Kind == "saml-provider" || a.Kind == "oidc-provider") {
		return ""
	}
	return quote(s) + " is not an identity provider; want qcs::cam::uin/<owner>:saml-provider/<name> or qcs::cam::uin/<owner>:oidc-provider/<name>"
}
