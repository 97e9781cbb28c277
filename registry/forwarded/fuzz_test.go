package forwarded

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/netip"
	"reflect"
	"strings"
	"testing"
)

// fuzzPolicies are the policies every fuzz input is resolved under.
var fuzzPolicies = func() []*Policy {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")}
	return []*Policy{
		{},
		{Strict: true, TrustedProxies: trusted, Header: XForwarded},
		{Strict: true, TrustedProxies: trusted, Header: RFC7239},
		{Strict: true, TrustedProxies: trusted, Header: XForwarded, Scheme: "https"},
	}
}()

// checkInvariants resolves r under every policy and checks what must hold
// for any input.
func checkInvariants(t *testing.T, r *http.Request) {
	t.Helper()
	bare := r.Clone(r.Context())
	for _, k := range []string{hdrForwarded, hdrXFF, hdrXFProto, hdrXFHost, hdrXFPort, hdrXRealIP} {
		delete(bare.Header, k)
	}
	for _, p := range fuzzPolicies {
		o := p.Resolve(r)
		if o.Scheme != "http" && o.Scheme != "https" {
			t.Fatalf("policy %v: scheme %q", p, o.Scheme)
		}
		if p.Scheme != "" && o.Scheme != p.Scheme {
			t.Fatalf("policy %v: scheme %q, forced %q", p, o.Scheme, p.Scheme)
		}
		// A host that may be served is valid or empty; anything else is
		// the Host header, flagged. In compatibility mode the Host header
		// must be valid too.
		if o.HostValid != (o.Host == "" || ValidHost(o.Host)) && (p.Strict || r.Host == "" || ValidHost(r.Host)) {
			t.Fatalf("policy %v: host %q (Host %q) flagged valid=%t", p, o.Host, r.Host, o.HostValid)
		}
		if !o.HostValid && o.Refused&InvalidHost == 0 {
			t.Fatalf("policy %v: invalid host %q not refused", p, o.Host)
		}
		if !o.HostValid && o.Host != r.Host && p.Strict {
			t.Fatalf("policy %v: invalid host %q is not the Host header %q", p, o.Host, r.Host)
		}
		if o.HostSource != FromHostHeader && !ValidHost(o.Host) {
			t.Fatalf("policy %v: forwarded host %q is not valid", p, o.Host)
		}
		if o.Hops > MaxHops {
			t.Fatalf("policy %v: %d hops", p, o.Hops)
		}
		if (o.Refused == 0) != (o.Ignored == nil) {
			t.Fatalf("policy %v: refused %v but ignored %v", p, o.Refused, o.Ignored)
		}
		if p.Strict && !o.PeerTrusted {
			want := p.Resolve(bare)
			want.Refused, want.Ignored = o.Refused, o.Ignored
			if o != want {
				t.Fatalf("policy %v: untrusted peer resolved to %+v, without headers %+v", p, o, want)
			}
		}
		if !p.Strict {
			checkCompatibleRemoval(t, r, o)
		}
	}
}

// checkCompatibleRemoval checks that, once the headers o.Remove names are
// removed or replaced, compatibility mode finds nothing more to remove: what
// upstream then reads is valid.
func checkCompatibleRemoval(t *testing.T, r *http.Request, o Origin) {
	t.Helper()
	c := r.Clone(r.Context())
	for bit, k := range map[Removals]string{RemoveXForwardedFor: hdrXFF, RemoveXForwardedProto: hdrXFProto, RemoveXForwardedHost: hdrXFHost, RemoveXRealIP: hdrXRealIP} {
		if o.Remove&bit != 0 {
			delete(c.Header, k)
		}
	}
	if o.Remove&RemoveForwarded != 0 {
		c.Header[hdrForwarded] = []string{o.CompatibleForwarded()}
	}
	again := (&Policy{}).Resolve(c)
	if again.Remove != 0 {
		t.Fatalf("after removing %b, still %b to remove (%v)", o.Remove, again.Remove, again.Ignored)
	}
	if again.Scheme != o.Scheme || again.Host != o.Host || again.Client != o.Client {
		t.Fatalf("after removal the origin changed: %s://%s %s, was %s://%s %s", again.Scheme, again.Host, again.Client, o.Scheme, o.Host, o.Client)
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("10.0.0.2:4000", "reg:5000", false, "for=198.51.100.7;proto=https;host=reg.example.com", "198.51.100.7, 10.0.0.1", "https", "reg.example.com", "443")
	f.Add("203.0.113.9:1", "reg", true, `for="[2001:db8::1]:80";host="a:1"`, "unknown", "http, https", "a, b", "80, 8080")
	f.Add("[2001:db8::2]:1", "[::1]:5000", false, `for="x, for=1.2.3.4`, "_hidden, 2001:db8::1", "HTTPS", "", "")
	f.Add("[::ffff:10.0.0.2]:1", "reg", false, `;;, ,for=_a:_b;by=x;ext="q\"x"`, ",,", "javascript", "evil.example/x", "99999")
	f.Add("10.0.0.2:1", "evil.example,a.reg.example.com", false, `for=1.2.3.4;host="a,b"`, "203.0.113.7, 10.0.0.1", "https", "reg.example.com:", "80")
	f.Fuzz(func(t *testing.T, peer, host string, isTLS bool, fwd, xff, proto, xhost, port string) {
		r := &http.Request{Method: "GET", Host: host, RemoteAddr: peer, Header: http.Header{}}
		if isTLS {
			r.TLS = &tls.ConnectionState{}
		}
		for k, v := range map[string]string{hdrForwarded: fwd, hdrXFF: xff, hdrXFProto: proto, hdrXFHost: xhost, hdrXFPort: port} {
			for _, line := range strings.Split(v, "\n") {
				if line != "" {
					r.Header.Add(k, line)
				}
			}
		}
		checkInvariants(t, r)
	})
}

// FuzzClientPrefix checks that what a client writes to the left of the
// trusted proxies' values never changes what is resolved. The chain is a
// client-facing proxy at 10.0.0.1 and an inner one at 10.0.0.2 (the peer).
// With Forwarded, both append an element to the client's header, on its
// line; with X-Forwarded-*, both append to X-Forwarded-For and the edge
// appends the proto and host it saw (as Apache's mod_proxy and nginx's
// $proxy_add_x_forwarded_for do).
func FuzzClientPrefix(f *testing.F) {
	f.Add(`for="x`, "203.0.113.7", "reg.example.com", "https")
	f.Add(`a="b`, "2001:db9::7", "reg.example.com:5000", "http")
	f.Add(`for=1.1.1.1;for=2.2.2.2`, "198.51.100.1", "[2001:db8::1]:443", "HTTPS")
	f.Add(`a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9`, "203.0.113.7", "reg", "https")
	f.Add(`x=\`, "203.0.113.7", "reg", "https")
	f.Add(`for="\"`, "203.0.113.7", "reg", "https")
	f.Fuzz(func(t *testing.T, prefix, client, host, proto string) {
		c, err := netip.ParseAddr(client)
		if err != nil || c.Zone() != "" || fuzzPolicies[1].Trusted(c) {
			return // the client-facing proxy writes its peer: an untrusted IP
		}
		if !ValidHost(host) {
			return // the proxies write a valid host (the recipes see to it)
		}
		if _, ok := parseScheme(proto); !ok {
			return
		}
		node := c.String()
		if c.Is6() {
			node = `"[` + node + `]"`
		}
		edge := fmt.Sprintf(`for=%s;proto=%s;host="%s"`, node, proto, host)
		inner := "for=10.0.0.1;proto=http"
		alone := req("10.0.0.2:1", "inner", "Forwarded", edge+", "+inner)
		seeded := req("10.0.0.2:1", "inner", "Forwarded", prefix+", "+edge+", "+inner)
		seededLine := req("10.0.0.2:1", "inner", "Forwarded", prefix, "Forwarded", edge+", "+inner)
		want := fuzzPolicies[2].Resolve(alone)
		if want.Client != c.Unmap() || want.Host != host || want.Hops != 2 {
			t.Fatalf("clean chain resolved to %+v", want)
		}
		for _, r := range []*http.Request{seeded, seededLine} {
			got := fuzzPolicies[2].Resolve(r)
			if got.Client != want.Client || got.Scheme != want.Scheme || got.Host != want.Host || got.Hops != want.Hops {
				t.Fatalf("Forwarded %q resolved to %s %s://%s (%d hops), without the client's prefix %s %s://%s",
					r.Header[hdrForwarded], got.Client, got.Scheme, got.Host, got.Hops, want.Client, want.Scheme, want.Host)
			}
		}

		// X-Forwarded-*: the client's bytes, then the trusted proxies'
		// values. Two chains that trusting a proxy supports: the edge
		// overwrites proto and host and appends to X-Forwarded-For (nginx's
		// $proxy_add_x_forwarded_for), the inner appends to
		// X-Forwarded-For only; or both append to all three.
		prefix = strings.ReplaceAll(prefix, "\n", "")
		join := func(pfx, v string) string {
			if pfx == "" {
				return v
			}
			return pfx + ", " + v
		}
		overwriting := func(pfx string) *http.Request {
			return req("10.0.0.2:1", "inner",
				"X-Forwarded-For", join(pfx, c.String())+", 10.0.0.1",
				"X-Forwarded-Proto", proto, "X-Forwarded-Host", host)
		}
		appending := func(pfx string) *http.Request {
			return req("10.0.0.2:1", "inner",
				"X-Forwarded-For", join(pfx, c.String())+", 10.0.0.1",
				"X-Forwarded-Proto", join(pfx, proto)+", http",
				"X-Forwarded-Host", join(pfx, host)+", inner")
		}
		for _, chain := range []func(string) *http.Request{overwriting, appending} {
			want := fuzzPolicies[1].Resolve(chain(""))
			got := fuzzPolicies[1].Resolve(chain(prefix))
			if want.Client != c.Unmap() || want.Host != host {
				t.Fatalf("clean X-Forwarded chain resolved to %+v", want)
			}
			if got.Client != want.Client || got.Scheme != want.Scheme || got.Host != want.Host {
				t.Fatalf("X-Forwarded prefix %q resolved to %s %s://%s, without it %s %s://%s",
					prefix, got.Client, got.Scheme, got.Host, want.Client, want.Scheme, want.Host)
			}
		}
	})
}

// FuzzForwardedSyntax checks the element reader against a straightforward
// left-to-right reading of the grammar: on a header that reads cleanly from
// the left, both find the same elements; on any header, reading from the
// right terminates, never panics, and finds no more elements than there are
// bytes.
func FuzzForwardedSyntax(f *testing.F) {
	for _, s := range []string{
		"for=192.0.2.60;proto=http;by=203.0.113.43",
		`for="_gazonk"`,
		`For="[2001:db8:cafe::17]:4711"`,
		"for=192.0.2.43, for=198.51.100.17",
		`for=a;host="x\"y"`,
		`for="unterminated`,
		"for=a;for=b",
		`a="\\", b="\"\\"`,
		" ; ;for=1 ;; , ,;\n, host=x ; ",
		"a=1 b=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		var r elementReader
		r.init(lines)
		var got []element
		var el element
		for r.next(&el) {
			got = append(got, el)
			if len(got) > len(s)+1 {
				t.Fatalf("%d elements from %d bytes", len(got), len(s))
			}
		}
		want, err := readForward(lines)
		if err != nil {
			return
		}
		if r.err != nil {
			t.Fatalf("%q: reads from the left, but from the right: %v", s, r.err)
		}
		for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
			got[i], got[j] = got[j], got[i]
		}
		if len(got) == 0 && len(want) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: from the right %+v, from the left %+v", s, got, want)
		}
	})
}

// readForward reads a Forwarded header from the left, the way the grammar
// is written (RFC 7239 section 4, RFC 9110 sections 5.6.1 to 5.6.4, with
// optional whitespace around ";" and ","). It is the reference the element
// reader is checked against.
func readForward(lines []string) ([]element, error) {
	var out []element
	for _, s := range lines {
		i := 0
		ows := func() {
			for i < len(s) && isOWS(s[i]) {
				i++
			}
		}
		token := func() string {
			start := i
			for i < len(s) && isTokenChar(s[i]) {
				i++
			}
			return s[start:i]
		}
		for {
			for ows(); i < len(s) && s[i] == ','; ows() {
				i++
			}
			if i == len(s) {
				break
			}
			var el element
			var ext []string
			for {
				ows()
				if i == len(s) || s[i] == ',' {
					break
				}
				if s[i] == ';' {
					i++
					continue
				}
				name := token()
				if name == "" || i == len(s) || s[i] != '=' {
					return nil, fmt.Errorf("bad parameter at %d", i)
				}
				i++
				var value string
				if i < len(s) && s[i] == '"' {
					var b strings.Builder
					start := i + 1
					for i++; ; i++ {
						if i == len(s) {
							return nil, fmt.Errorf("unterminated")
						}
						if s[i] == '"' {
							i++
							break
						}
						if s[i] == '\\' {
							i++
							if i == len(s) || !isQuotedPairChar(s[i]) {
								return nil, fmt.Errorf("bad escape")
							}
						} else if !isQdText(s[i]) {
							return nil, fmt.Errorf("bad byte")
						}
						b.WriteByte(s[i])
					}
					value = b.String()
					if raw := s[start : i-1]; len(raw) > 2*maxHostLen {
						// The reader keeps long values as written: they
						// are invalid whatever they unescape to.
						value = raw
					}
				} else if value = token(); value == "" {
					return nil, fmt.Errorf("no value")
				}
				if which := paramNamed(name); which != 0 {
					if el.has&which != 0 {
						return nil, fmt.Errorf("repeated")
					}
					el.set(which, value)
				} else {
					for _, e := range ext {
						if strings.EqualFold(e, name) {
							return nil, fmt.Errorf("repeated")
						}
					}
					if ext = append(ext, name); len(ext) > maxExtensions {
						return nil, fmt.Errorf("too many extensions")
					}
				}
				ows()
				if i < len(s) && s[i] != ';' && s[i] != ',' {
					return nil, fmt.Errorf("expected ; or , at %d", i)
				}
			}
			out = append(out, el)
			if i < len(s) {
				i++
			}
		}
	}
	return out, nil
}

// BenchmarkHeaderSize resolves ever longer chains of trusted hops: the time
// per op stays flat, as the walk stops at MaxHops and reads the header from
// the right.
func BenchmarkHeaderSize(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		fw := req(peer, "reg", "Forwarded", strings.Repeat(`for=10.0.0.1;proto=http;ext="a\"b", `, n))
		xf := req(peer, "reg", "X-Forwarded-For", strings.Repeat("10.0.0.1, ", n)+"10.0.0.1", "X-Forwarded-Proto", strings.Repeat("http, ", n)+"http")
		for _, c := range []struct {
			name string
			p    *Policy
			r    *http.Request
		}{{"forwarded", fuzzPolicies[2], fw}, {"x-forwarded", fuzzPolicies[1], xf}} {
			b.Run(fmt.Sprintf("%s/%d-elements", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(first(c.r.Header[hdrForwarded])) + len(first(c.r.Header[hdrXFF]))))
				for b.Loop() {
					c.p.Resolve(c.r)
				}
			})
		}
	}
}

// BenchmarkDamagedForwarded resolves headers whose second element from the
// right, the one the walk reads after a trusted hop, is damaged in ways that
// make a reader from the right look far or twice (long quoted strings, runs
// of backslashes and quotes): time must grow linearly with the size.
func BenchmarkDamagedForwarded(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 14} {
		for name, body := range map[string]string{
			"quotes":      strings.Repeat(`a="\",`, n/6),
			"backslashes": strings.Repeat(`\`, n-1) + `"`,
			"commas":      `x="` + strings.Repeat(`,a=1`, n/4),
		} {
			r := req(peer, "reg", "Forwarded", body+`, for=10.0.0.1`)
			b.Run(fmt.Sprintf("%s/%d-bytes", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					fuzzPolicies[2].Resolve(r)
				}
			})
		}
	}
}
