package forwarded

import (
	"net/netip"
	"strconv"
	"strings"
)

// parseAddrPort is netip.ParseAddrPort with a short path for what a TCP
// peer is most, a dotted-quad IPv4 address and a port.
func parseAddrPort(s string) (netip.AddrPort, error) {
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if a, ok := parseDottedQuad(s[:i]); ok {
			if port, err := strconv.ParseUint(s[i+1:], 10, 16); err == nil {
				return netip.AddrPortFrom(a, uint16(port)), nil
			}
		}
	}
	return netip.ParseAddrPort(s)
}

// parseDottedQuad parses four decimal fields from 0 to 255, without leading
// zeros, as netip does.
func parseDottedQuad(s string) (netip.Addr, bool) {
	var a [4]byte
	field, digits, v := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9' && (digits == 0 || v != 0): // no leading zero
			v, digits = v*10+int(c-'0'), digits+1
			if v > 255 {
				return netip.Addr{}, false
			}
		case c == '.' && digits > 0 && field < 3:
			a[field] = byte(v)
			field, digits, v = field+1, 0, 0
		default:
			return netip.Addr{}, false
		}
	}
	if field != 3 || digits == 0 {
		return netip.Addr{}, false
	}
	a[3] = byte(v)
	return netip.AddrFrom4(a), true
}
