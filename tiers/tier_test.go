package tiers_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/camkit/camkit/tiers"
)

func TestTierStringAndValid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		tier  tiers.Tier
		name  string
		valid bool
	}{
		{tiers.ReadOnly, "ReadOnly", true},
		{tiers.DevTest, "DevTest", true},
		{tiers.Production, "Production", true},
		{tiers.BreakGlass, "BreakGlass", true},
		{0, "Tier(0)", false},
		{5, "Tier(5)", false},
		{-1, "Tier(-1)", false},
	}
	for _, c := range cases {
		if got := c.tier.String(); got != c.name {
			t.Errorf("Tier(%d).String() = %q, want %q", int(c.tier), got, c.name)
		}
		if got := c.tier.Valid(); got != c.valid {
			t.Errorf("Tier(%d).Valid() = %v, want %v", int(c.tier), got, c.valid)
		}
	}
	if !(tiers.ReadOnly < tiers.DevTest && tiers.DevTest < tiers.Production && tiers.Production < tiers.BreakGlass) {
		t.Error("tiers are not ordered by privilege")
	}
	if got := tiers.Tiers(); len(got) != 4 || got[0] != tiers.ReadOnly || got[3] != tiers.BreakGlass {
		t.Errorf("Tiers() = %v", got)
	}
}

func TestParseTier(t *testing.T) {
	t.Parallel()
	good := map[string]tiers.Tier{
		"ReadOnly": tiers.ReadOnly, "readonly": tiers.ReadOnly, "read-only": tiers.ReadOnly, "1": tiers.ReadOnly,
		"tier1": tiers.ReadOnly, "Tier 2": tiers.DevTest, "dev_test": tiers.DevTest, "DevTest": tiers.DevTest,
		" production ": tiers.Production, "3": tiers.Production, "break-glass": tiers.BreakGlass,
		"BreakGlass": tiers.BreakGlass, "TIER-4": tiers.BreakGlass,
	}
	for in, want := range good {
		got, err := tiers.ParseTier(in)
		if err != nil || got != want {
			t.Errorf("ParseTier(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "5", "tier", "admin", "12", "prod"} {
		_, err := tiers.ParseTier(in)
		if !errors.Is(err, tiers.ErrUnknownTier) {
			t.Errorf("ParseTier(%q) error = %v, want ErrUnknownTier", in, err)
			continue
		}
		var te *tiers.TierError
		if !errors.As(err, &te) || te.Input != in {
			t.Errorf("ParseTier(%q): error %v is not a *TierError naming the input", in, err)
		}
	}
}

func TestTierJSON(t *testing.T) {
	t.Parallel()
	type doc struct {
		Tier tiers.Tier `json:"tier"`
	}
	for _, tier := range tiers.Tiers() {
		b, err := json.Marshal(doc{tier})
		if err != nil {
			t.Fatalf("Marshal(%v): %v", tier, err)
		}
		if want := `{"tier":"` + tier.String() + `"}`; string(b) != want {
			t.Errorf("Marshal(%v) = %s, want %s", tier, b, want)
		}
		var back doc
		if err := json.Unmarshal(b, &back); err != nil || back.Tier != tier {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back.Tier, err)
		}
	}
	if _, err := json.Marshal(doc{7}); err == nil {
		t.Error("Marshal of an invalid tier succeeded")
	}
	var d doc
	err := json.Unmarshal([]byte(`{"tier":"superuser"}`), &d)
	if !errors.Is(err, tiers.ErrUnknownTier) {
		t.Errorf("Unmarshal of an unknown tier: %v, want ErrUnknownTier", err)
	}
}

func TestEnforcementText(t *testing.T) {
	t.Parallel()
	for _, e := range []tiers.Enforcement{tiers.Off, tiers.Recommended, tiers.Required} {
		b, err := e.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back tiers.Enforcement
		if err := back.UnmarshalText(b); err != nil || back != e {
			t.Errorf("round trip of %v: %v, %v", e, back, err)
		}
	}
	var e tiers.Enforcement
	if err := e.UnmarshalText([]byte("sometimes")); !errors.Is(err, tiers.ErrUnknownEnforcement) {
		t.Errorf("UnmarshalText(sometimes) = %v", err)
	}
	if _, err := tiers.Enforcement(9).MarshalText(); !errors.Is(err, tiers.ErrUnknownEnforcement) {
		t.Errorf("MarshalText(9) = %v", err)
	}
}

func TestCauseText(t *testing.T) {
	t.Parallel()
	for c := tiers.CauseConfinedWrite; c <= tiers.CauseUnreadable; c++ {
		b, err := c.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back tiers.Cause
		if err := back.UnmarshalText(b); err != nil || back != c || c.String() != string(b) {
			t.Errorf("round trip of %v: %v, %v", c, back, err)
		}
	}
	var c tiers.Cause
	if err := c.UnmarshalText([]byte("boom")); err == nil {
		t.Error("UnmarshalText(boom) succeeded")
	}
	if _, err := tiers.Cause(0).MarshalText(); err == nil {
		t.Error("MarshalText(0) succeeded")
	}
}
