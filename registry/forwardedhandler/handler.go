// Package forwardedhandler applies a [forwarded.Policy] to every request
// before the registry application sees it.
//
// The registry's URL builder, token auto-redirect, access log, request logger,
// notifications and CloudFront IP filter each read the request's origin
// their own way (X-Forwarded-Proto, X-Forwarded-Host, the first
// X-Forwarded-For, X-Real-Ip, Host, RemoteAddr). Rather than change each of
// them, the handler resolves the origin once and rewrites the request so that
// all of those readings agree with the resolved, validated origin:
//
//   - X-Forwarded-Proto holds the resolved scheme and X-Forwarded-Host the
//     resolved host, once each; Host is the resolved host too;
//   - X-Forwarded-For holds only the client address, and RemoteAddr is the
//     client;
//   - Forwarded, X-Forwarded-Port and X-Real-Ip are removed;
//   - a request target in absolute form gets the resolved scheme and host.
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

	"github.com/distribution/distribution/v3/registry/api/errcode"
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
	// with http.prefix, "/prefix/v2". Allowed hosts are enforced under it.
	APIRoot string
	Next    http.Handler
	Log     *logrus.Logger
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
	h.logOrigin(r, &o)

	if h.isAPI(r.URL.Path) && !h.Policy.HostAllowed(o.Host) {
		h.Log.WithFields(logrus.Fields{
			"http.request.uri":     r.RequestURI,
			"forwarded.host":       o.Host,
			"forwarded.peer":       o.Peer.String(),
			"forwarded.hostsource": o.HostSource.String(),
		}).Warn("refused request for a host not in http.forwarded.allowedhosts")
		_ = errcode.ServeJSON(w, ErrorCodeHostNotAllowed.WithArgs(o.Host))
		return
	}

	rewrite(r, &o)
	if o.Peer.IsValid() {
		r = r.WithContext(context.WithValue(r.Context(), peerKey{}, o.Peer))
	}
	h.Next.ServeHTTP(w, r)
}

func (h *Handler) isAPI(path string) bool {
	return strings.HasPrefix(path, h.APIRoot) &&
		(len(path) == len(h.APIRoot) || path[len(h.APIRoot)] == '/')
}

// rewrite makes r carry exactly the resolved origin.
func rewrite(r *http.Request, o *forwarded.Origin) {
	hdr := r.Header
	delete(hdr, "Forwarded")
	delete(hdr, "X-Forwarded-Port")
	delete(hdr, "X-Real-Ip")
	setOne(hdr, "X-Forwarded-Proto", o.Scheme)
	if o.Host != "" {
		setOne(hdr, "X-Forwarded-Host", o.Host)
	} else {
		delete(hdr, "X-Forwarded-Host")
	}
	r.Host = o.Host
	if r.URL.Scheme != "" || r.URL.Host != "" {
		// An absolute-form request target; upstream builds the Link of a
		// paginated list from it.
		r.URL.Scheme, r.URL.Host = o.Scheme, o.Host
	}
	if !o.Client.IsValid() {
		delete(hdr, "X-Forwarded-For")
		return
	}
	client := o.Client.String()
	setOne(hdr, "X-Forwarded-For", client)
	switch {
	case o.Client == o.Peer.Addr() && o.ClientPort == o.Peer.Port():
		// RemoteAddr already names the client.
	case o.ClientPort != 0:
		r.RemoteAddr = net.JoinHostPort(client, strconv.Itoa(int(o.ClientPort)))
	default:
		r.RemoteAddr = client
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

// logOrigin warns when a trusted proxy's header was refused and, at debug
// level, says how the origin was derived. Headers refused from anyone else
// (untrusted peers, everyone in compatibility mode) are only in the debug
// line: a client must not be able to fill the log at warning level.
func (h *Handler) logOrigin(r *http.Request, o *forwarded.Origin) {
	warn := o.Ignored != nil && o.PeerTrusted
	if !warn && !h.Log.IsLevelEnabled(logrus.DebugLevel) {
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
	if o.Ignored != nil {
		entry = entry.WithField("forwarded.ignored", o.Ignored.Error())
	}
	if warn {
		entry.Warn("forwarding header ignored")
		return
	}
	entry.Debug("resolved request origin")
}
