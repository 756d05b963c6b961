package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// Usage is what one user or role was granted and what it used in an audit
// window, with a narrower policy built from the use.
type Usage struct {
	// Kind is user or role; Name its name.
	Kind SubjectKind `json:"kind"`
	Name string      `json:"name"`
	// Granted are the catalogued actions its allow statements grant (from
	// attached policies, directly and, for users, through groups).
	Granted []string `json:"granted"`
	// Used are the granted actions seen in the window's events.
	Used []string `json:"used"`
	// Unused are the granted actions never seen.
	Unused []string `json:"unused"`
	// Proposed keeps each allow statement of the held policies with its
	// resources and conditions, narrowed to the actions used (statements that
	// granted nothing used are dropped), and every deny statement as it was.
	// Nil when nothing was used.
	Proposed *policy.Document `json:"-"`
	// ProposedText is Proposed's canonical text.
	ProposedText string `json:"proposed,omitempty"`
	// Lint are policy.Lint's findings on Proposed.
	Lint []policy.Finding `json:"lint,omitempty"`
}

// heldDocs returns the parsed documents a user or role holds.
func heldDocs(s *cam.Snapshot, atts []cam.Attachment) []*policy.Document {
	var out []*policy.Document
	seen := map[uint64]bool{}
	for _, a := range atts {
		if seen[a.PolicyID] {
			continue
		}
		seen[a.PolicyID] = true
		if p, ok := s.PolicyByID(a.PolicyID); ok && p.Parsed != nil {
			out = append(out, p.Parsed)
		}
	}
	return out
}

// UsageOf computes [Usage] for every user and role of the snapshot from the
// events of an audit window (read them with [ReadEvents]). An event belongs to
// a user when its principal is the user's name or UIN, to a role when its
// principal names the role ("roleName/<name>" or the bare name). An event
// name is an API name without its service; it counts as the use of each
// granted action of that name. Principals that used nothing keep Proposed nil:
// a review must not propose removing all access from one quiet month alone.
func UsageOf(s *cam.Snapshot, events []cam.AuditEvent) []Usage {
	var out []Usage
	for i := range s.Users {
		u := &s.Users[i]
		var atts []cam.Attachment
		atts = append(atts, u.Policies...)
		for _, gid := range u.GroupIDs {
			if g, ok := s.GroupByID(gid); ok {
				atts = append(atts, g.Policies...)
			}
		}
		names := usedNames(events, func(e *cam.AuditEvent) bool {
			return e.Principal == u.Name || (e.PrincipalUIN != 0 && e.PrincipalUIN == u.UIN)
		})
		out = append(out, usage(SubjectUser, u.Name, heldDocs(s, atts), names))
	}
	for i := range s.Roles {
		r := &s.Roles[i]
		names := usedNames(events, func(e *cam.AuditEvent) bool {
			return e.Principal == r.Name || strings.Contains(e.Principal, ":roleName/"+r.Name) || strings.HasSuffix(e.Principal, "/"+r.Name)
		})
		out = append(out, usage(SubjectRole, r.Name, heldDocs(s, r.Policies), names))
	}
	return out
}

func usedNames(events []cam.AuditEvent, mine func(*cam.AuditEvent) bool) map[string]bool {
	m := map[string]bool{}
	for i := range events {
		if e := &events[i]; e.ErrorCode == 0 && mine(e) {
			m[strings.ToLower(e.Name)] = true
		}
	}
	return m
}

func apiOf(action string) string {
	if i := strings.IndexByte(action, ':'); i >= 0 {
		return action[i+1:]
	}
	return action
}

func usage(kind SubjectKind, name string, docs []*policy.Document, used map[string]bool) Usage {
	u := Usage{Kind: kind, Name: name}
	granted := map[string]bool{}
	var proposed []policy.Statement
	for _, d := range docs {
		for _, st := range d.Statement {
			if !st.Principal.Empty() {
				continue
			}
			if st.Effect != policy.EffectAllow {
				proposed = append(proposed, st)
				continue
			}
			var keep []string
			for _, raw := range st.Action {
				a, err := policy.ParseAction(raw)
				if err != nil {
					continue
				}
				for _, act := range a.MatchingActions() {
					granted[act] = true
					if used[strings.ToLower(apiOf(act))] {
						keep = append(keep, act)
					}
				}
			}
			if len(keep) > 0 {
				slices.Sort(keep)
				nst := st
				nst.Action = slices.Compact(keep)
				proposed = append(proposed, nst)
			}
		}
	}
	for act := range granted {
		u.Granted = append(u.Granted, act)
		if used[strings.ToLower(apiOf(act))] {
			u.Used = append(u.Used, act)
		} else {
			u.Unused = append(u.Unused, act)
		}
	}
	slices.Sort(u.Granted)
	slices.Sort(u.Used)
	slices.Sort(u.Unused)
	if len(u.Used) > 0 {
		u.Proposed = &policy.Document{Version: policy.Version, Statement: proposed}
		u.ProposedText = u.Proposed.Canonical()
		u.Lint = policy.Lint(u.Proposed)
	}
	return u
}

// UsageFindings turns usages into policy.unused-access findings: one per user
// or role that used some, but not all, of what it is granted, with the
// narrower policy in the evidence.
func UsageFindings(owner uint64, usages []Usage, cfg Config) []Finding {
	var out []Finding
	if !cfg.enabled(CheckPolicyUnusedAccess) {
		return nil
	}
	sev := cfg.severity(CheckPolicyUnusedAccess, Low)
	for _, u := range usages {
		if len(u.Used) == 0 || len(u.Unused) == 0 {
			continue
		}
		ev := []string{
			fmt.Sprintf("granted %d catalogued actions, used %d", len(u.Granted), len(u.Used)),
			"used: " + strings.Join(u.Used, ", "),
			"unused services: " + strings.Join(servicesOf(u.Unused), ", "),
			"proposed policy: " + u.ProposedText,
		}
		out = append(out, Finding{
			Check: CheckPolicyUnusedAccess, Severity: sev, Account: owner, SubjectKind: u.Kind, Subject: u.Name,
			Title:          fmt.Sprintf("%d of %d granted actions were not used in the window", len(u.Unused), len(u.Granted)),
			Evidence:       ev,
			Recommendation: "Replace the policies with the proposed one (or narrower ones like it) after checking rare but needed tasks.",
		})
	}
	return out
}

func servicesOf(actions []string) []string {
	var out []string
	for _, a := range actions {
		if i := strings.IndexByte(a, ':'); i > 0 {
			out = append(out, a[:i])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
