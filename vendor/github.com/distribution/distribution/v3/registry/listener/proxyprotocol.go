package listener

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"sync/atomic"
	"time"

	proxyproto "github.com/pires/go-proxyproto"
)

// DefaultProxyProtocolTimeout is how long a trusted peer has to send its
// PROXY protocol preamble when ProxyProtocol.Timeout is zero.
const DefaultProxyProtocolTimeout = 10 * time.Second

// Reasons a connection is refused for its PROXY protocol preamble, as
// ProxyProtocol.Refused is told them.
const (
	// ProxyProtocolUntrusted: a preamble, read or not, from a peer not
	// trusted to send one: believing it would let a client name any address.
	ProxyProtocolUntrusted = "untrusted_peer"
	// ProxyProtocolMissing: a trusted peer sent something else first, or
	// nothing within the timeout. Reading the connection as if it had no
	// preamble would name the balancer as the client of every request.
	ProxyProtocolMissing = "missing"
	// ProxyProtocolInvalid: a trusted peer's preamble is damaged, or not TCP's.
	ProxyProtocolInvalid = "invalid"
)

// ProxyProtocolReasons are the reasons ProxyProtocol.Refused is told.
var ProxyProtocolReasons = []string{ProxyProtocolUntrusted, ProxyProtocolMissing, ProxyProtocolInvalid}

// ProxyProtocol configures NewProxyProtocolListener.
type ProxyProtocol struct {
	// Trusted are the peers that must send a preamble. An IPv4-mapped peer
	// is compared as IPv4; one without an IP address is never trusted.
	Trusted []netip.Prefix
	// Timeout bounds the wait for the preamble (zero: the default).
	Timeout time.Duration
	// Refused, when set, is called once for each connection refused for
	// its preamble, with one of the reasons above, the peer's own address
	// and the error. It is called on the connection's goroutine.
	Refused func(reason string, peer net.Addr, err error)
}

// NewProxyProtocolListener returns a listener whose connections from
// trusted peers start with a PROXY protocol v1 or v2 preamble: the
// connection's RemoteAddr is then the source address the preamble names
// (the balancer's own for a LOCAL preamble, as health checks send). A
// connection from any other peer is served as it is, unless it starts with
// a preamble, which is refused.
//
// The preamble is read on the connection's first Read, Write or RemoteAddr,
// not in Accept, so that the accept loop never waits on a slow peer; a
// refused connection then fails those reads and writes, which ends it.
func NewProxyProtocolListener(l net.Listener, config ProxyProtocol) net.Listener {
	if config.Timeout == 0 {
		config.Timeout = DefaultProxyProtocolTimeout
	}
	return &proxyProtocolListener{Listener: l, config: config}
}

type proxyProtocolListener struct {
	net.Listener
	config ProxyProtocol
}

func (l *proxyProtocolListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	policy, trusted := proxyproto.REJECT, l.trusts(c.RemoteAddr())
	if trusted {
		policy = proxyproto.REQUIRE
	}
	return &proxyProtocolConn{
		Conn:    proxyproto.NewConn(c, proxyproto.WithPolicy(policy), proxyproto.SetReadHeaderTimeout(l.config.Timeout), proxyproto.ValidateHeader(overTCP)),
		trusted: trusted,
		refused: l.config.Refused,
	}, nil
}

var errNotTCP = errors.New("PROXY protocol preamble for a transport other than TCP over IP")

// overTCP accepts a preamble that names a TCP client, or none (LOCAL,
// UNKNOWN, AF_UNSPEC). A UNIX socket's or a datagram source would become
// the client's address as the balancer wrote it, however unlike an address.
func overTCP(h *proxyproto.Header) error {
	if h.Command.IsLocal() || h.TransportProtocol.IsUnspec() || h.TransportProtocol == proxyproto.TCPv4 || h.TransportProtocol == proxyproto.TCPv6 {
		return nil
	}
	return errNotTCP
}

func (l *proxyProtocolListener) trusts(peer net.Addr) bool {
	tcp, ok := peer.(*net.TCPAddr)
	if !ok {
		return false
	}
	addr, ok := netip.AddrFromSlice(tcp.IP)
	if !ok || tcp.Zone != "" {
		return false
	}
	addr = addr.Unmap()
	for _, p := range l.config.Trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// proxyProtocolConn is the library's connection, which reads the preamble
// and keeps the peer's deadlines, with its refusals reported.
type proxyProtocolConn struct {
	*proxyproto.Conn
	trusted  bool
	refused  func(reason string, peer net.Addr, err error)
	reported atomic.Bool
}

func (c *proxyProtocolConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if err != nil {
		c.report(err)
	}
	return n, err
}

func (c *proxyProtocolConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if err != nil {
		c.report(err)
	}
	return n, err
}

// report tells Refused of the connection's refusal, once. A failure after
// the preamble was read, or of an untrusted peer's connection without one,
// is the connection's own and not reported.
func (c *proxyProtocolConn) report(err error) {
	if c.refused == nil || c.reported.Load() {
		return
	}
	var reason string
	var netErr net.Error
	switch {
	case errors.Is(err, proxyproto.ErrSuperfluousProxyHeader):
		reason = ProxyProtocolUntrusted
	case c.Conn.ProxyHeader() != nil:
		return
	case !c.trusted && (errors.Is(err, proxyproto.ErrNoProxyProtocol) || errors.Is(err, io.EOF) || errors.As(err, &netErr)):
		return
	case !c.trusted:
		// A damaged preamble from a peer not trusted to send one.
		reason = ProxyProtocolUntrusted
	case errors.Is(err, proxyproto.ErrNoProxyProtocol):
		reason = ProxyProtocolMissing
	default:
		reason = ProxyProtocolInvalid
	}
	if !c.reported.Swap(true) {
		c.refused(reason, c.Conn.Raw().RemoteAddr(), err)
	}
}
