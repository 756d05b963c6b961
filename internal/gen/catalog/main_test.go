package main

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is Tencent Cloud's lists, beside the module.
const sharedData = "../../../../shared/data"

func generate(t *testing.T, dir string) []byte {
	t.Helper()
	c, err := build(dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.write(&buf); err != nil {
		t.Fatal(err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestGeneratedFileIsCurrent regenerates the catalogue and compares it with
// policy/catalog_gen.go, as CI's "go generate ./policy/ && git diff
// --exit-code" does, and checks the output is the same on a second run.
func TestGeneratedFileIsCurrent(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, "sdk-actions.tsv")); err != nil {
		t.Skipf("%s is absent", sharedData)
	}
	first := generate(t, sharedData)
	if second := generate(t, sharedData); !bytes.Equal(first, second) {
		t.Fatal("two runs of the generator differ")
	}
	committed, err := os.ReadFile("../../../policy/catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, committed) {
		t.Error("policy/catalog_gen.go is out of date: run go generate ./policy/")
	}
}

// writeData writes the three inputs into a temporary directory.
func writeData(t *testing.T, sdk, services, apis string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"sdk-actions.tsv": sdk, "cam-enabled-services.tsv": services, "cam-enabled-apis.tsv": apis,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// minimalSDK holds one action of each SDK package the hand-kept tables name.
const minimalSDK = "# header\ncvm\tv1\tRunInstances\ncbs\tv1\tCreateDisks\nbilling\tv1\tDescribeBillList\n" +
	"apigateway\tv1\tCreateService\ncam\tv1\tCreateRole\nsts\tv1\tAssumeRole\n"

func TestBuildSmallInputs(t *testing.T) {
	dir := writeData(t, minimalSDK,
		"# services\ncvm\tCVM\tyes\tyes\tresource\tunknown\tpage\nci\tCI\tyes\tno\tresource\tunknown\tpage\n",
		"# apis\ncvm\tRunInstances\twrite\tresource\tqcs::cvm:${region}:uin/${uin}:instance/* qcs::vpc:${region}:uin/${uin}:subnet/*\tunknown\n"+
			"cvm\tCreateDisks\tunknown\toperation\tqcs::cvm:${region}:uin/${uin}:volume/*\tunknown\n"+
			"cvm\tNoSuchApi\tunknown\toperation\t\tunknown\n"+
			"ci\tAddImage\twrite\toperation\t*\tunknown\n"+
			"ci\tbad name\tread\tresource\t\tunknown\n")
	src := string(generate(t, dir))
	for _, want := range []string{
		`"cvm\ty\tc\t2\tvpc\tcbs\n"`, // CreateDisks from cbs, vpc from the resource format
		`"ci\tn\tp\t1\t\t\n"`,        // a CAM-page service: partial
		`"finance\tu\tc\t4\t\tbilling\n"`,
		`"\x800CreateDisks\x805RunInstances"`, // CreateDisks: contradictory row unused; RunInstances: resource level, stated write
		"5 rows, 2 used; skipped 1 naming no SDK action of their service, 1 with a malformed name, 1 operation-level rows that name specific resources",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, sdk, services, want string
	}{
		{"short row", minimalSDK + "cvm\tv1\n", "", "sdk-actions.tsv:8: want 3 tab-separated fields"},
		{"bad package", minimalSDK + "CVM\tv1\tRun\n", "", `sdk-actions.tsv:8: package "CVM"`},
		{"bad action", minimalSDK + "cvm\tv1\trun instances\n", "", `sdk-actions.tsv:8: action "run instances"`},
		{"bad tag column", minimalSDK, "cvm\tCVM\tyes\tmaybe\n", `cam-enabled-services.tsv:1: tag_authorization "maybe"`},
		{"missing mapped package", "cbs\tv1\tRun\nbilling\tv1\tRun\nsts\tv1\tRun\n", "", "sdkPrefix: the SDK has no package apigateway"},
	}
	for _, tt := range tests {
		dir := writeData(t, tt.sdk, tt.services, "")
		_, err := build(dir)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "catalog: ") {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := build(t.TempDir()); err == nil || !strings.Contains(err.Error(), "sdk-actions.tsv") {
		t.Errorf("missing files: error %v", err)
	}
}
