package review

import "github.com/camkit/camkit/cam"

type TierConfig struct{}

func DefaultTierConfig() TierConfig                             { return TierConfig{} }
func (a *assessment) declaredBreakGlass(r *cam.RoleRecord) bool { return false }
func (a *assessment) roleTiers()                                {}
func (a *assessment) roleNaming()                               {}
