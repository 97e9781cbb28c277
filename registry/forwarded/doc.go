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
// or the de-facto family (X-Forwarded-For, -Proto and -Host).
//
// X-Forwarded-Port is never read. A port belongs to the host the client
// sent, which the client-facing proxy passes in the Host or X-Forwarded-Host
// header; a separate port header is the listener's port of whichever proxy
// wrote it last, and adding it to a host breaks URLs (an inner proxy's 80
// after an https edge) or lets a client choose one through proxies that pass
// it on. Upstream Distribution stopped reading it for the same reason.
//
// # Valid values
//
// A scheme is "http" or "https" in any ASCII case. A host is a host[:port]
// fit for a URL's authority ([ValidHost]): dot-separated DNS labels of
// letters, digits, '-' and '_' (at most 63 bytes each, 253 in all, an
// optional trailing dot), an IPv4 address, or a bracketed IPv6 address
// without zone, with an optional port from 1 to 65535. Nothing else passes:
// no lists (',' or ';'), no empty labels, no user info, path, percent sign,
// space or non-ASCII byte, no "host:" with an empty port, no port 0. A client
// address is an IP address without zone.
//
// # Compatibility mode
//
// Without a policy section the registry behaves like upstream Distribution
// v3.1.2 and believes any sender: if the first line of a Forwarded header is
// not empty, its first element supplies proto and host; otherwise the first
// line of X-Forwarded-Proto supplies the scheme and the first member of the
// first line of X-Forwarded-Host the host. The client address is the first
// member of X-Forwarded-For, else X-Real-Ip, when it is an IP address, else
// the peer. The only difference from upstream is that a value upstream would
// use and that is not valid is reported ([Origin.Drop]) so that the caller
// removes it and upstream falls back as if it were absent; a Host header that
// is not a valid host is reported too ([Origin.HostValid]).
//
// # Strict mode
//
// With a policy section:
//
//  1. If the peer is not in TrustedProxies, every forwarding header is
//     ignored: the scheme is https on a TLS connection and http otherwise, the
//     host is the Host header and the client is the peer. Anyone can write a
//     header; only a proxy the operator named is believed. A peer that is not
//     an IP address (a Unix socket) or that carries an IPv6 zone is never
//     trusted: it cannot be matched against an address list.
//  2. Otherwise only the configured header family is read; the other family is
//     dropped unread, because a proxy that writes one family usually passes the
//     other through from the client untouched.
//     - Forwarded: all lines are one list, and the list is read from its
//     right end, element by element, nearest hop first. Only the right end
//     is known to be written by trusted proxies; everything to the left of
//     the client-facing proxy's element is the client's text, which that
//     proxy appended to. Reading from the right, each element is parsed on
//     its own per RFC 7239 (tokens, quoted strings with backslash escapes,
//     case-insensitive parameter names, at most 8 extension parameters, no
//     parameter twice), so nothing to the left of an element can change how
//     it parses: a client's unbalanced quote cannot swallow the elements
//     proxies append after it. The first element, from the right, that does
//     not parse is damage: it and everything to its left are not read, and
//     the walk stops there. The one leniency is optional whitespace around
//     ";" and ",", which upstream's tests and common proxy recipes write and
//     which makes nothing ambiguous.
//     - X-Forwarded: all lines of X-Forwarded-For, -Proto and -Host are
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
//     or missing (used, then stop: nothing beyond it can be attributed), whose
//     for is not a node at all (not used; stop before it), or at damage. At
//     most [MaxHops] hops are walked, so work is bounded whatever the header
//     size.
//  4. A proto or host that is not valid is dropped on its own, as if the hop
//     had not written it, and counted in [Origin.Refused]: a trusted proxy
//     often copies a client's text (nginx's $http_host into
//     X-Forwarded-Host), and that text must cost neither the hop's for nor
//     the hops beyond it.
//  5. Per value (scheme, host), the outermost used hop that carries a valid
//     one wins: the proxy nearest the client saw what the client sent. The
//     client address is the for of the outermost used hop when that is an IP
//     address, else the peer.
//  6. The host, whatever its source, must be valid; the Host header is the
//     client's text like any other. [Origin.HostValid] reports it; the
//     caller refuses the request rather than build URLs from it. A request
//     without any Host (HTTP/1.0) resolves to an empty host, which names no
//     other server.
//  7. Scheme, when set, replaces the derived scheme in every mode, trusted or
//     not: it states what the operator knows about the outermost listener.
//
// Whatever the mode, a result carries a scheme of http or https; in strict
// mode its host is valid or empty unless HostValid is false.
package forwarded
