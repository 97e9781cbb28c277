package forwarded

import (
	"net/http"
	"strings"
)

// hop is what one proxy recorded of the request it received.
type hop struct {
	node  string // the address of the proxy's client, as written
	proto string
	host  string
}

// hops yields the hops of one header family, nearest the registry first.
type hops struct {
	rfc7239              bool
	elems                elements // Forwarded
	forList, proto, host []string // X-Forwarded-For, -Proto and -Host, from the right
	n, i                 int      // the hops there are, and those yielded
}

func newHops(h http.Header, rfc7239 bool) hops {
	if rfc7239 {
		return hops{rfc7239: true, elems: elements{lines: h.Values("Forwarded")}}
	}
	x := hops{
		forList: members(h["X-Forwarded-For"]),
		proto:   members(h["X-Forwarded-Proto"]),
		host:    members(h["X-Forwarded-Host"]),
	}
	x.n = len(x.forList)
	if len(h["X-Forwarded-For"]) == 0 && (len(h["X-Forwarded-Proto"]) > 0 || len(h["X-Forwarded-Host"]) > 0) {
		x.n = 1 // values without X-Forwarded-For: the peer's own
	}
	return x
}

func (x *hops) next(h *hop) bool {
	if x.rfc7239 {
		return x.elems.next(h)
	}
	if x.i == x.n {
		return false
	}
	*h = hop{node: aligned(x.forList, x.i), proto: aligned(x.proto, x.i), host: aligned(x.host, x.i)}
	x.i++
	return true
}

// aligned returns the member of list for hop i. Each proxy appends to the
// lists, so they are aligned from the right; a list shorter than
// X-Forwarded-For, written once by the edge and passed on by inner proxies
// that do not append, gives its leftmost member to the hops beyond it.
func aligned(list []string, i int) string {
	if len(list) == 0 {
		return ""
	}
	return list[min(i, len(list)-1)]
}

// members returns up to MaxHops members of a comma-separated list that
// spans header lines, from the right.
func members(lines []string) []string {
	var list []string
	for i := len(lines) - 1; i >= 0; i-- {
		for line := strings.Trim(lines[i], " \t"); line != "" && len(list) < MaxHops; {
			j := strings.LastIndexByte(line, ',')
			list = append(list, strings.Trim(line[j+1:], " \t"))
			line = strings.Trim(line[:max(j, 0)], " \t")
		}
	}
	return list
}
