package policy

import "time"

// Trust-policy actions CAM uses in role trust statements.
const (
	// ActionAssumeRole lets the principals of a trust statement assume the role.
	ActionAssumeRole = "name/sts:AssumeRole"
	// ActionAssumeRoleWithSAML lets federated SAML principals assume the role.
	ActionAssumeRoleWithSAML = "name/sts:AssumeRoleWithSAML"
)

// Allow returns an allow statement for actions, with no resource, principal or
// condition yet. Add resources with [Statement.On]: CAM requires them on access
// policies, and [Document.Validate] reports an allow or deny statement without
// one (trust statements, which carry a principal, need none).
//
// Every builder step returns a new Statement that shares no slice or map with
// the value it was called on, so a partly built statement can be reused as a
// template.
func Allow(actions ...string) Statement {
	return Statement{Effect: EffectAllow, Action: cloneStrings(actions)}
}

// Deny returns a deny statement for actions; see [Allow].
func Deny(actions ...string) Statement {
	return Statement{Effect: EffectDeny, Action: cloneStrings(actions)}
}

// On returns a copy of s with resources appended to its resource list. Pass "*"
// for every resource, or the String of a [Resource] built with [NewResource],
// [COSObject], [CAMRoleName] and friends.
func (s Statement) On(resources ...string) Statement {
	out := s.Clone()
	out.Resource = append(out.Resource, resources...)
	return out
}

// OnResources is [Statement.On] for [Resource] values.
func (s Statement) OnResources(resources ...Resource) Statement {
	out := s.Clone()
	for _, r := range resources {
		out.Resource = append(out.Resource, r.String())
	}
	return out
}

// When returns a copy of s with conds added to its condition block. Conditions
// with an operator and key s already has add their values to that key's list
// (values are OR'd); all others are added alongside (and AND'd).
func (s Statement) When(conds ...Cond) Statement {
	out := s.Clone()
	for _, c := range conds {
		out.Condition = out.Condition.addCond(c)
	}
	return out
}

// For returns a copy of s whose principal also names principals: the lists of
// every argument are appended to s's own. The result's principal is "*" if s's
// or any argument's is. Use it for trust statements; [Trust] builds whole trust
// policies.
func (s Statement) For(principals ...Principal) Statement {
	out := s.Clone()
	if len(principals) == 0 {
		return out
	}
	p := out.Principal
	if p == nil {
		p = &Principal{}
		out.Principal = p
	}
	for _, q := range principals {
		p.Any = p.Any || q.Any
		p.QCS = append(p.QCS, q.QCS...)
		p.Service = append(p.Service, q.Service...)
		p.Federated = append(p.Federated, q.Federated...)
	}
	return out
}

// Until returns a copy of s that CAM honours only before t: it adds
// date_less_than on qcs:current_time. This is how time-limited grants are
// enforced by CAM itself, on a trust statement or on an sts:AssumeRole allow.
func (s Statement) Until(t time.Time) Statement {
	return s.When(DateLessThan(KeyCurrentTime, t))
}

// NotBefore returns a copy of s that CAM honours only from t on: it adds
// date_greater_than_equal on qcs:current_time.
func (s Statement) NotBefore(t time.Time) Statement {
	return s.When(DateGreaterThanEqual(KeyCurrentTime, t))
}

// FromIP returns a copy of s that applies only to requests from the given
// addresses or CIDR blocks: it adds ip_equal on qcs:ip.
func (s Statement) FromIP(cidrs ...string) Statement {
	return s.When(IPEqual(KeyIP, cidrs...))
}

// New returns a version "2.0" document with copies of stmts, in order.
func New(stmts ...Statement) *Document {
	d := &Document{Version: Version, Statement: make([]Statement, len(stmts))}
	for i, s := range stmts {
		d.Statement[i] = s.Clone()
	}
	return d
}

// Trust returns a role trust policy that lets principals assume the role.
//
// Account roots, sub-users, services and "*" go into one allow statement for
// "name/sts:AssumeRole"; SAML identity providers (federated principals) into a
// second one for "name/sts:AssumeRoleWithSAML". A statement is written only if it
// has principals, the AssumeRole one first. Trust statements carry no resource.
// With no principals Trust returns a document without statements, which
// [Document.Validate] rejects.
//
// Narrow the statements further with the builder, for example a time limit:
//
//	doc := policy.Trust(policy.SubUser(owner, sub))
//	doc.Statement[0] = doc.Statement[0].Until(expiry)
func Trust(principals ...Principal) *Document {
	var direct, federated Principal
	for _, p := range principals {
		direct.Any = direct.Any || p.Any
		direct.QCS = append(direct.QCS, p.QCS...)
		direct.Service = append(direct.Service, p.Service...)
		federated.Federated = append(federated.Federated, p.Federated...)
	}
	d := &Document{Version: Version, Statement: []Statement{}}
	if !direct.Empty() {
		d.Statement = append(d.Statement, Allow(ActionAssumeRole).For(direct))
	}
	if !federated.Empty() {
		d.Statement = append(d.Statement, Allow(ActionAssumeRoleWithSAML).For(federated))
	}
	return d
}
