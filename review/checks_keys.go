package review

import (
	"fmt"
	"strings"

	"github.com/camkit/camkit/cam"
)

// activeKeys calls f for each active key of each user whose keys were read.
func (a *assessment) activeKeys(f func(u *cam.UserRecord, k *cam.AccessKey)) {
	a.users(func(u *cam.UserRecord) {
		if !u.KeysKnown {
			return
		}
		for i := range u.Keys {
			if u.Keys[i].Status == cam.KeyActive {
				f(u, &u.Keys[i])
			}
		}
	})
}

func keyEvidence(k *cam.AccessKey) []string {
	ev := []string{"key: " + k.ID}
	if !k.Created.IsZero() {
		ev = append(ev, "created: "+date(k.Created))
	}
	if k.LastUsed.IsZero() {
		ev = append(ev, "last used: never")
	} else {
		ev = append(ev, "last used: "+date(k.LastUsed))
	}
	if k.Description != "" {
		ev = append(ev, "description: "+k.Description)
	}
	return ev
}

func (a *assessment) keyNotRotated() {
	a.activeKeys(func(u *cam.UserRecord, k *cam.AccessKey) {
		if k.Created.IsZero() {
			return
		}
		if age := a.now.Sub(k.Created); age >= a.cfg.KeyMaxAge {
			a.add(CheckKeyNotRotated, SubjectUser, u.Name, k.ID,
				fmt.Sprintf("access key is %d days old (limit %d)", days(age), days(a.cfg.KeyMaxAge)),
				"Create a new key, move its users to it, then disable and delete the old one.", keyEvidence(k)...)
		}
	})
}

func (a *assessment) keyUnused() {
	a.activeKeys(func(u *cam.UserRecord, k *cam.AccessKey) {
		if !u.KeyUsageKnown || k.LastUsed.IsZero() {
			return
		}
		if idle := a.now.Sub(k.LastUsed); idle >= a.cfg.KeyUnusedAfter {
			a.add(CheckKeyUnused, SubjectUser, u.Name, k.ID,
				fmt.Sprintf("access key has not been used for %d days", days(idle)),
				"Disable the key; delete it if nothing breaks within a week.", keyEvidence(k)...)
		}
	})
}

func (a *assessment) keyNeverUsed() {
	a.activeKeys(func(u *cam.UserRecord, k *cam.AccessKey) {
		if !u.KeyUsageKnown || !k.LastUsed.IsZero() || k.Created.IsZero() {
			return
		}
		if age := a.now.Sub(k.Created); age >= a.cfg.KeyNeverUsedAfter {
			a.add(CheckKeyNeverUsed, SubjectUser, u.Name, k.ID,
				fmt.Sprintf("access key was created %d days ago and never used", days(age)),
				"Delete the key; create keys only when something needs one.", keyEvidence(k)...)
		}
	})
}

func (a *assessment) keyTwoActive() {
	a.users(func(u *cam.UserRecord) {
		if !u.KeysKnown {
			return
		}
		var ids []string
		for _, k := range u.Keys {
			if k.Status == cam.KeyActive {
				ids = append(ids, k.ID)
			}
		}
		if len(ids) > a.cfg.MaxActiveKeys {
			a.add(CheckKeyTwoActive, SubjectUser, u.Name, "",
				fmt.Sprintf("user has %d active access keys (limit %d)", len(ids), a.cfg.MaxActiveKeys),
				"Keep one active key per user; a second only while rotating.", "keys: "+strings.Join(ids, ", "))
		}
	})
}

func (a *assessment) keyUnnamed() {
	a.activeKeys(func(u *cam.UserRecord, k *cam.AccessKey) {
		d := strings.ToLower(strings.TrimSpace(k.Description))
		for _, g := range a.cfg.GenericKeyDescriptions {
			if d == strings.ToLower(strings.TrimSpace(g)) {
				a.add(CheckKeyUnnamed, SubjectUser, u.Name, k.ID,
					"access key's description does not say what uses it",
					`Describe each key by what uses it, where and since when (for example "ci-cd-prod-deploy-jan2026").`,
					keyEvidence(k)...)
				return
			}
		}
	})
}

// rootAccessKey reports API keys of the root account: the root identity can do
// everything and cannot be limited by a policy, so it should have none.
func (a *assessment) rootAccessKey() {
	root := &a.s.Root
	if !root.KeysKnown || len(root.Keys) == 0 {
		return
	}
	for i := range root.Keys {
		k := &root.Keys[i]
		ev := keyEvidence(k)
		ev = append(ev, "status: "+string(k.Status))
		a.add(CheckRootAccessKey, SubjectAccount, "root", k.ID,
			"the root account has an API key",
			"Delete the root account's keys; give automation a sub-user or a role with a least-privilege policy instead.", ev...)
	}
}
