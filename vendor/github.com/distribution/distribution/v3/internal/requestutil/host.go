package requestutil

import (
	"net/netip"
	"strconv"
	"strings"
)

// ValidProto reports whether s is "http" or "https", in any case.
func ValidProto(s string) bool {
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https")
}

// ValidHost reports whether s is a host[:port] fit for a URL: a DNS name of
// letters, digits, '-' and '_', an IPv4 address or a bracketed IPv6 address
// without zone, and a port from 1 to 65535. Headers carry clients' text;
// nothing else in them may reach the URLs the registry builds.
func ValidHost(s string) bool {
	host := s
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		if port, err := strconv.ParseUint(s[i+1:], 10, 16); err != nil || port == 0 {
			return false
		}
		host = s[:i]
	}
	if ip, ok := strings.CutPrefix(host, "["); ok {
		ip, ok = strings.CutSuffix(ip, "]")
		a, err := netip.ParseAddr(ip)
		return ok && err == nil && a.Is6() && a.Zone() == ""
	}
	name := strings.TrimSuffix(host, ".")
	if len(name) > 253 {
		return false
	}
	var label string
	for more := true; more; {
		label, name, more = strings.Cut(name, ".")
		if len(label) == 0 || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isNameByte(label[i]) {
				return false
			}
		}
	}
	// URL parsers read a name whose last label is a number, decimal or
	// hexadecimal ("0x7f"), as an IPv4 address; it must be one.
	if number(label) {
		a, err := netip.ParseAddr(strings.TrimSuffix(host, "."))
		return err == nil && a.Is4()
	}
	return true
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// number reports whether s is a decimal or a hexadecimal ("0x7f") number.
func number(s string) bool {
	digits, hex := s, false
	if len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x' {
		digits, hex = s[2:], true
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i] | 0x20
		decimal := '0' <= c && c <= '9'
		if !decimal && (!hex || c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
