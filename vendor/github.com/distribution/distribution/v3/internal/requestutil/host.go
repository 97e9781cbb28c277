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
			if c := label[i]; (c|0x20 < 'a' || c|0x20 > 'z') && (c < '0' || c > '9') && c != '-' && c != '_' {
				return false
			}
		}
	}
	// URL parsers read a name whose last label is a number, decimal or
	// hexadecimal ("0x7f"), as an IPv4 address; it must be one.
	if c := label[0]; '0' <= c && c <= '9' && number(label) {
		a, err := netip.ParseAddr(strings.TrimSuffix(host, "."))
		return err == nil && a.Is4()
	}
	return true
}

// number reports whether s is a decimal or a hexadecimal ("0x7f") number.
func number(s string) bool {
	digits := "0123456789"
	if len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x' {
		s, digits = s[2:], "0123456789abcdefABCDEF"
	}
	return strings.Trim(s, digits) == ""
}
