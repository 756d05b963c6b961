package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Severity ranks a [Finding] by the harm the pattern can do. The set is closed:
// SeverityInfo < SeverityLow < SeverityMedium < SeverityHigh < SeverityCritical,
// so findings can be filtered with >=.
//
//   - Info: worth knowing, harmless on its own (a redundant statement, a
//     documented gap of CAM).
//   - Low: hygiene; the policy works but is hard to verify (an unknown
//     condition key, a permid action, a long document).
//   - Medium: grants more than is likely meant, or a condition that defeats
//     its statement.
//   - High: broad access to data, audit or permissions.
//   - Critical: anyone, or everything.
type Severity uint8

// The severities, lowest first.
const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
	severityCount
)

var severityNames = [severityCount]string{"info", "low", "medium", "high", "critical"}

// String returns the severity's name: "info", "low", "medium", "high" or "critical".
func (s Severity) String() string {
	if s < severityCount {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// MarshalText writes the severity's name. It fails for a value outside the set.
func (s Severity) MarshalText() ([]byte, error) {
	if s >= severityCount {
		return nil, fmt.Errorf("policy: cannot marshal invalid severity %d", uint8(s))
	}
	return []byte(severityNames[s]), nil
}

// UnmarshalText reads a severity name, ignoring case.
func (s *Severity) UnmarshalText(text []byte) error {
	for i, name := range severityNames {
		if strings.EqualFold(string(text), name) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("policy: unknown severity %s; want info, low, medium, high or critical", quote(string(text)))
}

// Finding is one risky pattern [Lint] found in a valid document. It marshals to
// JSON as {"rule", "severity", "path", "message"}, the severity by name.
type Finding struct {
	// Rule is the stable ID of the rule that found it, one of the Rule...
	// constants, e.g. "policy.full-admin".
	Rule string `json:"rule"`
	// Severity is the rule's severity.
	Severity Severity `json:"severity"`
	// Path is the JSON path of the element, e.g. "statement[0].action[1]"; empty
	// for the document as a whole.
	Path string `json:"path"`
	// Message says what is risky and why.
	Message string `json:"message"`
}

// String formats the finding as "<path>: <severity> <rule>: <message>", leaving
// out the path when it is empty.
func (f Finding) String() string {
	s := f.Severity.String() + " " + f.Rule + ": " + f.Message
	if f.Path == "" {
		return s
	}
	return f.Path + ": " + s
}

// LintOptions tunes [LintWith]. The zero value is what [Lint] uses.
type LintOptions struct {
	// Now returns the current time for rules about expiry
	// (RuleConditionNeverHolds). Nil means time.Now.
	Now func() time.Time
	// OwnerUIN is the UIN of the account that owns the document (the role's
	// account for a trust policy). With it, RuleTrustOtherAccount reports every
	// principal of another account; without it (zero), it reports a trust policy
	// only when it names two or more accounts, since one of them cannot be the
	// owner's.
	OwnerUIN uint64
	// Disable lists rule IDs not to run. IDs that name no rule are ignored (see
	// [Rules] for the list).
	Disable []string
}

// Lint reports risky but valid patterns in d, with the default [LintOptions].
// See [LintWith].
func Lint(d *Document) []Finding { return LintWith(d, LintOptions{}) }

// LintWith reports risky but valid patterns in d: full-admin grants, service
// wildcards, writes and permission changes on every resource, trust policies
// open to anyone or to other accounts, conditions that can never hold,
// redundant statements and values, and more; [Rules] lists every rule with its
// ID, severity and summary.
//
// RuleConditionNeverHolds reports a date_less_than(_equal) on qcs:current_time
// whose every date is before LintOptions.Now (a date_greater_than in the future
// is fine: it starts to hold later); an empty date range on qcs:current_time; an
// empty numeric range on one key, or numeric_equal values outside it; and a key
// that null_equal "true" requires absent while a positive operator requires it
// present. Numeric ranges are judged only for plain operators (no _if_exist, no
// for_… prefix) and assume the key has one value per request, as CAM's numeric
// keys do.
//
// The rules on names (RuleUnknownService, RuleUnknownAction,
// RuleResourceOtherService, RuleResourceUnknownRegion,
// RuleOperationLevelResource, RuleTagUnsupported) consult the catalogue
// ([KnownService], [SuggestAction], [ResourceServiceTypes], [KnownRegion],
// [APIGranularity], [ServiceTagAuthorization]) and report only what the
// catalogue can show to be wrong: an action name camkit does not know is
// reported only when it is one slip of the keyboard from a real one, because
// CAM still honours API 2.0 and console actions no catalogue lists. Segments
// holding a wildcard or a policy variable are never judged. Each rule looks at
// every action, resource and condition once, so Lint stays linear in the size
// of the document.
//
// Lint judges what a document grants, not whether it is well-formed: run
// [Document.Validate] first. Elements that do not parse (an invalid action or
// resource, a resource with a policy variable CAM does not document, an
// unknown operator) are skipped, never reported twice and never a panic. A nil
// document has no findings.
//
// Findings are sorted by path (statement[2] before statement[10]), then by rule
// ID, then by message, so the output is deterministic.
func LintWith(d *Document, opts LintOptions) []Finding {
	if d == nil {
		return nil
	}
	l := &linter{doc: d, opts: opts, now: time.Now}
	if opts.Now != nil {
		l.now = opts.Now
	}
	l.prepare()
	for _, r := range lintRules {
		if !slices.Contains(opts.Disable, r.ID) {
			lintRunner(r.ID)(l)
		}
	}
	slices.SortFunc(l.findings, compareFindings)
	return l.findings
}

// linter holds one document being linted and the findings so far.
type linter struct {
	doc      *Document
	opts     LintOptions
	now      func() time.Time
	stmts    []lintStatement
	findings []Finding
	keys     []string // ConditionKeys(), once needed
	// suggestions caches the catalogue's nearest names (see suggest).
	suggestions map[string]string
}

// lintStatement is a statement with its actions and resources parsed once.
type lintStatement struct {
	*Statement
	path      string
	actions   []lintAction // the actions that parse, with their index
	resources []Resource   // the resources that parse, in order
	resIndex  []int        // the index in the statement's resource list of each of resources
	anyRes    bool         // the resource list contains "*"
}

type lintAction struct {
	Action
	index int
	body  string // "service:Name" without a "name/" prefix; empty for "*" and permid
}

func (l *linter) prepare() {
	l.stmts = make([]lintStatement, len(l.doc.Statement))
	for i := range l.doc.Statement {
		st := &l.doc.Statement[i]
		ls := lintStatement{Statement: st, path: StatementPath(i)}
		for j, raw := range st.Action {
			if a, err := ParseAction(raw); err == nil {
				la := lintAction{Action: a, index: j}
				if !a.All && !a.PermID {
					la.body = a.Service + ":" + a.Name
				}
				ls.actions = append(ls.actions, la)
			}
		}
		for j, raw := range st.Resource {
			// A resource with a policy variable Compile refuses is skipped,
			// like one that does not parse: Validate reports it.
			if r, err := ParseResource(raw); err == nil && (!strings.Contains(raw, "${") || checkResource(raw) == nil) {
				ls.resources = append(ls.resources, r)
				ls.resIndex = append(ls.resIndex, j)
				ls.anyRes = ls.anyRes || r.All
			}
		}
		l.stmts[i] = ls
	}
}

func (l *linter) report(rule, path, format string, args ...any) {
	l.findings = append(l.findings, Finding{
		Rule:     rule,
		Severity: lintRuleSeverity(rule),
		Path:     path,
		Message:  fmt.Sprintf(format, args...),
	})
}

func (ls *lintStatement) actionPath(a lintAction) string {
	return pathIndex(pathField(ls.path, "action"), a.index)
}

// compareFindings orders findings by path (numbers compared as numbers), rule
// and message.
func compareFindings(a, b Finding) int {
	if c := comparePaths(a.Path, b.Path); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// comparePaths compares JSON paths, reading runs of digits as numbers so that
// statement[2] sorts before statement[10].
func comparePaths(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isASCIIDigit(a[i]) && isASCIIDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isASCIIDigit(a[i]) {
				i++
			}
			for j < len(b) && isASCIIDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(a[si:i], "0")
			nb := strings.TrimLeft(b[sj:j], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if a[i] != b[j] {
			return int(a[i]) - int(b[j])
		}
		i++
		j++
	}
	return (len(a) - i) - (len(b) - j)
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
