package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// FuzzParseResource checks that ParseResource never panics, that an accepted
// resource's String re-parses to the same value (so String is its exact text),
// and that Type and ID split the sixth segment without losing anything.
func FuzzParseResource(f *testing.F) {
	for _, s := range []string{
		"*",
		"",
		"qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc",
		"qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*",
		"qcs::cos:ap-guangzhou:uid/1250000000:prefix//1250000000/examplebucket/*",
		"qcs::cam::uin/${owner_uin}:uin/${uin}",
		"qcs::cam::uin/1:roleName/ops",
		"qcs::cls:ap-guangzhou:uin/1:topic/a:b/c:d",
		"qcs::*:ap-*:*:*",
		"qcs:0:cvm::uin/1*:volume/disk-1",
		"qcs::cvm:ap-guangzhou:uin/:x",
		"qcs:a/b:c:d:e:f",
		"qcs::cvm:ap-guangzhou:uin/1:\x00",
		"qcs::cos::uid/1:\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := policy.ParseResource(s)
		if err != nil {
			if r != (policy.Resource{}) {
				t.Fatalf("ParseResource(%q) returned %#v with error %v", s, r, err)
			}
			return
		}
		if got := r.String(); got != s {
			t.Fatalf("ParseResource(%q).String() = %q", s, got)
		}
		again, err := policy.ParseResource(r.String())
		if err != nil {
			t.Fatalf("String() %q of a parsed resource does not re-parse: %v", r.String(), err)
		}
		if again != r {
			t.Fatalf("re-parse of %q = %#v, want %#v", s, again, r)
		}
		if !r.All {
			if id := r.ID(); r.Type() != r.Path && r.Type()+"/"+id != r.Path {
				t.Fatalf("Type %q and ID %q do not rebuild Path %q", r.Type(), id, r.Path)
			}
			if strings.ContainsAny(r.Project+r.Service+r.Region+r.Account, ":") {
				t.Fatalf("a colon leaked into the first five segments of %#v", r)
			}
		}
	})
}
