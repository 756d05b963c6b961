package cam_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/policy"
)

// The index behind WhoCanAssume and AssumableRoles only narrows which pairs
// are decided; these tests check that the answers are those of asking
// CanAssume for every user and role.

// absentUIN is a UIN no generated or loaded account uses.
const absentUIN = 1

// exhaustiveWhoCanAssume is WhoCanAssume by definition: CanAssume for every
// user, a role's own failure first.
func exhaustiveWhoCanAssume(s *cam.Snapshot, role string) ([]*cam.UserRecord, error) {
	if err := roleFailure(s, role); err != nil {
		return nil, err
	}
	return possible(s.Users, func(u *cam.UserRecord) (cam.AssumeCheck, error) { return s.CanAssume(u.UIN, role) })
}

// roleFailure returns the error CanAssume gives for the role whatever the
// user, or nil. CanAssume checks the role before the user, so a user that is
// not there shows whether the role itself fails.
func roleFailure(s *cam.Snapshot, role string) error {
	if _, err := s.CanAssume(absentUIN, role); !strings.Contains(err.Error(), "no user with uin") {
		return err
	}
	return nil
}

// exhaustiveAssumableRoles is AssumableRoles by definition: CanAssume for
// every role, the user's own failure first.
func exhaustiveAssumableRoles(s *cam.Snapshot, uin uint64) ([]*cam.RoleRecord, error) {
	if _, err := s.UserEvaluator(uin); err != nil {
		return nil, err
	}
	return possible(s.Roles, func(r *cam.RoleRecord) (cam.AssumeCheck, error) { return s.CanAssume(uin, r.Name) })
}

// possible returns the records whose check is Possible, in order, with the
// errors of the checks that failed joined.
func possible[T any](records []T, check func(*T) (cam.AssumeCheck, error)) ([]*T, error) {
	var out []*T
	var errs []error
	for i := range records {
		c, err := check(&records[i])
		switch {
		case err != nil:
			errs = append(errs, err)
		case c.Possible():
			out = append(out, &records[i])
		}
	}
	return out, errors.Join(errs...)
}

// sameAnswer reports how two answers differ, or "" when they agree: the
// same records (by identity) and the same error text.
func sameAnswer[T any](got []*T, gotErr error, want []*T, wantErr error) string {
	if !slices.Equal(got, want) {
		return fmt.Sprintf("%d records, want %d", len(got), len(want))
	}
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		return fmt.Sprintf("error %v, want %v", gotErr, wantErr)
	}
	return ""
}

// checkAgainstEveryPair compares WhoCanAssume for the given roles and
// AssumableRoles for the given users with the exhaustive answers, and one
// unknown role and user.
func checkAgainstEveryPair(t *testing.T, s *cam.Snapshot, roles []string, uins []uint64) {
	t.Helper()
	for _, role := range append(slices.Clone(roles), "no-such-role") {
		got, gotErr := s.WhoCanAssume(role)
		want, wantErr := exhaustiveWhoCanAssume(s, role)
		if d := sameAnswer(got, gotErr, want, wantErr); d != "" {
			t.Errorf("WhoCanAssume(%q): %s", role, d)
		}
	}
	for _, uin := range append(slices.Clone(uins), absentUIN) {
		got, gotErr := s.AssumableRoles(uin)
		want, wantErr := exhaustiveAssumableRoles(s, uin)
		if d := sameAnswer(got, gotErr, want, wantErr); d != "" {
			t.Errorf("AssumableRoles(%d): %s", uin, d)
		}
	}
}

func allRoles(s *cam.Snapshot) []string {
	var names []string
	for _, r := range s.Roles {
		names = append(names, r.Name)
	}
	return names
}

func allUINs(s *cam.Snapshot) []uint64 {
	var uins []uint64
	for _, u := range s.Users {
		uins = append(uins, u.UIN)
	}
	return uins
}

func TestWhoCanAssumeAgreesWithEveryPairDemo(t *testing.T) {
	t.Parallel()
	s := loadDemo(t, camfake.Demo())
	checkAgainstEveryPair(t, s, allRoles(s), allUINs(s))
	pairs := 0
	for _, r := range s.Roles {
		pairs += len(whoCanAssume(t, s, r.Name))
	}
	if pairs == 0 {
		t.Error("nobody can assume any Demo role: the comparison shows nothing")
	}
}

func TestWhoCanAssumeAgreesWithEveryPairRandom(t *testing.T) {
	t.Parallel()
	// What the accounts hold, so that a generator change that leaves
	// nothing to compare shows.
	var pairs, roleErrs, userErrs int
	for seed := range uint64(60) {
		s := randomAssumeAccount(t, seed)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkAgainstEveryPair(t, s, allRoles(s), allUINs(s))
		})
		for _, role := range allRoles(s) {
			us, err := exhaustiveWhoCanAssume(s, role)
			pairs += len(us)
			switch {
			case roleFailure(s, role) != nil:
				roleErrs++
			case err != nil:
				userErrs++
			}
		}
	}
	if pairs < 300 || roleErrs == 0 || userErrs == 0 {
		t.Errorf("the accounts hold %d possible pairs, %d roles and %d answers with users that fail: too few to compare", pairs, roleErrs, userErrs)
	}
}

func TestWhoCanAssumeAgreesWithEveryPairMaxAccount(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an account at Tencent's maxima; skipped with -short")
	}
	t.Parallel()
	s := loadMaxAccount(t)
	// Every 97th role and user, each against the whole other side.
	var roles []string
	for i := 0; i < len(s.Roles); i += 97 {
		roles = append(roles, s.Roles[i].Name)
	}
	var uins []uint64
	for i := 0; i < len(s.Users); i += 97 {
		uins = append(uins, s.Users[i].UIN)
	}
	checkAgainstEveryPair(t, s, roles, uins)
	if len(whoCanAssume(t, s, roles[0])) == 0 {
		t.Error("nobody can assume the first role: the comparison shows nothing")
	}
}

// TestWhoCanAssumeConcurrent asks from several goroutines at once on a
// fresh index, which they build together (run with -race).
func TestWhoCanAssumeConcurrent(t *testing.T) {
	t.Parallel()
	s := randomAssumeAccount(t, 7)
	type answer struct {
		users []*cam.UserRecord
		roles []*cam.RoleRecord
		err   error
	}
	who, roles := map[string]answer{}, map[uint64]answer{}
	for _, role := range allRoles(s) {
		us, err := exhaustiveWhoCanAssume(s, role)
		who[role] = answer{users: us, err: err}
	}
	for _, uin := range allUINs(s) {
		rs, err := exhaustiveAssumableRoles(s, uin)
		roles[uin] = answer{roles: rs, err: err}
	}
	s.Reindex()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k, role := range allRoles(s) {
				if (k+g)%2 == 0 {
					uin := s.Users[k%len(s.Users)].UIN
					got, err := s.AssumableRoles(uin)
					if d := sameAnswer(got, err, roles[uin].roles, roles[uin].err); d != "" {
						t.Errorf("goroutine %d: AssumableRoles(%d): %s", g, uin, d)
					}
				}
				got, err := s.WhoCanAssume(role)
				if d := sameAnswer(got, err, who[role].users, who[role].err); d != "" {
					t.Errorf("goroutine %d: WhoCanAssume(%s): %s", g, role, d)
				}
			}
		})
	}
	wg.Wait()
}

// FuzzWhoCanAssumeAgrees compares the indexed answers with the exhaustive
// ones on random accounts.
func FuzzWhoCanAssumeAgrees(f *testing.F) {
	for _, seed := range []uint64{0, 1, 2, 3, 42} {
		f.Add(binary.LittleEndian.AppendUint64(nil, seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b [8]byte
		copy(b[:], data)
		s := randomAssumeAccount(t, binary.LittleEndian.Uint64(b[:]))
		checkAgainstEveryPair(t, s, allRoles(s), allUINs(s))
	})
}

// randomAssumeAccount builds a snapshot whose grants and trust policies mix
// the forms that matter to who can assume what: exact, prefixed and
// wildcard role resources, policy variables, other services and regions,
// action case and wildcards, deny statements, conditions the snapshot can
// and cannot decide, boundaries, every principal kind, and parts that were
// not read, do not parse or do not compile.
//
// The snapshot is written as JSON and read back, so that ReadSnapshot parses
// its documents as it does any snapshot's.
func randomAssumeAccount(tb testing.TB, seed uint64) *cam.Snapshot {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	chance := func(p float64) bool { return rng.Float64() < p }

	const owner = 100000000001
	s := &cam.Snapshot{
		SchemaVersion: cam.SnapshotSchemaVersion,
		Taken:         time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Account:       cam.Account{OwnerUIN: owner, AppID: 1250000000},
		Problems:      []cam.Problem{},
	}
	if chance(0.2) {
		s.Account = cam.Account{} // the owner comes from the roles' ARNs
	}
	if chance(0.3) {
		s.Taken = time.Time{}
	}
	roleNames := []string{"Auditor", "dev-api", "dev-web", "devops", "ops-admin", "prod-deploy", "role-x", "roleName", "a:b", "100000000105"}
	rng.Shuffle(len(roleNames), func(i, j int) { roleNames[i], roleNames[j] = roleNames[j], roleNames[i] })
	roleNames = roleNames[:4+rng.IntN(len(roleNames)-3)]
	uins := make([]uint64, 3+rng.IntN(20))
	for i := range uins {
		uins[i] = 100000000100 + uint64(i)
	}

	list := func(n int, item func() string) string {
		var parts []string
		for range 1 + rng.IntN(n) {
			parts = append(parts, item())
		}
		return `["` + strings.Join(parts, `","`) + `"]`
	}
	user := func() string { return fmt.Sprintf("qcs::cam::uin/%d:uin/%d", owner, uins[rng.IntN(len(uins))]) }
	condition := func() string {
		switch rng.IntN(8) {
		case 0:
			return `,"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}`
		case 1:
			return `,"condition":{"date_less_than":{"qcs:current_time":["` + pick("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z") + `"]}}`
		case 2:
			return fmt.Sprintf(`,"condition":{"string_equal":{"qcs:uin":["%d"]}}`, uins[rng.IntN(len(uins))])
		case 3:
			return `,"condition":{"numeric_equal":{"qcs:mfa":[1]}}`
		}
		return ""
	}
	effect := func() string {
		if chance(0.2) {
			return "deny"
		}
		return "allow"
	}
	grantAction := func() string {
		return pick("sts:AssumeRole", "name/sts:AssumeRole", "sts:*", "*", "STS:assumerole", "sts:Assume*", "sts:assume*",
			"sts:AssumeRoleWithSAML", "cvm:*", "*:Assume*", "*:*", "permid/123", "cam:PassRole", "Sts:AssumeRole", "sts:*Role")
	}
	grantResource := func() string {
		return pick("*",
			fmt.Sprintf("qcs::cam::uin/%d:roleName/%s", owner, roleNames[rng.IntN(len(roleNames))]),
			fmt.Sprintf("qcs::cam::uin/%d:roleName/%s", owner, roleNames[rng.IntN(len(roleNames))]),
			fmt.Sprintf("qcs::cam::uin/%d:roleName/dev-*", owner),
			fmt.Sprintf("qcs::cam::uin/%d:roleName/*", owner),
			fmt.Sprintf("qcs::cam::uin/%d:*", owner),
			fmt.Sprintf("qcs::cam::uin/%d:role*", owner),
			fmt.Sprintf("qcs::cam::uin/%d:roleName/${uin}", owner),
			fmt.Sprintf("qcs::cam::uin/%d:role/4611686018427387905", owner),
			fmt.Sprintf("qcs::cam::uin/%d:roleName/devops*", owner),
			"qcs::cam::uin/${owner_uin}:roleName/*",
			"qcs::cam::uin/${owner_uin}:roleName/ops-admin",
			"qcs::cam::uin/100000000999:roleName/ops-admin",
			"qcs:::::roleName/prod-deploy",
			"qcs::cam:ap-guangzhou:uin/100000000001:roleName/dev-api",
			"qcs::cam:*:uin/100000000001:roleName/dev-api",
			"qcs:proj:cam::uin/100000000001:roleName/Auditor",
			"qcs::*::uin/100000000001:roleName/Auditor",
			"qcs::CAM::uin/100000000001:roleName/Auditor",
			"qcs::cam::*:roleName/ops*",
			"qcs::cos::uid/1250000000:bucket/*")
	}
	principal := func() string {
		switch rng.IntN(11) {
		case 0:
			return `"*"`
		case 8: // services compare ignoring case, whatever they name
			return `{"service":["` + strings.ToUpper(user()) + `"]}`
		case 1:
			return `{"qcs":["*"]}`
		case 2:
			return `{"qcs":["qcs::cam::uin/100000000999:root"]}`
		case 3:
			return `{"service":["cvm.qcloud.com"]}`
		case 4:
			return `{"federated":["qcs::cam::uin/100000000001:saml-provider/okta"]}`
		case 5:
			return `{"qcs":` + list(3, user) + `}`
		case 6:
			return `{"qcs":["qcs::cam::uin/100000000001:root"],"service":["scf.qcloud.com"]}`
		case 7:
			return `{"service":["*"]}`
		}
		return `{"qcs":["qcs::cam::uin/100000000001:root"]}`
	}
	grant := func() string {
		var sts []string
		for range 1 + rng.IntN(3) {
			if chance(0.05) { // a principal and no resource: every resource
				sts = append(sts, fmt.Sprintf(`{"effect":"%s","action":%s,"principal":%s%s}`, effect(), list(2, grantAction), principal(), condition()))
				continue
			}
			sts = append(sts, fmt.Sprintf(`{"effect":"%s","action":%s,"resource":%s%s}`,
				effect(), list(2, grantAction), list(2, grantResource), condition()))
		}
		return `{"version":"2.0","statement":[` + strings.Join(sts, ",") + `]}`
	}
	trustAction := func() string {
		return pick("name/sts:AssumeRole", "sts:AssumeRole", "sts:*", "*", "name/sts:AssumeRoleWithSAML", "STS:AssumeRole", "cvm:*")
	}
	trust := func() string {
		var sts []string
		for range 1 + rng.IntN(3) {
			if chance(0.1) { // no principal: every caller
				sts = append(sts, fmt.Sprintf(`{"effect":"%s","action":%s,"resource":"*"%s}`, effect(), list(2, trustAction), condition()))
				continue
			}
			sts = append(sts, fmt.Sprintf(`{"effect":"%s","action":%s,"principal":%s%s}`, effect(), list(2, trustAction), principal(), condition()))
		}
		return `{"version":"2.0","statement":[` + strings.Join(sts, ",") + `]}`
	}

	// Policies 1..n; a few unread, unparsable, or with a variable that does
	// not compile.
	for id := range uint64(6 + rng.IntN(10)) {
		p := cam.Policy{ID: id + 1, Name: fmt.Sprintf("policy-%d", id+1), Type: cam.PolicyCustom, Document: grant()}
		switch {
		case chance(0.03):
			p.Document = ""
		case chance(0.03):
			p.Document = `{"version":"2.0","statement":[`
		case chance(0.03): // parses, but the variable does not compile
			p.Document = `{"version":"2.0","statement":[{"effect":"allow","action":"sts:AssumeRole","resource":"qcs::cam::uin/100000000001:roleName/${nope}"}]}`
		}
		s.Policies = append(s.Policies, p)
	}
	attach := func(n int) []cam.Attachment {
		var out []cam.Attachment
		for range rng.IntN(n + 1) {
			id := uint64(1 + rng.IntN(len(s.Policies)))
			out = append(out, cam.Attachment{PolicyID: id, PolicyName: fmt.Sprintf("policy-%d", id), PolicyType: cam.PolicyCustom})
		}
		slices.SortFunc(out, func(a, b cam.Attachment) int { return int(a.PolicyID) - int(b.PolicyID) })
		return slices.CompactFunc(out, func(a, b cam.Attachment) bool { return a.PolicyID == b.PolicyID })
	}
	for id := range uint64(3) {
		s.Groups = append(s.Groups, cam.GroupRecord{Group: cam.Group{ID: id + 1, Name: fmt.Sprintf("group-%d", id+1)},
			Policies: attach(2), PoliciesKnown: !chance(0.03), MembersKnown: true})
	}
	for _, uin := range uins {
		u := cam.UserRecord{User: cam.User{UIN: uin, Name: fmt.Sprintf("user-%d", uin)},
			PoliciesKnown: !chance(0.02), GroupsKnown: !chance(0.02), BoundaryKnown: !chance(0.02), Policies: attach(3)}
		for range rng.IntN(3) {
			u.GroupIDs = append(u.GroupIDs, uint64(1+rng.IntN(len(s.Groups))))
		}
		slices.Sort(u.GroupIDs)
		u.GroupIDs = slices.Compact(u.GroupIDs)
		for _, id := range u.GroupIDs {
			s.Groups[id-1].Members = append(s.Groups[id-1].Members, uin)
		}
		if u.BoundaryKnown && chance(0.2) {
			id := uint64(1 + rng.IntN(len(s.Policies)))
			u.Boundary = &cam.Boundary{PolicyID: id, PolicyName: fmt.Sprintf("policy-%d", id)}
		}
		s.Users = append(s.Users, u)
	}
	slices.Sort(roleNames)
	for _, name := range roleNames {
		r := cam.RoleRecord{Role: cam.Role{ID: "4611686018427" + fmt.Sprint(len(s.Roles)), Name: name,
			ARN: policy.RoleARN(owner, name), TrustPolicy: trust()}, PoliciesKnown: true, BoundaryKnown: true}
		switch {
		case chance(0.05):
			r.TrustPolicy = ""
		case chance(0.05):
			r.TrustPolicy = `{"version":"2.0",`
		case chance(0.05):
			r.ARN = "" // with the owner unknown, the role cannot be named
		}
		s.Roles = append(s.Roles, r)
	}
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		tb.Fatal(err)
	}
	back, err := cam.ReadSnapshot(&buf)
	if err != nil {
		tb.Fatalf("reading the generated snapshot: %v", err)
	}
	// What ReadSnapshot refuses but a snapshot built by hand may hold:
	// attachments of policies and memberships of groups it does not have.
	missing := cam.Attachment{PolicyID: uint64(len(back.Policies) + 1), PolicyName: "not-here", PolicyType: cam.PolicyCustom}
	for i := range back.Users {
		if chance(0.02) {
			back.Users[i].Policies = append(back.Users[i].Policies, missing)
		}
		if chance(0.03) {
			back.Users[i].GroupIDs = append(back.Users[i].GroupIDs, uint64(len(back.Groups)+1))
		}
	}
	for i := range back.Groups {
		if chance(0.03) {
			back.Groups[i].Policies = append(back.Groups[i].Policies, missing)
		}
	}
	back.Reindex()
	return back
}
