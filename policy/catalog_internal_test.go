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
