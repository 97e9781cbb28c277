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
	rfc7239 bool
	elems   elements // Forwarded
	forList members  // X-Forwarded-For
	proto   members  // X-Forwarded-Proto
	host    members  // X-Forwarded-Host
	noFor   bool     // values without X-Forwarded-For: one hop
	n       int
}

func newHops(h http.Header, rfc7239 bool) hops {
	if rfc7239 {
		return hops{rfc7239: true, elems: newElements(h.Values("Forwarded"))}
	}
	forList, proto, host := h["X-Forwarded-For"], h["X-Forwarded-Proto"], h["X-Forwarded-Host"]
	return hops{
		forList: newMembers(forList),
		proto:   newMembers(proto),
		host:    newMembers(host),
		noFor:   len(forList) == 0 && (len(proto) > 0 || len(host) > 0),
	}
}

func (x *hops) next(h *hop) bool {
	if x.rfc7239 {
		return x.elems.next(h)
	}
	*h = hop{}
	if x.noFor {
		if x.n > 0 {
			return false
		}
	} else if v, ok := x.forList.next(); ok {
		h.node = v
	} else {
		return false
	}
	x.n++
	// Each proxy appends to the lists, so they are aligned from the right;
	// a list shorter than X-Forwarded-For, written once by the edge and
	// passed on by inner proxies that do not append, gives its leftmost
	// member to the hops beyond it.
	h.proto = x.proto.aligned()
	h.host = x.host.aligned()
	return true
}

// members reads a comma-separated list that spans header lines from the
// right, one member at a time, without copying it.
type members struct {
	lines []string // lines not yet read
	rest  string   // the unread part of the line being read
	last  string   // the member read last: the leftmost, once none is left
}

func newMembers(lines []string) members { return members{lines: lines} }

// next returns the next member from the right.
func (m *members) next() (string, bool) {
	// Trailing whitespace is dropped as it is read, so that each byte is
	// scanned once however many members are read.
	for m.rest = trimTrailingOWS(m.rest); m.rest == ""; m.rest = trimTrailingOWS(m.rest) {
		if len(m.lines) == 0 {
			return "", false
		}
		m.rest, m.lines = m.lines[len(m.lines)-1], m.lines[:len(m.lines)-1]
	}
	i := strings.LastIndexByte(m.rest, ',')
	member := m.rest[i+1:]
	m.rest = m.rest[:max(i, 0)]
	// The member's trailing whitespace went with the line's.
	for len(member) > 0 && (member[0] == ' ' || member[0] == '\t') {
		member = member[1:]
	}
	m.last = member
	return m.last, true
}

// aligned returns the next member from the right, or the leftmost once
// none is left.
func (m *members) aligned() string {
	if v, ok := m.next(); ok {
		return v
	}
	return m.last
}

func trimTrailingOWS(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
