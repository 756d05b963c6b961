package roles

import (
	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// Preset is a Tencent preset (QCS) policy: its name, its ID in the account
// (the same in every account for Tencent's presets; 0 if unknown) and its
// document.
type Preset struct {
	// ID is CAM's policy ID, or 0 when unknown (planning then takes it from the
	// snapshot).
	ID uint64
	// Name is Tencent's policy name, e.g. "QcloudCVMReadOnlyAccess".
	Name string
	// Document is the policy's document.
	Document *policy.Document
}

// PresetResolver finds a preset policy by name. roles does not embed Tencent's
// presets (they change on Tencent's side); give a resolver to
// [Catalog.WithPresets], for example [PresetList] over the presets a
// snapshot holds ([SnapshotPresets]) or a test fake lists.
type PresetResolver func(name string) (Preset, bool)

// PresetList returns a resolver over ps; the first preset of a name wins.
// Presets without a document are ignored.
func PresetList(ps ...Preset) PresetResolver {
	m := make(map[string]Preset, len(ps))
	for _, p := range ps {
		if p.Document == nil {
			continue
		}
		if _, ok := m[p.Name]; !ok {
			m[p.Name] = Preset{ID: p.ID, Name: p.Name, Document: p.Document.Clone()}
		}
	}
	return func(name string) (Preset, bool) {
		p, ok := m[name]
		if ok {
			p.Document = p.Document.Clone()
		}
		return p, ok
	}
}

// SnapshotPresets returns the Tencent preset policies of a snapshot whose
// documents it holds (cam.Load reads the presets something in the account
// uses), with their IDs, in snapshot order, for [PresetList]:
//
//	catalog = catalog.WithPresets(roles.PresetList(roles.SnapshotPresets(snap)...))
//
// A nil snapshot has none. The documents are copies.
func SnapshotPresets(s *cam.Snapshot) []Preset {
	if s == nil {
		return nil
	}
	var out []Preset
	for i := range s.Policies {
		p := &s.Policies[i]
		if p.Type != cam.PolicyPreset || p.Parsed == nil {
			continue
		}
		out = append(out, Preset{ID: p.ID, Name: p.Name, Document: p.Parsed.Clone()})
	}
	return out
}
