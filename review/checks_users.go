package review

import (
	"fmt"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/roles"
)

// incomplete reports every read the snapshot records as failed.
func (a *assessment) incomplete() {
	for _, p := range a.s.Problems {
		a.add(CheckReviewIncomplete, SubjectAccount, p.Subject, string(p.Action),
			fmt.Sprintf("could not read %s (%s), so the checks that need it did not run for it", p.Subject, p.Action),
			"Grant the reviewer the read permission it lacks (review.RequiredPolicy) or retry the load, then review again.",
			"phase: "+p.Phase.String(), "error: "+p.Err)
	}
}

func (a *assessment) users(f func(u *cam.UserRecord)) {
	for i := range a.s.Users {
		f(&a.s.Users[i])
	}
}

func factorList(f cam.MFAFactors) string {
	var out []string
	for _, x := range []struct {
		on   bool
		name string
	}{{f.Token, "hardware MFA"}, {f.Stoken, "virtual MFA"}, {f.U2F, "security key"}, {f.Phone, "phone code"}, {f.Wechat, "WeChat code"}, {f.Mail, "mail code"}} {
		if x.on {
			out = append(out, x.name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

func (a *assessment) mfaLoginMissing() {
	a.users(func(u *cam.UserRecord) {
		if !u.ConsoleLogin || !u.MFAKnown || u.MFA.Login.Device() {
			return
		}
		a.add(CheckMFALoginMissing, SubjectUser, u.Name, "",
			"console user signs in without an MFA device",
			"Turn on login protection with a virtual MFA app, a hardware token or a security key.",
			"console login: yes", "login protection: "+factorList(u.MFA.Login))
	})
}

func (a *assessment) mfaOperationMissing() {
	a.users(func(u *cam.UserRecord) {
		if !u.MFAKnown || u.MFA.Operation.Any() {
			return
		}
		a.add(CheckMFAOperationMissing, SubjectUser, u.Name, "",
			"sensitive-operation protection is off",
			"Turn on operation protection with an MFA device, so sensitive operations need a second factor.",
			"operation protection: none")
	})
}

func (a *assessment) mfaWeakFactor() {
	a.users(func(u *cam.UserRecord) {
		if !u.MFAKnown {
			return
		}
		var weak []string
		if u.MFA.Login.Any() && !u.MFA.Login.Device() {
			weak = append(weak, "login protection: "+factorList(u.MFA.Login))
		}
		if u.MFA.Operation.Any() && !u.MFA.Operation.Device() {
			weak = append(weak, "operation protection: "+factorList(u.MFA.Operation))
		}
		if len(weak) == 0 {
			return
		}
		a.add(CheckMFAWeakFactor, SubjectUser, u.Name, "",
			"protection relies on one-time codes, not an MFA device",
			"Replace phone, WeChat or mail codes with a virtual MFA app, a hardware token or a security key.", weak...)
	})
}

func (a *assessment) userInactive() {
	a.users(func(u *cam.UserRecord) {
		if !u.ConsoleLogin || !u.LastLoginKnown {
			return
		}
		limit := a.cfg.UserInactiveAfter
		if u.LastLogin.IsZero() {
			if u.Created.IsZero() || a.now.Sub(u.Created) < limit {
				return
			}
			a.add(CheckUserInactive, SubjectUser, u.Name, "",
				fmt.Sprintf("console user has never signed in since it was created %d days ago", days(a.now.Sub(u.Created))),
				"Remove console access (or the user) if nobody needs it; leavers and movers lose access at once.",
				"created: "+date(u.Created), "last login: never")
			return
		}
		if idle := a.now.Sub(u.LastLogin); idle >= limit {
			a.add(CheckUserInactive, SubjectUser, u.Name, "",
				fmt.Sprintf("console user has not signed in for %d days", days(idle)),
				"Remove console access (or the user) if nobody needs it; leavers and movers lose access at once.",
				"last login: "+date(u.LastLogin), fmt.Sprintf("limit: %d days", days(limit)))
		}
	})
}

func (a *assessment) userDirectPolicy() {
	a.users(func(u *cam.UserRecord) {
		if !u.PoliciesKnown {
			return
		}
		for _, p := range u.Policies {
			if p.GroupID != 0 || a.assumeGrant(u, p) {
				continue
			}
			a.add(CheckUserDirectPolicy, SubjectUser, u.Name, p.PolicyName,
				fmt.Sprintf("policy %s is attached to the user directly", p.PolicyName),
				"Grant access through a group or a role, so it is reviewed and removed with the team, not the person.",
				fmt.Sprintf("policy: %s (id %d, %s)", p.PolicyName, p.PolicyID, p.PolicyType))
		}
	})
}

func (a *assessment) userNoGroup() {
	a.users(func(u *cam.UserRecord) {
		if !u.GroupsKnown || len(u.GroupIDs) > 0 {
			return
		}
		a.add(CheckUserNoGroup, SubjectUser, u.Name, "", "user belongs to no group",
			"Put the user in the group of their team, and grant access to groups and roles rather than people.")
	})
}

func (a *assessment) userSharedAccount() {
	a.users(func(u *cam.UserRecord) {
		if p, ok := matchName(a.cfg.SharedAccountPatterns, u.Name); ok {
			a.add(CheckUserSharedAccount, SubjectUser, u.Name, "",
				fmt.Sprintf("user name %q suggests a shared or throw-away identity", u.Name),
				"Give each person their own named user and remove the shared one; use roles for shared duties.",
				"matched pattern: "+p)
		}
	})
}

func (a *assessment) userTooManyRoles() {
	a.users(func(u *cam.UserRecord) {
		ix := a.assumes()
		roles, err := ix.roles[u.UIN], ix.errs[u.UIN]
		if err != nil {
			a.add(CheckReviewIncomplete, SubjectUser, u.Name, CheckUserTooManyRoles,
				"could not decide every role the user can assume",
				"Make the missing parts readable and review again.", oneLine(err.Error()))
		}
		if len(roles) <= a.cfg.MaxAssumableRoles {
			return
		}
		names := make([]string, len(roles))
		for i, r := range roles {
			names[i] = r.Name
		}
		a.add(CheckUserTooManyRoles, SubjectUser, u.Name, "",
			fmt.Sprintf("user can assume %d roles (limit %d)", len(roles), a.cfg.MaxAssumableRoles),
			"Keep one primary role and at most one temporary secondary; remove the others from the trust policies or the user's sts:AssumeRole grants.",
			"roles: "+strings.Join(names, ", "))
	})
}

func (a *assessment) groupEmpty() {
	for i := range a.s.Groups {
		g := &a.s.Groups[i]
		if !g.MembersKnown || len(g.Members) > 0 {
			continue
		}
		ev := []string{}
		if len(g.Policies) > 0 {
			ev = append(ev, fmt.Sprintf("attached policies: %d", len(g.Policies)))
		}
		a.add(CheckGroupEmpty, SubjectGroup, g.Name, "", "group has no members",
			"Delete the group if no team needs it, so its policies cannot be granted by adding a member.", ev...)
	}
}

// assumeGrant reports whether the attachment is the user's camkit-managed
// role-grant policy (roles.AssumePolicyPrefix + the user's name, described as
// managed by camkit): roles grants a role to a person that way on purpose, so
// it is not a direct grant to flag.
func (a *assessment) assumeGrant(u *cam.UserRecord, att cam.Attachment) bool {
	if att.PolicyName != roles.AssumePolicyPrefix+u.Name {
		return false
	}
	p, ok := a.s.PolicyByID(att.PolicyID)
	return ok && p.Type == cam.PolicyCustom && strings.HasPrefix(p.Description, roles.ManagedDescriptionPrefix)
}
