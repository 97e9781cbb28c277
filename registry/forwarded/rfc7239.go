package forwarded

import (
	"fmt"
	"strings"
)

// A SyntaxError reports where a Forwarded header stops following RFC 7239.
type SyntaxError struct {
	Line   int    // index of the header line, from 0
	Offset int    // byte offset within that line
	Msg    string // what was wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("Forwarded header line %d, offset %d: %s", e.Line, e.Offset, e.Msg)
}

// element holds the parameters of one forwarded-element that the resolver
// uses. Values are unquoted; has records which parameters were present, so
// that an empty quoted value is told apart from an absent one.
type element struct {
	forNode, proto, host string
	has                  param
}

// param is a bit set of the parameters defined by RFC 7239.
type param uint8

const (
	paramFor param = 1 << iota
	paramBy
	paramHost
	paramProto
)

func paramNamed(name string) param {
	switch len(name) {
	case 2:
		if asciiEqualFold(name, "by") {
			return paramBy
		}
	case 3:
		if asciiEqualFold(name, "for") {
			return paramFor
		}
	case 4:
		if asciiEqualFold(name, "host") {
			return paramHost
		}
	case 5:
		if asciiEqualFold(name, "proto") {
			return paramProto
		}
	}
	return 0
}

// asciiEqualFold reports whether s equals the lower-case ASCII word lower,
// ignoring ASCII case. Parameter names are tokens, so ASCII is all there is.
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// maxExtensions bounds the extension parameters remembered per element to
// detect repeats; an element with more is rejected.
const maxExtensions = 8

// elementParser walks one header line. It allocates only to unescape a quoted
// string that contains a backslash, and to report an error.
type elementParser struct {
	s    string
	i    int
	line int
	// extensions holds the extension parameter names of the current
	// element, to detect repeats; it lives here rather than in next so
	// that it is cleared once per line, not once per element.
	extensions [maxExtensions]string
}

func (p *elementParser) fail(format string, args ...any) error {
	return &SyntaxError{Line: p.line, Offset: p.i, Msg: fmt.Sprintf(format, args...)}
}

func (p *elementParser) skipOWS() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// next parses the next list member. It reports ok=false at the end of the
// line. Empty list members (", ,") are skipped, as RFC 9110 section 5.6.1
// asks of recipients.
func (p *elementParser) next() (el element, ok bool, err error) {
	for {
		p.skipOWS()
		if p.i == len(p.s) {
			return element{}, false, nil
		}
		if p.s[p.i] != ',' {
			break
		}
		p.i++
	}
	nExt := 0
	for {
		p.skipOWS()
		if p.i == len(p.s) || p.s[p.i] == ',' {
			break
		}
		if p.s[p.i] == ';' {
			p.i++
			continue
		}
		start := p.i
		name := p.token()
		if name == "" {
			return element{}, false, p.fail("expected a parameter name, found %q", p.s[p.i])
		}
		if p.i == len(p.s) || p.s[p.i] != '=' {
			return element{}, false, p.fail("expected '=' after parameter %q", name)
		}
		p.i++
		value, err := p.value()
		if err != nil {
			return element{}, false, err
		}
		if which := paramNamed(name); which != 0 {
			if el.has&which != 0 {
				p.i = start
				return element{}, false, p.fail("parameter %q repeated in one element", name)
			}
			el.has |= which
			switch which {
			case paramFor:
				el.forNode = value
			case paramHost:
				el.host = value
			case paramProto:
				el.proto = value
			}
		} else {
			for _, seen := range p.extensions[:nExt] {
				if strings.EqualFold(seen, name) {
					p.i = start
					return element{}, false, p.fail("parameter %q repeated in one element", name)
				}
			}
			if nExt == maxExtensions {
				p.i = start
				return element{}, false, p.fail("more than %d extension parameters in one element", maxExtensions)
			}
			p.extensions[nExt] = name
			nExt++
		}
		p.skipOWS()
		if p.i < len(p.s) && p.s[p.i] != ';' && p.s[p.i] != ',' {
			return element{}, false, p.fail("expected ';' or ',' after a value, found %q", p.s[p.i])
		}
	}
	if p.i < len(p.s) {
		p.i++ // the ',' ending this element
	}
	return el, true, nil
}

func (p *elementParser) token() string {
	start := p.i
	for p.i < len(p.s) && isTokenChar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// value parses a token or a quoted-string (RFC 9110 section 5.6.4).
func (p *elementParser) value() (string, error) {
	if p.i < len(p.s) && p.s[p.i] == '"' {
		return p.quoted()
	}
	v := p.token()
	if v == "" {
		return "", p.fail("expected a token or a quoted string")
	}
	return v, nil
}

func (p *elementParser) quoted() (string, error) {
	open := p.i
	p.i++ // opening quote
	start := p.i
	escaped := false
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			v := p.s[start:p.i]
			p.i++
			if escaped {
				v = unescape(v)
			}
			return v, nil
		case c == '\\':
			p.i++
			if p.i == len(p.s) || !isQuotedPairChar(p.s[p.i]) {
				return "", p.fail("invalid escape in quoted string")
			}
			escaped = true
		case !isQdText(c):
			return "", p.fail("invalid byte %#02x in quoted string", c)
		}
		p.i++
	}
	p.i = open
	return "", p.fail("unterminated quoted string")
}

// unescape removes the backslashes of quoted-pairs from a validated
// quoted-string body.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// tokenChars marks the tchar bytes of RFC 9110 section 5.6.2.
var tokenChars = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", byte(c)) >= 0
	}
	return t
}()

// isTokenChar reports whether c is a tchar.
func isTokenChar(c byte) bool { return tokenChars[c] }

// isQdText reports whether c may appear unescaped in a quoted-string.
func isQdText(c byte) bool {
	return c == '\t' || c == ' ' || c == 0x21 || (0x23 <= c && c <= 0x5B) || (0x5D <= c && c <= 0x7E) || c >= 0x80
}

// isQuotedPairChar reports whether c may follow a backslash in a
// quoted-string.
func isQuotedPairChar(c byte) bool {
	return c == '\t' || c == ' ' || (0x21 <= c && c <= 0x7E) || c >= 0x80
}

// parseForwarded reads every line of a Forwarded header, in order, as one
// list, keeping the last MaxHops elements in r. Any syntax error rejects the
// whole header.
func parseForwarded(lines []string, r *ring) error {
	for n, line := range lines {
		p := elementParser{s: line, line: n}
		for {
			el, ok, err := p.next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			r.push(el)
		}
	}
	return nil
}

// firstElement parses the first element of a Forwarded line, as upstream does
// in compatibility mode; what follows the first element is not read.
func firstElement(line string) (element, bool) {
	p := elementParser{s: line}
	el, ok, err := p.next()
	return el, ok && err == nil
}

// ring keeps the last MaxHops elements of a list of any length.
type ring struct {
	total int
	buf   [MaxHops]element
}

func (r *ring) push(el element) {
	r.buf[r.total%MaxHops] = el
	r.total++
}

// hop fills h with the hop recorded by the k-th element from the right (0 =
// nearest), for k < min(total, MaxHops).
func (r *ring) hop(k int, h *hop) {
	el := &r.buf[(r.total-1-k)%MaxHops]
	*h = hop{}
	if el.has&paramFor != 0 {
		h.node, h.forValue = parseNode(el.forNode, false), el.forNode
	}
	if el.has&paramProto != 0 {
		h.proto, h.hasProto = el.proto, true
	}
	if el.has&paramHost != 0 {
		h.host, h.hasHost = el.host, true
	}
}
