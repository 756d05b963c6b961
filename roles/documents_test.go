package roles_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

func TestDocuments(t *testing.T) {
	c := presetCatalog(t)
	rd, err := c.Documents("Logs-View-Dev")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range rd.Policies {
		names = append(names, n.Name)
	}
	if got := strings.Join(names, ","); got != "QcloudCLSReadOnlyAccess,Logs-View-Dev-Policy" {
		t.Errorf("policy names = %s", got)
	}
	want, _ := fakePresets(t)("QcloudCLSReadOnlyAccess")
	if rd.Policies[0].Doc.Canonical() != want.Document.Canonical() {
		t.Errorf("preset document = %s, want the resolver's %s", rd.Policies[0].Doc.Canonical(), want.Document.Canonical())
	}
	d, _ := c.Role("Logs-View-Dev")
	if rd.Policies[1].Doc.Canonical() != d.Policies[1].Document.Canonical() {
		t.Errorf("custom document = %s", rd.Policies[1].Doc.Canonical())
	}
	if rd.Boundary == nil || rd.Boundary.Name != "Logs-View-Dev-Boundary" || rd.Boundary.Doc.Canonical() != d.Boundary.Canonical() {
		t.Errorf("boundary = %+v", rd.Boundary)
	}

	// Every statement a decision names is in the documents, where it says.
	e, err := c.Evaluator("Logs-View-Dev")
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"cls:SearchLog", "monitor:GetMonitorData"} {
		dec := e.Evaluate(policy.Request{Action: action, Resource: "*"})
		if !dec.Allowed() || dec.NumStatements() == 0 {
			t.Fatalf("%s: %v", action, dec)
		}
		for _, ref := range dec.Statements() {
			doc := rd.Policies[ref.Document]
			if ref.Boundary {
				doc = *rd.Boundary
			}
			if doc.Name != ref.Name || ref.Statement >= len(doc.Doc.Statement) {
				t.Errorf("%s: %v does not point into %s", action, ref, doc.Name)
			}
		}
	}

	// The documents are copies.
	rd.Policies[0].Doc.Statement = nil
	rd.Boundary.Doc.Statement = nil
	again, _ := c.Documents("Logs-View-Dev")
	if len(again.Policies[0].Doc.Statement) == 0 || len(again.Boundary.Doc.Statement) == 0 {
		t.Error("changing the returned documents changed the catalog")
	}
	if !e.Evaluate(policy.Request{Action: "cls:SearchLog", Resource: "*"}).Allowed() {
		t.Error("changing the returned documents changed the evaluator")
	}
}

func TestDocumentsWithoutBoundary(t *testing.T) {
	rd, err := roles.Standard(100000000001).Documents("Billing-View")
	if err != nil {
		t.Fatal(err)
	}
	if len(rd.Policies) != 1 || rd.Policies[0].Name != "Billing-View-Policy" || rd.Boundary != nil {
		t.Errorf("documents = %+v", rd)
	}
}

func TestDocumentsErrors(t *testing.T) {
	var nilCatalog *roles.Catalog
	if _, err := nilCatalog.Documents("Ops-View"); !errors.Is(err, roles.ErrInvalid) || !strings.Contains(err.Error(), "the catalog is nil") {
		t.Errorf("nil catalog: %v", err)
	}
	if _, err := roles.Standard(100000000001).Documents("Nope-Role"); !errors.Is(err, roles.ErrInvalid) ||
		err.Error() != `roles: role "Nope-Role" is not in the catalog` {
		t.Errorf("unknown role: %v", err)
	}
	c, err := roles.NewCatalog(roles.Definition{Name: "Ops-View", Tier: tiers.ReadOnly, Purpose: "p",
		Policies: []roles.Policy{{Preset: "QcloudA"}, {Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}, {Preset: "QcloudB"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Documents("Ops-View")
	if !errors.Is(err, roles.ErrUnknownPreset) {
		t.Fatalf("unresolved presets: %v", err)
	}
	for _, want := range []string{`policies[0]: preset policy "QcloudA" cannot be resolved`, `policies[2]: preset policy "QcloudB" cannot be resolved`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in %v", want, err)
		}
	}
}
