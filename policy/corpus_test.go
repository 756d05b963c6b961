package policy_test

import (
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// The corpus: realistic CAM policies in testdata/corpus/<name>.json, each with
// its canonical form in <name>.canonical.json; and documents Parse must reject
// in testdata/invalid/<name>.json, each with <name>.err holding the expected
// error path and text. testdata/README.md describes the layout.
//
//go:embed testdata/corpus testdata/invalid
var corpusFS embed.FS

// updateCorpus rewrites the golden files: go test ./policy -run Corpus -update-corpus.
// (The flag has its own name so it never collides with another test file's -update;
// if another file registers -update, that flag works too.)
var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata golden files of the policy corpus")

func updating() bool {
	if *updateCorpus {
		return true
	}
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const canonicalSuffix = ".canonical.json"

// corpusFile is one document of the corpus.
type corpusFile struct {
	Name string // file name without ".json", e.g. "trust-service-role"
	Data []byte
}

// corpusFiles returns the documents under testdata/<dir> (".json" files that are
// not golden ".canonical.json" files), in name order. Other test files of this
// package may use it to add expectations to the same corpus.
func corpusFiles(tb testing.TB, dir string) []corpusFile {
	tb.Helper()
	entries, err := fs.ReadDir(corpusFS, path.Join("testdata", dir))
	if err != nil {
		tb.Fatalf("reading corpus: %v", err)
	}
	var out []corpusFile
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, canonicalSuffix) {
			continue
		}
		data, err := corpusFS.ReadFile(path.Join("testdata", dir, name))
		if err != nil {
			tb.Fatalf("reading %s: %v", name, err)
		}
		out = append(out, corpusFile{Name: strings.TrimSuffix(name, ".json"), Data: data})
	}
	return out
}

// golden compares got with testdata/<dir>/<file>, or rewrites it under -update-corpus.
func golden(tb testing.TB, dir, file, got string) {
	tb.Helper()
	rel := path.Join("testdata", dir, file)
	if updating() {
		if err := os.WriteFile(filepath.FromSlash(rel), []byte(got), 0o644); err != nil {
			tb.Fatalf("writing golden file: %v", err)
		}
		return
	}
	want, err := corpusFS.ReadFile(rel)
	if err != nil {
		tb.Fatalf("missing golden file %s (run go test -run Corpus -update-corpus): %v", rel, err)
	}
	if string(want) != got {
		tb.Errorf("%s differs from the golden file\n got: %s\nwant: %s", rel, got, want)
	}
}

func TestCorpusValid(t *testing.T) {
	files := corpusFiles(t, "corpus")
	if len(files) < 12 {
		t.Fatalf("corpus has %d documents, want at least 12", len(files))
	}
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse(f.Data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			canon := doc.Canonical()
			if !json.Valid([]byte(canon)) {
				t.Fatalf("Canonical is not valid JSON: %s", canon)
			}
			assertFixedPoint(t, canon)

			b, err := doc.MarshalJSON()
			if err != nil || string(b) != canon {
				t.Errorf("MarshalJSON = %s, %v; want Canonical %s", b, err, canon)
			}
			// json.Marshal HTML-escapes, but the result still parses to the same document.
			escaped, err := json.Marshal(doc)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if again := mustParse(t, escaped).Canonical(); again != canon {
				t.Errorf("json.Marshal does not round-trip:\n got: %s\nwant: %s", again, canon)
			}
			var viaStd policy.Document
			if err := json.Unmarshal(f.Data, &viaStd); err != nil {
				t.Fatalf("json.Unmarshal: %v", err)
			}
			if got := viaStd.Canonical(); got != canon {
				t.Errorf("json.Unmarshal then Canonical:\n got: %s\nwant: %s", got, canon)
			}
			golden(t, "corpus", f.Name+canonicalSuffix, canon+"\n")
		})
	}
}

func TestCorpusInvalid(t *testing.T) {
	files := corpusFiles(t, "invalid")
	if len(files) < 12 {
		t.Fatalf("invalid corpus has %d documents, want at least 12", len(files))
	}
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			doc, err := policy.Parse(f.Data)
			if err == nil {
				t.Fatalf("Parse accepted it: %s", doc.Canonical())
			}
			var perr *policy.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %T %v is not a *policy.Error", err, err)
			}
			if !strings.HasPrefix(err.Error(), "policy: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
			var viaStd policy.Document
			if json.Unmarshal(f.Data, &viaStd) == nil {
				t.Errorf("json.Unmarshal accepted it")
			}
			golden(t, "invalid", f.Name+".err", "path: "+perr.Path+"\nerror: "+err.Error()+"\n")
		})
	}
}

// assertFixedPoint checks that canon parses and writes back to itself.
func assertFixedPoint(tb testing.TB, canon string) {
	tb.Helper()
	again, err := policy.Parse([]byte(canon))
	if err != nil {
		tb.Fatalf("canonical text does not parse: %v\n%s", err, canon)
	}
	if got := again.Canonical(); got != canon {
		tb.Fatalf("Canonical is not a fixed point:\nfirst:  %s\nsecond: %s", canon, got)
	}
}

func mustParse(tb testing.TB, data []byte) *policy.Document {
	tb.Helper()
	doc, err := policy.Parse(data)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", data, err)
	}
	return doc
}
