package roles_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

func TestWriteMarkdown(t *testing.T) {
	var b strings.Builder
	c := roles.Standard(100000000001)
	if err := roles.WriteMarkdown(&b, c); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"| [Break-Glass-Admin](#break-glass-admin) | 4 BreakGlass |",
		"## Security-Audit",
		"| Never stop audit logging. | `cloudaudit:StopLogging` | `*` |  |",
		"- **Tier:** 4 (BreakGlass): holders use an MFA device for sensitive operations, sessions of at most 1h0m0s, at most 2 holders, every grant time-limited to at most 24h0m0s, audit alerting required",
		"- **Audit alerting:** configured",
		"`qcs:request_tag=env&dev`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Count(md, "\n## ") != 6 {
		t.Errorf("want 6 role sections")
	}
	if err := roles.WriteRoleMarkdown(&b, c, "Nope-Role"); !errors.Is(err, roles.ErrInvalid) {
		t.Errorf("unknown role: %v", err)
	}
	if err := roles.WriteMarkdown(&b, nil); err == nil {
		t.Error("nil catalog accepted")
	}
}

// The role docs describe the requirements the catalog checks, not always the
// defaults.
func TestWriteMarkdownUsesTheCatalogsRequirements(t *testing.T) {
	r := tiers.DefaultRequirements()
	r.Production.IPCondition = tiers.Required
	c := roles.Standard(100000000001, roles.WithOfficeIPs("198.18.0.0/15")).WithTierOptions(tiers.WithRequirements(r))
	var b strings.Builder
	if err := roles.WriteRoleMarkdown(&b, c, "DevOps-Deploy-Prod"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "IP condition on writes required") {
		t.Fatalf("the docs do not show the catalog's requirement:\n%s", b.String())
	}
}
