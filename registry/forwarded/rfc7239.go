package forwarded

import (
	"fmt"
	"strings"
)

// A SyntaxError reports where a Forwarded header stops following RFC 7239.
// Line and Offset locate the byte at which reading from the right gave up.
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

// set records the value of a parameter defined by RFC 7239.
func (el *element) set(which param, value string) {
	el.has |= which
	switch which {
	case paramFor:
		el.forNode = value
	case paramHost:
		el.host = value
	case paramProto:
		el.proto = value
	}
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

// maxExtensions bounds the extension parameters of one element; an element
// with more is damage. It also bounds the work to detect repeats.
const maxExtensions = 8

// elementReader reads the elements of a Forwarded header from the right end:
// the last element of the last line first.
//
// Reading from the right is what makes the header usable when a client wrote
// part of it. A proxy that appends its element to the client's header (", "
// and its own element, or a line of its own) leaves the client's bytes to the
// left of everything trusted proxies wrote. A parser that starts at the left
// lets those bytes decide how the rest is read: an unbalanced quote swallows
// the appended elements. Here each element is parsed by itself, from its
// right end to the comma before it, so the elements the proxies wrote parse
// the same whatever precedes them, and the first element that does not parse
// ends the list.
//
// Each byte is read at most twice (once scanning, once more to check a quoted
// string), and the reader allocates only to unescape a quoted string that
// holds a backslash, and to report damage.
type elementReader struct {
	lines []string // lines not yet read; the current one is lines[line]
	line  int      // index of the current line, or -1 before the first
	s     string   // unread part of the current line: its first i bytes
	i     int
	err   error // the damage that ended the list, once found
	// extensions holds the extension parameter names of the current
	// element, to detect repeats.
	extensions [maxExtensions]string
}

func (r *elementReader) init(lines []string) {
	*r = elementReader{lines: lines, line: len(lines)}
}

// next fills el with the next element from the right and reports whether
// there was one. It reports false at the start of the header or at damage,
// which r.err then describes; nothing to the left of damage is read.
func (r *elementReader) next(el *element) bool {
	*el = element{}
	if r.err != nil {
		return false
	}
	// Skip OWS and empty list members (", ,"), as RFC 9110 section 5.6.1
	// asks of recipients, moving to earlier lines as they run out.
	for {
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
	if err := r.element(el); err != nil {
		r.err = err
		return false
	}
	return true
}

func (r *elementReader) fail(format string, args ...any) error {
	return &SyntaxError{Line: r.line, Offset: r.i, Msg: fmt.Sprintf(format, args...)}
}

func isOWS(c byte) bool { return c == ' ' || c == '\t' }

// element parses one element ending at r.i, leaving r.i on the comma before
// it or at 0.
func (r *elementReader) element(el *element) error {
	nExt := 0
	for params := 0; ; params++ {
		// Parameters are separated by ";" with optional whitespace around
		// it; empty parameters (";;") and semicolons at either end of the
		// element are allowed, whitespace alone separates nothing.
		separated := params == 0
		for r.i > 0 && (isOWS(r.s[r.i-1]) || r.s[r.i-1] == ';') {
			separated = separated || r.s[r.i-1] == ';'
			r.i--
		}
		if r.i == 0 {
			return nil
		}
		if r.s[r.i-1] == ',' {
			r.i-- // the comma ending the previous element
			return nil
		}
		if !separated {
			return r.fail("expected ';' or ',' before a parameter")
		}
		value, escaped, err := r.value()
		if err != nil {
			return err
		}
		if r.i > 0 && r.s[r.i-1] == '"' {
			r.i--
			return r.fail("unbalanced quote")
		}
		if r.i == 0 || r.s[r.i-1] != '=' {
			return r.fail("expected '=' before a parameter value")
		}
		r.i--
		end := r.i
		for r.i > 0 && isTokenChar(r.s[r.i-1]) {
			r.i--
		}
		name := r.s[r.i:end]
		if name == "" {
			return r.fail("expected a parameter name before '='")
		}
		if which := paramNamed(name); which != 0 {
			if el.has&which != 0 {
				return r.fail("parameter %q repeated in one element", name)
			}
			if escaped && len(value) <= 2*maxHostLen {
				// Longer values are invalid whatever they unescape to
				// (unescaping at most halves them), and keep a backslash
				// that fails validation: no copy of a long value is made.
				value = unescape(value)
			}
			el.set(which, value)
			continue
		}
		for _, seen := range r.extensions[:nExt] {
			if strings.EqualFold(seen, name) {
				return r.fail("parameter %q repeated in one element", name)
			}
		}
		if nExt == maxExtensions {
			return r.fail("more than %d extension parameters in one element", maxExtensions)
		}
		r.extensions[nExt] = name
		nExt++
	}
}

// value parses a token or a quoted-string (RFC 9110 section 5.6.4) that ends
// at r.i. It returns the body of a quoted string as written; escaped reports
// that it holds quoted-pairs, which the caller unescapes if it uses the value.
func (r *elementReader) value() (v string, escaped bool, err error) {
	end := r.i
	if r.s[end-1] != '"' {
		for r.i > 0 && isTokenChar(r.s[r.i-1]) {
			r.i--
		}
		if r.i == end {
			return "", false, r.fail("expected a token or a quoted string, found %q", r.s[end-1])
		}
		return r.s[r.i:end], false, nil
	}
	// A quote preceded by an odd run of backslashes is escaped, so it
	// cannot close a string; one preceded by an even run (zero included)
	// can. The opening quote is the nearest unescaped one to the left.
	closing := end - 1
	if backslashesBefore(r.s, closing)%2 == 1 {
		r.i = closing
		return "", false, r.fail("escaped quote where a quoted string must end")
	}
	open := -1
	for j := closing - 1; j >= 0; j-- {
		if r.s[j] == '"' && backslashesBefore(r.s, j)%2 == 0 {
			open = j
			break
		}
	}
	if open < 0 {
		r.i = closing
		return "", false, r.fail("unterminated quoted string")
	}
	// Check the body as a forward reader would: qdtext and quoted-pairs,
	// ending exactly at the closing quote.
	body := r.s[open+1 : closing]
	for j := 0; j < len(body); j++ {
		c := body[j]
		switch {
		case c == '\\':
			j++
			if j == len(body) || !isQuotedPairChar(body[j]) {
				r.i = open + 1 + j
				return "", false, r.fail("invalid escape in quoted string")
			}
			escaped = true
		case !isQdText(c):
			r.i = open + 1 + j
			return "", false, r.fail("invalid byte %#02x in quoted string", c)
		}
	}
	r.i = open
	return body, escaped, nil
}

// backslashesBefore counts the backslashes immediately before s[j].
func backslashesBefore(s string, j int) int {
	n := 0
	for j-n > 0 && s[j-n-1] == '\\' {
		n++
	}
	return n
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

// firstElement returns the first element of a Forwarded line, which upstream
// reads in compatibility mode, and nothing after it: the element ends at the
// first comma outside a quoted string, as a reader from the left finds it.
// ok is false when that element is empty or does not parse.
func firstElement(line string) (el element, ok bool) {
	end := len(line)
	quoted := false
scan:
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ',':
			end = i
			break scan
		}
	}
	var r elementReader
	r.init([]string{line[:end]})
	if !r.next(&el) {
		return element{}, false
	}
	return el, true
}
