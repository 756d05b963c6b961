package policy

import (
	"strings"
	"testing"
)

// TestAccessOverridesAreCatalogued keeps the override table and the catalogue in
// step: an override for an API the catalogue lacks would be invisible to
// wildcard access levels.
func TestAccessOverridesAreCatalogued(t *testing.T) {
	t.Parallel()
	for key := range accessOverrides {
		if key != strings.ToLower(key) {
			t.Errorf("override key %q is not lowercase", key)
		}
		svc, api, _ := strings.Cut(key, ":")
		if _, ok := KnownAction(svc, api); !ok {
			t.Errorf("override %q is not in the catalogue", key)
		}
	}
}

func TestCatalogGlobFold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"", "", true},
		{"", "a", false},
		{"a", "A", true},
		{"Describe*", "describeInstances", true},
		{"Describe*", "Describ", false},
		{"*Bucket*", "PutBucketPolicy", true},
		{"*Bucket*", "PutObject", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbYcZ", false},
		{"a**c", "abc", true},
		{"*ab", "aab", true},
		{"*a*a*a*a*a*a*b", strings.Repeat("a", 200), false},
	}
	for _, tt := range tests {
		if got := globMatchFold(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatchFold(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestVerbTableIsLowercase(t *testing.T) {
	t.Parallel()
	for v, l := range verbLevels {
		if v != strings.ToLower(v) || l == AccessUnknown {
			t.Errorf("verb %q: level %v", v, l)
		}
	}
}

// TestCatalogDecodes checks the generated catalogue decodes and that the
// hand-kept tables name only catalogued actions.
func TestCatalogDecodes(t *testing.T) {
	t.Parallel()
	c := catalogIndex()
	if c.err != nil {
		t.Fatalf("decoding catalog_gen.go: %v", c.err)
	}
	if len(c.actions) < 15000 {
		t.Errorf("catalogue holds %d actions", len(c.actions))
	}
	for key := range credentialIssuers {
		if key != strings.ToLower(key) {
			t.Errorf("credential issuer %q is not lowercase", key)
		}
		svc, api, _ := strings.Cut(key, ":")
		if _, ok := KnownAction(svc, api); !ok {
			t.Errorf("credential issuer %q is not in the catalogue", key)
		}
	}
}

func TestDecodeCatalogRejectsCorruptData(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, services, blob string }{
		{"short line", "cvm\ty\tc\n", ""},
		{"bad count", "cvm\ty\tc\tx\t\t\n", ""},
		{"missing actions", "cvm\ty\tc\t2\t\t\n", "\x800Run"},
		{"bad header", "cvm\ty\tc\t1\t\t\n", "Run"},
		{"shared prefix too long", "cvm\ty\tc\t1\t\t\n", "\x850Run"},
		{"trailing data", "cvm\ty\tc\t1\t\t\n", "\x800Run\x800Stop"},
		{"empty name", "cvm\ty\tc\t1\t\t\n", "\x800"},
	}
	for _, tt := range tests {
		if _, err := decodeCatalog(tt.services, tt.blob); err == nil {
			t.Errorf("%s: decodeCatalog accepted corrupt data", tt.name)
		} else if !strings.HasPrefix(err.Error(), "policy: catalogue") {
			t.Errorf("%s: error %q does not say what is wrong", tt.name, err)
		}
	}
	c, err := decodeCatalog("cvm\ty\tc\t2\tvpc\tcbs\n", "\x800RunInstances\x831Stop")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.byService["cvm"]; len(got) != 2 || got[0] != "RunInstances" || got[1] != "RunStop" {
		t.Errorf("decoded names %v", got)
	}
	if e, _ := c.lookup("CVM", "runstop"); e.canonical != "cvm:RunStop" || e.gran != GranularityResource {
		t.Errorf("lookup = %+v", e)
	}
	if c.aliases["cbs"] != "cvm" || c.known["cvm"].tag != TagSupported {
		t.Errorf("service line not decoded: %+v %v", c.known["cvm"], c.aliases)
	}
}

// BenchmarkDecodeCatalog measures the one-time cost of the first catalogue
// use.
func BenchmarkDecodeCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCatalog(catalogServicesText, catalogActionsBlob); err != nil {
			b.Fatal(err)
		}
	}
}
