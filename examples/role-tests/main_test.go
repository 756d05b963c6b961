package roletests_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/camkit/camkit/testutil"
)

// harnesses are the harnesses the tests share, registered by each file's
// setup, so TestMain can report their coverage after the run.
var harnesses = map[string]*testutil.Harness{}

// TestMain runs the tests, then prints which policy statements no expectation
// exercised (go test prints it with -v, or when run in this directory).
func TestMain(m *testing.M) {
	code := m.Run()
	for _, name := range []string{"standard catalogue", "demo account snapshot"} {
		if h, ok := harnesses[name]; ok {
			fmt.Printf("%s: %s\n", name, h.Coverage())
		}
	}
	os.Exit(code)
}
