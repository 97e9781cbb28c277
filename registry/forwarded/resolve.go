package forwarded

import (
	"errors"
	"fmt"
	"net"
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

// Reasons is a set of reasons why a forwarding header or a host was refused.
// Each reason is a fixed word, fit for a metric label: the values a client
// sent are in [Origin.Ignored], never in a Reason.
type Reasons uint8

const (
	// UntrustedPeer: a peer that is not a trusted proxy sent forwarding
	// headers, which were ignored (strict mode).
	UntrustedPeer Reasons = 1 << iota
	// InvalidValue: a forwarded value (proto, host, for) was not valid and
	// was dropped, or a Forwarded header was damaged; in compatibility mode,
	// a value upstream would have used was not valid.
	InvalidValue
	// InvalidHost: the resolved host is not a valid host[:port].
	InvalidHost
	// HostNotAllowed: the resolved host matches none of the allowed hosts.
	// Resolve never sets it; the caller does, where allowed hosts apply.
	HostNotAllowed
)

// AllReasons lists every reason, in a fixed order.
var AllReasons = [...]Reasons{UntrustedPeer, InvalidValue, InvalidHost, HostNotAllowed}

var reasonNames = [...]string{"untrusted_peer", "invalid_value", "invalid_host", "host_not_allowed"}

// String returns the name of a single reason, or the names of a set joined
// by "+".
func (r Reasons) String() string {
	var b strings.Builder
	for i, one := range AllReasons {
		if r&one != 0 {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(reasonNames[i])
		}
	}
	return b.String()
}

// Removals is a set of request parts that compatibility mode removes
// because upstream would use an invalid value from them.
type Removals uint8

const (
	RemoveForwarded Removals = 1 << iota
	RemoveXForwardedFor
	RemoveXForwardedProto
	RemoveXForwardedHost
	RemoveXRealIP
	// RemoveTargetScheme: the scheme of an absolute-form request target
	// ("GET gopher://host/v2/ HTTP/1.1"), which upstream's URL builder uses
	// on a plain connection; the target is to be made origin-form.
	RemoveTargetScheme
)

// Origin is the resolved origin of one request.
type Origin struct {
	// Scheme is "http" or "https".
	Scheme string
	// Host is the Host header or a validated host[:port] from a forwarding
	// header.
	Host string
	// HostValid reports whether Host is a valid host[:port] or empty (a
	// request without Host) and, in compatibility mode, whether the Host
	// header is too, since upstream reads it whatever the URL builder uses.
	// When it is false, the host is the client's text and must not be used
	// to build anything.
	HostValid bool
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

	// Refused says why headers or the host were not believed, if they
	// were not.
	Refused Reasons
	// Ignored, when not nil, describes the first refused value, for the
	// debug log. It may quote what the client sent.
	Ignored error
	// Remove, in compatibility mode, lists the parts of the request that
	// carry a value upstream would use and that is not valid. The caller
	// removes them, or for Forwarded replaces the line (see
	// [Origin.CompatibleForwarded]), so that upstream falls back as if the
	// value were absent.
	Remove Removals
}

// refuse records a refusal and, if it is the first, its description.
func (o *Origin) refuse(why Reasons, err error) {
	o.Refused |= why
	if o.Ignored == nil {
		o.Ignored = err
	}
}

// refuseValue records an invalid hop value, allocating its description only
// for the first: a long chain of bad values costs no more than one.
func (o *Origin) refuseValue(hop int, name, value string) {
	o.Refused |= InvalidValue
	if o.Ignored == nil {
		o.Ignored = &InvalidValueError{Hop: hop, Name: name, Value: value}
	}
}

// CompatibleForwarded returns the Forwarded line that replaces one whose
// first element upstream would read but which carries an invalid value
// (compatibility mode, [RemoveForwarded] in Remove): the element's valid
// proto and host only, or "for=unknown" when neither is valid, so that
// upstream, which reads the first line and skips X-Forwarded-* whenever
// Forwarded is present, uses exactly the valid values.
func (o *Origin) CompatibleForwarded() string {
	var parts []string
	if o.SchemeSource == FromForwarded {
		parts = append(parts, "proto="+o.Scheme)
	}
	if o.HostSource == FromForwarded {
		// A valid host holds no quote or backslash.
		parts = append(parts, `host="`+o.Host+`"`)
	}
	if len(parts) == 0 {
		return "for=unknown"
	}
	return strings.Join(parts, ";")
}

// hop is what one proxy recorded about the request it received.
type hop struct {
	node              node
	forValue          string // as written, for error messages
	proto, host       string
	hasProto, hasHost bool
}

// InvalidValueError reports a hop value that resolution refused to use.
type InvalidValueError struct {
	Hop   int    // 1 for the hop nearest the registry
	Name  string // "for", "proto" or "host"
	Value string
}

func (e *InvalidValueError) Error() string {
	return fmt.Sprintf("hop %d: invalid %s value %q", e.Hop, e.Name, e.Value)
}

// InvalidHostError reports a resolved host that is not a valid host[:port].
type InvalidHostError struct {
	Source Source
	Value  string
}

func (e *InvalidHostError) Error() string {
	return fmt.Sprintf("invalid host %q from the %s", e.Value, e.Source)
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
// against the trusted proxies (a Unix socket, or an address with an IPv6
// zone).
var errNoPeer = errors.New("peer address cannot be matched against trusted proxies")

// errUntrustedPeer notes forwarding headers sent by a peer that is not a
// trusted proxy.
var errUntrustedPeer = errors.New("forwarding headers from a peer that is not a trusted proxy")

// errFirstElement notes, in compatibility mode, a Forwarded line whose first
// element cannot be read.
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
	matchable := false
	if peer, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		o.Peer = netip.AddrPortFrom(peer.Addr().Unmap(), peer.Port())
		o.Client, o.ClientPort = o.Peer.Addr(), o.Peer.Port()
		matchable = peer.Addr().Zone() == ""
	}

	switch {
	case !p.Strict:
		p.resolveCompatible(r, &o)
	case matchable && p.Trusted(o.Peer.Addr()):
		o.PeerTrusted = true
		p.resolveTrusted(r, &o)
	case hasForwardingHeaders(r.Header):
		if matchable {
			o.refuse(UntrustedPeer, errUntrustedPeer)
		} else {
			o.refuse(UntrustedPeer, errNoPeer)
		}
	}
	if p.Scheme != "" {
		o.Scheme, o.SchemeSource = p.Scheme, FromConfig
	}
	o.HostValid = o.Host == "" || ValidHost(o.Host)
	if !o.HostValid {
		o.refuse(InvalidHost, &InvalidHostError{Source: o.HostSource, Value: o.Host})
	} else if !p.Strict && o.HostSource != FromHostHeader && r.Host != "" && !ValidHost(r.Host) {
		// Upstream's token realm and notifications read the Host header
		// even when its URL builder uses a forwarded host.
		o.HostValid = false
		o.refuse(InvalidHost, &InvalidHostError{Source: FromHostHeader, Value: r.Host})
	}
	return o
}

func hasForwardingHeaders(h http.Header) bool {
	for _, k := range [...]string{hdrForwarded, hdrXFF, hdrXFProto, hdrXFHost, hdrXFPort, hdrXRealIP} {
		if len(h[k]) > 0 {
			return true
		}
	}
	return false
}

// resolveCompatible follows upstream v3.1.2 and notes, in o.Remove, the
// headers carrying a value that upstream would use and that is not valid.
// Each test below mirrors the upstream code that reads the header, so that
// exactly the values upstream would use are checked.
func (p *Policy) resolveCompatible(r *http.Request, o *Origin) {
	h := r.Header
	// On a plain connection the URL builder starts from the scheme of an
	// absolute-form request target.
	if r.TLS == nil && r.URL != nil && r.URL.Scheme != "" {
		if scheme, ok := parseScheme(r.URL.Scheme); ok {
			o.Scheme = scheme
		} else {
			o.Remove |= RemoveTargetScheme
			o.refuseValue(1, "proto", r.URL.Scheme)
		}
	}
	// The token auto-redirect reads X-Forwarded-Proto whatever else is
	// present; the URL builder reads it only without Forwarded.
	proto, protoOK := "", false
	if v := first(h[hdrXFProto]); v != "" {
		if proto, protoOK = parseScheme(v); !protoOK {
			o.Remove |= RemoveXForwardedProto
			o.refuseValue(1, "proto", v)
		}
	}
	// The URL builder: the first Forwarded line's first element, or else
	// X-Forwarded-Proto and the first member of X-Forwarded-Host.
	if line := first(h[hdrForwarded]); line != "" {
		el, ok := firstElement(line)
		if !ok {
			o.Remove |= RemoveForwarded
			o.refuse(InvalidValue, errFirstElement)
		}
		if el.proto != "" {
			if scheme, valid := parseScheme(el.proto); valid {
				o.Scheme, o.SchemeSource = scheme, FromForwarded
			} else {
				o.Remove |= RemoveForwarded
				o.refuseValue(1, "proto", el.proto)
			}
		}
		if el.host != "" {
			if ValidHost(el.host) {
				o.Host, o.HostSource = el.host, FromForwarded
			} else {
				o.Remove |= RemoveForwarded
				o.refuseValue(1, "host", el.host)
			}
		}
	} else {
		if protoOK {
			o.Scheme, o.SchemeSource = proto, FromXForwarded
		}
		if v := first(h[hdrXFHost]); v != "" {
			v, _, _ = strings.Cut(v, ",")
			v = strings.TrimSpace(v)
			if ValidHost(v) {
				o.Host, o.HostSource = v, FromXForwarded
			} else {
				o.Remove |= RemoveXForwardedHost
				o.refuseValue(1, "host", v)
			}
		}
	}
	// The client address, as upstream's requestutil.RemoteAddr reads it;
	// upstream skips a value that is not an IP address but logs a warning
	// quoting it, so such a value is removed too.
	if v := first(h[hdrXFF]); v != "" {
		v, _, _ = strings.Cut(v, ",")
		v = strings.Trim(v, " ")
		if a, ok := compatibleIP(v); ok {
			o.Client, o.ClientPort, o.ClientSource = a, 0, FromXForwarded
			return
		}
		o.Remove |= RemoveXForwardedFor
		o.refuseValue(1, "for", v)
	}
	if v := first(h[hdrXRealIP]); v != "" {
		if a, ok := compatibleIP(v); ok {
			o.Client, o.ClientPort, o.ClientSource = a, 0, FromXForwarded
			return
		}
		o.Remove |= RemoveXRealIP
		o.refuseValue(1, "for", v)
	}
}

// compatibleIP accepts what upstream's net.ParseIP accepts: IPv4, IPv6 and
// IPv4-mapped forms, no zone.
func compatibleIP(s string) (netip.Addr, bool) {
	ip := net.ParseIP(s)
	if ip == nil {
		return netip.Addr{}, false
	}
	a, _ := netip.AddrFromSlice(ip)
	return a.Unmap(), true
}

// resolveTrusted is strict mode once the peer is known to be trusted. Each
// family has its own function so that only its own state is on the stack.
func (p *Policy) resolveTrusted(r *http.Request, o *Origin) {
	if p.Header == RFC7239 {
		var fw elementReader
		fw.init(r.Header[hdrForwarded])
		p.walk(o, FromForwarded, &fw, nil)
		return
	}
	var xf xForwardedHops
	xf.init(r.Header)
	p.walk(o, FromXForwarded, nil, &xf)
}

// walk takes hops nearest first, from the Forwarded elements in fw or, when
// fw is nil, from xf, and applies steps 3 to 5 of the package documentation.
// Each used hop's valid values replace the nearer ones, so the outermost used
// hop carrying a valid value wins. (Both sources are plain parameters, not an
// interface, so that they stay on the stack.)
func (p *Policy) walk(o *Origin, source Source, fw *elementReader, xf *xForwardedHops) {
	var (
		client node
		h      hop
		el     element
	)
	for o.Hops < MaxHops {
		if fw != nil {
			if !fw.next(&el) {
				if fw.err != nil {
					o.refuse(InvalidValue, fw.err)
				}
				break
			}
			h.fromElement(&el)
		} else if !xf.next(&h) {
			break
		}
		k := o.Hops + 1
		if h.node.kind == nodeInvalid {
			// Not a node: the hop cannot be attributed to anyone.
			o.refuseValue(k, "for", h.forValue)
			break
		}
		o.Hops++
		if h.hasProto {
			if scheme, ok := parseScheme(h.proto); ok {
				o.Scheme, o.SchemeSource = scheme, source
			} else {
				o.refuseValue(k, "proto", h.proto)
			}
		}
		if h.hasHost {
			if ValidHost(h.host) {
				o.Host, o.HostSource = h.host, source
			} else {
				o.refuseValue(k, "host", h.host)
			}
		}
		client = h.node
		if h.node.kind != nodeIP || !p.Trusted(h.node.addr) {
			break
		}
	}
	if client.kind == nodeIP {
		o.Client, o.ClientPort, o.ClientSource = client.addr, client.port, source
	}
}

// fromElement fills h with the hop an element records.
func (h *hop) fromElement(el *element) {
	*h = hop{}
	if el.has&paramFor != 0 {
		h.node, h.forValue = parseNode(el.forNode, false), el.forNode
	}
	if el.has&paramProto != 0 {
		h.proto, h.hasProto = el.proto, true
	}
	if el.has&paramHost != 0 {
		h.host, h.hasHost = el.host, true
	}
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
