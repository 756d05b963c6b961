package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// TestValidateCompileAgree checks that one mistake reads the same whichever
// of Validate and Compile finds it, and that a document Validate accepts
// compiles.
func TestValidateCompileAgree(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // the message both give, at statement[0]...
	}{
		{"no resource and no principal", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:StartInstances"}]}`,
			`statement[0].resource: missing; a statement without a principal needs at least one resource ("*" for all)`},
		{"empty resource list", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:StartInstances","resource":[]}]}`,
			`statement[0].resource: empty list; name at least one resource`},
		{"no action", `{"version":"2.0","statement":[{"effect":"allow","resource":"*"}]}`,
			`statement[0].action: missing; a statement needs at least one action`},
		{"capitalised effect", `{"version":"2.0","statement":[{"effect":"Deny","action":"cvm:*","resource":"*"}]}`,
			`statement[0].effect: "Deny" is not valid: effects are lowercase: "deny"`},
		{"principal naming nobody", `{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","principal":{}}]}`,
			`statement[0].principal: names nobody`},
		{"template placeholder in account", `{"version":"2.0","statement":[{"effect":"allow","action":"cam:PassRole","resource":"qcs::cam::uin/${OwnerUin}:roleName/CDN_QCSRole"}]}`,
			`statement[0].resource[0]: resource "qcs::cam::uin/${OwnerUin}:roleName/CDN_QCSRole": account segment "uin/${OwnerUin}" uses unknown policy variable "${OwnerUin}" (known: ${uin}, ${owner_uin}, ${app_id})`},
		{"template placeholder in region", `{"version":"2.0","statement":[{"effect":"allow","action":"batch:*","resource":"qcs::batch:${region}:uin/${uin}:job/*"}]}`,
			`uses unknown policy variable "${region}"`},
		{"placeholder in a condition value", `{"version":"2.0","statement":[{"effect":"allow","action":"iotcloud:*","resource":"*","condition":{"string_equal":{"product":"${productID}"}}}]}`,
			`statement[0].condition.string_equal["product"][0]: "${productID}" uses unknown policy variable "${productID}"`},
		{"unterminated variable", `{"version":"2.0","statement":[{"effect":"allow","action":"cos:*","resource":"qcs::cos:ap-guangzhou:uid/1250000000:b-1250000000/${uin"}]}`,
			`has an unterminated policy variable`},
		{"AWS operator", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:*","resource":"*","condition":{"IpAddress":{"qcs:ip":"10.0.0.0/8"}}}]}`,
			`statement[0].condition.IpAddress: unknown condition operator "IpAddress": that is AWS's spelling; CAM writes "ip_equal"`},
		{"AWS operator with qualifiers", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:*","resource":"*","condition":{"ForAnyValue:StringEqualsIfExists":{"qcs:resource_tag":"a&b"}}}]}`,
			`CAM writes "for_any_value:string_equal_if_exist"`},
		{"AWS date operator", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:*","resource":"*","condition":{"DateLessThan":{"qcs:current_time":"2030-01-01T00:00:00Z"}}}]}`,
			`CAM writes "date_less_than"`},
		{"one segment", `{"version":"2.0","statement":[{"effect":"allow","action":"cvm:*","resource":"ins-abc"}]}`,
			`resource "ins-abc" has 1 segment, want six`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := mustParse(t, []byte(tt.in))
			verr := doc.Validate()
			_, cerr := policy.Compile(doc)
			if verr == nil || cerr == nil {
				t.Fatalf("Validate = %v, Compile = %v; want both to refuse", verr, cerr)
			}
			if !strings.Contains(verr.Error(), tt.want) {
				t.Errorf("Validate = %v\nwant it to contain %s", verr, tt.want)
			}
			if !strings.Contains(cerr.Error(), tt.want) {
				t.Errorf("Compile = %v\nwant it to contain %s", cerr, tt.want)
			}
			// The same message, word for word, under the same path.
			var ce *policy.Error
			if !errors.As(cerr, &ce) {
				t.Fatalf("Compile error %T is not a *policy.Error", cerr)
			}
			path := strings.TrimPrefix(ce.Path, "document[0]: ")
			if !strings.Contains(verr.Error(), "policy: "+path+": "+ce.Message) {
				t.Errorf("Validate does not say what Compile says:\nCompile:  %s: %s\nValidate: %v", path, ce.Message, verr)
			}
		})
	}
}

// TestValidateKnownVariables checks that CAM's documented variables pass both.
func TestValidateKnownVariables(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, []byte(`{"version":"2.0","statement":[{"effect":"allow","action":"cos:*",
		"resource":"qcs::cos:ap-guangzhou:uid/${app_id}:b-1250000000/home/${uin}/*",
		"condition":{"string_equal":{"qcs:owner_uin":"${owner_uin}"},"string_like":{"cos:prefix":"home/${uin}/*"}}}]}`))
	if err := doc.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if _, err := policy.Compile(doc); err != nil {
		t.Errorf("Compile: %v", err)
	}
}
