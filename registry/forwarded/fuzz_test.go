package forwarded

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/netip"
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
		// The host is the Host header, possibly with a forwarded port
		// added, or a validated host[:port].
		withPort, port, _ := strings.Cut(strings.TrimPrefix(o.Host, r.Host), ":")
		_, portOK := parsePort(port)
		if o.Host != r.Host && !ValidHost(o.Host) && (withPort != "" || !portOK) {
			t.Fatalf("policy %v: host %q is neither Host %q nor valid", p, o.Host, r.Host)
		}
		if o.Hops > MaxHops {
			t.Fatalf("policy %v: %d hops", p, o.Hops)
		}
		if p.Strict && !o.PeerTrusted {
			if want := p.Resolve(bare); o != want {
				t.Fatalf("policy %v: untrusted peer resolved to %+v, without headers %+v", p, o, want)
			}
		}
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("10.0.0.2:4000", "reg:5000", false, "for=198.51.100.7;proto=https;host=reg.example.com", "198.51.100.7, 10.0.0.1", "https", "reg.example.com", "443")
	f.Add("203.0.113.9:1", "reg", true, `for="[2001:db8::1]:80";host="a:1"`, "unknown", "http, https", "a, b", "80, 8080")
	f.Add("[2001:db8::2]:1", "[::1]:5000", false, `for="x, for=1.2.3.4`, "_hidden, 2001:db8::1", "HTTPS", "", "")
	f.Add("[::ffff:10.0.0.2]:1", "reg", false, `;;, ,for=_a:_b;by=x;ext="q\"x"`, ",,", "javascript", "evil.example/x", "99999")
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

// FuzzForwardedSyntax checks that the RFC 7239 parser terminates, never
// panics, and keeps at most MaxHops elements whatever it is fed.
func FuzzForwardedSyntax(f *testing.F) {
	for _, s := range []string{
		"for=192.0.2.60;proto=http;by=203.0.113.43",
		`for="_gazonk"`,
		`For="[2001:db8:cafe::17]:4711"`,
		"for=192.0.2.43, for=198.51.100.17",
		`for=a;host="x\"y"`,
		`for="unterminated`,
		"for=a;for=b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var r ring
		err := parseForwarded(strings.Split(s, "\n"), &r)
		if err == nil {
			for k := 0; k < min(r.total, MaxHops); k++ {
				var h hop
				r.hop(k, &h)
				if h.node.kind == nodeIP && h.node.addr.Zone() != "" {
					t.Fatalf("zone accepted in %q", s)
				}
			}
		}
		if r.total > len(s)+1 {
			t.Fatalf("%d elements from %d bytes", r.total, len(s))
		}
	})
}

// BenchmarkHeaderSize resolves ever longer chains of trusted hops: the time
// per op should double with the size, as the parser reads each byte once and
// the walk stops at MaxHops.
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
