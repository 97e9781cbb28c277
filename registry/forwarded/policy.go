package forwarded

import (
	"fmt"
	"net/netip"
	"strings"
)

// MaxHops bounds the hops that resolution walks, and so the memory it keeps,
// whatever the length of the headers. Real chains have a handful of hops.
const MaxHops = 32

// Family names a family of forwarding headers.
type Family uint8

const (
	// XForwarded is X-Forwarded-For, -Proto, -Host and -Port, written by
	// nginx, HAProxy, Caddy, Traefik and most load balancers.
	XForwarded Family = iota
	// RFC7239 is the Forwarded header of RFC 7239.
	RFC7239
)

// ParseFamily parses the configuration names "x-forwarded" and "forwarded",
// in any case.
func ParseFamily(s string) (Family, error) {
	switch {
	case strings.EqualFold(s, "x-forwarded"):
		return XForwarded, nil
	case strings.EqualFold(s, "forwarded"):
		return RFC7239, nil
	}
	return 0, fmt.Errorf("%q is not a header family (want x-forwarded or forwarded)", s)
}

func (f Family) String() string {
	if f == RFC7239 {
		return "forwarded"
	}
	return "x-forwarded"
}

// ParseScheme parses a forced external scheme: "http" or "https" in any case,
// or "" for none.
func ParseScheme(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if v, ok := parseScheme(s); ok {
		return v, nil
	}
	return "", fmt.Errorf("%q is not a scheme (want http or https)", s)
}

// ParseTrustedProxy parses an IP address or a CIDR prefix. An address becomes
// a single-address prefix. IPv4-mapped IPv6 forms are stored as IPv4, since
// peers are compared unmapped.
func ParseTrustedProxy(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR prefix: %v", s, err)
		}
		if a := p.Addr(); a.Is4In6() {
			if p.Bits() < 96 {
				return netip.Prefix{}, fmt.Errorf("%q spans beyond the IPv4-mapped range (::ffff:0:0/96)", s)
			}
			p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR prefix", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// A HostPattern matches host names: an exact name, or "*." followed by a name
// to match any subdomain of it (not the name itself). Matching ignores case
// and any port.
type HostPattern struct {
	name     string // lower case, without "*." and trailing dot
	wildcard bool
}

// ParseHostPattern parses "registry.example.com", "*.example.com", an IPv4
// address or a bracketed or bare IPv6 address.
func ParseHostPattern(s string) (HostPattern, error) {
	v := strings.ToLower(s)
	hp := HostPattern{}
	if rest, ok := strings.CutPrefix(v, "*."); ok {
		hp.wildcard = true
		v = rest
	}
	if a, err := netip.ParseAddr(strings.Trim(v, "[]")); err == nil && !hp.wildcard && a.Zone() == "" {
		hp.name = a.String()
		return hp, nil
	}
	v = strings.TrimSuffix(v, ".")
	if !validName(v) || strings.Contains(v, "*") {
		return HostPattern{}, fmt.Errorf("%q is not a host name pattern (want a name like registry.example.com or *.example.com)", s)
	}
	hp.name = v
	return hp, nil
}

func (hp HostPattern) String() string {
	if hp.wildcard {
		return "*." + hp.name
	}
	return hp.name
}

// Match reports whether host, a host[:port], matches. A host that is not
// valid ([ValidHost]) matches nothing: a pattern is a statement about names,
// and "evil.example,a.example.com" is not a name that ends in example.com.
// Names are compared in ASCII case only, since valid hosts are ASCII.
func (hp HostPattern) Match(host string) bool {
	if !ValidHost(host) {
		return false
	}
	name := strings.TrimSuffix(hostname(host), ".")
	if hp.wildcard {
		return len(name) > len(hp.name)+1 &&
			name[len(name)-len(hp.name)-1] == '.' &&
			equalLowerASCII(name[len(name)-len(hp.name):], hp.name)
	}
	if strings.IndexByte(name, ':') >= 0 {
		// IPv6: compare the canonical form.
		a, err := netip.ParseAddr(name)
		return err == nil && a.String() == hp.name
	}
	return equalLowerASCII(name, hp.name)
}

// equalLowerASCII reports whether s equals lower, which is in lower case,
// ignoring ASCII case only. Unicode case folding would let "\u212a" (the
// Kelvin sign) equal "k".
func equalLowerASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// Policy says whom to believe about a request's origin. The zero Policy is
// compatibility mode.
type Policy struct {
	// Strict selects strict mode; see the package documentation. It is set
	// whenever the operator configured the policy at all.
	Strict bool
	// TrustedProxies are the addresses whose forwarding headers are believed.
	TrustedProxies []netip.Prefix
	// Header is the family of headers the trusted proxies write.
	Header Family
	// Scheme, when "http" or "https", replaces the derived scheme.
	Scheme string
	// AllowedHosts, when not empty, lists the host names the registry serves
	// its API under.
	AllowedHosts []HostPattern
}

// Trusted reports whether a (unmapped) is one of the trusted proxies.
func (p *Policy) Trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, pfx := range p.TrustedProxies {
		if pfx.Contains(a) {
			return true
		}
	}
	return false
}

// HostAllowed reports whether host (a host[:port]) matches AllowedHosts, or
// whether AllowedHosts is empty.
func (p *Policy) HostAllowed(host string) bool {
	if len(p.AllowedHosts) == 0 {
		return true
	}
	for _, hp := range p.AllowedHosts {
		if hp.Match(host) {
			return true
		}
	}
	return false
}

// String describes the policy in one line, for the startup log.
func (p *Policy) String() string {
	if !p.Strict {
		return "compatibility mode: forwarding headers are believed from any client"
	}
	var b strings.Builder
	b.WriteString("trusted proxies [")
	for i, pfx := range p.TrustedProxies {
		if i > 0 {
			b.WriteString(" ")
		}
		if pfx.IsSingleIP() {
			b.WriteString(pfx.Addr().String())
		} else {
			b.WriteString(pfx.String())
		}
	}
	fmt.Fprintf(&b, "], header %s, scheme ", p.Header)
	if p.Scheme == "" {
		b.WriteString("derived")
	} else {
		b.WriteString(p.Scheme)
	}
	if len(p.AllowedHosts) > 0 {
		b.WriteString(", allowed hosts [")
		for i, hp := range p.AllowedHosts {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(hp.String())
		}
		b.WriteString("]")
	}
	return b.String()
}
