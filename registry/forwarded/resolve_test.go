package forwarded

import (
	"crypto/tls"
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

// req builds a server-side request. hdr alternates names and values; a name
// may repeat to add header lines.
func req(peer, host string, hdr ...string) *http.Request {
	r := &http.Request{Method: "GET", Host: host, RemoteAddr: peer, Header: http.Header{}}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Add(hdr[i], hdr[i+1])
	}
	return r
}

func mustPolicy(t testing.TB, family Family, scheme string, trusted ...string) *Policy {
	t.Helper()
	p := &Policy{Strict: true, Header: family, Scheme: scheme}
	for _, s := range trusted {
		pfx, err := ParseTrustedProxy(s)
		if err != nil {
			t.Fatal(err)
		}
		p.TrustedProxies = append(p.TrustedProxies, pfx)
	}
	return p
}

type want struct {
	scheme, host, client string
	hops                 int
	ignored              bool
}

func check(t *testing.T, name string, o Origin, w want) {
	t.Helper()
	if o.Scheme != w.scheme || o.Host != w.host {
		t.Errorf("%s: origin %s://%s, want %s://%s", name, o.Scheme, o.Host, w.scheme, w.host)
	}
	if w.client != "" && o.Client.String() != w.client {
		t.Errorf("%s: client %s, want %s", name, o.Client, w.client)
	}
	if w.hops >= 0 && o.Hops != w.hops {
		t.Errorf("%s: %d hops used, want %d", name, o.Hops, w.hops)
	}
	if (o.Ignored != nil) != w.ignored {
		t.Errorf("%s: ignored = %v, want ignored %t", name, o.Ignored, w.ignored)
	}
}

const peer = "10.0.0.2:40000"

// TestIssueExamples are the examples of the specification, one row each.
func TestIssueExamples(t *testing.T) {
	xf := mustPolicy(t, XForwarded, "", "10.0.0.0/8")
	fw := mustPolicy(t, RFC7239, "", "10.0.0.0/8")
	forced := mustPolicy(t, XForwarded, "https")

	check(t, "untrusted peer", xf.Resolve(req("203.0.113.9:5000", "reg.internal:5000",
		"X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example")),
		want{"http", "reg.internal:5000", "203.0.113.9", 0, true})
	check(t, "two trusted hops", xf.Resolve(req(peer, "reg.internal",
		"X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com")),
		want{"https", "reg.example.com", "198.51.100.7", 2, false})
	check(t, "forwarded chain", fw.Resolve(req(peer, "reg.internal",
		"Forwarded", "for=1.1.1.1;host=evil.example, for=198.51.100.7;proto=https;host=reg.example.com, for=10.0.0.1;proto=http;host=internal")),
		want{"https", "reg.example.com", "198.51.100.7", 2, false})
	check(t, "client's unterminated quote", fw.Resolve(req(peer, "reg.internal",
		"Forwarded", `for="x, for=198.51.100.7;proto=https`)),
		want{"https", "reg.internal", "198.51.100.7", 1, false})
	check(t, "javascript proto", xf.Resolve(req(peer, "reg.internal", "X-Forwarded-Proto", "javascript")),
		want{"http", "reg.internal", "10.0.0.2", 1, true})
	check(t, "copied invalid host", xf.Resolve(req("10.0.0.2:1", "reg.example.com:",
		"X-Forwarded-For", "203.0.113.7, 10.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com:")),
		want{"https", "reg.example.com:", "203.0.113.7", 2, true})
	check(t, "forced scheme", forced.Resolve(req("127.0.0.1:1", "reg.example.com")),
		want{"https", "reg.example.com", "127.0.0.1", 0, false})
}

func TestStrictXForwarded(t *testing.T) {
	p := mustPolicy(t, XForwarded, "", "10.0.0.0/8", "2001:db8::/32")
	tests := []struct {
		name string
		peer string
		tls  bool
		hdr  []string
		want want
	}{
		{"no headers", peer, false, nil, want{"http", "reg", "10.0.0.2", 0, false}},
		{"no headers over TLS", peer, true, nil, want{"https", "reg", "10.0.0.2", 0, false}},
		{"untrusted TLS peer ignores proto", "192.0.2.1:1", true, []string{"X-Forwarded-Proto", "http"}, want{"https", "reg", "192.0.2.1", 0, true}},
		{"proto without for", peer, false, []string{"X-Forwarded-Proto", "https"}, want{"https", "reg", "10.0.0.2", 1, false}},
		{"proto any case", peer, false, []string{"X-Forwarded-Proto", "HTTPS"}, want{"https", "reg", "10.0.0.2", 1, false}},
		{"one hop", peer, false, []string{"X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com"},
			want{"https", "reg.example.com", "198.51.100.7", 1, false}},
		{"spoofed leftmost entries are not believed", peer, false, []string{
			"X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.1",
			"X-Forwarded-Host", "evil.example, reg.example.com, inner"},
			want{"http", "reg.example.com", "198.51.100.7", 2, false}},
		{"inner proxy's http does not override the edge", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, 10.0.0.1",
			"X-Forwarded-Proto", "https, http"},
			want{"https", "reg", "198.51.100.7", 2, false}},
		{"untrusted hop in the middle stops the walk", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, 203.0.113.5, 10.0.0.1",
			"X-Forwarded-Proto", "https, http, http"},
			want{"http", "reg", "203.0.113.5", 2, false}},
		{"header lines are joined", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7", "X-Forwarded-For", "10.0.0.1",
			"X-Forwarded-Proto", "https"},
			want{"https", "reg", "198.51.100.7", 2, false}},
		{"X-Forwarded-Port not added to host", peer, false, []string{"X-Forwarded-For", "198.51.100.7", "X-Forwarded-Host", "reg.example.com", "X-Forwarded-Port", "8443", "X-Forwarded-Proto", "https"},
			want{"https", "reg.example.com", "198.51.100.7", 1, false}},
		{"inner proxy's port not added", peer, false, []string{"X-Forwarded-For", "198.51.100.7, 10.0.0.1", "X-Forwarded-Host", "reg.example.com", "X-Forwarded-Port", "443, 80", "X-Forwarded-Proto", "https"},
			want{"https", "reg.example.com", "198.51.100.7", 2, false}},
		{"host port kept", peer, false, []string{"X-Forwarded-Host", "reg.example.com:5000", "X-Forwarded-Port", "80"},
			want{"http", "reg.example.com:5000", "10.0.0.2", 1, false}},
		{"X-Forwarded-Port alone is no hop", peer, false, []string{"X-Forwarded-Port", "8080"},
			want{"http", "reg", "10.0.0.2", 0, false}},
		{"invalid port ignored", peer, false, []string{"X-Forwarded-Port", "99999"}, want{"http", "reg", "10.0.0.2", 0, false}},
		{"invalid host dropped alone", peer, false, []string{"X-Forwarded-For", "198.51.100.7", "X-Forwarded-Host", "evil.example/path", "X-Forwarded-Proto", "https"},
			want{"https", "reg", "198.51.100.7", 1, true}},
		{"invalid host beyond a valid one", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, 10.0.0.1",
			"X-Forwarded-Host", "bad host, reg.example.com"},
			want{"http", "reg.example.com", "198.51.100.7", 2, true}},
		{"copied Host with a comma", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, 10.0.0.1",
			"X-Forwarded-Host", "evil.example,a.reg.example.com:"},
			want{"http", "evil.example", "198.51.100.7", 2, true}},
		{"invalid proto dropped alone", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, 10.0.0.1",
			"X-Forwarded-Proto", "javascript, https"},
			want{"https", "reg", "198.51.100.7", 2, true}},
		{"unknown for stops after use", peer, false, []string{
			"X-Forwarded-For", "198.51.100.7, unknown",
			"X-Forwarded-Host", "evil.example, reg.example.com"},
			want{"http", "reg.example.com", "10.0.0.2", 1, false}},
		{"garbage for", peer, false, []string{"X-Forwarded-For", "not-an-ip", "X-Forwarded-Proto", "https"},
			want{"http", "reg", "10.0.0.2", 0, true}},
		{"empty list member", peer, false, []string{"X-Forwarded-For", "198.51.100.7, , 10.0.0.1"},
			want{"http", "reg", "10.0.0.1", 1, true}},
		{"IPv6 peer and hops", "[2001:db8::2]:443", false, []string{
			"X-Forwarded-For", "2001:db8:ffff::7, 2001:db8::1", "X-Forwarded-Proto", "https"},
			want{"https", "reg", "2001:db8:ffff::7", 2, false}},
		{"IPv4-mapped peer is trusted", "[::ffff:10.0.0.2]:80", false, []string{"X-Forwarded-Proto", "https"},
			want{"https", "reg", "10.0.0.2", 1, false}},
		{"IPv4-mapped hop is trusted", peer, false, []string{"X-Forwarded-For", "198.51.100.7, ::ffff:10.0.0.1", "X-Forwarded-Proto", "https"},
			want{"https", "reg", "198.51.100.7", 2, false}},
		{"for with port", peer, false, []string{"X-Forwarded-For", "198.51.100.7:3333"}, want{"http", "reg", "198.51.100.7", 1, false}},
		{"IPv6 zone refused", peer, false, []string{"X-Forwarded-For", "fe80::1%eth0"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"Forwarded dropped unread", peer, false, []string{"Forwarded", "proto=https;host=evil.example"}, want{"http", "reg", "10.0.0.2", 0, false}},
		{"IPv6 host", peer, false, []string{"X-Forwarded-Host", "[2001:db8::9]:5000"}, want{"http", "[2001:db8::9]:5000", "10.0.0.2", 1, false}},
		{"IPv6 host with zone refused", peer, false, []string{"X-Forwarded-Host", "[fe80::1%25eth0]"}, want{"http", "reg", "10.0.0.2", 1, true}},
		{"host with userinfo refused", peer, false, []string{"X-Forwarded-Host", "user@evil.example"}, want{"http", "reg", "10.0.0.2", 1, true}},
		{"peer with a zone is never trusted", "[fe80::1%eth0]:1", false, []string{"X-Forwarded-Proto", "https"}, want{"http", "reg", "fe80::1%eth0", 0, true}},
	}
	for _, tt := range tests {
		r := req(tt.peer, "reg", tt.hdr...)
		if tt.tls {
			r.TLS = &tls.ConnectionState{}
		}
		check(t, tt.name, p.Resolve(r), tt.want)
	}
}

func TestStrictForwarded(t *testing.T) {
	p := mustPolicy(t, RFC7239, "", "10.0.0.0/8", "2001:db8::/32")
	tests := []struct {
		name  string
		peer  string
		lines []string
		want  want
	}{
		{"one element", peer, []string{"for=198.51.100.7;proto=https;host=reg.example.com"}, want{"https", "reg.example.com", "198.51.100.7", 1, false}},
		{"names any case", peer, []string{"For=198.51.100.7;PROTO=https;Host=reg.example.com"}, want{"https", "reg.example.com", "198.51.100.7", 1, false}},
		{"quoted host with port", peer, []string{`for=198.51.100.7;host="reg.example.com:8443"`}, want{"http", "reg.example.com:8443", "198.51.100.7", 1, false}},
		{"escapes in quoted string", peer, []string{`for=198.51.100.7;host="reg\.example.com"`}, want{"http", "reg.example.com", "198.51.100.7", 1, false}},
		{"lines joined in order", peer, []string{"for=198.51.100.7;proto=https", "for=10.0.0.1;proto=http"}, want{"https", "reg", "198.51.100.7", 2, false}},
		{"IPv6 for", peer, []string{`for="[2001:db8:cafe::17]:4711";proto=https`}, want{"https", "reg", "2001:db8:cafe::17", 1, false}},
		{"unbracketed IPv6 for is invalid", peer, []string{`for="2001:db8:cafe::17";proto=https`}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"IPv4 for with port", peer, []string{`for="198.51.100.7:1234";proto=https`}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"obfuscated for", peer, []string{"for=_hidden;proto=https, for=10.0.0.1;proto=http"}, want{"https", "reg", "10.0.0.2", 2, false}},
		{"obfuscated port", peer, []string{`for="198.51.100.7:_p1";proto=https`}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"unknown for", peer, []string{"for=evil;host=evil.example, for=unknown;host=reg.example.com"}, want{"http", "reg.example.com", "10.0.0.2", 1, false}},
		{"missing for", peer, []string{"for=6.6.6.6;host=evil.example, proto=https;host=reg.example.com"}, want{"https", "reg.example.com", "10.0.0.2", 1, false}},
		{"repeated parameter", peer, []string{"for=198.51.100.7;proto=https;proto=http"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"repeated parameter any case", peer, []string{"for=198.51.100.7;host=a;HOST=b"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"repeated extension", peer, []string{"for=198.51.100.7;ext=1;Ext=2"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"extension ignored", peer, []string{"for=198.51.100.7;secret=x;proto=https"}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"syntax error in a later line", peer, []string{"for=198.51.100.7;proto=https", "for=10.0.0.1;proto"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"unquoted colon", peer, []string{"for=198.51.100.7;host=reg.example.com:443"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"whitespace around semicolon", peer, []string{"for=198.51.100.7; proto=https ;host=reg.example.com"}, want{"https", "reg.example.com", "198.51.100.7", 1, false}},
		{"whitespace around equals", peer, []string{"for = 198.51.100.7"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"empty elements skipped", peer, []string{", ,for=198.51.100.7;proto=https,,"}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"invalid proto dropped alone", peer, []string{"for=198.51.100.7;proto=javascript, for=10.0.0.1;proto=https"}, want{"https", "reg", "198.51.100.7", 2, true}},
		{"empty quoted host dropped alone", peer, []string{`for=198.51.100.7;host=""`}, want{"http", "reg", "198.51.100.7", 1, true}},
		{"invalid host dropped alone", peer, []string{`for=198.51.100.7;host="evil.example,reg.example.com"`}, want{"http", "reg", "198.51.100.7", 1, true}},
		{"client's repeated parameter", peer, []string{"for=1.1.1.1;for=2.2.2.2, for=198.51.100.7;proto=https, for=10.0.0.1"}, want{"https", "reg", "198.51.100.7", 2, false}},
		{"client's extensions", peer, []string{"a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9, for=198.51.100.7;proto=https, for=10.0.0.1"}, want{"https", "reg", "198.51.100.7", 2, false}},
		{"client's quote on its own line", peer, []string{`for="1.1.1.1`, "for=198.51.100.7;proto=https"}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"client's quote closing in an appended element", peer, []string{`a="b, for="[2001:db9::7]";proto=https`}, want{"https", "reg", "2001:db9::7", 1, false}},
		{"damage beyond a trusted hop", peer, []string{`garbage", for=10.0.0.1;proto=https`}, want{"https", "reg", "10.0.0.1", 1, true}},
		{"X-Forwarded dropped unread", peer, []string{}, want{"http", "reg", "10.0.0.2", 0, false}},
		{"by is ignored", peer, []string{"by=10.9.9.9;for=198.51.100.7;proto=https"}, want{"https", "reg", "198.51.100.7", 1, false}},
		{"control byte in quoted string", peer, []string{"for=\"198.51.100.7\x00\";proto=https"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"untrusted peer", "192.0.2.1:1", []string{"for=198.51.100.7;proto=https;host=evil.example"}, want{"http", "reg", "192.0.2.1", 0, true}},
	}
	for _, tt := range tests {
		hdr := []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"}
		for _, l := range tt.lines {
			hdr = append(hdr, "Forwarded", l)
		}
		check(t, tt.name, p.Resolve(req(tt.peer, "reg", hdr...)), tt.want)
	}
}

func TestLongChains(t *testing.T) {
	p := mustPolicy(t, XForwarded, "", "10.0.0.0/8")
	// 1,000 trusted hops: the walk stops at MaxHops and uses the hop there.
	fors := make([]string, 1000)
	for i := range fors {
		fors[i] = "10.0.0.1"
	}
	fors[0] = "198.51.100.7"
	o := p.Resolve(req(peer, "reg", "X-Forwarded-For", strings.Join(fors, ","), "X-Forwarded-Proto", "https"))
	check(t, "1000 trusted hops", o, want{"https", "reg", "10.0.0.1", MaxHops, false})

	// A client behind a chain of exactly MaxHops trusted proxies is found.
	o = p.Resolve(req(peer, "reg", "X-Forwarded-For", strings.Join(fors[1000-MaxHops:], ","), "X-Forwarded-Host", "reg.example.com"))
	check(t, "MaxHops hops", o, want{"http", "reg.example.com", "10.0.0.1", MaxHops, false})

	fw := mustPolicy(t, RFC7239, "", "10.0.0.0/8")
	elems := make([]string, 1000)
	for i := range elems {
		elems[i] = "for=10.0.0.1;proto=http"
	}
	elems[999] = "for=198.51.100.7;proto=https;host=reg.example.com"
	o = fw.Resolve(req(peer, "reg", "Forwarded", strings.Join(elems, ", ")))
	check(t, "1000 elements, last nearest", o, want{"https", "reg.example.com", "198.51.100.7", 1, false})
}

func TestForcedScheme(t *testing.T) {
	p := mustPolicy(t, XForwarded, "https", "10.0.0.0/8")
	check(t, "trusted http overridden", p.Resolve(req(peer, "reg", "X-Forwarded-Proto", "http", "X-Forwarded-Port", "443")),
		want{"https", "reg", "10.0.0.2", 1, false})
	check(t, "untrusted", p.Resolve(req("192.0.2.1:1", "reg")), want{"https", "reg", "192.0.2.1", 0, false})
	o := p.Resolve(req(peer, "reg"))
	if o.SchemeSource != FromConfig {
		t.Errorf("scheme source %v, want config", o.SchemeSource)
	}
	compat := &Policy{Scheme: "https"}
	check(t, "compatibility", compat.Resolve(req(peer, "reg", "X-Forwarded-Proto", "http")), want{"https", "reg", "10.0.0.2", 0, false})
}

func TestCompatibility(t *testing.T) {
	var p Policy
	tests := []struct {
		name string
		hdr  []string
		want want
	}{
		{"any sender believed", []string{"X-Forwarded-Proto", "https", "X-Forwarded-Host", "reg.example.com, other"}, want{"https", "reg.example.com", "", 0, false}},
		{"invalid proto ignored", []string{"X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "reg.example.com"}, want{"http", "reg.example.com", "", 0, true}},
		{"invalid host ignored", []string{"X-Forwarded-Host", "evil.example/x?"}, want{"http", "reg", "", 0, true}},
		{"first Forwarded element", []string{"Forwarded", "proto=https;host=a.example, proto=http;host=b.example"}, want{"https", "a.example", "", 0, false}},
		{"Forwarded wins over X-Forwarded", []string{"Forwarded", "for=192.0.2.1", "X-Forwarded-Proto", "https"}, want{"http", "reg", "", 0, false}},
		{"client from X-Forwarded-For", []string{"X-Forwarded-For", "198.51.100.7, 10.0.0.1"}, want{"http", "reg", "198.51.100.7", 0, false}},
		{"client from X-Real-Ip", []string{"X-Real-Ip", "198.51.100.8"}, want{"http", "reg", "198.51.100.8", 0, false}},
		{"invalid client", []string{"X-Forwarded-For", "evil"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"invalid X-Real-Ip", []string{"X-Real-Ip", "evil"}, want{"http", "reg", "10.0.0.2", 0, true}},
		{"X-Real-Ip unread after a valid X-Forwarded-For", []string{"X-Forwarded-For", "198.51.100.7", "X-Real-Ip", "evil"}, want{"http", "reg", "198.51.100.7", 0, false}},
		{"X-Forwarded-Port unread", []string{"X-Forwarded-Host", "reg.example.com", "X-Forwarded-Port", "8443"}, want{"http", "reg.example.com", "", 0, false}},
		{"invalid Forwarded proto", []string{"Forwarded", "proto=javascript;host=reg.example.com", "X-Forwarded-Proto", "https"}, want{"http", "reg.example.com", "", 0, true}},
	}
	for _, tt := range tests {
		check(t, tt.name, p.Resolve(req(peer, "reg", tt.hdr...)), tt.want)
	}
}

func TestNoIPPeer(t *testing.T) {
	p := mustPolicy(t, XForwarded, "", "10.0.0.0/8")
	o := p.Resolve(req("@", "reg", "X-Forwarded-Proto", "https"))
	check(t, "unix socket", o, want{"http", "reg", "invalid IP", 0, true})
}

func TestParseTrustedProxy(t *testing.T) {
	good := map[string]string{
		"10.0.0.0/8":          "10.0.0.0/8",
		"10.1.2.3/8":          "10.0.0.0/8",
		"192.168.1.7":         "192.168.1.7/32",
		"2001:db8::/32":       "2001:db8::/32",
		"::1":                 "::1/128",
		"::ffff:10.0.0.0/104": "10.0.0.0/8",
		"::ffff:10.0.0.1":     "10.0.0.1/32",
	}
	for in, out := range good {
		p, err := ParseTrustedProxy(in)
		if err != nil || p.String() != out {
			t.Errorf("ParseTrustedProxy(%q) = %v, %v; want %s", in, p, err, out)
		}
	}
	for _, in := range []string{"", "10.0.0.0/33", "example.com", "10.0.0.256", "fe80::1%eth0", "::ffff:0:0/90", "2001:db8::/129"} {
		if _, err := ParseTrustedProxy(in); err == nil || !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseTrustedProxy(%q) error %v, want one naming the value", in, err)
		}
	}
	p := mustPolicy(t, XForwarded, "", "10.0.0.0/8", "::1")
	for a, trusted := range map[string]bool{"10.255.0.1": true, "11.0.0.1": false, "::1": true, "::ffff:10.0.0.1": true, "::2": false} {
		if got := p.Trusted(netip.MustParseAddr(a)); got != trusted {
			t.Errorf("Trusted(%s) = %t", a, got)
		}
	}
}

func TestHostPatterns(t *testing.T) {
	p := &Policy{Strict: true}
	for _, s := range []string{"registry.example.com", "*.registry.example.com", "10.0.0.5", "[2001:db8::1]"} {
		hp, err := ParseHostPattern(s)
		if err != nil {
			t.Fatal(err)
		}
		p.AllowedHosts = append(p.AllowedHosts, hp)
	}
	allowed := []string{"registry.example.com", "REGISTRY.example.com:443", "a.registry.example.com", "a.b.registry.example.com:5000", "10.0.0.5:5000", "[2001:db8:0::1]:443", "registry.example.com."}
	refused := []string{"example.com", "xregistry.example.com", "registry.example.com.evil", "10.0.0.6", "[2001:db8::2]", "",
		"evil.example,a.registry.example.com", "evil.example,a.registry.example.com:", "evil.example;a.registry.example.com",
		"..registry.example.com", "a!b.registry.example.com", "registry.example.com:", "registry.example.com:0",
		"registry.example.com:99999", ":99999", "[::1],a.registry.example.com", "a.registry.example.com, [2001:db8::1]",
		"a.registry.example.\u212aom", "user@a.registry.example.com", "a.registry.example.com/x"}
	for _, h := range allowed {
		if !p.HostAllowed(h) {
			t.Errorf("%q refused", h)
		}
	}
	for _, h := range refused {
		if p.HostAllowed(h) {
			t.Errorf("%q allowed", h)
		}
	}
	for _, s := range []string{"", "*", "*.", "a..b", "reg.*.example.com", "ex ample.com", "https://x", "a/b", "*.*.example.com"} {
		if _, err := ParseHostPattern(s); err == nil {
			t.Errorf("ParseHostPattern(%q) accepted", s)
		}
	}
	if (&Policy{}).HostAllowed("anything") != true {
		t.Error("empty AllowedHosts refuses")
	}
}

func TestValidHost(t *testing.T) {
	valid := []string{"a", "reg.example.com", "reg.example.com:5000", "reg_1.example", "10.0.0.1:1", "[::1]", "[2001:db8::1]:65535", "x.", strings.Repeat("a", 63) + ".com"}
	invalid := []string{"", ":80", "reg:", "reg:0", "reg:65536", "reg:123456", "reg:+80", "[::1", "[::1]x", "[10.0.0.1]", "[fe80::1%eth0]", "::1", "a b", "a/b", "a@b", "a%2f", "é.example", "a..b", ".a", strings.Repeat("a", 64) + ".com", "a,b", "a\r\nb"}
	for _, h := range valid {
		if !ValidHost(h) {
			t.Errorf("ValidHost(%q) = false", h)
		}
	}
	for _, h := range invalid {
		if ValidHost(h) {
			t.Errorf("ValidHost(%q) = true", h)
		}
	}
}

func TestParseFamilyAndScheme(t *testing.T) {
	for in, f := range map[string]Family{"x-forwarded": XForwarded, "Forwarded": RFC7239} {
		if got, err := ParseFamily(in); err != nil || got != f {
			t.Errorf("ParseFamily(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseFamily("x-real-ip"); err == nil {
		t.Error("ParseFamily accepted x-real-ip")
	}
	for in, s := range map[string]string{"": "", "HTTPS": "https", "http": "http"} {
		if got, err := ParseScheme(in); err != nil || got != s {
			t.Errorf("ParseScheme(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseScheme("ftp"); err == nil || !strings.Contains(err.Error(), `"ftp"`) {
		t.Errorf("ParseScheme(ftp) error %v", err)
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	for lines, want := range map[[2]string]string{
		{"for=1.2.3.4", `for="1.2.3.4`}:    "Forwarded header line 1, offset 4: unbalanced quote",
		{`for="1.2.3.4`, "for=1.2.3.4"}:    "Forwarded header line 0, offset 4: unbalanced quote",
		{"for=1.2.3.4", `a=1;a=2`}:         `Forwarded header line 1, offset 0: parameter "a" repeated in one element`,
		{"for=1.2.3.4", `host="a\"`}:       "Forwarded header line 1, offset 8: escaped quote where a quoted string must end",
		{"for=1.2.3.4", "proto=https x=1"}: "Forwarded header line 1, offset 11: expected ';' or ',' before a parameter",
	} {
		var r elementReader
		r.init(lines[:])
		var el element
		for r.next(&el) {
		}
		if r.err == nil || r.err.Error() != want {
			t.Errorf("%q: error %v, want %s", lines, r.err, want)
		}
	}
}
