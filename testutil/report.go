package testutil

import (
	"strings"
	"testing"
)

// fail reports msg through t in testify's layout (an "Error:" block and the
// test's name), so harness failures read like the project's other
// assertions. t.Helper hides the harness's frames: the file:line Go prints
// is the caller's assertion, which testify would list as "Error Trace".
func fail(t testing.TB, msg string) bool {
	t.Helper()
	t.Errorf("\n%s", testifyBlock(msg, t.Name()))
	return false
}

// testifyBlock lays out a message as testify's assert.Fail does.
func testifyBlock(msg, test string) string {
	const label = "\tError:      \t"
	const cont = "\t            \t"
	var b strings.Builder
	b.WriteString(label)
	b.WriteString(strings.ReplaceAll(msg, "\n", "\n"+cont))
	if test != "" {
		b.WriteString("\n\tTest:       \t" + test)
	}
	return b.String()
}
