package policy

import "fmt"

// TagSupport tells whether a service supports authorisation by tag: whether a
// "qcs:resource_tag" condition in a policy can ever match its resources. CAM's
// overview of the products that support it ("Products supporting CAM", the
// column "authorization by tag") is the source.
type TagSupport uint8

// The tag-authorisation answers.
const (
	// TagUnknown: Tencent's CAM overview does not say.
	TagUnknown TagSupport = iota
	// TagSupported: the service authorises by resource tag.
	TagSupported
	// TagUnsupported: the service does not authorise by tag, so an allow that
	// requires a resource tag never applies.
	TagUnsupported
)

var tagSupportNames = [...]string{TagUnknown: "Unknown", TagSupported: "Supported", TagUnsupported: "Unsupported"}

// String returns "Unknown", "Supported" or "Unsupported".
func (t TagSupport) String() string {
	if int(t) < len(tagSupportNames) {
		return tagSupportNames[t]
	}
	return fmt.Sprintf("TagSupport(%d)", uint8(t))
}

// MarshalText writes the name String returns; it fails for an undefined value.
func (t TagSupport) MarshalText() ([]byte, error) {
	if int(t) >= len(tagSupportNames) {
		return nil, fmt.Errorf("policy: cannot marshal invalid tag support %d", uint8(t))
	}
	return []byte(tagSupportNames[t]), nil
}

// UnmarshalText reads a name String writes, ignoring case.
func (t *TagSupport) UnmarshalText(text []byte) error {
	i, err := parseClosedName("tag support", string(text), tagSupportNames[:])
	if err != nil {
		return err
	}
	*t = TagSupport(i)
	return nil
}

// Granularity is the authorisation granularity CAM documents for an API: what
// the resource element of a statement must be for the statement to grant it.
type Granularity uint8

// The granularities, from the "authorization granularity" column of each
// product's CAM page.
const (
	// GranularityUnknown: Tencent's CAM pages do not say (or say it unclearly).
	GranularityUnknown Granularity = iota
	// GranularityResource: a statement may name specific resources.
	GranularityResource
	// GranularityOperation: the API is authorised only by a statement whose
	// resource is "*"; naming specific resources for it grants nothing.
	GranularityOperation
	// GranularityService: only the whole service is authorised ("service:*"
	// on "*").
	GranularityService
)

var granularityNames = [...]string{
	GranularityUnknown:   "Unknown",
	GranularityResource:  "Resource",
	GranularityOperation: "Operation",
	GranularityService:   "Service",
}

// String returns "Unknown", "Resource", "Operation" or "Service".
func (g Granularity) String() string {
	if int(g) < len(granularityNames) {
		return granularityNames[g]
	}
	return fmt.Sprintf("Granularity(%d)", uint8(g))
}

// MarshalText writes the name String returns; it fails for an undefined value.
func (g Granularity) MarshalText() ([]byte, error) {
	if int(g) >= len(granularityNames) {
		return nil, fmt.Errorf("policy: cannot marshal invalid granularity %d", uint8(g))
	}
	return []byte(granularityNames[g]), nil
}

// UnmarshalText reads a name String writes, ignoring case.
func (g *Granularity) UnmarshalText(text []byte) error {
	i, err := parseClosedName("granularity", string(text), granularityNames[:])
	if err != nil {
		return err
	}
	*g = Granularity(i)
	return nil
}

// parseClosedName finds s among names, ignoring ASCII case.
func parseClosedName(what, s string, names []string) (int, error) {
	for i, n := range names {
		if len(n) == len(s) && asciiEqualFold(n, s) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("policy: unknown %s %s (want one of %v)", what, quote(s), names)
}
