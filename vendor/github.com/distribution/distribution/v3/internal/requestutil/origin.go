package requestutil

import (
	"context"
	"net/netip"
)

// Origin is the external side of a request: the scheme and host a client
// used to reach the registry, and the client's address. It is established
// once per request (from http.host, say) and kept in the request's context
// for every reader that builds a URL or names the client.
type Origin struct {
	Scheme string // "http" or "https"; "" when nothing says which
	Host   string // a valid host[:port]; "" when none is known

	// Client is the client's address; the zero Addr when not known.
	Client netip.Addr

	// Resolved reports that the origin was resolved under http.forwarded:
	// readers then use it and read no forwarding header.
	Resolved bool
}

type originKey struct{}

// WithOrigin returns a copy of ctx that carries o.
func WithOrigin(ctx context.Context, o Origin) context.Context {
	return context.WithValue(ctx, originKey{}, o)
}

// OriginFrom returns the origin stored in ctx, if any.
func OriginFrom(ctx context.Context) (Origin, bool) {
	o, ok := ctx.Value(originKey{}).(Origin)
	return o, ok
}
