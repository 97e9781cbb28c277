package forwarded

import (
	"net/http"
	"strings"
)

// listReader reads a comma-separated list spread over header lines from the
// right, one member at a time, without copying or storing it: alignment from
// the right needs the members nearest the registry first, and the walk rarely
// goes past a few of them.
type listReader struct {
	all   []string // every line, to find the leftmost member when needed
	lines []string // lines not yet read, the last one partly in rest
	rest  string   // unread part of the current line
	empty bool     // the list has no members at all
	// leftmost caches first(), which the hops beyond a short list all use.
	leftmost    string
	hasLeftmost bool
}

func (r *listReader) init(lines []string) {
	*r = listReader{all: lines, lines: lines, empty: true}
	for _, line := range lines {
		if trimOWS(line) != "" {
			r.empty = false
			break
		}
	}
}

// first returns the leftmost member of the list.
func (r *listReader) first() string {
	if r.hasLeftmost {
		return r.leftmost
	}
	r.hasLeftmost = true
	for _, line := range r.all {
		if trimOWS(line) != "" {
			member, _, _ := strings.Cut(line, ",")
			r.leftmost = trimOWS(member)
			break
		}
	}
	return r.leftmost
}

// next returns the next member from the right. A line with nothing but
// whitespace adds no member; an empty member within a list is returned as ""
// so that alignment is not shifted, and is later refused as invalid.
func (r *listReader) next() (string, bool) {
	for r.rest == "" {
		if len(r.lines) == 0 {
			return "", false
		}
		last := r.lines[len(r.lines)-1]
		r.lines = r.lines[:len(r.lines)-1]
		if trimOWS(last) != "" {
			r.rest = last
			break
		}
	}
	i := strings.LastIndexByte(r.rest, ',')
	member := r.rest[i+1:]
	if i < 0 {
		r.rest = ""
	} else {
		r.rest = r.rest[:i]
		if r.rest == "" {
			// A leading comma: the empty member to its left is one too.
			r.rest = " "
		}
	}
	return trimOWS(member), true
}

// aligned returns the next member from the right, or the leftmost member once
// the list is exhausted; ok is false for an empty list.
func (r *listReader) aligned() (v string, ok bool) {
	if r.empty {
		return "", false
	}
	if v, ok := r.next(); ok {
		return v, true
	}
	return r.first(), true
}

// xForwardedHops yields the hops of the X-Forwarded-* family, nearest first.
// X-Forwarded-Port is not one of its headers; see the package documentation.
type xForwardedHops struct {
	forList, proto, host listReader
	n                    int // hops yielded so far
	missingFor           bool
}

func (x *xForwardedHops) init(h http.Header) {
	x.forList.init(h[hdrXFF])
	x.proto.init(h[hdrXFProto])
	x.host.init(h[hdrXFHost])
	// Values without X-Forwarded-For make one hop whose for is missing.
	x.missingFor = x.forList.empty && (!x.proto.empty || !x.host.empty)
}

// next fills h with the next hop, nearest first, and reports whether there
// was one.
func (x *xForwardedHops) next(h *hop) bool {
	*h = hop{}
	if x.missingFor {
		if x.n > 0 {
			return false
		}
	} else {
		v, ok := x.forList.next()
		if !ok {
			return false
		}
		h.node, h.forValue = parseNode(v, true), v
	}
	x.n++
	h.proto, h.hasProto = x.proto.aligned()
	h.host, h.hasHost = x.host.aligned()
	return true
}
