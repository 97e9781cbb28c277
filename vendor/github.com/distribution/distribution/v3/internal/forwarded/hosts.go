package forwarded

import (
	"strings"

	"github.com/distribution/distribution/v3/internal/requestutil"
)

// hostPattern is an allowed host: a name, or a domain whose subdomains
// match, and a port, "" for the scheme's default or "*" for any.
type hostPattern struct {
	name      string
	subdomain bool
	port      string
}

func parseHostPattern(s string) hostPattern {
	var p hostPattern
	s, p.subdomain = strings.CutPrefix(strings.ToLower(s), "*.")
	p.name, p.port = cutPort(s)
	p.name = strings.TrimSuffix(p.name, ".")
	return p
}

// String returns the pattern as it is configured, in lower case.
func (p hostPattern) String() string {
	s := p.name
	if p.subdomain {
		s = "*." + s
	}
	if p.port != "" {
		s += ":" + p.port
	}
	return s
}

// cutPort splits a host[:port] at its port, keeping an IPv6 address's
// brackets.
func cutPort(s string) (name, port string) {
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// matches reports whether the name and port of a host reached over scheme
// match; name is in lower case, without a trailing dot.
func (p hostPattern) matches(name, port, scheme string) bool {
	switch {
	case p.port == "*":
	case p.port == "":
		if port != "" && port != defaultPort(scheme) {
			return false
		}
	case port != p.port:
		return false
	}
	if p.subdomain {
		return strings.HasSuffix(name, "."+p.name)
	}
	return name == p.name
}

// CheckHost reports whether the host of o is one the registry serves: a valid
// host, and one of the allowed hosts when they are configured. Names compare
// in ASCII case only, hosts being ASCII, and with or without a trailing dot.
func (p *Policy) CheckHost(o requestutil.Origin) Refused {
	if o.Host == "" {
		return HostInvalid
	}
	if len(p.allowed) == 0 {
		return 0
	}
	name, port := cutPort(o.Host)
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	for _, pattern := range p.allowed {
		if pattern.matches(name, port, o.Scheme) {
			return 0
		}
	}
	return HostNotAllowed
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}
