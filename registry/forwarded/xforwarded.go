package forwarded

import (
	"net/http"
	"strings"
)

// listTail keeps, of a comma-separated list spread over header lines, its
// first member and its last MaxHops members. That is all that alignment from
// the right needs, whatever the list's length.
type listTail struct {
	total int
	first string
	last  [MaxHops]string
}

// read splits every line on commas and trims optional whitespace. A line with
// nothing but whitespace adds nothing; an empty member within a list is kept
// (as "") so that alignment is not shifted, and is later refused as invalid.
func (t *listTail) read(lines []string) {
	for _, line := range lines {
		if trimOWS(line) == "" {
			continue
		}
		for {
			member, rest, more := strings.Cut(line, ",")
			t.push(trimOWS(member))
			if !more {
				break
			}
			line = rest
		}
	}
}

func (t *listTail) push(v string) {
	if t.total == 0 {
		t.first = v
	}
	t.last[t.total%MaxHops] = v
	t.total++
}

// aligned returns the value for the hop at position k from the right
// (0 = nearest): the k-th member from the right, or the first member for hops
// beyond the list's length. ok is false for an empty list.
func (t *listTail) aligned(k int) (v string, ok bool) {
	switch {
	case t.total == 0:
		return "", false
	case k < t.total:
		return t.last[(t.total-1-k)%MaxHops], true
	default:
		return t.first, true
	}
}

// xForwardedLists groups the four lists, so that they are read in one place.
type xForwardedLists struct {
	forList, proto, host, port listTail
}

// readXForwarded aligns X-Forwarded-For, -Proto, -Host and -Port into hops,
// nearest first.
func readXForwarded(h http.Header, c *chain) {
	var l xForwardedLists
	l.forList.read(h[hdrXFF])
	l.proto.read(h[hdrXFProto])
	l.host.read(h[hdrXFHost])
	l.port.read(h[hdrXFPort])

	c.total = l.forList.total
	if c.total == 0 && (l.proto.total > 0 || l.host.total > 0 || l.port.total > 0) {
		c.total = 1 // one hop whose for is missing
	}
	c.n = min(c.total, MaxHops)
	for k := 0; k < c.n; k++ {
		hp := &c.hops[k]
		*hp = hop{}
		if v, ok := l.forList.aligned(k); ok && k < l.forList.total {
			hp.node, hp.forValue = parseNode(v, true), v
		}
		hp.proto, hp.hasProto = l.proto.aligned(k)
		hp.host, hp.hasHost = l.host.aligned(k)
		hp.port, hp.hasPort = l.port.aligned(k)
	}
}
