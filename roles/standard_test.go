package roles_test

import (
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
)

func TestStandardValidates(t *testing.T) {
	c := roles.Standard(100000000001)
	if err := c.Validate(); err != nil {
		t.Fatalf("Standard().Validate():\n%v", err)
	}
	// Policies stay well within CAM's limit as the action catalogue grows
	// (wildcards per verb, not one name per action); lint warns above 4,096.
	for _, d := range c.Roles() {
		for _, p := range d.Policies {
			if n := len(p.Document.Canonical()); n > 4096 {
				t.Errorf("%s: policy is %d characters", d.Name, n)
			}
		}
	}
}

// TestStandardLint: the standard policies raise no high or critical lint
// finding, except the break-glass role's full access, which is its purpose.
func TestStandardLint(t *testing.T) {
	for _, d := range roles.Standard(100000000001, roles.WithOfficeIPs("198.18.0.0/15")).Roles() {
		for _, p := range d.Policies {
			for _, f := range policy.Lint(p.Document) {
				sev := f.Severity.String()
				if (sev == "high" || sev == "critical") && !(d.Name == "Break-Glass-Admin" && f.Rule == "policy.full-admin") {
					t.Errorf("%s: %v", d.Name, f)
				}
			}
		}
	}
}
