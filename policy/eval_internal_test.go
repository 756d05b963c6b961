package policy

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func TestGlobMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern, s string
		fold, want bool
	}{
		{"", "", false, true},
		{"", "a", false, false},
		{"*", "", false, true},
		{"*", "anything/at:all", false, true},
		{"abc", "abc", false, true},
		{"abc", "ABC", false, false},
		{"abc", "ABC", true, true},
		{"Describe*", "DescribeInstances", false, true},
		{"Describe*", "describeInstances", false, false},
		{"Describe*", "describeInstances", true, true},
		{"*Bucket*", "PutBucketAcl", false, true},
		{"*Bucket*", "Bucket", false, true},
		{"*Bucket*", "PutBucke", false, false},
		{"a*b*c", "aXbYc", false, true},
		{"a*b*c", "abcabc", false, true},
		{"a*b*c", "acb", false, false},
		{"a**c", "ac", false, true},
		{"*a", "baaa", false, true},
		{"*ab", "aab", false, true},
		{"*aab", "aaab", false, true},
		{"x*", "", false, false},
		{"é*", "É-x", true, true},
		{"k", "\u212a", true, true}, // Kelvin sign folds to k
		{"log?", "logs", false, false},
		{"log?", "log?", false, true},
	}
	for _, tc := range cases {
		p, err := compilePattern(tc.pattern, true)
		if err != nil {
			t.Fatal(err)
		}
		var st evalState
		got := p.match(&st, tc.s, tc.fold) != lvNone
		if got != tc.want {
			t.Errorf("match(%q, %q, fold=%v) = %v, want %v", tc.pattern, tc.s, tc.fold, got, tc.want)
		}
		if glob := globMatch(p.pieces, tc.s, tc.fold, &st); len(p.pieces) > 0 && glob != tc.want {
			t.Errorf("globMatch(%q, %q, fold=%v) = %v, want %v", tc.pattern, tc.s, tc.fold, glob, tc.want)
		}
	}
}

func TestCompilePatternVariables(t *testing.T) {
	t.Parallel()
	p, err := compilePattern("uin/${uin}/${owner_uin}*${app_id}", true)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []uint8{}
	for _, pc := range p.pieces {
		kinds = append(kinds, pc.kind)
	}
	want := []uint8{pieceLit, pieceVar, pieceLit, pieceVar, pieceStar, pieceVar}
	if !slices.Equal(kinds, want) || !p.vars || p.literal {
		t.Fatalf("pieces = %v, want %v", kinds, want)
	}
	ctx := map[string][]string{"qcs:uin": {"7"}, "qcs:owner_uin": {"1"}, "qcs:app_id": {"125"}}
	st := evalState{r: Request{Context: ctx}}
	for s, want := range map[string]level{
		"uin/7/1125":      lvClean,
		"uin/7/1-x-125":   lvClean,
		"uin/8/1125":      lvNone,
		"uin/7/1125-more": lvNone,
	} {
		if got := p.match(&st, s, false); got != want {
			t.Errorf("match(%q) = %v, want %v", s, got, want)
		}
	}
	// Missing variables read as wildcards and are recorded.
	st = evalState{r: Request{Context: map[string][]string{"qcs:uin": {"7"}}}}
	if got := p.match(&st, "uin/7/anything", false); got != lvAssumed || st.n != 2 {
		t.Errorf("missing variables: level %v with %d assumptions", got, st.n)
	}
	if _, err := compilePattern("a${nope}", true); err == nil {
		t.Error("unknown variable accepted")
	}
	if _, err := compilePattern("a${uin", true); err == nil {
		t.Error("unterminated variable accepted")
	}
	lit, _ := compilePattern("a*b", false)
	if !lit.literal {
		t.Error("'*' without wildcards must be literal")
	}
}

func TestSplitRequest(t *testing.T) {
	t.Parallel()
	cases := []struct {
		action, resource string
		svc, name        string
		actionOK, resOK  bool
		seg              [5]string
	}{
		{"cvm:RunInstances", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", "cvm", "RunInstances", true, true,
			[5]string{"", "cvm", "ap-guangzhou", "uin/1", "instance/ins-1"}},
		{"name/cos:GetObject", "qcs::cos::uid/1:b/a:b/c", "cos", "GetObject", true, true, [5]string{"", "cos", "", "uid/1", "b/a:b/c"}},
		{"cvm:", "*", "", "", false, false, [5]string{}},
		{":Run", "qcs::cvm", "", "", false, false, [5]string{}},
		{"bogus", "qcs:1:2:3:4:", "", "", false, true, [5]string{"1", "2", "3", "4", ""}},
	}
	for _, tc := range cases {
		r := Request{Action: tc.action, Resource: tc.resource}
		var p reqParts
		p.splitAction(r.Action)
		p.splitResource(r.Resource)
		if p.svc != tc.svc || p.name != tc.name || p.actionOK != tc.actionOK || p.resOK != tc.resOK || (tc.resOK && p.seg != tc.seg) {
			t.Errorf("split(%q, %q) = %+v", tc.action, tc.resource, p)
		}
	}
}

func TestIndexCandidates(t *testing.T) {
	t.Parallel()
	stmts := []cStatement{
		{actions: []cAction{mustAction(t, "cvm:Describe*"), mustAction(t, "cvm:*Instances")}}, // 'd' and '*'
		{actions: []cAction{mustAction(t, "CVM:DescribeZones")}},
		{actions: []cAction{mustAction(t, "*")}},
		{actions: []cAction{mustAction(t, "permid/7")}},
		{actions: []cAction{mustAction(t, "cos:GetObject"), mustAction(t, "cvm:RunInstances")}},
		{actions: []cAction{mustAction(t, "*:Describe*")}},
	}
	ix := buildIndex(stmts)
	collect := func(svc, name string) []int32 {
		cur := newCursor(ix.candidates(svc, name))
		var out []int32
		for i, ok := cur.next(); ok; i, ok = cur.next() {
			out = append(out, i)
		}
		return out
	}
	for _, tc := range []struct {
		svc, name string
		want      []int32
	}{
		{"cvm", "DescribeInstances", []int32{0, 1, 2, 5}},
		{"Cvm", "describeZones", []int32{0, 1, 2, 5}},
		{"cvm", "RunInstances", []int32{0, 2, 4, 5}},
		{"cos", "GetObject", []int32{2, 4, 5}},
		{"vpc", "DescribeVpcs", []int32{2, 5}},
		{"cvm", "", []int32{0, 2, 5}},
	} {
		if got := collect(tc.svc, tc.name); !slices.Equal(got, tc.want) {
			t.Errorf("candidates(%s:%s) = %v, want %v", tc.svc, tc.name, got, tc.want)
		}
	}
}

func mustAction(t *testing.T, s string) cAction {
	t.Helper()
	a, err := compileAction(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestIPWithin(t *testing.T) {
	t.Parallel()
	p := netip.MustParsePrefix
	cases := []struct {
		ctx, pol string
		want     bool
	}{
		{"10.1.2.3/32", "10.0.0.0/8", true},
		{"10.1.0.0/16", "10.0.0.0/8", true},
		{"10.0.0.0/7", "10.0.0.0/8", false},
		{"11.0.0.1/32", "10.0.0.0/8", false},
		{"::ffff:10.0.0.1/128", "10.0.0.0/8", true},
		{"::ffff:0.0.0.0/90", "10.0.0.0/8", false},
		{"10.0.0.1/32", "::/0", false},
		{"2001:db8::1/128", "2001:db8::/32", true},
	}
	for _, tc := range cases {
		if got := ipWithin(p(tc.ctx), p(tc.pol)); got != tc.want {
			t.Errorf("ipWithin(%s, %s) = %v, want %v", tc.ctx, tc.pol, got, tc.want)
		}
	}
}

func TestNegateAndRefList(t *testing.T) {
	t.Parallel()
	if negate(lvClean) != lvNone || negate(lvNone) != lvClean || negate(lvAssumed) != lvAssumed {
		t.Error("negate is wrong")
	}
	var l refList
	for i := range 8 {
		l.add(stmtRef{idx: int32(i)}, 4)
	}
	if l.n != 4 || !l.more {
		t.Errorf("refList: n=%d more=%v", l.n, l.more)
	}
}

func TestEvaluateAllocationsWithAssumptionsAndBoundary(t *testing.T) {
	d := &Document{Version: Version, Statement: []Statement{
		{Effect: EffectAllow, Action: []string{"cam:*"}, Resource: []string{"qcs::cam::uin/1:uin/${uin}"},
			Condition: Condition{"string_not_equal": {"k": Strings("v")}, "ip_equal": {"qcs:ip": Strings("10.0.0.0/8")}}},
		{Effect: EffectDeny, Action: []string{"cam:deleteuser"}, Resource: []string{"*"}},
	}}
	e, err := Compile(d)
	if err != nil {
		t.Fatal(err)
	}
	if e, err = e.WithBoundary(&Document{Version: Version, Statement: []Statement{{Effect: EffectAllow, Action: []string{"cam:Delete*"}, Resource: []string{"*"}}}}); err != nil {
		t.Fatal(err)
	}
	r := Request{Action: "cam:DeleteUser", Resource: "qcs::cam::uin/1:uin/2", Context: map[string][]string{"qcs:ip": {"bad-ip", "10.0.0.1"}}}
	dec := e.Evaluate(r)
	if !dec.Allowed() || dec.NumAssumptions() < 3 {
		t.Fatalf("setup: %v", dec)
	}
	if n := testing.AllocsPerRun(100, func() { e.Evaluate(r) }); n != 0 {
		t.Errorf("Evaluate allocates %.0f times with assumptions and a boundary", n)
	}
}

// TestCtxIPWithinAgreesWithIPWithin checks the IPv4 shortcut of ctxIP.within
// against ipWithin on parsed prefixes.
func TestCtxIPWithinAgreesWithIPWithin(t *testing.T) {
	t.Parallel()
	ctxs := []string{"10.1.2.3", "10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/7", "11.0.0.1", "0.0.0.0/0", "255.255.255.255",
		"::ffff:10.0.0.1", "::ffff:0.0.0.0/90", "2001:db8::1", "010.1.2.3", "10.1.2", "bad", ""}
	pols := []string{"10.0.0.0/8", "10.1.2.3/8", "10.1.2.3", "0.0.0.0/0", "::/0", "2001:db8::/32", "::ffff:10.0.0.0/104", "255.255.255.255/32"}
	for _, ctx := range ctxs {
		var st evalState
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
				st1 := evalState{r: Request{Resource: res, Context: ctx}}
				st2 := st1
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
		"cos:Get*Object", "cos:GetObject", "cvm:Ab", "cvm:DescribeInstancesStatus", "cvm:Kill", "cvm:Sto*", "cvm:A*B"}
	names := []string{"DescribeInstances", "describeinstances", "DESCRIBEINSTANCES", "Describe", "Describ", "RunInstances",
		"runInstances", "GetBucketObject", "getobject", "Ab", "ab", "A", "Kill", "kill", "\u212aill", "\u00e9tat", "\u00c9tatX",
		"DescribeInstancesStatus", "describeinstancesstatu", "\u017fto", "STOP", "aXb", ""}
	for _, ps := range patterns {
		a := mustAction(t, ps)
		noLead := a
		noLead.lead, noLead.leadMask = 0, 0
		for _, svc := range []string{"cvm", "CVM", "cos"} {
			for _, name := range names {
				var p1 reqParts
				p1.splitAction(svc + ":" + name)
				p1.lead, p1.leadSet = packLead(p1.name), true
				p2 := p1
				if got, want := a.match(&p1), noLead.match(&p2); got != want {
					t.Errorf("%s on %s:%s: %v with the lead, %v without", ps, svc, name, got, want)
				}
			}
		}
	}
}
