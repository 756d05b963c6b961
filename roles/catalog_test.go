package roles_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

func viewDef() roles.Definition {
	return roles.Definition{
		Name: "Ops-View", Tier: tiers.ReadOnly, Purpose: "See instances.",
		Policies: []roles.Policy{{Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}},
		Can:      []roles.Intent{roles.Intend("List instances.", "cvm:DescribeInstances", "*")},
		Cannot:   []roles.Intent{roles.Intend("Stop nothing.", "cvm:StopInstances", "*")},
	}
}

func TestNewCatalogRejectsAmbiguity(t *testing.T) {
	d := viewDef()
	both := viewDef()
	both.Name = "Ops-Both"
	both.Policies = []roles.Policy{{Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*")), Preset: "ReadOnlyAccess"}}
	_, err := roles.NewCatalog(d, d, both, roles.Definition{})
	if !errors.Is(err, roles.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"role Ops-View is already defined by definition[0]", "role Ops-Both: policies[0]: set exactly one", "definition[3]: Name is empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestValidateReportsEverything(t *testing.T) {
	bad := viewDef()
	bad.Name = "ops-view"
	bad.Purpose = strings.Repeat("x", 301)
	bad.SessionDuration = 13 * time.Hour
	bad.Tags = map[string]string{"managed-by": "me"}
	bad.Can = append(bad.Can, roles.Intend("Stop instances.", "cvm:StopInstances", "*"))
	bad.Cannot = append(bad.Cannot, roles.Intend("Read nothing.", "cvm:DescribeInstances", "*"))
	writer := viewDef()
	writer.Name = "Ops-Write"
	writer.Policies = []roles.Policy{{Name: "Ops-View-Policy", Document: policy.New(policy.Allow("cvm:StopInstances").On("*"))}}
	writer.Can = nil
	writer.Cannot = nil
	preset := viewDef()
	preset.Name = "Ops-Preset"
	preset.Policies = []roles.Policy{{Preset: "QcloudCVMReadOnlyAccess"}}
	c, err := roles.NewCatalog(bad, viewDef(), writer, preset)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil {
		t.Fatal("Validate = nil")
	}
	msg := err.Error()
	for _, want := range []string{
		`role name "ops-view"`,
		"role ops-view: Purpose:",
		"SessionDuration 13h0m0s is outside",
		`key "managed-by" is camkit's own`,
		`role ops-view: can[1] "Stop instances.": cvm:StopInstances on * should be allowed, but implicit deny`,
		`role ops-view: cannot[1] "Read nothing.": cvm:DescribeInstances on * should be denied, but allow`,
		`policy name "Ops-View-Policy" is already used by role Ops-View`,
		"role Ops-Write: tier.drift",
		`preset policy "QcloudCVMReadOnlyAccess" cannot be resolved`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("Validate lacks %q", want)
		}
	}
	for _, target := range []error{roles.ErrBadName, roles.ErrInvalid, roles.ErrIntent, roles.ErrTier, roles.ErrUnknownPreset} {
		if !errors.Is(err, target) {
			t.Errorf("Validate error does not match %v", target)
		}
	}
	var ie *roles.IntentError
	if !errors.As(err, &ie) || ie.Role != "ops-view" {
		t.Errorf("errors.As IntentError: %+v", ie)
	}
	if t.Failed() {
		t.Log(msg)
	}
}

func TestPresetsAndEvaluator(t *testing.T) {
	d := viewDef()
	d.Policies = []roles.Policy{{Preset: "QcloudCVMReadOnlyAccess"}}
	d.Boundary = policy.New(policy.Allow("cvm:*").On("*"), policy.Deny("cvm:DescribeInstances").On("qcs::cvm:ap-beijing::*"))
	c, err := roles.NewCatalog(d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Evaluator("Ops-View"); !errors.Is(err, roles.ErrUnknownPreset) {
		t.Fatalf("Evaluator without presets: %v", err)
	}
	doc, err := policy.Parse([]byte(`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeInstances"],"resource":["*"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c2 := c.WithPresets(roles.PresetList(roles.Preset{ID: 3, Name: "QcloudCVMReadOnlyAccess", Document: doc}))
	if err := c2.Validate(); err != nil {
		t.Fatalf("Validate with presets: %v", err)
	}
	e1, err := c2.Evaluator("Ops-View")
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := c2.Evaluator("Ops-View")
	if e1 != e2 {
		t.Error("Evaluator is not cached")
	}
	if !e1.HasBoundary() {
		t.Error("boundary not applied")
	}
	if dec := e1.Evaluate(policy.Request{Action: "cvm:DescribeInstances", Resource: "qcs::cvm:ap-beijing:uin/1:instance/ins-1"}); dec.Allowed() {
		t.Errorf("boundary deny ignored: %v", dec)
	}
	if _, err := c2.Evaluator("Nope"); err == nil {
		t.Error("Evaluator of an unknown role succeeded")
	}
}

func TestRolesAreCopies(t *testing.T) {
	c := roles.Standard(100000000001)
	rs := c.Roles()
	if len(rs) != 6 {
		t.Fatalf("%d roles", len(rs))
	}
	rs[0].Policies[0].Document.Statement[0].Action[0] = "*"
	rs[0].Can[0].Request.Action = "x:Y"
	d, ok := c.Role(rs[0].Name)
	if !ok || d.Policies[0].Document.Statement[0].Action[0] == "*" || d.Can[0].Request.Action == "x:Y" {
		t.Error("changing a returned definition changed the catalog")
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}

func TestStandardOptions(t *testing.T) {
	c := roles.Standard(100000000001, roles.WithOfficeIPs("198.18.0.0/15"), roles.WithRegions("ap-guangzhou", "ap-shanghai"))
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if adv := c.Advisories(); len(adv) != 0 {
		t.Errorf("advisories with office IPs: %v", adv)
	}
	prod, _ := c.Role("DevOps-Deploy-Prod")
	text := prod.Policies[1].Document.Canonical()
	if !strings.Contains(text, `"qcs:ip":["198.18.0.0/15"]`) || !strings.Contains(text, "qcs:::ap-shanghai::*") {
		t.Errorf("options not applied: %s", text)
	}
	if len(roles.Standard(1).Advisories()) == 0 {
		t.Error("no advisory for production writes without an IP condition")
	}
	bad := roles.Standard(1, roles.WithOfficeIPs("office", "fe80::1%eth0"), roles.WithRegions("ap-guangzho"), roles.WithScheme(tiers.Scheme{}))
	err := bad.Validate()
	for _, want := range []string{`"office" is not an IP address`, `WithOfficeIPs: "fe80::1%eth0" is not an IP address`, `"ap-guangzho" is not a CAM region (did you mean "ap-guangzhou"?)`, "WithScheme"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate lacks %q: %v", want, err)
		}
	}
}

// TestStandardActionsExist checks the catalogue's promise: every action the
// standard catalogue names (in policies and intents) is a real CAM action.
func TestStandardActionsExist(t *testing.T) {
	for _, d := range roles.Standard(1).Roles() {
		var names []string
		for _, p := range d.Policies {
			for _, st := range p.Document.Statement {
				names = append(names, st.Action...)
			}
		}
		for _, in := range append(d.Can, d.Cannot...) {
			names = append(names, in.Request.Action)
		}
		for _, n := range names {
			if n == "*" {
				continue
			}
			a, err := policy.ParseAction(n)
			if err != nil {
				t.Errorf("%s: %v", d.Name, err)
				continue
			}
			if len(a.MatchingActions()) == 0 {
				t.Errorf("%s: %s matches no catalogued action", d.Name, n)
			}
		}
	}
}

// A role lists each preset once, and no custom policy of the role takes a
// preset's name: decisions name policies by CAM name, so either would be
// ambiguous.
func TestValidateRepeatedPreset(t *testing.T) {
	d := viewDef()
	d.Policies = append(d.Policies, roles.Policy{Preset: "QcloudCLSReadOnlyAccess"},
		roles.Policy{Preset: "QcloudCLSReadOnlyAccess"},
		roles.Policy{Name: "QcloudCLSReadOnlyAccess", Document: policy.New(policy.Allow("cls:SearchLog").On("*"))})
	c, err := roles.NewCatalog(d)
	if err != nil {
		t.Fatal(err)
	}
	err = c.WithPresets(fakePresets(t)).Validate()
	if !errors.Is(err, roles.ErrInvalid) {
		t.Fatalf("Validate: %v", err)
	}
	for _, want := range []string{
		"roles: role Ops-View: policies[2]: policy QcloudCLSReadOnlyAccess is already policies[1]; a role holds each policy once",
		"roles: role Ops-View: policies[3]: policy QcloudCLSReadOnlyAccess is already policies[1]",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in\n%v", want, err)
		}
	}
	if n := strings.Count(err.Error(), "is already policies"); n != 2 {
		t.Errorf("%d repeats reported, want 2:\n%v", n, err)
	}
}
