package policy_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// sharedData is Tencent Cloud's lists, beside the module (never copied into
// it).
const sharedData = "../../shared/data"

// TestCatalogKnowsEverySDKAction checks that every action of
// tencentcloud-sdk-go is in the catalogue, under the package's own name or
// the CAM prefix CAM authorises it under (cbs is cvm, billing is finance).
func TestCatalogKnowsEverySDKAction(t *testing.T) {
	t.Parallel()
	path := filepath.Join(sharedData, "sdk-actions.tsv")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, missing := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("%s: malformed row %q", path, line)
		}
		rows++
		pkg, api := fields[0], fields[2]
		prefix := pkg
		if !policy.KnownService(pkg) {
			prefix = policy.SuggestService(pkg)
		}
		if got, ok := policy.KnownAction(prefix, api); !ok || got != prefix+":"+api {
			missing++
			if missing <= 10 {
				t.Errorf("%s:%s (SDK package %s) is not in the catalogue (KnownAction = %q, %v)", prefix, api, pkg, got, ok)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if missing > 0 {
		t.Errorf("%d of %d SDK actions missing", missing, rows)
	}
	if rows < 15000 {
		t.Errorf("read only %d rows of %s", rows, path)
	}
}

// TestCatalogHandKeptNames checks the actions that come from hand-kept
// tables (internal/gen/catalog/tables.go), the CAM prefixes that differ from
// SDK package names, and that names the old hand-typed catalogue had wrongly
// are gone.
func TestCatalogHandKeptNames(t *testing.T) {
	t.Parallel()
	for _, a := range []string{
		"cam:PassRole", "cam:DeleteApiKey",
		"finance:DescribeConsolidatedBillDownloadUrl", "finance:DownloadCustomizedDetail",
		"finance:DownloadCustomizedResourceSummary", "finance:DescribeBillList",
		"cos:GetObject", "cos:PutBucketPolicy", "cos:PostObjectRestore", "cos:GetBucketLocation",
		"cos:UploadPartCopy", "cos:DeleteMultipleObjects", "cos:ListBucketInventory",
		"cvm:CreateDisks", "cvm:DescribeDisks", "apigw:CreateService",
	} {
		svc, api, _ := strings.Cut(a, ":")
		if got, ok := policy.KnownAction(svc, api); !ok || got != a {
			t.Errorf("KnownAction(%q) = %q, %v; want it known", a, got, ok)
		}
	}
	for _, a := range []string{
		"cam:SetSafeAuthFlag", "cvm:DescribeReservedInstances", "monitor:PutMonitorData",
		"cloudaudit:DeleteAudit", "billing:DescribeBillList", "cbs:CreateDisks",
		"apigateway:CreateService", "cos:NoSuchBucketApi",
	} {
		svc, api, _ := strings.Cut(a, ":")
		if got, ok := policy.KnownAction(svc, api); ok {
			t.Errorf("KnownAction(%q) = %q, true; the action does not exist", a, got)
		}
	}
	for pkg, prefix := range map[string]string{"cbs": "cvm", "billing": "finance", "apigateway": "apigw"} {
		if policy.KnownService(pkg) {
			t.Errorf("KnownService(%q) = true; CAM authorises its APIs as %s", pkg, prefix)
		}
		if got := policy.SuggestService(pkg); got != prefix {
			t.Errorf("SuggestService(%q) = %q, want %q", pkg, got, prefix)
		}
	}
	// Services known only from Tencent's CAM pages or published policies.
	for _, svc := range []string{"ci", "cmqqueue", "tpns", "ccs", "bgpip", "cwpp"} {
		if !policy.KnownService(svc) {
			t.Errorf("KnownService(%q) = false", svc)
		}
		if policy.ServiceActionsComplete(svc) {
			t.Errorf("ServiceActionsComplete(%q) = true for a service known only from CAM pages", svc)
		}
	}
	for _, svc := range []string{"cvm", "cam", "cos", "finance", "organization"} {
		if !policy.ServiceActionsComplete(svc) {
			t.Errorf("ServiceActionsComplete(%q) = false", svc)
		}
	}
	if n := len(policy.CatalogServices()); n < 250 {
		t.Errorf("CatalogServices lists %d services, want the SDK's 250 and more", n)
	}
}
