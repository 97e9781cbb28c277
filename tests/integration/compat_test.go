package integration

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// compatCase is one request's Host and headers, all valid, as upstream's own
// URL builder tests and common proxies write them.
type compatCase struct {
	name string
	host string // Host header; compatHost when empty
	hdr  http.Header
}

const compatHost = "compat.example:5000"

func compatCases() []compatCase {
	h := func(kv ...string) http.Header {
		hdr := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			hdr.Add(kv[i], kv[i+1])
		}
		return hdr
	}
	return []compatCase{
		{name: "no forwarding header"},
		{name: "non-standard proto header", hdr: h("X-Custom-Forwarded-Proto", "https")},
		{name: "X-Forwarded-Proto https", hdr: h("X-Forwarded-Proto", "https")},
		{name: "X-Forwarded-Proto in upper case", hdr: h("X-Forwarded-Proto", "HTTPS")},
		{name: "X-Forwarded-Host", hdr: h("X-Forwarded-Host", "first.example.com")},
		{name: "X-Forwarded-Host list", hdr: h("X-Forwarded-Host", "first.example.com, proxy1.example.com")},
		{name: "X-Forwarded-Host with port", hdr: h("X-Forwarded-Host", "first.example.com:443")},
		{name: "X-Forwarded-Host and -Port", hdr: h("X-Forwarded-Host", "example.com:5000", "X-Forwarded-Port", "5000")},
		{name: "X-Forwarded-Port list alone", hdr: h("X-Forwarded-Port", "443 , 5001")},
		{name: "proto, host and standard port", hdr: h("X-Forwarded-Proto", "https", "X-Forwarded-Host", "example.com", "X-Forwarded-Port", "443")},
		{name: "explicit standard port", host: "example.com:443", hdr: h("X-Forwarded-Proto", "https", "X-Forwarded-Host", "example.com:443", "X-Forwarded-Port", "443")},
		{name: "host with spaces", hdr: h("X-Forwarded-Proto", "https", "X-Forwarded-Host", " first.example.com:12345 ")},
		{name: "host port beats X-Forwarded-Port", hdr: h("X-Forwarded-Host", "first.example.com:5000", "X-Forwarded-Port", "80")},
		{name: "malformed X-Forwarded-Port", hdr: h("X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "abcd")},
		{name: "Forwarded proto and IPv4 host", hdr: h("Forwarded", `proto=https;host="192.168.22.30:80"`)},
		{name: "Forwarded host before for", hdr: h("Forwarded", `host="reg.example.com:5000";for="192.168.22.30"`)},
		{name: "Forwarded host and proto", hdr: h("Forwarded", `host=reg.example.com;proto=https`)},
		{name: "Forwarded, two lines", hdr: h("Forwarded", `host="reg.example.com:88";proto=http`, "Forwarded", `host=reg.example.com;proto=https`)},
		{name: "Forwarded list", hdr: h("Forwarded", `host="reg.example.com:443";proto=https, host="reg.example.com:80";proto=http`)},
		{name: "Forwarded IPv6 host", hdr: h("Forwarded", `for="2607:f0d0:1002:51::4";host="[2607:f0d0:1002:51::4]:5001"`, "X-Forwarded-Port", "5002")},
		{name: "Forwarded IPv6 host with port", hdr: h("Forwarded", `host="[2607:f0d0:1002:51::4]:4000"`, "X-Forwarded-Port", "5001")},
		{name: "both families", hdr: h("X-Forwarded-Proto", "https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "", "Forwarded", "host=first.example.com; proto=https")},
		{name: "Forwarded beats X-Forwarded", hdr: h("X-Forwarded-Proto", "http", "Forwarded", "host=second.example.com; proto=https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000")},
		{name: "Forwarded with only for", hdr: h("X-Forwarded-Proto", "https", "Forwarded", "for=127.0.0.1", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000")},
		{name: "Forwarded with only proto", hdr: h("X-Forwarded-Proto", "https", "Forwarded", "proto=https", "X-Forwarded-Host", "first.example.com", "X-Forwarded-Port", "4000")},
		{name: "X-Forwarded-For one address", hdr: h("X-Forwarded-For", "203.0.113.7")},
		{name: "X-Forwarded-For list", hdr: h("X-Forwarded-For", "203.0.113.7, 198.51.100.2")},
		{name: "X-Forwarded-For two lines", hdr: h("X-Forwarded-For", "203.0.113.7", "X-Forwarded-For", "198.51.100.2")},
		{name: "X-Real-Ip", hdr: h("X-Real-Ip", "203.0.113.9")},
		{name: "X-Forwarded-For IPv6", hdr: h("X-Forwarded-For", "2001:db8::7")},
		{name: "X-Forwarded-For beats X-Real-Ip", hdr: h("X-Forwarded-For", "2001:db8::7", "X-Real-Ip", "203.0.113.9")},
		{name: "X-Forwarded-For not an address", hdr: h("X-Forwarded-For", "unknown, 203.0.113.7", "X-Real-Ip", "203.0.113.9")},
		{name: "X-Forwarded-For with a port", hdr: h("X-Forwarded-For", "203.0.113.7:1234")},
		{name: "mixed families of addresses", hdr: h("X-Forwarded-For", "203.0.113.7, 2001:db8::9", "Forwarded", `for="[2001:db8::9]";proto=https`, "X-Real-Ip", "2001:db8::10")},
		{name: "full X-Forwarded chain", hdr: h("X-Forwarded-For", "198.51.100.4, 10.0.0.2", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "registry.example.com")},
		{name: "IPv6 Host", host: "[2001:db8::1]:5000"},
		{name: "IPv6 Host and X-Forwarded-Proto", host: "[2001:db8::1]", hdr: h("X-Forwarded-Proto", "https")},
		{name: "IPv4 Host", host: "192.0.2.1:5000", hdr: h("X-Forwarded-For", "192.0.2.200")},
		{name: "Host with a trailing dot", host: "compat.example.", hdr: h("X-Forwarded-Host", "first.example.com.")},
		// RFC-valid elements that a stricter reader would refuse: without
		// http.forwarded, upstream's reading is kept.
		{name: "Forwarded with nine extensions first", hdr: h("Forwarded", "a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9;proto=https;host=reg.example.com")},
		{name: "Forwarded with a repeated extension", hdr: h("Forwarded", "ext=1;ext=2;proto=https;host=reg.example.com")},
		{name: "Forwarded with an escaped UTF-8 byte", hdr: h("Forwarded", "for=\"\\\xc3\xa9\";proto=https;host=reg.example.com")},
	}
}

// uploadOrigin is an upload Location without the parts that differ from one
// upload to the next (the upload's UUID and signed state).
func uploadOrigin(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return "unparsable " + loc
	}
	path, _, _ := strings.Cut(u.Path, "/blobs/uploads/")
	return u.Scheme + "://" + u.Host + path + "/blobs/uploads/"
}

// peerAddr replaces the port of an ip:port with a placeholder: the
// connection's port differs between two registries.
func peerAddr(addr string) string {
	if ip, _, err := net.SplitHostPort(addr); err == nil {
		return ip + ":<port>"
	}
	return addr
}

// observed is what one registry made of one case.
type observed struct {
	location, realm, accessClient string
	addr, host, target            string
}

// TestCompatMatchesUpstream runs this build and upstream's registry v3.1.2
// side by side, both without http.forwarded, with token auth auto-redirect
// and notifications, and sends each the same valid requests: the upload
// Location, the token challenge's realm, the access log's client and the
// manifest push notification's request.addr, request.host and target.url
// must be the same. Invalid values, sent to this build alone, never reach a
// Location.
func TestCompatMatchesUpstream(t *testing.T) {
	upstream := buildUpstream(t)
	e := newEnv(t)
	ts := startTokenServer(t, e.dir)
	type side struct {
		name string
		addr string
		reg  *proc
		sink *eventSink
	}
	sides := []*side{{name: "ours", addr: registryTCP}, {name: "upstream", addr: replicaTCP}}
	for i, s := range sides {
		s.sink = startEventSink(t, fmt.Sprintf("127.0.60.%d", i+1))
		binary := ""
		if s.name == "upstream" {
			binary = upstream
		}
		s.reg = e.startRegistry(registryOptions{
			binary: binary, addr: s.addr, storage: fmt.Sprintf("%s/storage-%s", e.dir, s.name),
			auth: autoRedirectYAML(ts) + s.sink.yaml(),
		})
	}

	cases := compatCases()
	var repos []string
	for i := range cases {
		repos = append(repos, fmt.Sprintf("compat/c%d", i))
	}
	hc := httpClient(&recorder{})
	token, err := fetchToken(hc, "http://"+tokenTCP+"/token", ts.service, append(repos, "compat/invalid")...)
	if err != nil {
		t.Fatal(err)
	}
	img := newImage(t, 1, 4<<10)

	compared := 0
	for i, c := range cases {
		host := c.host
		if host == "" {
			host = compatHost
		}
		got := map[string]observed{}
		for _, s := range sides {
			api := &apiClient{hc: hc, base: "http://" + s.addr, host: host, token: token}
			var o observed
			realm, err := api.challenge(c.hdr)
			if err != nil {
				t.Errorf("%s: %s: %v", c.name, s.name, err)
			}
			o.realm = realm
			loc, err := api.push(repos[i], "v1", img, c.hdr)
			if err != nil {
				t.Errorf("%s: %s: push: %v", c.name, s.name, err)
				continue
			}
			o.location = uploadOrigin(loc)
			clients := accessLogClients(s.reg.log, `"POST /v2/`+repos[i]+`/blobs/uploads/ HTTP/1.1"`)
			if len(clients) == 0 {
				t.Errorf("%s: %s: no access log line for the upload start", c.name, s.name)
			} else {
				o.accessClient = clients[0]
			}
			ev, ok := s.sink.manifestPush(repos[i])
			if !ok {
				t.Errorf("%s: %s: no notification of the manifest push", c.name, s.name)
			}
			o.addr, o.host, o.target = peerAddr(ev.Request.Addr), ev.Request.Host, ev.Target.URL
			got[s.name] = o
		}
		ours, theirs := got["ours"], got["upstream"]
		for _, f := range []struct{ what, ours, upstream string }{
			{"upload Location", ours.location, theirs.location},
			{"token realm", ours.realm, theirs.realm},
			{"access log client", ours.accessClient, theirs.accessClient},
			{"notification request.addr", ours.addr, theirs.addr},
			{"notification request.host", ours.host, theirs.host},
			{"notification target.url", ours.target, theirs.target},
		} {
			compared++
			if f.ours != f.upstream {
				t.Errorf("%s: %s: ours %q, upstream %q", c.name, f.what, f.ours, f.upstream)
			}
		}
	}
	t.Logf("compatibility mode: %d cases, %d values compared with upstream v3.1.2", len(cases), compared)

	// Invalid values upstream would put into URLs: this build ignores them
	// as if absent, so no Location carries them. An invalid Host header is
	// upstream's answer to a client's own request, and is not refused
	// without http.forwarded.
	invalid := []struct{ name, host, extra string }{
		{"script scheme", compatHost, "X-Forwarded-Proto: javascript\r\n"},
		{"host with a path", compatHost, "X-Forwarded-Host: evil.example/x\r\n"},
		{"host with a port out of range", compatHost, "X-Forwarded-Host: evil.example:99999\r\n"},
		{"Forwarded host with a path", compatHost, "Forwarded: host=\"evil.example/x\";proto=https\r\n"},
		{"Forwarded script scheme", compatHost, "Forwarded: proto=javascript;host=\"compat.example:5000\"\r\n"},
		{"Forwarded that does not parse", compatHost, "Forwarded: host=\"evil.example\r\n"},
	}
	for _, c := range invalid {
		resp, err := rawHTTPRequest(clientIP, registryTCP, uploadStart("compat/invalid", c.host, c.extra+"Authorization: Bearer "+token+"\r\n"))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		loc := resp.header.Get("Location")
		u, err := url.Parse(loc)
		if resp.status != http.StatusAccepted || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host != compatHost {
			t.Errorf("%s: %s, Location %q; want 202 on %s", c.name, resp.describe(), loc, compatHost)
		}
	}
}
