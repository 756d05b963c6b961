package review

import (
	"slices"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/policy"
)

// RequiredPolicy returns the least-privilege CAM policy a reviewer needs for
// cam.Load and [Events]: every CAM read API that a cam.Reader method calls
// (cam.ReaderActions) and CloudAudit's DescribeEvents, each named (no
// wildcard), on every resource, since these list and read APIs authorise at
// operation level. It grants no write and no credential. The document is valid
// and lint-clean (tests check both), so camkit practises what it preaches;
// attach it to the identity whose key the review uses.
func RequiredPolicy() *policy.Document {
	var actions []string
	for _, a := range cam.ReaderActions() {
		actions = append(actions, "cam:"+string(a))
	}
	slices.Sort(actions)
	actions = slices.Compact(actions)
	actions = append(actions, "cloudaudit:DescribeEvents")
	return policy.New(policy.Allow(actions...).On("*"))
}
