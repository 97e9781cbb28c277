package forwardedhandler

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/health"
	v2 "github.com/distribution/distribution/v3/registry/api/v2"
	_ "github.com/distribution/distribution/v3/registry/auth/token"
	"github.com/distribution/distribution/v3/registry/handlers"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory"
	"github.com/docker/go-metrics"
	"github.com/go-jose/go-jose/v4"
	gorhandlers "github.com/gorilla/handlers"
	"github.com/sirupsen/logrus"

	"github.com/proxyaware/registry/registry/forwarded"
)

func TestMain(m *testing.M) {
	// Upstream's application logs every request through the global logger.
	logrus.SetLevel(logrus.WarnLevel)
	os.Exit(m.Run())
}

// syncBuffer collects the access log; the logging handler writes after the
// response.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testRegistry is upstream's application on in-memory storage behind the
// access log and our handler, in the order the registry binary stacks them.
type testRegistry struct {
	handler   http.Handler
	accessLog *syncBuffer
}

func newTestRegistry(t *testing.T, p *forwarded.Policy, prefix string) *testRegistry {
	t.Helper()
	config := &configuration.Configuration{
		Storage: configuration.Storage{
			"inmemory": configuration.Parameters{},
			"maintenance": configuration.Parameters{"uploadpurging": map[any]any{
				"enabled": false,
			}},
		},
	}
	config.HTTP.Prefix = prefix
	config.HTTP.Secret = "test-secret"
	app := handlers.NewApp(context.Background(), config)
	log := &syncBuffer{}
	logger := logrus.New()
	logger.SetOutput(io.Discard)
	return &testRegistry{
		handler:   New(p, prefix, logger, gorhandlers.CombinedLoggingHandler(log, health.Handler(app))),
		accessLog: log,
	}
}

// do sends a request as a server receives it: target is usually a path, and
// the host in target, if any, becomes the Host header.
func (tr *testRegistry) do(method, target, peer string, body []byte, hdr ...string) *http.Response {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest(method, u.RequestURI(), bytes.NewReader(body))
	r.Host = u.Host
	r.RemoteAddr = peer
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Add(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	tr.handler.ServeHTTP(w, r)
	return w.Result()
}

func strictPolicy(t *testing.T, family forwarded.Family, scheme string, allowed ...string) *forwarded.Policy {
	t.Helper()
	pfx, err := forwarded.ParseTrustedProxy("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	p := &forwarded.Policy{Strict: true, TrustedProxies: []netip.Prefix{pfx}, Header: family, Scheme: scheme}
	for _, a := range allowed {
		hp, err := forwarded.ParseHostPattern(a)
		if err != nil {
			t.Fatal(err)
		}
		p.AllowedHosts = append(p.AllowedHosts, hp)
	}
	return p
}

func TestUploadLocation(t *testing.T) {
	tests := []struct {
		name   string
		policy *forwarded.Policy
		peer   string
		hdr    []string
		want   string // scheme://host of the Location
	}{
		{"trusted chain", strictPolicy(t, forwarded.XForwarded, ""), "10.0.0.2:1",
			[]string{"X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Proto", "https, http", "X-Forwarded-Host", "reg.example.com, inner"},
			"https://reg.example.com"},
		{"untrusted spoofer", strictPolicy(t, forwarded.XForwarded, ""), "203.0.113.9:1",
			[]string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example", "Forwarded", "host=evil.example"},
			"http://reg.internal:5000"},
		{"field report fixed by forced scheme", strictPolicy(t, forwarded.XForwarded, "https"), "10.0.0.2:1",
			[]string{"X-Forwarded-For", "10.0.0.1", "X-Forwarded-Proto", "http", "X-Forwarded-Host", "reg.example.com"},
			"https://reg.example.com"},
		{"rfc 7239", strictPolicy(t, forwarded.RFC7239, ""), "10.0.0.2:1",
			[]string{"Forwarded", `for=198.51.100.7;proto=https;host="reg.example.com:8443"`, "Forwarded", "for=10.0.0.1;proto=http;host=inner"},
			"https://reg.example.com:8443"},
		{"compatibility drops javascript", &forwarded.Policy{}, "203.0.113.9:1",
			[]string{"X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "reg.example.com"},
			"http://reg.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRegistry(t, tt.policy, "")
			resp := tr.do("POST", "http://reg.internal:5000/v2/foo/blobs/uploads/", tt.peer, nil, tt.hdr...)
			if resp.StatusCode != http.StatusAccepted {
				t.Fatalf("status %d", resp.StatusCode)
			}
			loc, err := url.Parse(resp.Header.Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			if got := loc.Scheme + "://" + loc.Host; got != tt.want {
				t.Errorf("Location origin %s, want %s (Location %s)", got, tt.want, loc)
			}
			if !strings.HasPrefix(loc.Path, "/v2/foo/blobs/uploads/") {
				t.Errorf("Location path %s", loc.Path)
			}
		})
	}
}

// pushTags stores an image under each tag through the API.
func pushTags(t *testing.T, tr *testRegistry, repo string, tags ...string) {
	t.Helper()
	config := []byte(`{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}`)
	dgst := fmt.Sprintf("sha256:%x", sha256.Sum256(config))
	resp := tr.do("POST", "http://reg/v2/"+repo+"/blobs/uploads/", "10.0.0.2:1", nil)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("upload start: status %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	q := loc.Query()
	q.Set("digest", dgst)
	loc.RawQuery = q.Encode()
	resp = tr.do("PUT", loc.String(), "10.0.0.2:1", config)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload end: status %d", resp.StatusCode)
	}
	manifest, _ := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     "application/vnd.oci.image.manifest.v1+json",
		"config":        map[string]any{"mediaType": "application/vnd.oci.image.config.v1+json", "digest": dgst, "size": len(config)},
		"layers":        []any{},
	})
	for _, tag := range tags {
		resp := tr.do("PUT", "http://reg/v2/"+repo+"/manifests/"+tag, "10.0.0.2:1", manifest,
			"Content-Type", "application/vnd.oci.image.manifest.v1+json")
		if resp.StatusCode != http.StatusCreated {
			body, _ := io.ReadAll(resp.Body)
			t.Fatalf("manifest put: status %d: %s", resp.StatusCode, body)
		}
	}
}

func TestTagsListLink(t *testing.T) {
	tr := newTestRegistry(t, strictPolicy(t, forwarded.XForwarded, ""), "")
	pushTags(t, tr, "foo", "a", "b", "c")

	resp := tr.do("GET", "http://reg.internal/v2/foo/tags/list?n=1", "10.0.0.2:1", nil,
		"X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// Upstream writes the Link from the request target, which is a path in
	// the usual origin form: relative, so right whatever the origin.
	if link := resp.Header.Get("Link"); !strings.HasPrefix(link, "</v2/foo/tags/list?") {
		t.Errorf("Link %q, want a relative one", link)
	}

	// A request target in absolute form ("GET http://host/path") reaches
	// the Link as written; the handler replaces its origin with the
	// resolved one.
	absolute := func(peer string, hdr ...string) string {
		r := httptest.NewRequest("GET", "http://evil.example/v2/foo/tags/list?n=1", nil)
		r.Host = "reg.internal"
		r.RemoteAddr = peer
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Add(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		tr.handler.ServeHTTP(w, r)
		return w.Result().Header.Get("Link")
	}
	if link := absolute("10.0.0.2:1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com"); !strings.HasPrefix(link, "<https://reg.example.com/v2/foo/tags/list?") {
		t.Errorf("Link %q, want one under https://reg.example.com", link)
	}
	if link := absolute("203.0.113.9:1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"); !strings.HasPrefix(link, "<http://reg.internal/v2/foo/tags/list?") {
		t.Errorf("Link %q for a spoofing client, want one under http://reg.internal", link)
	}
}

func TestAccessLogRemoteAddress(t *testing.T) {
	tr := newTestRegistry(t, strictPolicy(t, forwarded.XForwarded, ""), "")
	tr.do("GET", "http://reg/v2/", "10.0.0.2:1", nil, "X-Forwarded-For", "198.51.100.7, 10.0.0.1")
	tr.do("GET", "http://reg/v2/", "203.0.113.9:4444", nil, "X-Forwarded-For", "6.6.6.6", "X-Real-Ip", "6.6.6.7")
	lines := strings.Split(strings.TrimSpace(tr.accessLog.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("access log %q", lines)
	}
	if !strings.HasPrefix(lines[0], "198.51.100.7 ") {
		t.Errorf("trusted chain logged as %q, want the client 198.51.100.7", lines[0])
	}
	if !strings.HasPrefix(lines[1], "203.0.113.9 ") {
		t.Errorf("spoofer logged as %q, want the peer 203.0.113.9", lines[1])
	}
}

func TestRewrittenRequest(t *testing.T) {
	var got *http.Request
	h := New(strictPolicy(t, forwarded.XForwarded, ""), "", logrus.New(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r }))
	r := httptest.NewRequest("GET", "http://inner/v2/", nil)
	r.RemoteAddr = "10.0.0.2:1234"
	for _, kv := range [][2]string{
		{"X-Forwarded-For", "198.51.100.7"}, {"X-Forwarded-For", "10.0.0.1"},
		{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "reg.example.com"}, {"X-Forwarded-Port", "443"},
		{"Forwarded", "for=6.6.6.6"}, {"X-Real-Ip", "6.6.6.6"},
	} {
		r.Header.Add(kv[0], kv[1])
	}
	h.ServeHTTP(httptest.NewRecorder(), r)
	want := http.Header{
		"X-Forwarded-Proto": {"https"},
		"X-Forwarded-Host":  {"reg.example.com"},
	}
	for k, v := range want {
		if fmt.Sprint(got.Header[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %q, want %q", k, got.Header[k], v)
		}
	}
	// Every reader of the client address finds RemoteAddr.
	for _, k := range []string{"Forwarded", "X-Forwarded-Port", "X-Real-Ip", "X-Forwarded-For"} {
		if _, ok := got.Header[k]; ok {
			t.Errorf("%s still present", k)
		}
	}
	if got.RemoteAddr != "198.51.100.7" || got.Host != "reg.example.com" {
		t.Errorf("RemoteAddr %q Host %q", got.RemoteAddr, got.Host)
	}
	if p, ok := Peer(got.Context()); !ok || p.String() != "10.0.0.2:1234" {
		t.Errorf("Peer = %v, %t", p, ok)
	}
}

func TestAllowedHosts(t *testing.T) {
	tr := newTestRegistry(t, strictPolicy(t, forwarded.XForwarded, "", "reg.example.com", "*.mirror.example.com"), "/reg")
	cases := []struct {
		path, host string
		status     int
	}{
		{"/reg/v2/", "reg.example.com", http.StatusOK},
		{"/reg/v2/", "REG.example.com:443", http.StatusOK},
		{"/reg/v2/", "eu.mirror.example.com", http.StatusOK},
		{"/reg/v2/", "evil.example", http.StatusBadRequest},
		{"/reg/v2", "evil.example", http.StatusBadRequest},
		{"/reg/v2/foo/tags/list", "mirror.example.com", http.StatusBadRequest},
		{"/reg/v2x", "evil.example", http.StatusNotFound},
		{"/", "evil.example", http.StatusNotFound},
	}
	for _, c := range cases {
		resp := tr.do("GET", "http://inner"+c.path, "10.0.0.2:1", nil, "X-Forwarded-Host", c.host)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != c.status {
			t.Errorf("%s host %s: status %d, want %d (%s)", c.path, c.host, resp.StatusCode, c.status, body)
			continue
		}
		if c.status == http.StatusBadRequest {
			var e struct {
				Errors []struct{ Code, Message string } `json:"errors"`
			}
			if err := json.Unmarshal(body, &e); err != nil || len(e.Errors) != 1 || e.Errors[0].Code != "HOST_NOT_ALLOWED" || !strings.Contains(e.Errors[0].Message, c.host) {
				t.Errorf("%s host %s: body %s", c.path, c.host, body)
			}
		}
	}
}

// TestCompatibilityMatchesUpstream runs upstream's own URL-builder
// expectations for valid forwarding values through the handler in
// compatibility mode: the request it passes on must make upstream build the
// same base URL it would build from the original request.
func TestCompatibilityMatchesUpstream(t *testing.T) {
	cases := []struct {
		host string
		hdr  []string
		base string
	}{
		{"example.com", nil, "http://example.com"},
		{"example.com", []string{"X-Custom-Forwarded-Proto", "https"}, "http://example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "https"}, "https://example.com"},
		{"example.com", []string{"X-Forwarded-Host", "first.example.com"}, "http://first.example.com"},
		{"example.com", []string{"X-Forwarded-Host", "first.example.com, proxy1.example.com"}, "http://first.example.com"},
		{"example.com", []string{"X-Forwarded-Host", "first.example.com:443"}, "http://first.example.com:443"},
		{"example.com", []string{"X-Forwarded-Host", "example.com:5000", "X-Forwarded-Port", "5000"}, "http://example.com:5000"},
		{"example.com", []string{"X-Forwarded-Port", "443 , 5001"}, "http://example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "example.com", "X-Forwarded-Port", "443"}, "https://example.com"},
		{"example.com:443", []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "example.com:443", "X-Forwarded-Port", "443"}, "https://example.com:443"},
		{"example.com", []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", " first.example.com:12345 "}, "https://first.example.com:12345"},
		{"example.com", []string{"X-Forwarded-Host", "first.example.com:5000", "X-Forwarded-Port", "80"}, "http://first.example.com:5000"},
		{"example.com", []string{"X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "abcd"}, "http://first.example.com"},
		{"example.com", []string{"Forwarded", `proto=https;host="192.168.22.30:80"`}, "https://192.168.22.30:80"},
		{"example.com", []string{"Forwarded", `host="reg.example.com:5000";for="192.168.22.30"`}, "http://reg.example.com:5000"},
		{"example.com", []string{"Forwarded", "host=reg.example.com;proto=https"}, "https://reg.example.com"},
		{"example.com", []string{"Forwarded", `host="reg.example.com:88";proto=http`, "Forwarded", "host=reg.example.com;proto=https"}, "http://reg.example.com:88"},
		{"example.com", []string{"Forwarded", `host="reg.example.com:443";proto=https, host="reg.example.com:80";proto=http`}, "https://reg.example.com:443"},
		{"example.com", []string{"Forwarded", `for="2607:f0d0:1002:51::4";host="[2607:f0d0:1002:51::4]:5001"`, "X-Forwarded-Port", "5002"}, "http://[2607:f0d0:1002:51::4]:5001"},
		{"example.com", []string{"Forwarded", `host="[2607:f0d0:1002:51::4]:4000"`, "X-Forwarded-Port", "5001"}, "http://[2607:f0d0:1002:51::4]:4000"},
		{"example.com", []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "", "Forwarded", "host=first.example.com; proto=https"}, "https://first.example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "http", "Forwarded", "host=second.example.com; proto=https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000"}, "https://second.example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "https", "Forwarded", "for=127.0.0.1", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000"}, "http://example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "https", "Forwarded", "proto=https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000"}, "https://example.com"},
		{"example.com", []string{"X-Forwarded-Proto", "https"}, "https://example.com"},
	}
	var passed *http.Request
	h := New(&forwarded.Policy{}, "", logrus.New(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { passed = r }))
	for _, c := range cases {
		for _, path := range []string{"/v2/", "/prefix/v2/"} {
			build := func(r *http.Request) string {
				base, err := v2.NewURLBuilderFromRequest(r, false).BuildBaseURL()
				if err != nil {
					t.Fatal(err)
				}
				return base
			}
			mk := func() *http.Request {
				r := &http.Request{Method: "GET", URL: &url.URL{Path: path}, Host: c.host, RemoteAddr: "192.0.2.1:1", Header: http.Header{}}
				for i := 0; i+1 < len(c.hdr); i += 2 {
					r.Header.Add(c.hdr[i], c.hdr[i+1])
				}
				return r
			}
			want := c.base + path
			if up := build(mk()); up != want {
				t.Fatalf("upstream itself builds %s for %v, the vector says %s", up, c.hdr, want)
			}
			h.ServeHTTP(httptest.NewRecorder(), mk())
			if got := build(passed); got != want {
				t.Errorf("%v at %s: built %s, upstream builds %s", c.hdr, path, got, want)
			}
		}
	}
}

// TestTokenAutoRedirect checks that the realm upstream's token access
// controller builds with autoredirect follows the resolved origin.
func TestTokenAutoRedirect(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks := filepath.Join(t.TempDir(), "jwks.json")
	raw, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k", Algorithm: string(jose.ES256)}}})
	if err := os.WriteFile(jwks, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	config := &configuration.Configuration{
		Storage: configuration.Storage{"inmemory": configuration.Parameters{},
			"maintenance": configuration.Parameters{"uploadpurging": map[any]any{"enabled": false}}},
		Auth: configuration.Auth{"token": configuration.Parameters{
			"realm": "https://ignored.example/auth", "issuer": "test", "service": "reg",
			"jwks": jwks, "autoredirect": true,
		}},
	}
	app := handlers.NewApp(context.Background(), config)
	h := New(strictPolicy(t, forwarded.XForwarded, ""), "", logrus.New(), app)

	challenge := func(peer string, hdr ...string) string {
		r := httptest.NewRequest("GET", "/v2/", nil)
		r.Host, r.RemoteAddr = "reg.internal", peer
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Add(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Header().Get("WWW-Authenticate")
	}
	got := challenge("10.0.0.2:1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com")
	if !strings.Contains(got, `realm="https://reg.example.com/auth/token"`) {
		t.Errorf("trusted chain: challenge %q", got)
	}
	got = challenge("203.0.113.9:1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example")
	if !strings.Contains(got, `realm="http://reg.internal/auth/token"`) {
		t.Errorf("spoofing client: challenge %q", got)
	}
}

// TestLogLines checks the per-request debug line and the warning for a
// trusted proxy's refused header, and that an untrusted client's header
// never reaches the log above debug.
func TestLogLines(t *testing.T) {
	var buf syncBuffer
	log := logrus.New()
	log.SetOutput(&buf)
	log.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true})
	h := New(strictPolicy(t, forwarded.XForwarded, ""), "", log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	serve := func(peer string, hdr ...string) {
		r := httptest.NewRequest("GET", "/v2/", nil)
		r.Host, r.RemoteAddr = "reg.internal", peer
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Add(hdr[i], hdr[i+1])
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
	}

	log.SetLevel(logrus.InfoLevel)
	serve("203.0.113.9:1", "X-Forwarded-Proto", "javascript")
	serve("203.0.113.9:1", "X-Forwarded-Host", "evil.example")
	serve("10.0.0.2:1", "X-Forwarded-For", "198.51.100.7")
	if buf.String() != "" {
		t.Errorf("logged at info level: %q", buf.String())
	}
	// A trusted proxy's invalid value: one warning naming the proxy and
	// the reason, not the value; then nothing for a minute, however many.
	for range 100 {
		serve("10.0.0.2:1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "javascript")
	}
	out := buf.String()
	if strings.Count(out, "level=warning") != 1 || !strings.Contains(out, "forwarded.reason=invalid_value") || !strings.Contains(out, "forwarded.peer=10.0.0.2") {
		t.Errorf("want one warning for a trusted proxy's bad header: %q", out)
	}
	if strings.Contains(out, "javascript") || strings.Contains(out, "198.51.100.7") {
		t.Errorf("the warning quotes the request: %q", out)
	}
	// A client's invalid Host that a trusted proxy passes on is the
	// client's doing: counted, not warned about.
	for range 10 {
		r := httptest.NewRequest("GET", "/v2/", nil)
		r.Host, r.RemoteAddr = "reg.internal,evil.example", "10.0.0.2:1"
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	if n := strings.Count(buf.String(), "level=warning"); n != 1 {
		t.Errorf("%d warnings after invalid hosts, want still 1: %q", n, buf.String())
	}
	// A minute later, the next invalid value warns again.
	h.lastWarning.Store(time.Now().Add(-warnInterval - time.Second).UnixNano())
	serve("10.0.0.2:1", "X-Forwarded-Proto", "javascript")
	if n := strings.Count(buf.String(), "level=warning"); n != 2 {
		t.Errorf("%d warnings a minute later, want 2: %q", n, buf.String())
	}

	buf = syncBuffer{}
	log.SetOutput(&buf)
	log.SetLevel(logrus.DebugLevel)
	serve("10.0.0.2:40000", "X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Proto", "https")
	out = buf.String()
	for _, want := range []string{"level=debug", `forwarded.peer="10.0.0.2:40000"`, "forwarded.peertrusted=true", "forwarded.hops=2",
		"forwarded.scheme=https", "forwarded.schemesource=x-forwarded", "forwarded.host=reg.internal", "forwarded.hostsource=host-header",
		"forwarded.client=198.51.100.7"} {
		if !strings.Contains(out, want) {
			t.Errorf("debug line lacks %s: %q", want, out)
		}
	}
}

// hostileHosts are Host values that name no single server: lists, empty
// labels, sub-delims, empty or out-of-range ports, IPv6 inside lists.
var hostileHosts = []string{
	"evil.example,a.registry.example.com",
	"evil.example,a.registry.example.com:",
	"evil.example;a.registry.example.com",
	"..registry.example.com",
	"a..registry.example.com",
	"a!b.registry.example.com",
	"a$b.registry.example.com",
	"registry.example.com:",
	"registry.example.com:0",
	"registry.example.com:99999",
	"registry.example.com:+443",
	":99999",
	":443",
	"[::1],a.registry.example.com",
	"a.registry.example.com,[::1]",
	"[fe80::1%25eth0].registry.example.com",
	"user@a.registry.example.com",
	"a.registry.example.com/x",
	"a.registry.example.com%2fx",
	"a.registry.example.\u212aom",
}

// errorCode returns the code of a registry JSON error body, or "".
func errorCode(body []byte) string {
	var e struct {
		Errors []struct{ Code string } `json:"errors"`
	}
	if json.Unmarshal(body, &e) != nil || len(e.Errors) != 1 {
		return ""
	}
	return e.Errors[0].Code
}

// TestHostileHosts sends every hostile host, as the Host header and through
// trusted forwarding headers of both families, against exact and wildcard
// allowed hosts and against none: each API request is answered 400
// HOST_INVALID and never reaches upstream, while valid hosts pass.
func TestHostileHosts(t *testing.T) {
	type route struct {
		name   string
		family forwarded.Family
		peer   string
		hdr    func(host string) []string
	}
	routes := []route{
		{"Host header, untrusted peer", forwarded.XForwarded, "203.0.113.9:1", func(string) []string { return nil }},
		{"Host header, trusted peer", forwarded.XForwarded, "10.0.0.2:1", func(string) []string { return nil }},
		{"X-Forwarded-Host", forwarded.XForwarded, "10.0.0.2:1", func(h string) []string {
			return []string{"X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Host", h}
		}},
		{"Forwarded host", forwarded.RFC7239, "10.0.0.2:1", func(h string) []string {
			return []string{"Forwarded", `for=198.51.100.7;host="` + strings.ReplaceAll(h, `"`, `\"`) + `", for=10.0.0.1`}
		}},
	}
	allowed := map[string][]string{"none": nil, "exact": {"a.registry.example.com"}, "wildcard": {"*.registry.example.com"}}
	rows := 0
	for name, patterns := range allowed {
		for _, rt := range routes {
			var reached *http.Request
			h := New(strictPolicy(t, rt.family, "https", patterns...), "", logrus.New(),
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = r }))
			serve := func(host string, forwardedHost bool) (int, []byte) {
				reached = nil
				r := httptest.NewRequest("POST", "/v2/foo/blobs/uploads/", nil)
				r.Host, r.RemoteAddr = host, rt.peer
				if forwardedHost {
					r.Host = "inner"
					hdr := rt.hdr(host)
					for i := 0; i+1 < len(hdr); i += 2 {
						r.Header.Add(hdr[i], hdr[i+1])
					}
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w.Code, w.Body.Bytes()
			}
			forwardedHost := rt.hdr("x") != nil
			for _, host := range hostileHosts {
				rows++
				code, body := serve(host, forwardedHost)
				switch {
				case !forwardedHost:
					// The Host header itself: refused, never passed on.
					if reached != nil || code != http.StatusBadRequest || errorCode(body) != "HOST_INVALID" {
						t.Errorf("%s allowed, %s: host %q answered %d %s, passed on %v", name, rt.name, host, code, body, reached)
					}
				case reached == nil:
					// An invalid forwarded value is dropped alone, leaving
					// the Host header "inner", which no pattern allows.
					if len(patterns) == 0 || code != http.StatusBadRequest || errorCode(body) != "HOST_NOT_ALLOWED" {
						t.Errorf("%s allowed, %s: host %q answered %d %s", name, rt.name, host, code, body)
					}
				default:
					// Passed on: with a valid host that the patterns
					// allow. (X-Forwarded-Host is a list: "a,b" is two
					// hops' values, each of which may be valid.)
					got := reached.Host
					p := strictPolicy(t, rt.family, "", patterns...)
					if got == host || !forwarded.ValidHost(got) || !p.HostAllowed(got) || reached.Header.Get("X-Forwarded-Host") != got {
						t.Errorf("%s allowed, %s: host %q passed on as %q", name, rt.name, host, got)
					}
				}
			}
			// Valid controls: served, with the host passed on.
			for _, host := range []string{"a.registry.example.com", "A.Registry.Example.COM:443", "a.registry.example.com."} {
				code, body := serve(host, forwardedHost)
				if reached == nil || reached.Host != host || reached.Header.Get("X-Forwarded-Host") != host {
					t.Errorf("%s allowed, %s: valid host %q answered %d %s", name, rt.name, host, code, body)
				}
			}
		}
	}
	t.Logf("%d hostile host requests", rows)
}

// TestHostileHostsOutsideTheAPI: a request outside the API with an invalid
// host is served, with no host at all passed on.
func TestHostileHostsOutsideTheAPI(t *testing.T) {
	for _, p := range []*forwarded.Policy{strictPolicy(t, forwarded.XForwarded, "")} {
		var reached *http.Request
		h := New(p, "", logrus.New(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = r }))
		r := httptest.NewRequest("GET", "/", nil)
		r.Host, r.RemoteAddr = "evil.example,reg.example.com", "10.0.0.2:1"
		h.ServeHTTP(httptest.NewRecorder(), r)
		if reached == nil || reached.Host != "" || reached.Header.Get("X-Forwarded-Host") != "" {
			t.Errorf("health check with an invalid host: passed on %v", reached)
		}
	}
}

// TestCompatibilityRemovesOnlyInvalid: without the policy, a request is
// passed on as it came, but for the values upstream would use that are not
// valid, which are removed; an API request with an invalid Host is refused.
func TestCompatibilityRemovesOnlyInvalid(t *testing.T) {
	var reached *http.Request
	h := New(&forwarded.Policy{}, "", logrus.New(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = r }))
	serve := func(host string, hdr ...string) (*http.Request, int) {
		reached = nil
		r := httptest.NewRequest("GET", "/v2/", nil)
		r.Host, r.RemoteAddr = host, "203.0.113.9:4444"
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Add(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return reached, w.Code
	}
	untouched := [][]string{
		nil,
		{"X-Forwarded-Proto", "HTTPS", "X-Forwarded-Host", "reg.example.com:5000, inner", "X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Port", "80"},
		{"Forwarded", `for="[2001:db8::1]";proto=https;host="reg.example.com"`, "Forwarded", "for=garbage!", "X-Real-Ip", "198.51.100.8"},
		{"Forwarded", "for=1.2.3.4, garbage", "X-Forwarded-Host", "ignored, because Forwarded is present"},
		{"X-Forwarded-For", " 198.51.100.7 ,x", "X-Real-Ip", "not read"},
	}
	for _, hdr := range untouched {
		r, _ := serve("reg.internal:5000", hdr...)
		want := http.Header{}
		for i := 0; i+1 < len(hdr); i += 2 {
			want.Add(hdr[i], hdr[i+1])
		}
		if r == nil || fmt.Sprint(r.Header) != fmt.Sprint(want) || r.Host != "reg.internal:5000" || r.RemoteAddr != "203.0.113.9:4444" {
			t.Errorf("%q: passed on %v", hdr, r)
		}
	}
	removed := []struct {
		hdr  []string
		want http.Header
	}{
		{[]string{"X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "reg.example.com"}, http.Header{"X-Forwarded-Host": {"reg.example.com"}}},
		{[]string{"X-Forwarded-Proto", "https, http"}, http.Header{}},
		{[]string{"X-Forwarded-Host", "evil.example/x, reg.example.com", "X-Forwarded-Proto", "https"}, http.Header{"X-Forwarded-Proto": {"https"}}},
		{[]string{"X-Forwarded-Host", "evil.example,a.reg.example.com:"}, http.Header{"X-Forwarded-Host": {"evil.example,a.reg.example.com:"}}},
		{[]string{"X-Forwarded-Host", "a.reg.example.com:,evil.example"}, http.Header{}},
		{[]string{"X-Forwarded-For", "evil, 198.51.100.7", "X-Real-Ip", "198.51.100.8"}, http.Header{"X-Real-Ip": {"198.51.100.8"}}},
		{[]string{"X-Real-Ip", "fe80::1%eth0"}, http.Header{}},
		{[]string{"Forwarded", "proto=javascript;host=reg.example.com, proto=https", "X-Forwarded-Proto", "https"}, http.Header{"Forwarded": {`host="reg.example.com"`}, "X-Forwarded-Proto": {"https"}}},
		{[]string{"Forwarded", `proto=https;host="a,b"`}, http.Header{"Forwarded": {"proto=https"}}},
		{[]string{"Forwarded", `for="unbalanced`}, http.Header{"Forwarded": {"for=unknown"}}},
	}
	for _, c := range removed {
		r, _ := serve("reg.internal", c.hdr...)
		if r == nil || fmt.Sprint(r.Header) != fmt.Sprint(c.want) || r.Host != "reg.internal" {
			t.Errorf("%q: passed on %v, want headers %v", c.hdr, r, c.want)
		}
	}
	for _, host := range hostileHosts {
		if r, code := serve(host); r != nil || code != http.StatusBadRequest {
			t.Errorf("compatibility, Host %q: answered %d, passed on %v", host, code, r)
		}
	}
}

// refusedCounts scrapes the registry's Prometheus handler for the refused
// counter, by reason.
func refusedCounts(t *testing.T) map[string]float64 {
	t.Helper()
	w := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	counts := map[string]float64{}
	for _, line := range strings.Split(w.Body.String(), "\n") {
		rest, ok := strings.CutPrefix(line, `registry_forwarded_refused_total{reason="`)
		if !ok {
			continue
		}
		reason, value, _ := strings.Cut(rest, `"} `)
		var v float64
		fmt.Sscan(value, &v)
		counts[reason] = v
	}
	return counts
}

func TestRefusedCounter(t *testing.T) {
	before := refusedCounts(t)
	for _, reason := range []string{"untrusted_peer", "invalid_value", "invalid_host", "host_not_allowed"} {
		if _, ok := before[reason]; !ok {
			t.Errorf("reason %s not exported: %v", reason, before)
		}
	}
	h := New(strictPolicy(t, forwarded.XForwarded, "", "reg.example.com"), "", logrus.New(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	serve := func(host, peer string, hdr ...string) {
		r := httptest.NewRequest("GET", "/v2/", nil)
		r.Host, r.RemoteAddr = host, peer
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Add(hdr[i], hdr[i+1])
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	serve("reg.example.com", "203.0.113.9:1", "X-Forwarded-Host", "evil.example")
	serve("reg.example.com", "10.0.0.2:1", "X-Forwarded-Proto", "javascript")
	serve("reg.example.com,evil", "203.0.113.9:1")
	serve("reg.example.com,evil", "203.0.113.9:1")
	serve("evil.example", "203.0.113.9:1")
	serve("reg.example.com", "203.0.113.9:1")
	after := refusedCounts(t)
	for reason, n := range map[string]float64{"untrusted_peer": 1, "invalid_value": 1, "invalid_host": 2, "host_not_allowed": 1} {
		if got := after[reason] - before[reason]; got != n {
			t.Errorf("%s counted %v times, want %v", reason, got, n)
		}
	}
}

// serveRaw parses a request written byte for byte, as the server would, and
// serves it from peer.
func serveRaw(t *testing.T, h http.Handler, peer, raw string) *http.Response {
	t.Helper()
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	r.RemoteAddr = peer
	r.RequestURI = strings.Fields(raw)[1]
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

// TestRequestLineAndHostHeader covers what a client can write outside the
// forwarding headers: the Host header next to a valid forwarded host in
// compatibility mode, and absolute-form request targets with another
// scheme, user info, or a host that is not allowed.
func TestRequestLineAndHostHeader(t *testing.T) {
	compat := newTestRegistry(t, &forwarded.Policy{}, "")
	strict := newTestRegistry(t, strictPolicy(t, forwarded.XForwarded, "", "reg.example.com", "reg"), "")
	pushTags(t, strict, "foo", "a", "b")
	pushTags(t, compat, "foo", "a", "b")
	cases := []struct {
		name   string
		tr     *testRegistry
		raw    string
		status int
	}{
		{"compatibility, invalid Host beside X-Forwarded-Host", compat,
			"GET /v2/ HTTP/1.1\r\nHost: evil.example,x\r\nX-Forwarded-Host: reg.example.com\r\n\r\n", http.StatusBadRequest},
		{"compatibility, invalid Host beside Forwarded", compat,
			"GET /v2/ HTTP/1.1\r\nHost: evil.example:\r\nForwarded: host=reg.example.com\r\n\r\n", http.StatusBadRequest},
		{"compatibility, gopher target", compat,
			"POST gopher://reg.example.com/v2/foo/blobs/uploads/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", http.StatusAccepted},
		{"compatibility, javascript target off the API", compat,
			"GET javascript://evil.example,x//v2/ HTTP/1.1\r\nHost: x\r\n\r\n", 0},
		{"compatibility, user info in the target", compat,
			"GET http://evil.example@reg.example.com/v2/foo/tags/list?n=1 HTTP/1.1\r\nHost: x\r\n\r\n", http.StatusOK},
		{"strict, user info in the target", strict,
			"GET http://evil.example@reg.example.com/v2/foo/tags/list?n=1 HTTP/1.1\r\nHost: x\r\n\r\n", http.StatusOK},
		{"strict, host not allowed off the API", strict,
			"GET http://evil.example//v2/ HTTP/1.1\r\nHost: x\r\n\r\n", 0},
	}
	for _, c := range cases {
		resp := serveRaw(t, c.tr.handler, "203.0.113.9:1", c.raw)
		if c.status != 0 && resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.status)
		}
		for _, k := range []string{"Location", "Link", "Www-Authenticate"} {
			v := resp.Header.Get(k)
			for _, bad := range []string{"evil.example", "gopher:", "javascript:", "@"} {
				if strings.Contains(v, bad) {
					t.Errorf("%s: %s %q carries %q", c.name, k, v, bad)
				}
			}
		}
	}
}
