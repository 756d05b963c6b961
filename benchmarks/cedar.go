package benchmarks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/camkit/camkit/policy"
	"github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"
)

// The translation to Cedar keeps CAM's semantics (docs/semantics.md §2–§5) for
// the constructs the generated policies use:
//
//   - Every CAM statement becomes one Cedar policy on the unconstrained scope
//     permit/forbid (principal, action, resource): CAM actions and resources
//     are patterns over strings, which Cedar entity UIDs cannot express, so the
//     request carries them in its context and the policy tests them with `like`,
//     whose '*' matches any run of characters as CAM's does.
//   - Actions: allow statements match case-insensitively and deny statements
//     case-sensitively (§5.7), so allows compare the lowercased pattern with
//     context.action_lower and denies the pattern as written with
//     context.action; a "name/" prefix is dropped from both.
//   - Resources: "*" matches everything. Any other resource matches only a
//     six-segment request (context.res_ok) whose project, service, region,
//     account and path each match the policy's segment; an empty segment is
//     omitted (it means "all"), and because each segment is its own string a
//     '*' cannot run across ':' except in the path, as in CAM (§3).
//   - Conditions read context keys by their CAM names (context["qcs:ip"]):
//     ip_equal is isInRange over the blocks, for_any_value:string_equal is
//     containsAny, date_less_than compares datetimes, string_equal compares
//     strings. A positive operator on an absent key is false; a negated
//     operator (ip_not_equal) on an absent key is true in a permit and false in
//     a forbid, camkit's safety rule (§5.7).
//
// ToCedar rejects anything else (principals, variables, other operators)
// rather than translate it loosely.
func ToCedar(docs []*policy.Document) (string, error) {
	var b strings.Builder
	for di, d := range docs {
		for si, s := range d.Statement {
			if err := writeCedarStatement(&b, s); err != nil {
				return "", fmt.Errorf("benchmarks: document[%d] statement[%d]: %w", di, si, err)
			}
		}
	}
	return b.String(), nil
}

func writeCedarStatement(b *strings.Builder, s policy.Statement) error {
	deny := s.Effect == policy.EffectDeny
	if s.Principal != nil {
		return fmt.Errorf("principals are not translated")
	}
	var parts []string
	var acts []string
	for _, a := range s.Action {
		a = strings.TrimPrefix(a, "name/")
		switch {
		case a == "*" || a == "*:*":
			acts = append(acts, "true")
		case deny:
			acts = append(acts, "context.action like "+cedarPattern(a))
		default:
			acts = append(acts, "context.action_lower like "+cedarPattern(strings.ToLower(a)))
		}
	}
	parts = append(parts, or(acts))
	var ress []string
	for _, r := range s.Resource {
		pr, err := policy.ParseResource(r)
		if err != nil {
			return err
		}
		if pr.All {
			ress = append(ress, "true")
			continue
		}
		if strings.Contains(r, "${") {
			return fmt.Errorf("policy variables are not translated")
		}
		conj := []string{"context.res_ok"}
		for i, seg := range []string{pr.Project, pr.Service, pr.Region, pr.Account, pr.Path} {
			if seg == "" && i < 4 {
				continue
			}
			conj = append(conj, "context."+segmentAttrs[i]+" like "+cedarPattern(seg))
		}
		ress = append(ress, "("+strings.Join(conj, " && ")+")")
	}
	parts = append(parts, or(ress))
	ops := make([]string, 0, len(s.Condition))
	for op := range s.Condition {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	for _, op := range ops {
		for key, vals := range s.Condition[op] {
			c, err := cedarCondition(op, key, vals, deny)
			if err != nil {
				return err
			}
			parts = append(parts, c)
		}
	}
	effect := "permit"
	if deny {
		effect = "forbid"
	}
	fmt.Fprintf(b, "%s (principal, action, resource) when { %s };\n", effect, strings.Join(parts, " && "))
	return nil
}

var segmentAttrs = [5]string{"project", "service", "region", "account", "path"}

func cedarCondition(op, key string, vals []policy.Value, deny bool) (string, error) {
	attr := "context[" + strconv.Quote(key) + "]"
	has := "context has " + strconv.Quote(key)
	var alts []string
	switch op {
	case "ip_equal", "ip_not_equal":
		for _, v := range vals {
			alts = append(alts, attr+".isInRange(ip("+strconv.Quote(v.Text)+"))")
		}
		if op == "ip_equal" {
			return "(" + has + " && " + or(alts) + ")", nil
		}
		if deny {
			return "(" + has + " && !" + or(alts) + ")", nil
		}
		return "(!(" + has + ") || !" + or(alts) + ")", nil
	case "for_any_value:string_equal":
		for _, v := range vals {
			alts = append(alts, strconv.Quote(v.Text))
		}
		return "(" + has + " && " + attr + ".containsAny([" + strings.Join(alts, ", ") + "]))", nil
	case "string_equal":
		for _, v := range vals {
			alts = append(alts, attr+" == "+strconv.Quote(v.Text))
		}
		return "(" + has + " && " + or(alts) + ")", nil
	case "date_less_than":
		for _, v := range vals {
			t, ok := policy.ParseDate(v.Text)
			if !ok {
				return "", fmt.Errorf("bad date %q", v.Text)
			}
			alts = append(alts, attr+" < datetime("+strconv.Quote(t.UTC().Format("2006-01-02T15:04:05Z"))+")")
		}
		return "(" + has + " && " + or(alts) + ")", nil
	}
	return "", fmt.Errorf("operator %q is not translated", op)
}

func or(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	return "(" + strings.Join(alts, " || ") + ")"
}

// cedarPattern quotes a CAM glob as a Cedar `like` pattern: '*' stays a
// wildcard; quotes and backslashes are escaped.
func cedarPattern(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// CedarRequest turns a camkit request into the Cedar request the translated
// policies expect: the action as written and lowercased, the resource's
// segments, and the context keys typed for the operators that read them
// (qcs:ip as an ipaddr, qcs:current_time as a datetime, tag keys as sets,
// everything else as its first string). A context value that cannot be read
// as its type is left out, so it matches no positive operator.
func CedarRequest(r policy.Request) cedar.Request {
	a := strings.TrimPrefix(r.Action, "name/")
	rec := types.RecordMap{
		"action":       types.String(a),
		"action_lower": types.String(strings.ToLower(a)),
	}
	segs, ok := splitResource(r.Resource)
	rec["res_ok"] = types.Boolean(ok)
	for i, s := range segs {
		rec[types.String(segmentAttrs[i])] = types.String(s)
	}
	for k, vs := range r.Context {
		if len(vs) == 0 {
			continue
		}
		switch k {
		case policy.KeyIP:
			if ip, err := types.ParseIPAddr(vs[0]); err == nil {
				rec[types.String(k)] = ip
			}
		case policy.KeyCurrentTime:
			if t, ok := policy.ParseDate(vs[0]); ok {
				rec[types.String(k)] = types.NewDatetime(t)
			}
		case policy.KeyResourceTag, policy.KeyRequestTag:
			set := make([]types.Value, len(vs))
			for i, v := range vs {
				set[i] = types.String(v)
			}
			rec[types.String(k)] = types.NewSet(set...)
		default:
			rec[types.String(k)] = types.String(vs[0])
		}
	}
	return cedar.Request{
		Principal: cedar.NewEntityUID("User", "caller"),
		Action:    cedar.NewEntityUID("Action", "call"),
		Resource:  cedar.NewEntityUID("Resource", "target"),
		Context:   types.NewRecord(rec),
	}
}

// splitResource splits a six-segment resource name into its five segments
// after "qcs".
func splitResource(s string) ([5]string, bool) {
	var out [5]string
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "qcs" {
		return out, false
	}
	copy(out[:], parts[1:])
	return out, true
}
