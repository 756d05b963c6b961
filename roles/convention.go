package roles

import (
	"fmt"
	"slices"
	"strings"

	"github.com/camkit/camkit/policy"
)

// Defaults of [DefaultConvention].
const (
	// DefaultSeparator joins the parts of a role name.
	DefaultSeparator = "-"
	// DefaultMinParts is the fewest parts a name may have: <Team>-<Function>.
	DefaultMinParts = 2
	// DefaultMaxParts is the most parts a name may have: a team, a function
	// of up to two words and an environment (Break-Glass-Admin,
	// DevOps-Deploy-Prod).
	DefaultMaxParts = 4
)

// DefaultEnvironments returns the environment words of [DefaultConvention], in
// the spelling role names use: Dev, Test, Staging, QA, UAT, Prod and All (a role
// for every environment, such as Security-Audit-All).
func DefaultEnvironments() []string {
	return []string{"Dev", "Test", "Staging", "QA", "UAT", "Prod", "All"}
}

// DefaultRejectedWords returns the words [DefaultConvention] refuses as a
// part of a role name, because they say nothing about what the role is for
// (the IAM guide: avoid "admin2" or "temp-admin" unless you enjoy future
// archaeology). Matching ignores case.
func DefaultRejectedWords() []string {
	return []string{"Temp", "Tmp", "New", "Old", "Copy", "Misc", "Foo", "Bar"}
}

// Convention is a role-naming convention: a name is [Name.Team], then
// [Name.Function] (one or more parts) and an optional [Name.Env], joined by a
// separator, each part PascalCase ("ReadOnly", "DevOps") or an upper-case
// abbreviation ("QA", "TKE"): a part starts with an upper-case ASCII letter
// and has only ASCII letters and digits, and it must not end in a digit
// (numbered copies such as "Admin2" hide what a role is for). A last part
// that is one of the environment words is the environment (only when the
// name has more than [DefaultMinParts] parts).
//
// The zero Convention is [DefaultConvention]. Build others with
// [NewConvention]. A Convention is a value; it is safe for concurrent use.
type Convention struct {
	sep      string
	min, max int
	envs     []string
	reject   []string
	set      bool // built by NewConvention; the zero value means the defaults
}

// ConventionOption configures [NewConvention].
type ConventionOption func(*conventionConfig)

type conventionConfig struct {
	c    Convention
	errs []error
}

// WithSeparator sets the separator between parts: one of the non-alphanumeric
// characters CAM allows in role names (+ = , . @ _ -).
func WithSeparator(sep string) ConventionOption {
	return func(cfg *conventionConfig) {
		if len(sep) != 1 || !strings.Contains("+=,.@_-", sep) {
			cfg.errs = append(cfg.errs, fmt.Errorf("roles: convention: separator %q must be one of + = , . @ _ -", sep))
			return
		}
		cfg.c.sep = sep
	}
}

// WithParts sets how many parts a name has, from minParts (at least 2: a team
// and a function) to maxParts.
func WithParts(minParts, maxParts int) ConventionOption {
	return func(cfg *conventionConfig) {
		if minParts < 2 || maxParts < minParts {
			cfg.errs = append(cfg.errs, fmt.Errorf("roles: convention: parts %d to %d: need 2 <= min <= max", minParts, maxParts))
			return
		}
		cfg.c.min, cfg.c.max = minParts, maxParts
	}
}

// WithEnvironments sets the environment words; with none, names have no
// environment part. Each word must itself be a valid part.
func WithEnvironments(words ...string) ConventionOption {
	return func(cfg *conventionConfig) {
		for _, w := range words {
			if why := partProblem(w); why != "" {
				cfg.errs = append(cfg.errs, fmt.Errorf("roles: convention: environment %q %s", w, why))
				return
			}
		}
		cfg.c.envs = slices.Clone(words)
	}
}

// WithRejectedWords sets the words refused as parts (compared ignoring case);
// with none, no word is refused.
func WithRejectedWords(words ...string) ConventionOption {
	return func(cfg *conventionConfig) { cfg.c.reject = slices.Clone(words) }
}

// NewConvention returns [DefaultConvention] changed by opts; invalid options
// are reported all at once.
func NewConvention(opts ...ConventionOption) (Convention, error) {
	cfg := conventionConfig{c: DefaultConvention()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if len(cfg.errs) > 0 {
		return Convention{}, joinErrors(cfg.errs)
	}
	return cfg.c, nil
}

// DefaultConvention returns the IAM guide's convention <Team>-<Function>[-<Env>]:
// separator "-", 2 to 4 parts, [DefaultEnvironments] and
// [DefaultRejectedWords]. It accepts every role name of the guide
// (Platform-ReadOnly, DevOps-Deploy, DevOps-Deploy-Dev, DevOps-Deploy-Prod,
// Dev-View-Dev, Security-Audit, Security-Audit-All, Billing-View,
// Break-Glass-Admin) and rejects names such as admin2, temp-admin and test.
func DefaultConvention() Convention {
	return Convention{
		sep: DefaultSeparator, min: DefaultMinParts, max: DefaultMaxParts,
		envs: DefaultEnvironments(), reject: DefaultRejectedWords(), set: true,
	}
}

func (c Convention) norm() Convention {
	if !c.set {
		return DefaultConvention()
	}
	return c
}

// Separator returns the separator between parts.
func (c Convention) Separator() string { return c.norm().sep }

// Environments returns a copy of the environment words.
func (c Convention) Environments() []string { return slices.Clone(c.norm().envs) }

// Name is a role name split into its parts.
type Name struct {
	// Team is the first part: who the role is for ("DevOps", "Security").
	Team string
	// Function is what the role does; it may span several parts joined by the
	// separator ("Deploy", "Glass-Admin").
	Function string
	// Env is the environment ("Dev", "Prod", "All"), or empty.
	Env string
}

// quoted writes n for error messages, each part quoted.
func (n Name) quoted() string {
	return fmt.Sprintf("{Team %q, Function %q, Env %q}", n.Team, n.Function, n.Env)
}

// example returns a good name under c, for error messages.
func (c Convention) example() string {
	parts := []string{"DevOps", "Deploy"}
	if len(c.envs) > 0 && c.max > 2 {
		env := c.envs[0]
		if slices.Contains(c.envs, "Prod") {
			env = "Prod"
		}
		parts = append(parts, env)
	}
	return strings.Join(parts, c.sep)
}

// shape describes the convention for error messages.
func (c Convention) shape() string {
	s := "<Team>" + c.sep + "<Function>"
	if len(c.envs) > 0 {
		s += "[" + c.sep + "<Env>]"
	}
	return s
}

// Parse splits name into its parts, or returns a *[NameError] saying why the
// name breaks the convention and what a good name looks like.
func (c Convention) Parse(name string) (Name, error) {
	c = c.norm()
	if err := policy.ValidateRoleName(name); err != nil {
		msg := strings.TrimPrefix(err.Error(), "policy: ")
		return Name{}, c.nameErr(name, msg)
	}
	parts := strings.Split(name, c.sep)
	for i, p := range parts {
		if why := partProblem(p); why != "" {
			return Name{}, c.nameErr(name, fmt.Sprintf("part %d %q %s", i+1, p, why))
		}
		for _, w := range c.reject {
			if strings.EqualFold(p, w) {
				return Name{}, c.nameErr(name, fmt.Sprintf("part %q says nothing about who the role is for or what it does", p))
			}
		}
	}
	if len(parts) < c.min || len(parts) > c.max {
		return Name{}, c.nameErr(name, fmt.Sprintf("has %d part(s); a name has %d to %d parts joined by %q", len(parts), c.min, c.max, c.sep))
	}
	n := Name{Team: parts[0]}
	rest := parts[1:]
	if len(parts) > c.min && slices.Contains(c.envs, parts[len(parts)-1]) {
		n.Env = parts[len(parts)-1]
		rest = rest[:len(rest)-1]
	}
	n.Function = strings.Join(rest, c.sep)
	return n, nil
}

// Validate reports whether name follows the convention and CAM's rules for
// role names (1–128 characters of A-Z a-z 0-9 + = , . @ _ -). The error is a
// *[NameError] matching [ErrBadName].
func (c Convention) Validate(name string) error {
	_, err := c.Parse(name)
	return err
}

// Format joins n's parts into a name and validates it; an error says which part
// is wrong.
func (c Convention) Format(n Name) (string, error) {
	c = c.norm()
	if n.Team == "" || n.Function == "" {
		return "", badNamef("roles: name %s: Team and Function are required (%s)", n.quoted(), c.shape())
	}
	if strings.Contains(n.Team, c.sep) {
		return "", badNamef("roles: name %s: Team %q contains the separator %q", n.quoted(), n.Team, c.sep)
	}
	parts := []string{n.Team, n.Function}
	if n.Env != "" {
		if !slices.Contains(c.envs, n.Env) {
			return "", badNamef("roles: name %s: Env %q is not one of %s", n.quoted(), n.Env, strings.Join(c.envs, ", "))
		}
		parts = append(parts, n.Env)
	}
	name := strings.Join(parts, c.sep)
	got, err := c.Parse(name)
	if err != nil {
		return "", err
	}
	if got != n {
		return "", badNamef("roles: name %s: %q would read back as %s; its last Function part is an environment word", n.quoted(), name, got.quoted())
	}
	return name, nil
}

// partProblem says what is wrong with one part, or "" if nothing is.
func partProblem(p string) string {
	if p == "" {
		return "is empty (two separators in a row, or one at an end)"
	}
	if p[0] < 'A' || p[0] > 'Z' {
		return "must start with an upper-case letter (PascalCase such as \"ReadOnly\" or an abbreviation such as \"TKE\")"
	}
	for i := 1; i < len(p); i++ {
		b := p[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return fmt.Sprintf("has %q; a part has only letters and digits", rune(b))
		}
	}
	if last := p[len(p)-1]; last >= '0' && last <= '9' {
		return "ends in a digit; numbered copies such as \"Admin2\" hide what a role is for"
	}
	return ""
}

func (c Convention) nameErr(name, reason string) *NameError {
	return &NameError{Name: name, Reason: reason, Shape: c.shape(), Example: c.example()}
}
