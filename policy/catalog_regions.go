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

// catalogLegacyRegions lists older region names that Tencent's own published
// policies still write in resources, sorted: the short names of CAM's element
// reference (product 598, document 10603: "qcs::vpc:sh::pcx/2341") and of
// its policy examples ("gz", "bj"), and COS's former region names, which the
// COS JavaScript SDK still recognises (tencentyun/cos-js-sdk-v5, src/base.js:
// cn-south, cn-south-2, cn-north, cn-east, cn-southwest, sg).
var catalogLegacyRegions = []string{
	"bj", "cn-east", "cn-north", "cn-south", "cn-south-2", "cn-southwest", "gz", "sg", "sh",
}

// KnownRegion reports whether region is a Tencent Cloud region ID such as
// "ap-guangzhou", as the SDK lists them, or one of the older names Tencent's
// own policies still use in resources ("gz", "sh", "bj"; COS's "cn-east",
// "cn-south", ...). Region IDs are lowercase; the comparison is exact.
// Wildcards and the empty region of a global resource are not region IDs:
// callers check them first.
func KnownRegion(region string) bool {
	if _, ok := slices.BinarySearch(catalogRegions, region); ok {
		return true
	}
	_, ok := slices.BinarySearch(catalogLegacyRegions, region)
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

// Regions returns the current region IDs [KnownRegion] accepts, sorted,
// without the older names. The result is a new slice the caller may modify.
func Regions() []string { return slices.Clone(catalogRegions) }
