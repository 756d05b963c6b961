package policy

import (
	"fmt"
	"strconv"
)

// AssumptionKind says which undocumented reading a decision relied on
// (docs/semantics.md §5.7). Where CAM is silent, allow statements take the broad
// reading and deny statements the narrow one, so camkit never reports less
// access than CAM could grant.
type AssumptionKind uint8

// The assumptions a decision can make.
const (
	// AssumeActionCase: an action matched only when case was ignored. It widens
	// an allow; a deny, compared case-sensitively, did not apply.
	AssumeActionCase AssumptionKind = iota + 1
	// AssumeAbsentKeyNegated: a negated operator (string_not_equal, ip_not_equal,
	// ...) on a key the request lacks was taken as satisfied in an allow and as
	// not satisfied in a deny.
	AssumeAbsentKeyNegated
	// AssumeAbsentKeyForAll: a for_all_value: operator on a key the request
	// lacks, read the same way.
	AssumeAbsentKeyForAll
	// AssumeMissingVariable: a policy variable (${uin}, ${owner_uin},
	// ${app_id}) the request's context does not supply matched anything in an
	// allow and nothing in a deny.
	AssumeMissingVariable
	// AssumeBinaryCase: a binary_equal value matched only when case was
	// ignored; read like AssumeActionCase.
	AssumeBinaryCase
	// AssumeBadContextValue: a context value could not be read as the
	// operator's type (a bad IP, date, number or bool) and so matched no policy
	// value; under a negated operator that satisfies the test.
	AssumeBadContextValue
	// AssumeUnverifiedKey: a condition tested a key camkit accepts but
	// Tencent's documentation does not confirm (qcs:BindToken, see
	// [KeyBindToken]); the decision may differ from CAM's. It is a note, as
	// AssumeBadContextValue is.
	AssumeUnverifiedKey
)

var assumptionNames = [...]string{
	AssumeActionCase:       "action_case",
	AssumeAbsentKeyNegated: "absent_key_negated",
	AssumeAbsentKeyForAll:  "absent_key_for_all",
	AssumeMissingVariable:  "missing_variable",
	AssumeBinaryCase:       "binary_case",
	AssumeBadContextValue:  "bad_context_value",
	AssumeUnverifiedKey:    "unverified_key",
}

// String returns the kind's stable identifier, e.g. "action_case".
func (k AssumptionKind) String() string {
	if int(k) < len(assumptionNames) && assumptionNames[k] != "" {
		return assumptionNames[k]
	}
	return "AssumptionKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns the kind's identifier.
func (k AssumptionKind) MarshalText() ([]byte, error) {
	if int(k) < len(assumptionNames) && assumptionNames[k] != "" {
		return []byte(assumptionNames[k]), nil
	}
	return nil, fmt.Errorf("policy: invalid assumption kind %d", uint8(k))
}

// Assumption is one assumption a decision made, with the statement it
// concerns. Statement.Effect tells its effect: in an allow statement the
// assumption widened the allow, in a deny statement it kept the deny from
// applying (except AssumeBadContextValue and AssumeUnverifiedKey, which are
// notes either way).
type Assumption struct {
	// Kind says which undocumented behaviour was assumed.
	Kind AssumptionKind `json:"kind"`
	// Statement is the statement the assumption was made for.
	Statement StatementRef `json:"statement"`
	// Key is the condition key, the policy variable ("${uin}") or, for
	// AssumeActionCase, the action pattern.
	Key string `json:"key"`
	// Operator is the condition operator as written, or "".
	Operator string `json:"operator,omitempty"`
	// Value is the context value involved (AssumeBinaryCase,
	// AssumeBadContextValue), or "".
	Value string `json:"value,omitempty"`
}

// String explains the assumption in one line.
func (a Assumption) String() string {
	deny := a.Statement.Effect == EffectDeny
	var what string
	switch a.Kind {
	case AssumeActionCase:
		what = "action " + quote(a.Key) + " matches only if case is ignored"
	case AssumeAbsentKeyNegated, AssumeAbsentKeyForAll:
		what = a.Operator + "[" + quote(a.Key) + "] on an absent key"
	case AssumeMissingVariable:
		what = "policy variable " + a.Key + " is not in the request context"
	case AssumeBinaryCase:
		what = a.Operator + "[" + quote(a.Key) + "] matches " + quote(a.Value) + " only if case is ignored"
	case AssumeBadContextValue:
		return a.Statement.String() + ": context value " + quote(a.Value) + " of " + quote(a.Key) +
			" is not valid for " + a.Operator + " and matches nothing"
	case AssumeUnverifiedKey:
		return a.Statement.String() + ": " + a.Operator + "[" + quote(a.Key) + "] tests a key Tencent's documentation does not confirm; CAM may read it differently"
	default:
		what = a.Kind.String()
	}
	if deny {
		return a.Statement.String() + ": " + what + "; assumed the deny does not apply"
	}
	return a.Statement.String() + ": " + what + "; assumed the allow applies"
}

// assumption is the compact form of an Assumption inside a Decision.
type assumption struct {
	kind  AssumptionKind
	ref   stmtRef
	aux   int32 // action, condition or policy-variable index (see evalState.assume)
	value string
}

func (a assumption) public(e *Evaluator) Assumption {
	out := Assumption{Kind: a.kind, Statement: e.resolve(a.ref), Value: a.value}
	s := e.statement(a.ref)
	switch {
	case a.kind == AssumeActionCase && int(a.aux) < len(s.actions):
		out.Key = s.actions[a.aux].raw
	case a.kind == AssumeMissingVariable && int(a.aux) < len(varNames):
		out.Key = varNames[a.aux]
	case int(a.aux) < len(s.conds):
		out.Key, out.Operator = s.conds[a.aux].key, s.conds[a.aux].opName
	}
	return out
}
