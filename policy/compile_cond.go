package policy

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// cCond is one compiled condition test: an operator on one key.
type cCond struct {
	idx    int32 // position in the statement's compiled conditions
	op     Operator
	opName string // as written in the policy
	key    string
	// tagBase and tagPrefix are set for "qcs:resource_tag/<k>" and
	// "qcs:request_tag/<k>": when the context lacks the key itself, its values
	// are those of tagBase ("qcs:resource_tag") that start with tagPrefix
	// ("<k>&"), with the prefix removed.
	tagBase, tagPrefix string
	vals               []cValue
	// Derived from op, for the evaluator.
	pos   Op     // the positive form of op.Op
	typ   OpType // pos.Type()
	neg   bool   // op.Op is negated
	every bool   // every context value must pass: for_all_value:, or a plain negated operator
	// unverified is set for a key whose spelling Tencent's documentation
	// does not confirm (KeyBindToken); decisions note it.
	unverified bool
	// ip4 is set for ip_equal and ip_not_equal (plain or _if_exist) when
	// every policy value is an IPv4 block: their numbers, for the common
	// test of one dotted-quad context address (see cCond.match).
	ip4 []ip4Block
}

// ip4Block is an IPv4 block as numbers: an address is in it when
// addr&mask == net.
type ip4Block struct {
	net, mask uint32
}

// cValue is a condition value parsed once for its operator's type.
type cValue struct {
	text string
	pat  pattern // string operators
	num  float64
	t    time.Time
	ip   netip.Prefix
	b    bool
	// An IPv4 block ip is also kept as numbers: ip4Net is its address with
	// the host bits cleared, ip4Mask its mask and ipBits its length.
	ip4             bool
	ip4Net, ip4Mask uint32
	ipBits          int
}

// compileConditions compiles a condition block. Operators and keys are
// visited in sorted order so that errors come out in a stable order.
func compileConditions(c Condition, path string) ([]cCond, error) {
	if len(c) == 0 {
		return nil, nil
	}
	ops := make([]string, 0, len(c))
	for op := range c {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	var out []cCond
	for _, opName := range ops {
		opPath := pathField(path, opName)
		if strings.ContainsAny(opName, ".[]\"") {
			opPath = pathKey(path, opName)
		}
		op, err := ParseOperator(opName)
		if err != nil {
			return nil, errorf(opPath, "%s", errorMessage(err))
		}
		keys := c[opName]
		if len(keys) == 0 {
			return nil, errorf(opPath, "operator %s has no condition keys", quote(opName))
		}
		names := make([]string, 0, len(keys))
		for k := range keys {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, key := range names {
			keyPath := pathKey(opPath, key)
			vals := keys[key]
			if key == "" {
				return nil, errorf(keyPath, "empty condition key")
			}
			if len(vals) == 0 {
				return nil, errorf(keyPath, "condition key %s has no values", quote(key))
			}
			cc := cCond{idx: int32(len(out)), op: op, opName: opName, key: key,
				pos: op.Op.Positive(), typ: op.Op.Type(), neg: op.Op.Negated()}
			cc.every = op.Qualifier == QualifierForAllValue || (cc.neg && op.Qualifier == QualifierNone)
			cc.unverified = unverifiedKey(key)
			for _, base := range [...]string{KeyResourceTag, KeyRequestTag} {
				if tag, ok := strings.CutPrefix(key, base+"/"); ok && tag != "" {
					cc.tagBase, cc.tagPrefix = base, tag+"&"
				}
			}
			for i, v := range vals {
				cv, err := compileValue(op.Op, v)
				if err != nil {
					return nil, errorf(pathIndex(keyPath, i), "%v", err)
				}
				cc.vals = append(cc.vals, cv)
			}
			cc.ip4 = ip4Blocks(&cc)
			out = append(out, cc)
		}
	}
	return out, nil
}

// ip4Blocks returns the blocks of c for the IPv4 shortcut of cCond.match, or
// nil when c is not a plain ip_equal or ip_not_equal test of IPv4 blocks on a
// key the request supplies itself.
func ip4Blocks(c *cCond) []ip4Block {
	if c.pos != OpIPEqual || c.op.Qualifier != QualifierNone || c.tagBase != "" ||
		c.unverified || c.key == KeyReadOnlyAction {
		return nil
	}
	out := make([]ip4Block, 0, len(c.vals))
	for k := range c.vals {
		v := &c.vals[k]
		if !v.ip4 {
			return nil
		}
		out = append(out, ip4Block{net: v.ip4Net, mask: v.ip4Mask})
	}
	return out
}

// compileValue parses one policy value for op's type.
func compileValue(op Op, v Value) (cValue, error) {
	cv := cValue{text: v.Text}
	var ok bool
	switch op.Type() {
	case TypeString:
		like := op.Positive() == OpStringLike
		var err error
		if cv.pat, err = compilePattern(v.Text, like); err != nil {
			return cv, err
		}
		return cv, nil
	case TypeNumeric:
		cv.num, ok = ParseNumber(v.Text)
		if !ok {
			return cv, fmt.Errorf("%s is not a number", quote(v.Text))
		}
	case TypeDate:
		cv.t, ok = ParseDate(v.Text)
		if !ok {
			return cv, fmt.Errorf("%s is not a date (want RFC 3339, e.g. \"2016-06-01T00:01:00Z\", or \"2016-06-01 00:01:00\" in UTC)", quote(v.Text))
		}
	case TypeBool, TypeNull:
		cv.b, ok = ParseBool(v.Text)
		if !ok {
			return cv, fmt.Errorf("%s is not \"true\" or \"false\"", quote(v.Text))
		}
	case TypeBinary:
		if _, err := base64.StdEncoding.DecodeString(v.Text); err != nil {
			return cv, fmt.Errorf("%s is not base64", quote(v.Text))
		}
	case TypeIP:
		cv.ip, ok = ParseIPOrCIDR(v.Text)
		if !ok {
			return cv, fmt.Errorf("%s is not an IP address or CIDR block", quote(v.Text))
		}
		if a := cv.ip.Addr(); a.Is4() {
			b := a.As4()
			cv.ip4, cv.ipBits = true, cv.ip.Bits()
			cv.ip4Mask = ^uint32(0) << (32 - cv.ipBits)
			cv.ip4Net = binary.BigEndian.Uint32(b[:]) & cv.ip4Mask
		}
	}
	return cv, nil
}
