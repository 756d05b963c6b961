package review

import "slices"

// Delta is what changed between two reviews.
type Delta struct {
	// New are findings of the current review that the previous one lacked.
	New []Finding `json:"new"`
	// Resolved are findings of the previous review that the current one lacks.
	Resolved []Finding `json:"resolved"`
	// Persisting are findings of both reviews, as the current review has them.
	Persisting []Finding `json:"persisting"`
}

// Diff compares two reports by finding key ([Finding.Key]: check, account,
// subject and item), so a finding whose evidence changed (a key one day older)
// persists rather than being new. Either report may be nil (no findings).
// Suppressed findings count as absent.
func Diff(previous, current *Report) Delta {
	prev := map[string]bool{}
	if previous != nil {
		for _, f := range previous.Findings {
			prev[f.Key()] = true
		}
	}
	cur := map[string]bool{}
	d := Delta{New: []Finding{}, Resolved: []Finding{}, Persisting: []Finding{}}
	if current != nil {
		for _, f := range current.Findings {
			k := f.Key()
			if cur[k] {
				continue
			}
			cur[k] = true
			if prev[k] {
				d.Persisting = append(d.Persisting, f)
			} else {
				d.New = append(d.New, f)
			}
		}
	}
	if previous != nil {
		seen := map[string]bool{}
		for _, f := range previous.Findings {
			k := f.Key()
			if !cur[k] && !seen[k] {
				seen[k] = true
				d.Resolved = append(d.Resolved, f)
			}
		}
	}
	for _, l := range [][]Finding{d.New, d.Resolved, d.Persisting} {
		slices.SortFunc(l, compareFindings)
	}
	return d
}

// Empty reports whether nothing changed.
func (d Delta) Empty() bool { return len(d.New) == 0 && len(d.Resolved) == 0 }
