package handlers

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/distribution/distribution/v3/internal/dcontext"
	"github.com/distribution/distribution/v3/internal/forwarded"
	"github.com/distribution/distribution/v3/internal/requestutil"
	prometheus "github.com/distribution/distribution/v3/metrics"
	"github.com/distribution/distribution/v3/registry/api/errcode"
	"github.com/docker/go-metrics"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// withOrigin returns r with its origin resolved under http.forwarded, unless
// it is resolved already or the section is absent.
func (app *App) withOrigin(r *http.Request) *http.Request {
	if app.forwarded == nil {
		return r
	}
	if o, ok := requestutil.OriginFrom(r.Context()); ok && o.Resolved {
		return r
	}
	o, refused := app.forwarded.Resolve(r)
	ctx := r.Context()
	hostRefused := app.checkHost(r, o)
	ctx = context.WithValue(ctx, hostRefusedKey{}, hostRefused)
	refused |= hostRefused
	if hostRefused != 0 {
		o.Host = "" // the client's choice, refused: no log line or span names it
	}
	if refused != 0 {
		for _, reason := range forwarded.Reasons {
			if refused&reason.Reason != 0 {
				refusedCounter.WithValues(reason.Name).Inc(1)
			}
		}
		// What a request carries is logged at debug level only: any
		// client can send it as often as it likes.
		dcontext.GetLogger(ctx).Debugf("http.forwarded: refused %s", refused)
	}
	// The tracing handler recorded the client and the server from the
	// request's own headers; the span names the resolved ones instead, and
	// no host rather than an invalid one.
	if span := trace.SpanFromContext(r.Context()); span.IsRecording() {
		client := r.RemoteAddr // a peer without an IP address: a socket's name
		if o.Client.IsValid() {
			client = o.Client.String()
		}
		host, port := serverHostPort(o)
		span.SetAttributes(
			attribute.String("client.address", client),
			attribute.String("server.address", host),
			attribute.Int("server.port", port),
			attribute.String("url.scheme", o.Scheme))
	}
	o.Resolved = true
	return r.WithContext(requestutil.WithOrigin(ctx, o))
}

// checkHost checks the host of o and, when the request target names another
// one, as an HTTP/2 :path in absolute form can beside its :authority, that
// host too: the router and the handlers see the target.
func (app *App) checkHost(r *http.Request, o requestutil.Origin) forwarded.Refused {
	refused := app.forwarded.CheckHost(o)
	if h := r.URL.Host; refused == 0 && h != "" && !strings.EqualFold(h, r.Host) {
		if !requestutil.ValidHost(h) {
			return forwarded.HostInvalid
		}
		refused = app.forwarded.CheckHost(requestutil.Origin{Scheme: o.Scheme, Host: h})
	}
	return refused
}

// refusedCounter counts, by reason, the requests that http.forwarded refused
// in part or in whole: registry_forwarded_refused_total.
var refusedCounter = prometheus.ForwardedNamespace.NewLabeledCounter("refused", "Requests http.forwarded refused in part or in whole, by reason", "reason")

func init() {
	for _, reason := range forwarded.Reasons {
		refusedCounter.WithValues(reason.Name).Inc(0)
	}
	metrics.Register(prometheus.ForwardedNamespace)
}

type hostRefusedKey struct{}

// hostError returns the error for an API request whose host is not served,
// or nil. The error does not echo the host: it is the client's text.
func hostError(r *http.Request) error {
	switch refused, _ := r.Context().Value(hostRefusedKey{}).(forwarded.Refused); refused {
	case forwarded.HostInvalid:
		return errcode.ErrorCodeHostInvalid
	case forwarded.HostNotAllowed:
		return errcode.ErrorCodeHostNotAllowed
	}
	return nil
}

// OriginHandler resolves each request's origin under http.forwarded before
// next sees it, for the handlers that wrap the application: the access log,
// which prints the request's RemoteAddr, gets the client's address there.
func (app *App) OriginHandler(next http.Handler) http.Handler {
	if app.forwarded == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = app.withOrigin(r)
		r.RemoteAddr = requestutil.RemoteAddr(r)
		next.ServeHTTP(w, r)
	})
}

// serverHostPort splits the resolved host into the span's server address
// and port, the port being the scheme's default when the host names none.
func serverHostPort(o requestutil.Origin) (string, int) {
	port := 80
	if o.Scheme == "https" {
		port = 443
	}
	host, p, err := net.SplitHostPort(o.Host)
	if err != nil {
		return strings.Trim(o.Host, "[]"), port
	}
	if n, err := strconv.Atoi(p); err == nil {
		port = n
	}
	return host, port
}
