// Package forwarded resolves the external origin of a request (the scheme
// and host a client used, and the client's address) from the connection
// and the forwarding headers written by the proxies the operator trusts.
//
// Anyone can send a forwarding header; only a proxy can be trusted to
// write it. So the peer must be a trusted proxy for its headers to be read
// at all: a request from any other peer is resolved from its connection
// and Host header alone.
package forwarded

import (
	"cmp"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/internal/requestutil"
)

// MaxHops bounds the hops a resolution walks, whatever the headers' length.
// Real chains have a handful.
const MaxHops = 32

// Policy says whose forwarding headers to believe.
type Policy struct {
	trusted []netip.Prefix
	header  string // the header family read: "x-forwarded" or "forwarded"
	scheme  string // the configured external scheme, or ""
	allowed []hostPattern

	// The balancers whose PROXY protocol preamble is required, and the
	// wait for it, for the startup line: the listener enforces them.
	proxyProtocol     []string
	proxyProtocolWait time.Duration
}

// New returns the policy that c configures.
func New(c *configuration.Forwarded) (*Policy, error) {
	trusted, err := c.TrustedPrefixes()
	if err != nil {
		return nil, err
	}
	p := &Policy{trusted: trusted}
	p.scheme = strings.ToLower(c.Scheme)
	p.header = cmp.Or(strings.ToLower(c.Header), "x-forwarded")
	p.proxyProtocol, p.proxyProtocolWait = c.ProxyProtocol, c.ProxyProtocolWait()
	for _, s := range c.AllowedHosts {
		p.allowed = append(p.allowed, parseHostPattern(s))
	}
	return p, nil
}

// String describes the policy for the startup log.
func (p *Policy) String() string {
	trusted := make([]string, len(p.trusted))
	for i, prefix := range p.trusted {
		trusted[i] = prefix.String()
		if prefix.IsSingleIP() {
			trusted[i] = prefix.Addr().String()
		}
	}
	parts := make([]string, 0, 5) // one for each key the line states
	parts = append(parts, fmt.Sprintf("trusted proxies %v", trusted))
	parts = append(parts, "header "+p.header)
	parts = append(parts, "scheme "+cmp.Or(p.scheme, "derived"))
	allowed := make([]string, len(p.allowed))
	for i, pattern := range p.allowed {
		allowed[i] = pattern.String()
	}
	parts = append(parts, fmt.Sprintf("allowed hosts %v", allowed))
	proxyProtocol := "off"
	if len(p.proxyProtocol) > 0 {
		proxyProtocol = fmt.Sprintf("required from %v within %s", p.proxyProtocol, p.proxyProtocolWait)
	}
	parts = append(parts, "PROXY protocol "+proxyProtocol)
	return strings.Join(parts, ", ")
}

func (p *Policy) trusts(a netip.Addr) bool {
	for _, prefix := range p.trusted {
		if prefix.Contains(a) {
			return true
		}
	}
	return false
}

// Resolve returns the origin of r, and why it ignored a header, if it
// did. The origin's scheme is never the request target's, which is the
// client's word, and its host is "" when no valid one is known.
func (p *Policy) Resolve(r *http.Request) (requestutil.Origin, Refused) {
	var (
		o       requestutil.Origin
		refused Refused
	)
	if r.TLS != nil {
		o.Scheme = "https"
	}
	if requestutil.ValidHost(r.Host) {
		o.Host = r.Host
	}
	// A peer with a zone, or one that is not an IP address at all (a Unix
	// socket), cannot be matched against the trusted networks.
	if peer, err := netip.ParseAddrPort(r.RemoteAddr); err == nil && peer.Addr().Zone() == "" {
		o.Client = peer.Addr().Unmap()
	}
	switch {
	case p.header == "forwarded" && strings.ContainsAny(r.Host, `,;"\`) && o.Client.IsValid() && p.trusts(o.Client):
		// A proxy that writes the Host header into host= unquoted, as the
		// OpenShift router does, copies these with it: such a Host could
		// have written elements of its own, so none is believed. The Host
		// is looked at before the peer, so that other requests look up
		// their peer's trust once, below.
		refused = InvalidValue
	case o.Client.IsValid() && p.trusts(o.Client):
		o.Client, refused = p.walk(newHops(r.Header, p.header == "forwarded"), o.Client, &o)
	case hasForwarding(r.Header):
		refused = UntrustedPeer
	}
	o.Scheme = cmp.Or(o.Scheme, "http")
	o.Scheme = cmp.Or(p.scheme, o.Scheme) // a configured scheme wins
	return o, refused
}

func hasForwarding(h http.Header) bool {
	for _, name := range []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-Ip"} {
		if len(h[name]) > 0 {
			return true
		}
	}
	return false
}

// walk reads hops nearest first, while their writers are trusted, into o,
// and returns the client's address.
func (p *Policy) walk(chain hops, client netip.Addr, o *requestutil.Origin) (netip.Addr, Refused) {
	var (
		h       hop
		refused Refused
	)
	for i := 0; i < MaxHops && chain.next(&h); i++ {
		addr, isNode := parseNode(h.node)
		if !isNode {
			refused |= InvalidValue
			break // not an address a proxy writes: nothing of this hop is believed
		}
		if requestutil.ValidProto(h.proto) {
			o.Scheme = strings.ToLower(h.proto)
		} else if h.proto != "" {
			refused |= InvalidValue
		}
		if requestutil.ValidHost(h.host) {
			o.Host = h.host
		} else if h.host != "" {
			refused |= InvalidValue
		}
		if !addr.IsValid() {
			break // no address: nothing beyond this hop can be attributed
		}
		client = addr.Unmap()
		if !p.trusts(client) {
			break
		}
	}
	if chain.elems.damaged {
		refused |= InvalidValue
	}
	return client, refused
}

// parseNode parses a hop's client address. A missing address is a node
// without an address.
func parseNode(s string) (netip.Addr, bool) {
	if s == "" {
		return netip.Addr{}, true
	}
	// "unknown" and an obfuscated identifier ("_hidden") name no address.
	if strings.EqualFold(s, "unknown") || len(s) > 1 && s[0] == '_' {
		return netip.Addr{}, true
	}
	// An obfuscated port ("192.0.2.43:_p1", RFC 7239 section 6.3) names
	// no port: the address is all there is.
	if i := strings.LastIndex(s, ":_"); i > 0 {
		s = s[:i]
	}
	// With a port, an IPv6 address is bracketed: "[2001:db8::1]:4711". The
	// port's shape comes first, as a failed parse allocates its error.
	if i := strings.LastIndexByte(s, ':'); i > 0 && (s[i-1] == ']' || strings.IndexByte(s[:i], ':') < 0) {
		ap, err := netip.ParseAddrPort(s)
		if err != nil || ap.Addr().Zone() != "" {
			return netip.Addr{}, false
		}
		return ap.Addr(), true
	}
	// Without a port, brackets may enclose an IPv6 address, and only that.
	if inner, ok := strings.CutPrefix(s, "["); ok {
		s, ok = strings.CutSuffix(inner, "]")
		if a, err := netip.ParseAddr(s); !ok || err != nil || !a.Is6() {
			return netip.Addr{}, false
		}
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}
