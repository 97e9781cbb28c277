package integration

// TestGenerative sends seeded pseudo-random requests to the real binary,
// one registry per configuration mode, and checks every answer, the access
// log, the log's levels, the host and client address of the request's log
// entries, the notifications and the trace spans, which each
// registry exports over OTLP to the test, against the contract. Each
// request is a combination of request-target form (origin, absolute with
// and without userinfo, authority with CONNECT, asterisk with OPTIONS),
// method, transport (HTTP/1.0 and 1.1 written byte for byte, h2c with prior
// knowledge and h2 over TLS written frame by frame, the h2c upgrade headers,
// PROXY protocol v1 and v2 preambles), host, forwarding headers of every
// family with duplicates, and control bytes and percent-encodings. The
// default seed and count keep it to well under a minute; once
// scripts/test.sh has installed what the suite needs, a long run is:
//
//	cd tests && GENERATIVE_COUNT=200000 GENERATIVE_SEED=7 go test -count=1 -run TestGenerative -timeout 2h ./integration/
//
// A failure names the seed, the request's index and the exact bytes sent
// (the run's bearer token elided), counted by class with a few examples
// each. A request's content depends only on the seed and its index (and
// the run's token), so the same seed and a count past the index send it
// again.
//
// What is not the contract's is not asserted: without http.forwarded a URL
// on the request's own Host, which upstream does not check, by design; and
// upstream's "response completed with error", logged at error level for
// every API error answer and documented as unchanged by the stack. Both
// are counted in the log. An answer net/http gives itself (its short 400
// to a request it cannot parse, with no Date header, its 200 to OPTIONS *)
// and an HTTP/2 stream it resets come from no handler: no access log
// record is expected for them; every other answer must have exactly one.

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http/httpguts"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

const (
	genDefaultSeed  = 20260921
	genDefaultCount = 14000

	// Each mode's registry listens on genRegistryNet + its number.
	genRegistryNet = "127.0.80."
	genClientIP    = "127.0.81.1" // a client no mode trusts
	genClient2IP   = "127.0.81.2" // another one
	genProxyIP     = "127.0.82.1" // the proxy the trusted modes trust, and connect from
	genHopIP       = "127.0.82.2" // a trusted proxy that appears only in headers
	genBalancerIP  = "127.0.83.1" // the layer-4 balancer of the PROXY protocol mode
	genPPProxyIP   = "127.0.84.1" // a client named in preambles, trusted as a proxy
	genPPClientIP  = "127.0.84.2" // a client named in preambles, not trusted
	genSinkIP      = "127.0.85.1" // the notification sink
	// The token server: an address of its own, so that the test can run
	// beside the others.
	genTokenTCP = "127.0.86.1:5001"
	genHost     = "registry.example.com"

	// Ports that appear only in X-Forwarded-Port, which is never read: a
	// URL on one of them read it.
	genPortA = "9443"
	genPortB = "7443"
)

// genTransport is how one request reaches the registry.
type genTransport struct {
	name    string
	h2      bool   // HTTP/2: h2c with prior knowledge, or h2 over TLS (ALPN)
	tls     bool   // TLS to the registry
	proto   string // HTTP/1.0 or HTTP/1.1, for HTTP/1
	upgrade bool   // HTTP/1.1 with the h2c upgrade headers
	// pp is the PROXY protocol preamble sent first: "v1", "v2", "v2-local"
	// (a health check's, naming no client), "v1-unknown", or "".
	pp string
	// from fixes the source address; the mode's choice when empty.
	from string
	// refused: the registry must close the connection without an answer
	// (a preamble from a peer not trusted to send one, or none from one
	// that must).
	refused bool
}

type genTW struct {
	t genTransport
	w int
}

type genSW struct {
	s string
	w int
}

// genMode is one registry configuration and its process.
type genMode struct {
	key, name string
	num       int
	family    string // "" without http.forwarded, else the header family
	trusted   []string
	scheme    string
	allowed   []string
	balancers []string // http.forwarded.proxyprotocol
	tls       bool
	auth      bool // token auth with autoredirect: realms are absolute URLs
	notify    bool // notifications to the sink
	good      []string
	trs       []genTW
	froms     []genSW

	addr     string
	prefixes []netip.Prefix
	reg      *proc
	log      *genLog
	token    string
	tokenAt  time.Time

	mu       sync.Mutex
	counts   map[string]int
	answered map[string]genAnswered // by marker, the requests the registry answered
}

// genAnswered is a request the registry answered, and the contract's view
// of it.
type genAnswered struct {
	q  *genReq
	mo *genModel
}

func genModes() []*genMode {
	h1h2c := []genTW{
		{genTransport{name: "http/1.1", proto: "HTTP/1.1"}, 40},
		{genTransport{name: "http/1.0", proto: "HTTP/1.0"}, 15},
		{genTransport{name: "http/1.1 with Upgrade: h2c", proto: "HTTP/1.1", upgrade: true}, 8},
		{genTransport{name: "h2c prior knowledge", h2: true}, 37},
	}
	pp := []genTW{
		{genTransport{name: "PROXY v1, http/1.1", proto: "HTTP/1.1", pp: "v1", from: genBalancerIP}, 22},
		{genTransport{name: "PROXY v2, http/1.1", proto: "HTTP/1.1", pp: "v2", from: genBalancerIP}, 18},
		{genTransport{name: "PROXY v1, http/1.0", proto: "HTTP/1.0", pp: "v1", from: genBalancerIP}, 6},
		{genTransport{name: "PROXY v1, h2c", h2: true, pp: "v1", from: genBalancerIP}, 14},
		{genTransport{name: "PROXY v2, h2c", h2: true, pp: "v2", from: genBalancerIP}, 14},
		{genTransport{name: "PROXY v2 LOCAL, http/1.1", proto: "HTTP/1.1", pp: "v2-local", from: genBalancerIP}, 5},
		{genTransport{name: "PROXY v1 UNKNOWN, h2c", h2: true, pp: "v1-unknown", from: genBalancerIP}, 3},
		{genTransport{name: "no preamble from a client, http/1.1", proto: "HTTP/1.1", from: genClientIP}, 8},
		{genTransport{name: "no preamble from a client, h2c", h2: true, from: genClientIP}, 4},
		{genTransport{name: "PROXY v1 from a client (refused)", proto: "HTTP/1.1", pp: "v1", from: genClientIP, refused: true}, 3},
		{genTransport{name: "PROXY v2 from a client (refused)", h2: true, pp: "v2", from: genClientIP, refused: true}, 1},
		{genTransport{name: "no preamble from the balancer (refused)", proto: "HTTP/1.1", from: genBalancerIP, refused: true}, 2},
	}
	overTLS := []genTW{
		{genTransport{name: "TLS, http/1.1", proto: "HTTP/1.1", tls: true}, 45},
		{genTransport{name: "TLS, http/1.0", proto: "HTTP/1.0", tls: true}, 10},
		{genTransport{name: "TLS, h2 (ALPN)", h2: true, tls: true}, 45},
	}
	client := []genSW{{genClientIP, 3}, {genClient2IP, 1}}
	proxied := []genSW{{genProxyIP, 3}, {genClientIP, 2}}
	return []*genMode{
		{key: "a", name: "unconfigured", auth: true, notify: true,
			good: []string{genHost}, trs: h1h2c, froms: client},
		{key: "b", name: "strict: no proxy trusted, scheme https, allowedhosts", family: "x-forwarded",
			scheme: "https", allowed: []string{genHost}, notify: true,
			good: []string{genHost, "Registry.Example.COM", genHost + ":443"}, trs: h1h2c, froms: client},
		{key: "c", name: "trusted proxy, x-forwarded", family: "x-forwarded", trusted: []string{genProxyIP, genHopIP},
			auth: true, notify: true, good: []string{genHost}, trs: h1h2c, froms: proxied},
		{key: "d", name: "trusted proxy, forwarded, allowedhosts", family: "forwarded", trusted: []string{genProxyIP, genHopIP},
			allowed: []string{genHost, "*.registry.example.com:*"}, notify: true,
			good: []string{genHost, "a.registry.example.com:5000"}, trs: h1h2c, froms: proxied},
		{key: "e", name: "allowedhosts without scheme, plain listener", family: "x-forwarded",
			allowed: []string{genHost}, auth: true, good: []string{genHost, genHost + ":80"}, trs: h1h2c, froms: client},
		{key: "f", name: "PROXY protocol required from the balancer, allowedhosts", family: "x-forwarded", trusted: []string{genPPProxyIP},
			scheme: "https", balancers: []string{genBalancerIP}, allowed: []string{genHost}, auth: true,
			good: []string{genHost, genHost + ":443"}, trs: pp},
		{key: "g", name: "TLS listener, trusted proxy, allowedhosts", family: "x-forwarded", trusted: []string{genProxyIP},
			allowed: []string{genHost}, tls: true, good: []string{genHost, genHost + ":443"}, trs: overTLS, froms: proxied},
	}
}

// httpYAML is what the mode adds under http: absolute URLs, h2c on the
// plain listeners, TLS, and the http.forwarded section.
func (m *genMode) httpYAML() string {
	var b strings.Builder
	b.WriteString("  relativeurls: false\n")
	if m.tls {
		fmt.Fprintf(&b, "  tls:\n    certificate: %s\n    key: %s\n", suite.certFile, suite.keyFile)
	} else {
		b.WriteString("  h2c:\n    enabled: true\n")
	}
	if m.family == "" {
		return b.String()
	}
	b.WriteString("  forwarded:\n")
	fmt.Fprintf(&b, "    trustedproxies: [%s]\n", strings.Join(m.trusted, ", "))
	if m.family == "forwarded" {
		b.WriteString("    header: forwarded\n")
	}
	if m.scheme != "" {
		fmt.Fprintf(&b, "    scheme: %s\n", m.scheme)
	}
	if len(m.allowed) > 0 {
		quoted := make([]string, len(m.allowed))
		for i, a := range m.allowed {
			quoted[i] = strconv.Quote(a)
		}
		fmt.Fprintf(&b, "    allowedhosts: [%s]\n", strings.Join(quoted, ", "))
	}
	if len(m.balancers) > 0 {
		fmt.Fprintf(&b, "    proxyprotocol: [%s]\n    proxyprotocoltimeout: 2s\n", strings.Join(m.balancers, ", "))
	}
	return b.String()
}

func (m *genMode) trusts(a netip.Addr) bool {
	for _, p := range m.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (m *genMode) count(what string) {
	m.mu.Lock()
	m.counts[what]++
	m.mu.Unlock()
}

// genReq is one generated request.
type genReq struct {
	k      int
	mode   *genMode
	tr     genTransport
	from   string     // the connection's source address
	peer   netip.Addr // the peer the registry sees: from, or the preamble's
	pre    []byte     // the PROXY protocol preamble
	method string
	form   string // origin, absolute, authority, asterisk
	target string // the HTTP/1 request-target, or the :path ("" for none)
	// authority is the :authority of an HTTP/2 request (nil for none).
	authority *string
	h2scheme  string      // the :scheme ("" for none)
	hosts     []string    // Host header lines
	hdrs      [][2]string // the other header fields, in order
	eol       string
	marker    string // the User-Agent, unique to the request
	// fwdClean: every Forwarded element is well-formed, so that the model
	// knows its hops (fwdHops, left to right).
	fwdClean bool
	fwdHops  []genHop
	push     bool // a push through Go's client instead of one raw request
	repo     string
}

type genHop struct{ node, proto, host string }

// wire is the HTTP/1 bytes after the preamble.
func (q *genReq) wire() []byte {
	var b bytes.Buffer
	b.WriteString(q.method + " " + q.target + " " + q.tr.proto + q.eol)
	// The User-Agent first: a line break injected into a later field
	// cannot cut it off, and it is how the request's record is found.
	hdrs := q.hdrs
	if len(hdrs) > 0 && hdrs[0][0] == "User-Agent" {
		b.WriteString(hdrs[0][0] + ": " + hdrs[0][1] + q.eol)
		hdrs = hdrs[1:]
	}
	for _, h := range q.hosts {
		b.WriteString("Host: " + h + q.eol)
	}
	for _, h := range hdrs {
		b.WriteString(h[0] + ": " + h[1] + q.eol)
	}
	b.WriteString(q.eol)
	return b.Bytes()
}

// h2Fields is the HTTP/2 header list, pseudo-header fields first.
func (q *genReq) h2Fields() [][2]string {
	f := [][2]string{{":method", q.method}}
	if q.h2scheme != "" {
		f = append(f, [2]string{":scheme", q.h2scheme})
	}
	if q.authority != nil {
		f = append(f, [2]string{":authority", *q.authority})
	}
	if q.target != "" {
		f = append(f, [2]string{":path", q.target})
	}
	for _, h := range q.hosts {
		f = append(f, [2]string{"host", h})
	}
	for _, h := range q.hdrs {
		if name := strings.ToLower(h[0]); name != "connection" && name != "content-length" {
			f = append(f, [2]string{name, h[1]})
		}
	}
	return f
}

// sent renders what went on the wire, for a failure report.
func (q *genReq) sent() string {
	if q.push {
		return genToken.ReplaceAllString(fmt.Sprintf("pushes with Go's client (Host %q) and header fields %q", q.hosts, q.hdrs), genTokenElided)
	}
	s := ""
	if len(q.pre) > 0 {
		s = fmt.Sprintf("PROXY preamble %q, then ", q.pre)
	}
	if q.tr.tls {
		s += "over TLS, "
	}
	// The run's bearer token, a kilobyte that no other run accepts, is
	// elided.
	if !q.tr.h2 {
		return s + genToken.ReplaceAllString(fmt.Sprintf("%q", q.wire()), genTokenElided)
	}
	var parts []string
	for _, f := range q.h2Fields() {
		parts = append(parts, fmt.Sprintf("%q: %q", f[0], genToken.ReplaceAllString(f[1], genTokenElided)))
	}
	return s + "HTTP/2 HEADERS {" + strings.Join(parts, ", ") + "} with END_STREAM"
}

// The tables the generator draws from.
var (
	genHosts = []string{
		genHost, "REGISTRY.Example.COM", genHost + ".", genHost + ":80", genHost + ":443", genHost + ":8443",
		genHost + ":0", genHost + ":65536", genHost + ":", genHost + ":443:443", "a.registry.example.com",
		"a.registry.example.com:5000", "evil.example", "evil.example:443", "EVIL.example.", "user@" + genHost,
		genHost + "/x", genHost + "%00", genHost + "%2f", "[::1]", "[::1]:5000", "[fe80::1%25eth0]",
		"[2001:db8::1]:443", "0x7f.1", "999.1.1.1", "1.2.3", "127.0.0.1", genHost + ",evil.example",
		"evil.example, " + genHost, genHost + ";evil.example", "*.registry.example.com", "", "reg_istry.example.com",
		strings.Repeat("a", 64) + ".example", strings.Repeat("abcdefgh.", 30) + "example",
	}
	genUserinfos = []string{
		"user@", "user:pass@", "%0d%0a@", "x%0ay@", "%1b[2J%1b[31mred@", "nul%00byte@", "%22quoted%22@",
		"a%20b@", "%e2%80%a8@", "%ff@", "@", ":@", genForgedUser + "@", genForgedUserCombined + "@",
	}
	genSchemes = []genSW{{"http", 6}, {"https", 6}, {"HTTP", 1}, {"hTTpS", 1}, {"gopher", 1}, {"javascript", 1}, {"ftp", 1}}
	// The last methods are not tokens: net/http refuses them on HTTP/1,
	// and HTTP/2 lets a client send them, which the access log must escape.
	genMethods = []genSW{{"GET", 30}, {"HEAD", 10}, {"POST", 20}, {"PUT", 7}, {"PATCH", 6}, {"DELETE", 6}, {"OPTIONS", 7}, {"CONNECT", 6},
		{"GET /v2/forged HTTP/1.1\" 200 5120 \"-\" \"x", 1}, {"G\u00e9T", 1}}
	genPaths = []string{
		"/v2/", "/v2", "/v2/{repo}/blobs/uploads/", "/v2/{repo}/blobs/uploads", "/v2//x/./..", "/v2/_catalog?n=1",
		"/v2/_catalog?n=1&last=gen%2Fa", "/v2/{repo}/tags/list?n=1", "/v2/{repo}/tags/list", "/v2/{repo}/manifests/v1",
		"/v2/gen/pushed/manifests/v1", "/v2/gen/pushed/blobs/{digest}", "/v2/{repo}/blobs/{digest}",
		"/v2/{repo}/blobs/uploads/{uuid}", "/v2/{repo}/blobs/uploads/?mount={digest}&from=gen/pushed", "/",
		"/v2/%2e%2e/", "/debug/health", "/v2/gen/pushed/manifests/v1",
	}
	genSuffixes = []string{
		"?x=%0a6.6.6.6", "?%0d%0aSet-Cookie:%20a=b", "%1b[2J", "%00", "%22", "%20x", `?q="`, "#frag", ";p=1",
		"/..", "?n=1&n=2", "%0a", "?last=%0d%0a", "%e2%80%a8",
	}
	genRepos   = []string{"gen/a", "gen/b/c", "gen/pushed", "Gen/Upper", "gen/" + strings.Repeat("x", 260), "gen/a%2fb"}
	genUUIDs   = []string{"0a1b2c3d-0000-4000-8000-000000000000", "../../x", "%0a"}
	genForNode = []string{
		"127.0.81.9", genHopIP, genProxyIP, "6.6.6.6", "192.0.2.7", "::1", "[2001:db8::1]", "[2001:db8::1]:4711",
		"2001:db8::2", "127.0.81.9:1234", "unknown", "_hidden", "", "not-an-address", "1.2.3", "fe80::1%eth0",
		"[fe80::1%25eth0]", "127.000.0.1", "999.1.1.1",
	}
	genProtos   = []string{"http", "https", "HTTPS", "Http", "javascript", "gopher", "https, http", "http,https", "", "ftp", "https://evil.example/"}
	genRealIPs  = []string{"6.6.6.6", "127.0.81.9", "not-an-ip", "::1", "6.6.6.6, 7.7.7.7"}
	genPorts    = []string{genPortA, genPortB, "0", "99999", "abc"}
	genReferers = []string{"http://evil.example/", "%0a6.6.6.6", `a"b`, `\x1b[31m`, "-"}
	genDamages  = []string{
		`for="unbalanced`, `for=192.0.2.1;for=192.0.2.2`, `a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9`, `garbage here`, `"`,
		`=;=,==`, `host=evil.example\`, `;;,;`, `for=192.0.2.1 garbage;host=evil.example`, `host="evil\".example"`,
	}
	genCTLs = []string{"\x00", "\r", "\n", "\x1b", "\x7f", "\x0b", "\x08", "\x85", "\xff", "\r\nX-Injected: 1"}
)

// A userinfo that, decoded into a log line, would end the record and
// write one of its own for an address the test never connects from. The
// second adds the combined format's referer and user agent.
const (
	genForgedUser = "x%0a6.6.6.6%20-%20-%20%5b10%2fOct%2f2000%3a13%3a55%3a36%20-0700%5d%20%22GET%20%2fv2%2fforged%20HTTP%2f1.1%22%20200%202%0a"
	// genForgedUserCombined ends with the referer and user agent fields.
	genForgedUserCombined = "x%0a6.6.6.6%20-%20-%20%5b10%2fOct%2f2000%3a13%3a55%3a36%20-0700%5d%20%22GET%20%2fv2%2fforged%20HTTP%2f1.1%22%20200%202%20%22-%22%20%22forged%22%0a"
)

func genPick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// genPickBy picks one of xs at random, each as often as its weight says.
func genPickBy[T any](r *rand.Rand, xs []T, weight func(T) int) T {
	total := 0
	for _, x := range xs {
		total += weight(x)
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < weight(x) {
			return x
		}
		n -= weight(x)
	}
	return xs[len(xs)-1]
}

func genPickW(r *rand.Rand, xs []genSW) string {
	return genPickBy(r, xs, func(x genSW) int { return x.w }).s
}

func genPickT(r *rand.Rand, xs []genTW) genTransport {
	return genPickBy(r, xs, func(x genTW) int { return x.w }).t
}

func genChance(r *rand.Rand, percent int) bool { return r.IntN(100) < percent }

// genRun is one run: the seed, the modes, the failures.
type genRun struct {
	seed    uint64
	modes   []*genMode
	sink    *genSink
	spans   *genSpanSink
	ts      *tokenServer
	digests []string // of the pushed image's blobs
	img     *image
	fail    genFailures

	statsMu sync.Mutex
	stats   map[string]int
}

func (g *genRun) stat(what string) {
	g.statsMu.Lock()
	g.stats[what]++
	g.statsMu.Unlock()
}

// newRequest makes request k for mode m from the seed and k alone.
func (g *genRun) newRequest(m *genMode, k int) *genReq {
	r := rand.New(rand.NewPCG(g.seed, uint64(k)))
	q := &genReq{k: k, mode: m, eol: "\r\n"}
	q.tr = genPickT(r, m.trs)
	q.from = q.tr.from
	if q.from == "" {
		q.from = genPickW(r, m.froms)
	}
	q.peer = netip.MustParseAddr(q.from)
	q.marker = fmt.Sprintf("genreq/%d/%d.", g.seed, k)
	g.preamble(r, q)

	// A push through Go's client, now and then, where notifications
	// are on: the events of pushes and pulls carry what the requests did.
	if m.notify && genChance(r, 1) {
		q.push = true
		q.marker = fmt.Sprintf("genpush/%d/%d.", g.seed, k)
		// Repositories the run's token covers.
		q.repo = genPick(r, []string{"gen/pushed", "gen/a", "gen/b/c"})
		g.headers(r, q, true)
		q.hosts = nil
		if genChance(r, 70) {
			// Not with a zone: Go's client drops it from the Host it sends.
			if h := g.host(r, m); httpguts.ValidHostHeader(h) && h != "" && !strings.Contains(h, "%") {
				q.hosts = []string{h}
			}
		}
		return q
	}

	q.method = genPickW(r, genMethods)
	path := genPick(r, genPaths)
	if q.method == http.MethodPost && genChance(r, 60) {
		// Most POSTs start an upload: the URL builder's Location.
		path = "/v2/{repo}/blobs/uploads/"
	}
	path = strings.NewReplacer("{repo}", genPick(r, genRepos), "{digest}", g.digest(r), "{uuid}", genPick(r, genUUIDs)).Replace(path)
	if genChance(r, 20) {
		path += genPick(r, genSuffixes)
	}
	switch {
	case q.method == "CONNECT" && genChance(r, 80):
		q.form = "authority"
		q.target = genPick(r, []string{"evil.example:443", genHost + ":443", "[::1]:443", g.host(r, m)})
	case q.method == "OPTIONS" && genChance(r, 40):
		q.form = "asterisk"
		q.target = "*"
	case genChance(r, 40):
		q.form = "absolute"
		user := ""
		if genChance(r, 30) {
			user = genPick(r, genUserinfos)
		}
		q.target = genPickW(r, genSchemes) + "://" + user + g.host(r, m) + path
	default:
		q.form = "origin"
		q.target = path
	}

	if q.tr.h2 {
		q.h2scheme = "http"
		if q.tr.tls {
			q.h2scheme = "https"
		}
		if genChance(r, 10) {
			q.h2scheme = genPick(r, []string{"https", "http", "gopher", ""})
		}
		if q.form == "authority" {
			// CONNECT: :method and :authority only.
			a := q.target
			q.authority, q.target, q.h2scheme = &a, "", ""
		} else if genChance(r, 88) {
			a := g.host(r, m)
			q.authority = &a
		}
		if genChance(r, 12) {
			q.hosts = []string{g.host(r, m)}
		}
	} else {
		n := 1
		switch {
		case q.tr.proto == "HTTP/1.0" && genChance(r, 30), genChance(r, 2):
			n = 0
		case genChance(r, 3):
			n = 2
		}
		for i := 0; i < n; i++ {
			q.hosts = append(q.hosts, g.host(r, m))
		}
		if genChance(r, 8) {
			q.eol = "\n"
		}
	}
	g.headers(r, q, false)
	if !q.tr.h2 {
		if q.method == "POST" || q.method == "PUT" || q.method == "PATCH" {
			q.hdrs = append(q.hdrs, [2]string{"Content-Length", "0"})
		}
		conn := "close"
		if q.tr.upgrade {
			q.hdrs = append(q.hdrs, [2]string{"Upgrade", "h2c"}, [2]string{"HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"})
			conn = "Upgrade, HTTP2-Settings, close"
		}
		q.hdrs = append(q.hdrs, [2]string{"Connection", conn})
	}
	if genChance(r, 5) {
		g.inject(r, q)
	}
	return q
}

// preamble writes the transport's PROXY protocol preamble, and sets the
// peer the registry will see.
func (g *genRun) preamble(r *rand.Rand, q *genReq) {
	dst := netip.MustParseAddrPort(q.mode.addr)
	src := genPick(r, []string{genPPProxyIP, genPPProxyIP, genPPClientIP, "::1"})
	sport := uint16(1024 + r.IntN(60000))
	srcAddr := netip.MustParseAddr(src)
	switch q.tr.pp {
	case "":
		return
	case "v1":
		fam, d := "TCP4", dst.Addr().String()
		if srcAddr.Is6() {
			fam, d = "TCP6", "::1"
		}
		q.pre = []byte(fmt.Sprintf("PROXY %s %s %s %d %d\r\n", fam, src, d, sport, dst.Port()))
	case "v1-unknown":
		q.pre = []byte("PROXY UNKNOWN\r\n")
		return
	case "v2":
		b := []byte("\r\n\r\n\x00\r\nQUIT\n")
		if srcAddr.Is6() {
			b = append(b, 0x21, 0x21, 0, 36)
			b = append(b, srcAddr.AsSlice()...)
			b = append(b, netip.IPv6Loopback().AsSlice()...)
		} else {
			b = append(b, 0x21, 0x11, 0, 12)
			b = append(b, srcAddr.AsSlice()...)
			b = append(b, dst.Addr().AsSlice()...)
		}
		b = binary.BigEndian.AppendUint16(b, sport)
		q.pre = binary.BigEndian.AppendUint16(b, dst.Port())
	case "v2-local":
		q.pre = []byte("\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00")
		return
	}
	if !q.tr.refused {
		q.peer = srcAddr
	}
}

// host draws a host: one the mode serves, half the time, else one from the
// table of hostile forms, or the registry's own address.
func (g *genRun) host(r *rand.Rand, m *genMode) string {
	switch n := r.IntN(100); {
	case n < 45:
		return genPick(r, m.good)
	case n < 50:
		return m.addr
	default:
		return genPick(r, genHosts)
	}
}

func (g *genRun) digest(r *rand.Rand) string {
	return genPick(r, append([]string{"sha256:" + strings.Repeat("0", 64), "sha256:bad"}, g.digests...))
}

// headers draws the forwarding headers of every family, with duplicates,
// and the other fields. For Go's client (goSafe) only values it sends.
func (g *genRun) headers(r *rand.Rand, q *genReq, goSafe bool) {
	m := q.mode
	add := func(name, value string) bool {
		if goSafe && !httpguts.ValidHeaderFieldValue(value) {
			return false
		}
		q.hdrs = append(q.hdrs, [2]string{name, value})
		return true
	}
	add("User-Agent", q.marker)
	trustedChain := len(m.trusted) > 0 && genChance(r, 50)
	if genChance(r, 40) {
		lines := 1 + r.IntN(2)
		for i := 0; i < lines; i++ {
			var members []string
			for j := 0; j < 1+r.IntN(3); j++ {
				members = append(members, genPick(r, genForNode))
			}
			if trustedChain && i == lines-1 {
				members = append(members, genHopIP)
			}
			add(genPick(r, []string{"X-Forwarded-For", "x-forwarded-for", "X-FORWARDED-FOR"}), strings.Join(members, genPick(r, []string{", ", ",", " , "})))
		}
	}
	if genChance(r, 30) {
		for i := 0; i < 1+r.IntN(2); i++ {
			add("X-Forwarded-Proto", genPick(r, genProtos))
		}
	}
	if genChance(r, 35) {
		for i := 0; i < 1+r.IntN(2); i++ {
			v := g.host(r, m)
			if genChance(r, 20) {
				v += ", " + g.host(r, m)
			}
			add("X-Forwarded-Host", v)
		}
	}
	if genChance(r, 15) {
		add("X-Real-Ip", genPick(r, genRealIPs))
	}
	if genChance(r, 15) {
		add("X-Forwarded-Port", genPick(r, genPorts))
	}
	q.fwdClean = true
	if genChance(r, 40) {
		lines := 1 + r.IntN(2)
		for i := 0; i < lines; i++ {
			var elems []string
			var hops []genHop
			for j := 0; j < 1+r.IntN(3); j++ {
				if genChance(r, 12) {
					elems = append(elems, genPick(r, genDamages))
					q.fwdClean = false
					continue
				}
				hop, text := g.element(r, q, "")
				elems, hops = append(elems, text), append(hops, hop)
			}
			if trustedChain && i == lines-1 {
				// The trusted hop's element, nearest the registry.
				hop, text := g.element(r, q, genHopIP)
				elems, hops = append(elems, text), append(hops, hop)
			}
			if add(genPick(r, []string{"Forwarded", "forwarded"}), strings.Join(elems, genPick(r, []string{", ", ","}))) {
				q.fwdHops = append(q.fwdHops, hops...)
			}
		}
	}
	if m.auth {
		switch n := r.IntN(100); {
		case n < 55 && m.token != "":
			add("Authorization", "Bearer "+m.token)
		case n < 60:
			add("Authorization", "Bearer garbage")
		case n < 64:
			add("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(username+":"+password)))
		}
	}
	if genChance(r, 10) {
		add("Referer", genPick(r, genReferers))
	}
}

// element draws one well-formed Forwarded element: for (node, when not
// empty, else drawn), proto, host and by, in any order.
func (g *genRun) element(r *rand.Rand, q *genReq, node string) (genHop, string) {
	var hop genHop
	var params []string
	if node != "" || genChance(r, 85) {
		hop.node = node
		if node == "" {
			hop.node = genPick(r, genForNode)
		}
		params = append(params, "for="+genQuote(r, hop.node))
	}
	if genChance(r, 40) {
		hop.proto = genPick(r, genProtos)
		params = append(params, "proto="+genQuote(r, hop.proto))
	}
	if genChance(r, 45) {
		hop.host = g.host(r, q.mode)
		params = append(params, "host="+genQuote(r, hop.host))
	}
	if genChance(r, 15) {
		params = append(params, "by="+genQuote(r, genProxyIP))
	}
	if len(params) == 0 {
		hop.node = "unknown"
		params = append(params, "for=unknown")
	}
	for _, v := range []string{hop.node, hop.proto, hop.host} {
		if !genPlain(v) {
			q.fwdClean = false
		}
	}
	r.Shuffle(len(params), func(a, b int) { params[a], params[b] = params[b], params[a] })
	return hop, strings.Join(params, ";")
}

// genQuote writes a Forwarded value as a token when it is one, else as a
// quoted string.
func genQuote(r *rand.Rand, v string) string {
	token := v != ""
	for i := 0; i < len(v); i++ {
		if !genTokenChar(v[i]) {
			token = false
		}
	}
	if token && genChance(r, 70) {
		return v
	}
	return `"` + v + `"`
}

func genTokenChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// genPlain reports whether a Forwarded value written by genQuote parses
// back to itself: printable ASCII without quote or backslash.
func genPlain(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] >= 0x7f || v[i] == '"' || v[i] == '\\' {
			return false
		}
	}
	return true
}

// inject puts a control byte, or a CR LF, into one field the client
// writes: the target, a host, a header value.
func (g *genRun) inject(r *rand.Rand, q *genReq) {
	b := genPick(r, genCTLs)
	at := func(s string) string {
		i := r.IntN(len(s) + 1)
		return s[:i] + b + s[i:]
	}
	switch n := r.IntN(10); {
	case n < 2 && q.target != "" && q.target != "*":
		q.target = at(q.target)
	case n < 4 && len(q.hosts) > 0:
		q.hosts[0] = at(q.hosts[0])
	case n < 5 && q.authority != nil:
		a := at(*q.authority)
		q.authority = &a
	default:
		// Not the User-Agent: it is how the request's record is found.
		if len(q.hdrs) > 1 {
			i := 1 + r.IntN(len(q.hdrs)-1)
			q.hdrs[i][1] = at(q.hdrs[i][1])
		}
	}
	q.fwdClean = false
}

// genModel is what the contract says of one request: the origin the
// registry must resolve and the client it must name.
type genModel struct {
	unconfigured bool
	exact        bool   // false: the Forwarded header is damaged; sets below apply
	rHost        string // the request's host as Go's server reads it
	path         string
	api          bool
	// targetHost is the authority of an HTTP/2 request's absolute :path,
	// which Go's server does not make the request's host.
	targetHost string
	client     string
	scheme     string // "" when nothing says, which makes URLs http
	host       string // "" when no valid host is known
	refused    bool   // an API request must be refused for its host
	mayRefuse  bool   // a refusal is acceptable too
	// sent are the hosts the request names: its Host lines, :authority,
	// and the authority of an absolute target.
	sent    []string
	clients map[string]bool
	schemes map[string]bool
	hosts   map[string]bool
	xfPort  bool // the request sent X-Forwarded-Port
}

// isClient reports whether addr is a client the contract allows: the one
// resolved, or, behind a damaged Forwarded header, any it leaves possible.
func (mo *genModel) isClient(addr string) bool {
	if mo.exact {
		return addr == mo.client
	}
	return mo.clients[addr]
}

// wantClient names the clients isClient allows, for a report.
func (mo *genModel) wantClient() string {
	if mo.exact {
		return mo.client
	}
	return fmt.Sprint(genKeys(mo.clients))
}

// model returns the contract's view of q, or nil when Go's own parser
// refuses it (net/http must then answer 400 itself).
func (g *genRun) model(q *genReq) *genModel {
	var (
		rHost, path, targetHost string
		h                       http.Header
	)
	if q.tr.h2 {
		h = http.Header{}
		for _, f := range q.h2Fields() {
			if !strings.HasPrefix(f[0], ":") {
				h.Add(f[0], f[1])
			}
		}
		if q.authority != nil {
			rHost = *q.authority
		}
		if rHost == "" {
			rHost = h.Get("Host")
		}
		if q.method == "CONNECT" && q.target == "" {
			path = ""
		} else {
			u, err := url.ParseRequestURI(q.target)
			if err != nil {
				return nil
			}
			path, targetHost = u.Path, u.Host
		}
	} else {
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(q.wire())))
		if err != nil {
			return nil
		}
		rHost, path, h = req.Host, req.URL.Path, req.Header
		targetHost = req.URL.Host
	}
	mo := &genModel{rHost: rHost, path: path, targetHost: targetHost, exact: true,
		api: path == "/v2" || strings.HasPrefix(path, "/v2/"), xfPort: len(h["X-Forwarded-Port"]) > 0}
	mo.sent = append(mo.sent, q.hosts...)
	if q.authority != nil {
		mo.sent = append(mo.sent, *q.authority)
	}
	if targetHost != "" {
		mo.sent = append(mo.sent, targetHost)
	}
	g.resolve(q.mode, q.peer, q.tr.tls, h, q, mo)
	return mo
}

// resolve fills the origin as docs/configuration.md describes it: from
// the connection, then the hops of the configured family that trusted
// proxies wrote, walked from the registry outwards, then the host the
// request carries, then the configured scheme.
func (g *genRun) resolve(m *genMode, peer netip.Addr, overTLS bool, h http.Header, q *genReq, mo *genModel) {
	if m.family == "" {
		mo.unconfigured = true
		mo.client = peer.String()
		return
	}
	scheme, host, client := "", "", peer
	if overTLS {
		scheme = "https"
	}
	// A Host that carries a delimiter of Forwarded could have written
	// elements of its own through a proxy that copies it into host=
	// unquoted: then no element is believed, and the peer is the client.
	copiedHost := m.family == "forwarded" && strings.ContainsAny(mo.rHost, ",;\"\\")
	if m.trusts(peer) && !copiedHost {
		var hops []genHop
		if m.family == "x-forwarded" {
			hops = genXFHops(h)
		} else if q.fwdClean && len(h["Forwarded"]) == len(q.fwdLines()) {
			for i := len(q.fwdHops) - 1; i >= 0; i-- {
				hops = append(hops, q.fwdHops[i])
			}
		} else {
			mo.exact = false
		}
		if mo.exact {
			client, scheme, host = g.walk(m, hops, client, scheme, host)
		} else {
			g.inexact(m, peer, overTLS, h, mo)
		}
	}
	if host == "" && genValidHost(mo.rHost) {
		host = mo.rHost
	}
	if m.scheme != "" {
		scheme = m.scheme
	}
	mo.client, mo.scheme, mo.host = client.String(), scheme, host
	mo.refused = host == "" || len(m.allowed) > 0 && !genAllowed(m.allowed, host, scheme)
	// A request that names a host that is not valid or not allowed
	// anywhere (a second Host line, a Host beside an absolute target, an
	// HTTP/2 :path's authority): refusing it like such a Host is right too.
	for _, h := range mo.sent {
		if !genValidHost(h) || len(m.allowed) > 0 && !genAllowed(m.allowed, h, scheme) {
			mo.mayRefuse = true
		}
	}
	if !mo.exact {
		if !genValidHost(mo.rHost) {
			mo.hosts[""] = true
		} else {
			mo.hosts[strings.ToLower(mo.rHost)] = true
		}
		if m.scheme != "" {
			mo.schemes = map[string]bool{m.scheme: true}
		}
	}
}

// sentAuthorization reports whether the request carried credentials.
func (q *genReq) sentAuthorization() bool {
	if q.push && q.mode.auth {
		return true // the push sends the run's token
	}
	for _, h := range q.hdrs {
		if strings.EqualFold(h[0], "Authorization") {
			return true
		}
	}
	return false
}

// fwdLines returns the Forwarded header lines of the request.
func (q *genReq) fwdLines() []string {
	var lines []string
	for _, h := range q.hdrs {
		if strings.EqualFold(h[0], "Forwarded") {
			lines = append(lines, h[1])
		}
	}
	return lines
}

// inexact fills the sets a damaged Forwarded header leaves possible: any
// address, valid proto and valid host of the family's values, or the
// connection's.
func (g *genRun) inexact(m *genMode, peer netip.Addr, overTLS bool, h http.Header, mo *genModel) {
	mo.clients = map[string]bool{peer.String(): true}
	mo.schemes = map[string]bool{"": true}
	if overTLS {
		mo.schemes["https"] = true
	}
	mo.hosts = map[string]bool{}
	// Any token of the damaged header may be a hop's value.
	all := strings.Join(h.Values("Forwarded"), ",")
	for _, tok := range strings.FieldsFunc(all, func(r rune) bool { return strings.ContainsRune(",;=\" \t\\", r) }) {
		if a, ok := genParseNode(tok); ok && a.IsValid() {
			mo.clients[a.String()] = true
		}
		if genValidProto(tok) {
			mo.schemes[strings.ToLower(tok)] = true
		}
		if genValidHost(tok) {
			mo.hosts[strings.ToLower(tok)] = true
		}
	}
	mo.mayRefuse = true
}

// walk reads the hops nearest first while their writers are trusted: the
// outermost valid proto and host win, and the client is the first address
// that is not a trusted proxy, or the last one walked.
func (g *genRun) walk(m *genMode, hops []genHop, client netip.Addr, scheme, host string) (netip.Addr, string, string) {
	for i, hop := range hops {
		if i == 32 {
			break
		}
		addr, isNode := genParseNode(hop.node)
		if !isNode {
			break
		}
		if genValidProto(hop.proto) {
			scheme = strings.ToLower(hop.proto)
		}
		if genValidHost(hop.host) {
			host = hop.host
		}
		if !addr.IsValid() {
			break
		}
		client = addr
		if !m.trusts(addr) {
			break
		}
	}
	return client, scheme, host
}

// genXFHops returns the X-Forwarded-* hops nearest first: X-Forwarded-For
// read from the right, -Proto and -Host aligned with it from the right, a
// shorter list giving its leftmost member to the hops beyond it; without
// X-Forwarded-For, one hop of the other two.
func genXFHops(h http.Header) []genHop {
	forList, proto, host := h["X-Forwarded-For"], h["X-Forwarded-Proto"], h["X-Forwarded-Host"]
	f, p, o := genMembers{lines: forList}, genMembers{lines: proto}, genMembers{lines: host}
	noFor := len(forList) == 0 && (len(proto) > 0 || len(host) > 0)
	var hops []genHop
	for i := 0; i < 33; i++ {
		var hop genHop
		if noFor {
			if i > 0 {
				break
			}
		} else if v, ok := f.next(); ok {
			hop.node = v
		} else {
			break
		}
		hop.proto, hop.host = p.aligned(), o.aligned()
		hops = append(hops, hop)
	}
	return hops
}

// genMembers reads a comma-separated list spanning header lines from the
// right. A line's outer whitespace and its leftmost empty member do not
// count; an empty member between commas does.
type genMembers struct {
	lines      []string
	rest, last string
}

func (m *genMembers) next() (string, bool) {
	trim := func(s string) string { return strings.TrimRight(s, " \t") }
	for m.rest = trim(m.rest); m.rest == ""; m.rest = trim(m.rest) {
		if len(m.lines) == 0 {
			return "", false
		}
		m.rest, m.lines = m.lines[len(m.lines)-1], m.lines[:len(m.lines)-1]
	}
	i := strings.LastIndexByte(m.rest, ',')
	member := strings.TrimLeft(m.rest[i+1:], " \t")
	m.rest = m.rest[:max(i, 0)]
	m.last = member
	return member, true
}

func (m *genMembers) aligned() string {
	if v, ok := m.next(); ok {
		return v
	}
	return m.last
}

// genParseNode parses a hop's client: an IP address without zone,
// bracketed or not, with or without a port. "unknown", an obfuscated
// identifier and nothing are nodes without an address; anything else is
// not a node.
func genParseNode(s string) (netip.Addr, bool) {
	if s == "" || s[0] == '_' || strings.EqualFold(s, "unknown") {
		return netip.Addr{}, true
	}
	var a netip.Addr
	var err error
	if i := strings.LastIndexByte(s, ':'); i > 0 && (s[i-1] == ']' || !strings.Contains(s[:i], ":")) {
		var ap netip.AddrPort
		ap, err = netip.ParseAddrPort(s)
		a = ap.Addr()
	} else if s[0] == '[' {
		a, err = netip.ParseAddr(strings.TrimSuffix(s[1:], "]"))
	} else {
		a, err = netip.ParseAddr(s)
	}
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

func genValidProto(s string) bool {
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https")
}

// genValidHost is the documented valid host[:port]: DNS labels of letters,
// digits, '-' and '_' (1 to 63 bytes, 253 in all, a trailing dot allowed),
// whose last label, if a number, makes the whole an IPv4 address; an IPv4
// address; a bracketed IPv6 address without zone; and a port from 1 to
// 65535.
func genValidHost(s string) bool {
	host := s
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		port, err := strconv.ParseUint(s[i+1:], 10, 16)
		if err != nil || port == 0 {
			return false
		}
		host = s[:i]
	}
	if ip, ok := strings.CutPrefix(host, "["); ok {
		ip, ok = strings.CutSuffix(ip, "]")
		a, err := netip.ParseAddr(ip)
		return ok && err == nil && a.Is6() && a.Zone() == ""
	}
	name := strings.TrimSuffix(host, ".")
	if name == "" || len(name) > 253 {
		return false
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	// URL parsers read a name whose last label is a number, decimal or
	// hexadecimal ("0x7f"), as an IPv4 address; it must be one.
	last, digits := labels[len(labels)-1], "0123456789"
	number := last
	if len(number) >= 2 && number[0] == '0' && number[1]|0x20 == 'x' {
		number, digits = number[2:], "0123456789abcdefABCDEF"
	}
	if last[0] >= '0' && last[0] <= '9' && strings.Trim(number, digits) == "" {
		a, err := netip.ParseAddr(name)
		return err == nil && a.Is4()
	}
	return true
}

// genSameHost reports whether two hosts name the same origin over scheme:
// names without regard to case or a trailing dot, the default port
// written or not.
func genSameHost(a, b, scheme string) bool {
	norm := func(h string) string {
		name, port := h, ""
		if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
			name, port = h[:i], h[i+1:]
		}
		if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
			port = ""
		}
		return strings.TrimSuffix(strings.ToLower(name), ".") + ":" + port
	}
	return norm(a) == norm(b)
}

// genAllowed matches a host reached over scheme against allowedhosts
// patterns as documented: names without regard to case or a trailing dot,
// "*." for subdomains at any depth, and a pattern without a port allowing
// only the scheme's default port.
func genAllowed(patterns []string, host, scheme string) bool {
	cut := func(s string) (string, string) {
		if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
			return s[:i], s[i+1:]
		}
		return s, ""
	}
	name, port := cut(host)
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	def := "80"
	if scheme == "https" {
		def = "443"
	}
	for _, p := range patterns {
		p, sub := strings.CutPrefix(strings.ToLower(p), "*.")
		pname, pport := cut(p)
		pname = strings.TrimSuffix(pname, ".")
		switch {
		case pport == "*":
		case pport == "":
			if port != "" && port != def {
				continue
			}
		case port != pport:
			continue
		}
		if sub && strings.HasSuffix(name, "."+pname) || !sub && name == pname {
			return true
		}
	}
	return false
}

// genFailures counts failures by class and keeps a few examples of each.
type genFailures struct {
	mu       sync.Mutex
	seed     uint64
	byClass  map[string]int
	byMode   map[string]map[string]int
	examples map[string][]string
	seen     map[string]bool
}

// genExamples is how many examples of a class the report prints.
const genExamples = 3

func (f *genFailures) add(q *genReq, class, detail string) {
	mode := ""
	if q != nil {
		mode = q.mode.key
	}
	f.addMode(mode, q, class, detail)
}

// addMode records a failure in a mode, of request q if there is one.
func (f *genFailures) addMode(mode string, q *genReq, class, detail string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byClass[class]++
	if mode != "" {
		if f.byMode[class] == nil {
			f.byMode[class] = map[string]int{}
		}
		f.byMode[class][mode]++
	}
	// One example per mode, so that every mode a class shows up in has
	// one; the report prints a few of them.
	key := class + "\x00" + mode
	if f.seen[key] {
		return
	}
	f.seen[key] = true
	ex := detail
	if q != nil {
		what := q.tr.name
		if q.push {
			what = "a push with Go's client"
		}
		ex = fmt.Sprintf("seed %d request %d, mode %s (%s), %s from %s: %s\n      sent: %s",
			f.seed, q.k, q.mode.key, q.mode.name, what, q.from, detail, q.sent())
	}
	f.examples[class] = append(f.examples[class], ex)
}

func (f *genFailures) report() (string, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var classes []string
	total := 0
	for c, n := range f.byClass {
		classes = append(classes, c)
		total += n
	}
	sort.Slice(classes, func(i, j int) bool {
		if f.byClass[classes[i]] != f.byClass[classes[j]] {
			return f.byClass[classes[i]] > f.byClass[classes[j]]
		}
		return classes[i] < classes[j]
	})
	var b strings.Builder
	for _, c := range classes {
		var modes []string
		for _, m := range genKeysInt(f.byMode[c]) {
			modes = append(modes, fmt.Sprintf("%s %d", m, f.byMode[c][m]))
		}
		fmt.Fprintf(&b, "\n  [%d] %s (by mode: %s)\n", f.byClass[c], c, strings.Join(modes, ", "))
		for i, ex := range f.examples[c] {
			if i == genExamples {
				fmt.Fprintf(&b, "    (and %d more examples, from other modes)\n", len(f.examples[c])-i)
				break
			}
			fmt.Fprintf(&b, "    - %s\n", ex)
		}
	}
	return b.String(), total
}

// genLog reads a registry's output as it grows.
type genLog struct {
	f       *os.File
	pending []byte
	buf     []byte
}

func (l *genLog) fill() {
	for {
		n, err := l.f.Read(l.buf)
		l.pending = append(l.pending, l.buf[:n]...)
		if n == 0 || err != nil {
			return
		}
	}
}

// take returns the complete lines written since the last call. With a
// marker, it waits up to three seconds for a line that holds it, and
// stops after that line: the access log record of a request is written
// before its answer, so the wait is for a record that is missing.
func (l *genLog) take(marker string) []string {
	var lines []string
	deadline := time.Now().Add(3 * time.Second)
	for {
		l.fill()
		for {
			i := bytes.IndexByte(l.pending, '\n')
			if i < 0 {
				break
			}
			line := string(l.pending[:i])
			l.pending = l.pending[i+1:]
			lines = append(lines, line)
			// Not the request's own log entries, which carry its
			// user agent too.
			if marker != "" && strings.Contains(line, marker) && !strings.HasPrefix(line, "time=") {
				return lines
			}
		}
		if marker == "" || time.Now().After(deadline) {
			return lines
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// genSink receives the notifications of every mode, at /events/<key>.
type genSink struct {
	srv *httptest.Server
	genArrivals
	events map[string][]genEvent
}

// genArrivals is when a sink last received something, under its lock.
type genArrivals struct {
	mu   sync.Mutex
	last time.Time
}

// quiet waits until nothing has arrived for a second, ten seconds at most.
func (a *genArrivals) quiet() {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		a.mu.Lock()
		last := a.last
		a.mu.Unlock()
		if time.Since(last) > time.Second {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// genServe serves handler on a port of the sinks' address until t ends.
func genServe(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", genSinkIP+":0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(handler)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

type genEvent struct {
	Action string `json:"action"`
	Target struct {
		MediaType  string `json:"mediaType"`
		Repository string `json:"repository"`
		URL        string `json:"url"`
	} `json:"target"`
	Request struct {
		Addr      string `json:"addr"`
		Host      string `json:"host"`
		Method    string `json:"method"`
		UserAgent string `json:"useragent"`
	} `json:"request"`
}

func startGenSink(t *testing.T) *genSink {
	t.Helper()
	s := &genSink{events: map[string][]genEvent{}}
	s.srv = genServe(t, func(w http.ResponseWriter, r *http.Request) {
		var envelope struct {
			Events []genEvent `json:"events"`
		}
		if err := json.NewDecoder(r.Body).Decode(&envelope); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		key := strings.TrimPrefix(r.URL.Path, "/events/")
		s.events[key] = append(s.events[key], envelope.Events...)
		s.last = time.Now()
		s.mu.Unlock()
	})
	return s
}

func (s *genSink) yaml(key string) string {
	return fmt.Sprintf("notifications:\n  endpoints:\n    - name: generative\n      url: %s/events/%s\n      timeout: 2s\n      threshold: 3\n      backoff: 300ms\n", s.srv.URL, key)
}

// genToken asks the token server for a token with push and pull on the
// generated repositories and the catalog.
func genFetchToken() (string, error) {
	scopes := []string{"repository:gen/pushed:pull,push", "registry:catalog:*"}
	for _, r := range genRepos {
		scopes = append(scopes, "repository:"+r+":pull,push")
	}
	return fetchTokenScopes(http.DefaultClient, "http://"+genTokenTCP+"/token", "test-registry", scopes...)
}

// dial connects from q.from, writes the preamble, and starts TLS.
func (g *genRun) dial(q *genReq) (net.Conn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(q.from)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", q.mode.addr)
	if err != nil {
		return nil, err
	}
	if len(q.pre) > 0 {
		// In one write: a v1 line must arrive whole.
		if _, err := c.Write(q.pre); err != nil {
			c.Close()
			return nil, err
		}
	}
	if !q.tr.tls {
		return c, nil
	}
	proto := "http/1.1"
	if q.tr.h2 {
		proto = "h2"
	}
	// The suite's certificate names the edge's address.
	tc := tls.Client(c, &tls.Config{RootCAs: suite.caPool, ServerName: edgeIP, NextProtos: []string{proto}})
	_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
	if err := tc.Handshake(); err != nil {
		c.Close()
		return nil, err
	}
	if tc.ConnectionState().NegotiatedProtocol != proto {
		c.Close()
		return nil, fmt.Errorf("ALPN negotiated %q, want %q", tc.ConnectionState().NegotiatedProtocol, proto)
	}
	return tc, nil
}

// send sends q and returns the answer, or, for HTTP/2, how the server
// refused the stream.
func (g *genRun) send(q *genReq) (*rawResponse, string, error) {
	c, err := g.dial(q)
	if err != nil {
		return nil, "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if q.tr.h2 {
		return genH2(c, q)
	}
	if _, err := c.Write(q.wire()); err != nil {
		return nil, "", err
	}
	// Read as a GET's: a HEAD's answer has no body, but net/http's own
	// refusals have one, and the connection closes after either.
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: http.MethodGet})
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	if q.method == http.MethodHead {
		// A HEAD answer's Content-Length announces a body that never
		// comes; should a byte injected into Connection keep the
		// connection open, waiting for it would take the whole deadline.
		_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return &rawResponse{status: resp.StatusCode, header: resp.Header, body: body}, "", nil
}

// genH2 speaks HTTP/2 frame by frame, so that every pseudo-header field,
// absolute :path included, goes out as generated.
func genH2(c net.Conn, q *genReq) (*rawResponse, string, error) {
	if _, err := io.WriteString(c, http2.ClientPreface); err != nil {
		return nil, "", err
	}
	fr := http2.NewFramer(c, c)
	fr.ReadMetaHeaders = hpack.NewDecoder(65536, nil)
	if err := fr.WriteSettings(); err != nil {
		return nil, "", err
	}
	var block bytes.Buffer
	enc := hpack.NewEncoder(&block)
	for _, f := range q.h2Fields() {
		_ = enc.WriteField(hpack.HeaderField{Name: f[0], Value: f[1]})
	}
	b := block.Bytes()
	const chunk = 16384
	first, rest := b, []byte(nil)
	if len(b) > chunk {
		first, rest = b[:chunk], b[chunk:]
	}
	if err := fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: first, EndStream: true, EndHeaders: len(rest) == 0}); err != nil {
		return nil, "", err
	}
	for len(rest) > 0 {
		n := min(chunk, len(rest))
		if err := fr.WriteContinuation(1, n == len(rest), rest[:n]); err != nil {
			return nil, "", err
		}
		rest = rest[n:]
	}
	var resp *rawResponse
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			if resp != nil {
				return resp, "", nil
			}
			return nil, "", err
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				_ = fr.WriteSettingsAck()
			}
		case *http2.PingFrame:
			if !f.IsAck() {
				_ = fr.WritePing(true, f.Data)
			}
		case *http2.MetaHeadersFrame:
			if f.StreamID != 1 {
				continue
			}
			if resp == nil {
				status, _ := strconv.Atoi(f.PseudoValue("status"))
				if status >= 100 && status < 200 {
					continue
				}
				resp = &rawResponse{status: status, header: http.Header{}}
				for _, hf := range f.RegularFields() {
					resp.header.Add(hf.Name, hf.Value)
				}
			}
			if f.StreamEnded() {
				return resp, "", nil
			}
		case *http2.DataFrame:
			if f.StreamID == 1 && resp != nil {
				if len(resp.body) < 64<<10 {
					resp.body = append(resp.body, f.Data()...)
				}
				if f.StreamEnded() {
					return resp, "", nil
				}
			}
		case *http2.RSTStreamFrame:
			if f.StreamID == 1 {
				return resp, "RST_STREAM " + f.ErrCode.String(), nil
			}
		case *http2.GoAwayFrame:
			if f.LastStreamID < 1 && resp == nil {
				return nil, "GOAWAY " + f.ErrCode.String(), nil
			}
		}
	}
}

// netHTTPRefusal reports whether net/http answered for itself, before any
// handler: its short reply to a malformed request has no Date header and
// a body that repeats the status line, such as "400 Bad Request".
func netHTTPRefusal(resp *rawResponse) bool {
	return resp.header.Get("Date") == "" && strings.HasPrefix(string(resp.body), strconv.Itoa(resp.status)+" ")
}

func genHasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

var (
	genToken       = regexp.MustCompile(`Bearer [A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)
	genTokenElided = "Bearer <the run's token>"
	genRealmRE     = regexp.MustCompile(`realm="((?:[^"\\]|\\.)*)"`)
	genLinkRE      = regexp.MustCompile(`<([^>]*)>`)
	genHrefRE      = regexp.MustCompile(`(?i)href="([^"]*)"`)
	// The combined log format: client, ident, user, time, request line,
	// status, size, referer, user agent.
	genRecordRE      = regexp.MustCompile(`^(\S+) - (\S+) \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$`)
	genLooseRecordRE = regexp.MustCompile(`^(\S+) - (.*) \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$`)
	genLevelRE       = regexp.MustCompile(` level=(\w+)`)
	genMsgRE         = regexp.MustCompile(` msg="((?:[^"\\]|\\.)*)"| msg=(\S+)`)
	// genHostFieldRE matches a log entry's http.request.host, which the
	// text formatter quotes when it holds more than a word.
	genHostFieldRE = regexp.MustCompile(` http\.request\.host=("(?:[^"\\]|\\.)*"|\S*)`)
	// genRemoteAddrFieldRE matches a log entry's http.request.remoteaddr.
	genRemoteAddrFieldRE = regexp.MustCompile(` http\.request\.remoteaddr=("(?:[^"\\]|\\.)*"|\S*)`)
	genStdLogRE          = regexp.MustCompile(`^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} `)
)

// urls returns every URL an answer carries, by where it is.
func genURLs(resp *rawResponse) [][2]string {
	var out [][2]string
	// By status too: a redirect's Location comes from the router, an
	// upload's from the URL builder.
	for _, v := range resp.header.Values("Location") {
		out = append(out, [2]string{fmt.Sprintf("Location of a %d", resp.status), v})
	}
	for _, v := range resp.header.Values("Content-Location") {
		out = append(out, [2]string{"Content-Location", v})
	}
	for _, v := range resp.header.Values("Link") {
		for _, m := range genLinkRE.FindAllStringSubmatch(v, -1) {
			out = append(out, [2]string{"Link", m[1]})
		}
	}
	for _, v := range resp.header.Values("Www-Authenticate") {
		if !strings.HasPrefix(strings.ToLower(v), "bearer ") {
			continue
		}
		for _, m := range genRealmRE.FindAllStringSubmatch(v, -1) {
			out = append(out, [2]string{"WWW-Authenticate realm", m[1]})
		}
	}
	if resp.status >= 300 && resp.status < 400 {
		for _, m := range genHrefRE.FindAllStringSubmatch(string(resp.body), -1) {
			out = append(out, [2]string{"redirect body href", html.UnescapeString(m[1])})
		}
	}
	return out
}

// checkURL returns the failure class of one URL, or "": a path, or an
// absolute http or https URL without userinfo on the origin the mode
// resolves (in the unconfigured mode, on a valid host[:port], or on the
// request's own Host, which upstream does not check by design).
func (g *genRun) checkURL(m *genMode, mo *genModel, kind, raw string) (string, string) {
	fail := func(what string) (string, string) { return kind + ": " + what, fmt.Sprintf("%s %q", kind, raw) }
	switch {
	case genHasCTL(raw) || strings.Contains(raw, " "):
		return fail("a control byte or a space in the URL")
	case strings.HasPrefix(raw, "//"):
		return fail("scheme-relative URL (//host), a host taken from the request target")
	case strings.HasPrefix(raw, "/"):
		return "", ""
	}
	if mo != nil && mo.unconfigured {
		// Without http.forwarded upstream builds URLs on the request's
		// own Host, unchecked, by design: it goes back to the client that
		// sent it.
		own := strings.TrimPrefix((&url.URL{Scheme: "http", Host: mo.rHost, Path: "/"}).String(), "http:")
		if scheme, rest, ok := strings.Cut(raw, ":"); ok && genValidProto(scheme) && strings.HasPrefix(rest, own) && !genValidHost(mo.rHost) {
			g.stat("unconfigured: a URL on the request's own Host, which is not a valid host[:port] (upstream's, by design)")
			return "", ""
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fail("not a URL")
	}
	if !u.IsAbs() || u.Opaque != "" {
		return fail("neither a path nor an absolute URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fail("scheme other than http or https")
	}
	if u.User != nil {
		return fail("userinfo in the URL")
	}
	if mo == nil {
		return fail("an absolute URL in the answer to a request net/http cannot parse")
	}
	port := u.Port()
	if mo.unconfigured {
		if !genValidHost(u.Host) {
			return fail("host is neither a valid host[:port] nor the request's own Host")
		}
		if mo.xfPort && (port == genPortA || port == genPortB) {
			return fail("port read from X-Forwarded-Port")
		}
		return "", ""
	}
	if !genValidHost(u.Host) {
		return fail("host is not a valid host[:port] under http.forwarded")
	}
	if len(m.allowed) > 0 && !genAllowed(m.allowed, u.Host, u.Scheme) {
		return fail("host outside allowedhosts (for the URL's scheme)")
	}
	// Under http.forwarded every URL, the realm included, has the
	// resolved scheme: the configured one, TLS, or a trusted proxy's
	// word, else http; never the request target's.
	if mo.exact {
		want := mo.scheme
		if want == "" {
			want = "http"
		}
		if u.Scheme != want {
			return fail(fmt.Sprintf("scheme is not the resolved origin's (want %s: `scheme`, TLS or a trusted proxy's, else http)", want))
		}
		if !genSameHost(u.Host, mo.host, u.Scheme) {
			return fail("host is not the resolved origin's (a trusted proxy's, else the Host)")
		}
	} else {
		if !mo.schemes[u.Scheme] && !(u.Scheme == "http" && mo.schemes[""]) {
			return fail("scheme is none a trusted proxy, TLS or the configuration gave")
		}
		found := false
		for h := range mo.hosts {
			found = found || genSameHost(u.Host, h, u.Scheme)
		}
		if !found {
			return fail("host is none a trusted proxy or the Host gave")
		}
	}
	if port == genPortA || port == genPortB {
		return fail("port read from X-Forwarded-Port")
	}
	return "", ""
}

// checkAnswer checks one answer: no 5xx, every URL, and the host check of
// API requests under http.forwarded.
func (g *genRun) checkAnswer(q *genReq, mo *genModel, resp *rawResponse) {
	m := q.mode
	if q.tr.upgrade && resp.status == http.StatusSwitchingProtocols {
		g.fail.add(q, "transport: switched to h2c on an Upgrade, which the server does not implement", resp.describe())
	}
	if resp.status >= 500 {
		class := "status: 5xx"
		if strings.Contains(q.target, strings.Repeat("x", 256)) {
			// Upstream answers a repository name too long for a
			// reference with a 500; a class of its own, so that it hides
			// no other 5xx.
			class = "status: 5xx for a repository name over 255 bytes"
		}
		g.fail.add(q, class, resp.describe())
	}
	for _, u := range genURLs(resp) {
		if class, detail := g.checkURL(m, mo, u[0], u[1]); class != "" {
			g.fail.add(q, class, fmt.Sprintf("%s; answer %s", detail, resp.describe()))
		}
	}
	if mo == nil || netHTTPRefusal(resp) {
		return
	}
	if q.method == http.MethodOptions && q.target == "*" {
		// net/http's own answer to OPTIONS *.
		if resp.status != http.StatusOK {
			g.fail.add(q, "OPTIONS *: not net/http's 200", resp.describe())
		}
		return
	}
	code := resp.errorCode()
	hostCode := code == "HOST_INVALID" || code == "HOST_NOT_ALLOWED"
	head := q.method == http.MethodHead
	if head && mo.refused && resp.status == http.StatusBadRequest && resp.fromRegistry() {
		// A HEAD answer has no body to name the code: where a refusal
		// is due, a 400 from the registry is taken for it.
		hostCode = true
	}
	switch {
	case mo.unconfigured:
		if hostCode {
			g.fail.add(q, "host check: HOST_* answered without http.forwarded", resp.describe())
		}
	case !mo.exact || !mo.api:
	case mo.refused:
		// Refused, or left to the router's answers that precede the host
		// check: a redirect (whose URLs are checked above), or not found.
		if !(resp.status == http.StatusBadRequest && hostCode || resp.status >= 300 && resp.status < 400 || resp.status == http.StatusNotFound && code == "") {
			class := fmt.Sprintf("host check: an API request for a host that is invalid or not allowed was answered %dxx, not 400 HOST_INVALID/HOST_NOT_ALLOWED", resp.status/100)
			g.fail.add(q, class, fmt.Sprintf("resolved host %q (Host/target %q); answer %s", mo.host, mo.rHost, resp.describe()))
		}
	case hostCode && !mo.mayRefuse && !head:
		g.fail.add(q, "host check: a valid, allowed host was refused", fmt.Sprintf("resolved host %q scheme %q; answer %s", mo.host, mo.scheme, resp.describe()))
	}
}

// checkLog checks the lines the registry wrote for one request: want
// records with its marker (-1: one or more), each one well-formed line
// naming the client the contract says; no other record; no warning.
func (g *genRun) checkLog(q *genReq, mo *genModel, lines []string, want int) {
	records := 0
	for _, line := range lines {
		if genHasCTL(line) {
			g.fail.add(q, "log: a raw control byte in a log line", fmt.Sprintf("line %q", line))
		}
		switch {
		case strings.HasPrefix(line, "time="):
			if strings.Contains(line, q.marker) {
				g.checkLoggedHost(q, mo, line)
				g.checkLoggedClient(q, mo, line)
			}
			lvl := genLevelRE.FindStringSubmatch(line)
			if lvl == nil || lvl[1] != "warning" && lvl[1] != "error" && lvl[1] != "fatal" && lvl[1] != "panic" {
				continue
			}
			msg := ""
			if m := genMsgRE.FindStringSubmatch(line); m != nil {
				msg = m[1] + m[2]
			}
			if lvl[1] == "error" && msg == "response completed with error" && !strings.Contains(line, "err.code=\"host") {
				// Upstream logs every API error answer at error level,
				// documented as unchanged by the stack.
				g.stat("upstream's error-level 'response completed with error' lines (exempt)")
				continue
			}
			if lvl[1] == "warning" && strings.HasPrefix(msg, "error authorizing context") && q.sentAuthorization() {
				// Refused credentials stay a warning, as upstream logs
				// them (02-hostile-requests): only the challenge to a
				// request without credentials is lowered to debug, and
				// that one still fails below.
				g.stat("upstream's warning for refused credentials, 'error authorizing context' (exempt)")
				continue
			}
			class := "log: a warning or error line caused by a request"
			if strings.HasPrefix(msg, "error parsing digest") || strings.HasPrefix(msg, "error parsing reference from context") {
				// Upstream's, for a malformed digest or repository name
				// in the path: a class of its own.
				class = "log: an error line for a malformed digest or repository name in the path"
			}
			g.fail.add(q, class, fmt.Sprintf("line %q", line))
		case genStdLogRE.MatchString(line):
			class := "log: net/http wrote to its error log"
			if strings.Contains(line, "superfluous response.WriteHeader") {
				class = "log: net/http's 'superfluous response.WriteHeader' line, one per request"
			}
			g.fail.add(q, class, fmt.Sprintf("line %q", line))
		case strings.Contains(line, q.marker):
			records++
			m := genRecordRE.FindStringSubmatch(line)
			if m == nil || m[8] != q.marker {
				class := "log: the request's record is not one well-formed combined-log line"
				if genLooseRecordRE.MatchString(line) {
					// One line, but the user field holds the client's
					// spaces: the record's fields can be faked.
					class = "log: the record's user field holds spaces the client chose"
				}
				g.fail.add(q, class, fmt.Sprintf("line %q", line))
				continue
			}
			if mo != nil && !mo.isClient(m[1]) {
				g.fail.add(q, "log: the record names another client than the peer, the trusted hop's or the preamble's", fmt.Sprintf("first field %q, want %s; line %q", m[1], mo.wantClient(), line))
			}
		case strings.Contains(line, "genreq/") || strings.Contains(line, "genpush/"):
			g.fail.add(q, "log: a record of another request, written late or twice", fmt.Sprintf("line %q", line))
		default:
			first, _, _ := strings.Cut(line, " ")
			if a, err := netip.ParseAddr(first); err == nil && !g.used(q, mo, a) {
				g.fail.add(q, "log: a line that starts with an address the test never used, in no request's record (a forged record)", fmt.Sprintf("line %q", line))
			} else {
				g.fail.add(q, "log: a line that is neither a log entry nor a request's record (a record broken in two)", fmt.Sprintf("line %q", line))
			}
		}
	}
	switch {
	case want == 1 && records == 0, want < 0 && records == 0:
		g.fail.add(q, "log: no access log record for a request the registry answered", fmt.Sprintf("%d lines: %q", len(lines), lines))
	case want == 1 && records > 1:
		g.fail.add(q, "log: more than one record for one request", fmt.Sprintf("%q", lines))
	case want == 0 && records > 0:
		g.fail.add(q, "log: a record for a request that net/http refused or the registry never answered", fmt.Sprintf("%q", lines))
	}
}

// checkLoggedClient checks the http.request.remoteaddr of one of the
// request's own log entries under http.forwarded: the client the access log
// names, with the connection's port when that client is the peer.
func (g *genRun) checkLoggedClient(q *genReq, mo *genModel, line string) {
	logged, ok := genLogField(genRemoteAddrFieldRE, line)
	if mo == nil || mo.unconfigured || !ok {
		return
	}
	addr := logged
	if ap, err := netip.ParseAddrPort(logged); err == nil {
		addr = ap.Addr().Unmap().String()
	}
	g.stat("log entries' http.request.remoteaddr checked")
	if !mo.isClient(addr) {
		g.fail.add(q, "log: http.request.remoteaddr is not the resolved client", fmt.Sprintf("%q, want %s; line %q", logged, mo.wantClient(), line))
	}
}

// genLogField returns the value of the field re matches in a log entry,
// unquoted.
func genLogField(re *regexp.Regexp, line string) (string, bool) {
	m := re.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	if u, err := strconv.Unquote(m[1]); err == nil {
		return u, true
	}
	return m[1], true
}

// checkLoggedHost checks the http.request.host of one of the request's own
// log entries under http.forwarded: the resolved host, and none for a
// request refused for its host.
func (g *genRun) checkLoggedHost(q *genReq, mo *genModel, line string) {
	host, ok := genLogField(genHostFieldRE, line)
	if mo == nil || mo.unconfigured || !ok {
		return
	}
	g.stat("log entries' http.request.host checked")
	switch {
	case host == "" && (mo.refused || mo.mayRefuse):
	case host != "" && mo.exact && !mo.refused && genSameHost(host, mo.host, ""):
	case host != "" && !mo.exact && mo.hosts[strings.ToLower(host)]:
	default:
		g.fail.add(q, "log: http.request.host is not the resolved host", fmt.Sprintf("%q, want %q (refused: %v); line %q", host, mo.host, mo.refused, line))
	}
}

// used reports whether a is an address the request came from or named as
// a client in a way the registry may believe.
func (g *genRun) used(q *genReq, mo *genModel, a netip.Addr) bool {
	if a == q.peer || a.String() == q.from {
		return true
	}
	if mo != nil && (mo.client == a.String() || mo.clients[a.String()]) {
		return true
	}
	return false
}

func genKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// one sends request k to mode m and checks everything it caused.
func (g *genRun) one(m *genMode, k int) {
	q := g.newRequest(m, k)
	if q.push {
		g.pushOp(q)
		return
	}
	m.count(q.tr.name)
	resp, reset, err := g.send(q)
	mo := g.model(q)
	answered := resp != nil
	switch {
	case q.tr.refused:
		if answered {
			g.fail.add(q, "PROXY protocol: a connection that must be refused was answered", resp.describe())
		}
		g.stat("PROXY protocol connections refused as they must be")
	case !answered && reset != "":
		g.stat("HTTP/2 streams net/http refused (" + reset + ")")
	case !answered:
		g.fail.add(q, fmt.Sprintf("transport: no answer over %s", map[bool]string{true: "HTTP/2", false: "HTTP/1"}[q.tr.h2]), fmt.Sprintf("error %v", err))
	}
	want := 0
	if answered {
		if netHTTPRefusal(resp) {
			g.stat("answers net/http gave itself (" + strconv.Itoa(resp.status) + ")")
		} else if !(q.method == http.MethodOptions && q.target == "*") {
			want = 1
		}
		g.checkAnswer(q, mo, resp)
		if mo == nil && want == 1 {
			g.fail.add(q, "transport: a request Go's parser refuses was answered by the registry", resp.describe())
		}
	}
	marker := ""
	if want == 1 {
		marker = q.marker
	}
	g.checkLog(q, mo, m.log.take(marker), want)
	// For the events its pulls cause, and for its spans.
	if mo != nil && want == 1 {
		if strings.ContainsAny(q.method, " \"\u00e9") {
			g.stat("HTTP/2 requests with a method that is not a token, answered and logged")
		}
		m.mu.Lock()
		m.answered[q.marker] = genAnswered{q, mo}
		m.mu.Unlock()
	}
}

// pushOp pushes the image with Go's client and the generated headers, so
// that push events carry them; the Location of its first upload, its
// records and its events are checked like the rest.
func (g *genRun) pushOp(q *genReq) {
	m := q.mode
	m.count("Go client push")
	hdr := http.Header{}
	for _, h := range q.hdrs {
		hdr.Add(h[0], h[1])
	}
	host := ""
	if len(q.hosts) > 0 {
		host = q.hosts[0]
	}
	loc, err := g.push(m, q.from, host, q.repo, fmt.Sprintf("t%d", q.k), hdr)
	if err != nil {
		g.stat("Go client pushes that did not complete (refused hosts, untrusted headers)")
	}
	rHost := host
	if rHost == "" {
		rHost = m.addr
	}
	mo := &genModel{rHost: rHost, exact: true, api: true, path: "/v2/", xfPort: len(hdr["X-Forwarded-Port"]) > 0, sent: []string{rHost}}
	g.resolve(m, q.peer, m.tls, hdr, q, mo)
	if loc != "" {
		if class, detail := g.checkURL(m, mo, "upload Location (Go client push)", loc); class != "" {
			g.fail.add(q, class, detail)
		}
	}
	g.checkLog(q, mo, m.log.take(""), -1)
	m.mu.Lock()
	m.answered[q.marker] = genAnswered{q, mo}
	m.mu.Unlock()
}

// push pushes g.img to m from the address from, with the Host host (the
// registry's address when empty) and hdr on every request.
func (g *genRun) push(m *genMode, from, host, repo, tag string, hdr http.Header) (string, error) {
	tr := &http.Transport{
		DialContext:     (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}).DialContext,
		TLSClientConfig: &tls.Config{RootCAs: suite.caPool, ServerName: edgeIP},
	}
	defer tr.CloseIdleConnections()
	base := "http://" + m.addr
	if m.tls {
		base = "https://" + m.addr
	}
	api := &apiClient{hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}, base: base, host: host, token: m.token}
	if !m.auth {
		api.token = ""
	}
	return api.push(repo, tag, g.img, hdr)
}

// checkEvents checks every notification of a mode: request.addr names the
// client as the access log must, request.host is the resolved host (the
// request's own Host without http.forwarded, as upstream), and target.url
// obeys the URL rules.
func (g *genRun) checkEvents(m *genMode) {
	g.sink.mu.Lock()
	events := append([]genEvent(nil), g.sink.events[m.key]...)
	g.sink.mu.Unlock()
	if len(events) == 0 {
		g.fail.addMode(m.key, nil, "notification: no event arrived", "mode "+m.key+" ("+m.name+") pushed and pulled, and the sink received nothing")
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, ev := range events {
		g.stat("notification events checked")
		// The user agent is the request's marker.
		marker := ev.Request.UserAgent
		mo := m.answered[marker].mo
		evDesc := fmt.Sprintf("mode %s (%s), event of request %s: %s %s, request.addr %q, request.host %q, target.url %q",
			m.key, m.name, marker, ev.Action, ev.Target.Repository, ev.Request.Addr, ev.Request.Host, ev.Target.URL)
		if mo == nil {
			g.fail.addMode(m.key, nil, "notification: an event of no generated request", evDesc+", user agent "+strconv.Quote(ev.Request.UserAgent))
			continue
		}
		add := func(class, detail string) { g.fail.addMode(m.key, nil, class, detail) }
		ip := ev.Request.Addr
		if h, _, err := net.SplitHostPort(ip); err == nil {
			ip = h
		}
		a, err := netip.ParseAddr(ip)
		switch {
		case genHasCTL(ev.Request.Addr) || err != nil:
			add("notification: request.addr is not an address", evDesc)
		case mo.unconfigured:
		case mo.exact && a.String() != mo.client, !mo.exact && !mo.clients[a.String()]:
			add("notification: request.addr names another client than the resolved one", evDesc+"; want "+mo.client)
		}
		switch {
		case genHasCTL(ev.Request.Host):
			add("notification: a control byte in request.host", evDesc)
		case mo.unconfigured:
			// The event is JSON, which carries a byte that is not UTF-8
			// as U+FFFD.
			if ev.Request.Host != strings.ToValidUTF8(mo.rHost, "\uFFFD") {
				add("notification: request.host is not the request's Host (unconfigured)", evDesc)
			}
		case mo.exact && !genSameHost(ev.Request.Host, mo.host, ""), !mo.exact && !mo.hosts[strings.ToLower(ev.Request.Host)]:
			add("notification: request.host is not the resolved host", evDesc+"; want "+mo.host)
		}
		if ev.Target.URL != "" {
			if class, detail := g.checkURL(m, mo, "notification target.url", ev.Target.URL); class != "" {
				add(class, detail+"; "+evDesc)
			}
		}
	}
}

func genEnvInt(t *testing.T, name string, def uint64) uint64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

// TestGenerative: see the top of the file.
func TestGenerative(t *testing.T) {
	seed := genEnvInt(t, "GENERATIVE_SEED", genDefaultSeed)
	count := int(genEnvInt(t, "GENERATIVE_COUNT", genDefaultCount))
	started := time.Now()
	e := newEnv(t)
	g := &genRun{seed: seed, modes: genModes(), stats: map[string]int{},
		fail: genFailures{seed: seed, byClass: map[string]int{}, byMode: map[string]map[string]int{}, examples: map[string][]string{}, seen: map[string]bool{}}}
	g.ts = newTokenServer(t, e.dir, genTokenTCP, false)
	g.sink = startGenSink(t)
	g.spans = startGenSpanSink(t)
	g.img = newImage(t, 1, 2<<10)
	for _, b := range g.img.blobs() {
		g.digests = append(g.digests, b.desc.Digest.String())
	}

	// Every registry at once: they start in parallel.
	for i, m := range g.modes {
		m.num = i + 1
		m.addr = fmt.Sprintf("%s%d:5000", genRegistryNet, m.num)
		m.counts, m.answered = map[string]int{}, map[string]genAnswered{}
		for _, s := range m.trusted {
			m.prefixes = append(m.prefixes, netip.PrefixFrom(netip.MustParseAddr(s), 32))
		}
		auth := ""
		if m.auth {
			auth = autoRedirectYAML(g.ts)
		}
		if m.notify {
			auth += g.sink.yaml(m.key)
		}
		m.reg = e.startRegistry(registryOptions{addr: m.addr, storage: fmt.Sprintf("%s/storage-%s", e.dir, m.key), forwarded: m.httpYAML(), auth: auth, env: g.spans.env(m.key)})
	}
	for _, m := range g.modes {
		f, err := os.Open(m.reg.log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		m.log = &genLog{f: f, buf: make([]byte, 64<<10)}
		m.log.take("")
		if m.auth {
			tok, err := genFetchToken()
			if err != nil {
				t.Fatal(err)
			}
			m.token, m.tokenAt = tok, time.Now()
		}
		// An image to pull, so that pulls send events; pushed from a
		// client, with a host each mode serves.
		if m.balancers == nil {
			q := &genReq{k: -1, mode: m, from: genClientIP, peer: netip.MustParseAddr(genClientIP), marker: fmt.Sprintf("genpush/%d/setup-%s.", seed, m.key), push: true, repo: "gen/pushed", fwdClean: true,
				tr: genTransport{name: "setup push"}, hosts: []string{genHost}, hdrs: nil}
			q.hdrs = [][2]string{{"User-Agent", q.marker}}
			if _, err := g.push(m, q.from, genHost, "gen/pushed", "v1", http.Header{"User-Agent": {q.marker}}); err != nil {
				t.Fatalf("mode %s: pushing the image to pull: %v", m.key, err)
			}
			mo := &genModel{rHost: genHost, exact: true, api: true, path: "/v2/"}
			g.resolve(m, q.peer, m.tls, http.Header{"User-Agent": {q.marker}}, q, mo)
			g.checkLog(q, mo, m.log.take(""), -1)
			m.answered[q.marker] = genAnswered{q, mo}
		}
	}
	t.Logf("generative: seed %d, %d requests over %d modes; setup took %s", seed, count, len(g.modes), time.Since(started).Round(time.Millisecond))

	// Each mode's requests one after the other, so that what its registry
	// logs between two requests is the first one's; the modes in parallel.
	loop := time.Now()
	var wg sync.WaitGroup
	for i, m := range g.modes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := i; k < count; k += len(g.modes) {
				if m.auth && time.Since(m.tokenAt) > 2*time.Minute {
					if tok, err := genFetchToken(); err == nil {
						m.token, m.tokenAt = tok, time.Now()
					}
				}
				g.one(m, k)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(loop)
	// Events of the last requests are on their way.
	time.Sleep(time.Second)
	g.sink.quiet()
	g.spans.quiet()
	for _, m := range g.modes {
		if m.notify {
			g.checkEvents(m)
		}
		g.checkSpans(m)
	}

	for _, m := range g.modes {
		var parts []string
		total := 0
		for _, tr := range genKeysInt(m.counts) {
			parts = append(parts, fmt.Sprintf("%s %d", tr, m.counts[tr]))
			total += m.counts[tr]
		}
		t.Logf("mode %s (%s) at %s: %d: %s", m.key, m.name, m.addr, total, strings.Join(parts, ", "))
	}
	for _, s := range genKeysInt(g.stats) {
		t.Logf("  %s: %d", s, g.stats[s])
	}
	t.Logf("generative: %d requests in %s (%.0f/s), %s in all", count, elapsed.Round(time.Millisecond), float64(count)/elapsed.Seconds(), time.Since(started).Round(time.Millisecond))
	if report, n := g.fail.report(); n > 0 {
		t.Errorf("%d failures in %d classes; seed %d, count %d (GENERATIVE_SEED=%d GENERATIVE_COUNT=%d reproduces them), at most %d examples each:%s",
			n, len(g.fail.byClass), seed, count, seed, count, genExamples, report)
	}
}

func genKeysInt(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
