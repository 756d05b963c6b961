package policy_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

// Documents far beyond CAM's length limit, as a hostile or careless author
// might hand to Lint and Validate. Each benchmark runs at two sizes eight or
// ten times apart: near-linear rules cost about as many times more.

// scaleStatements returns a document of n distinct allow statements, each with
// two actions and one resource (about 105 bytes a statement).
func scaleStatements(n int) *policy.Document {
	d := &policy.Document{Version: policy.Version}
	for i := range n {
		d.Statement = append(d.Statement, policy.Statement{
			Effect:   policy.EffectAllow,
			Action:   []string{"cvm:DescribeInstances", "cvm:StartInstance" + strconv.Itoa(i)},
			Resource: []string{"qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-" + strconv.Itoa(i)},
		})
	}
	return d
}

// scaleWideActions returns two allow statements of the same n distinct
// actions, on different resources: each action of one must be looked for
// among the other's.
func scaleWideActions(n int) *policy.Document {
	d := &policy.Document{Version: policy.Version}
	for s := range 2 {
		st := policy.Statement{Effect: policy.EffectAllow, Resource: []string{"qcs::cvm::uin/100000000001:instance/ins-" + strconv.Itoa(s)}}
		for i := range n {
			st.Action = append(st.Action, "cvm:Api"+strconv.Itoa(i))
		}
		d.Statement = append(d.Statement, st)
	}
	return d
}

// scaleEmptyStatements returns n statements with nothing in them.
func scaleEmptyStatements(n int) *policy.Document {
	return &policy.Document{Version: policy.Version, Statement: make([]policy.Statement, n)}
}

// scaleConditionValues returns one statement whose condition key has n
// distinct values and one repeat of the first.
func scaleConditionValues(n int) *policy.Document {
	vals := make([]string, 0, n+1)
	for i := range n {
		vals = append(vals, "v"+strconv.Itoa(i))
	}
	vals = append(vals, "v0")
	return &policy.Document{Version: policy.Version, Statement: []policy.Statement{{
		Effect:    policy.EffectAllow,
		Action:    []string{"cos:GetObject"},
		Resource:  []string{"*"},
		Condition: policy.Condition{"string_equal": {"cos:prefix": policy.Strings(vals...)}},
	}}}
}

var scaleLintOpts = policy.LintOptions{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }}

func benchLint(b *testing.B, name string, sizes []int, build func(int) *policy.Document) {
	for _, n := range sizes {
		doc := build(n)
		b.Run(fmt.Sprintf("%s=%d", name, n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				policy.LintWith(doc, scaleLintOpts)
			}
		})
	}
}

func BenchmarkLintScaleStatements(b *testing.B) {
	benchLint(b, "statements", []int{1000, 8000}, scaleStatements)
}

func BenchmarkLintScaleWideActions(b *testing.B) {
	benchLint(b, "actions", []int{4000, 40000}, scaleWideActions)
}

func BenchmarkLintScaleEmptyStatements(b *testing.B) {
	benchLint(b, "statements", []int{10000, 80000}, scaleEmptyStatements)
}

func BenchmarkLintScaleConditionValues(b *testing.B) {
	benchLint(b, "values", []int{10000, 100000}, scaleConditionValues)
}

// BenchmarkValidateScaleEmptyStatements reports, besides the time, the length
// of the error text (errbytes) for documents of many broken statements.
func BenchmarkValidateScaleEmptyStatements(b *testing.B) {
	for _, n := range []int{30000, 300000} {
		doc := scaleEmptyStatements(n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				size = len(doc.Validate().Error())
			}
			b.ReportMetric(float64(size), "errbytes")
		})
	}
}

// BenchmarkCompileScaleEmptyStatements is the same for Compile's error.
func BenchmarkCompileScaleEmptyStatements(b *testing.B) {
	for _, n := range []int{30000, 300000} {
		doc := scaleEmptyStatements(n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				_, err := policy.Compile(doc)
				size = len(err.Error())
			}
			b.ReportMetric(float64(size), "errbytes")
		})
	}
}

// scaleLongGlobs returns an allow of "cvm:*AAAA…AB" (n+1 letters after the
// star) and an allow of "cvm:AAAA…A" (16n letters): whether the first covers
// the second is a glob match that backtracking does in pattern × input steps.
func scaleLongGlobs(n int) *policy.Document {
	return &policy.Document{Version: policy.Version, Statement: []policy.Statement{
		{Effect: policy.EffectAllow, Action: []string{"cvm:*" + strings.Repeat("A", n) + "B"}, Resource: []string{"*"}},
		{Effect: policy.EffectAllow, Action: []string{"cvm:" + strings.Repeat("A", 16*n)}, Resource: []string{"*"}},
	}}
}

func BenchmarkLintScaleLongGlobs(b *testing.B) {
	benchLint(b, "letters", []int{1000, 8000}, scaleLongGlobs)
}
