package policy_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

// corpusLintClock is the "now" of the corpus lint test: after the time boxes
// in time-boxed.json and trust-cross-account-root.json have closed.
func corpusLintClock() time.Time { return time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC) }

// corpusOwner is the account the corpus documents belong to.
const corpusOwner = 100000000001

// corpusLintExpect lists, per corpus document, the findings Lint must report
// as "<path> <rule>", in Lint's order. Every corpus document needs an entry, so
// a new document cannot slip in unjudged. testdata/corpus/lint.golden holds the
// full messages (regenerate with -update-corpus).
var corpusLintExpect = map[string][]string{
	"admin-like": {
		"statement[0] statement.redundant",
		"statement[0].action[0] policy.full-admin",
		"statement[1].action[0] policy.full-admin",
	},
	"cos-path-readwrite": nil,
	// cbs is CBS's SDK package, not its CAM prefix (cvm): the deny never
	// applies. (cloudaudit:DeleteAudit, removed from Tencent's API, is no typo
	// of a real name, so policy.unknown-action leaves it alone.)
	"deny-guardrail": {
		"statement[1].action[1] policy.unknown-service",
	},
	"escapes-and-unicode": {
		"statement[0].action[1] value.duplicate",
		`statement[0].condition.string_equal["qcs:resource_tag"][1] value.duplicate`,
		`statement[0].condition.string_equal["qcs:resource_tag"][2] condition.tag-format`, // "<team>" is no "key&value"
		"statement[0].resource[1] value.duplicate",
	},
	"ip-fenced": {
		"statement[0].action[0] policy.privilege-escalation", // cvm:* reaches cvm:DescribeInstanceVncUrl
		"statement[0].action[0] policy.service-wildcard",
		"statement[1].action[0] deny.finance-admin-gap",
	},
	"mfa-bool": nil,
	"numeric-condition": {
		`statement[0].condition.numeric_equal["cvm:instance_count"] condition.unknown-key`,
		`statement[0].condition.numeric_greater_than["cvm:disk_size"] condition.unknown-key`,
		`statement[0].condition.numeric_less_than_equal["cvm:disk_size"] condition.unknown-key`,
	},
	"policy-variables": nil,
	"readonly-describe": { // cvm:Describe* reaches cvm:DescribeInstanceVncUrl, which issues credentials
		"statement[0].action[0] policy.privilege-escalation",
		"statement[0].action[12] policy.privilege-escalation",
		"statement[0].action[12] value.duplicate",
	},
	"single-statement-object": nil,
	"string-instead-of-list": {
		`statement[0].condition.string_like["ssl:domain"] condition.unknown-key`,
	},
	"tag-conditioned": {
		"statement[1].action[0] policy.write-on-any-resource",
		"statement[1].action[1] policy.write-on-any-resource",
	},
	"time-boxed": {
		`statement[0].condition.date_less_than["qcs:current_time"] condition.never-holds`,
	},
	"trust-cross-account-root": {
		`statement[0].condition.date_less_than["qcs:current_time"] condition.never-holds`,
		"statement[0].principal.qcs[0] trust.other-account",
	},
	"trust-saml-federated": nil,
	"trust-service-role":   nil,
	"trust-subuser":        nil,
}

func TestCorpusLint(t *testing.T) {
	files := corpusFiles(t, "corpus")
	var goldenText strings.Builder
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Name] = true
		doc := mustParse(t, f.Data)
		if err := doc.Validate(); err != nil {
			t.Errorf("%s: Validate: %v", f.Name, err)
		}
		findings := policy.LintWith(doc, policy.LintOptions{Now: corpusLintClock, OwnerUIN: corpusOwner})
		var got []string
		goldenText.WriteString("== " + f.Name + "\n")
		for _, fd := range findings {
			got = append(got, fd.Path+" "+fd.Rule)
			goldenText.WriteString(fd.String() + "\n")
		}
		want, ok := corpusLintExpect[f.Name]
		if !ok {
			t.Errorf("%s: no lint expectation in corpusLintExpect; Lint reports:\n%s", f.Name, strings.Join(got, "\n"))
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: Lint reports\n%s\nwant\n%s", f.Name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// The canonical form has the same findings except the duplicates it
		// drops (paths may shift when it drops them, so compare rule IDs).
		rules := func(fs []policy.Finding) []string {
			var out []string
			for _, fd := range fs {
				if fd.Rule != policy.RuleValueDuplicate {
					out = append(out, fd.Rule)
				}
			}
			slices.Sort(out)
			return slices.Compact(out) // the canonical form drops repeated actions and their findings

		}
		canon := policy.LintWith(mustParse(t, []byte(doc.Canonical())), policy.LintOptions{Now: corpusLintClock, OwnerUIN: corpusOwner})
		if a, b := rules(canon), rules(findings); !slices.Equal(a, b) {
			t.Errorf("%s: Lint of the canonical form reports rules %v, want %v", f.Name, a, b)
		}
	}
	for name := range corpusLintExpect {
		if !seen[name] {
			t.Errorf("corpusLintExpect names %s, which is not in the corpus", name)
		}
	}
	golden(t, "corpus", "lint.golden", goldenText.String())
}
