package cam

import (
	"strconv"
	"strings"

	"github.com/camkit/camkit/policy"
)

// assumeAction is the action a trust policy must allow for a user to assume the role.
const assumeAction = "sts:AssumeRole"

// WhoCanAssume returns the users of the account, ordered by UIN, that the
// role's trust policy lets assume the role: users named in an allow statement
// for sts:AssumeRole by their own ARN (qcs::cam::uin/<owner>:uin/<uin>), by
// the account root (qcs::cam::uin/<owner>:root, which covers every identity of
// the account), or by the principal "*". It returns nil for an unknown role or
// one whose trust policy did not parse.
//
// This is the trust side of CAM-SEMANTICS §6 only. CAM also requires the user
// to hold an allow for sts:AssumeRole on the role's ARN in its own policies;
// check that with a [policy.Evaluator] over [Snapshot.EffectivePolicies].
// Following the safety rule (CAM-SEMANTICS §5.7, never report less access than
// CAM could grant), conditions on allow statements are taken as satisfied (a
// time-limited grant still counts), actions in allow statements match
// case-insensitively, and only deny statements without conditions, whose
// action matches exactly, exclude a user.
func (s *Snapshot) WhoCanAssume(roleName string) []*UserRecord {
	r, ok := s.RoleByName(roleName)
	if !ok || r.Trust == nil {
		return nil
	}
	owner := s.Account.OwnerUIN
	if owner == 0 {
		owner = ownerFromARN(r.ARN)
	}
	allowed := make([]bool, len(s.Users))
	for _, st := range r.Trust.Statement {
		if st.Effect != policy.EffectAllow || !actionsCover(st.Action, true) {
			continue
		}
		for i := range s.Users {
			if principalNames(st.Principal, owner, s.Users[i].UIN) {
				allowed[i] = true
			}
		}
	}
	for _, st := range r.Trust.Statement {
		if st.Effect != policy.EffectDeny || len(st.Condition) > 0 || !actionsCover(st.Action, false) {
			continue
		}
		for i := range s.Users {
			if principalNames(st.Principal, owner, s.Users[i].UIN) {
				allowed[i] = false
			}
		}
	}
	var out []*UserRecord
	for i, ok := range allowed {
		if ok {
			out = append(out, &s.Users[i])
		}
	}
	return out
}

// actionsCover reports whether an action list covers sts:AssumeRole; allow
// selects the broad (case-insensitive) reading.
func actionsCover(actions []string, allow bool) bool {
	for _, raw := range actions {
		a, err := policy.ParseAction(raw)
		if err != nil || a.PermID {
			continue
		}
		if a.All {
			return true
		}
		svc, name := a.Service, a.Name
		want := assumeAction
		if allow {
			svc, name, want = strings.ToLower(svc), strings.ToLower(name), strings.ToLower(want)
		}
		wantSvc, wantName, _ := strings.Cut(want, ":")
		if glob(svc, wantSvc) && glob(name, wantName) {
			return true
		}
	}
	return false
}

// principalNames reports whether a trust statement's principal names the
// sub-user uin of account owner.
func principalNames(p *policy.Principal, owner, uin uint64) bool {
	if p == nil {
		return false
	}
	if p.Any {
		return true
	}
	prefix := "qcs::cam::uin/" + strconv.FormatUint(owner, 10) + ":"
	for _, q := range p.QCS {
		rest, ok := strings.CutPrefix(q, prefix)
		if !ok || owner == 0 {
			continue
		}
		if rest == "root" || rest == "uin/"+strconv.FormatUint(uin, 10) {
			return true
		}
	}
	return false
}

// ownerFromARN reads the owner UIN from "qcs::cam::uin/<owner>:roleName/<name>".
func ownerFromARN(arn string) uint64 {
	rest, ok := strings.CutPrefix(arn, "qcs::cam::uin/")
	if !ok {
		return 0
	}
	digits, _, _ := strings.Cut(rest, ":")
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// glob matches s against pattern, in which '*' matches any run of characters.
func glob(pattern, s string) bool {
	star, match := -1, 0
	p, i := 0, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, match = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			match++
			i = match
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
