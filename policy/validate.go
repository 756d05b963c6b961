package policy

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Validate checks d against CAM's rules and reports every problem at once: the
// result joins one *[Error] per problem with [errors.Join] (walk them with
// errors.As, or with Unwrap() []error), each naming its JSON path, for example
//
//	policy: statement[1].condition.ip_equal["qcs:ip"][0]: "10.0.0.256" is not an IP address or CIDR block
//
// At most [MaxListedErrors] problems are listed in full; the rest are
// summarised by one *[OmittedErrors] ("policy: and 2,901 more problems like
// statement[33].action: ..."), so a hostile document cannot produce an
// unbounded error.
//
// It returns nil for a valid document. The checks:
//
//   - the document is not nil; version is "2.0"; there is at least one statement;
//   - effect is exactly "allow" or "deny" ("Allow" gets the hint that effects
//     are lowercase);
//   - each statement has at least one action and each action parses
//     ([ParseAction]);
//   - each statement without a principal has at least one resource, and each
//     resource parses ([ParseResource]); trust statements, which carry a
//     principal, may leave resource out;
//   - policy variables in resources and string condition values are ones CAM
//     documents and camkit substitutes: ${uin}, ${owner_uin} and ${app_id}
//     (CAM's "Policy variables" page, product 598, document 10607). Any other
//     "${...}" is refused, as [Compile] refuses it: published examples use it
//     for template placeholders to fill in before use ("${OwnerUin}",
//     "${region}", "${填入账号的uin}"), which CAM would read as text and so
//     never match;
//   - a principal is "*" or names someone, and each entry has a form CAM
//     knows (see below);
//   - condition operators parse ([ParseOperator]: unknown operators,
//     _if_exist or a for_… prefix on null_equal are errors), keys are non-empty,
//     each key has at least one value, and each value has the operator's type:
//     an IP address or CIDR block for ip_* ([ParseIPOrCIDR]), a date for date_*
//     ([ParseDate]), a JSON number or numeric string for numeric_*
//     ([ParseNumber]), "true" or "false" in any case (or a JSON boolean) for
//     bool_equal and null_equal ([ParseBool]), standard base64 for binary_equal,
//     and a string, number or boolean for string_*;
//   - the compact canonical text ([Document.Canonical]) is at most
//     [MaxDocumentLength] Unicode characters.
//
// Decisions where CAM's documentation is silent: an explicitly empty list
// (action, resource, a principal list or a condition key's values) is an error
// even where leaving the element out would be valid, because it is almost
// always a list the author forgot to fill; an empty condition object is the same
// as no condition; strings must be valid UTF-8; a number value must be a JSON
// number literal and a boolean value "true" or "false" (only documents built in
// code can break this). Principal entries are accepted in these forms:
//
//   - qcs: "qcs::cam::uin/<owner>:root" (every identity of the account),
//     "qcs::cam::uin/<owner>:uin/<sub>" (a sub-user),
//     "qcs::cam::uin/<owner>:roleName/<name>" and
//     "qcs::cam::uin/<owner>:role/<id>" (a role), and COS's
//     "qcs::cam::anyone:anyone";
//   - service: a lowercase service domain such as "cvm.qcloud.com";
//   - federated: "qcs::cam::uin/<owner>:saml-provider/<name>" or
//     "qcs::cam::uin/<owner>:oidc-provider/<name>".
//
// A principal on a statement whose actions are not sts actions is not an error:
// COS bucket policies name principals for COS actions.
//
// A document Validate accepts, [Compile] accepts; where both refuse a
// mistake (an effect, a missing action or resource, a principal naming nobody,
// an unparseable action, resource, operator or value, an unknown policy
// variable) they say the same words at the same path. Compile does not check
// the version, principal forms or CAM's length limit. An AWS IAM operator
// ("StringEquals") or version ("2012-10-17") gets CAM's spelling in the
// message.
//
// Validate does not judge whether a valid document is wise: that is [Lint]'s job.
func (d *Document) Validate() error {
	if d == nil {
		return errors.Join(&Error{Message: "document is nil"})
	}
	v := &validator{}
	if msg := versionProblem(d.Version); msg != "" {
		v.add("version", "%s", msg)
	}
	if len(d.Statement) == 0 {
		v.add("statement", "no statements; a policy needs at least one")
	}
	for i := range d.Statement {
		v.statement(StatementPath(i), &d.Statement[i])
	}
	if n := utf8.RuneCountInString(d.Canonical()); n > MaxDocumentLength {
		v.add("", "document is %d characters long in canonical form; CAM allows at most %d (InvalidParameter.PolicyDocumentLengthOverLimit)", n, MaxDocumentLength)
	}
	return joinCounted(v.errs, v.counted)
}

// validator collects the problems of one document.
// validator collects problems. Past the first MaxListedErrors+1 it only
// counts them: they are summarised, not listed, so formatting them would be
// wasted work on a hostile document.
type validator struct {
	errs    []error
	counted int // problems after the first MaxListedErrors+1, not formatted
}

func (v *validator) add(path, format string, args ...any) {
	if len(v.errs) > MaxListedErrors {
		v.counted++
		return
	}
	v.errs = append(v.errs, errorf(path, format, args...))
}

func (v *validator) statement(p string, st *Statement) {
	v.effect(pathField(p, "effect"), st.Effect)

	ap := pathField(p, "action")
	switch {
	case st.Action == nil:
		v.add(ap, "%s", msgActionMissing)
	case len(st.Action) == 0:
		v.add(ap, "%s", msgActionEmpty)
	}
	for j, a := range st.Action {
		if _, err := ParseAction(a); err != nil {
			v.add(pathIndex(ap, j), "%s", errorMessage(err))
		}
	}

	rp := pathField(p, "resource")
	switch {
	case st.Resource == nil && st.Principal == nil:
		v.add(rp, "%s", msgResourceMissing)
	case st.Resource != nil && len(st.Resource) == 0:
		v.add(rp, "%s", msgResourceEmpty)
	}
	for j, r := range st.Resource {
		if !utf8.ValidString(r) {
			v.add(pathIndex(rp, j), "resource %s is not valid UTF-8", quote(r))
		} else if err := checkResource(r); err != nil {
			v.add(pathIndex(rp, j), "%s", errorMessage(err))
		}
	}

	if st.Principal != nil {
		v.principal(pathField(p, "principal"), st.Principal)
	}
	v.condition(pathField(p, "condition"), st.Condition)
}

func (v *validator) effect(p string, e Effect) {
	if msg := effectProblem(e); msg != "" {
		v.add(p, "%s", msg)
	}
}

// condition checks operators, keys and values in sorted order, so that the
// errors come out in the order of the canonical text.
func (v *validator) condition(p string, c Condition) {
	for _, opName := range slices.Sorted(maps.Keys(c)) {
		keys := c[opName]
		op := pathField(p, opName)
		parsed, err := ParseOperator(opName)
		if err != nil {
			v.add(op, "%s", errorMessage(err))
		}
		if len(keys) == 0 {
			v.add(op, "no condition keys; an operator needs at least one key")
		}
		for _, key := range slices.Sorted(maps.Keys(keys)) {
			vals := keys[key]
			kp := pathKey(op, key)
			switch {
			case key == "":
				v.add(kp, "empty condition key")
			case !utf8.ValidString(key):
				v.add(kp, "condition key is not valid UTF-8")
			case strings.ContainsFunc(key, isControlRune):
				v.add(kp, "condition key contains a control character")
			}
			if len(vals) == 0 {
				v.add(kp, "no values; a condition key needs at least one")
			}
			for j, val := range vals {
				msg := checkValue(parsed.Op.Type(), val)
				if msg == "" && parsed.Op.Type() == TypeString && strings.Contains(val.Text, "${") {
					// Policy variables: the check Compile makes, in its words.
					if _, err := compileValue(parsed.Op, val); err != nil {
						msg = err.Error()
					}
				}
				if msg != "" {
					v.add(pathIndex(kp, j), "%s", msg)
				}
			}
		}
	}
}

// checkResource parses r as Compile does: [ParseResource], plus its policy
// variables when it has any, so Validate refuses what Compile refuses, in its
// words.
func checkResource(r string) error {
	if strings.Contains(r, "${") {
		_, err := compileResource(r)
		return err
	}
	_, err := ParseResource(r)
	return err
}

func isControlRune(r rune) bool { return r < 0x20 || r == 0x7f }
