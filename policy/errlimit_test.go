package policy_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// joinedErrors returns the errors an errors.Join result holds.
func joinedErrors(t *testing.T, err error) []error {
	t.Helper()
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T is not an errors.Join result", err)
	}
	return joined.Unwrap()
}

// checkLimited checks err lists MaxListedErrors problems in full, each an
// *policy.Error whose message starts with pathPrefix+"statement[i]", then one
// *policy.OmittedErrors counting the rest (total in all) and quoting the
// first of them, and that errors.Is and errors.As reach all of them.
func checkLimited(t *testing.T, err error, total int, pathPrefix string) {
	t.Helper()
	errs := joinedErrors(t, err)
	if len(errs) != policy.MaxListedErrors+1 {
		t.Fatalf("%d joined errors, want %d listed and one summary", len(errs), policy.MaxListedErrors)
	}
	for _, e := range errs[:policy.MaxListedErrors] {
		var pe *policy.Error
		if !errors.As(e, &pe) || !strings.HasPrefix(pe.Path, pathPrefix+"statement[") {
			t.Fatalf("listed error %T %v has no statement path", e, e)
		}
		if !errors.Is(err, e) {
			t.Fatalf("errors.Is does not find listed error %v", e)
		}
	}
	var more *policy.OmittedErrors
	if !errors.As(err, &more) {
		t.Fatalf("errors.As finds no *policy.OmittedErrors in %T", err)
	}
	if more != errs[policy.MaxListedErrors] {
		t.Fatalf("the summary is not the last joined error")
	}
	if want := total - policy.MaxListedErrors; more.Count != want {
		t.Errorf("Count = %d, want %d", more.Count, want)
	}
	var first *policy.Error
	if !errors.As(more, &first) || first != more.First || !errors.Is(err, more.First) {
		t.Fatalf("the summary does not unwrap to its first omitted *policy.Error: %v", more.First)
	}
	what := "problems"
	if more.Count == 1 {
		what = "problem"
	}
	want := fmt.Sprintf("policy: and %s more %s like %s%s: %s",
		groupedForTest(more.Count), what, pathPrefix, first.Path[len(pathPrefix):], first.Message)
	if more.Error() != want {
		t.Errorf("summary = %q\nwant      %q", more.Error(), want)
	}
	if !strings.HasSuffix(err.Error(), "\n"+want) {
		t.Errorf("the error text does not end with the summary")
	}
}

func groupedForTest(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestValidateErrorLimited is the regression test for issue 7 item 3:
// thousands of broken statements give an error of bounded size that lists the
// first problems and counts the rest.
func TestValidateErrorLimited(t *testing.T) {
	t.Parallel()
	perStatement := len(joinedErrors(t, (&policy.Document{Version: policy.Version, Statement: make([]policy.Statement, 1)}).Validate()))
	const n = 3000
	d := &policy.Document{Version: policy.Version, Statement: make([]policy.Statement, n)}
	err := d.Validate()
	checkLimited(t, err, n*perStatement+1, "") // and the document is too long
	if size := len(err.Error()); size > 32<<10 {
		t.Errorf("error text is %d bytes, want at most 32 KiB", size)
	}
}

// TestValidateErrorNotLimited checks that MaxListedErrors problems or fewer
// are all listed, with no summary.
func TestValidateErrorNotLimited(t *testing.T) {
	t.Parallel()
	d := &policy.Document{Version: policy.Version, Statement: make([]policy.Statement, 1)}
	for len(d.Statement) < 200 {
		d.Statement = append(d.Statement, policy.Statement{Effect: policy.EffectAllow, Action: []string{"cvm:DescribeInstances"}, Resource: []string{"*"}})
	}
	errs := joinedErrors(t, d.Validate())
	var more *policy.OmittedErrors
	for _, e := range errs {
		if errors.As(e, &more) {
			t.Fatalf("summary %v for %d problems", more, len(errs))
		}
	}
	// Exactly MaxListedErrors problems: still no summary.
	bad := policy.Statement{Effect: policy.EffectAllow, Resource: []string{"*"}}
	for len(bad.Action) < policy.MaxListedErrors {
		bad.Action = append(bad.Action, "bad")
	}
	d.Statement = []policy.Statement{bad}
	err := d.Validate()
	if errs := joinedErrors(t, err); len(errs) != policy.MaxListedErrors || errors.As(err, &more) {
		t.Fatalf("%d problems gave %d errors (summary: %v)", policy.MaxListedErrors, len(errs), errors.As(err, &more))
	}
	// One more: one summary of one.
	d.Statement[0].Action = append(d.Statement[0].Action, "bad")
	err = d.Validate()
	checkLimited(t, err, policy.MaxListedErrors+1, "")
	if !strings.HasSuffix(err.Error(), "\npolicy: and 1 more problem like statement[0].action[100]: action \"bad\" is not of the form service:ApiName") {
		t.Errorf("summary of one: %q", err.Error()[strings.LastIndexByte(err.Error(), '\n')+1:])
	}
}

// TestCompileErrorLimited is the same for Compile, whose paths name the
// document.
func TestCompileErrorLimited(t *testing.T) {
	t.Parallel()
	const n = 3000
	d := &policy.Document{Version: policy.Version, Statement: make([]policy.Statement, n)}
	_, err := policy.Compile(d)
	if err == nil {
		t.Fatal("Compile accepted empty statements")
	}
	checkLimited(t, err, n, "document[0]: ")
	if size := len(err.Error()); size > 32<<10 {
		t.Errorf("error text is %d bytes, want at most 32 KiB", size)
	}
}

func ExampleOmittedErrors() {
	d := &policy.Document{Version: policy.Version, Statement: make([]policy.Statement, 1000)}
	err := d.Validate()
	var more *policy.OmittedErrors
	if errors.As(err, &more) {
		fmt.Println(more)
	}
	// Output:
	// policy: and 2,901 more problems like statement[33].action: missing; a statement needs at least one action
}
