package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/camkit/camkit/policy"
)

func doc(stmts ...policy.Statement) *policy.Document {
	return &policy.Document{Version: policy.Version, Statement: stmts}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		docs []policy.Named
		want string
	}{
		{"nil document", []policy.Named{{Doc: nil}}, `policy: document[0]: nil document`},
		{"bad effect", []policy.Named{{Doc: doc(policy.Statement{Effect: "Allow", Action: []string{"*"}, Resource: []string{"*"}})}},
			`policy: document[0]: statement[0].effect: "Allow" is not valid: effects are lowercase: "allow"`},
		{"bad action", []policy.Named{{Doc: doc()}, {Doc: doc(st(allowE, "*", "*"), st(allowE, "cvm:Run Instances", "*"))}},
			`policy: document[1]: statement[1].action[0]: action "cvm:Run Instances": invalid character ' ' in API name`},
		{"no action", []policy.Named{{Doc: doc(policy.Statement{Effect: allowE, Resource: []string{"*"}})}},
			`policy: document[0]: statement[0].action: missing; a statement needs at least one action`},
		{"bad resource", []policy.Named{{Name: "DevOps-Deploy", Doc: doc(st(allowE, "*", "qcs::cvm"))}},
			`policy: document[0] "DevOps-Deploy": statement[0].resource[0]: resource "qcs::cvm" has 3 segments`},
		{"no resource", []policy.Named{{Doc: doc(policy.Statement{Effect: allowE, Action: []string{"*"}})}},
			`policy: document[0]: statement[0].resource: missing; a statement without a principal needs at least one resource`},
		{"unknown variable", []policy.Named{{Doc: doc(st(allowE, "*", "qcs::cam::uin/1:uin/${user}"))}},
			`unknown policy variable "${user}"`},
		{"unterminated variable", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("string_equal", "k", "${uin")))}},
			`policy: document[0]: statement[0].condition.string_equal["k"][0]: "${uin" has an unterminated policy variable`},
		{"unknown operator", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("string_equals", "k", "v")))}},
			`policy: document[0]: statement[0].condition.string_equals: unknown condition operator "string_equals"`},
		{"bad CIDR", []policy.Named{{Doc: doc(), Name: "a"}, {Doc: doc(st(allowE, "*", "*", cond("ip_equal", "qcs:ip", "10.0.0.0/33")))}},
			`policy: document[1]: statement[0].condition.ip_equal["qcs:ip"][0]: "10.0.0.0/33" is not an IP address or CIDR block`},
		{"bad date", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("date_less_than", "qcs:current_time", "tomorrow")))}},
			`statement[0].condition.date_less_than["qcs:current_time"][0]: "tomorrow" is not a date`},
		{"bad number", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("numeric_equal", "n", "0x10")))}},
			`"0x10" is not a number`},
		{"bad bool", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("bool_equal", "b", "yes")))}},
			`"yes" is not "true" or "false"`},
		{"bad base64", []policy.Named{{Doc: doc(st(allowE, "*", "*", cond("binary_equal", "b", "!!")))}},
			`"!!" is not base64`},
		{"no values", []policy.Named{{Doc: doc(st(allowE, "*", "*", policy.Condition{"string_equal": {"k": nil}}))}},
			`condition key "k" has no values`},
		{"no keys", []policy.Named{{Doc: doc(st(allowE, "*", "*", policy.Condition{"string_equal": {}}))}},
			`operator "string_equal" has no condition keys`},
		{"empty principal", []policy.Named{{Doc: doc(policy.Statement{Effect: allowE, Principal: &policy.Principal{}, Action: []string{"sts:AssumeRole"}})}},
			`statement[0].principal: names nobody; write "*"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := policy.CompileNamed(tc.docs...)
			if err == nil {
				t.Fatalf("CompileNamed succeeded (%v), want error %q", e, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tc.want)
			}
			var pe *policy.Error
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not an *policy.Error", err)
			}
		})
	}
}

func TestCompileReportsEveryDocument(t *testing.T) {
	t.Parallel()
	_, err := policy.Compile(doc(st(allowE, "bad", "*")), doc(st(allowE, "*", "bad")))
	if err == nil {
		t.Fatal("Compile succeeded")
	}
	for _, want := range []string{"document[0]: statement[0].action[0]", "document[1]: statement[0].resource[0]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestWithBoundary(t *testing.T) {
	t.Parallel()
	e := mustCompile(t, doc(st(allowE, "cvm:*", "*")))
	if e.HasBoundary() {
		t.Fatal("new evaluator has a boundary")
	}
	b, err := e.WithNamedBoundary(policy.Named{Name: "only-describe", Doc: doc(st(allowE, "cvm:Describe*", "*"))})
	if err != nil {
		t.Fatal(err)
	}
	if !b.HasBoundary() || e.HasBoundary() {
		t.Fatal("WithBoundary must return a new evaluator and leave the old one alone")
	}
	run := req("cvm:RunInstances", ins1, nil)
	if !e.Evaluate(run).Allowed() {
		t.Fatal("the original evaluator changed")
	}
	d := b.Evaluate(run)
	if d.Allowed() || !d.BoundaryDenied() || d.Outcome() != policy.OutcomeImplicitDeny {
		t.Fatalf("boundary did not limit: %v", d)
	}
	want := `implicit deny: the permission boundary does not allow cvm:RunInstances on ` + ins1 +
		` (identity policies allow it: document[0] statement[0])`
	if got := d.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	d = b.Evaluate(req("cvm:DescribeInstances", "*", nil))
	if !d.Allowed() || d.String() != `allow: cvm:DescribeInstances on * allowed by document[0] statement[0], boundary "only-describe" statement[0]` {
		t.Errorf("got %v", d)
	}
	// Near misses of a boundary-caused deny are the boundary's statements.
	nb, err := e.WithNamedBoundary(policy.Named{Name: "sh-only", Doc: doc(st(allowE, "cvm:RunInstances", "qcs::cvm:ap-shanghai::instance/*"))})
	if err != nil {
		t.Fatal(err)
	}
	m := nb.Evaluate(run).NearMisses()
	if len(m) != 1 || !m[0].Statement.Boundary || m[0].Statement.Name != "sh-only" || m[0].Reason != `region "ap-guangzhou" does not match "ap-shanghai"` {
		t.Errorf("boundary near misses = %+v", m)
	}
	if s := m[0].String(); s != `boundary "sh-only" statement[0] (resource did not match: region "ap-guangzhou" does not match "ap-shanghai")` {
		t.Errorf("near miss String() = %s", s)
	}
	// Replacing the boundary.
	b2, err := b.WithBoundary(doc(st(allowE, "*", "*")))
	if err != nil {
		t.Fatal(err)
	}
	if !b2.Evaluate(run).Allowed() {
		t.Error("WithBoundary did not replace the boundary")
	}
	if _, err := e.WithBoundary(); err == nil {
		t.Error("WithBoundary() with no documents succeeded")
	}
	if _, err := e.WithBoundary(doc(st(allowE, "cvm RunInstances", "*"))); err == nil || !strings.Contains(err.Error(), "policy: boundary[0]: statement[0].action[0]") {
		t.Errorf("boundary error = %v", err)
	}
}

func TestDecisionString(t *testing.T) {
	t.Parallel()
	guard := policy.Named{Name: "guardrails", Doc: doc(st(denyE, "cvm:TerminateInstances", "*"))}
	ro := policy.Named{Name: "ro", Doc: doc(
		st(allowE, "cvm:Describe*", "*"),
		st(allowE, "cos:PutObject", "qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/*"),
		st(allowE, "cos:PutObject", "*", cond("ip_equal", "qcs:ip", "10.0.0.0/8")),
		st(allowE, "cos:GetObject", "*"),
	)}
	e, err := policy.CompileNamed(guard, ro)
	if err != nil {
		t.Fatal(err)
	}
	obj := "qcs::cos:ap-guangzhou:uid/1250000000:data-1250000000/a.txt"
	cases := []struct {
		name string
		r    policy.Request
		want string
	}{
		{"explicit deny", req("cvm:TerminateInstances", ins1, nil),
			`explicit deny: cvm:TerminateInstances on ` + ins1 + ` denied by policy "guardrails" statement[0]`},
		{"allow", req("cvm:DescribeInstances", "*", nil),
			`allow: cvm:DescribeInstances on * allowed by policy "ro" statement[0]`},
		{"allow with assumption", req("cvm:describeInstances", "*", nil),
			`allow: cvm:describeInstances on * allowed by policy "ro" statement[0]; assumption: policy "ro" statement[0]: action "cvm:Describe*" matches only if case is ignored; assumed the allow applies`},
		{"implicit deny with near misses", req("cos:PutObject", obj, ctx("qcs:ip", "192.0.2.1")),
			`implicit deny: no statement allows cos:PutObject on ` + obj +
				`; near miss: policy "ro" statement[1] (resource did not match: resource path "data-1250000000/a.txt" does not match "logs-1250000000/*")` +
				`; near miss: policy "ro" statement[2] (condition did not match: ip_equal["qcs:ip"]: context ["192.0.2.1"] does not satisfy ["10.0.0.0/8"])`},
		{"allow on the matching resource", req("cos:PutObject", "qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/x", nil),
			`allow: cos:PutObject on qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/x allowed by policy "ro" statement[1]`},
		{"implicit deny nothing near", req("cam:CreatePolicy", "*", nil),
			`implicit deny: no statement allows cam:CreatePolicy on *`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := e.Evaluate(tc.r).String(); got != tc.want {
				t.Errorf("String() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestNearMisses(t *testing.T) {
	t.Parallel()
	e := mustCompile(t, doc(
		policy.Statement{Effect: allowE, Principal: &policy.Principal{QCS: []string{"qcs::cam::uin/100:root"}}, Action: []string{"sts:AssumeRole"}},
		policy.Statement{Effect: allowE, Action: []string{"sts:AssumeRole"}, Resource: []string{"qcs::cam::uin/100:roleName/a", "qcs::cam::uin/100:roleName/b*"}},
		st(allowE, "sts:AssumeRole", "*", cond("string_equal", "k", "v")),
		st(allowE, "sts:GetFederationToken", "*"),
		st(denyE, "sts:AssumeRole", "qcs::cam::uin/100:roleName/z"),
	))
	d := e.Evaluate(policy.Request{Action: "sts:AssumeRole", Resource: "qcs::cam::uin/100:roleName/c", Principal: "qcs::cam::uin/200:uin/1"})
	got := d.NearMisses()
	want := []struct{ elem, reason string }{
		{"principal", `"qcs::cam::uin/200:uin/1" is not listed`},
		{"resource", `closest is resource[0]: resource path "roleName/c" does not match "roleName/a"`},
		{"condition", `string_equal["k"]: key is absent from the request`},
	}
	if len(got) != len(want) {
		t.Fatalf("NearMisses() = %v, want %d", got, len(want))
	}
	for i, w := range want {
		if got[i].Element != w.elem || got[i].Reason != w.reason || got[i].Statement.Statement != i {
			t.Errorf("near miss %d = %+v, want statement[%d] %s %q", i, got[i], i, w.elem, w.reason)
		}
	}
	if m := e.Evaluate(policy.Request{Action: "sts:AssumeRole", Resource: "qcs::cam::uin/100:roleName/c"}).NearMisses(); m[0].Reason != "the request names no principal" {
		t.Errorf("near miss without principal = %v", m[0])
	}
	if m := e.Evaluate(req("sts:AssumeRole", "*", nil)).NearMisses(); len(m) != 3 || m[1].Element != "resource" || !strings.Contains(m[1].Reason, `"*" matches only the policy resource "*"`) {
		t.Errorf("near misses for a star request = %v", m)
	}
	if m := e.Evaluate(req("sts:AssumeRole", "qcs::cam", nil)).NearMisses(); len(m) != 3 || m[1].Reason != `"qcs::cam" is not a six-segment qcs resource name` {
		t.Errorf("near misses for a malformed request = %v", m)
	}
	if m := e.Evaluate(req("sts:GetFederationToken", "*", nil)).NearMisses(); m != nil {
		t.Errorf("an allowed request has near misses: %v", m)
	}
	if m := e.Evaluate(req("sts:AssumeRole", "qcs::cam::uin/100:roleName/z", ctx("k", "v"))).NearMisses(); m != nil {
		t.Errorf("an explicit deny has near misses: %v", m)
	}
}

func TestDecisionAccessors(t *testing.T) {
	t.Parallel()
	var stmts []policy.Statement
	for range 8 {
		stmts = append(stmts, st(denyE, "cvm:*", "*"), st(allowE, "cvm:*", "*", cond("string_not_equal", "k", "v")))
	}
	e := mustCompile(t, doc(stmts...))
	d := e.Evaluate(req("cvm:RunInstances", ins1, nil))
	if d.Outcome() != policy.OutcomeExplicitDeny || d.NumStatements() != 6 || !d.StatementsTruncated() {
		t.Fatalf("got %v with %d statements, truncated %v", d.Outcome(), d.NumStatements(), d.StatementsTruncated())
	}
	for i, s := range d.Statements() {
		if s.Effect != denyE || s.Statement != 2*i || s.Document != 0 || s.Boundary {
			t.Errorf("statement %d = %+v", i, s)
		}
	}
	if got := d.Statement(99); got != (policy.StatementRef{}) {
		t.Errorf("Statement(99) = %+v", got)
	}
	if d.Request().Action != "cvm:RunInstances" {
		t.Errorf("Request() = %+v", d.Request())
	}

	e = mustCompile(t, doc(stmts[1], stmts[1], stmts[1], stmts[1], stmts[1], stmts[1]))
	d = e.Evaluate(req("cvm:RunInstances", ins1, nil))
	if !d.Allowed() || d.NumStatements() != 4 || !d.StatementsTruncated() {
		t.Fatalf("allow: %d statements, truncated %v", d.NumStatements(), d.StatementsTruncated())
	}
	if d.NumAssumptions() != 6 || len(d.Assumptions()) != 4 || !d.AssumptionsTruncated() {
		t.Fatalf("assumptions: %d, kept %d, truncated %v", d.NumAssumptions(), len(d.Assumptions()), d.AssumptionsTruncated())
	}
	if !strings.HasSuffix(d.String(), "; and 2 more assumptions") {
		t.Errorf("String() = %s", d)
	}

	var zero policy.Decision
	if zero.Allowed() || zero.Outcome() != policy.OutcomeImplicitDeny || zero.Statements() != nil || zero.NearMisses() != nil {
		t.Errorf("zero decision: %v", zero)
	}
	if got := zero.String(); got != "implicit deny: no statement allows  on " {
		t.Errorf("zero String() = %q", got)
	}
	var nilEval *policy.Evaluator
	if nilEval.Evaluate(req("cvm:RunInstances", "*", nil)).Allowed() {
		t.Error("nil evaluator allowed")
	}
}

func TestDecisionJSON(t *testing.T) {
	t.Parallel()
	e, err := policy.CompileNamed(policy.Named{Name: "self", Doc: doc(st(allowE, "cam:*", "qcs::cam::uin/100:uin/${uin}"))})
	if err != nil {
		t.Fatal(err)
	}
	d := e.Evaluate(req("cam:CreateAccessKey", "qcs::cam::uin/100:uin/3", ctx("secret", "do-not-print")))
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["outcome"] != "allow" || got["allowed"] != true || got["action"] != "cam:CreateAccessKey" {
		t.Errorf("JSON = %s", b)
	}
	as := got["assumptions"].([]any)
	a := as[0].(map[string]any)
	if a["kind"] != "missing_variable" || a["key"] != "${uin}" || a["statement"].(map[string]any)["name"] != "self" {
		t.Errorf("assumption JSON = %v", a)
	}
	if strings.Contains(string(b), "do-not-print") {
		t.Errorf("JSON carries context values: %s", b)
	}
}

func TestOutcomeText(t *testing.T) {
	t.Parallel()
	for _, o := range []policy.Outcome{policy.OutcomeAllow, policy.OutcomeExplicitDeny, policy.OutcomeImplicitDeny} {
		b, err := o.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back policy.Outcome
		if err := back.UnmarshalText(b); err != nil || back != o {
			t.Errorf("round trip of %v via %q = %v, %v", o, b, back, err)
		}
	}
	if s := policy.OutcomeExplicitDeny.String(); s != "explicit deny" {
		t.Errorf("String() = %q", s)
	}
	if _, err := policy.Outcome(9).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid outcome succeeded")
	}
	var o policy.Outcome
	if err := o.UnmarshalText([]byte("deny")); err == nil {
		t.Error("UnmarshalText(deny) succeeded")
	}
	if s := policy.Outcome(9).String(); s != "Outcome(9)" {
		t.Errorf("String() = %q", s)
	}
	if s := policy.AssumptionKind(99).String(); s != "AssumptionKind(99)" {
		t.Errorf("AssumptionKind String() = %q", s)
	}
}

func TestEvaluatorIsImmutable(t *testing.T) {
	t.Parallel()
	d := doc(st(allowE, "cvm:RunInstances", ins1))
	d.Statement[0].Principal = nil
	e := mustCompile(t, d)
	d.Statement[0].Action[0] = "cvm:StopInstances"
	d.Statement[0].Resource[0] = "*"
	d.Statement[0].Effect = denyE
	if !e.Evaluate(req("cvm:RunInstances", ins1, nil)).Allowed() {
		t.Error("changing the document changed the evaluator")
	}
}

func TestEvaluateConcurrently(t *testing.T) {
	t.Parallel()
	e := mustCompile(t, doc(st(allowE, "cvm:*", "*", cond("ip_equal", "qcs:ip", "10.0.0.0/8")), st(denyE, "cvm:TerminateInstances", "*")))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				ip := "10.0.0.1"
				if (g+i)%2 == 1 {
					ip = "192.0.2.1"
				}
				d := e.Evaluate(req("cvm:RunInstances", ins1, ctx("qcs:ip", ip)))
				if d.Allowed() != (ip == "10.0.0.1") {
					t.Errorf("concurrent evaluation: %v", d)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestEvaluateParsedDocuments(t *testing.T) {
	t.Parallel()
	d, err := policy.Parse([]byte(`{"version":"2.0","statement":{"effect":"allow","action":"cos:GetObject",
		"resource":"qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/*",
		"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8","2001:db8::/32"]},"numeric_less_than_equal":{"cos:tls-version":1.3}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	e := mustCompile(t, d)
	r := req("cos:GetObject", "qcs::cos:ap-guangzhou:uid/1250000000:logs-1250000000/2024/a.log", ctx("qcs:ip", "2001:db8::7", "cos:tls-version", "1.2"))
	if dec := e.Evaluate(r); !dec.Allowed() {
		t.Errorf("parsed policy: %v", dec)
	}
}

func TestEvaluateAllocations(t *testing.T) {
	e, _ := benchEvaluator(t, 100)
	for _, r := range benchRequests() {
		if n := testing.AllocsPerRun(50, func() { e.Evaluate(r) }); n != 0 {
			t.Errorf("Evaluate(%s on %s) allocates %.0f times", r.Action, r.Resource, n)
		}
	}
}
