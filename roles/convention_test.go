package roles_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/roles"
)

func TestDefaultConventionGuideNames(t *testing.T) {
	c := roles.DefaultConvention()
	want := map[string]roles.Name{
		"Platform-ReadOnly":  {Team: "Platform", Function: "ReadOnly"},
		"DevOps-Deploy":      {Team: "DevOps", Function: "Deploy"},
		"DevOps-Deploy-Dev":  {Team: "DevOps", Function: "Deploy", Env: "Dev"},
		"DevOps-Deploy-Prod": {Team: "DevOps", Function: "Deploy", Env: "Prod"},
		"Dev-View-Dev":       {Team: "Dev", Function: "View", Env: "Dev"},
		"Security-Audit":     {Team: "Security", Function: "Audit"},
		"Security-Audit-All": {Team: "Security", Function: "Audit", Env: "All"},
		"Billing-View":       {Team: "Billing", Function: "View"},
		"Break-Glass-Admin":  {Team: "Break", Function: "Glass-Admin"},
		"TKE-Operate-QA":     {Team: "TKE", Function: "Operate", Env: "QA"},
	}
	for name, n := range want {
		got, err := c.Parse(name)
		if err != nil {
			t.Errorf("Parse(%q): %v", name, err)
			continue
		}
		if got != n {
			t.Errorf("Parse(%q) = %+v, want %+v", name, got, n)
		}
		back, err := c.Format(got)
		if err != nil || back != name {
			t.Errorf("Format(%+v) = %q, %v; want %q", got, back, err, name)
		}
	}
}

func TestDefaultConventionRejects(t *testing.T) {
	c := roles.DefaultConvention()
	cases := map[string]string{
		"admin2":                 `part 1 "admin2" must start with an upper-case letter`,
		"temp-admin":             `part 1 "temp" must start with an upper-case letter`,
		"test":                   `part 1 "test" must start with an upper-case letter`,
		"Temp-Admin":             `part "Temp" says nothing`,
		"Admin2":                 "ends in a digit",
		"Admin":                  "has 1 part(s)",
		"DevOps--Deploy":         "is empty",
		"DevOps-Deploy_Prod":     `has '_'`,
		"A-B-C-D-E":              "has 5 part(s)",
		"Dev Ops-Deploy":         "invalid character ' '",
		"":                       "is empty",
		strings.Repeat("A", 129): "at most 128",
	}
	for name, want := range cases {
		err := c.Validate(name)
		if err == nil {
			t.Errorf("Validate(%q) = nil, want an error", name)
			continue
		}
		var ne *roles.NameError
		if !errors.Is(err, roles.ErrBadName) || !errors.As(err, &ne) {
			t.Errorf("Validate(%q) = %T, want *NameError matching ErrBadName", name, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, want) {
			t.Errorf("Validate(%q) = %q, want it to contain %q", name, msg, want)
		}
		if !strings.Contains(msg, `a good name is <Team>-<Function>[-<Env>] in PascalCase, for example "DevOps-Deploy-Prod"`) {
			t.Errorf("Validate(%q) = %q, want it to show a good name", name, msg)
		}
	}
}

func TestConventionOptions(t *testing.T) {
	c, err := roles.NewConvention(roles.WithSeparator("."), roles.WithParts(2, 3), roles.WithEnvironments("Live", "Sandbox"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.Parse("Data.Load.Live")
	if err != nil || n != (roles.Name{Team: "Data", Function: "Load", Env: "Live"}) {
		t.Errorf("Parse = %+v, %v", n, err)
	}
	if err := c.Validate("Data-Load-Live"); err == nil {
		t.Error("a '-' name passed a '.' convention")
	}
	if err := c.Validate("Data.Load.Prod.X"); err == nil {
		t.Error("four parts passed a 2-3 part convention")
	}
	if got, err := c.Format(roles.Name{Team: "Data", Function: "Load", Env: "Prod"}); err == nil {
		t.Errorf("Format with an unknown environment = %q, nil", got)
	}
	if _, err := roles.NewConvention(roles.WithSeparator("/"), roles.WithParts(1, 0), roles.WithEnvironments("prod")); err == nil ||
		!strings.Contains(err.Error(), "separator") || !strings.Contains(err.Error(), "parts 1 to 0") || !strings.Contains(err.Error(), `environment "prod"`) {
		t.Errorf("bad options: %v", err)
	}
	var zero roles.Convention
	if err := zero.Validate("DevOps-Deploy-Prod"); err != nil {
		t.Errorf("zero Convention is not the default: %v", err)
	}
	if _, err := zero.Format(roles.Name{Team: "DevOps", Function: "Deploy-Prod"}); err == nil {
		t.Error("Format accepted a Function ending in an environment word")
	}
}

// FuzzConventionParse checks that Parse never panics, that a name it accepts
// formats back to itself, and that a name it refuses gets a *NameError
// matching ErrBadName whose message starts with the package name.
func FuzzConventionParse(f *testing.F) {
	for _, s := range []string{"DevOps-Deploy-Prod", "admin2", "A--B", "Break-Glass-Admin", "-", "Ä-B", "temp-admin", "test",
		"", "Ops-View-Dev-Prod", "Dev-Test", "Ops\n-View", "Ops_Deploy_Prod"} {
		f.Add(s)
	}
	underscore, err := roles.NewConvention(roles.WithSeparator("_"), roles.WithParts(2, 3), roles.WithEnvironments("Dev", "Prod"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []roles.Convention{roles.DefaultConvention(), underscore, {}} {
			n, err := c.Parse(s)
			if err != nil {
				var ne *roles.NameError
				if !errors.As(err, &ne) || !errors.Is(err, roles.ErrBadName) || !strings.HasPrefix(err.Error(), "roles: ") {
					t.Fatalf("Parse(%q): %v", s, err)
				}
				continue
			}
			back, err := c.Format(n)
			if err != nil || back != s {
				t.Fatalf("Parse(%q) = %+v but Format gives %q, %v", s, n, back, err)
			}
		}
	})
}
