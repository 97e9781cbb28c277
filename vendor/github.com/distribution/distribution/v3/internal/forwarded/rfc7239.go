package forwarded

import (
	"strings"

	"github.com/distribution/distribution/v3/internal/requestutil"
	"golang.org/x/net/http/httpguts"
)

// elements reads a Forwarded header (RFC 7239) from its right end, one
// element at a time, without allocating. A proxy appends its element to the
// client's header, after a comma or as a line of its own, so the client's
// bytes are left of everything trusted proxies wrote. A parser from the left
// lets those bytes decide how the rest is read: an unbalanced quote swallows
// the elements after it. Here each element is parsed by itself, from its
// right end to the comma before it, and the first one that does not parse
// ends the list: neither it nor anything to its left is read.
type elements struct {
	lines   []string // the lines left of the current one
	s       string   // the current line, read up to its first i bytes
	i       int
	damaged bool // an element did not parse
}

// maxParams bounds the parameters of an element, and so the work to find a
// repeated name; an element with more is damage.
const maxParams = 12

// next fills h with the next element from the right and reports whether
// there was one: false at the start of the header or at damage.
func (r *elements) next(h *hop) bool {
	*h = hop{}
	for r.skip(" \t,") == 0 { // and empty list members: ", ,"
		if len(r.lines) == 0 {
			return false
		}
		r.s, r.lines = r.lines[len(r.lines)-1], r.lines[:len(r.lines)-1]
		r.i = len(r.s)
	}
	if !r.element(h) {
		*r = elements{damaged: true}
		return false
	}
	return true
}

// element parses one element ending at r.i, leaving r.i on the comma before
// it or at 0, and reports whether it parsed. Whitespace around ";" is a
// leniency that common proxy recipes need, and makes nothing ambiguous.
func (r *elements) element(h *hop) bool {
	var names [maxParams]string
	for n := 0; ; n++ {
		end := r.i
		if r.skip(" \t;") == 0 || r.s[r.i-1] == ',' {
			return n > 0 // an element without a parameter is damage
		}
		if n > 0 && strings.IndexByte(r.s[r.i:end], ';') < 0 {
			return false
		}
		if n == maxParams {
			return false
		}
		value, ok := r.value()
		if !ok || r.i == 0 || r.s[r.i-1] != '=' {
			return false
		}
		r.i--
		end = r.i
		name := r.s[r.skipToken():end]
		for _, seen := range names[:n] {
			if strings.EqualFold(seen, name) {
				return false // a parameter twice in one element
			}
		}
		names[n] = name
		switch {
		case name == "":
			return false
		case strings.EqualFold(name, "for"):
			h.node = value
		case strings.EqualFold(name, "proto"):
			h.proto = value
		case strings.EqualFold(name, "host"):
			h.host = value
		}
	}
}

// unquotedHost reads, as a second leniency, an unquoted host parameter whose
// value is a valid host[:port], as the OpenShift router and HAProxy recipes
// write it (host=registry.example.com:443). RFC 7239 wants such a value
// quoted, since ':' and an IPv6 address's brackets are not token
// characters; but none of them is a delimiter of the Forwarded grammar (';',
// ',', '=', '"'), so the value's extent is as clear as a token's. It reports
// false, leaving r.i alone, for anything else: another parameter, a value
// that is a plain token, or one that is not a valid host[:port], which stays
// damage.
func (r *elements) unquotedHost() (string, bool) {
	end := r.i
	start := end
	for start > 0 && (httpguts.IsTokenRune(rune(r.s[start-1])) || strings.IndexByte(":[]", r.s[start-1]) >= 0) {
		start--
	}
	value := r.s[start:end]
	if !strings.ContainsAny(value, ":[]") || start == 0 || r.s[start-1] != '=' {
		return "", false
	}
	name := start - 1
	for name > 0 && httpguts.IsTokenRune(rune(r.s[name-1])) {
		name--
	}
	if !strings.EqualFold(r.s[name:start-1], "host") || !requestutil.ValidHost(value) {
		return "", false
	}
	r.i = start
	return value, true
}

// value parses a token or a quoted string ending at r.i. A quoted string is
// returned without its quotes, as written between them: no valid node, proto
// or host needs a quoted-pair, so one with a backslash stays invalid.
func (r *elements) value() (string, bool) {
	if v, ok := r.unquotedHost(); ok {
		return v, true
	}
	end := r.i
	if r.s[end-1] != '"' {
		start := r.skipToken()
		return r.s[start:end], start < end
	}
	// A quote after an odd run of backslashes is a quoted-pair: it neither
	// opens nor closes the string.
	if escaped(r.s, end-1) {
		return "", false
	}
	open := strings.LastIndexByte(r.s[:end-1], '"')
	for open >= 0 && escaped(r.s, open) {
		open = strings.LastIndexByte(r.s[:open], '"')
	}
	if open < 0 {
		return "", false
	}
	r.i = open
	return r.s[open+1 : end-1], true
}

// skip moves r.i left past the bytes in set, and returns it.
func (r *elements) skip(set string) int {
	for r.i > 0 && strings.IndexByte(set, r.s[r.i-1]) >= 0 {
		r.i--
	}
	return r.i
}

// skipToken moves r.i left past token characters, and returns it.
func (r *elements) skipToken() int {
	for r.i > 0 && httpguts.IsTokenRune(rune(r.s[r.i-1])) {
		r.i--
	}
	return r.i
}

// escaped reports whether s[j] follows an odd run of backslashes.
func escaped(s string, j int) bool {
	n := 0
	for j > n && s[j-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}
