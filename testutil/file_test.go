package testutil_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/testutil"
)

func TestLoadExpectationsYAMLAndJSON(t *testing.T) {
	h := demoHarness(t)
	for _, file := range []string{"testdata/demo-expectations.yaml", "testdata/demo-expectations.json"} {
		cases, err := testutil.LoadExpectations(file)
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) < 2 {
			t.Fatalf("%s: %d cases", file, len(cases))
		}
		if fs := h.Check(cases...); len(fs) != 0 {
			t.Errorf("%s: %v", file, fs)
		}
	}
	cases, _ := testutil.LoadExpectations("testdata/demo-expectations.yaml")
	c := cases[0]
	if c.Source != "demo-expectations.yaml:4" || c.Kind != testutil.KindRole || c.Context["qcs:ip"][0] != "10.20.3.4" ||
		c.Context["qcs:resource_tag"][0] != "env&prod" {
		t.Errorf("first case read as %+v", c)
	}
	if cases[2].Kind != testutil.KindUser {
		t.Errorf("third case kind %v, want user", cases[2].Kind)
	}
}

func TestParseExpectationsErrorsNameFileLineAndField(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		wants      []string
	}{
		{"typo.yaml", "- role: A\n  action: cvm:RunInstances\n  resource: '*'\n  expect: alow\n",
			[]string{`testutil: typo.yaml:4: expectations[0].expect: unknown expectation "alow" (want allow, deny or explicit_deny)`}},
		{"missing.yaml", "expectations:\n  - role: A\n    action: cvm:RunInstances\n",
			[]string{"missing.yaml:2: expectations[0]: missing resource", "missing.yaml:2: expectations[0]: missing expect"}},
		{"unknown.yaml", "- role: A\n  user: b\n  action: x:Y\n  resource: '*'\n  expect: deny\n  colour: red\n",
			[]string{"unknown.yaml:2: expectations[0].user: give either role or user, not both", "unknown.yaml:6: expectations[0].colour: unknown field"}},
		{"bad.json", "[{\"role\": \"A\", \"action\": [1], \"resource\": \"*\", \"expect\": \"deny\", \"at\": \"yesterday\"}]",
			[]string{"bad.json:1: expectations[0].action: want a single value", `bad.json:1: expectations[0].at: time "yesterday" is not RFC 3339`}},
		{"syntax.yaml", "- role: [A\n", []string{"syntax.yaml", "not valid YAML or JSON"}},
		{"empty.yaml", "", []string{"empty.yaml: the file is empty"}},
		{"top.yaml", "roles: []\n", []string{`top.yaml:1: roles: unknown key`, `no "expectations" key`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := testutil.ParseExpectations(tc.name, []byte(tc.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, testutil.ErrExpectations) {
				t.Errorf("error %v does not match ErrExpectations", err)
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
	var fe *testutil.FileError
	_, err := testutil.LoadExpectations("testdata/no-such-file.yaml")
	if !errors.As(err, &fe) || fe.File != "testdata/no-such-file.yaml" {
		t.Errorf("LoadExpectations of a missing file = %v", err)
	}
}

// FuzzParseExpectations: no input makes the parser panic, and every error
// names the file.
func FuzzParseExpectations(f *testing.F) {
	for _, seed := range []string{
		"- role: A\n  action: cvm:RunInstances\n  resource: '*'\n  expect: allow\n",
		"expectations:\n  - user: b\n    action: x:Y\n    resource: '*'\n    expect: deny\n    context: {k: [a, b]}\n    resource_tags: {env: prod}\n",
		`[{"role": "A", "action": "cvm:X", "resource": "*", "expect": "explicit_deny", "at": "2026-11-01 10:00:00"}]`,
		"- [1, 2]\n", "{}", "- role: {a: b}\n", "expectations: 3\n", "- ip: [1]\n  at: 5\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cases, err := testutil.ParseExpectations("fuzz.yaml", []byte(data))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, c := range cases {
			if c.Subject == "" || c.Action == "" || c.Resource == "" || !c.Expect.Valid() {
				t.Errorf("incomplete case accepted: %+v", c)
			}
		}
	})
}
