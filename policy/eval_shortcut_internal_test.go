package policy

import (
	"strings"
	"testing"
)

// FuzzEvaluatorShortcuts checks the evaluator's shortcuts against the general
// code they stand in for: the whole-prefix resource test, the octet-wise IPv4
// reader and the packed-lead action test.
func FuzzEvaluatorShortcuts(f *testing.F) {
	f.Add("qcs::cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", "cvm:Describe*", "cvm:describeInstances")
	f.Add("qcs:p:cos::uid/1:b/${uin}", "qcs:p:cos:ap-shanghai:uid/1:b/7", "cos:Get*Object", "COS:GetObject")
	f.Add("qcs::cam::uin/1:uin/2", "10.1.2.3", "cam:GetUser", "cam:\u017fetUser")
	f.Fuzz(func(t *testing.T, pattern, res, action, req string) {
		ctx := map[string][]string{"qcs:uin": {"7"}}
		if r, err := compileResource(pattern); err == nil {
			slow := r
			slow.head = ""
			st1 := testState(Request{Resource: res, Context: ctx})
			st2 := testState(*st1.r)
			if got, want := r.match(&st1), slow.match(&st2); got != want || st1.n != st2.n {
				t.Errorf("resource %q on %q: head %v/%d, segments %v/%d", pattern, res, got, st1.n, want, st2.n)
			}
		}
		got, gotOK := ipv4Number(res)
		b, wantOK := parseIPv4(res)
		if want := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]); gotOK != wantOK || (gotOK && got != want) {
			t.Errorf("ipv4Number(%q) = %#x, %v; parseIPv4: %#x, %v", res, got, gotOK, want, wantOK)
		}
		checkIPv4Shortcut(t, res)
		var parts reqParts
		parts.splitAction(req)
		a := req
		if len(a) > len("name/") {
			a = strings.TrimPrefix(a, "name/")
		}
		svc, name, found := strings.Cut(a, ":")
		if ok := found && svc != "" && name != ""; ok != parts.actionOK || (ok && (svc != parts.svc || name != parts.name)) {
			t.Errorf("splitAction(%q) = %q, %q, %v; want %q, %q, %v", req, parts.svc, parts.name, parts.actionOK, svc, name, ok)
		}
		if parts.actionOK && (parts.svcKey != naivePack(parts.svc) || parts.exact != naivePack(parts.name)) {
			t.Errorf("splitAction(%q): packed %#x, %#x; want %#x, %#x", req, parts.svcKey, parts.exact, naivePack(parts.svc), naivePack(parts.name))
		}
		if parts.actionOK {
			if h := serviceHash(strings.ToUpper(parts.svc)); parts.svcHash != serviceHash(parts.svc) || (isASCII(parts.svc) && h != parts.svcHash) {
				t.Errorf("service hash of %q: split %#x, serviceHash %#x, upper case %#x", parts.svc, parts.svcHash, serviceHash(parts.svc), h)
			}
		}
		if got, want := packBytes(req), naivePack(req); got != want {
			t.Errorf("packBytes(%q) = %#x, want %#x", req, got, want)
		}
		if a, err := compileAction(action); err == nil {
			noLead := a
			noLead.lead, noLead.leadMask, noLead.prefixLead, noLead.svcShort = 0, 0, false, false
			var p1 reqParts
			p1.splitAction(req)
			p2 := p1
			if got, want := a.match(&p1), noLead.match(&p2); got != want {
				t.Errorf("action %q on %q: %v with the lead, %v without", action, req, got, want)
			}
			checkQuickAction(t, a, noLead, req)
		}
	})
}

// TestCtxIPWithinAgreesWithIPWithin checks the IPv4 shortcut of ctxIP.within
// against ipWithin on parsed prefixes.
func TestCtxIPWithinAgreesWithIPWithin(t *testing.T) {
	t.Parallel()
	ctxs := []string{"10.1.2.3", "10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/7", "11.0.0.1", "0.0.0.0/0", "255.255.255.255",
		"::ffff:10.0.0.1", "::ffff:0.0.0.0/90", "2001:db8::1", "010.1.2.3", "10.1.2", "bad", ""}
	pols := []string{"10.0.0.0/8", "10.1.2.3/8", "10.1.2.3", "0.0.0.0/0", "::/0", "2001:db8::/32", "::ffff:10.0.0.0/104", "255.255.255.255/32"}
	for _, ctx := range ctxs {
		st := testState(Request{})
		ip := st.ip(ctx)
		want, wantOK := ParseIPOrCIDR(ctx)
		if ip.ok != wantOK {
			t.Errorf("ip(%q).ok = %v, want %v", ctx, ip.ok, wantOK)
			continue
		}
		for _, pol := range pols {
			cv, err := compileValue(OpIPEqual, String(pol))
			if err != nil {
				t.Fatal(err)
			}
			if got, w := ip.within(&cv), wantOK && ipWithin(want, cv.ip); got != w {
				t.Errorf("within(%q, %q) = %v, want %v", ctx, pol, got, w)
			}
		}
	}
}

// TestResourceHeadAgreesWithSegments checks the whole-prefix shortcut of
// cResource.match against the segment-by-segment comparison.
func TestResourceHeadAgreesWithSegments(t *testing.T) {
	t.Parallel()
	patterns := []string{
		"qcs::cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1",
		"qcs:p:cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm::uin/1:instance/*", "qcs::cvm:ap-guangzhou::*",
		"qcs::cam::uin/1:uin/${uin}", "qcs::cvm:ap-*:uin/1:instance/*", "qcs::cos:ap-guangzhou:uid/1:b-1/*/x",
		"qcs::cvm:ap-guangzhou:uin/1:instance/ins-${app_id}*",
	}
	requests := []string{
		"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", "qcs:p:cvm:ap-guangzhou:uin/1:instance/ins-1",
		"qcs:q:cvm:ap-guangzhou:uin/1:instance/ins-1", "qcs::cvm:ap-shanghai:uin/1:instance/ins-1",
		"qcs::cvm::uin/1:instance/ins-1", "qcs::cvm:ap-guangzhou:uin/1:instance/", "qcs::cvm:ap-guangzhou:uin/1:",
		"qcs::cvm:ap-guangzhou:uin/1", "qcs::cam::uin/1:uin/7", "qcs::cos:ap-guangzhou:uid/1:b-1/a/b/x",
		"qcs::cvm:ap-guangzhou:uin/1:instance/ins-125-9", "*", "", "qcs:", "QCS::cvm:ap-guangzhou:uin/1:instance/ins-1",
	}
	for _, ctx := range []map[string][]string{nil, {"qcs:uin": {"7"}, "qcs:app_id": {"125"}}} {
		for _, ps := range patterns {
			r, err := compileResource(ps)
			if err != nil {
				t.Fatal(err)
			}
			if (r.head != "") != !strings.ContainsAny(ps[:strings.LastIndexByte(ps, ':')], "*$") {
				t.Errorf("%s: head %q", ps, r.head)
			}
			slow := r
			slow.head = ""
			for _, res := range requests {
				st1 := testState(Request{Resource: res, Context: ctx})
				st2 := testState(*st1.r)
				if got, want := r.match(&st1), slow.match(&st2); got != want || st1.n != st2.n {
					t.Errorf("%s on %s (context %v): head %v/%d, segments %v/%d", ps, res, ctx, got, st1.n, want, st2.n)
				}
			}
		}
	}
}

// TestIPv4NumberAgreesWithParseIPv4 compares the evaluator's IPv4 reader with
// parseIPv4 on listed and generated strings.
func TestIPv4NumberAgreesWithParseIPv4(t *testing.T) {
	t.Parallel()
	check := func(s string) {
		got, gotOK := ipv4Number(s)
		b, wantOK := parseIPv4(s)
		want := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		if gotOK != wantOK || (gotOK && got != want) {
			t.Errorf("ipv4Number(%q) = %#x, %v; parseIPv4 says %#x, %v", s, got, gotOK, want, wantOK)
		}
	}
	for _, s := range []string{"", "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1.2.3",
		"1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4/8", "1234.1.1.1", "10.0.0.00", "192.0.2.1", "1.2.3.4x", "::1"} {
		check(s)
	}
	const alphabet = "0123456789.0125/:x"
	seed := uint32(1)
	for range 200000 {
		seed = seed*1664525 + 1013904223
		n := int(seed>>24) % 17
		b := make([]byte, n)
		for i := range b {
			seed = seed*1664525 + 1013904223
			b[i] = alphabet[int(seed>>24)%len(alphabet)]
		}
		check(string(b))
	}
}

// TestPackLead checks packLead against byte-by-byte lowercasing.
func TestPackLead(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "Describe", "DescribeInstances", "AZ@[`az{", "\xc3\x89tat", "\xff\x80AZaz09", "Run"} {
		var want uint64
		for i := min(len(s), 8) - 1; i >= 0; i-- {
			want = want<<8 | uint64(lowerASCII(s[i]))
		}
		if got := packLead(s); got != want {
			t.Errorf("packLead(%q) = %#x, want %#x", s, got, want)
		}
	}
	for c := range 256 {
		s := string([]byte{byte(c), 'Q', byte(c), 'x', byte(c), byte(c), 'M', byte(c)})
		var want uint64
		for i := 7; i >= 0; i-- {
			want = want<<8 | uint64(lowerASCII(s[i]))
		}
		if got := packLead(s); got != want {
			t.Errorf("packLead(%q) = %#x, want %#x", s, got, want)
		}
	}
}

// TestActionLeadNeverRejectsAMatch checks the packed-lead shortcut of
// cAction.match against matching without it.
func TestActionLeadNeverRejectsAMatch(t *testing.T) {
	t.Parallel()
	patterns := []string{"cvm:Describe*", "cvm:DescribeInstances", "cvm:*Instances", "cvm:Run*", "CVM:runinstances",
		"cos:Get*Object", "cos:GetObject", "cvm:Ab", "cvm:DescribeInstancesStatus", "cvm:Kill", "cvm:Sto*", "cvm:A*B",
		"cvm:DescribeInstance*", "cvm:Terminate*", "cvm:describeinstances*"}
	names := []string{"DescribeInstances", "describeinstances", "DESCRIBEINSTANCES", "Describe", "Describ", "RunInstances",
		"runInstances", "GetBucketObject", "getobject", "Ab", "ab", "A", "Kill", "kill", "\u212aill", "\u00e9tat", "\u00c9tatX",
		"DescribeInstancesStatus", "describeinstancesstatu", "\u017fto", "STOP", "aXb", ""}
	for _, ps := range patterns {
		a := mustAction(t, ps)
		noLead := a
		noLead.lead, noLead.leadMask, noLead.prefixLead, noLead.svcShort = 0, 0, false, false
		for _, svc := range []string{"cvm", "CVM", "cos"} {
			for _, name := range names {
				var p1 reqParts
				p1.splitAction(svc + ":" + name)
				p2 := p1
				if got, want := a.match(&p1), noLead.match(&p2); got != want {
					t.Errorf("%s on %s:%s: %v with the lead, %v without", ps, svc, name, got, want)
				}
				checkQuickAction(t, a, noLead, svc+":"+name)
			}
		}
	}
}

// naivePack is packBytes written plainly.
func naivePack(s string) uint64 {
	var v uint64
	for i := min(len(s), 8) - 1; i >= 0; i-- {
		v = v<<8 | uint64(s[i])
	}
	return v
}

// ipv4ShortcutConditions are the conditions checkIPv4Shortcut compiles: plain
// and _if_exist, positive and negated, one block and several.
var ipv4ShortcutConditions = []Condition{
	{"ip_equal": {"qcs:ip": Strings("10.0.0.0/8", "172.16.0.0/12")}},
	{"ip_not_equal": {"qcs:ip": Strings("10.0.0.0/8")}},
	{"ip_equal_if_exist": {"qcs:ip": Strings("192.0.2.1")}},
	{"ip_not_equal_if_exist": {"qcs:ip": Strings("0.0.0.0/0", "10.1.2.3/32")}},
	{"for_any_value:ip_equal": {"qcs:ip": Strings("10.0.0.0/8")}},
	{"ip_equal": {"qcs:ip": Strings("10.0.0.0/8", "::ffff:10.0.0.0/104")}},
}

// checkIPv4Shortcut checks the IPv4 shortcut of cCond.match against the
// general path for the context address v, alone and with a second value.
func checkIPv4Shortcut(t *testing.T, v string) {
	t.Helper()
	for _, cond := range ipv4ShortcutConditions {
		conds, err := compileConditions(cond, "condition")
		if err != nil {
			t.Fatal(err)
		}
		c := &conds[0]
		slow := *c
		slow.ip4 = nil
		for _, vals := range [][]string{{v}, {v, "10.9.9.9"}, nil} {
			r := Request{Context: map[string][]string{"qcs:ip": vals}}
			st1, st2 := testState(r), testState(r)
			got, want := c.match(&st1), slow.match(&st2)
			if got != want || st1.n != st2.n {
				t.Errorf("%v on %q: shortcut %v/%d, general %v/%d", cond, vals, got, st1.n, want, st2.n)
			}
		}
	}
}

// TestIPv4ConditionShortcut checks the IPv4 shortcut of cCond.match on
// addresses in and out of the blocks, malformed ones and other forms.
func TestIPv4ConditionShortcut(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"10.1.2.3", "192.0.2.1", "172.16.0.1", "172.32.0.1", "10.1.2.3/32", "010.1.2.3",
		"::ffff:10.0.0.1", "2001:db8::1", "", "bad", "10.1.2", "255.255.255.255", "0.0.0.0"} {
		checkIPv4Shortcut(t, v)
	}
	conds, err := compileConditions(ipv4ShortcutConditions[0], "condition")
	if err != nil {
		t.Fatal(err)
	}
	if len(conds[0].ip4) != 2 {
		t.Errorf("ip_equal on two IPv4 blocks: %d shortcut blocks, want 2", len(conds[0].ip4))
	}
	for _, cond := range ipv4ShortcutConditions[4:] {
		conds, err := compileConditions(cond, "condition")
		if err != nil {
			t.Fatal(err)
		}
		if conds[0].ip4 != nil {
			t.Errorf("%v: shortcut blocks %v, want none", cond, conds[0].ip4)
		}
	}
}

// checkQuickAction checks cStatement.matchAction's shortcut for action a
// against the statement of slow, a without its shortcuts, on the request
// action req, alone and after an action that never matches.
func checkQuickAction(t *testing.T, a, slow cAction, req string) {
	t.Helper()
	never := cAction{raw: "permid/1", permid: true}
	other, err := compileAction("cvm:Zzzzzzzzzz*") // a quick action that rarely matches
	if err != nil {
		t.Fatal(err)
	}
	otherSlow := other
	otherSlow.lead, otherSlow.leadMask, otherSlow.prefixLead, otherSlow.svcShort = 0, 0, false, false
	for _, pair := range [][2][]cAction{{{a}, {slow}}, {{never, a}, {never, slow}}, {{other, a}, {otherSlow, slow}}} {
		fast, plain := cStatement{actions: pair[0]}, cStatement{actions: pair[1]}
		st1, st2 := testState(Request{Action: req}), testState(Request{Action: req})
		st1.p.splitAction(req)
		st2.p.splitAction(req)
		if got, want := fast.matchAction(&st1), plain.matchAction(&st2); got != want || st1.n != st2.n {
			t.Errorf("statement %q on %q: %v/%d with the shortcut, %v/%d without", a.raw, req, got, st1.n, want, st2.n)
		}
		// The statement-level quick tests, when every action has one.
		quick := cStatement{actions: pair[0], quick: quickActions(pair[0]), resAll: true}
		whole := cStatement{actions: pair[1], resAll: true}
		st1, st2 = testState(Request{Action: req}), testState(Request{Action: req})
		st1.p.splitAction(req)
		st2.p.splitAction(req)
		if got, want := quick.match(&st1), whole.match(&st2); got != want || st1.n != st2.n {
			t.Errorf("statement %q (quick %v) on %q: %v/%d with quick tests, %v/%d without", a.raw, quick.quick != nil, req, got, st1.n, want, st2.n)
		}
	}
}
