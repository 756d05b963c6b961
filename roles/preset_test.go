package roles_test

import (
	"context"
	"testing"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/tiers"
)

// SnapshotPresets gives the presets a loaded account holds, and a catalog
// resolves its presets through them.
func TestSnapshotPresets(t *testing.T) {
	if roles.SnapshotPresets(nil) != nil {
		t.Fatal("a nil snapshot has presets")
	}
	f := camfake.Demo()
	snap, err := cam.Load(context.Background(), f, cam.WithClock(f.Now))
	if err != nil {
		t.Fatal(err)
	}
	ps := roles.SnapshotPresets(snap)
	if len(ps) == 0 {
		t.Fatal("the demo account's snapshot has no preset with a document")
	}
	for _, p := range ps {
		sp, ok := snap.PolicyByName(p.Name)
		if !ok || sp.Type != cam.PolicyPreset || sp.ID != p.ID || p.Document == nil || p.Document == sp.Parsed {
			t.Fatalf("preset %s: not the snapshot's (or not a copy)", p.Name)
		}
	}
	c, err := roles.NewCatalog(roles.Definition{Name: "Ops-Preset", Tier: tiers.BreakGlass, Purpose: "p",
		Policies: []roles.Policy{{Preset: ps[0].Name}, {Document: policy.New(policy.Allow("cvm:DescribeInstances").On("*"))}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Evaluator("Ops-Preset"); err == nil {
		t.Fatal("a preset resolved without a resolver")
	}
	if _, err := c.WithPresets(roles.PresetList(ps...)).Evaluator("Ops-Preset"); err != nil {
		t.Fatalf("the snapshot's preset does not resolve: %v", err)
	}
}
