package roles

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/camkit/camkit/internal/msgtext"
	"github.com/camkit/camkit/tiers"
)

// WriteMarkdown writes the catalog's role-intent documentation for a team
// wiki (the IAM guide's "document role intent"): per role its purpose, tier
// and the tier's requirements, who should hold it, what it can and cannot do
// (each with the request that proves it), session, console login, trust,
// tags and policies. Roles appear in catalog order. The requirements are
// those the catalog checks ([Catalog.WithTierOptions]; by default
// tiers.DefaultRequirements).
func WriteMarkdown(w io.Writer, c *Catalog) error {
	if c == nil {
		return fmt.Errorf("roles: WriteMarkdown: the catalog is nil")
	}
	if w == nil {
		return fmt.Errorf("roles: WriteMarkdown: the io.Writer is nil")
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Roles\n\n")
	fmt.Fprintf(bw, "| role | tier | purpose |\n|---|---|---|\n")
	for _, d := range c.defs {
		fmt.Fprintf(bw, "| [%s](#%s) | %d %s | %s |\n", cell(msgtext.Text(d.Name)), anchor(d.Name), int(d.Tier), d.Tier, cell(d.Purpose))
	}
	for i := range c.defs {
		writeRole(bw, &c.defs[i], c.check)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("roles: WriteMarkdown: %w", err)
	}
	return nil
}

// WriteRoleMarkdown writes the documentation of one role of the catalog.
func WriteRoleMarkdown(w io.Writer, c *Catalog, name string) error {
	if c == nil {
		return fmt.Errorf("roles: WriteRoleMarkdown: the catalog is nil")
	}
	if w == nil {
		return fmt.Errorf("roles: WriteRoleMarkdown: the io.Writer is nil")
	}
	d, ok := c.def(name)
	if !ok {
		return invalidf("WriteRoleMarkdown: role %q is not in the catalog", msgtext.Clip(name))
	}
	bw := bufio.NewWriter(w)
	writeRole(bw, d, c.check)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("roles: WriteRoleMarkdown: %w", err)
	}
	return nil
}

func writeRole(w *bufio.Writer, d *Definition, check []tiers.CheckOption) {
	fmt.Fprintf(w, "\n## %s\n\n%s\n\n", cell(msgtext.Text(d.Name)), cell(d.Purpose))
	fmt.Fprintf(w, "- **Tier:** %d (%s)", int(d.Tier), d.Tier)
	if reqs := requirementsText(tiers.RequirementsOf(check...).For(d.Tier)); reqs != "" {
		fmt.Fprintf(w, ": %s", reqs)
	}
	fmt.Fprintf(w, "\n")
	if len(d.Holders) > 0 {
		fmt.Fprintf(w, "- **Who should hold it:** %s\n", cell(strings.Join(d.Holders, "; ")))
	}
	session := "CAM default (2h)"
	if d.SessionDuration > 0 {
		session = d.SessionDuration.String()
	}
	fmt.Fprintf(w, "- **Session:** %s; console login: %s\n", session, yesNo(d.ConsoleLogin))
	if d.Trust != nil {
		fmt.Fprintf(w, "- **Trust (besides assigned users):** `%s`\n", d.Trust.Canonical())
	} else {
		fmt.Fprintf(w, "- **Trust:** only the users assigned to it\n")
	}
	if d.Boundary != nil {
		fmt.Fprintf(w, "- **Permission boundary:** %s\n", cell(msgtext.Text(d.BoundaryName())))
	}
	if d.AuditAlerting {
		fmt.Fprintf(w, "- **Audit alerting:** configured\n")
	}
	writeIntents(w, "Can", d.Can)
	writeIntents(w, "Cannot", d.Cannot)
	fmt.Fprintf(w, "\n### Policies\n\n")
	for i, p := range d.Policies {
		if p.Preset != "" {
			fmt.Fprintf(w, "- %s (Tencent preset)\n", cell(msgtext.Text(p.Preset)))
			continue
		}
		fmt.Fprintf(w, "- %s (custom, %d statement(s))\n", cell(msgtext.Text(d.PolicyName(i))), len(p.Document.Statement))
	}
}

func writeIntents(w *bufio.Writer, title string, in []Intent) {
	if len(in) == 0 {
		return
	}
	fmt.Fprintf(w, "\n### %s\n\n| what | action | resource | context |\n|---|---|---|---|\n", title)
	for _, i := range in {
		fmt.Fprintf(w, "| %s | `%s` | `%s` | %s |\n", cell(i.Why), i.Request.Action, i.Request.Resource, contextText(i.Request.Context))
	}
}

// requirementsText summarises a tier's requirements.
func requirementsText(r tiers.TierRequirements) string {
	var parts []string
	if r.NoWrites {
		parts = append(parts, "no writes")
	}
	if r.NoProduction && !r.NoWrites {
		parts = append(parts, "no production resources")
	}
	if r.NoPermissionsManagement {
		parts = append(parts, "no permission management")
	}
	if r.NoBillingChanges {
		parts = append(parts, "no billing changes")
	}
	if r.OperationMFA {
		parts = append(parts, "holders use an MFA device for sensitive operations")
	}
	if r.LoginMFA {
		parts = append(parts, "holders sign in with an MFA device")
	}
	if r.IPCondition != tiers.Off {
		parts = append(parts, "IP condition on writes "+r.IPCondition.String())
	}
	if r.MaxSession > 0 {
		parts = append(parts, "sessions of at most "+r.MaxSession.String())
	}
	if r.MaxHolders > 0 {
		parts = append(parts, fmt.Sprintf("at most %d holders", r.MaxHolders))
	}
	if r.MaxGrant > 0 {
		parts = append(parts, "every grant time-limited to at most "+r.MaxGrant.String())
	}
	if r.AuditAlerting {
		parts = append(parts, "audit alerting required")
	}
	return strings.Join(parts, ", ")
}

func contextText(ctx map[string][]string) string {
	if len(ctx) == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(ctx))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = "`" + k + "=" + strings.Join(ctx[k], ",") + "`"
	}
	return strings.Join(parts, " ")
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// anchor is GitHub's heading anchor for a role name (a valid role name has
// no character that needs escaping; others are quoted).
func anchor(name string) string { return strings.ToLower(cell(msgtext.Text(name))) }
