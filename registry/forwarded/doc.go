// Package forwarded resolves the external origin of an HTTP request (the
// scheme and host a client used, and the client's address) from the
// connection and the forwarding headers written by reverse proxies.
//
// It depends on the standard library only. The registry's HTTP middleware
// calls [Policy.Resolve] once per request and rewrites the request so that
// every later consumer (URL builder, token auto-redirect, access log,
// notifications) sees the same validated origin.
//
// # Why
//
// A registry hands clients absolute URLs (the Location of an upload, the Link
// of a paginated list, the realm of a token challenge). Behind TLS-terminating
// proxies it has to learn the external scheme and host from headers. Believing
// those headers from any sender lets a client steer the URLs (X-Forwarded-Host:
// evil.example), and believing the nearest proxy blindly breaks chains in
// which an inner proxy writes its own plain-http view (X-Forwarded-Proto: http)
// over the edge's: Docker and containerd then drop credentials on the next
// request and fail with 401, while other clients send data and credentials in
// cleartext. The fix is to believe a header only when a proxy the operator
// trusts wrote it, to read the whole chain rather than one end of it, and to
// let the operator state the external scheme outright.
//
// # Inputs
//
// The peer address (RemoteAddr), whether the connection is TLS, the Host
// header, and the forwarding headers: either the RFC 7239 family (Forwarded)
// or the de-facto family (X-Forwarded-For, -Proto, -Host, -Port).
//
// # Compatibility mode
//
// Without a policy section the registry behaves like upstream Distribution
// v3.1.2 and believes any sender: if a Forwarded header is present, its first
// element (of the first line) supplies proto and host; otherwise the first line
// of X-Forwarded-Proto supplies the scheme and the first entry of
// X-Forwarded-Host the host. Unlike upstream, a value that is not a valid
// scheme (http or https, any case) or a valid host[:port] is ignored, so it
// cannot reach a URL. The client address follows upstream too: the first
// X-Forwarded-For entry or X-Real-Ip when it is an IP address, else the peer.
//
// # Strict mode
//
// With a policy section:
//
//  1. If the peer is not in TrustedProxies, every forwarding header is
//     ignored: the scheme is https on a TLS connection and http otherwise, the
//     host is the Host header and the client is the peer. Anyone can write a
//     header; only a proxy the operator named is believed.
//  2. Otherwise only the configured header family is read; the other family is
//     dropped unread, because a proxy that writes one family usually passes the
//     other through from the client untouched.
//     - Forwarded: all lines are joined in order and parsed per RFC 7239:
//     tokens, quoted strings with backslash escapes, case-insensitive
//     parameter names, for nodes as IPv4, "[IPv6]", optional port, unknown
//     or _obfuscated. A syntax error or a repeated parameter in one element
//     makes the whole header ignored: a header whose structure cannot be
//     trusted cannot be attributed to hops. The one leniency is optional
//     whitespace around ";" and ",", which upstream's tests and common proxy
//     recipes write and which makes nothing ambiguous.
//     - X-Forwarded: all lines of X-Forwarded-For, -Proto, -Host and -Port are
//     joined and split on commas. Values are aligned with X-Forwarded-For
//     from the right, because each proxy appends: the last value belongs to
//     the hop nearest the registry. A list shorter than X-Forwarded-For gives
//     its leftmost value to the hops beyond it, which is how an edge proxy
//     that overwrites X-Forwarded-Proto and an inner proxy that only appends
//     X-Forwarded-For look. Without X-Forwarded-For there is one hop whose
//     for is missing.
//  3. The hops are walked from the right (nearest first). A hop is used when
//     the proxy that wrote it is trusted: the peer for the last hop, the for
//     address of the hop to its right for the others. The walk stops at the
//     first hop whose for is not a trusted address (that hop is the
//     client-facing one and is still used), whose for is unknown, obfuscated
//     or missing (used, then stop: nothing beyond it can be attributed), or
//     which carries an invalid value (not used; stop before it: a proxy that
//     writes garbage is not believed about anything further out). At most
//     [MaxHops] hops are walked, so work is bounded whatever the header size.
//  4. Per value (scheme, host, port), the outermost used hop that carries one
//     wins: the proxy nearest the client saw what the client sent. A port
//     (X-Forwarded-Port) is added to a host that has none, unless it is the
//     default port of the resolved scheme. The client address is the for of
//     the outermost used hop when that is an IP address, else the peer.
//  5. Scheme, when set, replaces the derived scheme in every mode, trusted or
//     not: it states what the operator knows about the outermost listener.
//
// Whatever the mode, a result carries a scheme of http or https and a host
// that is the Host header or a validated host[:port].
package forwarded
