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
}
