package cam

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// rootSubject names the root account in problems.
const rootSubject = "the root account"

// loadRoot reads the root account's access keys and their last use.
func (l *loader) loadRoot(ctx context.Context) error {
	l.prog.add(PhaseKeys, 1)
	var keys []AccessKey
	err := l.gate.call(ctx, ActionListAccessKeys, func(ctx context.Context) (err error) {
		keys, err = l.r.RootAccessKeys(ctx)
		return err
	})
	l.prog.step(PhaseKeys)
	if err != nil {
		return l.fail(ctx, PhaseKeys, ActionListAccessKeys, rootSubject, err)
	}
	slices.SortStableFunc(keys, func(a, b AccessKey) int { return cmp.Compare(a.ID, b.ID) })
	l.root.Keys, l.root.KeysKnown = keys, true
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, k.ID)
	}
	ids = slices.Compact(ids)
	bs := splitBatches(len(ids), MaxKeyLastUsedBatch)
	l.prog.add(PhaseKeys, len(bs))
	known := true
	for _, b := range bs {
		batch := ids[b[0]:b[1]]
		var got []KeyLastUsed
		err := l.gate.call(ctx, ActionGetSecurityLastUsed, func(ctx context.Context) (err error) {
			got, err = l.r.KeysLastUsed(ctx, batch)
			return err
		})
		l.prog.step(PhaseKeys)
		if err != nil {
			known = false
			if err := l.fail(ctx, PhaseKeys, ActionGetSecurityLastUsed, "access keys of "+rootSubject, err); err != nil {
				return err
			}
			continue
		}
		for _, id := range batch {
			i := slices.IndexFunc(got, func(g KeyLastUsed) bool { return g.KeyID == id })
			if i < 0 {
				known = false
				err := fmt.Errorf("cam: load: GetSecurityLastUsed returned nothing for access key %s", id)
				if err := l.fail(ctx, PhaseKeys, ActionGetSecurityLastUsed, "access key "+id+" of "+rootSubject, err); err != nil {
					return err
				}
				continue
			}
			for k := range l.root.Keys {
				if l.root.Keys[k].ID == id {
					l.root.Keys[k].LastUsed = got[i].LastUsed
				}
			}
		}
	}
	l.root.KeyUsageKnown = known
	return nil
}
