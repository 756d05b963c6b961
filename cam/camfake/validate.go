package camfake

import (
	"strings"
	"unicode/utf8"

	"github.com/camkit/camkit/policy"
)

// checkPolicyName applies CAM's policy-name rules.
func checkPolicyName(name string) error {
	if err := policy.ValidatePolicyName(name); err != nil {
		return apiErr(codePolicyNameError, "%v", err)
	}
	return nil
}

// checkRoleName applies CAM's role-name rules.
func checkRoleName(name string) error {
	if err := policy.ValidateRoleName(name); err != nil {
		return apiErr(codeRoleNameError, "%v", err)
	}
	return nil
}

// checkDescription applies CAM's 300-byte description limit.
func checkDescription(d string) error {
	if err := policy.ValidateDescription(d); err != nil {
		return apiErr(codeDescriptionLength, "%v", err)
	}
	return nil
}

// checkEntityName applies the rules for user and group names: 1–64
// characters of [A-Za-z0-9+=,.@_-] (a decision; CAM's console enforces the
// same character set).
func checkEntityName(kind, name, code string) error {
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return apiErr(code, "%s name %q must be 1 to 64 characters", kind, name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+=,.@_-", r)) {
			return apiErr(code, "%s name %q contains %q; use only letters, digits and +=,.@_-", kind, name, r)
		}
	}
	return nil
}

// parseDocument parses and validates a policy document as CAM does on
// CreatePolicy, CreatePolicyVersion, CreateRole and UpdateAssumeRolePolicy. A
// trust policy must name a principal in every statement.
func parseDocument(text string, trust bool) (*policy.Document, error) {
	if strings.TrimSpace(text) == "" {
		return nil, apiErr(codePolicyDocument, "the policy document is empty")
	}
	doc, err := policy.Parse([]byte(text))
	if err != nil {
		return nil, apiErr(codePolicyDocument, "%v", err)
	}
	if trust {
		for i, st := range doc.Statement {
			if st.Principal.Empty() {
				return nil, apiErr(codePrincipalError, "statement[%d]: a trust policy statement must name a principal", i)
			}
		}
	}
	if n := utf8.RuneCountInString(doc.Canonical()); n > policy.MaxDocumentLength {
		return nil, apiErr(codePolicyLength, "the policy document is %d characters; CAM allows %d", n, policy.MaxDocumentLength)
	}
	if err := doc.Validate(); err != nil {
		return nil, apiErr(codePolicyDocument, "%s", joinLines(err))
	}
	return doc, nil
}

// joinLines flattens a joined error into one line.
func joinLines(err error) string {
	var msgs []string
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			msgs = append(msgs, e.Error())
		}
	} else {
		msgs = append(msgs, err.Error())
	}
	return strings.Join(msgs, "; ")
}
