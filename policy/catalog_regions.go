package policy

import (
	"slices"
	"strings"
)

// catalogRegions lists the region IDs Tencent Cloud's API knows, sorted.
//
// Source: the region constants of tencentcloud-sdk-go
// (tencentcloud/common/regions/regions.go, module
// github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common v1.3.211),
// the SDK's own list of regions.
var catalogRegions = []string{
	"ap-bangkok", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-guangzhou",
	"ap-guangzhou-open", "ap-hongkong", "ap-jakarta", "ap-mumbai", "ap-nanjing",
	"ap-seoul", "ap-shanghai", "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-singapore",
	"ap-tokyo", "eu-frankfurt", "eu-moscow", "na-ashburn", "na-siliconvalley",
	"na-toronto", "sa-saopaulo",
}

// KnownRegion reports whether region is a Tencent Cloud region ID such as
// "ap-guangzhou", as the SDK lists them. Region IDs are lowercase; the
// comparison is exact. Wildcards and the empty region of a global resource are
// not region IDs: callers check them first.
func KnownRegion(region string) bool {
	_, ok := slices.BinarySearch(catalogRegions, region)
	return ok
}

// SuggestRegion returns the region ID nearest to region ("ap-guangzhou" for
// "ap-guangzho" or "AP-Guangzhou"), or "" when none is close or region is
// already known.
func SuggestRegion(region string) string {
	if region == "" || KnownRegion(region) {
		return ""
	}
	if lower := strings.ToLower(region); KnownRegion(lower) {
		return lower
	}
	s, _ := nearest(region, catalogRegions)
	return s
}

// Regions returns the region IDs [KnownRegion] accepts, sorted. The result is
// a new slice the caller may modify.
func Regions() []string { return slices.Clone(catalogRegions) }
