package forwardedhandler

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	v2 "github.com/distribution/distribution/v3/registry/api/v2"
	"github.com/sirupsen/logrus"

	"github.com/proxyaware/registry/registry/forwarded"
)

// benchInputs are the requests resolution is measured on, as a server
// receives them (canonical header keys, path-only URL).
var benchInputs = []struct {
	name   string
	family forwarded.Family
	peer   string
	hdr    http.Header
}{
	{"x-forwarded/1-hop", forwarded.XForwarded, "10.0.0.2:40000", http.Header{
		"X-Forwarded-For":   {"198.51.100.7"},
		"X-Forwarded-Proto": {"https"},
		"X-Forwarded-Host":  {"reg.example.com"},
	}},
	{"x-forwarded/3-hop", forwarded.XForwarded, "10.0.0.2:40000", http.Header{
		"X-Forwarded-For":   {"198.51.100.7, 10.0.0.1, 10.0.0.3"},
		"X-Forwarded-Proto": {"https, http, http"},
		"X-Forwarded-Host":  {"reg.example.com, inner, inner2"},
	}},
	{"forwarded/1-hop", forwarded.RFC7239, "10.0.0.2:40000", http.Header{
		"Forwarded": {`for=198.51.100.7;proto=https;host=reg.example.com`},
	}},
	{"forwarded/3-hop", forwarded.RFC7239, "10.0.0.2:40000", http.Header{
		"Forwarded": {`for=198.51.100.7;proto=https;host=reg.example.com, for=10.0.0.1;proto=http;host=inner, for="[2001:db8::1]:4711";proto=http`},
	}},
	{"untrusted", forwarded.XForwarded, "203.0.113.9:40000", http.Header{
		"X-Forwarded-For":   {"198.51.100.7"},
		"X-Forwarded-Proto": {"https"},
		"X-Forwarded-Host":  {"evil.example"},
	}},
}

func benchPolicy(family forwarded.Family) *forwarded.Policy {
	return &forwarded.Policy{
		Strict: true,
		Header: family,
		TrustedProxies: []netip.Prefix{
			netip.MustParsePrefix("10.0.0.0/8"),
			netip.MustParsePrefix("2001:db8::/32"),
		},
	}
}

func benchRequest(peer string, hdr http.Header) *http.Request {
	return &http.Request{
		Method:     "POST",
		URL:        &url.URL{Path: "/v2/foo/blobs/uploads/"},
		Host:       "reg.internal:5000",
		RemoteAddr: peer,
		Header:     hdr,
	}
}

// BenchmarkResolve measures strict resolution alone.
func BenchmarkResolve(b *testing.B) {
	for _, in := range benchInputs {
		p := benchPolicy(in.family)
		r := benchRequest(in.peer, in.hdr)
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o := p.Resolve(r)
				if o.Scheme == "" {
					b.Fatal("no scheme")
				}
			}
		})
	}
}

// BenchmarkUpstreamURLBuilder measures upstream's NewURLBuilderFromRequest
// on the same requests, for comparison: it is what every registry request
// already pays to build its URLs.
func BenchmarkUpstreamURLBuilder(b *testing.B) {
	for _, in := range benchInputs {
		r := benchRequest(in.peer, in.hdr)
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if v2.NewURLBuilderFromRequest(r, false) == nil {
					b.Fatal("no builder")
				}
			}
		})
	}
}

// BenchmarkHandler measures the whole middleware (resolution, request
// rewrite, context) around a handler that does nothing.
func BenchmarkHandler(b *testing.B) {
	log := logrus.New()
	log.SetLevel(logrus.InfoLevel)
	for _, in := range benchInputs {
		h := New(benchPolicy(in.family), "", log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		w := httptest.NewRecorder()
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				r := benchRequest(in.peer, in.hdr.Clone())
				b.StartTimer()
				h.ServeHTTP(w, r)
			}
		})
	}
}
