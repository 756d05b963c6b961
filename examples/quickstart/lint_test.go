package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// TestQuickstartDrawsNoMistakeFindings runs the quickstart and checks that
// the policies it builds, and the demo account it reviews, draw none of the
// lint rules that catch names and forms that never match: the quickstart's
// policies are real ones a user copies.
func TestQuickstartDrawsNoMistakeFindings(t *testing.T) {
	out := captureStdout(t, func() error {
		if err := buildAndDecide(); err != nil {
			return err
		}
		return reviewDemoAccount(context.Background())
	})
	for _, rule := range []string{
		policy.RuleUnknownService, policy.RuleUnknownAction, policy.RuleResourceOtherService,
		policy.RuleResourceUnknownRegion, policy.RuleOperationLevelResource, policy.RuleTagUnsupported,
		policy.RuleConditionOperatorType, policy.RuleConditionTagFormat,
	} {
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, " "+rule+":") {
				t.Errorf("the quickstart prints a %s finding: %s", rule, line)
			}
		}
	}
	if !strings.Contains(out, "2. Lint") {
		t.Errorf("the quickstart's output has no lint section:\n%s", out)
	}
}

// captureStdout runs f with os.Stdout redirected and returns what it wrote.
func captureStdout(t *testing.T, f func() error) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	orig := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, r)
		done <- b.String()
	}()
	ferr := f()
	os.Stdout = orig
	_ = w.Close()
	out := <-done
	if ferr != nil {
		t.Fatalf("quickstart: %v\n%s", ferr, out)
	}
	return out
}
