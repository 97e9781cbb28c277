package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeRegistry answers the few requests the doctor makes. It builds its URLs
// from the origin it believes: https and the Host header, replaced by the
// forwarding headers named in believe, the way a registry that trusts a
// proxy passing a client's headers on does.
type fakeRegistry struct {
	mu       sync.Mutex
	srv      *httptest.Server
	location func(base string) string // the upload Location, from the believed origin
	link     string                   // the tags list Link, "" for none; {base} is replaced by the believed origin
	auth     string                   // "", "basic" or "bearer"
	realm    func(base string) string // the token realm, from the believed origin
	believe  map[string]bool          // "x-forwarded-host", "x-forwarded-proto", "forwarded"
	allowed  string                   // when set, any other believed host gets 400 HOST_NOT_ALLOWED
	refuse   string                   // when set, every request gets 400 with this registry error code
	seen     []string
}

func (f *fakeRegistry) believed(r *http.Request) string {
	scheme, host := "https", r.Host
	if v := r.Header.Get("X-Forwarded-Proto"); f.believe["x-forwarded-proto"] && v != "" {
		scheme = v
	}
	if v := r.Header.Get("X-Forwarded-Host"); f.believe["x-forwarded-host"] && v != "" {
		host = v
	}
	if v := r.Header.Get("Forwarded"); f.believe["forwarded"] && v != "" {
		for _, pair := range strings.Split(v, ";") {
			k, val, _ := strings.Cut(pair, "=")
			switch strings.ToLower(k) {
			case "proto":
				scheme = val
			case "host":
				host = val
			}
		}
	}
	return scheme + "://" + host
}

func (f *fakeRegistry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization"))
	f.mu.Unlock()
	base := f.believed(r)
	if r.URL.Path == "/token" {
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "pw" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		tok := "tok"
		if strings.HasSuffix(r.URL.Query().Get("scope"), ",delete") {
			tok = "tok-delete"
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"token": tok})
		return
	}
	if f.refuse != "" {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"errors":[{"code":"` + f.refuse + `","message":"refused"}]}`))
		return
	}
	if f.allowed != "" {
		if u, _ := url.Parse(base); u.Hostname() != f.allowed {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"errors":[{"code":"HOST_NOT_ALLOWED","message":"host not allowed"}]}`))
			return
		}
	}
	switch f.auth {
	case "basic":
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "pw" {
			w.Header().Set("WWW-Authenticate", `Basic realm="registry"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	case "bearer":
		// As upstream, a DELETE needs the delete action.
		want := map[bool]string{false: "Bearer tok", true: "Bearer tok-delete"}[r.Method == http.MethodDelete]
		if a := r.Header.Get("Authorization"); a != want && a != "Bearer tok-delete" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="`+f.realm(base)+`",service="reg"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	switch {
	case r.URL.Path == "/v2/":
		w.WriteHeader(http.StatusOK)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/blobs/uploads/"):
		w.Header().Set("Location", f.location(base))
		w.WriteHeader(http.StatusAccepted)
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case strings.HasSuffix(r.URL.Path, "/tags/list"):
		if f.link != "" {
			w.Header().Set("Link", strings.ReplaceAll(f.link, "{base}", base))
			_, _ = w.Write([]byte(`{"name":"x","tags":["a"]}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fakeRegistry) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.seen...)
}

func startFake(t *testing.T, f *fakeRegistry) {
	f.srv = httptest.NewTLSServer(f)
	t.Cleanup(f.srv.Close)
}

// uploadAt is a Location on the believed origin.
func uploadAt(base string) string { return base + "/v2/x/blobs/uploads/123?_state=s" }

// wire is the doctor's HTTP client for the tests. It records every request
// (origin and credentials), and connects every .invalid host, which would
// not resolve, to a trap server that records whatever reaches it: a canary
// URL followed, credentials sent to one.
type wire struct {
	t    *testing.T
	mu   sync.Mutex
	reqs []*http.Request
	trap []string // dials and requests that reached the trap
	next http.RoundTripper
}

func newWire(t *testing.T, f *fakeRegistry) (*wire, *http.Client) {
	w := &wire{t: t}
	trap := httptest.NewTLSServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.trap = append(w.trap, "request "+r.Host+r.URL.Path+" auth="+r.Header.Get("Authorization"))
		w.mu.Unlock()
	}))
	t.Cleanup(trap.Close)
	tr := f.srv.Client().Transport.(*http.Transport).Clone()
	var dialer net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, _ := net.SplitHostPort(addr); strings.HasSuffix(strings.ToLower(host), ".invalid") {
			w.mu.Lock()
			w.trap = append(w.trap, "dial "+addr)
			w.mu.Unlock()
			addr = trap.Listener.Addr().String()
		}
		return dialer.DialContext(ctx, network, addr)
	}
	w.next = tr
	return w, &http.Client{Transport: w}
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	w.mu.Lock()
	w.reqs = append(w.reqs, r)
	w.mu.Unlock()
	return w.next.RoundTrip(r)
}

// checkNothingLeaked fails the test when a request went to a canary host,
// or credentials to any origin but the allowed ones.
func (w *wire) checkNothingLeaked(allowed ...string) {
	w.t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.trap) > 0 {
		w.t.Errorf("a canary host was contacted: %q", w.trap)
	}
	for _, r := range w.reqs {
		if strings.HasSuffix(strings.ToLower(r.URL.Hostname()), ".invalid") {
			w.t.Errorf("request to a canary URL: %s %s", r.Method, r.URL)
		}
		if r.Header.Get("Authorization") == "" {
			continue
		}
		ok := false
		for _, a := range allowed {
			if origin(r.URL) == a {
				ok = true
			}
		}
		if !ok {
			w.t.Errorf("credentials sent to %s (%s %s)", origin(r.URL), r.Method, r.URL)
		}
	}
}

func runWire(t *testing.T, f *fakeRegistry, user string) (*Report, *wire) {
	w, client := newWire(t, f)
	r := Run(context.Background(), Options{URL: f.srv.URL, Username: user, Password: "pw", Client: client})
	return r, w
}

func run(t *testing.T, f *fakeRegistry, user string) *Report {
	r, w := runWire(t, f, user)
	w.checkNothingLeaked(f.srv.URL)
	return r
}

func check(r *Report, name string) Check {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return Check{}
}

func verdictOf(r *Report, name string) Verdict { return check(r, name).Verdict }

func text(r *Report) string {
	var buf bytes.Buffer
	r.WriteText(&buf)
	return buf.String()
}

func TestHealthyRegistry(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: uploadAt}
	startFake(t, f)
	r := run(t, f, "alice")
	if r.ExitCode() != ExitOK {
		t.Fatalf("exit %d:\n%s", r.ExitCode(), text(r))
	}
	for _, name := range []string{CheckAPI, CheckUpload, CheckXForwardedHost, CheckXForwardedProto, CheckForwardedHost, CheckForwardedProto, CheckCancel} {
		if v := verdictOf(r, name); v != OK {
			t.Errorf("%s: %q, want ok:\n%s", name, v, text(r))
		}
	}
	if verdictOf(r, CheckClientAddress) != Skipped || !strings.Contains(check(r, CheckClientAddress).Detail, "192.0.2.") {
		t.Errorf("client address: %+v", check(r, CheckClientAddress))
	}
	// One clean upload and one per steering probe, all cancelled.
	if d := check(r, CheckCancel).Detail; d != "5 test uploads cancelled" {
		t.Errorf("cancel: %q", d)
	}
	out := text(r)
	for _, want := range []string{"[ok] api: GET /v2/", "[ok] steer-x-forwarded-host: a client's X-Forwarded-Host: xfh-", ".doctor.invalid changed nothing", "pushes through this URL will work"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// Every check is one line of explanation.
	for _, c := range r.Checks {
		if c.Name == "" || c.Verdict == "" || c.Detail == "" || strings.ContainsAny(c.Detail, "\r\n") {
			t.Errorf("check %+v", c)
		}
	}
}

func TestRelativeLocation(t *testing.T) {
	f := &fakeRegistry{location: func(string) string { return "/v2/x/blobs/uploads/123" }}
	startFake(t, f)
	if r := run(t, f, ""); r.ExitCode() != ExitOK {
		t.Fatalf("report:\n%s", text(r))
	}
}

func TestPlainHTTPLocation(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: func(base string) string {
		return uploadAt(strings.Replace(base, "https://", "http://", 1))
	}}
	startFake(t, f)
	r := run(t, f, "alice")
	if r.ExitCode() != ExitProblem || verdictOf(r, CheckUpload) != Problem {
		t.Fatalf("report:\n%s", text(r))
	}
	out := text(r)
	for _, want := range []string{"scheme http", "401", "cleartext", "http.forwarded.scheme: https", "X-Forwarded-Proto", "trustedproxies: []", "allowedhosts"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// The flipped scheme cannot be seen when the Location already has it.
	if verdictOf(r, CheckXForwardedProto) != Skipped {
		t.Errorf("proto probe: %+v", check(r, CheckXForwardedProto))
	}
	// The uploads were cancelled through the given origin, with
	// credentials, over TLS.
	var deletes int
	for _, s := range f.requests() {
		if strings.HasPrefix(s, "DELETE ") {
			deletes++
			if !strings.HasPrefix(s, "DELETE /v2/x/blobs/uploads/123 auth=Basic") {
				t.Errorf("cancel request %q", s)
			}
		}
	}
	if deletes != 5 {
		t.Errorf("%d uploads cancelled, want 5: %q", deletes, f.requests())
	}
}

func TestOtherHostLocationGetsNothing(t *testing.T) {
	other := &fakeRegistry{location: func(string) string { return "" }}
	startFake(t, other)
	f := &fakeRegistry{auth: "basic", location: func(string) string { return other.srv.URL + "/v2/x/blobs/uploads/123" }}
	startFake(t, f)
	r := run(t, f, "alice")
	if r.ExitCode() != ExitProblem || verdictOf(r, CheckUpload) != Problem {
		t.Fatalf("report:\n%s", text(r))
	}
	if seen := other.requests(); len(seen) != 0 {
		t.Errorf("the other origin received %q", seen)
	}
}

func TestBearerRealm(t *testing.T) {
	f := &fakeRegistry{auth: "bearer", realm: func(string) string { return "{srv}/token" }, location: uploadAt}
	startFake(t, f)
	f.realm = func(string) string { return f.srv.URL + "/token" }
	r := run(t, f, "alice")
	if r.ExitCode() != ExitOK || verdictOf(r, CheckRealm) != OK {
		t.Fatalf("report:\n%s", text(r))
	}
	if d := check(r, CheckCancel); d.Verdict != OK || d.Detail != "5 test uploads cancelled" {
		t.Errorf("cancel with a token: %+v", d)
	}
	if !strings.Contains(check(r, CheckXForwardedHost).Detail, "token realm or upload Location") {
		t.Errorf("the realm was not probed: %+v", check(r, CheckXForwardedHost))
	}
}

// An http realm gets no credentials, whatever its origin, and is a problem.
func TestHTTPRealmGetsNoCredentials(t *testing.T) {
	token := &fakeRegistry{location: uploadAt}
	token.srv = httptest.NewServer(token)
	t.Cleanup(token.srv.Close)
	for _, c := range []struct {
		name  string
		realm func(f *fakeRegistry) string
	}{
		{"same host", func(f *fakeRegistry) string { return strings.Replace(f.srv.URL, "https", "http", 1) + "/token" }},
		{"other origin", func(*fakeRegistry) string { return token.srv.URL + "/token" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeRegistry{auth: "bearer", location: uploadAt}
			startFake(t, f)
			f.realm = func(string) string { return c.realm(f) }
			r := run(t, f, "alice")
			if verdictOf(r, CheckRealm) != Problem || r.ExitCode() != ExitProblem {
				t.Fatalf("http realm not reported:\n%s", text(r))
			}
			out := text(r)
			for _, want := range []string{"is http: the doctor sends no credentials there", "cleartext", "[skipped] upload: not checked"} {
				if !strings.Contains(out, want) {
					t.Errorf("report lacks %q:\n%s", want, out)
				}
			}
			for _, s := range append(f.requests(), token.requests()...) {
				if strings.Contains(s, "/token") {
					t.Errorf("the http realm was asked: %q", s)
				}
			}
		})
	}
}

// A token server on its own origin, over https, gets the credentials, as
// Docker and containerd send them.
func TestRealmOnItsOwnOrigin(t *testing.T) {
	token := &fakeRegistry{location: uploadAt}
	startFake(t, token)
	f := &fakeRegistry{auth: "bearer", realm: func(string) string { return token.srv.URL + "/token" }, location: uploadAt}
	startFake(t, f)
	r, w := runWire(t, f, "alice")
	w.checkNothingLeaked(f.srv.URL, token.srv.URL)
	if r.ExitCode() != ExitOK || verdictOf(r, CheckRealm) != OK {
		t.Fatalf("report:\n%s", text(r))
	}
	if d := check(r, CheckRealm).Detail; !strings.Contains(d, "on its own origin, over https") {
		t.Errorf("realm: %q", d)
	}
	var asked bool
	for _, s := range token.requests() {
		asked = asked || strings.HasPrefix(s, "GET /token auth=Basic ")
	}
	if !asked {
		t.Errorf("the token server saw %q", token.requests())
	}
}

// A registry that believes a client's forwarding header is found out, the
// header named, and no request or credentials ever reach a canary host.
func TestSteering(t *testing.T) {
	for _, c := range []struct {
		name    string
		believe string
		auth    string
		link    string
		problem []string // checks that must find a problem
		where   string   // where the canary must be reported
	}{
		{"X-Forwarded-Host", "x-forwarded-host", "basic", "", []string{CheckXForwardedHost}, "upload Location https://xfh-"},
		{"X-Forwarded-Proto", "x-forwarded-proto", "basic", "", []string{CheckXForwardedProto}, "upload Location http://"},
		{"Forwarded", "forwarded", "", "", []string{CheckForwardedHost, CheckForwardedProto}, "upload Location https://fwd-"},
		{"token realm", "x-forwarded-host", "bearer", "", []string{CheckXForwardedHost}, "token realm https://xfh-"},
		{"tags list Link", "x-forwarded-host", "", `<{base}/v2/x/tags/list?n=1&last=a>; rel="next"`, []string{CheckXForwardedHost}, "tags list Link https://xfh-"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeRegistry{auth: c.auth, location: uploadAt, link: c.link, believe: map[string]bool{c.believe: true},
				realm: func(base string) string { return base + "/token" }}
			startFake(t, f)
			r := run(t, f, "alice")
			if r.ExitCode() != ExitProblem {
				t.Fatalf("exit %d:\n%s", r.ExitCode(), text(r))
			}
			for _, name := range CheckNames {
				want := map[bool]Verdict{true: Problem}[contains(c.problem, name)]
				if got := verdictOf(r, name); (got == Problem) != (want == Problem) {
					t.Errorf("%s: %q:\n%s", name, got, text(r))
				}
			}
			out := text(r)
			for _, want := range []string{"a client can choose your URLs", c.where, "overwrite", "trust fewer proxies", "docs/reference.md"} {
				if !strings.Contains(out, want) {
					t.Errorf("report lacks %q:\n%s", want, out)
				}
			}
			if !strings.Contains(r.Summary(), "a client can choose your URLs ("+steeringHeader[c.problem[0]]) {
				t.Errorf("summary %q", r.Summary())
			}
		})
	}
}

// A believed canary host that allowedhosts refuses is worth a warning.
func TestSteeringRefusedByAllowedHosts(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: uploadAt, believe: map[string]bool{"x-forwarded-host": true}, allowed: "127.0.0.1"}
	startFake(t, f)
	r := run(t, f, "alice")
	if r.ExitCode() != ExitOK || verdictOf(r, CheckXForwardedHost) != Warning {
		t.Fatalf("report:\n%s", text(r))
	}
	if d := check(r, CheckXForwardedHost).Detail; !strings.Contains(d, "400 HOST_NOT_ALLOWED") {
		t.Errorf("detail %q", d)
	}
}

func TestTagsLink(t *testing.T) {
	f := &fakeRegistry{location: uploadAt, link: `<http://evil.example/v2/x/tags/list?n=1&last=a>; rel="next"`}
	startFake(t, f)
	r := run(t, f, "")
	if verdictOf(r, CheckLink) != Problem || r.ExitCode() != ExitProblem {
		t.Fatalf("report:\n%s", text(r))
	}
	f.link = `</v2/x/tags/list?n=1&last=a>; rel="next"`
	if r := run(t, f, ""); verdictOf(r, CheckLink) != OK || r.ExitCode() != ExitOK {
		t.Fatalf("report:\n%s", text(r))
	}
}

func TestCannotCheck(t *testing.T) {
	for _, url := range []string{"ftp://x", "http://127.0.0.1:1", "::", "https://user:pw@127.0.0.1"} {
		r := Run(context.Background(), Options{URL: url})
		if r.ExitCode() != ExitCannotDo || r.Error == "" {
			t.Errorf("%s: report %+v", url, r)
		}
	}
	f := &fakeRegistry{auth: "basic", location: func(base string) string { return base }}
	startFake(t, f)
	if r := run(t, f, ""); r.ExitCode() != ExitCannotDo || !strings.Contains(r.Error, "credentials") {
		t.Errorf("without credentials: %+v", r)
	}
}

func TestJSONNamesEachCheck(t *testing.T) {
	b, err := json.Marshal(Check{Name: CheckUpload, Verdict: OK, Detail: "upload Location https://r matches"})
	if err != nil || string(b) != `{"name":"upload","verdict":"ok","detail":"upload Location https://r matches"}` {
		t.Errorf("%s %v", b, err)
	}
}

// The reference lists every check the doctor runs.
func TestGuideListsEveryCheck(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "reference.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range CheckNames {
		if !strings.Contains(string(doc), "| `"+name+"` |") {
			t.Errorf("docs/reference.md does not list the check %s", name)
		}
	}
}

// A registry that refuses the URL's host is a problem the doctor names,
// with the key to change: not a registry it cannot check.
func TestHostRefused(t *testing.T) {
	for _, c := range []struct {
		code string
		want []string
	}{
		{"HOST_NOT_ALLOWED", []string{
			"[PROBLEM] api: GET /v2/: 400 HOST_NOT_ALLOWED: http.forwarded.allowedhosts refuses 127.0.0.1:",
			"likely fix: Add 127.0.0.1:",
			"an entry without a port allows only the scheme's default port (443 for https), so 127.0.0.1 does not cover port ",
			"(127.0.0.1:* covers any port)",
			"result: problems found: the registry refuses every API request through this URL for its host (api)",
		}},
		{"HOST_INVALID", []string{
			"[PROBLEM] api: GET /v2/: 400 HOST_INVALID: the registry found no valid host[:port] for the request: the Host the doctor sent, 127.0.0.1:",
			"proxy_set_header Host $http_host",
		}},
	} {
		t.Run(c.code, func(t *testing.T) {
			f := &fakeRegistry{auth: "basic", location: uploadAt, refuse: c.code}
			startFake(t, f)
			r := run(t, f, "alice")
			out := text(r)
			if r.ExitCode() != ExitProblem || r.Error != "" || len(r.Checks) != 1 || len(r.NotChecked) != 0 {
				t.Fatalf("exit %d, want %d with the api check alone:\n%s", r.ExitCode(), ExitProblem, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// Without a port, the fix names the host alone.
func TestHostRefusedDefaultPort(t *testing.T) {
	d := &doctor{report: &Report{}, base: mustURL("https://registry.example.com")}
	d.refused("GET /v2/", "HOST_NOT_ALLOWED")
	c := d.report.Checks[0]
	if !strings.Contains(c.Detail, "allowedhosts refuses registry.example.com") ||
		!strings.HasPrefix(c.Fix, "Add registry.example.com to http.forwarded.allowedhosts (an entry without a port allows only the scheme's default port)") {
		t.Errorf("%+v", c)
	}
}

// A green run says what it could not check, and how to; a run with a
// problem does not.
func TestNotChecked(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: uploadAt}
	startFake(t, f)
	r := run(t, f, "alice")
	out := text(r)
	if r.ExitCode() != ExitOK || len(r.NotChecked) != 3 {
		t.Fatalf("report:\n%s", out)
	}
	for _, w := range []string{
		"what no client can see is not checked (below)\nnot checked from outside, since no response shows it:\n",
		"  - the client address in the access log, request logs and notifications' request.addr: from a client whose address you know, run curl -s -o /dev/null -H 'X-Forwarded-For: 192.0.2.1' " + f.srv.URL + "/v2/",
		"this run's X-Forwarded-For: 192.0.2.",
		"  - notifications' request.host, and trace spans' client.address and server.address: ",
		"  - what the registry refused: the counter registry_forwarded_refused_total",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	b, _ := json.Marshal(r)
	if !strings.Contains(string(b), `"notchecked":[{"what":"the client address`) {
		t.Errorf("JSON: %s", b)
	}
	f.location = func(string) string { return "http://evil.example/v2/x/blobs/uploads/1" }
	if r := run(t, f, "alice"); r.ExitCode() != ExitProblem || len(r.NotChecked) != 0 || strings.Contains(text(r), "not checked from outside") {
		t.Errorf("a run with a problem lists what it did not check:\n%s", text(r))
	}
}

func TestCanaries(t *testing.T) {
	a, b := newCanaries("https"), newCanaries("http")
	if a.xfHost == b.xfHost || !strings.HasSuffix(a.xfHost, ".invalid") || !strings.HasSuffix(a.fwdHost, ".invalid") {
		t.Errorf("hosts %q %q", a.xfHost, b.xfHost)
	}
	if a.proto != "http" || b.proto != "https" {
		t.Errorf("protos %q %q", a.proto, b.proto)
	}
	for _, ip := range []string{a.xfFor, a.fwdFor} {
		addr := net.ParseIP(ip)
		_, doc1, _ := net.ParseCIDR("192.0.2.0/24")
		_, doc2, _ := net.ParseCIDR("198.51.100.0/24")
		if addr == nil || !(doc1.Contains(addr) || doc2.Contains(addr)) {
			t.Errorf("client canary %q not in a documentation range", ip)
		}
	}
}

func TestDefaultPortsNormalized(t *testing.T) {
	a, b := mustURL("https://reg.example.com"), mustURL("https://REG.example.com:443/v2/")
	if !sameOrigin(a, b) {
		t.Error("default port not normalized")
	}
	if sameOrigin(mustURL("http://reg.example.com"), mustURL("https://reg.example.com:80")) {
		t.Error("schemes compared equal")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
