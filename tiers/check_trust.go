package tiers

import (
	"strconv"
	"strings"
	"time"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/policy"
)

// trust checks the trust policy's assume statements for breadth and expiry.
func (ck *checker) trust(req TierRequirements) {
	t := ck.role.Trust
	if t == nil || (req.MaxHolders <= 0 && req.MaxGrant <= 0) {
		return
	}
	now := ck.cfg.now
	for i, st := range t.Statement {
		if st.Effect != policy.EffectAllow || st.Principal == nil {
			continue
		}
		expiry, limited := trustExpiry(st.Condition)
		if limited && !expiry.After(now) {
			continue // expired: grants nothing
		}
		if req.MaxHolders > 0 {
			if who := broadPrincipal(st.Principal); who != "" {
				ck.addAt(Violation{Rule: RuleTrustTooBroad, Message: "trust: " + policy.StatementPath(i) + " lets " + who +
					" assume the role; name each holder's sub-user (qcs::cam::uin/<owner>:uin/<sub>) instead, at most " +
					strconv.Itoa(req.MaxHolders)}, "trust", i)
			}
		}
		if req.MaxGrant > 0 {
			switch {
			case !limited:
				ck.addAt(Violation{Rule: RuleGrantNotTimeLimited, Message: "trust: " + policy.StatementPath(i) +
					" never expires; add a date_less_than condition on qcs:current_time at most " + req.MaxGrant.String() + " ahead"}, "trust", i)
			case expiry.Sub(now) > req.MaxGrant:
				ck.addAt(Violation{Rule: RuleGrantNotTimeLimited, Message: "trust: " + policy.StatementPath(i) + " runs until " +
					expiry.UTC().Format(time.RFC3339) + "; move its qcs:current_time limit to at most " + req.MaxGrant.String() + " from now"}, "trust", i)
			}
		}
	}
}

// broadPrincipal says who beyond named sub-users a principal admits, or "".
func broadPrincipal(p *policy.Principal) string {
	if p.Any {
		return "anyone (*)"
	}
	for _, q := range p.QCS {
		if q == "*" || strings.HasSuffix(q, ":root") {
			return "every identity of the account " + msgtext.Text(q)
		}
	}
	if len(p.Federated) > 0 {
		return "every user of the identity provider " + msgtext.Text(p.Federated[0])
	}
	return ""
}

// trustExpiry returns the earliest upper limit a statement's conditions put
// on qcs:current_time (date_less_than or date_less_than_equal, without
// _if_exist), and whether there is one.
func trustExpiry(cond policy.Condition) (time.Time, bool) {
	var best time.Time
	found := false
	for name, keys := range cond {
		op, err := policy.ParseOperator(name)
		if err != nil || op.IfExist || op.Qualifier == policy.QualifierForAllValue ||
			(op.Op != policy.OpDateLessThan && op.Op != policy.OpDateLessThanEqual) {
			continue
		}
		vals, ok := keys[policy.KeyCurrentTime]
		if !ok || len(vals) == 0 {
			continue
		}
		// Values are OR'd: the latest one bounds the statement.
		var latest time.Time
		okAll := true
		for _, v := range vals {
			t, ok := parseDate(v.Text)
			if !ok {
				okAll = false
				break
			}
			if t.After(latest) {
				latest = t
			}
		}
		if okAll && (!found || latest.Before(best)) {
			best, found = latest, true
		}
	}
	return best, found
}

func parseDate(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}
