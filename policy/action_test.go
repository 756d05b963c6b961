package policy_test

import (
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

func TestParseAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		want     policy.Action
		wildcard bool
	}{
		{"*", policy.Action{Raw: "*", All: true}, true},
		{"*:*", policy.Action{Raw: "*:*", Service: "*", Name: "*"}, true},
		{"cos:*", policy.Action{Raw: "cos:*", Service: "cos", Name: "*"}, true},
		{"cvm:Describe*", policy.Action{Raw: "cvm:Describe*", Service: "cvm", Name: "Describe*"}, true},
		{"cos:*Bucket*", policy.Action{Raw: "cos:*Bucket*", Service: "cos", Name: "*Bucket*"}, true},
		{"cvm:RunInstances", policy.Action{Raw: "cvm:RunInstances", Service: "cvm", Name: "RunInstances"}, false},
		{"name/cvm:RunInstances", policy.Action{Raw: "name/cvm:RunInstances", Service: "cvm", Name: "RunInstances"}, false},
		{"name/sts:AssumeRole", policy.Action{Raw: "name/sts:AssumeRole", Service: "sts", Name: "AssumeRole"}, false},
		{"cloud-audit:Describe_Events2", policy.Action{Raw: "cloud-audit:Describe_Events2", Service: "cloud-audit", Name: "Describe_Events2"}, false},
		{"CVM:runinstances", policy.Action{Raw: "CVM:runinstances", Service: "CVM", Name: "runinstances"}, false},
		{"permid/12345", policy.Action{Raw: "permid/12345", PermID: true, ID: "12345"}, false},
		{"permid/cvm:feature.set-1", policy.Action{Raw: "permid/cvm:feature.set-1", PermID: true, ID: "cvm:feature.set-1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseAction(tt.in)
			if err != nil {
				t.Fatalf("ParseAction(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseAction(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
			if got.Wildcard() != tt.wildcard {
				t.Errorf("Wildcard() = %v, want %v", got.Wildcard(), tt.wildcard)
			}
		})
	}
}

func TestParseActionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		wantMsg string
	}{
		{"", "is not of the form service:ApiName"},
		{"cvm", "is not of the form service:ApiName"},
		{"name/", "is not of the form service:ApiName"},
		{":RunInstances", "has an empty service"},
		{"name/:RunInstances", "has an empty service"},
		{"cvm:", "has an empty API name"},
		{"cvm:Run Instances", `invalid character ' ' in API name`},
		{"cvm:a:b", `invalid character ':' in API name`},
		{"cvm:Rün", `invalid character 'ü' in API name`},
		{"cvm:Run-Instances", `invalid character '-' in API name`},
		{"c vm:RunInstances", `invalid character ' ' in service "c vm"`},
		{"c*:RunInstances", `invalid character '*' in service "c*"`},
		{"name/name/cvm:X", `invalid character '/' in service "name/cvm"`},
		{"Name/cvm:X", `invalid character '/' in service`},
		{"permid/", "permid/ needs an identifier"},
		{"permid/a b", "invalid character ' ' in permid identifier"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseAction(tt.in)
			if err == nil {
				t.Fatalf("ParseAction(%q) = %#v, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("error %q does not name the action %q", err, tt.in)
			}
			if got != (policy.Action{}) {
				t.Errorf("failed parse returned %#v, want the zero Action", got)
			}
		})
	}
}
