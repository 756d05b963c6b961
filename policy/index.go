package policy

import "strings"

// stmtIndex finds the statements that can match a request's action without
// looking at the others. A statement is listed under a key per action:
// "<service>:<c>" where c is the lowercase first character of an API-name
// pattern, or "<service>:*" when the pattern starts with '*'; services are
// lowercase, so a request finds the statements that could match it even
// ignoring case. Statements with an action that matches every service ("*",
// "*:*", "*:Describe*") are listed in wildcard. Statements whose only actions
// are permid/ entries match no API and are not listed. Every list is in
// statement order, so decisions name statements in document order.
type stmtIndex struct {
	byKey    map[string][]int32
	wildcard []int32
}

// indexKey is the key of an action pattern or request action.
func indexKey(svc, name string) string {
	k := strings.ToLower(svc) + ":"
	if name == "" || name[0] == '*' {
		return k + "*"
	}
	return k + strings.ToLower(name[:1])
}

func buildIndex(stmts []cStatement) stmtIndex {
	ix := stmtIndex{byKey: make(map[string][]int32)}
	for i := range stmts {
		s := &stmts[i]
		wild := false
		for _, a := range s.actions {
			if a.all || a.anySvc {
				wild = true
			}
		}
		if wild {
			ix.wildcard = append(ix.wildcard, int32(i))
			continue
		}
		for _, a := range s.actions {
			if a.permid {
				continue
			}
			k := indexKey(a.svc, a.name.raw)
			if l := ix.byKey[k]; len(l) == 0 || l[len(l)-1] != int32(i) {
				ix.byKey[k] = append(l, int32(i))
			}
		}
	}
	return ix
}

// candidates returns the statement lists to scan for a request action
// svc:name (as the request wrote it): the statements whose API-name patterns
// start with name's first character, those whose patterns start with '*', and
// the wildcard ones. It does not allocate for service names up to 62 bytes.
func (ix *stmtIndex) candidates(svc, name string) (first, star, wildcard []int32) {
	var buf [64]byte
	if len(svc)+2 > len(buf) || name == "" {
		return ix.byKey[indexKey(svc, name)], ix.byKey[indexKey(svc, "*")], ix.wildcard
	}
	n := 0
	for i := 0; i < len(svc); i++ {
		buf[n] = lowerASCII(svc[i])
		n++
	}
	buf[n] = ':'
	buf[n+1] = '*'
	// Map lookups keyed by a converted byte slice do not allocate.
	star = ix.byKey[string(buf[:n+2])]
	buf[n+1] = lowerASCII(name[0])
	if buf[n+1] != '*' {
		first = ix.byKey[string(buf[:n+2])]
	}
	return first, star, ix.wildcard
}

// cursor walks the union of three sorted statement lists in increasing
// order, once per statement.
type cursor struct {
	a, b, c []int32
	last    int32
}

func newCursor(a, b, c []int32) cursor { return cursor{a: a, b: b, c: c, last: -1} }

// next returns the next statement index, or false when the lists are done.
func (m *cursor) next() (int32, bool) {
	for len(m.a)+len(m.b)+len(m.c) > 0 {
		var i int32
		switch {
		case len(m.a) > 0 && (len(m.b) == 0 || m.a[0] <= m.b[0]) && (len(m.c) == 0 || m.a[0] <= m.c[0]):
			i, m.a = m.a[0], m.a[1:]
		case len(m.b) > 0 && (len(m.c) == 0 || m.b[0] <= m.c[0]):
			i, m.b = m.b[0], m.b[1:]
		default:
			i, m.c = m.c[0], m.c[1:]
		}
		if i != m.last {
			m.last = i
			return i, true
		}
	}
	return 0, false
}
