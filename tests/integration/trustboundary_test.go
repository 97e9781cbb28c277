package integration

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// hostRow is a Host header value a client sends, and whether it is a valid
// host[:port] under the contract (DNS labels, IPv4 or bracketed IPv6, an
// optional port from 1 to 65535; no lists, user info, paths or empty parts).
type hostRow struct {
	host  string
	valid bool
}

// hostRows returns the table: hostile values first, then valid hosts that
// neither registry serves, then the controls that one or both serve.
func hostRows() []hostRow {
	invalid := []string{
		// Lists, as a client or a proxy appending to X-Forwarded-Host
		// writes them.
		"evil.example,a.registry.example.com",
		"evil.example,a.registry.example.com:",
		"evil.example:,a.registry.example.com",
		"a.registry.example.com,evil.example",
		"registry.example.com,evil.example",
		"evil.example,registry.example.com",
		"evil.example,a.registry.example.com,b.registry.example.com",
		"evil.example, a.registry.example.com",
		"a.registry.example.com,",
		",a.registry.example.com",
		"evil.example;a.registry.example.com",
		"a.registry.example.com;b",
		"registry.example.com;evil.example",
		// IPv6 inside lists.
		"[::1],a.registry.example.com",
		"a.registry.example.com,[::1]",
		"[::1]:443,registry.example.com",
		"registry.example.com,[2001:db8::1]:5000",
		// Empty labels and characters outside labels.
		"..registry.example.com",
		"a..registry.example.com",
		".a.registry.example.com",
		"a!b.registry.example.com",
		"a$b.registry.example.com",
		"*.registry.example.com",
		"a%2eregistry.example.com",
		"a b.registry.example.com",
		"r\xc3\xa9gistry.example.com",
		"registry.example.com\"",
		strings.Repeat("a", 64) + ".registry.example.com",
		strings.Repeat("a.", 117) + "registry.example.com",
		// Ports.
		"registry.example.com:",
		":0",
		":443",
		":99999",
		"registry.example.com:0",
		"registry.example.com:99999",
		"registry.example.com:443:443",
		"registry.example.com:+443",
		"registry.example.com:https",
		// IPv6 forms.
		"[::1",
		"::1",
		"[fe80::1%25eth0]",
		"[registry.example.com]",
		// User info, paths, queries.
		"user@registry.example.com",
		"user:pass@a.registry.example.com",
		"registry.example.com/x",
		"registry.example.com?x",
		"registry.example.com#x",
		"",
	}
	var rows []hostRow
	for _, h := range invalid {
		rows = append(rows, hostRow{h, false})
	}
	for _, h := range []string{
		// Valid, served by neither registry.
		"evil.example",
		"example.com",
		"evilregistry.example.com",
		"registry.example.com.evil.example",
		"127.0.0.1:5000",
		"[::1]",
		"[2001:db8::1]:443",
		// Controls: served by the exact registry, or by the wildcard one.
		"registry.example.com",
		"REGISTRY.example.com",
		"registry.example.com:443",
		"registry.example.com.",
		"a.registry.example.com",
		"A.Registry.Example.COM",
		"a_b.registry.example.com:8443",
		"a.b.registry.example.com",
	} {
		rows = append(rows, hostRow{h, true})
	}
	// The edges' own addresses, which both registries serve too: Caddy
	// passes on only requests for the name of its site.
	for _, ip := range []string{edgeIP, caddyIP} {
		for _, h := range []string{ip + ":", ip + ":0", ip + ":99999", ip + ",evil.example", "evil.example," + ip, ip + ";evil.example", "user@" + ip} {
			rows = append(rows, hostRow{h, false})
		}
		rows = append(rows, hostRow{ip, true}, hostRow{ip + ":443", true}, hostRow{ip + ".", true})
	}
	return rows
}

// hostName returns the lower-case name of a host[:port], without brackets
// and trailing dot.
func hostName(host string) string {
	return strings.TrimSuffix(strings.ToLower((&url.URL{Host: host}).Hostname()), ".")
}

// allowedBy matches a host reached over scheme against allowedhosts patterns
// without ports as the contract says: case-insensitively, a trailing dot
// ignored, "*." for any subdomain, and no port but the scheme's default.
func allowedBy(patterns []string, host, scheme string) bool {
	name := hostName(host)
	if port := (&url.URL{Host: host}).Port(); port != "" && !(scheme == "https" && port == "443" || scheme == "http" && port == "80") {
		return false
	}
	for _, pattern := range patterns {
		if suffix, ok := strings.CutPrefix(pattern, "*"); ok {
			if strings.HasSuffix(name, suffix) && len(name) > len(suffix) {
				return true
			}
		} else if name == pattern {
			return true
		}
	}
	return false
}

// hostRoute is one way a client's request reaches the registry.
type hostRoute struct {
	name   string
	family string // the header family the registry must read for it
	target string // where the client connects
	tls    bool
	scheme string // of the Locations the route gives
	// splitsLists: the edge copies the client's Host text into
	// X-Forwarded-Host, which is a comma-separated list, so that one member
	// of a client's list can arrive as a proxy's valid value.
	splitsLists bool
	// onlyHost, when set, is the one host name the edge passes on;
	// it answers requests for any other itself.
	onlyHost string
	start    func(e *env)
}

func hostRoutes() []hostRoute {
	return []hostRoute{
		{name: "direct from an untrusted client", family: "x-forwarded", target: registryTCP, scheme: "http",
			start: func(*env) {}},
		{name: "nginx edge and inner", family: "x-forwarded", target: edgeIP + ":443", tls: true, scheme: "https", splitsLists: true,
			start: func(e *env) {
				e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
				e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
			}},
		{name: "HAProxy edge and inner nginx", family: "x-forwarded", target: edgeIP + ":443", tls: true, scheme: "https", splitsLists: true,
			start: func(e *env) {
				e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
				e.startHAProxy("haproxy-edge.cfg", edgeIP+":443")
			}},
		{name: "Caddy edge and inner nginx", family: "x-forwarded", target: caddyIP + ":443", tls: true, scheme: "https", splitsLists: true, onlyHost: caddyIP,
			start: func(e *env) {
				e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
				e.startCaddy("Caddyfile", caddyIP+":443")
			}},
		{name: "direct from an untrusted client", family: "forwarded", target: registryTCP, scheme: "http",
			start: func(*env) {}},
		{name: "Forwarded edge and inner nginx", family: "forwarded", target: edgeIP + ":443", tls: true, scheme: "https",
			start: func(e *env) {
				e.startNginx("inner", "nginx-inner-forwarded.conf", innerIP+":80")
				e.startNginx("edge", "nginx-edge-forwarded.conf", edgeIP+":443")
			}},
	}
}

// listMember reports whether locHost is one of the comma-separated members
// of the client's Host text.
func listMember(locHost, clientHost string) bool {
	for _, m := range strings.Split(clientHost, ",") {
		if strings.EqualFold(strings.TrimSpace(m), locHost) {
			return true
		}
	}
	return false
}

// TestHostileHosts sends every Host value of the table, byte for byte, as the
// start of an upload, to two registries in strict mode (one serving
// registry.example.com exactly, one serving *.registry.example.com; both
// also serve the edges' own addresses, the only host Caddy's site passes
// on), directly from an untrusted client and through each edge recipe.
// Whatever the value and the route: never a 5xx, never a Location outside
// the allowed hosts. An invalid host gets 400 HOST_INVALID from the registry
// (HOST_NOT_ALLOWED too where an edge turned the client's list into a valid
// member), or a proxy's or HTTP server's own 400 before it; the one way it is
// served is an edge copying the client's list into X-Forwarded-Host, whose
// members are separate values, one of them valid and allowed. A valid host
// not allowed gets 400 HOST_NOT_ALLOWED, and every control 202 with a
// Location on the host it sent, so the test cannot pass by refusing
// everything. Afterwards each registry's log holds no more than a handful of
// warnings, none quoting a client's value, and its refusal counters, all
// present at zero from startup, have counted.
func TestHostileHosts(t *testing.T) {
	rows := hostRows()
	total, controls := 0, 0
	outcomes := map[string]int{}
	for _, kind := range []struct{ name, pattern, home string }{
		{"exact", "registry.example.com", "registry.example.com"},
		{"wildcard", "*.registry.example.com", "a.registry.example.com"},
	} {
		allowed := []string{kind.pattern, edgeIP, caddyIP}
		for _, family := range []string{"x-forwarded", "forwarded"} {
			t.Run(kind.name+"/"+family, func(t *testing.T) {
				e := newEnv(t)
				metrics := registryIP + ":5001"
				trusted := []string{edgeIP, innerIP}
				if family == "x-forwarded" {
					// Caddy reaches the inner nginx from here.
					trusted = append(trusted, defaultIP)
				}
				reg := e.startRegistry(registryOptions{
					addr: registryTCP, storage: e.dir + "/storage",
					forwarded: forwardedYAML(family, "", trusted...) +
						fmt.Sprintf("    allowedhosts: [%q, %s, %s]\n", kind.pattern, edgeIP, caddyIP) + debugYAML(metrics),
				})
				e.waitTCP(metrics)
				sent := 0
				start := refusedCounters(t, metrics)
				for _, reason := range refusalReasons {
					if v, ok := start[reason]; !ok || v != 0 {
						t.Errorf("at startup registry_forwarded_refused_total{reason=%q} is %v (present %t), want 0", reason, v, ok)
					}
				}

				for _, route := range hostRoutes() {
					if route.family != family {
						continue
					}
					t.Run(route.name, func(t *testing.T) {
						re := newEnv(t)
						route.start(re)
						seen := map[string]int{}
						for i, row := range rows {
							total++
							sent++
							got := checkHostRow(t, route, allowed, row, fmt.Sprintf("hosts/r%d", i))
							if got == "control" {
								controls++
							}
							seen[got]++
							outcomes[family+", "+route.name+": "+got]++
						}
						home := kind.home
						if route.onlyHost != "" {
							home = route.onlyHost // the one host the edge passes on
						}
						for i, head := range targetProbes(home) {
							total++
							outcomes[family+", "+route.name+", request target: "+checkTargetProbe(t, route, allowed, head, i)]++
						}
						t.Logf("%s, %s: %d rows: %v", kind.name, route.name, len(rows), seen)
					})
				}

				// An untrusted peer's forwarding header is ignored and
				// counted.
				resp, err := rawHTTPRequest(clientIP, registryTCP, uploadStart("hosts/probe", kind.home, "X-Forwarded-Host: evil.example\r\nForwarded: host=evil.example\r\n"))
				if err != nil {
					t.Fatal(err)
				}
				if loc := resp.header.Get("Location"); resp.status != http.StatusAccepted || !strings.HasPrefix(loc, "http://"+kind.home+"/") {
					t.Errorf("untrusted X-Forwarded-Host: %s, Location %q; want 202 on http://%s/", resp.describe(), loc, kind.home)
				}

				// No warning per request: a trusted proxy's invalid values
				// are reported at most once a minute, and the refusals of
				// clients' hosts not at all.
				warned := warnings(reg.log)
				if len(warned) > 1 {
					t.Errorf("%d warnings after %d hostile requests, want at most one:\n%s",
						len(warned), sent, strings.Join(tailLines(warned, 6), "\n"))
				}
				for _, w := range warned {
					if strings.Contains(w, "evil.example") || strings.Contains(w, "registry.example.com") {
						t.Errorf("a warning quotes a client's value: %s", w)
						break
					}
				}

				counts := refusedCounters(t, metrics)
				for _, reason := range refusalReasons {
					if counts[reason] <= 0 {
						t.Errorf("registry_forwarded_refused_total{reason=%q} = %v after the hostile rows, want > 0", reason, counts[reason])
					}
				}
				t.Logf("%s/%s: refusals counted %v; %d warning lines:\n%s", kind.name, family, counts, len(warned), strings.Join(warned, "\n"))
			})
		}
	}
	var summary []string
	for k, v := range outcomes {
		summary = append(summary, fmt.Sprintf("%s = %d", k, v))
	}
	sort.Strings(summary)
	t.Logf("hostile Host table: %d values (%d invalid), %d requests over 2 registries and %d routes, %d controls answered 202; outcomes:\n  %s",
		len(rows), countInvalid(rows), total, len(hostRoutes()), controls, strings.Join(summary, "\n  "))
}

func countInvalid(rows []hostRow) int {
	n := 0
	for _, r := range rows {
		if !r.valid {
			n++
		}
	}
	return n
}

func tailLines(lines []string, n int) []string {
	if len(lines) > n {
		return lines[len(lines)-n:]
	}
	return lines
}

// checkHostRow sends one row over one route and checks the answer. It
// returns what happened: "control" for a served control, else the kind of
// refusal.
func checkHostRow(t *testing.T, route hostRoute, allowed []string, row hostRow, repo string) string {
	t.Helper()
	head := uploadStart(repo, row.host, "")
	send := rawHTTPRequest
	if route.tls {
		send = rawTLSRequest
	}
	resp, err := send(clientIP, route.target, head)
	routed := route.onlyHost == "" || strings.EqualFold((&url.URL{Host: row.host}).Hostname(), route.onlyHost)
	served := row.valid && routed && allowedBy(allowed, row.host, route.scheme)
	name := fmt.Sprintf("Host %q", row.host)
	if err != nil {
		if served {
			t.Errorf("%s: no answer: %v", name, err)
		}
		return "closed without an answer"
	}
	if resp.status >= 500 {
		t.Errorf("%s: status %s", name, resp.describe())
		return "5xx"
	}
	var loc *url.URL
	if l := resp.header.Get("Location"); l != "" {
		if loc, err = url.Parse(l); err != nil || (loc.Scheme != "http" && loc.Scheme != "https") {
			t.Errorf("%s: Location %q", name, l)
			return "bad Location"
		}
		if !allowedBy(allowed, loc.Host, loc.Scheme) {
			t.Errorf("%s: Location %q is on a host outside allowedhosts %q", name, l, allowed)
			return "Location outside"
		}
	}
	switch {
	case served:
		if resp.status != http.StatusAccepted || loc == nil {
			t.Errorf("%s (a control): %s, Location %q; want 202", name, resp.describe(), resp.header.Get("Location"))
			return "control refused"
		}
		if hostName(loc.Host) != hostName(row.host) || loc.Port() != (&url.URL{Host: row.host}).Port() || loc.Scheme != route.scheme {
			t.Errorf("%s (a control): Location %q, want %s://%s/...", name, loc, route.scheme, row.host)
		}
		return "control"
	case resp.status == http.StatusAccepted:
		// The one way an invalid host is served: the edge passed one
		// member of the client's list on as a proxy's value, and that
		// member is valid and allowed.
		if loc == nil || !route.splitsLists || !listMember(loc.Host, row.host) {
			t.Errorf("%s: %s with Location %q; want 400", name, resp.describe(), resp.header.Get("Location"))
			return "served"
		}
		return "202 on the allowed list member " + loc.Host
	case resp.fromRegistry():
		want := []string{"HOST_NOT_ALLOWED"}
		if !row.valid {
			want = []string{"HOST_INVALID"}
			if route.splitsLists && strings.Contains(row.host, ",") || row.host == "" {
				want = append(want, "HOST_NOT_ALLOWED")
			}
		}
		code := resp.errorCode()
		if resp.status != http.StatusBadRequest || !contains(want, code) {
			t.Errorf("%s: %s; want 400 %s", name, resp.describe(), strings.Join(want, " or "))
		}
		return "registry 400 " + code
	case !routed:
		// An edge that serves one site answers for any other host itself.
		return "answered by the edge: " + resp.describe()
	default:
		// Refused before the registry application saw it: by a proxy, or
		// by an HTTP server's own Host check.
		if row.valid || resp.status != http.StatusBadRequest {
			t.Errorf("%s: %s, not from the registry; want the registry's 400", name, resp.describe())
		}
		return "refused before the registry: " + resp.describe()
	}
}

// targetProbes are requests whose target, not their Host, names another
// host or carries userinfo, as a client writes them through a layer-7 edge.
func targetProbes(home string) []string {
	rest := "Content-Length: 0\r\nConnection: close\r\n\r\n"
	return []string{
		"POST http://evil.example/v2/hosts/target/blobs/uploads/ HTTP/1.1\r\nHost: " + home + "\r\n" + rest,
		"POST https://user:pass@evil.example/v2/hosts/target/blobs/uploads/ HTTP/1.1\r\nHost: " + home + "\r\n" + rest,
		"POST http://user:pass@" + home + "/v2/hosts/target/blobs/uploads/ HTTP/1.1\r\nHost: evil.example\r\n" + rest,
		"GET http://evil.example/v2 HTTP/1.1\r\nHost: " + home + "\r\n" + rest,
		"CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n" + rest,
		"OPTIONS * HTTP/1.1\r\nHost: " + home + "\r\n" + rest,
	}
}

// checkTargetProbe sends one of targetProbes through route: the registry
// answers none with a 5xx, and no Location, whoever answers, names a host
// outside allowedhosts or the target's userinfo.
func checkTargetProbe(t *testing.T, route hostRoute, allowed []string, head string, i int) string {
	t.Helper()
	send := rawHTTPRequest
	if route.tls {
		send = rawTLSRequest
	}
	resp, err := send(clientIP, route.target, head)
	if err != nil {
		return "closed without an answer"
	}
	line, _, _ := strings.Cut(head, "\r\n")
	if resp.status >= 500 && (resp.fromRegistry() || route.target == registryTCP) {
		t.Errorf("%q: status %s", line, resp.describe())
	}
	if l := resp.header.Get("Location"); l != "" {
		loc, err := url.Parse(l)
		// A relative Location stays on the host the client used.
		if err != nil || loc.User != nil || strings.Contains(l, "pass") || loc.Host != "" && !allowedBy(allowed, loc.Host, loc.Scheme) {
			t.Errorf("%q: Location %q names a host outside allowedhosts %q or the target's userinfo", line, l, allowed)
		}
	}
	if resp.fromRegistry() {
		return fmt.Sprintf("probe %d: registry %d", i, resp.status)
	}
	return fmt.Sprintf("probe %d: %d, not from the registry's handlers", i, resp.status)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestForwardedPortNeverInLocation: X-Forwarded-Port is never read. A
// client's, passed on by Caddy (which does not manage that header), and an
// inner proxy's own listener port, sent by a trusted peer, leave the
// Location on the host the client used.
func TestForwardedPortNeverInLocation(t *testing.T) {
	e := newEnv(t)
	e.startChain(registryOptions{
		forwarded: forwardedYAML("x-forwarded", "https", edgeIP, innerIP, defaultIP),
	}, "nginx-inner.conf", "nginx-edge.conf")
	e.startCaddy("Caddyfile", caddyIP+":443")

	for _, c := range []struct{ name, edge, port string }{
		{"client through Caddy", caddyIP, "8443"},
		{"client through the nginx edge", edgeIP, "8443"},
	} {
		hc := httpClient(&recorder{})
		req, _ := http.NewRequest(http.MethodPost, "https://"+c.edge+"/v2/port/blobs/uploads/", nil)
		req.Header.Set("X-Forwarded-Port", c.port)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusAccepted || !strings.HasPrefix(loc, "https://"+c.edge+"/v2/port/blobs/uploads/") {
			t.Errorf("%s: X-Forwarded-Port %s: status %d, Location %q; want 202 on https://%s/", c.name, c.port, resp.StatusCode, loc, c.edge)
		}
	}

	// As the inner nginx would forward it had it written its own port:
	// from a trusted peer, after the edge's https.
	for _, port := range []string{"80", "8443", "443"} {
		extra := "X-Forwarded-For: " + clientIP + ", " + edgeIP + "\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: " + edgeIP + "\r\nX-Forwarded-Port: " + port + "\r\n"
		resp, err := rawHTTPRequest(innerIP, registryTCP, uploadStart("port/inner", edgeIP, extra))
		if err != nil {
			t.Fatal(err)
		}
		loc := resp.header.Get("Location")
		if resp.status != http.StatusAccepted || !strings.HasPrefix(loc, "https://"+edgeIP+"/v2/port/inner/blobs/uploads/") {
			t.Errorf("trusted peer, X-Forwarded-Port %s: %s, Location %q; want 202 on https://%s/ without a port", port, resp.describe(), loc, edgeIP)
		}
	}
}

// TestForwardedClientDamage: a client's damaged Forwarded header (an
// unbalanced quote, a repeated parameter, too many extension parameters,
// garbage) costs nothing that the trusted proxies wrote after it. The
// registry's access log names the client, and the Location is on the edge's
// origin, both when the edge replaces the client's header (the recipe) and
// when an edge appends its element to it.
func TestForwardedClientDamage(t *testing.T) {
	e := newEnv(t)
	reg, _ := e.startChain(registryOptions{
		forwarded: forwardedYAML("forwarded", "", edgeIP, innerIP) + "    allowedhosts: [" + edgeIP + "]\n",
	}, "nginx-inner-forwarded.conf", "nginx-edge-forwarded.conf")

	damages := []string{
		`for="unbalanced`,
		`for=192.0.2.1;proto=https;host="evil.example`,
		`for=192.0.2.1;for=192.0.2.2`,
		`host=evil.example;proto=http;HOST=evil.example`,
		`a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9`,
		`for=192.0.2.1 garbage;host=evil.example`,
		`"`,
		`=;=,==`,
		`for=192.0.2.1;host=evil.example\`,
	}
	edgeElement := fmt.Sprintf(`for="%s";proto=https;host="%s"`, clientIP, edgeIP)
	want := "https://" + edgeIP + "/v2/"
	for i, damage := range damages {
		for _, route := range []struct{ name, from, to string }{
			// The recipe: the edge replaces what the client sent.
			{"through the edge", clientIP, edgeIP + ":443"},
			// An edge that appends: the client's text, then its element.
			{"appended to by the edge", edgeIP, innerIP + ":80"},
		} {
			repo := fmt.Sprintf("damage/d%d-%s", i, strings.ReplaceAll(route.name, " ", "-"))
			var resp *rawResponse
			var err error
			if route.to == innerIP+":80" {
				resp, err = rawHTTPRequest(route.from, route.to, uploadStart(repo, edgeIP, "Forwarded: "+damage+", "+edgeElement+"\r\n"))
			} else {
				resp, err = rawTLSRequest(route.from, route.to, uploadStart(repo, edgeIP, "Forwarded: "+damage+"\r\n"))
			}
			name := fmt.Sprintf("Forwarded %s %s", damage, route.name)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if loc := resp.header.Get("Location"); resp.status != http.StatusAccepted || !strings.HasPrefix(loc, want) {
				t.Errorf("%s: %s, Location %q; want 202 on %s", name, resp.describe(), loc, want)
			}
			clients := accessLogClients(reg.log, `"POST /v2/`+repo+`/blobs/uploads/ HTTP/1.1"`)
			if len(clients) != 1 || clients[0] != clientIP {
				t.Errorf("%s: access log names the client %q, want %s", name, clients, clientIP)
			}
		}
	}
}

// TestStrictOriginReachesEveryConsumer: in strict mode behind the nginx edge
// and inner proxy, upstream's token auto-redirect, access log and
// notifications all carry the resolved origin, not the proxies' view and not
// what a client claims; and a direct client's own address and port.
func TestStrictOriginReachesEveryConsumer(t *testing.T) {
	e := newEnv(t)
	ts := startTokenServer(t, e.dir)
	sink := startEventSink(t, "127.0.60.1")
	reg, _ := e.startChain(registryOptions{
		forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
		auth:      autoRedirectYAML(ts) + sink.yaml(),
	}, "nginx-inner.conf", "nginx-edge.conf")
	spoof := http.Header{
		"X-Forwarded-For":   {"6.6.6.6"},
		"X-Real-Ip":         {"6.6.6.7"},
		"X-Forwarded-Host":  {"evil.example"},
		"X-Forwarded-Proto": {"http"},
		"Forwarded":         {"for=6.6.6.8;host=evil.example;proto=http"},
	}
	img := newImage(t, 1, 8<<10)

	// The realm is on the same scheme as every other URL: the configured
	// one, a trusted proxy's, TLS, else http, so that it and the port the
	// host check allows agree.
	for _, c := range []struct {
		name, base, tokenURL, repo string
		origin, realm, host, addr  string // addr: a pattern, <port> for any port
	}{
		{"through the edge", "https://" + edgeIP, "https://" + edgeIP + "/auth/token", "origin/edge",
			"https://" + edgeIP, "https://" + edgeIP, edgeIP, clientIP},
		{"direct from an untrusted client", "http://" + registryTCP, "http://" + tokenTCP + "/token", "origin/direct",
			"http://" + registryTCP, "http://" + registryTCP, registryTCP, clientIP + ":<port>"},
	} {
		hc := httpClient(&recorder{})
		api := &apiClient{hc: hc, base: c.base}
		realm, err := api.challenge(spoof)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !strings.Contains(realm, `realm="`+c.realm+`/auth/token"`) {
			t.Errorf("%s: challenge %q, want the realm %s/auth/token", c.name, realm, c.realm)
		}
		if api.token, err = fetchToken(hc, c.tokenURL, ts.service, c.repo); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		loc, err := api.push(c.repo, "v1", img, spoof)
		if err != nil {
			t.Fatalf("%s: push: %v", c.name, err)
		}
		if !strings.HasPrefix(loc, c.origin+"/v2/"+c.repo+"/blobs/uploads/") {
			t.Errorf("%s: upload Location %q, want it on %s", c.name, loc, c.origin)
		}
		ev, ok := sink.manifestPush(c.repo)
		if !ok {
			t.Fatalf("%s: no notification of the manifest push", c.name)
		}
		if got := peerAddr(ev.Request.Addr); got != c.addr && ev.Request.Addr != c.addr {
			t.Errorf("%s: notification request.addr %q, want %s", c.name, ev.Request.Addr, c.addr)
		}
		if ev.Request.Host != c.host {
			t.Errorf("%s: notification request.host %q, want %s", c.name, ev.Request.Host, c.host)
		}
		if !strings.HasPrefix(ev.Target.URL, c.origin+"/v2/"+c.repo+"/manifests/") {
			t.Errorf("%s: notification target.url %q, want it on %s", c.name, ev.Target.URL, c.origin)
		}
		clients := accessLogClients(reg.log, `"PUT /v2/`+c.repo+`/manifests/v1 HTTP/1.1"`)
		if len(clients) != 1 || clients[0] != clientIP {
			t.Errorf("%s: access log names the client %q, want %s", c.name, clients, clientIP)
		}
	}
}
