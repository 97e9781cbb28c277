package integration

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// headerEcho stands where the inner proxy stands and records, byte for
// byte, the head of every request an edge forwards to it: what the edge
// wrote on the wire. It answers each with an empty 200.
type headerEcho struct {
	mu    sync.Mutex
	heads []string
}

func startHeaderEcho(t *testing.T, addr string) *headerEcho {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	h := &headerEcho{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go h.serve(c)
		}
	}()
	return h
}

func (h *headerEcho) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	var head strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if line == "\r\n" || line == "\n" {
			break
		}
		head.WriteString(line)
	}
	h.mu.Lock()
	h.heads = append(h.heads, head.String())
	h.mu.Unlock()
	// The probes have no body; Connection: close ends what an edge would
	// otherwise keep open.
	_, _ = c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
}

// count returns how many heads were recorded.
func (h *headerEcho) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.heads)
}

// last returns the last head recorded, or "".
func (h *headerEcho) last() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.heads) == 0 {
		return ""
	}
	return h.heads[len(h.heads)-1]
}

// hostileForwarding is every forwarding header a client can send at once,
// as the probes of the wire capture and the "all at once" attack send it.
const hostileForwarding = "Forwarded: for=6.6.6.8;proto=http;host=evil.example\r\n" +
	"Forwarded: for=6.6.6.9;host=\"evil.example:443\"\r\n" +
	"X-Forwarded-For: 6.6.6.6\r\n" +
	"X-Forwarded-Host: evil.example\r\n" +
	"X-Forwarded-Proto: http\r\n" +
	"X-Forwarded-Port: 8443\r\n" +
	"X-Original-Host: evil.example\r\n" +
	"X-Real-Ip: 6.6.6.7\r\n"

// edgeAttack is one request a client sends through an edge: its Host, byte
// for byte, and extra header lines.
type edgeAttack struct {
	name, host, extra string
}

func edgeAttacks() []edgeAttack {
	return []edgeAttack{
		{"Forwarded", edgeIP, "Forwarded: for=6.6.6.8;proto=http;host=evil.example\r\n"},
		{"Forwarded naming the proxies", edgeIP, "Forwarded: for=6.6.6.8;host=evil.example, for=" + defaultIP + ";host=evil.example, for=" +
			edgeIP + ";proto=http;host=evil.example, for=" + innerIP + ";host=evil.example\r\n"},
		{"Forwarded, two lines", edgeIP, "Forwarded: for=6.6.6.8;host=evil.example\r\nForwarded: for=\"[2001:db8::6]\";proto=http;host=\"evil.example:443\"\r\n"},
		{"Forwarded, unbalanced quote", edgeIP, "Forwarded: for=\"6.6.6.8;host=evil.example\r\n"},
		{"X-Forwarded-Host", edgeIP, "X-Forwarded-Host: evil.example\r\n"},
		{"X-Forwarded-For naming the proxies", edgeIP, "X-Forwarded-For: 6.6.6.6, " + defaultIP + ", " + edgeIP + ", " + innerIP + "\r\n"},
		{"X-Forwarded-Proto", edgeIP, "X-Forwarded-Proto: http\r\n"},
		{"X-Original-Host", edgeIP, "X-Original-Host: evil.example\r\n"},
		{"X-Real-Ip", edgeIP, "X-Real-Ip: 6.6.6.7\r\n"},
		{"all at once", edgeIP, hostileForwarding},
		{"Host", "evil.example", hostileForwarding},
		{"Host with a port", "evil.example:443", ""},
		{"Host list, the edge first", edgeIP + ",evil.example", ""},
		{"Host list, the edge last", "evil.example," + edgeIP, ""},
		{"Host with Forwarded parameters", edgeIP + ";host=evil.example;for=6.6.6.6", ""},
		{"Host with a quote", edgeIP + "\";host=\"evil.example", ""},
		{"Host writing an element of its own", edgeIP + ",for=6.6.6.6;host=" + edgeIP, ""},
	}
}

// clientChosen reports whether s carries anything the attacks chose: their
// host or one of their addresses.
func clientChosen(s string) bool {
	return strings.Contains(s, "evil.example") || strings.Contains(s, "6.6.6.") || strings.Contains(s, "2001:db8")
}

// edgeCase is one edge recipe as the guide configures it: how to start the
// edge, the inner nginx recipe behind it, the registry's http.forwarded
// section, and what the edge must write for a client at clientIP.
type edgeCase struct {
	inner     string
	forwarded string // without allowedhosts, which the test adds
	start     func(e *env)
	// wire holds text the edge's request head must contain, notWire text it
	// must not (both compared without regard to case).
	wire, notWire []string
	// lastForwarded is the last Forwarded line the edge must send, "" for
	// none: the element the registry reads first.
	lastForwarded string
}

// runEdge captures what the edge writes for a hostile client; then runs it
// in front of the inner nginx and the registry as the guide configures them,
// pushes and pulls with every client, and sends every attack through it.
func runEdge(t *testing.T, c edgeCase) {
	t.Run("what the edge writes", func(t *testing.T) {
		e := newEnv(t)
		echo := startHeaderEcho(t, innerIP+":80")
		c.start(e)
		resp, err := rawTLSRequest(clientIP, edgeIP+":443", uploadStart("wire/probe", edgeIP, hostileForwarding))
		if err != nil || resp.status != http.StatusOK {
			t.Fatalf("probe through the edge: %v %v", err, resp)
		}
		head := echo.last()
		t.Logf("for a client at %s sending Host: %s and\n%s\nthe edge wrote:\n%s", clientIP, edgeIP, hostileForwarding, head)
		lower := strings.ToLower(head)
		for _, want := range c.wire {
			if !strings.Contains(lower, strings.ToLower(want)) {
				t.Errorf("the edge's request does not contain %q", want)
			}
		}
		for _, not := range c.notWire {
			if strings.Contains(lower, strings.ToLower(not)) {
				t.Errorf("the edge's request contains %q", not)
			}
		}
		var last string
		for _, line := range strings.Split(head, "\r\n") {
			if strings.HasPrefix(strings.ToLower(line), "forwarded:") {
				last = line
			}
		}
		if !strings.EqualFold(last, c.lastForwarded) {
			t.Errorf("the edge's last Forwarded line is %q, want %q", last, c.lastForwarded)
		}

		before := echo.count()
		resp, err = rawTLSRequest(clientIP, edgeIP+":443", uploadStart("wire/host", "evil.example", ""))
		if err != nil {
			t.Fatalf("probe with Host evil.example: %v", err)
		}
		if echo.count() > before {
			t.Logf("for Host: evil.example the edge wrote:\n%s", echo.last())
		} else {
			t.Logf("for Host: evil.example the edge answered %s itself", resp.describe())
		}
	})

	t.Run("in front of the inner nginx", func(t *testing.T) {
		e := newEnv(t)
		ts := startTokenServer(t, e.dir)
		reg := e.startRegistry(registryOptions{
			addr: registryTCP, storage: e.dir + "/storage",
			forwarded: c.forwarded + "    allowedhosts: [" + edgeIP + "]\n",
			auth:      autoRedirectYAML(ts),
		})
		e.startNginx("inner", c.inner, innerIP+":80")
		c.start(e)
		pushAndPull(t, edgeIP, allClients(e.dir))
		checkEdgeAttacks(t, reg, ts)
	})
}

// checkEdgeAttacks sends every attack through the edge, each as the start of
// an upload with a token and as an anonymous GET /v2/, and checks that what
// the client chose reaches no Location, no token realm and no access log
// address. A request whose Host is the edge's must be served, so that the
// test cannot pass by refusing everything; one whose Host names another
// host must not be.
func checkEdgeAttacks(t *testing.T, reg *proc, ts *tokenServer) {
	attacks := edgeAttacks()
	var repos []string
	for i := range attacks {
		repos = append(repos, fmt.Sprintf("edge/a%d", i))
	}
	hc := httpClient(&recorder{})
	token, err := fetchToken(hc, "https://"+edgeIP+"/auth/token", ts.service, repos...)
	if err != nil {
		t.Fatalf("token through the edge: %v", err)
	}
	origin := "https://" + edgeIP
	realm := `realm="` + origin + `/auth/token"`
	var table []string
	for i, a := range attacks {
		repo := repos[i]
		name := fmt.Sprintf("%s (Host %q)", a.name, a.host)
		servedHost := a.host == edgeIP

		up, err := rawTLSRequest(clientIP, edgeIP+":443", uploadStart(repo, a.host, "Authorization: Bearer "+token+"\r\n"+a.extra))
		if err != nil {
			if servedHost {
				t.Errorf("%s: upload start: %v", name, err)
			}
			table = append(table, fmt.Sprintf("%s: upload start: no answer (%v)", name, err))
			continue
		}
		loc := up.header.Get("Location")
		if loc != "" {
			u, err := url.Parse(loc)
			if err != nil || u.Scheme+"://"+u.Host != origin {
				t.Errorf("%s: Location %q is not on %s", name, loc, origin)
			}
		}
		if clientChosen(loc) {
			t.Errorf("%s: Location %q carries the client's choice", name, loc)
		}
		switch {
		case servedHost && (up.status != http.StatusAccepted || !strings.HasPrefix(loc, origin+"/v2/"+repo+"/blobs/uploads/")):
			t.Errorf("%s: upload start %s, Location %q; want 202 on %s", name, up.describe(), loc, origin)
		case a.host == "evil.example" && up.status < 400:
			t.Errorf("%s: upload start %s, Location %q; want it refused", name, up.describe(), loc)
		case up.status >= 500:
			t.Errorf("%s: upload start %s", name, up.describe())
		}
		var logged []string
		if up.status == http.StatusAccepted {
			logged = accessLogClients(reg.log, `"POST /v2/`+repo+`/blobs/uploads/ HTTP/1.1"`)
			if len(logged) != 1 || logged[0] != clientIP {
				t.Errorf("%s: the access log names %q for the upload start, want %s", name, logged, clientIP)
			}
		}

		ch, err := rawTLSRequest(clientIP, edgeIP+":443", "GET /v2/ HTTP/1.1\r\nHost: "+a.host+"\r\nConnection: close\r\n"+a.extra+"\r\n")
		var challenge string
		switch {
		case err != nil:
			challenge = "no answer"
			if servedHost {
				t.Errorf("%s: GET /v2/: %v", name, err)
			}
		default:
			challenge = ch.header.Get("WWW-Authenticate")
			if challenge != "" && !strings.Contains(challenge, realm) || clientChosen(challenge) {
				t.Errorf("%s: challenge %q, want the realm %s/auth/token", name, challenge, origin)
			}
			if servedHost && (ch.status != http.StatusUnauthorized || challenge == "") {
				t.Errorf("%s: GET /v2/ %s, challenge %q; want 401 with the realm", name, ch.describe(), challenge)
			}
			if challenge == "" {
				challenge = ch.describe()
			}
		}
		shown, _, _ := strings.Cut(loc, "?")
		table = append(table, fmt.Sprintf("%s: upload start %s, Location %q, logged %q; GET /v2/: %s", name, up.describe(), shown, logged, challenge))
	}
	// Nothing the attacks chose is ever the address of an access log line.
	for _, line := range strings.Split(readFile(reg.log), "\n") {
		if addr, _, _ := strings.Cut(line, " "); !strings.HasPrefix(line, "time=") && clientChosen(addr) {
			t.Errorf("the access log names a client-chosen address: %s", line)
		}
	}
	t.Logf("what the registry did with each attack through the edge:\n  %s", strings.Join(table, "\n  "))
}

// TestEdgeApache: Apache httpd's mod_proxy as the edge, overwriting
// X-Forwarded-For, -Proto and -Host, in front of the inner nginx that
// appends to X-Forwarded-For. httpd cannot choose its source address: it
// reaches the inner nginx from 127.0.0.1, the edge to trust.
func TestEdgeApache(t *testing.T) {
	runEdge(t, edgeCase{
		inner:     "nginx-inner.conf",
		forwarded: forwardedYAML("x-forwarded", "", defaultIP, innerIP),
		start:     func(e *env) { e.startApache("apache-edge.conf", edgeIP+":443") },
		wire: []string{
			"\r\nX-Forwarded-For: " + clientIP + "\r\n",
			"\r\nX-Forwarded-Proto: https\r\n",
			"\r\nX-Forwarded-Host: " + edgeIP + "\r\n",
			"\r\nHost: " + edgeIP + "\r\n",
		},
		notWire: []string{"6.6.6.", "evil.example", "\r\nForwarded:", "X-Forwarded-Port", "X-Forwarded-Server"},
	})
}

// TestEdgeTrafficServer: Apache Traffic Server writing RFC 7239 Forwarded,
// from its own address, after removing the client's, in front of the inner
// nginx that appends its element.
func TestEdgeTrafficServer(t *testing.T) {
	runEdge(t, edgeCase{
		inner:         "nginx-inner-forwarded.conf",
		forwarded:     forwardedYAML("forwarded", "", edgeIP, innerIP),
		start:         func(e *env) { e.startTrafficServer(edgeIP + ":443") },
		notWire:       []string{"6.6.6.", "evil.example"},
		lastForwarded: "Forwarded: for=" + clientIP + ";proto=https;host=" + edgeIP,
	})
}

// TestEdgeNghttpx: nghttpx writing Forwarded after stripping the client's
// Forwarded and X-Forwarded-For, from 127.0.0.1 (it cannot choose its source
// address), in front of the inner nginx that appends its element.
func TestEdgeNghttpx(t *testing.T) {
	runEdge(t, edgeCase{
		inner:     "nginx-inner-forwarded.conf",
		forwarded: forwardedYAML("forwarded", "", defaultIP, innerIP),
		start:     func(e *env) { e.startNghttpx("nghttpx.conf", edgeIP+":443") },
		wire:      []string{"\r\nX-Forwarded-Proto: https\r\n"},
		// It passes a client's X-Forwarded-Host, X-Real-Ip and
		// X-Original-Host on: the registry reads Forwarded only.
		notWire:       []string{"6.6.6.8", "6.6.6.9", "6.6.6.6", "host=evil", "host=\"evil"},
		lastForwarded: "Forwarded: for=" + clientIP + ";host=\"" + edgeIP + "\";proto=https",
	})
}

// TestEdgeLighttpd: lighttpd's mod_proxy writing Forwarded, with the
// client's forwarding headers removed first, from 127.0.0.1, in front of
// the inner nginx that appends its element.
func TestEdgeLighttpd(t *testing.T) {
	runEdge(t, edgeCase{
		inner:         "nginx-inner-forwarded.conf",
		forwarded:     forwardedYAML("forwarded", "", defaultIP, innerIP),
		start:         func(e *env) { e.startLighttpd("lighttpd.conf", edgeIP+":443") },
		wire:          []string{"\r\nX-Forwarded-For: " + clientIP + "\r\n", "\r\nX-Forwarded-Proto: https\r\n"},
		notWire:       []string{"6.6.6.", "evil.example"},
		lastForwarded: "Forwarded: for=" + clientIP + ";proto=https;host=\"" + edgeIP + "\"",
	})
}

// TestEdgeOpenShiftRouter: HAProxy writing Forwarded as the OpenShift
// router's template does, as one more line after the client's, with the
// client's Host copied unquoted into host=, in front of the inner nginx that
// passes every line on. The registry reads the router's element, the last;
// the client's lines before it are never reached. What the client does
// choose is its Host: allowedhosts refuses any other, and without it the
// URLs name the client's host.
func TestEdgeOpenShiftRouter(t *testing.T) {
	start := func(e *env) { e.startHAProxy("haproxy-openshift-router.cfg", edgeIP+":443") }
	runEdge(t, edgeCase{
		inner:     "nginx-inner.conf",
		forwarded: forwardedYAML("forwarded", "", edgeIP, innerIP),
		start:     start,
		// The client's lines are still there, before the router's.
		wire:          []string{"\r\nforwarded: for=6.6.6.8;proto=http;host=evil.example\r\n"},
		lastForwarded: "forwarded: for=" + clientIP + ";host=" + edgeIP + ";proto=https",
	})
	t.Run("without allowedhosts", func(t *testing.T) {
		e := newEnv(t)
		e.startRegistry(registryOptions{
			addr: registryTCP, storage: e.dir + "/storage",
			forwarded: forwardedYAML("forwarded", "", edgeIP, innerIP),
		})
		e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
		start(e)
		for _, c := range []struct{ host, want string }{
			{edgeIP, "https://" + edgeIP + "/"},
			{"evil.example", "https://evil.example/"},
		} {
			resp, err := rawTLSRequest(clientIP, edgeIP+":443", uploadStart("router/host", c.host, "Forwarded: host="+edgeIP+"\r\n"))
			if err != nil {
				t.Fatal(err)
			}
			loc := resp.header.Get("Location")
			t.Logf("Host %s: %s, Location %q", c.host, resp.describe(), loc)
			if resp.status != http.StatusAccepted || !strings.HasPrefix(loc, c.want) {
				t.Errorf("Host %s without allowedhosts: %s, Location %q; want 202 on %s", c.host, resp.describe(), loc, c.want)
			}
		}
	})
}
