package review

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// UserRow is one row of the credential report: a sub-user's sign-in,
// protection and keys, with the columns of Tencent's and AWS's credential
// reports.
type UserRow struct {
	// Account is the owner UIN.
	Account uint64 `json:"account,omitempty"`
	// User is the sub-user's name; UIN its UIN.
	User string `json:"user"`
	UIN  uint64 `json:"uin"`
	// Type is "sub-user", or "root" for the root account's row (User "<root>"),
	// present when the root account's keys were read.
	Type string `json:"type"`
	// Created is when the user was created.
	Created time.Time `json:"created,omitzero"`
	// ConsoleLogin says whether the user may sign in to the console.
	ConsoleLogin bool `json:"consoleLogin"`
	// LoginProtection and OperationProtection list the factors of each
	// protection ("virtual MFA", "phone code"), "none", or "unknown".
	LoginProtection     string `json:"loginProtection"`
	OperationProtection string `json:"operationProtection"`
	// MFADevice says whether either protection uses an MFA device.
	MFADevice bool `json:"mfaDevice"`
	// LastLogin is the last console sign-in; zero if never or unknown.
	LastLogin time.Time `json:"lastLogin,omitzero"`
	// LastLoginKnown says whether LastLogin was read.
	LastLoginKnown bool `json:"lastLoginKnown"`
	// Keys are the user's access keys.
	Keys []KeyRow `json:"keys,omitempty"`
	// KeysKnown says whether the keys were read.
	KeysKnown bool `json:"keysKnown"`
}

// KeyRow is one access key in a [UserRow].
type KeyRow struct {
	// ID is the key ID (never the secret).
	ID string `json:"id"`
	// Active says whether the key can sign requests.
	Active bool `json:"active"`
	// Created is when the key was created; AgeDays its age at the review.
	Created time.Time `json:"created,omitzero"`
	AgeDays int       `json:"ageDays"`
	// LastUsed is the last day it was used; zero if never or unknown.
	LastUsed time.Time `json:"lastUsed,omitzero"`
	// Description is the key's description.
	Description string `json:"description,omitempty"`
}

func userRows(s *cam.Snapshot, now time.Time) []UserRow {
	rows := make([]UserRow, 0, len(s.Users)+1)
	if s.Root.KeysKnown {
		// The root account's row, as credential reports have one; camkit does
		// not read the root's sign-in or protection settings.
		row := UserRow{Account: s.Account.OwnerUIN, User: "<root>", UIN: s.Account.OwnerUIN, Type: "root",
			LoginProtection: "unknown", OperationProtection: "unknown", KeysKnown: true}
		row.Keys = keyRows(s.Root.Keys, now)
		rows = append(rows, row)
	}
	for i := range s.Users {
		u := &s.Users[i]
		row := UserRow{
			Account: s.Account.OwnerUIN, User: u.Name, UIN: u.UIN, Type: "sub-user", Created: u.Created,
			ConsoleLogin: u.ConsoleLogin, LoginProtection: "unknown", OperationProtection: "unknown",
			LastLogin: u.LastLogin, LastLoginKnown: u.LastLoginKnown, KeysKnown: u.KeysKnown,
		}
		if u.MFAKnown {
			row.LoginProtection = factorList(u.MFA.Login)
			row.OperationProtection = factorList(u.MFA.Operation)
			row.MFADevice = u.MFA.Login.Device() || u.MFA.Operation.Device()
		}
		row.Keys = keyRows(u.Keys, now)
		rows = append(rows, row)
	}
	return rows
}

func keyRows(keys []cam.AccessKey, now time.Time) []KeyRow {
	var out []KeyRow
	for _, k := range keys {
		kr := KeyRow{ID: k.ID, Active: k.Status == cam.KeyActive, Created: k.Created, LastUsed: k.LastUsed, Description: k.Description}
		if !k.Created.IsZero() && now.After(k.Created) {
			kr.AgeDays = days(now.Sub(k.Created))
		}
		out = append(out, kr)
	}
	return out
}

// AccessRow is one principal's row of the access heat map: the highest access
// level its policies allow in each service.
type AccessRow struct {
	// Account is the owner UIN.
	Account uint64 `json:"account,omitempty"`
	// Kind is user, group or role; Name its name.
	Kind SubjectKind `json:"kind"`
	Name string      `json:"name"`
	// Services maps a service prefix ("cvm", or "*" for every service) to the
	// highest access level granted there.
	Services map[string]policy.AccessLevel `json:"services"`
}

// accessRows builds the heat map from the allow statements of each
// principal's attached policies (directly held; group grants appear on the
// group's row).
func accessRows(s *cam.Snapshot) []AccessRow {
	var rows []AccessRow
	add := func(kind SubjectKind, name string, atts []cam.Attachment, viaGroup bool) {
		m := map[string]policy.AccessLevel{}
		for _, att := range atts {
			if viaGroup && att.GroupID != 0 {
				continue
			}
			p, ok := s.PolicyByID(att.PolicyID)
			if !ok || p.Parsed == nil {
				continue
			}
			grantLevels(p.Parsed, m)
		}
		if len(m) > 0 {
			rows = append(rows, AccessRow{Account: s.Account.OwnerUIN, Kind: kind, Name: name, Services: m})
		}
	}
	for i := range s.Users {
		add(SubjectUser, s.Users[i].Name, s.Users[i].Policies, true)
	}
	for i := range s.Groups {
		add(SubjectGroup, s.Groups[i].Name, s.Groups[i].Policies, false)
	}
	for i := range s.Roles {
		add(SubjectRole, s.Roles[i].Name, s.Roles[i].Policies, false)
	}
	slices.SortFunc(rows, func(a, b AccessRow) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	return rows
}

// grantLevels raises m[service] to the highest level each allow statement of
// doc grants.
func grantLevels(doc *policy.Document, m map[string]policy.AccessLevel) {
	for _, st := range doc.Statement {
		if st.Effect != policy.EffectAllow || !st.Principal.Empty() {
			continue
		}
		for _, raw := range st.Action {
			a, err := policy.ParseAction(raw)
			if err != nil || a.PermID {
				continue
			}
			svc := strings.ToLower(a.Service)
			if a.All || svc == "" {
				svc = "*"
			}
			lvl := a.AccessLevel()
			if cur, ok := m[svc]; !ok || lvl > cur {
				m[svc] = lvl
			}
		}
	}
}
