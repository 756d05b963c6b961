package policy_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/policy"
)

// FuzzLintValidate parses random documents and checks that Validate, Lint and
// Compile never panic and keep their contracts: Validate's error lists
// *policy.Error values (and at most one *policy.OmittedErrors at the end),
// each starting "policy: "; every finding names a known rule with its
// severity and a path inside the document, in sorted order; and a document
// Validate accepts compiles. Seeds: the corpus (valid and invalid) and a few
// documents shaped to reach the hash-set paths of statement.redundant and
// value.duplicate.
func FuzzLintValidate(f *testing.F) {
	for _, dir := range []string{"corpus", "invalid"} {
		for _, c := range corpusFiles(f, dir) {
			f.Add(c.Data)
		}
	}
	for _, d := range []*policy.Document{scaleStatements(12), scaleWideActions(12), scaleConditionValues(12), scaleEmptyStatements(3)} {
		f.Add([]byte(d.Canonical()))
	}
	f.Add([]byte(`{"version":"2.0","statement":[{"effect":"allow","action":["cvm:*","CVM:Describe*","*:*","permid/1"],"resource":["*"]},` +
		`{"effect":"allow","action":["cvm:DescribeInstances","permid/1"],"resource":["qcs::cvm::uin/1:instance/*"],"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8","10.0.0.0/8"]}}},` +
		`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:root"]},"action":"sts:AssumeRole"},` +
		`{"effect":"allow","principal":{"qcs":["qcs::cam::uin/1:uin/2"]},"action":"sts:AssumeRole"}]}`))

	rules := map[string]policy.Severity{}
	for _, r := range policy.Rules() {
		rules[r.ID] = r.Severity
	}
	opts := policy.LintOptions{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }, OwnerUIN: 100000000001}

	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := policy.Parse(data)
		if err != nil {
			return
		}
		verr := doc.Validate()
		if verr != nil {
			checkValidateError(t, verr)
		}
		for _, o := range []policy.LintOptions{opts, {}} {
			findings := policy.LintWith(doc, o)
			for _, fd := range findings {
				sev, ok := rules[fd.Rule]
				if !ok {
					t.Fatalf("finding of unknown rule: %v", fd)
				}
				if fd.Severity != sev {
					t.Fatalf("finding %v has severity %v, rule says %v", fd, fd.Severity, sev)
				}
				if fd.Path != "" && !strings.HasPrefix(fd.Path, "statement[") {
					t.Fatalf("finding path %q is not in the document", fd.Path)
				}
				if fd.Message == "" {
					t.Fatalf("finding without a message: %v", fd)
				}
			}
			if again := policy.LintWith(doc, o); !slices.Equal(again, findings) {
				t.Fatalf("Lint is not deterministic:\n%v\n%v", findings, again)
			}
		}
		e, cerr := policy.Compile(doc)
		if verr == nil && cerr != nil {
			t.Fatalf("Validate accepts the document but Compile says: %v", cerr)
		}
		if cerr == nil && len(doc.Statement) > 0 {
			st := doc.Statement[0]
			req := policy.Request{Resource: "*"}
			if len(st.Action) > 0 {
				req.Action = st.Action[0]
			}
			if len(st.Resource) > 0 {
				req.Resource = st.Resource[0]
			}
			_ = e.Evaluate(req).String()
		}
	})
}

// checkValidateError checks the shape of an error from Validate.
func checkValidateError(t *testing.T, err error) {
	t.Helper()
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Validate returned %T, want an errors.Join result", err)
	}
	errs := joined.Unwrap()
	if len(errs) == 0 || len(errs) > policy.MaxListedErrors+1 {
		t.Fatalf("Validate joined %d errors", len(errs))
	}
	for k, e := range errs {
		if !strings.HasPrefix(e.Error(), "policy: ") {
			t.Fatalf("error %q does not start with the package name", e)
		}
		var more *policy.OmittedErrors
		if errors.As(e, &more) {
			if k != policy.MaxListedErrors || more.Count < 1 {
				t.Fatalf("summary %v at [%d] counting %d", more, k, more.Count)
			}
			continue
		}
		var perr *policy.Error
		if !errors.As(e, &perr) {
			t.Fatalf("joined error %T %v is not a *policy.Error", e, e)
		}
	}
}
