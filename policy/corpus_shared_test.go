package policy_test

import (
	"bufio"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// The shared corpus: ../shared/corpus relative to the module root (so
// ../../shared/corpus from this package), outside the repository. It holds
// CAM policies published in Tencent's documentation, Terraform examples and
// SDK comments (docs/), published texts that are not JSON (invalid/), and AWS
// IAM policies (aws/); index.tsv names each source. The test is skipped when
// the directory is absent.
const sharedCorpus = "../../shared/corpus"

// sharedCorpusNewRules are the rules of "mistakes are caught": published
// documents Validate accepts must draw none of them unless they really are
// wrong.
var sharedCorpusNewRules = []string{
	policy.RuleUnknownService, policy.RuleUnknownAction, policy.RuleResourceOtherService,
	policy.RuleResourceUnknownRegion, policy.RuleOperationLevelResource, policy.RuleTagUnsupported,
	policy.RuleConditionOperatorType, policy.RuleConditionTagFormat,
}

// sharedCorpusWrong lists the findings of sharedCorpusNewRules on published
// documents that really are wrong, as "<file> <path> <rule>", with the reason.
var sharedCorpusWrong = map[string]string{
	"docs/0166.json statement[0].resource[0] resource.unknown-region": `"qcs::gz:cvm:..." swaps the service and region segments: the region reads "cvm"`,
	"docs/0166.json statement[0].action[0] resource.other-service":    `the same swapped resource: its service segment reads "gz", so cos:* applies to none of it`,
	"docs/0188.json statement[0].action[0] policy.unknown-action":     `COS has no API whose name starts with "Read" (its reads are Get*, Head* and List*), so cos:Read* matches nothing`,
	"docs/0265.json statement[0].action[0] policy.unknown-action":     `the same cos:Read* page in another language`,
	"docs/0509.json statement[0].action[0] resource.other-service":    `cdb:* on "qcs::cvm:ap-guangzhou::*": MySQL's actions name cdb resources, not CVM's`,
	"docs/0599.json statement[0].action[0] resource.other-service":    `a deprecated page naming "qcs::cmq:..." for cmqqueue actions, whose resources are "qcs::cmqqueue:..."`,
}

// sharedCorpusFile is one document of the shared corpus.
type sharedCorpusFile struct {
	name string // "docs/0001.json"
	data []byte
}

func readSharedCorpus(t *testing.T, dir string) []sharedCorpusFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(sharedCorpus, dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	var out []sharedCorpusFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sharedCorpusFile{name: dir + "/" + filepath.Base(p), data: data})
	}
	return out
}

// sharedCorpusIndex reads index.tsv: file → source.
func sharedCorpusIndex(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedCorpus, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 2 && cols[0] != "file" {
			out[cols[0]] = cols[1]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// problems flattens an error into its *policy.Error values.
func problems(t *testing.T, name string, err error) []*policy.Error {
	t.Helper()
	var out []*policy.Error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var pe *policy.Error
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %T %v is not a *policy.Error", name, err, err)
			return
		}
		out = append(out, pe)
	}
	walk(err)
	return out
}

// TestSharedCorpus runs every published document through Parse, Validate,
// Compile and Lint: each is accepted by all three or refused with a message
// that names the problem; Validate and Compile agree; no accepted document
// draws policy.unknown-action or policy.unknown-service unless it names an
// action that does not exist, and none draws another rule of "mistakes are
// caught" unless it really is wrong (sharedCorpusWrong); texts that are not JSON are
// refused; AWS policies are refused with the one AWS message.
func TestSharedCorpus(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skipf("shared corpus not present at %s: %v", sharedCorpus, err)
	}
	index := sharedCorpusIndex(t)
	counts := map[string]int{}
	ruleCounts := map[string]int{}
	seenWrong := map[string]bool{}
	for _, f := range readSharedCorpus(t, "docs") {
		if _, ok := index[f.name]; !ok {
			t.Errorf("%s is not in index.tsv", f.name)
		}
		doc, err := policy.Parse(f.data)
		if err != nil {
			counts["docs refused by Parse"]++
			for _, p := range problems(t, f.name, err) {
				if p.Message == "" {
					t.Errorf("%s: Parse refuses it without a message", f.name)
				}
			}
			continue
		}
		verr := doc.Validate()
		_, cerr := policy.Compile(doc)
		switch {
		case verr != nil && cerr != nil:
			counts["docs refused by Validate and Compile"]++
		case verr != nil:
			// Compile checks meaning, not CAM's rules for the text (version,
			// principal forms, length); Validate does.
			counts["docs refused by Validate, compilable"]++
		case cerr != nil:
			t.Errorf("%s: Validate accepts it and Compile refuses it: %v", f.name, cerr)
			continue
		default:
			counts["docs accepted"]++
		}
		if verr != nil {
			for _, p := range problems(t, f.name, verr) {
				if p.Message == "" || p.Path == "" && !strings.Contains(p.Message, "characters long") {
					t.Errorf("%s: Validate's problem %q names no place", f.name, p)
				}
			}
			continue
		}
		for _, fd := range policy.Lint(doc) {
			ruleCounts[fd.Rule]++
			if !slices.Contains(sharedCorpusNewRules, fd.Rule) {
				continue
			}
			key := f.name + " " + fd.Path + " " + fd.Rule
			seenWrong[key] = true
			if _, ok := sharedCorpusWrong[key]; !ok {
				t.Errorf("%s: %s (not listed in sharedCorpusWrong; source %s)", f.name, fd, index[f.name])
			}
		}
	}
	for _, f := range readSharedCorpus(t, "invalid") {
		if _, err := policy.Parse(f.data); err == nil {
			t.Errorf("%s: Parse accepts a text that is not a policy", f.name)
			continue
		}
		counts["invalid refused by Parse"]++
	}
	for _, f := range readSharedCorpus(t, "aws") {
		_, err := policy.Parse(f.data)
		ps := problems(t, f.name, err)
		if err == nil || len(ps) != 1 || !strings.Contains(ps[0].Message, "AWS IAM policy") {
			t.Errorf("%s: Parse = %v; want the one AWS message", f.name, err)
			continue
		}
		counts["aws refused as AWS policies"]++
	}
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		t.Logf("%-45s %d", k, counts[k])
	}
	for _, k := range slices.Sorted(maps.Keys(ruleCounts)) {
		t.Logf("lint findings on accepted docs: %-30s %d", k, ruleCounts[k])
	}
	for key := range sharedCorpusWrong {
		if !seenWrong[key] {
			t.Errorf("sharedCorpusWrong lists %s, which Lint no longer reports", key)
		}
	}
}
