package testutil_test

import (
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/benchpolicy"
	"github.com/camkit/camkit/policy"
	"github.com/camkit/camkit/roles"
	"github.com/camkit/camkit/testutil"
	"github.com/camkit/camkit/tiers"
)

// BenchmarkAllows measures one passing assertion on a cached subject: the
// harness's assertion path (typo check, evaluation, coverage, the
// missing-context check) without and with options.
func BenchmarkAllows(b *testing.B) {
	h := demoHarness(b)
	ro := h.Role("Dev-View-Dev")
	prod := h.Role("DevOps-Deploy-Prod")
	res := "qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-prod1"
	b.Run("no-options", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ro.Allows(b, "cvm:DescribeInstances", "*")
		}
	})
	b.Run("conditions-and-options", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			prod.Allows(b, "cvm:StartInstances", res, testutil.WithIP("10.20.3.4"), testutil.WithResourceTag("env", "prod"))
		}
	})
	b.Run("Role-lookup", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.Role("Dev-View-Dev").Denies(b, "cvm:RunInstances", "*")
		}
	})
}

// matrixCatalog is a catalogue of n roles, each with one custom policy of 20
// realistic statements (benchpolicy), shifted per role so roles differ.
func matrixCatalog(b *testing.B, n int) *roles.Catalog {
	b.Helper()
	defs := make([]roles.Definition, n)
	for r := range n {
		doc := &policy.Document{Version: policy.Version}
		for i := range 20 {
			doc.Statement = append(doc.Statement, benchpolicy.Statement(r+i*7))
		}
		defs[r] = roles.Definition{Name: fmt.Sprintf("Bench-Role-%03d", r), Tier: tiers.Production,
			Policies: []roles.Policy{{Document: doc}}}
	}
	c, err := roles.NewCatalog(defs...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// matrixCases returns perRole cases for each role of c: real catalogued
// actions of the benchmark's services on instance resources, with the
// office context, each expecting the outcome it gets (so every case holds).
func matrixCases(b *testing.B, h *testutil.Harness, c *roles.Catalog, perRole int) []testutil.Case {
	b.Helper()
	var actions []string
	for _, svc := range benchpolicy.Services {
		actions = append(actions, policy.CatalogActions(svc)...)
	}
	office := map[string][]string{
		"qcs:ip":           {"10.1.2.3"},
		"qcs:current_time": {"2026-11-26T10:00:00Z"},
		"qcs:resource_tag": {"env&prod"},
	}
	var cases []testutil.Case
	for _, d := range c.Roles() {
		for j := range perRole {
			a := actions[(j*37+len(cases))%len(actions)]
			svc, _, _ := strings.Cut(a, ":")
			res := "qcs::" + svc + ":ap-guangzhou:" + benchpolicy.Account + ":instance/ins-" + strconv.Itoa(j)
			dec, err := h.Role(d.Name).Decide(a, res, testutil.WithContext("qcs:ip", "10.1.2.3"),
				testutil.WithContext("qcs:current_time", "2026-11-26T10:00:00Z"), testutil.WithContext("qcs:resource_tag", "env&prod"))
			if err != nil {
				b.Fatal(err)
			}
			want := testutil.ExpectDeny
			switch dec.Outcome() {
			case policy.OutcomeAllow:
				want = testutil.ExpectAllow
			case policy.OutcomeExplicitDeny:
				want = testutil.ExpectExplicitDeny
			}
			cases = append(cases, testutil.Case{Subject: d.Name, Action: a, Resource: res, Context: office, Expect: want})
		}
	}
	return cases
}

// BenchmarkCheckMatrix checks a matrix of 100 roles × 500 requests (the
// issue's target: at most 50 ms per run).
func BenchmarkCheckMatrix(b *testing.B) {
	c := matrixCatalog(b, 100)
	h, err := testutil.FromCatalog(c)
	if err != nil {
		b.Fatal(err)
	}
	cases := matrixCases(b, h, c, 500)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if fs := h.Check(cases...); len(fs) != 0 {
			b.Fatal(fs[0])
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(len(cases)), "cases")
}

// cpuClock measures the process's CPU time (user and system) over a
// benchmark loop: on a shared, busy machine it is a steadier figure than the
// wall-clock ns/op.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxSnapshot is an account at CAM's maxima (docs/semantics.md §1): 1,000 users,
// 300 groups, 1,000 roles and 1,500 custom policies, five policies attached to
// every user, group and role, a boundary on every tenth user and role.
func maxSnapshot(b *testing.B) *cam.Snapshot {
	b.Helper()
	const (
		users, groups, roleCount, custom, each = 1000, 300, 1000, 1500, 5
		owner                                  = 100000000001
	)
	s := &cam.Snapshot{SchemaVersion: cam.SnapshotSchemaVersion, Account: cam.Account{OwnerUIN: owner, AppID: 1250000000}}
	for i := range custom {
		doc := &policy.Document{Version: policy.Version, Statement: []policy.Statement{
			benchpolicy.Statement(i), benchpolicy.Statement(i + 1), benchpolicy.Statement(i + 3),
		}}
		text := doc.Canonical()
		s.Policies = append(s.Policies, cam.Policy{ID: uint64(1000 + i), Name: fmt.Sprintf("policy-%04d", i),
			Type: cam.PolicyCustom, Document: string(text), Parsed: doc})
	}
	attach := func(base int) []cam.Attachment {
		var out []cam.Attachment
		for j := range each {
			p := s.Policies[(base*each+j)%custom]
			out = append(out, cam.Attachment{PolicyID: p.ID, PolicyName: p.Name, PolicyType: p.Type})
		}
		return out
	}
	boundary := func(i int) *cam.Boundary {
		p := s.Policies[i%custom]
		return &cam.Boundary{PolicyID: p.ID, PolicyName: p.Name, Document: p.Document}
	}
	for i := range groups {
		s.Groups = append(s.Groups, cam.GroupRecord{Group: cam.Group{ID: uint64(50000 + i), Name: fmt.Sprintf("group-%03d", i)},
			Policies: attach(i), PoliciesKnown: true, MembersKnown: true})
	}
	trust := policy.Trust(policy.AccountRoot(owner))
	for i := range users {
		u := cam.UserRecord{User: cam.User{UIN: uint64(owner + 1000 + i), Name: fmt.Sprintf("user-%04d", i)},
			GroupIDs: []uint64{uint64(50000 + i%groups)}, GroupsKnown: true,
			Policies: attach(i + 7), PoliciesKnown: true, BoundaryKnown: true}
		if i%10 == 0 {
			u.Boundary = boundary(i)
		}
		s.Users = append(s.Users, u)
	}
	for i := range roleCount {
		r := cam.RoleRecord{Role: cam.Role{Name: fmt.Sprintf("role-%04d", i), Trust: trust},
			Policies: attach(i + 13), PoliciesKnown: true, BoundaryKnown: true}
		if i%10 == 0 {
			r.Boundary = boundary(i + 1)
		}
		s.Roles = append(s.Roles, r)
	}
	s.Reindex()
	return s
}

// BenchmarkFromSnapshotMaxima measures a harness on a snapshot at CAM's
// maxima (the target: at most 200 ms). "FromSnapshot" is the
// constructor alone (subjects compile on first use); "every-subject" also
// makes one assertion on each of the 2,000 roles and users, so every subject
// is compiled; "cam-evaluators" is the part of that spent in
// cam.Snapshot.RoleEvaluator and UserEvaluator, for comparison. The
// snapshot's own evaluator cache is reset each time.
func BenchmarkFromSnapshotMaxima(b *testing.B) {
	s := maxSnapshot(b)
	b.Run("FromSnapshot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.Reindex()
			if _, err := testutil.FromSnapshot(s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("every-subject", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			s.Reindex()
			h, err := testutil.FromSnapshot(s)
			if err != nil {
				b.Fatal(err)
			}
			for i := range s.Roles {
				h.Role(s.Roles[i].Name).Denies(b, "cam:AttachUserPolicy", "*")
			}
			for i := range s.Users {
				h.User(s.Users[i].Name).Denies(b, "cam:AttachUserPolicy", "*")
			}
		}
	})
	b.Run("cam-evaluators", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			s.Reindex()
			for i := range s.Roles {
				if _, err := s.RoleEvaluator(s.Roles[i].Name); err != nil {
					b.Fatal(err)
				}
			}
			for i := range s.Users {
				if _, err := s.UserEvaluator(s.Users[i].UIN); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
