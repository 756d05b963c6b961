package tiers

// ResetActionCache empties the cache of action facts, so that benchmarks can
// measure classification of actions seen for the first time. Tests only.
func ResetActionCache() {
	infoCache.Range(func(k, _ any) bool {
		infoCache.Delete(k)
		return true
	})
	infoCount.Store(0)
	infoMembers.Store(0)
}
