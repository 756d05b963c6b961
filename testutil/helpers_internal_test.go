package testutil

import "testing"

func TestNearestName(t *testing.T) {
	names := []string{"DevOps-Deploy-Prod", "DevOps-Deploy-Dev", "Billing-View"}
	for in, want := range map[string]string{
		"DevOps-Deploy-Prd": "DevOps-Deploy-Prod",
		"devops-deploy-dev": "DevOps-Deploy-Dev",
		"Biling-View":       "Billing-View",
		"Something-Else":    "",
	} {
		if got := nearestName(in, names); got != want {
			t.Errorf("nearestName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuildWith(t *testing.T) {
	base := map[string][]string{"qcs:uin": {"1"}}
	if got, _ := buildWith(base, nil, nil); len(got) != 1 {
		t.Errorf("base alone: %v", got)
	}
	ctx := map[string][]string{"qcs:ip": {"10.0.0.1"}}
	if got, _ := buildWith(nil, ctx, nil); got["qcs:ip"][0] != "10.0.0.1" {
		t.Errorf("ctx alone: %v", got)
	}
	got, p := buildWith(base, ctx, []Option{WithContext("qcs:uin"), AsPrincipal("cvm.qcloud.com"), nil})
	if len(got) != 1 || got["qcs:ip"] == nil || p != "cvm.qcloud.com" {
		t.Errorf("layered: %v %q", got, p)
	}
	if len(base) != 1 || len(ctx) != 1 {
		t.Error("buildWith changed its inputs")
	}
}

func TestSuppliedTagKey(t *testing.T) {
	ctx := map[string][]string{"qcs:resource_tag": {"env&prod"}}
	if !suppliedTagKey(ctx, "qcs:resource_tag/env") || suppliedTagKey(ctx, "qcs:resource_tag/team") || suppliedTagKey(ctx, "qcs:ip") {
		t.Error("suppliedTagKey misreads per-tag keys")
	}
	if !supplied(nil, "qcs:read_only_action") {
		t.Error("qcs:read_only_action, which the evaluator derives, counts as missing")
	}
}

func TestTestifyBlock(t *testing.T) {
	got := testifyBlock("line one\nline two", "TestX")
	want := "\tError:      \tline one\n\t            \tline two\n\tTest:       \tTestX"
	if got != want {
		t.Errorf("testifyBlock =\n%q\nwant\n%q", got, want)
	}
}
