package msgtext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/internal/msgtext"
)

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"DevOps-Deploy-Prod": "DevOps-Deploy-Prod",
		"document[0]":        "document[0]",
		"":                   `""`,
		"a b":                `"a b"`,
		"x\x1b[31m\ny":       `"x\x1b[31m\ny"`,
		`a"b`:                `"a\"b"`,
		"é":                  `"é"`,
	} {
		if got := msgtext.Name(in); got != want {
			t.Errorf("Name(%q) = %s, want %s", in, got, want)
		}
	}
	if got := msgtext.Name(strings.Repeat("a", 1<<20)); len(got) > msgtext.MaxShown+8 {
		t.Errorf("Name of 1 MiB is %d bytes", len(got))
	}
}

func TestText(t *testing.T) {
	long := strings.Repeat("qcs::cos:ap-guangzhou:uid/1250000000:bucket/", 20)
	for in, want := range map[string]string{"cvm:Run*": "cvm:Run*", long: long, "a\nb": `"a\nb"`, "é ü": "é ü"} {
		if got := msgtext.Text(in); got != want {
			t.Errorf("Text(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"plain text": "plain text", "a\tb\x1b\u2028é": `a\tb\x1b\u2028é`} {
		if got := msgtext.Escape(in); got != want {
			t.Errorf("Escape(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	if got := msgtext.Clip("short"); got != "short" {
		t.Errorf("Clip(short) = %q", got)
	}
	s := strings.Repeat("é", 300) // two bytes each: the cut must fall between runes
	got := msgtext.Clip(s)
	if !strings.HasSuffix(got, "…") || len(got) > msgtext.MaxShown || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
		t.Errorf("Clip = %q", got)
	}
}

func ExampleName() {
	fmt.Println(msgtext.Name("Ops-View"))
	fmt.Println(msgtext.Name("ops\nforged: line"))
	// Output:
	// Ops-View
	// "ops\nforged: line"
}
