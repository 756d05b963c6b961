package policy

import (
	"encoding/json"
	"strconv"
	"strings"
)

// maxNearMissesShown is how many near misses String prints.
const maxNearMissesShown = 3

// String explains the decision in one line, for test failures and reviews:
//
//	explicit deny: cvm:TerminateInstances on qcs::cvm:ap-guangzhou:uin/1:instance/ins-1 denied by policy "guardrails" statement[0]
//	allow: cos:GetObject on qcs::cos:ap-guangzhou:uid/1250000000:b-1250000000/a.txt allowed by policy "ro" statement[1]
//	implicit deny: no statement allows cos:PutObject on ...; near miss: policy "ro" statement[1] (resource did not match: ...)
//
// followed by any assumptions ("; assumption: ..."). An implicit deny lists
// up to three near misses.
func (d Decision) String() string {
	var b strings.Builder
	subject := d.req.Action + " on " + d.req.Resource
	if d.req.Principal != "" {
		subject += " for principal " + d.req.Principal
	}
	switch d.outcome {
	case OutcomeExplicitDeny:
		b.WriteString("explicit deny: " + subject + " denied by ")
		d.writeStatements(&b)
	case OutcomeAllow:
		b.WriteString("allow: " + subject + " allowed by ")
		d.writeStatements(&b)
	default:
		if d.boundaryDenied {
			b.WriteString("implicit deny: the permission boundary does not allow " + subject + " (identity policies allow it: ")
			d.writeStatements(&b)
			b.WriteString(")")
		} else {
			b.WriteString("implicit deny: no statement allows " + subject)
		}
		misses := d.NearMisses()
		for i, m := range misses {
			if i == maxNearMissesShown {
				b.WriteString("; and " + strconv.Itoa(len(misses)-i) + " more near misses")
				break
			}
			b.WriteString("; near miss: " + m.String())
		}
	}
	for _, a := range d.Assumptions() {
		b.WriteString("; assumption: " + a.String())
	}
	if d.AssumptionsTruncated() {
		b.WriteString("; and " + strconv.Itoa(int(d.lost)) + " more assumptions")
	}
	return b.String()
}

func (d Decision) writeStatements(b *strings.Builder) {
	for i := 0; i < d.NumStatements(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.Statement(i).String())
	}
	if d.stmts.more {
		b.WriteString(" and more")
	}
}

// decisionJSON is the JSON form of a Decision.
type decisionJSON struct {
	Outcome              Outcome        `json:"outcome"`
	Allowed              bool           `json:"allowed"`
	Action               string         `json:"action"`
	Resource             string         `json:"resource"`
	Principal            string         `json:"principal,omitempty"`
	BoundaryDenied       bool           `json:"boundary_denied,omitempty"`
	Statements           []StatementRef `json:"statements,omitempty"`
	StatementsTruncated  bool           `json:"statements_truncated,omitempty"`
	Assumptions          []Assumption   `json:"assumptions,omitempty"`
	AssumptionsTruncated bool           `json:"assumptions_truncated,omitempty"`
	NearMisses           []NearMiss     `json:"near_misses,omitempty"`
	Explanation          string         `json:"explanation"`
}

// MarshalJSON writes the decision as an object with its outcome ("allow",
// "explicit_deny", "implicit_deny"), the request's action, resource and
// principal, the deciding statements, assumptions, near misses and the
// one-line explanation of [Decision.String]. Context values are not written.
func (d Decision) MarshalJSON() ([]byte, error) {
	return json.Marshal(decisionJSON{
		Outcome:              d.outcome,
		Allowed:              d.Allowed(),
		Action:               d.req.Action,
		Resource:             d.req.Resource,
		Principal:            d.req.Principal,
		BoundaryDenied:       d.boundaryDenied,
		Statements:           d.Statements(),
		StatementsTruncated:  d.stmts.more,
		Assumptions:          d.Assumptions(),
		AssumptionsTruncated: d.AssumptionsTruncated(),
		NearMisses:           d.NearMisses(),
		Explanation:          d.String(),
	})
}
