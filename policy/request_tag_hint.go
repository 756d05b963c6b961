package policy

import (
	"slices"
	"strings"
)

// A request-side mistake: CAM supplies a resource's tags under one
// multi-valued key, "qcs:resource_tag", each value "key&value" (and the tags
// of a request under "qcs:request_tag"). A request whose context spells them
// as per-tag keys, "qcs:resource_tag/env": ["dev"], is not what CAM sends: a
// policy reading "qcs:resource_tag" finds the key absent. (The reverse works:
// a policy reading "qcs:resource_tag/env" is served from "qcs:resource_tag".)
// The evaluator decides such a request as written; [Decision.NearMisses]
// says what happened, through tagFormHint.

// tagFormHint returns a note for a condition on key that found key absent
// from ctx while ctx holds per-tag keys of it, or "".
func tagFormHint(ctx map[string][]string, key string) string {
	if key != KeyResourceTag && key != KeyRequestTag {
		return ""
	}
	var perTag []string
	for k := range ctx {
		if tag, ok := strings.CutPrefix(k, key+"/"); ok && tag != "" {
			perTag = append(perTag, k)
		}
	}
	if len(perTag) == 0 {
		return ""
	}
	slices.Sort(perTag)
	k := perTag[0]
	tag := k[len(key)+1:]
	value := "<value>"
	if vs := ctx[k]; len(vs) > 0 {
		value = vs[0]
	}
	return " (the request supplies " + quote(k) + ", but CAM supplies tags under " + quote(key) +
		" as \"key&value\": write " + quote(key) + ": [" + quote(tag+"&"+value) + "])"
}
