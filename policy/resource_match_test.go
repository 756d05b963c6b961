package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/camkit/camkit/policy"
)

// MatchResource reads a resource pattern segment by segment, as the
// evaluator does; MatchPattern reads it as one glob.
func ExampleMatchResource() {
	pattern := "qcs::cvm:*:*:instance/ins-dev*"
	name := "qcs::cvm:ap-guangzhou:uin/100000000001:x:instance/ins-dev1"
	ok, err := policy.MatchResource(pattern, name)
	fmt.Println(ok, err, policy.MatchPattern(pattern, name))
	ok, _ = policy.MatchResource(pattern, "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-dev1")
	fmt.Println(ok)
	// An empty segment means "all"; the sixth segment's '*' matches '/'.
	ok, _ = policy.MatchResource("qcs::cos::uid/1250000000:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1250000000:prod-1250000000/x-dev-y/z")
	fmt.Println(ok)
	_, err = policy.MatchResource("qcs::cam::uin/1:uin/${uin}", "qcs::cam::uin/1:uin/2")
	fmt.Println(err)
	// Output:
	// false <nil> true
	// true
	// true
	// policy: resource "qcs::cam::uin/1:uin/${uin}" uses a policy variable, whose value comes from a request
}

// Covers compares two resource patterns: whether one matches every resource
// the other matches.
func ExampleResource_Covers() {
	parse := func(s string) policy.Resource {
		r, err := policy.ParseResource(s)
		if err != nil {
			panic(err)
		}
		return r
	}
	all := parse("qcs::cvm::uin/100000000001:instance/*")
	one := parse("qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1")
	fmt.Println(all.Covers(one), one.Covers(all))
	users := parse("qcs::cam::uin/100000000001:uin/*")
	self := parse("qcs::cam::uin/100000000001:uin/${uin}")
	fmt.Println(users.Covers(self), self.Covers(users), self.Covers(self))
	// Output:
	// true false
	// true false false
}

func TestMatchResource(t *testing.T) {
	t.Parallel()
	const name = "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1"
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"*", name, true},
		{"*", "*", true},
		{"*", "not a resource", true},
		{name, name, true},
		{name, "*", false},
		{"qcs::cvm:::*", name, true},
		{"qcs::cvm:::*", "qcs:0:cvm:ap-guangzhou:uin/100000000001:instance/ins-1", true}, // empty project: all
		{"qcs:0:cvm:::*", name, false},
		{"qcs::cvm:ap-*:*:instance/*", name, true},
		{"qcs::cvm:ap-*:*:instance/*", "qcs::cvm:eu-frankfurt:uin/1:instance/ins-1", false},
		{"qcs::cvm:*:uin/1*:*", "qcs::cvm::uin/100:instance/x", true}, // '*' matches an empty segment
		{"qcs::cvm:ap-guangzhou:uin/1:*", "qcs::cvm::uin/1:x", false}, // an empty segment is not every region
		{"qcs::cvm:*:*:instance/ins-dev*", "qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-dev1", false},
		{"qcs::cvm:*:*:*/ins-dev*", "qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-dev1", true}, // the sixth '*' matches ':'
		{"qcs::cos:*:*:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1250000000:prod-bucket/x-dev-y/z", true},
		{"qcs::cos:*:*:b/*", "qcs::cos:ap-guangzhou:uid/1:b/", true},
		{"qcs::cos:*:*:b/*", "qcs::cos:ap-guangzhou:uid/1", false},
		{"qcs::cvm:*:*:Instance/*", name, false}, // letter case counts
		{"qcs::cvm:*:*:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/${uin}", true},
		{"qcs::cvm:*:*:instance/ins-1", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-*", false}, // '*' in name is text
	} {
		got, err := policy.MatchResource(tc.pattern, tc.name)
		if err != nil || got != tc.want {
			t.Errorf("MatchResource(%q, %q) = %v, %v; want %v", tc.pattern, tc.name, got, err, tc.want)
		}
	}
}

func TestMatchResourceErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ pattern, msg string }{
		{"", "empty resource"},
		{"qcs::cvm", "has 3 segments"},
		{"qcs::cvm:ap-guangzhou:uin/x:instance/1", "is not a digit"},
		{"qcs::cvm:ap-guangzhou:uin/1:instance/${region}", "unknown policy variable"},
		{"qcs::cam::uin/${owner_uin}:root", "uses a policy variable"},
	} {
		got, err := policy.MatchResource(tc.pattern, "qcs::cvm:ap-guangzhou:uin/1:instance/1")
		if got || err == nil || !strings.Contains(err.Error(), tc.msg) || strings.HasPrefix(err.Error(), "policy: policy:") {
			t.Errorf("MatchResource(%q) = %v, %v; want an error containing %q", tc.pattern, got, err, tc.msg)
		}
	}
}

func TestResourceCovers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"*", "*", true},
		{"*", "qcs::cvm:::*", true},
		{"qcs:::::*", "*", false},
		{"qcs:::::*", "qcs:0:cvm:ap-guangzhou:uin/1:instance/1", true},
		{"qcs::cvm::uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", true},
		{"qcs::cvm:ap-guangzhou:uin/1:instance/*", "qcs::cvm::uin/1:instance/ins-1", false},
		{"qcs::cvm:*:uin/1:instance/*", "qcs::cvm::uin/1:instance/*", true},
		{"qcs::cvm:ap-*:uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", true},
		{"qcs::cvm:ap-*:uin/1:instance/*", "qcs::cvm:ap-*:uin/1:instance/*", true},
		{"qcs::cvm:ap-g*:uin/1:instance/*", "qcs::cvm:ap-*:uin/1:instance/*", false},
		// One glob over the whole text would let the region's '*' take the
		// account and the start of the path.
		{"qcs::cvm:*:uin/1:instance/*", "qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-1", false},
		{"qcs::cos:*:*:*-dev-*/*", "qcs::cos:ap-guangzhou:uid/1:app-dev-1/*", true},
		{"qcs::cos:*:*:app-dev-1/logs/*", "qcs::cos:ap-guangzhou:uid/1:app-dev-1/*", false},
		// Policy variables: read as '*' in b; a segment of a that uses one
		// covers nothing.
		{"qcs::cam::uin/1:uin/*", "qcs::cam::uin/1:uin/${uin}", true},
		{"qcs::cam::uin/1:uin/1*", "qcs::cam::uin/1:uin/${uin}", false},
		{"qcs::cam::uin/1:uin/$*", "qcs::cam::uin/1:uin/${uin}", false},
		{"qcs::cam::uin/1:uin/${uin}", "qcs::cam::uin/1:uin/${uin}", false},
		{"qcs::cam::uin/1:uin/${uin}", "qcs::cam::uin/1:uin/2", false},
		{"qcs::cam::*:uin/*", "qcs::cam::uin/${owner_uin}:uin/x${uin}y", true},
		{"qcs::cam::uin/1*:uin/*", "qcs::cam::uin/${owner_uin}:uin/2", false},
	} {
		a, errA := policy.ParseResource(tc.a)
		b, errB := policy.ParseResource(tc.b)
		if errA != nil || errB != nil {
			t.Fatalf("ParseResource: %v, %v", errA, errB)
		}
		if got := a.Covers(b); got != tc.want {
			t.Errorf("%q.Covers(%q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// Resources that ParseResource cannot return cover nothing but "*" and are
// covered only by "*".
func TestResourceCoversUnparsable(t *testing.T) {
	t.Parallel()
	all := policy.Resource{All: true}
	good := policy.NewResource("cvm", "", "", "*")
	for _, bad := range []policy.Resource{{}, {Service: "cvm:x", Path: "*"}, {Region: "a:b", Path: "*"}, {Account: "uin/1:2", Path: "*"}, {Project: ":", Path: "*"}} {
		if !all.Covers(bad) || bad.Covers(good) || good.Covers(bad) || bad.Covers(bad) {
			t.Errorf("%#v: All covers %v, covers a pattern %v, covered %v, covers itself %v",
				bad, all.Covers(bad), bad.Covers(good), good.Covers(bad), bad.Covers(bad))
		}
	}
}

func TestResourceCoversAllocations(t *testing.T) {
	a, _ := policy.ParseResource("qcs::cvm:ap-*:uin/1:instance/*")
	b, _ := policy.ParseResource("qcs::cvm:ap-guangzhou:uin/1:instance/ins-1")
	if n := testing.AllocsPerRun(100, func() { a.Covers(b) }); n != 0 {
		t.Errorf("Covers allocates %v times", n)
	}
}

var resourceSeeds = []string{
	"*",
	"qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-1",
	"qcs::cvm:::*",
	"qcs::cvm:ap-*:*:instance/*",
	"qcs:0:cvm:ap-guangzhou::x",
	"qcs::cos:*:*:*-dev-*/*",
	"qcs::cos:ap-guangzhou:uid/1250000000:prod-bucket/x-dev-y/z",
	"qcs::cam::uin/1:uin/${uin}",
	"qcs::cam::uin/${owner_uin}:uin/*",
	"qcs::cvm:ap-guangzhou:uin/1:x:instance/ins-dev1",
	"qcs::cvm:*:*:instance/ins-dev*",
}

// FuzzMatchResource checks MatchResource against the evaluator itself: a
// one-statement allow policy on the pattern allows a request for the name
// exactly when MatchResource reports true, and Compile refuses what
// MatchResource refuses (but policy variables, which Compile accepts). For
// a name that is also a pattern without wildcards or variables, Covers
// agrees.
func FuzzMatchResource(f *testing.F) {
	for _, p := range resourceSeeds {
		for _, n := range resourceSeeds {
			f.Add(p, n)
		}
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		got, err := policy.MatchResource(pattern, name)
		e, cerr := policy.Compile(policy.New(policy.Allow("cos:GetObject").On(pattern)))
		if err != nil {
			if got {
				t.Fatalf("MatchResource(%q, %q) = true with error %v", pattern, name, err)
			}
			if cerr == nil && !strings.Contains(pattern, "${") {
				t.Fatalf("MatchResource(%q) refused what Compile accepts: %v", pattern, err)
			}
			return
		}
		if cerr != nil {
			t.Fatalf("Compile refused %q, which MatchResource accepts: %v", pattern, cerr)
		}
		d := e.Evaluate(policy.Request{Action: "cos:GetObject", Resource: name})
		if want := d.Outcome() == policy.OutcomeAllow; got != want {
			t.Fatalf("MatchResource(%q, %q) = %v, evaluator allows %v", pattern, name, got, want)
		}
		if strings.ContainsAny(name, "*") || strings.Contains(name, "${") {
			return
		}
		p, _ := policy.ParseResource(pattern)
		if n, err := policy.ParseResource(name); err == nil && p.Covers(n) != got {
			t.Fatalf("%q.Covers(%q) = %v, MatchResource says %v", pattern, name, !got, got)
		}
	})
}

// FuzzResourceCovers checks that Covers is sound against the evaluator: when
// a covers b, every request an allow on b allows (a missing policy variable
// read broadly) is explicitly denied by a deny on a (a missing one read
// narrowly), with and without the request's uin.
func FuzzResourceCovers(f *testing.F) {
	for _, a := range resourceSeeds {
		for _, b := range resourceSeeds[:4] {
			f.Add(a, b, "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", "100000000001")
		}
		f.Add("qcs::cam::uin/1:uin/*", a, "qcs::cam::uin/1:uin/7", "7")
	}
	f.Fuzz(func(t *testing.T, a, b, name, uin string) {
		ra, errA := policy.ParseResource(a)
		rb, errB := policy.ParseResource(b)
		if errA != nil || errB != nil || !ra.Covers(rb) {
			return
		}
		const act = "cos:GetObject"
		allowB, err := policy.Compile(policy.New(policy.Allow(act).On(b)))
		if err != nil {
			return // a variable Compile does not know
		}
		denyA, err := policy.Compile(policy.New(policy.Allow(act).On("*"), policy.Deny(act).On(a)))
		if err != nil {
			t.Fatalf("%q covers %q, but Compile refuses it: %v", a, b, err)
		}
		for _, ctx := range []map[string][]string{nil, {policy.KeyUIN: {uin}, policy.KeyOwnerUIN: {uin}, policy.KeyAppID: {uin}}} {
			r := policy.Request{Action: act, Resource: name, Context: ctx}
			if allowB.Evaluate(r).Outcome() == policy.OutcomeAllow && denyA.Evaluate(r).Outcome() != policy.OutcomeExplicitDeny {
				t.Fatalf("%q covers %q, but for %q (context %v) an allow on b allows and a deny on a does not deny", a, b, name, ctx)
			}
		}
	})
}
