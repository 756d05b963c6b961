package roles_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/roles"
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
