package cam

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// rootSubject names the root account in problems.
const rootSubject = "the root account"

// loadRoot reads the root account's access keys and their last use. It runs
// after loadAccount: a RootKeysReader is given the account read.
func (l *loader) loadRoot(ctx context.Context) error {
	l.prog.add(PhaseKeys, 1)
	var keys []AccessKey
	err := l.gate.call(ctx, ActionListAccessKeys, func(ctx context.Context) (err error) {
		if rk, ok := l.r.(RootKeysReader); ok && l.account.OwnerUIN != 0 {
			keys, err = rk.RootAccessKeysOf(ctx, l.account)
		} else {
			keys, err = l.r.RootAccessKeys(ctx)
		}
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
	ok := make([]bool, len(keys)) // per key: last use read
	err = l.lastUse(ctx, slices.Compact(ids),
		func([]string) string { return "access keys of " + rootSubject },
		func(id string) string { return keysSubject([]string{id}) + " of " + rootSubject },
		func(id string, t time.Time) {
			for k := range keys {
				if keys[k].ID == id {
					keys[k].LastUsed, ok[k] = t, true
				}
			}
		})
	l.root.KeyUsageKnown = !slices.Contains(ok, false)
	return err
}
