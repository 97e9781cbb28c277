package forwarded

import (
	"net/netip"
	"strings"
)

// nodeKind classifies the for value of a hop (RFC 7239 section 6).
type nodeKind uint8

const (
	nodeMissing    nodeKind = iota // no for value at all
	nodeIP                         // an IPv4 or IPv6 address
	nodeUnknown                    // the literal "unknown"
	nodeObfuscated                 // an _obfuscated identifier
	nodeInvalid                    // anything else
)

var nodeKindNames = [...]string{"missing", "ip", "unknown", "obfuscated", "invalid"}

func (k nodeKind) String() string { return nodeKindNames[k] }

// node is a parsed for value. addr is set, unmapped, for nodeIP.
type node struct {
	kind nodeKind
	addr netip.Addr
	port uint16 // 0 when absent or obfuscated
}

// parseNode parses a node as RFC 7239 writes it: IPv4, "[IPv6]", "unknown" or
// an _obfuscated name, each with an optional ":port" (numeric or
// _obfuscated). With bareIPv6 it also accepts an IPv6 address without
// brackets, the form nginx and most proxies write in X-Forwarded-For; RFC 7239
// requires the brackets.
func parseNode(s string, bareIPv6 bool) node {
	if s == "" {
		return node{kind: nodeInvalid}
	}
	if bareIPv6 {
		if a, err := netip.ParseAddr(s); err == nil {
			if a.Zone() != "" {
				return node{kind: nodeInvalid}
			}
			return node{kind: nodeIP, addr: a.Unmap()}
		}
	}
	name, port := s, ""
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return node{kind: nodeInvalid}
		}
		name, port = s[1:end], s[end+1:]
		a, err := netip.ParseAddr(name)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return node{kind: nodeInvalid}
		}
		n := node{kind: nodeIP, addr: a.Unmap()}
		return withNodePort(n, port)
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		name, port = s[:i], s[i:]
	}
	var n node
	switch {
	case name != "" && '0' <= name[0] && name[0] <= '9':
		a, err := netip.ParseAddr(name)
		if err != nil || !a.Is4() {
			return node{kind: nodeInvalid}
		}
		n = node{kind: nodeIP, addr: a}
	case asciiEqualFold(name, "unknown"):
		n.kind = nodeUnknown
	case isObfuscated(name):
		n.kind = nodeObfuscated
	default:
		return node{kind: nodeInvalid}
	}
	return withNodePort(n, port)
}

// withNodePort applies the ":port" suffix (or "") of a node.
func withNodePort(n node, suffix string) node {
	if suffix == "" {
		return n
	}
	if suffix[0] != ':' {
		return node{kind: nodeInvalid}
	}
	p := suffix[1:]
	if isObfuscated(p) {
		return n
	}
	port, ok := parsePort(p)
	if !ok {
		return node{kind: nodeInvalid}
	}
	n.port = port
	return n
}

// isObfuscated reports whether s is "_" followed by one or more of ALPHA,
// DIGIT, ".", "_" or "-".
func isObfuscated(s string) bool {
	if len(s) < 2 || s[0] != '_' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// parsePort parses a decimal port from 1 to 65535 written with at most five
// digits.
func parsePort(s string) (uint16, bool) {
	if len(s) == 0 || len(s) > 5 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	if n == 0 || n > 65535 {
		return 0, false
	}
	return uint16(n), true
}

// parseScheme returns "http" or "https" for those names in any case.
func parseScheme(s string) (string, bool) {
	switch {
	case asciiEqualFold(s, "http"):
		return "http", true
	case asciiEqualFold(s, "https"):
		return "https", true
	}
	return "", false
}

// maxHostLen bounds a host[:port]: a DNS name has at most 253 bytes, plus a
// port.
const maxHostLen = 253 + len(":65535")

// ValidHost reports whether s is a host[:port] fit for a URL's authority: a
// DNS-style name (letters, digits, '-', '_', dot-separated labels of at most
// 63 bytes), an IPv4 address, or a bracketed IPv6 address without zone, with
// an optional port from 1 to 65535. Nothing else (user info, paths, spaces,
// percent signs, non-ASCII) passes, so a valid host cannot change a URL's
// meaning.
func ValidHost(s string) bool {
	if len(s) == 0 || len(s) > maxHostLen {
		return false
	}
	name, port, hasPort := splitHostPort(s)
	if hasPort {
		if _, ok := parsePort(port); !ok {
			return false
		}
	}
	if name == "" {
		return false
	}
	if name[0] == '[' {
		a, err := netip.ParseAddr(name[1 : len(name)-1])
		return err == nil && a.Is6() && a.Zone() == ""
	}
	return validName(name)
}

// splitHostPort splits a host[:port] without validating it. A bracketed IPv6
// name keeps its brackets. An IPv6 address without brackets has no port.
func splitHostPort(s string) (name, port string, hasPort bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", false
		}
		name, rest := s[:end+1], s[end+1:]
		if rest == "" {
			return name, "", false
		}
		if rest[0] != ':' {
			return "", "", false
		}
		return name, rest[1:], true
	}
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	if strings.IndexByte(s[i+1:], ':') >= 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// validName reports whether s is a dot-separated sequence of non-empty labels
// of letters, digits, '-' and '_', each at most 63 bytes, with an optional
// trailing dot. IPv4 addresses pass as names of digits.
func validName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	label := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if label == 0 {
				return false
			}
			label = 0
			continue
		case isAlnum(c) || c == '-' || c == '_':
		default:
			return false
		}
		label++
		if label > 63 {
			return false
		}
	}
	return label > 0
}

// hostname returns the name part of a validated host[:port], without
// brackets for IPv6.
func hostname(host string) string {
	name, _, _ := splitHostPort(host)
	if strings.HasPrefix(name, "[") {
		return name[1 : len(name)-1]
	}
	return name
}
