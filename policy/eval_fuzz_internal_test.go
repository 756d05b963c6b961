package policy

import "testing"

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
			st1 := evalState{r: Request{Resource: res, Context: ctx}}
			st2 := st1
			if got, want := r.match(&st1), slow.match(&st2); got != want || st1.n != st2.n {
				t.Errorf("resource %q on %q: head %v/%d, segments %v/%d", pattern, res, got, st1.n, want, st2.n)
			}
		}
		got, gotOK := ipv4Number(res)
		b, wantOK := parseIPv4(res)
		if want := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]); gotOK != wantOK || (gotOK && got != want) {
			t.Errorf("ipv4Number(%q) = %#x, %v; parseIPv4: %#x, %v", res, got, gotOK, want, wantOK)
		}
		if a, err := compileAction(action); err == nil {
			noLead := a
			noLead.lead, noLead.leadMask = 0, 0
			var p1 reqParts
			p1.splitAction(req)
			p1.lead, p1.leadSet = packLead(p1.name), true
			p2 := p1
			if got, want := a.match(&p1), noLead.match(&p2); got != want {
				t.Errorf("action %q on %q: %v with the lead, %v without", action, req, got, want)
			}
		}
	})
}
