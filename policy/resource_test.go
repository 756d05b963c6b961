package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestParseResource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    policy.Resource
		typ, id string
	}{
		{"everything", "*", policy.Resource{All: true}, "", ""},
		{"cvm instance", "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc",
			policy.Resource{Service: "cvm", Region: "ap-guangzhou", Account: "uin/100000000001", Path: "instance/ins-abc"}, "instance", "ins-abc"},
		{"cvm all instances", "qcs::cvm:ap-guangzhou:uin/100000000001:instance/*",
			policy.Resource{Service: "cvm", Region: "ap-guangzhou", Account: "uin/100000000001", Path: "instance/*"}, "instance", "*"},
		{"empty segments mean all", "qcs::cvm:::instance/*",
			policy.Resource{Service: "cvm", Path: "instance/*"}, "instance", "*"},
		{"legacy project", "qcs:0:cvm:ap-beijing:uin/1:volume/disk-1",
			policy.Resource{Project: "0", Service: "cvm", Region: "ap-beijing", Account: "uin/1", Path: "volume/disk-1"}, "volume", "disk-1"},
		{"cos object prefix", "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*",
			policy.Resource{Service: "cos", Region: "ap-guangzhou", Account: "uid/1250000000", Path: "examplebucket-1250000000/logs/*"}, "examplebucket-1250000000", "logs/*"},
		{"cos legacy prefix path", "qcs::cos:ap-guangzhou:uid/1250000000:prefix//1250000000/examplebucket/*",
			policy.Resource{Service: "cos", Region: "ap-guangzhou", Account: "uid/1250000000", Path: "prefix//1250000000/examplebucket/*"}, "prefix", "/1250000000/examplebucket/*"},
		{"cos bucket", "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/",
			policy.Resource{Service: "cos", Region: "ap-guangzhou", Account: "uid/1250000000", Path: "examplebucket-1250000000/"}, "examplebucket-1250000000", ""},
		{"cam root", "qcs::cam::uin/100000000001:root",
			policy.Resource{Service: "cam", Account: "uin/100000000001", Path: "root"}, "root", ""},
		{"cam sub-user", "qcs::cam::uin/100000000001:uin/100000000002",
			policy.Resource{Service: "cam", Account: "uin/100000000001", Path: "uin/100000000002"}, "uin", "100000000002"},
		{"cam group", "qcs::cam::uin/1:groupid/42",
			policy.Resource{Service: "cam", Account: "uin/1", Path: "groupid/42"}, "groupid", "42"},
		{"cam policy", "qcs::cam::uin/1:policyid/7",
			policy.Resource{Service: "cam", Account: "uin/1", Path: "policyid/7"}, "policyid", "7"},
		{"cam role name", "qcs::cam::uin/1:roleName/ops",
			policy.Resource{Service: "cam", Account: "uin/1", Path: "roleName/ops"}, "roleName", "ops"},
		{"cam role id", "qcs::cam::uin/1:role/4611686018427397919",
			policy.Resource{Service: "cam", Account: "uin/1", Path: "role/4611686018427397919"}, "role", "4611686018427397919"},
		{"variables", "qcs::cam::uin/${owner_uin}:uin/${uin}",
			policy.Resource{Service: "cam", Account: "uin/${owner_uin}", Path: "uin/${uin}"}, "uin", "${uin}"},
		{"app id variable", "qcs::cos:ap-guangzhou:uid/${app_id}:bucket-${app_id}/home/${uin}/*",
			policy.Resource{Service: "cos", Region: "ap-guangzhou", Account: "uid/${app_id}", Path: "bucket-${app_id}/home/${uin}/*"}, "bucket-${app_id}", "home/${uin}/*"},
		{"sixth segment with colons and slashes", "qcs::cls:ap-guangzhou:uin/1:topic/a:b/c:d",
			policy.Resource{Service: "cls", Region: "ap-guangzhou", Account: "uin/1", Path: "topic/a:b/c:d"}, "topic", "a:b/c:d"},
		{"segment wildcards", "qcs::*:ap-*:*:*",
			policy.Resource{Service: "*", Region: "ap-*", Account: "*", Path: "*"}, "*", ""},
		{"account wildcard digits", "qcs::cvm::uin/1000*:instance/*",
			policy.Resource{Service: "cvm", Account: "uin/1000*", Path: "instance/*"}, "instance", "*"},
		{"non-ASCII path", "qcs::cos:ap-guangzhou:uid/1:bucket-1/报告/*",
			policy.Resource{Service: "cos", Region: "ap-guangzhou", Account: "uid/1", Path: "bucket-1/报告/*"}, "bucket-1", "报告/*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseResource(tt.in)
			if err != nil {
				t.Fatalf("ParseResource(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseResource(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
			if !got.All {
				if got.Type() != tt.typ || got.ID() != tt.id {
					t.Errorf("Type(), ID() = %q, %q; want %q, %q", got.Type(), got.ID(), tt.typ, tt.id)
				}
			}
		})
	}
}

func TestParseResourceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, wantMsg string
	}{
		{"empty", "", "empty resource"},
		{"too few segments", "qcs::cvm:ap-guangzhou", "has 4 segments, want six"},
		{"bare word", "instance", "has 1 segment, want six"},
		{"not qcs", "arn:aws:s3:::bucket/key", `must start with "qcs:"`},
		{"prefix case", "QCS::cvm:::instance/*", `must start with "qcs:"`},
		{"empty sixth segment", "qcs::cvm:ap-guangzhou:uin/1:", "empty sixth (resource) segment"},
		{"account without kind", "qcs::cvm:ap-guangzhou:100000000001:instance/*", "must be empty, uin/<digits> or uid/<digits>"},
		{"account bad kind", "qcs::cvm:ap-guangzhou:user/1:instance/*", "must be empty, uin/<digits> or uid/<digits>"},
		{"account without number", "qcs::cvm:ap-guangzhou:uin/:instance/*", "has no number"},
		{"account not digits", "qcs::cvm:ap-guangzhou:uin/12a:instance/*", "'a' is not a digit"},
		{"slash in project", "qcs:a/b:cvm:ap-guangzhou:uin/1:instance/*", "'/' in the project segment"},
		{"slash in service", "qcs::cvm/x:ap-guangzhou:uin/1:instance/*", "'/' in the service segment"},
		{"slash in region", "qcs::cvm:ap/guangzhou:uin/1:instance/*", "'/' in the region segment"},
		{"control character", "qcs::cvm:ap-guangzhou:uin/1:instance/\x00", "control character"},
		{"newline", "qcs::cvm:ap-guangzhou:uin/1:instance/a\nb", "control character"},
		{"delete character", "qcs::cvm:ap-guangzhou:uin/1:\x7f", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseResource(tt.in)
			if err == nil {
				t.Fatalf("ParseResource(%q) = %#v, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			if got != (policy.Resource{}) {
				t.Errorf("failed parse returned %#v, want the zero Resource", got)
			}
		})
	}
}

func TestResourceStringZero(t *testing.T) {
	t.Parallel()
	if got := (policy.Resource{}).String(); got != "qcs:::::" {
		t.Errorf("zero Resource String() = %q", got)
	}
	if got := (policy.Resource{All: true, Service: "ignored"}).String(); got != "*" {
		t.Errorf("All Resource String() = %q", got)
	}
}

func BenchmarkParseResource(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = policy.ParseResource("qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/logs/*")
	}
}
