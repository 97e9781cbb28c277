package forwarded

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Source says where a resolved value came from.
type Source uint8

const (
	FromConnection Source = iota // the TLS state, or the peer address
	FromHostHeader               // the request's Host header
	FromForwarded                // a Forwarded element
	FromXForwarded               // an X-Forwarded-* or X-Real-Ip value
	FromConfig                   // the configured scheme
)

var sourceNames = [...]string{"connection", "host-header", "forwarded", "x-forwarded", "config"}

func (s Source) String() string { return sourceNames[s] }

// Origin is the resolved origin of one request.
type Origin struct {
	// Scheme is "http" or "https".
	Scheme string
	// Host is the Host header or a validated host[:port].
	Host string
	// Client is the client's address: the outermost believed for address,
	// else the peer. It is the zero Addr when the peer address is not an IP
	// address (a Unix socket, say).
	Client netip.Addr
	// ClientPort is the client's port when known, else 0.
	ClientPort uint16

	// Peer is the address of the connection's other end.
	Peer netip.AddrPort
	// PeerTrusted reports whether Peer is a trusted proxy (always false in
	// compatibility mode).
	PeerTrusted bool
	// Hops is the number of forwarding hops used.
	Hops         int
	SchemeSource Source
	HostSource   Source
	ClientSource Source
	// Ignored, when not nil, says why forwarding headers sent by a trusted
	// proxy (or, in compatibility mode, by anyone) were not believed in full.
	Ignored error
}

// hop is what one proxy recorded about the request it received.
type hop struct {
	node              node
	forValue          string // as written, for error messages
	proto, host, port string
	hasProto, hasHost bool
	hasPort           bool
}

// chain holds up to MaxHops hops, nearest to the registry first.
type chain struct {
	hops  [MaxHops]hop
	n     int // hops kept
	total int // hops present in the headers
}

// InvalidValueError reports a hop value that resolution refused to use.
type InvalidValueError struct {
	Hop   int    // 1 for the hop nearest the registry
	Name  string // "for", "proto", "host" or "port"
	Value string
}

func (e *InvalidValueError) Error() string {
	return fmt.Sprintf("hop %d: invalid %s value %q", e.Hop, e.Name, e.Value)
}

// Canonical header keys, looked up directly so that no key is canonicalized
// per request.
const (
	hdrForwarded = "Forwarded"
	hdrXFF       = "X-Forwarded-For"
	hdrXFProto   = "X-Forwarded-Proto"
	hdrXFHost    = "X-Forwarded-Host"
	hdrXFPort    = "X-Forwarded-Port"
	hdrXRealIP   = "X-Real-Ip"
)

// errNoPeer notes, in strict mode, a connection whose peer cannot be matched
// against the trusted proxies (a Unix socket, say).
var errNoPeer = errors.New("peer address is not an IP address")

// Resolve derives the origin of r under the policy. It reads r and never
// changes it. See the package documentation for the algorithm.
func (p *Policy) Resolve(r *http.Request) Origin {
	o := Origin{
		Scheme:       "http",
		Host:         r.Host,
		HostSource:   FromHostHeader,
		SchemeSource: FromConnection,
		ClientSource: FromConnection,
	}
	if r.TLS != nil {
		o.Scheme = "https"
	}
	if peer, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		o.Peer = netip.AddrPortFrom(peer.Addr().Unmap(), peer.Port())
		o.Client, o.ClientPort = o.Peer.Addr(), o.Peer.Port()
	} else if p.Strict {
		o.Ignored = errNoPeer
	}

	switch {
	case !p.Strict:
		p.resolveCompatible(r, &o)
	case o.Peer.IsValid() && p.Trusted(o.Peer.Addr()):
		o.PeerTrusted = true
		p.resolveTrusted(r, &o)
	}
	if p.Scheme != "" {
		o.Scheme, o.SchemeSource = p.Scheme, FromConfig
	}
	return o
}

// resolveCompatible follows upstream v3.1.2, dropping invalid values.
func (p *Policy) resolveCompatible(r *http.Request, o *Origin) {
	h := r.Header
	if lines := h[hdrForwarded]; len(lines) > 0 && lines[0] != "" {
		el, ok := firstElement(lines[0])
		if !ok {
			o.Ignored = errors.New("first Forwarded element is malformed")
		}
		if scheme, valid := parseScheme(el.proto); valid {
			o.Scheme, o.SchemeSource = scheme, FromForwarded
		} else if el.has&paramProto != 0 {
			o.Ignored = &InvalidValueError{Hop: 1, Name: "proto", Value: el.proto}
		}
		if ValidHost(el.host) {
			o.Host, o.HostSource = el.host, FromForwarded
		} else if el.has&paramHost != 0 {
			o.Ignored = &InvalidValueError{Hop: 1, Name: "host", Value: el.host}
		}
	} else {
		if v := first(h[hdrXFProto]); v != "" {
			if scheme, valid := parseScheme(v); valid {
				o.Scheme, o.SchemeSource = scheme, FromXForwarded
			} else {
				o.Ignored = &InvalidValueError{Hop: 1, Name: "proto", Value: v}
			}
		}
		if v := first(h[hdrXFHost]); v != "" {
			v, _, _ = strings.Cut(v, ",")
			v = trimOWS(v)
			if ValidHost(v) {
				o.Host, o.HostSource = v, FromXForwarded
			} else {
				o.Ignored = &InvalidValueError{Hop: 1, Name: "host", Value: v}
			}
		}
	}
	if v := first(h[hdrXFF]); v != "" {
		v, _, _ = strings.Cut(v, ",")
		if a, err := netip.ParseAddr(trimOWS(v)); err == nil && a.Zone() == "" {
			o.Client, o.ClientPort, o.ClientSource = a.Unmap(), 0, FromXForwarded
			return
		}
	}
	if v := first(h[hdrXRealIP]); v != "" {
		if a, err := netip.ParseAddr(trimOWS(v)); err == nil && a.Zone() == "" {
			o.Client, o.ClientPort, o.ClientSource = a.Unmap(), 0, FromXForwarded
		}
	}
}

// resolveTrusted is strict mode once the peer is known to be trusted.
func (p *Policy) resolveTrusted(r *http.Request, o *Origin) {
	var c chain
	source := FromXForwarded
	if p.Header == RFC7239 {
		source = FromForwarded
		if err := parseForwarded(r.Header[hdrForwarded], &c); err != nil {
			o.Ignored = err
			return
		}
	} else {
		readXForwarded(r.Header, &c)
	}

	// Walk from the nearest hop outwards; used is the count of hops used.
	used := 0
	for used < c.n {
		h := &c.hops[used]
		if err := h.invalid(used + 1); err != nil {
			o.Ignored = err
			break
		}
		used++
		if h.node.kind != nodeIP || !p.Trusted(h.node.addr) {
			break
		}
	}
	o.Hops = used
	if used == 0 {
		return
	}

	// The outermost used hop carrying a value wins, per value.
	var port string
	for k := used - 1; k >= 0; k-- {
		h := &c.hops[k]
		if h.hasProto && o.SchemeSource == FromConnection {
			o.Scheme, _ = parseScheme(h.proto)
			o.SchemeSource = source
		}
		if h.hasHost && o.HostSource == FromHostHeader {
			o.Host, o.HostSource = h.host, source
		}
		if h.hasPort && port == "" {
			port = h.port
		}
	}
	if outer := c.hops[used-1].node; outer.kind == nodeIP {
		o.Client, o.ClientPort, o.ClientSource = outer.addr, outer.port, source
	}
	scheme := o.Scheme
	if p.Scheme != "" {
		scheme = p.Scheme
	}
	if port != "" && port != defaultPort(scheme) && !hasPort(o.Host) && o.Host != "" {
		o.Host = o.Host + ":" + port
	}
}

// invalid returns why the hop at position k (1 = nearest) must not be used,
// or nil.
func (h *hop) invalid(k int) error {
	switch {
	case h.node.kind == nodeInvalid:
		return &InvalidValueError{Hop: k, Name: "for", Value: h.forValue}
	case h.hasProto && !isScheme(h.proto):
		return &InvalidValueError{Hop: k, Name: "proto", Value: h.proto}
	case h.hasHost && !ValidHost(h.host):
		return &InvalidValueError{Hop: k, Name: "host", Value: h.host}
	case h.hasPort:
		if _, ok := parsePort(h.port); !ok {
			return &InvalidValueError{Hop: k, Name: "port", Value: h.port}
		}
	}
	return nil
}

func isScheme(s string) bool {
	_, ok := parseScheme(s)
	return ok
}

func first(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

func trimOWS(s string) string {
	return strings.Trim(s, " \t")
}
