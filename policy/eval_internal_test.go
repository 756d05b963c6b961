package policy

import (
	"net/netip"
	"slices"
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
		st := testState(Request{})
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
	st := testState(Request{Context: ctx})
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
	st = testState(Request{Context: map[string][]string{"qcs:uin": {"7"}}})
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
		if p.svc != tc.svc || p.name != tc.name || p.actionOK != tc.actionOK || p.resOK != tc.resOK || (tc.resOK && segments(&p, r.Resource) != tc.seg) {
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
		var p reqParts
		p.splitAction(svc + ":" + name)
		if !p.actionOK { // an empty name: the service's star statements
			p.svc, p.name = svc, ""
			p.svcLower = lowerPacked(packBytes(svc))
			p.svcHash = hashLowered(svc, p.svcLower)
		}
		return ix.lookup(&p)
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

// segments returns the five segments splitResource found.
func segments(p *reqParts, res string) (out [5]string) {
	for i := range out {
		out[i] = p.segment(res, i)
	}
	return out
}

// testState returns the evaluation state of request r, as Evaluate sets it up.
func testState(r Request) evalState {
	return evalState{r: &r, pend: new(pending)}
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
