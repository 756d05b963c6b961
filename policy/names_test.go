package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestValidateNames(t *testing.T) {
	funcs := []struct {
		what string
		fn   func(string) error
	}{
		{"policy name", policy.ValidatePolicyName},
		{"role name", policy.ValidateRoleName},
	}
	tests := []struct {
		in      string
		wantErr string // "" for valid; else the message after "policy: <what> "
	}{
		{"ReadOnly", ""},
		{"tier1-cvm.read_only", ""},
		{"a+b=c,d.e@f_g-h", ""},
		{"x", ""},
		{strings.Repeat("a", 128), ""},
		{"", "is empty; it needs 1 to 128 characters of A-Z a-z 0-9 + = , . @ _ -"},
		{"a b", `"a b": invalid character ' ' at position 1; use only A-Z a-z 0-9 + = , . @ _ -`},
		{"名字", `"名字": invalid character '名' at position 0; use only A-Z a-z 0-9 + = , . @ _ -`},
		{"abc/名", `"abc/名": invalid character '/' at position 3; use only A-Z a-z 0-9 + = , . @ _ -`},
		{"a\x00", `"a\x00": invalid character '\x00' at position 1; use only A-Z a-z 0-9 + = , . @ _ -`},
		{"ok\xff", `"ok\ufffd": invalid UTF-8 at position 2`},
		{strings.Repeat("a", 129), `"` + strings.Repeat("a", 40) + `…" is 129 characters long; at most 128 are allowed`},
	}
	for _, f := range funcs {
		for _, tt := range tests {
			t.Run(f.what+"/"+tt.in, func(t *testing.T) {
				err := f.fn(tt.in)
				if tt.wantErr == "" {
					if err != nil {
						t.Fatalf("unexpected error: %v", err)
					}
					return
				}
				want := "policy: " + f.what + " " + tt.wantErr
				if err == nil || err.Error() != want {
					t.Fatalf("error = %v\nwant    %s", err, want)
				}
			})
		}
	}
}

func TestValidateDescription(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"", ""},
		{"Read-only access to CVM for the on-call rota.", ""},
		{"line one\nline two\ttabbed\r\n", ""},
		{strings.Repeat("a", 300), ""},
		{strings.Repeat("云", 100), ""},
		{strings.Repeat("云", 101), `policy: description "` + strings.Repeat("云", 40) + `…" is 303 bytes long; at most 300 are allowed`},
		{strings.Repeat("a", 301), `policy: description "` + strings.Repeat("a", 40) + `…" is 301 bytes long; at most 300 are allowed`},
		{"bell\a", `policy: description "bell\x07": control character U+0007 at position 4`},
		{"c1\u0085x", "policy: description \"c1\u0085x\": control character U+0085 at position 2"},
		{"bad\xfe", `policy: description "bad\ufffd": invalid UTF-8 at position 3`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := policy.ValidateDescription(tt.in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("error = %v\nwant    %s", err, tt.wantErr)
			}
		})
	}
}
