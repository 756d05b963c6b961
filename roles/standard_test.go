package roles_test

import (
	"testing"

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
