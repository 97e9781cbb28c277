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

// errFirstElement notes, in compatibility mode, a Forwarded header whose
// first element does not parse; upstream ignores it too.
var errFirstElement = errors.New("first Forwarded element is malformed")

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
			o.Ignored = errFirstElement
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

// resolveTrusted is strict mode once the peer is known to be trusted. Each
// family has its own function so that only its own state is on the stack.
func (p *Policy) resolveTrusted(r *http.Request, o *Origin) {
	if p.Header == RFC7239 {
		p.resolveForwarded(r.Header[hdrForwarded], o)
		return
	}
	var xf xForwardedHops
	xf.init(r.Header)
	p.walk(o, FromXForwarded, nil, &xf)
}

func (p *Policy) resolveForwarded(lines []string, o *Origin) {
	var fw ring
	if err := parseForwarded(lines, &fw); err != nil {
		o.Ignored = err
		return
	}
	p.walk(o, FromForwarded, &fw, nil)
}

// walk takes hops nearest first, from the Forwarded elements in fw or, when
// fw is nil, from xf, and applies the rules of steps 3 and 4 of the package
// documentation. Each used hop's values replace the nearer ones, so the
// outermost used hop carrying a value wins. (Both sources are plain
// parameters, not an interface, so that they stay on the stack.)
func (p *Policy) walk(o *Origin, source Source, fw *ring, xf *xForwardedHops) {
	var (
		port   string
		client node
		h      hop
	)
	for o.Hops < MaxHops {
		if fw != nil {
			if o.Hops == min(fw.total, MaxHops) {
				break
			}
			fw.hop(o.Hops, &h)
		} else if !xf.next(&h) {
			break
		}
		if err := h.validate(o.Hops + 1); err != nil {
			o.Ignored = err
			break
		}
		o.Hops++
		if h.hasProto {
			o.Scheme, o.SchemeSource = h.proto, source
		}
		if h.hasHost {
			o.Host, o.HostSource = h.host, source
		}
		if h.hasPort {
			port = h.port
		}
		client = h.node
		if h.node.kind != nodeIP || !p.Trusted(h.node.addr) {
			break
		}
	}
	if client.kind == nodeIP {
		o.Client, o.ClientPort, o.ClientSource = client.addr, client.port, source
	}
	scheme := o.Scheme
	if p.Scheme != "" {
		scheme = p.Scheme
	}
	if port != "" && port != defaultPort(scheme) && o.Host != "" && !hasPort(o.Host) {
		o.Host = o.Host + ":" + port
	}
}

// validate returns why the hop at position k (1 = nearest) must not be used,
// or nil; a valid proto is left in its canonical lower-case form.
func (h *hop) validate(k int) error {
	if h.node.kind == nodeInvalid {
		return &InvalidValueError{Hop: k, Name: "for", Value: h.forValue}
	}
	if h.hasProto {
		scheme, ok := parseScheme(h.proto)
		if !ok {
			return &InvalidValueError{Hop: k, Name: "proto", Value: h.proto}
		}
		h.proto = scheme
	}
	switch {
	case h.hasHost && !ValidHost(h.host):
		return &InvalidValueError{Hop: k, Name: "host", Value: h.host}
	case h.hasPort:
		if _, ok := parsePort(h.port); !ok {
			return &InvalidValueError{Hop: k, Name: "port", Value: h.port}
		}
	}
	return nil
}

func first(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// trimOWS removes the optional whitespace (spaces and tabs) around a list
// member.
func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
