package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
	"github.com/camkit/camkit/tiers"
)

// operate is part 3: the account run the IAM guide's way. It classifies the
// demo's roles into tiers, plans and applies the standard role catalogue
// through the same SDK adapter (api), proves the catalogue's intent with the
// permission-test harness, and ends with an access review. demo is the fake
// behind the wire server, read directly only for its audit log.
func operate(ctx context.Context, demo *camfake.Fake, api cam.API, snap *cam.Snapshot) error {
	section("8. Tiers: what each demo role declares and what its policies need")
	for _, r := range snap.Roles {
		declared := "none"
		for _, t := range r.Tags {
			if t.Key == roles.TierTagKey {
				declared = t.Value
			}
		}
		var docs []tiers.NamedDocument
		for _, p := range snap.RolePolicies(r.Name) {
			if p.Parsed != nil {
				docs = append(docs, tiers.NamedDocument{Name: p.Name, Document: p.Parsed})
			}
		}
		c := tiers.DefaultScheme().ClassifyNamed(docs...)
		why := ""
		for _, reason := range c.Reasons {
			if reason.Tier == c.Tier {
				why = reason.Message
				break
			}
		}
		fmt.Printf("%-20s declares %-4s needs %d  %s\n", r.Name, declared, c.Tier, cut(why, 110))
	}

	section("9. The IAM guide's role catalogue, planned and applied")
	catalog := roles.Standard(snap.Account.OwnerUIN, roles.WithOfficeIPs("10.20.0.0/16"))
	if err := catalog.Validate(); err != nil {
		return err
	}
	plan, err := catalog.Plan(snap,
		roles.Assignment{User: "erin.lopez", Role: "DevOps-Deploy-Dev"},
		roles.Assignment{User: "alice.chen", Role: "DevOps-Deploy-Prod",
			Ticket: roles.Ticket{ID: "OPS-101", Why: "platform lead ships releases", ApprovedBy: "cto"}},
		roles.Assignment{User: "bob.singh", Role: "Break-Glass-Admin", Until: demo.Now().Add(8 * 3600e9),
			Ticket: roles.Ticket{ID: "INC-2042", Why: "database failover", ApprovedBy: "alice.chen"}})
	if err != nil {
		return err
	}
	add, change, remove := plan.Counts()
	fmt.Printf("plan: %d to add, %d to change, %d to remove; environments %v\n", add, change, remove, plan.Environments())
	for _, c := range plan.Conflicts {
		fmt.Println("  conflict, left alone:", cut(c.Message, 110))
	}
	lines := strings.Split(strings.TrimSpace(plan.String()), "\n")
	for _, l := range lines[:min(8, len(lines))] {
		fmt.Println("  " + cut(l, 120))
	}
	if len(lines) > 8 {
		fmt.Printf("  ... (%d more lines)\n", len(lines)-8)
	}
	record, err := roles.Apply(ctx, api, plan, roles.ChangeRecord{Why: "adopt the standard role catalogue", ApprovedBy: "security lead"})
	if err != nil {
		return err
	}
	logPath := filepath.Join(os.TempDir(), "camkit-quickstart-changes.jsonl")
	if f, err := os.Create(logPath); err == nil {
		err = record.AppendLog(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	fmt.Printf("applied %d changes through the SDK adapter; change record: %s\n\n", record.Done(), logPath)
	if err := roles.WriteRoleMarkdown(os.Stdout, catalog, "DevOps-Deploy-Prod"); err != nil {
		return err
	}

	section("10. Permission tests: the catalogue's Can and Cannot, a typo caught, a wrong expectation explained")
	h, err := testutil.FromCatalog(catalog)
	if err != nil {
		return err
	}
	cases := testutil.CatalogCases(catalog)
	fmt.Printf("%d documented intents checked, %d failures\n", len(cases), len(h.Check(cases...)))
	typo := h.Check(testutil.Case{Subject: "Platform-ReadOnly", Action: "cvm:TerminateInstance", Resource: "*", Expect: testutil.ExpectDeny})
	for _, f := range typo {
		fmt.Printf("a typo never passes as denied: %s %s; did you mean %q?\n", f.Kind, f.Case.Action, f.Suggestion)
	}
	// A deliberately wrong expectation, and how the harness explains it.
	wrong := h.Check(testutil.Case{Subject: "DevOps-Deploy-Dev", Action: "cvm:StopInstances",
		Resource: "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1",
		Context:  map[string][]string{"qcs:resource_tag": {"env&prod"}}, Expect: testutil.ExpectAllow,
		Why: "a developer stops a production instance (wrong: dev deployers cannot touch production)"})
	for _, f := range wrong {
		fmt.Println("\n" + strings.TrimSpace(f.Message))
	}

	section("11. Access review of the account")
	after, err := cam.Load(ctx, api, cam.WithClock(demo.Now))
	if err != nil {
		return err
	}
	cfg := review.DefaultConfig()
	cfg.OfficeIPs = []string{"10.20.0.0/16"}
	cfg.Tiers.Catalog = catalog
	report := review.Assess(after, cfg)
	cfg.Now = demo.Now()
	events, err := review.Events(ctx, demo, demo.Now().AddDate(0, 0, -29), demo.Now(), cfg)
	if err != nil {
		return err
	}
	report.Add(events...)
	counts := report.Counts()
	fmt.Println("| severity | findings |")
	for s := review.Critical; s >= review.Info; s-- {
		fmt.Printf("| %-8s | %8d |\n", s, counts[s])
	}
	fmt.Println()
	for _, f := range report.Findings[:min(8, len(report.Findings))] {
		fmt.Println(cut(f.String(), 130))
	}
	dir := os.TempDir()
	for _, out := range []struct {
		name  string
		write func(*os.File) error
	}{
		{"camkit-review.html", func(f *os.File) error { return report.WriteHTML(f) }},
		{"camkit-review.md", func(f *os.File) error { return report.WriteMarkdown(f) }},
	} {
		path := filepath.Join(dir, out.name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = out.write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Println("report written:", path)
	}
	return nil
}

// cut shortens s to at most n bytes for the console, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n -= 3
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
