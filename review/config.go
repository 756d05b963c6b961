package review

import (
	"fmt"
	"net/netip"
	"path"
	"slices"
	"strings"
	"time"
)

// The default thresholds of [DefaultConfig], from the access-review check
// table: keys rotate within 90 days, unused keys and inactive console users are
// flagged after 90 days, a key never used is flagged 7 days after creation,
// a user holds at most one active key and may assume at most two roles (one
// primary, one secondary).
const (
	DefaultKeyMaxAge          = 90 * 24 * time.Hour
	DefaultKeyUnusedAfter     = 90 * 24 * time.Hour
	DefaultKeyNeverUsedAfter  = 7 * 24 * time.Hour
	DefaultUserInactiveAfter  = 90 * 24 * time.Hour
	DefaultMaxActiveKeys      = 1
	DefaultMaxAssumableRoles  = 2
	DefaultBreakGlassTagKey   = "tier"
	DefaultBreakGlassTagValue = "4"
)

// DefaultSharedAccountPatterns are the name patterns (path.Match globs, matched
// against the lower-cased user name) that suggest a shared or throw-away
// identity, after the IAM guide's "no shared accounts" advice.
func DefaultSharedAccountPatterns() []string {
	return []string{
		"admin", "admin[0-9]*", "*-admin", "admin-*", "root", "shared*", "*-shared", "test", "test[0-9]*",
		"temp*", "tmp*", "guest*", "ops", "devops", "team*", "common*", "public*", "default*", "user[0-9]*",
	}
}

// DefaultGenericKeyDescriptions are key descriptions that say nothing about
// what uses the key (compared ignoring case and surrounding space).
func DefaultGenericKeyDescriptions() []string {
	return []string{"", "key", "api key", "apikey", "access key", "test", "temp", "default", "new key", "my key", "secret", "-"}
}

// DefaultBreakGlassNamePatterns are role-name globs (matched ignoring case)
// that mark a break-glass role.
func DefaultBreakGlassNamePatterns() []string {
	return []string{"break-glass*", "breakglass*", "*-breakglass*", "*-break-glass*", "emergency*"}
}

// Config holds every threshold and convention of a review. Build one with
// [DefaultConfig] and change what differs; the zero Config is not useful on
// its own (every threshold would be zero) and [Assess] reports its problems
// as one error via [Config.Validate].
type Config struct {
	// Now is the time the review is taken at; zero means the snapshot's Taken
	// time, so a review of a saved snapshot is reproducible.
	Now time.Time
	// KeyMaxAge: active keys older than this are key.not-rotated.
	KeyMaxAge time.Duration
	// KeyUnusedAfter: active keys used before, but not within this, are key.unused.
	KeyUnusedAfter time.Duration
	// KeyNeverUsedAfter: keys never used this long after creation are key.never-used.
	KeyNeverUsedAfter time.Duration
	// UserInactiveAfter: console users not signed in within this are user.inactive.
	UserInactiveAfter time.Duration
	// MaxActiveKeys: users with more active keys than this are key.two-active.
	MaxActiveKeys int
	// MaxAssumableRoles: users who can assume more roles are user.too-many-roles.
	MaxAssumableRoles int
	// SharedAccountPatterns are globs over lower-cased user names (user.shared-account).
	SharedAccountPatterns []string
	// GenericKeyDescriptions are key descriptions that count as unnamed (key.unnamed).
	GenericKeyDescriptions []string
	// BreakGlassRoles names roles that are break-glass roles, in addition to
	// roles tagged BreakGlassTagKey=BreakGlassTagValue and roles whose names
	// match BreakGlassNamePatterns. Break-glass roles may hold administrator
	// access; their use is reported by event.breakglass-used.
	BreakGlassRoles []string
	// BreakGlassTagKey and BreakGlassTagValue: a role with this tag is break-glass.
	BreakGlassTagKey, BreakGlassTagValue string
	// BreakGlassNamePatterns are role-name globs (ignoring case) of break-glass roles.
	BreakGlassNamePatterns []string
	// TrustedAccounts are other accounts' owner UINs that trust policies may
	// name without a role.trust-external finding.
	TrustedAccounts []uint64
	// TrustedServices are service principals ("cvm.qcloud.com") that trust
	// policies may name; empty means any Tencent Cloud service ("*.qcloud.com").
	TrustedServices []string
	// OfficeIPs is the allowlist of addresses and CIDR blocks that sign-ins and
	// calls are expected from (event.unexpected-ip); empty turns the check off.
	OfficeIPs []string
	// Lint runs policy.Lint on every custom policy and role trust policy and
	// reports its warnings and errors under the lint rule IDs.
	Lint bool
	// Severities overrides the default severity of checks, by check ID.
	Severities map[string]Severity
	// Disabled lists check IDs not to run.
	Disabled []string
	// Suppressions hide accepted findings until they expire.
	Suppressions []Suppression
	// Tiers configures the role.tier-drift, role.tier-requirement and
	// role.naming checks.
	Tiers TierConfig
}

// DefaultConfig returns the defaults of the check table.
func DefaultConfig() Config {
	return Config{
		KeyMaxAge:              DefaultKeyMaxAge,
		KeyUnusedAfter:         DefaultKeyUnusedAfter,
		KeyNeverUsedAfter:      DefaultKeyNeverUsedAfter,
		UserInactiveAfter:      DefaultUserInactiveAfter,
		MaxActiveKeys:          DefaultMaxActiveKeys,
		MaxAssumableRoles:      DefaultMaxAssumableRoles,
		SharedAccountPatterns:  DefaultSharedAccountPatterns(),
		GenericKeyDescriptions: DefaultGenericKeyDescriptions(),
		BreakGlassTagKey:       DefaultBreakGlassTagKey,
		BreakGlassTagValue:     DefaultBreakGlassTagValue,
		BreakGlassNamePatterns: DefaultBreakGlassNamePatterns(),
		Lint:                   true,
		Tiers:                  DefaultTierConfig(),
	}
}

// Validate reports every problem of the configuration at once: negative or
// zero thresholds, bad patterns, unknown check IDs, bad allowlist entries and
// suppressions without a reason or expiry.
func (c *Config) Validate() error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"KeyMaxAge", c.KeyMaxAge}, {"KeyUnusedAfter", c.KeyUnusedAfter}, {"KeyNeverUsedAfter", c.KeyNeverUsedAfter}, {"UserInactiveAfter", c.UserInactiveAfter}} {
		if d.v <= 0 {
			bad("%s is %v; want a positive duration", d.name, d.v)
		}
	}
	if c.MaxActiveKeys < 1 {
		bad("MaxActiveKeys is %d; want at least 1", c.MaxActiveKeys)
	}
	if c.MaxAssumableRoles < 1 {
		bad("MaxAssumableRoles is %d; want at least 1", c.MaxAssumableRoles)
	}
	for i, p := range c.SharedAccountPatterns {
		if _, err := path.Match(p, ""); err != nil {
			bad("SharedAccountPatterns[%d] %q is not a valid pattern", i, p)
		}
	}
	for i, p := range c.BreakGlassNamePatterns {
		if _, err := path.Match(p, ""); err != nil {
			bad("BreakGlassNamePatterns[%d] %q is not a valid pattern", i, p)
		}
	}
	if _, err := parseAllowlist(c.OfficeIPs); err != nil {
		bad("%v", err)
	}
	for id := range c.Severities {
		if _, ok := checkInfo(id); !ok && !strings.Contains(id, ".") {
			bad("Severities names unknown check %q", id)
		}
	}
	for i, id := range c.Disabled {
		if _, ok := checkInfo(id); !ok && !strings.Contains(id, ".") {
			bad("Disabled[%d] names unknown check %q", i, id)
		}
	}
	for i, s := range c.Suppressions {
		if err := s.validate(); err != nil {
			bad("Suppressions[%d]: %v", i, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("review: invalid config: %s", strings.Join(errs, "; "))
}

// enabled reports whether the check runs.
func (c *Config) enabled(id string) bool { return !slices.Contains(c.Disabled, id) }

// severity is the severity of the check's findings under c.
func (c *Config) severity(id string, def Severity) Severity {
	if s, ok := c.Severities[id]; ok {
		return s
	}
	return def
}

// parseAllowlist reads addresses and CIDR blocks.
func parseAllowlist(list []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(list))
	for i, s := range list {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("OfficeIPs[%d] %q is neither an address nor a CIDR block", i, s)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// matchName reports whether the lower-cased name matches any glob.
func matchName(patterns []string, name string) (string, bool) {
	lower := strings.ToLower(name)
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToLower(p), lower); ok {
			return p, true
		}
	}
	return "", false
}
