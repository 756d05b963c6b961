package cam

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ActionParse is the [Problem.Action] of a document that was read but did not
// parse with [policy.Parse] (a policy document or a role's trust policy).
const ActionParse Action = "policy.Parse"

// Problem is one piece of the account that [Load] could not read, kept in
// [Snapshot.Problems] so that nothing is lost silently: the entity it concerns
// stays in the snapshot, with the part that is missing marked unknown (for
// example [UserRecord.MFAKnown] is false).
type Problem struct {
	// Phase is the load phase the read belonged to.
	Phase Phase `json:"phase"`
	// Action is the API action that failed (for example
	// "DescribeSafeAuthFlagColl"), or [ActionParse] for a document that did not
	// parse.
	Action Action `json:"action"`
	// Subject says what was being read, for example
	// "user alice (uin 100000000011)", "role Deployer" or "policy ReadOnly (id 12)".
	Subject string `json:"subject"`
	// Err is the final error's message (after Load's retries).
	Err string `json:"error"`
}

// String formats the problem as "<phase>: <action> for <subject>: <error>".
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s for %s: %s", p.Phase, p.Action, p.Subject, p.Err)
}

// compareProblems orders problems by phase, action, subject and error.
func compareProblems(a, b Problem) int {
	return cmp.Or(
		cmp.Compare(a.Phase, b.Phase),
		cmp.Compare(a.Action, b.Action),
		cmp.Compare(a.Subject, b.Subject),
		cmp.Compare(a.Err, b.Err),
	)
}

func sortProblems(ps []Problem) { slices.SortFunc(ps, compareProblems) }

// Subjects, as they appear in problems and fail-fast errors.

func userSubject(u *User) string {
	return "user " + u.Name + " (uin " + strconv.FormatUint(u.UIN, 10) + ")"
}

func groupSubject(g *Group) string {
	return "group " + g.Name + " (id " + strconv.FormatUint(g.ID, 10) + ")"
}

func roleSubject(name string) string { return "role " + name }

func trustSubject(name string) string { return "trust policy of role " + name }

func policySubject(id uint64, name string) string {
	if name == "" {
		return "policy id " + strconv.FormatUint(id, 10)
	}
	return "policy " + name + " (id " + strconv.FormatUint(id, 10) + ")"
}

// uinsSubject names a batch of users by its first and last UIN.
func uinsSubject(uins []uint64) string {
	if len(uins) == 1 {
		return "user uin " + strconv.FormatUint(uins[0], 10)
	}
	return fmt.Sprintf("%d users, uin %d to %d", len(uins), uins[0], uins[len(uins)-1])
}

// keysSubject names a batch of access keys by ID (IDs are not secret).
func keysSubject(ids []string) string {
	if len(ids) == 1 {
		return "access key " + ids[0]
	}
	return fmt.Sprintf("%d access keys (%s)", len(ids), strings.Join(ids, ", "))
}
