package integration

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostileHeaders are header blocks (each line ending in CRLF) that a client,
// or a broken proxy, might send.
func hostileHeaders() map[string]string {
	long := func(unit string, n int, sep string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = unit
		}
		return strings.Join(parts, sep)
	}
	return map[string]string{
		"64 KiB Forwarded":          "Forwarded: " + strings.Repeat("for=10.0.0.1;proto=http;ext=\"aaaa\", ", 64<<10/36) + "for=10.0.0.1\r\n",
		"1000-element Forwarded":    "Forwarded: " + long("for=10.0.0.1;proto=https;host=evil.example", 1000, ", ") + "\r\n",
		"1000-entry X-Forwarded":    "X-Forwarded-For: " + long("10.0.0.1", 1000, ", ") + "\r\nX-Forwarded-Host: " + long("evil.example", 1000, ", ") + "\r\n",
		"invalid UTF-8":             "X-Forwarded-Host: \xff\xfe.example\r\nForwarded: host=\"\xc3\x28\"\r\n",
		"NUL in a value":            "X-Forwarded-Host: evil\x00.example\r\n",
		"bare CR in a value":        "X-Forwarded-Proto: https\rLocation: http://evil.example\r\n",
		"folded line":               "X-Forwarded-Host: reg.example\r\n evil.example\r\n",
		"unterminated quote":        "Forwarded: for=\"10.0.0.1;host=evil.example\r\n",
		"duplicate parameters":      "Forwarded: for=10.0.0.1;host=a;host=evil.example\r\n",
		"IPv6 zone":                 "Forwarded: for=\"[fe80::1%25eth0]\";host=evil.example\r\nX-Forwarded-For: fe80::1%eth0\r\n",
		"huge port":                 "X-Forwarded-Host: evil.example:99999999999999999999\r\nX-Forwarded-Port: 184467440737095516160\r\n",
		"javascript proto":          "X-Forwarded-Proto: javascript\r\nForwarded: proto=javascript\r\n",
		"userinfo host":             "X-Forwarded-Host: user@evil.example\r\nForwarded: host=\"user@evil.example\"\r\n",
		"path in host":              "X-Forwarded-Host: evil.example/v2/\r\n",
		"many header lines":         strings.Repeat("X-Forwarded-For: 10.0.0.1\r\n", 500),
		"empty values":              "X-Forwarded-For: ,,,\r\nX-Forwarded-Host:\r\nForwarded: ;;,;\r\n",
		"escapes everywhere":        "Forwarded: for=\"\\1\\0\\.\\0\\.\\0\\.\\1\";host=\"evil\\.example\"\r\n",
		"Host header with a comma":  "",
		"obfuscated and unknown":    "Forwarded: for=_x;host=evil.example, for=unknown;host=evil.example\r\n",
		"huge Host header":          "",
		"control characters in XFF": "X-Forwarded-For: \x01\x02\x03\r\n",
	}
}

// TestHostileRequests sends each hostile header block to the running binary:
// directly from a trusted address (so that the parsers run), directly from an
// untrusted one, and through the nginx edge and inner proxy. The registry
// never answers 5xx, never writes a Location host outside the allowed set,
// and keeps serving.
func TestHostileRequests(t *testing.T) {
	e := newEnv(t)
	allowed := []string{edgeIP, registryIP, replicaIP, "reg.example"}
	// Any port: the routes below send the registries' own host:port.
	allowedYAML := "    allowedhosts: [" + strings.Join(allowed, ":*, ") + ":*]\n"
	var procs []string
	for _, r := range []struct{ addr, header string }{{registryTCP, "x-forwarded"}, {replicaTCP, "forwarded"}} {
		e.startRegistry(registryOptions{
			addr: r.addr, storage: e.dir + "/storage-" + r.header,
			forwarded: forwardedYAML(r.header, "", edgeIP, innerIP) + allowedYAML,
		})
		procs = append(procs, r.addr)
	}
	e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
	e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")

	type route struct {
		name, from, to, host string
		tls                  bool
	}
	routes := []route{
		{"trusted peer, x-forwarded", innerIP, registryTCP, registryTCP, false},
		{"trusted peer, forwarded", innerIP, replicaTCP, replicaTCP, false},
		{"untrusted peer", clientIP, registryTCP, registryTCP, false},
		{"inner nginx", clientIP, innerIP + ":80", "reg.example", false},
	}
	answered, located := 0, 0
	for name, hdr := range hostileHeaders() {
		host := ""
		switch name {
		case "Host header with a comma":
			host = "reg.example, evil.example"
		case "huge Host header":
			host = strings.Repeat("a", 4096) + ".example"
		}
		for _, r := range routes {
			h := host
			if h == "" {
				h = r.host
			}
			req := fmt.Sprintf("POST /v2/hostile/blobs/uploads/ HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\nConnection: close\r\n%s\r\n", h, hdr)
			resp, err := rawHTTPRequest(r.from, r.to, req)
			if err != nil {
				// A closed connection is an acceptable refusal; the
				// liveness check below catches a crash.
				continue
			}
			answered++
			if resp.status >= 500 {
				t.Errorf("%s via %s: status %d", name, r.name, resp.status)
			}
			if loc := resp.header.Get("Location"); loc != "" {
				located++
				u, err := url.Parse(loc)
				if err != nil {
					t.Errorf("%s via %s: unparsable Location %q", name, r.name, loc)
					continue
				}
				if u.Scheme != "http" && u.Scheme != "https" {
					t.Errorf("%s via %s: Location scheme %q", name, r.name, u.Scheme)
				}
				ok := false
				for _, a := range allowed {
					if u.Hostname() == a {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s via %s: Location host %q outside the allowed set", name, r.name, u.Host)
				}
			}
		}
	}

	// Every row is answered on every route (the servers refuse malformed
	// header blocks with 400), and most reach the upload start.
	rows := len(hostileHeaders()) * len(routes)
	if answered != rows || located < rows/2 {
		t.Errorf("%d of %d requests answered, %d with a Location", answered, rows, located)
	}
	t.Logf("%d hostile requests answered, %d reached an upload Location", answered, located)

	// Through the TLS edge, with Go's client (it refuses to send CR, LF or
	// NUL in values, so those rows are covered by the raw routes above).
	rec := &recorder{}
	hc := httpClient(rec)
	for name, hdr := range hostileHeaders() {
		req, _ := http.NewRequest("POST", "https://"+edgeIP+"/v2/hostile/blobs/uploads/", nil)
		for _, line := range strings.Split(strings.TrimSuffix(hdr, "\r\n"), "\r\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				req.Header.Add(k, strings.TrimSpace(v))
			}
		}
		resp, err := hc.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("%s via the edge: status %d", name, resp.StatusCode)
		}
		if loc := resp.Header.Get("Location"); loc != "" && !strings.HasPrefix(loc, "https://"+edgeIP+"/") {
			t.Errorf("%s via the edge: Location %q", name, loc)
		}
	}

	// Still serving, both of them.
	for _, addr := range procs {
		resp, err := http.Get("http://" + addr + "/v2/")
		if err != nil {
			t.Fatalf("registry %s stopped serving: %v", addr, err)
		}
		resp.Body.Close()
	}
}
