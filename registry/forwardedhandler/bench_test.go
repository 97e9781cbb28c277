package forwardedhandler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	"github.com/distribution/distribution/v3/configuration"
	v2 "github.com/distribution/distribution/v3/registry/api/v2"
	"github.com/distribution/distribution/v3/registry/handlers"
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
// rewrite, context) around a handler that does nothing, next to the same
// request served by that handler alone. Each iteration builds its request,
// in both cases, since the middleware rewrites it.
func BenchmarkHandler(b *testing.B) {
	log := logrus.New()
	log.SetLevel(logrus.InfoLevel)
	nothing := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	w := httptest.NewRecorder()
	for _, in := range benchInputs {
		h := New(benchPolicy(in.family), "", log, nothing)
		for _, c := range []struct {
			name    string
			handler http.Handler
		}{{"alone", nothing}, {"with-policy", h}} {
			b.Run(in.name+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					c.handler.ServeHTTP(w, benchRequest(in.peer, cloneHeader(in.hdr)))
				}
			})
		}
	}
}

// cloneHeader copies a header the way the server builds one: a map with
// one slice per key.
func cloneHeader(h http.Header) http.Header {
	c := make(http.Header, len(h)+2)
	for k, v := range h {
		c[k] = []string{v[0]}
	}
	return c
}

// BenchmarkBlobGet measures the cheapest registry request, a GET of a small
// blob from in-memory storage through upstream's application, alone and
// behind the middleware, on the same requests.
func BenchmarkBlobGet(b *testing.B) {
	logrus.SetLevel(logrus.WarnLevel)
	config := &configuration.Configuration{
		Storage: configuration.Storage{
			"inmemory":    configuration.Parameters{},
			"maintenance": configuration.Parameters{"uploadpurging": map[any]any{"enabled": false}},
		},
	}
	config.Log.AccessLog.Disabled = true
	app := handlers.NewApp(context.Background(), config)
	log := logrus.New()
	log.SetLevel(logrus.InfoLevel)

	// Store one small blob.
	data := []byte("a small blob, as small as they come")
	dgst := fmt.Sprintf("sha256:%x", sha256.Sum256(data))
	start := httptest.NewRecorder()
	app.ServeHTTP(start, httptest.NewRequest("POST", "/v2/bench/blobs/uploads/", nil))
	loc, _ := url.Parse(start.Header().Get("Location"))
	q := loc.Query()
	q.Set("digest", dgst)
	put := httptest.NewRecorder()
	app.ServeHTTP(put, httptest.NewRequest("PUT", loc.Path+"?"+q.Encode(), bytes.NewReader(data)))
	if put.Code != http.StatusCreated {
		b.Fatalf("storing the blob: %d", put.Code)
	}

	in := benchInputs[1] // x-forwarded, 3 hops
	withPolicy := New(benchPolicy(in.family), "", log, app)
	for _, c := range []struct {
		name    string
		handler http.Handler
	}{{"upstream", app}, {"with-policy", withPolicy}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := benchRequest(in.peer, cloneHeader(in.hdr))
				r.Method, r.URL.Path = "GET", "/v2/bench/blobs/"+dgst
				w := httptest.NewRecorder()
				c.handler.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
