// Command catalog generates policy's action catalogue (policy/catalog_gen.go)
// from Tencent Cloud's own lists, which stay outside the repository:
//
//   - sdk-actions.tsv: every API 3.0 action of tencentcloud-sdk-go, per SDK
//     package, mapped to its CAM service prefix (tables.go: sdkPrefix);
//   - cam-enabled-services.tsv: CAM's overview of the products that support it,
//     with their abbreviation and whether they authorise by tag;
//   - cam-enabled-apis.tsv: the API tables of the products' CAM pages, with
//     each API's authorisation granularity and resource format (partial and
//     noisy: only rows that agree with themselves are used);
//
// plus the hand-kept tables of tables.go. It writes names compactly (see
// encode.go), never as a map literal.
//
// Usage, from the policy directory (as its go:generate line does):
//
//	go run ../internal/gen/catalog -data ../../shared/data -out catalog_gen.go
//
// The output depends only on the inputs, so CI can regenerate it and fail on a
// difference.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
)

func main() {
	data := flag.String("data", "../../shared/data", "directory holding sdk-actions.tsv, cam-enabled-services.tsv and cam-enabled-apis.tsv")
	out := flag.String("out", "catalog_gen.go", "file to write")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run builds the catalogue from the files in dir and writes it to out.
func run(dir, out string) error {
	c, err := build(dir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := c.write(&buf); err != nil {
		return err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("catalog: formatting the output: %w", err)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	return nil
}

// build reads the three files of dir and the hand-kept tables.
func build(dir string) (*catalog, error) {
	c := newCatalog()
	sdk := filepath.Join(dir, "sdk-actions.tsv")
	if err := c.readSDK(sdk); err != nil {
		return nil, err
	}
	if err := c.addExtras(); err != nil {
		return nil, err
	}
	if err := c.readServices(filepath.Join(dir, "cam-enabled-services.tsv")); err != nil {
		return nil, err
	}
	if err := c.readAPIs(filepath.Join(dir, "cam-enabled-apis.tsv")); err != nil {
		return nil, err
	}
	if len(c.services) == 0 {
		return nil, errors.New("catalog: " + sdk + ": no actions")
	}
	return c, nil
}
