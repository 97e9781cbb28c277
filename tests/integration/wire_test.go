package integration

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawResponse is one response read off the wire, body included.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

// errorCode returns the code of the first error of a registry's JSON error
// body, or "".
func (r *rawResponse) errorCode() string {
	var doc struct {
		Errors []struct {
			Code string `json:"code"`
		} `json:"errors"`
	}
	if json.Unmarshal(r.body, &doc) != nil || len(doc.Errors) == 0 {
		return ""
	}
	return doc.Errors[0].Code
}

// fromRegistry reports whether the registry application wrote the response:
// it carries upstream's API version header, or a JSON error body.
func (r *rawResponse) fromRegistry() bool {
	return r.header.Get("Docker-Distribution-Api-Version") != "" || r.errorCode() != ""
}

// describe names a response for a report: the registry's error code, or the
// status and whoever else wrote it.
func (r *rawResponse) describe() string {
	if code := r.errorCode(); code != "" {
		return fmt.Sprintf("%d %s", r.status, code)
	}
	who := r.header.Get("Server")
	if who == "" {
		who = strings.TrimSpace(string(tail(r.body, 40)))
	}
	return fmt.Sprintf("%d (%s)", r.status, who)
}

// exchange writes head on c, byte for byte, and reads the response.
func exchange(c net.Conn, head string) (*rawResponse, error) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte(head)); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return &rawResponse{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// rawHTTPRequest sends one request written byte for byte over plain TCP,
// from the local address from.
func rawHTTPRequest(from, to, head string) (*rawResponse, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", to)
	if err != nil {
		return nil, err
	}
	return exchange(c, head)
}

// rawTLSRequest is rawHTTPRequest over TLS, verifying the edge's certificate
// against the test CA, so that a request with any Host header bytes at all
// can be sent to a TLS-terminating edge.
func rawTLSRequest(from, to, head string) (*rawResponse, error) {
	host, _, err := net.SplitHostPort(to)
	if err != nil {
		return nil, err
	}
	d := tls.Dialer{
		NetDialer: &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second},
		Config:    &tls.Config{RootCAs: suite.caPool, ServerName: host},
	}
	c, err := d.Dial("tcp", to)
	if err != nil {
		return nil, err
	}
	return exchange(c, head)
}

// uploadStart is the head of a request that starts a blob upload in repo,
// with the Host header given byte for byte and extra header lines (each
// ending in CRLF).
func uploadStart(repo, host, extra string) string {
	return fmt.Sprintf("POST /v2/%s/blobs/uploads/ HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\nConnection: close\r\n%s\r\n", repo, host, extra)
}

// debugYAML is the http.debug section that serves Prometheus metrics on
// addr, indented under http.
func debugYAML(addr string) string {
	return fmt.Sprintf("  debug:\n    addr: %s\n    prometheus:\n      enabled: true\n", addr)
}

// refusedCounters scrapes registry_forwarded_refused_total from the debug
// server at addr, by reason.
func refusedCounters(t testing.TB, addr string) map[string]float64 {
	t.Helper()
	return scrapeCounters(t, addr, "registry_forwarded_refused_total")
}

// scrapeCounters scrapes a counter labelled by reason from the debug server
// at addr, by reason.
func scrapeCounters(t testing.TB, addr, metric string) map[string]float64 {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("scraping metrics: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	line := regexp.MustCompile(`^` + metric + `\{[^}]*reason="([a-z_]+)"[^}]*\} (\S+)$`)
	counts := map[string]float64{}
	for _, l := range strings.Split(string(body), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			counts[m[1]] += v
		}
	}
	return counts
}

// refusalReasons are the label values of registry_forwarded_refused_total.
var refusalReasons = []string{"untrusted_peer", "invalid_value", "invalid_host", "host_not_allowed"}

// warnings returns the lines of a registry log written at warning level or
// above.
func warnings(log string) []string {
	var lines []string
	for _, line := range strings.Split(readFile(log), "\n") {
		if strings.Contains(line, "level=warning") || strings.Contains(line, "level=error") {
			lines = append(lines, line)
		}
	}
	return lines
}

// accessLogClients returns the first field (the client address) of the access
// log lines of a registry log whose request line contains needle. The line
// is written after the response, so it waits a few seconds for one.
func accessLogClients(log, needle string) []string {
	deadline := time.Now().Add(5 * time.Second)
	for {
		var clients []string
		for _, line := range strings.Split(readFile(log), "\n") {
			if strings.Contains(line, needle) && !strings.HasPrefix(line, "time=") {
				clients = append(clients, strings.Fields(line)[0])
			}
		}
		if len(clients) > 0 || time.Now().After(deadline) {
			return clients
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// event is the part of upstream's notification event that says where a
// request came from and what it made.
type event struct {
	Action string `json:"action"`
	Target struct {
		MediaType  string `json:"mediaType"`
		Repository string `json:"repository"`
		URL        string `json:"url"`
		Tag        string `json:"tag"`
	} `json:"target"`
	Request struct {
		Addr   string `json:"addr"`
		Host   string `json:"host"`
		Method string `json:"method"`
	} `json:"request"`
}

// eventSink is a notification endpoint: it decodes upstream's envelope and
// keeps every event.
type eventSink struct {
	srv    *httptest.Server
	mu     sync.Mutex
	events []event
}

// startEventSink listens on ip, on a free port.
func startEventSink(t testing.TB, ip string) *eventSink {
	t.Helper()
	s := &eventSink{}
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var envelope struct {
			Events []event `json:"events"`
		}
		if err := json.NewDecoder(r.Body).Decode(&envelope); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		s.events = append(s.events, envelope.Events...)
		s.mu.Unlock()
	}))
	s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

// yaml is the top-level notifications section that sends every event here.
func (s *eventSink) yaml() string {
	return fmt.Sprintf(`notifications:
  endpoints:
    - name: test-sink
      url: %s/events
      timeout: 2s
      threshold: 3
      backoff: 300ms
`, s.srv.URL)
}

// manifestPush waits up to ten seconds for the event of a manifest push to
// repo.
func (s *eventSink) manifestPush(repo string) (event, bool) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		for _, ev := range s.events {
			if ev.Action == "push" && ev.Target.Repository == repo && strings.Contains(ev.Target.MediaType, "manifest") {
				s.mu.Unlock()
				return ev, true
			}
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			return event{}, false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// apiClient sends registry requests to base with a fixed Host header, a
// bearer token and extra headers on every request.
type apiClient struct {
	hc    *http.Client
	base  string // scheme://address the requests go to
	host  string // the Host header; the base's address when empty
	token string
}

func (c *apiClient) do(method, path string, body []byte, hdr http.Header) (*http.Response, error) {
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if c.host != "" {
		req.Host = c.host
	}
	for k, vs := range hdr {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

// push uploads the image's blobs and its manifest, every request with hdr,
// and returns the Location of the first upload start as the registry wrote
// it. Uploads continue at the path of each Location on base, wherever the
// Location points.
func (c *apiClient) push(repo, tag string, img *image, hdr http.Header) (string, error) {
	first := ""
	for _, b := range img.blobs() {
		resp, err := c.do(http.MethodPost, "/v2/"+repo+"/blobs/uploads/", nil, hdr)
		if err != nil {
			return first, err
		}
		if resp.StatusCode != http.StatusAccepted {
			return first, fmt.Errorf("upload start: status %d", resp.StatusCode)
		}
		loc := resp.Header.Get("Location")
		if first == "" {
			first = loc
		}
		u, err := url.Parse(loc)
		if err != nil {
			return first, err
		}
		q := u.Query()
		q.Set("digest", b.desc.Digest.String())
		resp, err = c.do(http.MethodPut, u.Path+"?"+q.Encode(), b.data, hdr)
		if err != nil {
			return first, err
		}
		if resp.StatusCode != http.StatusCreated {
			return first, fmt.Errorf("upload end: status %d", resp.StatusCode)
		}
	}
	h := hdr.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Content-Type", img.manifest.desc.MediaType)
	resp, err := c.do(http.MethodPut, "/v2/"+repo+"/manifests/"+tag, img.manifest.data, h)
	if err != nil {
		return first, err
	}
	if resp.StatusCode != http.StatusCreated {
		return first, fmt.Errorf("manifest put: status %d", resp.StatusCode)
	}
	return first, nil
}

// challenge returns the WWW-Authenticate header of an unauthenticated
// request for the API root.
func (c *apiClient) challenge(hdr http.Header) (string, error) {
	anonymous := *c
	anonymous.token = ""
	resp, err := anonymous.do(http.MethodGet, "/v2/", nil, hdr)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusUnauthorized {
		return "", fmt.Errorf("GET /v2/ without a token: status %d", resp.StatusCode)
	}
	return resp.Header.Get("WWW-Authenticate"), nil
}

// fetchToken asks the token server at tokenURL for a token with push and
// pull on repos, with the test user's credentials.
func fetchToken(hc *http.Client, tokenURL, service string, repos ...string) (string, error) {
	scopes := make([]string, len(repos))
	for i, r := range repos {
		scopes[i] = "repository:" + r + ":pull,push"
	}
	return fetchTokenScopes(hc, tokenURL, service, scopes...)
}

// fetchTokenScopes asks the token server at tokenURL for a token with the
// given scopes.
func fetchTokenScopes(hc *http.Client, tokenURL, service string, scopes ...string) (string, error) {
	q := url.Values{"service": {service}, "scope": scopes}
	req, err := http.NewRequest(http.MethodGet, tokenURL+"?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(username, password)
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var doc struct {
		Token string `json:"token"`
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("token: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		return "", err
	}
	return doc.Token, nil
}

// autoRedirectYAML is the auth section of a token server with upstream's
// auto-redirect on: the realm is built from each request.
func autoRedirectYAML(ts *tokenServer) string {
	return ts.authYAML("unused.invalid") + "    autoredirect: true\n"
}
