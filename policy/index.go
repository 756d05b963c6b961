package policy

import "strings"

// stmtIndex finds the statements that can match a request's service without
// looking at the others. A statement is listed under the lowercase service
// of each of its actions, or in wildcard when one of its actions matches
// every service ("*", "*:*", "*:Describe*"). Statements whose only actions are
// permid/ entries match no API and are not listed. Every list is in statement
// order, so decisions name statements in document order.
type stmtIndex struct {
	byService map[string][]int32
	wildcard  []int32
}

func buildIndex(stmts []cStatement) stmtIndex {
	ix := stmtIndex{byService: make(map[string][]int32)}
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
		for k, a := range s.actions {
			if a.permid {
				continue
			}
			svc := strings.ToLower(a.svc)
			dup := false
			for _, b := range s.actions[:k] {
				if !b.permid && strings.EqualFold(b.svc, svc) {
					dup = true
				}
			}
			if !dup {
				ix.byService[svc] = append(ix.byService[svc], int32(i))
			}
		}
	}
	return ix
}

// candidates returns the two statement lists to scan for a request whose
// service is svc (as the request wrote it): the statements for the service,
// compared case-insensitively, and the wildcard ones.
func (ix *stmtIndex) candidates(svc string) (forService, wildcard []int32) {
	var buf [64]byte
	if len(svc) <= len(buf) {
		n := 0
		for i := 0; i < len(svc); i++ {
			c := svc[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
		}
		// The conversion in a map index does not allocate.
		return ix.byService[string(buf[:n])], ix.wildcard
	}
	return ix.byService[strings.ToLower(svc)], ix.wildcard
}
