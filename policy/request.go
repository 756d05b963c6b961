package policy

import (
	"math/bits"
	"strings"
)

// Request is one call to decide: an action on a resource, with the request
// context CAM would supply and, for trust policies, the calling principal.
//
// The zero value is a request for nothing, which every evaluator denies.
type Request struct {
	// Action is the API called, "service:ApiName" (for example
	// "cvm:RunInstances"); a "name/" prefix is ignored. An action of any other
	// form matches no statement.
	Action string
	// Resource is the six-segment resource name the call acts on
	// ("qcs::cvm:ap-guangzhou:uin/100000000001:instance/ins-abc"), or "*" for an
	// API that supports only the resource "*". Only a policy resource of "*"
	// matches a request for "*" or for a name that is not six segments long.
	Resource string
	// Context maps condition keys ("qcs:ip", "qcs:current_time",
	// "qcs:resource_tag", "cvm:region", ...) to their values. A key with several
	// values (tags) lists them all; a key that is missing or has no values is
	// absent. The policy variables ${uin}, ${owner_uin} and ${app_id} read the
	// first value of "qcs:uin", "qcs:owner_uin" and "qcs:app_id".
	Context map[string][]string
	// Principal optionally names the caller (docs/semantics.md §5.8):
	// "qcs::cam::uin/<owner>:uin/<sub>", "qcs::cam::uin/<owner>:root", a service
	// such as "cvm.qcloud.com", or a SAML provider
	// "qcs::cam::uin/<owner>:saml-provider/<name>". Statements with a principal
	// element (trust policies) match only a request whose principal they list;
	// other statements ignore it.
	Principal string
}

// reqParts is a request's action and resource split into their parts, as
// substrings of the request (no copies).
//
// The small fields come last, packed together: the evaluator zeroes a
// reqParts on every call.
type reqParts struct {
	svc, name string // action parts; actionOK reports whether the action was well formed
	lead      uint64 // packLead(name)
	// exact holds the first (up to eight) bytes of name as they are, packed
	// by packBytes; svcKey those of svc and svcLower those ASCII-lowercased.
	// Like lead, they are set when actionOK.
	exact, svcKey, svcLower uint64
	// segEnd holds where the project, service, region and account of a
	// six-segment resource end (see segment); resOK reports whether the
	// resource had that form.
	segEnd   [4]int32
	svcHash  uint32 // serviceHash(svc), once actionOK
	actionOK bool
	ascii    uint8 // whether the action is all ASCII: 0 not yet known, asciiYes or asciiNo
	resOK    bool
	resDone  bool // splitResource has run
}

const (
	asciiYes uint8 = 1 + iota
	asciiNo
)

// splitAction splits action into p.svc and p.name at the first colon without
// allocating, packs their first bytes and hashes the service name for the
// statement index; the resource is split on first use by splitResource.
func (p *reqParts) splitAction(a string) {
	if len(a) > 5 && a[:5] == "name/" {
		a = a[5:]
	}
	var i int
	var head uint64
	if len(a) >= 8 {
		// Look for the colon in the first eight bytes all at once: the
		// lowest byte flagged is the first zero byte of x, and so the first
		// colon (flags above it may be false).
		head = load8(a)
		x := head ^ (':' * ones64)
		if z := (x - ones64) &^ x & high64; z != 0 {
			i = bits.TrailingZeros64(z) / 8
		} else if i = strings.IndexByte(a[8:], ':'); i >= 0 {
			i += 8
		}
	} else {
		i = strings.IndexByte(a, ':')
	}
	if i <= 0 || i == len(a)-1 {
		return
	}
	p.svc, p.name, p.actionOK = a[:i], a[i+1:], true
	if i <= 8 && len(a) >= 8 {
		// The service is the first i of the eight bytes read.
		p.svcKey = head & (^uint64(0) >> (64 - 8*i))
		p.svcLower = lowerPacked(p.svcKey)
		p.svcHash = mixLowered(p.svcLower, i)
	} else {
		p.svcKey = packBytes(p.svc)
		p.svcLower = lowerPacked(p.svcKey)
		p.svcHash = hashLowered(p.svc, p.svcLower)
	}
	if len(p.name) >= 8 {
		p.exact = load8(p.name)
	} else {
		p.exact = packBytes(p.name)
	}
	p.lead = lowerPacked(p.exact)
}

// Bytes packed in a uint64, for byte-parallel tests.
const (
	ones64 = 0x0101010101010101
	high64 = 0x8080808080808080
)

// load8 packs the first eight bytes of s, first byte lowest; s must have
// eight.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// packBytes packs the first (up to eight) bytes of s into a number, first
// byte lowest; missing bytes are zero.
func packBytes(s string) uint64 {
	// Shorter strings are read as two overlapping halves: the bytes they
	// share are the same, so or-ing them is exact.
	switch n := len(s); {
	case n >= 8:
		return load8(s)
	case n >= 4:
		t := s[n-4:]
		return uint64(uint32(s[0])|uint32(s[1])<<8|uint32(s[2])<<16|uint32(s[3])<<24) |
			uint64(uint32(t[0])|uint32(t[1])<<8|uint32(t[2])<<16|uint32(t[3])<<24)<<(8*(n-4))
	case n >= 2:
		t := s[n-2:]
		return uint64(uint16(s[0])|uint16(s[1])<<8) | uint64(uint16(t[0])|uint16(t[1])<<8)<<(8*(n-2))
	case n == 1:
		return uint64(s[0])
	}
	return 0
}

// packLead packs the first (up to eight) bytes of s, ASCII-lowercased, into
// a number, first byte lowest; missing bytes are zero.
func packLead(s string) uint64 { return lowerPacked(packBytes(s)) }

// lowerPacked lowercases the ASCII letters of bytes packed by packBytes.
func lowerPacked(v uint64) uint64 {
	// Lowercase the bytes 'A'..'Z' all at once: find them with carry-free
	// additions on the low seven bits of each byte, then add 0x20 to each.
	const ones = 0x0101010101010101
	low7 := v & (0x7f * ones)
	atLeastA := (low7 + (0x80-'A')*ones) & (0x80 * ones)
	aboveZ := (low7 + (0x80-'Z'-1)*ones) & (0x80 * ones)
	upper := atLeastA &^ aboveZ &^ v
	return v | upper>>2
}

// nameASCII reports whether the action (service and API name) has only ASCII
// characters. It is computed on first use: only case-insensitive comparisons
// need it.
func (p *reqParts) nameASCII() bool {
	if p.ascii == 0 {
		p.ascii = asciiYes
		if !isASCII(p.svc) || !isASCII(p.name) {
			p.ascii = asciiNo
		}
	}
	return p.ascii == asciiYes
}

func isASCII(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] >= 0x80 {
			return false
		}
	}
	return true
}

// splitResource splits a six-segment resource name res: segEnd records where
// the first four segments end.
func (p *reqParts) splitResource(res string) {
	p.resDone = true
	if len(res) <= 4 || res[:4] != "qcs:" || len(res) > maxInt32 {
		return
	}
	at := 4
	for k := range 4 {
		i := strings.IndexByte(res[at:], ':')
		if i < 0 {
			return
		}
		at += i
		p.segEnd[k] = int32(at)
		at++
	}
	p.resOK = true
}

// segment returns segment i (0 project, 1 service, 2 region, 3 account, 4
// resource path) of res, split by splitResource.
func (p *reqParts) segment(res string, i int) string {
	start := 4
	if i > 0 {
		start = int(p.segEnd[i-1]) + 1
	}
	if i == 4 {
		return res[start:]
	}
	return res[start:p.segEnd[i]]
}

// maxInt32 is the longest resource splitResource splits.
const maxInt32 = 1<<31 - 1

// policy variables and the context keys they read.
const (
	varUIN = iota
	varOwnerUIN
	varAppID
	varCount
)

var varNames = [varCount]string{"${uin}", "${owner_uin}", "${app_id}"}
var varKeys = [varCount]string{KeyUIN, KeyOwnerUIN, KeyAppID}
