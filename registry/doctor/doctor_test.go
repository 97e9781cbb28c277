package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// fakeRegistry answers the few requests the doctor makes. location and link
// say what the registry hands out; auth selects the challenge.
type fakeRegistry struct {
	mu       sync.Mutex
	srv      *httptest.Server
	location func(base string) string
	link     string
	auth     string // "", "basic" or "bearer"
	realm    func(base string) string
	seen     []string
}

func (f *fakeRegistry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization"))
	f.mu.Unlock()
	base := f.srv.URL
	if r.URL.Path == "/token" {
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "pw" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"token": "tok"})
		return
	}
	switch f.auth {
	case "basic":
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "pw" {
			w.Header().Set("WWW-Authenticate", `Basic realm="registry"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	case "bearer":
		if r.Header.Get("Authorization") != "Bearer tok" {
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
			w.Header().Set("Link", f.link)
			_, _ = w.Write([]byte(`{"name":"x","tags":["a"]}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func startFake(t *testing.T, f *fakeRegistry) {
	f.srv = httptest.NewTLSServer(f)
	t.Cleanup(f.srv.Close)
}

func run(f *fakeRegistry, user string) *Report {
	return Run(context.Background(), Options{URL: f.srv.URL, Username: user, Password: "pw", Client: f.srv.Client()})
}

func statusOf(r *Report, name string) Status {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Status
		}
	}
	return ""
}

func TestHealthyRegistry(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: func(base string) string { return base + "/v2/x/blobs/uploads/123?_state=s" }}
	startFake(t, f)
	r := run(f, "alice")
	if r.ExitCode() != ExitOK || statusOf(r, "upload") != OK || statusOf(r, "cancel") != OK {
		t.Fatalf("report %+v", r)
	}
	var buf bytes.Buffer
	r.WriteText(&buf)
	if !strings.Contains(buf.String(), "pushes through this URL will work") {
		t.Errorf("text report:\n%s", buf.String())
	}
}

func TestRelativeLocation(t *testing.T) {
	f := &fakeRegistry{location: func(string) string { return "/v2/x/blobs/uploads/123" }}
	startFake(t, f)
	if r := run(f, ""); r.ExitCode() != ExitOK {
		t.Fatalf("report %+v", r)
	}
}

func TestPlainHTTPLocation(t *testing.T) {
	f := &fakeRegistry{auth: "basic", location: func(base string) string {
		return strings.Replace(base, "https://", "http://", 1) + "/v2/x/blobs/uploads/123?_state=s"
	}}
	startFake(t, f)
	r := run(f, "alice")
	if r.ExitCode() != ExitProblem || statusOf(r, "upload") != Problem {
		t.Fatalf("report %+v", r)
	}
	var buf bytes.Buffer
	r.WriteText(&buf)
	for _, want := range []string{"scheme http", "401", "cleartext", "http.forwarded.scheme: https", "X-Forwarded-Proto"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
	// The cancel went to the given origin, with credentials, over TLS.
	f.mu.Lock()
	defer f.mu.Unlock()
	if last := f.seen[len(f.seen)-2]; !strings.HasPrefix(last, "DELETE /v2/x/blobs/uploads/123 auth=Basic") {
		t.Errorf("cancel request %q", last)
	}
}

func TestOtherHostLocationGetsNothing(t *testing.T) {
	other := &fakeRegistry{location: func(string) string { return "" }}
	startFake(t, other)
	f := &fakeRegistry{auth: "basic", location: func(string) string { return other.srv.URL + "/v2/x/blobs/uploads/123" }}
	startFake(t, f)
	r := run(f, "alice")
	if r.ExitCode() != ExitProblem || statusOf(r, "upload") != Problem {
		t.Fatalf("report %+v", r)
	}
	other.mu.Lock()
	defer other.mu.Unlock()
	if len(other.seen) != 0 {
		t.Errorf("the other origin received %q", other.seen)
	}
}

func TestBearerRealm(t *testing.T) {
	f := &fakeRegistry{auth: "bearer", realm: func(base string) string { return base + "/token" },
		location: func(base string) string { return base + "/v2/x/blobs/uploads/1" }}
	startFake(t, f)
	r := run(f, "alice")
	if r.ExitCode() != ExitOK || statusOf(r, "realm") != OK {
		t.Fatalf("report %+v", r)
	}

	plain := &fakeRegistry{auth: "bearer", realm: func(base string) string { return strings.Replace(base, "https", "http", 1) + "/token" },
		location: func(base string) string { return base + "/v2/x/blobs/uploads/1" }}
	startFake(t, plain)
	r = run(plain, "alice")
	if statusOf(r, "realm") != Problem || r.ExitCode() == ExitOK {
		t.Fatalf("http realm not reported: %+v", r)
	}
}

func TestTagsLink(t *testing.T) {
	f := &fakeRegistry{location: func(base string) string { return base + "/v2/x/blobs/uploads/1" },
		link: `<http://evil.example/v2/x/tags/list?n=1&last=a>; rel="next"`}
	startFake(t, f)
	r := run(f, "")
	if statusOf(r, "link") != Problem || r.ExitCode() != ExitProblem {
		t.Fatalf("report %+v", r)
	}
	f.link = `</v2/x/tags/list?n=1&last=a>; rel="next"`
	if r := run(f, ""); statusOf(r, "link") != OK || r.ExitCode() != ExitOK {
		t.Fatalf("report %+v", r)
	}
}

func TestCannotCheck(t *testing.T) {
	for _, url := range []string{"ftp://x", "http://127.0.0.1:1", "::"} {
		r := Run(context.Background(), Options{URL: url})
		if r.ExitCode() != ExitCannotDo || r.Error == "" {
			t.Errorf("%s: report %+v", url, r)
		}
	}
	f := &fakeRegistry{auth: "basic", location: func(base string) string { return base }}
	startFake(t, f)
	if r := run(f, ""); r.ExitCode() != ExitCannotDo || !strings.Contains(r.Error, "credentials") {
		t.Errorf("without credentials: %+v", r)
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

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
