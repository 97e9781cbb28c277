// Package forwardedhandler applies a [forwarded.Policy] to every request
// before the registry application sees it.
//
// The registry's URL builder, token auto-redirect, access log, request logger,
// notifications and CloudFront IP filter each read the request's origin
// their own way (X-Forwarded-Proto, X-Forwarded-Host, the first
// X-Forwarded-For, X-Real-Ip, Host, RemoteAddr). Rather than change each of
// them, the handler resolves the origin once and, in strict mode, rewrites
// the request so that all of those readings agree with the resolved,
// validated origin:
//
//   - Host is the resolved host, and X-Forwarded-Host holds it once;
//   - X-Forwarded-Proto holds the resolved scheme once;
//   - RemoteAddr is the client ("ip:port" when its port is known, else
//     "ip"), and X-Forwarded-For, X-Real-Ip, Forwarded and X-Forwarded-Port
//     are removed, so every reader of the client address finds RemoteAddr;
//   - a request target in absolute form gets the resolved scheme and host.
//
// A request to the API whose resolved host is not a valid host[:port] is
// answered 400 HOST_INVALID, and one whose host is not allowed 400
// HOST_NOT_ALLOWED, before the application sees it.
//
// In compatibility mode the request is passed on as it came, except that a
// value upstream would use and that is not valid is removed (see
// [forwarded.Origin.Remove]), and an API request whose Host is not valid is
// answered 400 HOST_INVALID.
//
// Nothing a request carries writes a log line above debug level for each
// request: refusals are counted in registry_forwarded_refused_total, by
// reason, and described in the request's debug line. A trusted proxy that
// writes invalid forwarding values is reported at warning level at most once
// a minute, naming the proxy and the reason only.
//
// The connection's peer stays available through [Peer] and in the debug log.
package forwardedhandler

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	prometheus "github.com/distribution/distribution/v3/metrics"
	"github.com/distribution/distribution/v3/registry/api/errcode"
	"github.com/docker/go-metrics"
	"github.com/sirupsen/logrus"

	"github.com/proxyaware/registry/registry/forwarded"
)

// ErrorCodeHostNotAllowed is returned for an API request whose resolved host
// matches none of the allowed hosts.
var ErrorCodeHostNotAllowed = errcode.Register("registry.forwarded", errcode.ErrorDescriptor{
	Value:   "HOST_NOT_ALLOWED",
	Message: "host %q is not served by this registry",
	Description: `The host the request was made to, as resolved from the
	Host header and the trusted proxies' forwarding headers, matches none of
	http.forwarded.allowedhosts.`,
	HTTPStatusCode: http.StatusBadRequest,
})

// ErrorCodeHostInvalid is returned for an API request whose resolved host is
// not a valid host[:port], so that no URL can be built from it. The value is
// not echoed: it is the client's text, possibly anything.
var ErrorCodeHostInvalid = errcode.Register("registry.forwarded", errcode.ErrorDescriptor{
	Value:   "HOST_INVALID",
	Message: "the request's host is not a valid host[:port]",
	Description: `The host the request was made to, as resolved from the
	Host header and the trusted proxies' forwarding headers, is not a DNS
	name, an IPv4 address or a bracketed IPv6 address with an optional port
	from 1 to 65535.`,
	HTTPStatusCode: http.StatusBadRequest,
})

// refused counts refusals by reason. Its label takes the four fixed values
// of forwarded.AllReasons, all present from the start.
var (
	metricsNamespace = metrics.NewNamespace(prometheus.NamespacePrefix, "forwarded", nil)
	refused          = metricsNamespace.NewLabeledCounter("refused",
		"Forwarding headers and hosts refused, by reason: untrusted_peer, invalid_value, invalid_host, host_not_allowed.", "reason")
	refusedBy [len(forwarded.AllReasons)]metrics.Counter
)

func init() {
	for i, reason := range forwarded.AllReasons {
		refusedBy[i] = refused.WithValues(reason.String())
		refusedBy[i].Inc(0)
	}
	metrics.Register(metricsNamespace)
}

// warnInterval is the least time between two warnings for one reason.
const warnInterval = time.Minute

type peerKey struct{}

// Peer returns the address of the connection's other end, as it was before
// the handler replaced RemoteAddr with the client's address.
func Peer(ctx context.Context) (netip.AddrPort, bool) {
	p, ok := ctx.Value(peerKey{}).(netip.AddrPort)
	return p, ok
}

// Handler resolves and rewrites each request's origin, then calls Next.
type Handler struct {
	Policy *forwarded.Policy
	// APIRoot is the path of the API root without trailing slash, "/v2" or,
	// with http.prefix, "/prefix/v2". Hosts are enforced under it.
	APIRoot string
	Next    http.Handler
	Log     *logrus.Logger

	// lastWarning holds when a trusted proxy's invalid value was last
	// logged at warning level (Unix nanoseconds).
	lastWarning atomic.Int64
}

// New returns a Handler for the API under prefix (upstream's http.prefix).
func New(policy *forwarded.Policy, prefix string, log *logrus.Logger, next http.Handler) *Handler {
	return &Handler{
		Policy:  policy,
		APIRoot: strings.TrimRight(prefix, "/") + "/v2",
		Next:    next,
		Log:     log,
	}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o := h.Policy.Resolve(r)
	api := h.isAPI(r.URL.Path)
	// served: the host may be passed on to upstream.
	served := o.HostValid && h.Policy.HostAllowed(o.Host)
	if api && o.HostValid && !served {
		o.Refused |= forwarded.HostNotAllowed
	}
	h.report(r, &o)

	switch {
	case api && !o.HostValid:
		_ = errcode.ServeJSON(w, ErrorCodeHostInvalid)
		return
	case api && !served:
		_ = errcode.ServeJSON(w, ErrorCodeHostNotAllowed.WithArgs(o.Host))
		return
	}

	// User info in a request target ("GET http://user@host/v2/") has no
	// meaning to a server; upstream would copy it into a Link.
	r.URL.User = nil
	if !h.Policy.Strict {
		removeInvalid(r, &o)
		h.Next.ServeHTTP(w, r)
		return
	}
	// Outside the API a host that is not valid, or not allowed, is served
	// but not passed on: upstream's router writes redirects from it.
	host := o.Host
	if !served {
		host = ""
	}
	rewrite(r, &o, host)
	if o.Peer.IsValid() {
		r = r.WithContext(context.WithValue(r.Context(), peerKey{}, o.Peer))
	}
	h.Next.ServeHTTP(w, r)
}

func (h *Handler) isAPI(path string) bool {
	return strings.HasPrefix(path, h.APIRoot) &&
		(len(path) == len(h.APIRoot) || path[len(h.APIRoot)] == '/')
}

// removeInvalid removes, in compatibility mode, the values upstream would
// use and which are not valid, so that upstream falls back as if they were
// absent. Everything else stays as it came.
func removeInvalid(r *http.Request, o *forwarded.Origin) {
	if (r.URL.Scheme != "" || r.URL.Host != "") && (o.Remove&forwarded.RemoveTargetScheme != 0 || !o.HostValid) {
		// An absolute-form target with an invalid scheme or host becomes
		// origin-form, which upstream reads as if they were absent.
		r.URL.Scheme, r.URL.Host = "", ""
	}
	if o.Remove == 0 {
		return
	}
	hdr := r.Header
	for _, hd := range [...]struct {
		bit forwarded.Removals
		key string
	}{
		{forwarded.RemoveXForwardedProto, "X-Forwarded-Proto"},
		{forwarded.RemoveXForwardedHost, "X-Forwarded-Host"},
		{forwarded.RemoveXForwardedFor, "X-Forwarded-For"},
		{forwarded.RemoveXRealIP, "X-Real-Ip"},
	} {
		if o.Remove&hd.bit != 0 {
			delete(hdr, hd.key)
		}
	}
	if o.Remove&forwarded.RemoveForwarded != 0 {
		hdr["Forwarded"] = []string{o.CompatibleForwarded()}
	}
}

// rewrite makes r carry exactly the resolved origin, with host as its host
// (the resolved one, or "" when that must not be passed on).
func rewrite(r *http.Request, o *forwarded.Origin, host string) {
	hdr := r.Header
	delete(hdr, "Forwarded")
	delete(hdr, "X-Forwarded-Port")
	delete(hdr, "X-Real-Ip")
	delete(hdr, "X-Forwarded-For")
	setOne(hdr, "X-Forwarded-Proto", o.Scheme)
	if host != "" {
		setOne(hdr, "X-Forwarded-Host", host)
	} else {
		delete(hdr, "X-Forwarded-Host")
	}
	r.Host = host
	if r.URL.Scheme != "" || r.URL.Host != "" {
		// An absolute-form request target; upstream builds the Link of a
		// paginated list from it.
		r.URL.Scheme, r.URL.Host = o.Scheme, host
	}
	switch {
	case !o.Client.IsValid():
		// No IP peer (a Unix socket): RemoteAddr stays as it is.
	case o.Client == o.Peer.Addr() && o.ClientPort == o.Peer.Port():
		// RemoteAddr already names the client.
	case o.ClientPort != 0:
		r.RemoteAddr = net.JoinHostPort(o.Client.String(), strconv.Itoa(int(o.ClientPort)))
	default:
		r.RemoteAddr = o.Client.String()
	}
}

// setOne sets a header to one value, reusing the value slice the server
// allocated when there is one.
func setOne(h http.Header, key, value string) {
	if v := h[key]; len(v) == 1 {
		v[0] = value
		return
	}
	h[key] = []string{value}
}

// report counts the request's refusals, writes its debug line, and warns
// when a trusted proxy wrote an invalid value, at most once a minute. Refusals caused by anyone else (untrusted peers, everyone in
// compatibility mode) are counted and in the debug line only: a client must
// not be able to fill the log above debug level.
func (h *Handler) report(r *http.Request, o *forwarded.Origin) {
	for i, reason := range forwarded.AllReasons {
		if o.Refused&reason == 0 {
			continue
		}
		refusedBy[i].Inc()
		if o.PeerTrusted && reason == forwarded.InvalidValue {
			// A trusted proxy wrote a value that is not one: it is
			// misconfigured, or copies a client's text. (A host it
			// passes on from the client is the client's doing.)
			h.warnTrustedProxy(o)
		}
	}
	if !h.Log.IsLevelEnabled(logrus.DebugLevel) {
		return
	}
	entry := h.Log.WithFields(logrus.Fields{
		"http.request.uri":       r.RequestURI,
		"forwarded.peer":         r.RemoteAddr,
		"forwarded.peertrusted":  o.PeerTrusted,
		"forwarded.hops":         o.Hops,
		"forwarded.scheme":       o.Scheme,
		"forwarded.schemesource": o.SchemeSource.String(),
		"forwarded.host":         o.Host,
		"forwarded.hostsource":   o.HostSource.String(),
		"forwarded.client":       o.Client.String(),
		"forwarded.clientsource": o.ClientSource.String(),
	})
	if o.Refused != 0 {
		entry = entry.WithField("forwarded.refused", o.Refused.String())
	}
	if o.Ignored != nil {
		entry = entry.WithField("forwarded.ignored", o.Ignored.Error())
	}
	entry.Debug("resolved request origin")
}

// warnTrustedProxy logs one warning unless one was logged in the last
// warnInterval. It names the proxy (an address the operator trusted) and
// the reason, never a value from the request.
func (h *Handler) warnTrustedProxy(o *forwarded.Origin) {
	now := time.Now().UnixNano()
	last := h.lastWarning.Load()
	if last != 0 && now-last < int64(warnInterval) {
		return
	}
	if !h.lastWarning.CompareAndSwap(last, now) {
		return // another request is warning
	}
	h.Log.WithFields(logrus.Fields{
		"forwarded.peer":   o.Peer.Addr().String(),
		"forwarded.reason": forwarded.InvalidValue.String(),
	}).Warn("http.forwarded: a trusted proxy sent an invalid forwarding value, which was ignored; " +
		"the proxy is misconfigured or copies a client's text. Further ones are counted in " +
		"registry_forwarded_refused_total and described at debug level; this warning repeats at most once a minute")
}
