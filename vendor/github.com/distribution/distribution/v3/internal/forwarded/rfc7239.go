package forwarded

import (
	"strings"

	"github.com/distribution/distribution/v3/internal/requestutil"
)

// elements reads the elements of a Forwarded header (RFC 7239) from its
// right end, the last element of the last line first, without allocating
// but to unescape a quoted string.
//
// Reading from the right is what makes the header usable when a client wrote
// part of it. A proxy appends its element to the client's header (after a
// comma, or as a line of its own), so the client's bytes are left of
// everything trusted proxies wrote. A parser that starts at the left lets
// those bytes decide how the rest is read: an unbalanced quote swallows the
// elements appended after it. Here each element is parsed by itself, from
// its right end to the comma before it, and the first element that does not
// parse ends the list: neither it nor anything to its left is read.
type elements struct {
	lines []string // lines not yet read; the current one is lines[line]
	line  int
	s     string // the current line, read up to its first i bytes
	i     int
	// damaged reports that an element did not parse.
	damaged bool
}

// maxExtensions bounds the extension parameters of an element; an element
// with more is damage. It bounds the work to find repeated names too.
const maxExtensions = 8

func newElements(lines []string) elements {
	return elements{lines: lines, line: len(lines)}
}

// next fills h with the next element from the right and reports whether
// there was one: false at the start of the header or at damage.
func (r *elements) next(h *hop) bool {
	*h = hop{}
	for {
		// Skip whitespace and empty list members (", ,"), moving to
		// earlier lines as they run out.
		for r.i > 0 && (r.s[r.i-1] == ' ' || r.s[r.i-1] == '\t' || r.s[r.i-1] == ',') {
			r.i--
		}
		if r.i > 0 {
			break
		}
		if r.line == 0 {
			return false
		}
		r.line--
		r.s, r.i = r.lines[r.line], len(r.lines[r.line])
	}
	if !r.element(h) {
		r.lines, r.line, r.i, r.damaged = nil, 0, 0, true
		return false
	}
	return true
}

// element parses one element ending at r.i, leaving r.i on the comma before
// it or at 0, and reports whether it parsed.
func (r *elements) element(h *hop) bool {
	var seen [4 + maxExtensions]string // for, by, host, proto and extensions
	n := 0
	for first := true; ; first = false {
		// Parameters are separated by ";" with optional whitespace around
		// it: a leniency, which upstream's tests and common proxy recipes
		// write, and which makes nothing ambiguous.
		separated := first
		for r.i > 0 && (r.s[r.i-1] == ' ' || r.s[r.i-1] == '\t' || r.s[r.i-1] == ';') {
			separated = separated || r.s[r.i-1] == ';'
			r.i--
		}
		if r.i == 0 || r.s[r.i-1] == ',' {
			return true
		}
		if !separated {
			return false
		}
		value, ok := r.value()
		if !ok || r.i == 0 || r.s[r.i-1] != '=' {
			return false
		}
		r.i--
		end := r.i
		for r.i > 0 && isTokenChar(r.s[r.i-1]) {
			r.i--
		}
		name := r.s[r.i:end]
		if name == "" || n == len(seen) {
			return false
		}
		for _, s := range seen[:n] {
			if strings.EqualFold(s, name) {
				return false // a parameter twice in one element
			}
		}
		seen[n] = name
		n++
		switch strings.ToLower(name) {
		case "for":
			h.node = value
		case "proto":
			h.proto = value
		case "host":
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
	for start > 0 && (isTokenChar(r.s[start-1]) || strings.IndexByte(":[]", r.s[start-1]) >= 0) {
		start--
	}
	value := r.s[start:end]
	if !strings.ContainsAny(value, ":[]") || start == 0 || r.s[start-1] != '=' {
		return "", false
	}
	name := start - 1
	for name > 0 && isTokenChar(r.s[name-1]) {
		name--
	}
	if !strings.EqualFold(r.s[name:start-1], "host") || !requestutil.ValidHost(value) {
		return "", false
	}
	r.i = start
	return value, true
}

// value parses a token or a quoted string ending at r.i and returns it
// unquoted.
func (r *elements) value() (string, bool) {
	if v, ok := r.unquotedHost(); ok {
		return v, true
	}
	end := r.i
	if r.s[end-1] != '"' {
		for r.i > 0 && isTokenChar(r.s[r.i-1]) {
			r.i--
		}
		return r.s[r.i:end], r.i < end
	}
	// The opening quote is the nearest one to the left that an even run of
	// backslashes (none included) precedes; the closing one must be too.
	closing := end - 1
	if backslashesBefore(r.s, closing)%2 == 1 {
		return "", false
	}
	open := strings.LastIndexByte(r.s[:closing], '"')
	for open >= 0 && backslashesBefore(r.s, open)%2 == 1 {
		open = strings.LastIndexByte(r.s[:open], '"')
	}
	if open < 0 {
		return "", false
	}
	// Check the body as a reader from the left would: qdtext and
	// quoted-pairs, ending exactly at the closing quote.
	body, escaped := r.s[open+1:closing], false
	for j := 0; j < len(body); j++ {
		switch c := body[j]; {
		case c == '\\':
			j++
			if j == len(body) || body[j] < ' ' && body[j] != '\t' || body[j] == 0x7f {
				return "", false
			}
			escaped = true
		case c < ' ' && c != '\t' || c == 0x7f || c == '"':
			return "", false
		}
	}
	r.i = open
	// A value longer than any valid one is invalid whatever it unescapes
	// to (unescaping at most halves it): it is not copied.
	if escaped && len(body) <= 2*maxValue {
		var b strings.Builder
		for j := 0; j < len(body); j++ {
			if body[j] == '\\' {
				j++
			}
			b.WriteByte(body[j])
		}
		body = b.String()
	}
	return body, true
}

// maxValue is longer than any valid node, proto or host.
const maxValue = 300

// backslashesBefore counts the backslashes immediately before s[j].
func backslashesBefore(s string, j int) int {
	n := 0
	for j-n > 0 && s[j-n-1] == '\\' {
		n++
	}
	return n
}

// isTokenChar reports whether c is a tchar of RFC 9110 section 5.6.2.
func isTokenChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c < 0x80 && strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
