package integration

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestUnconfiguredHostileValues checks, without http.forwarded, that values
// a client sends in forwarding headers and that are not a scheme or a
// host[:port] reach neither the upload Location nor the token realm, that
// the realm stays https unless a valid X-Forwarded-Proto says otherwise,
// and that addresses that are not addresses are not logged as warnings.
// The first pull requests of the stack make this hold with nothing
// configured; test.sh runs it against v3.1.2 with only those applied.
func TestUnconfiguredHostileValues(t *testing.T) {
	e := newEnv(t)
	ts := startTokenServer(t, e.dir)
	reg := e.startRegistry(registryOptions{addr: registryTCP, storage: e.dir + "/storage", auth: autoRedirectYAML(ts)})
	token, err := fetchToken(httpClient(&recorder{}), "http://"+tokenTCP+"/token", ts.service, "hostile/repo")
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{
		"X-Forwarded-Proto: javascript",
		"X-Forwarded-Proto: https://evil.example/",
		"X-Forwarded-Host: evil.example/x",
		"X-Forwarded-Host: evil.example:99999",
		"X-Forwarded-Host: user@evil.example",
		"X-Forwarded-Host: evil.example:80 x",
		`Forwarded: host="evil.example/x";proto=https`,
		`Forwarded: proto=gopher;host=compat.example`,
		`Forwarded: host="evil.example:0"`,
	}
	for _, h := range hostile {
		resp, err := rawHTTPRequest(clientIP, registryTCP, "GET /v2/ HTTP/1.1\r\nHost: "+compatHost+"\r\nConnection: close\r\n"+h+"\r\n\r\n")
		if err != nil {
			t.Fatal(err)
		}
		challenge := resp.header.Get("Www-Authenticate")
		if resp.status != http.StatusUnauthorized || !strings.Contains(challenge, `realm="https://`+compatHost+`/auth/token"`) {
			t.Errorf("%s: %d, challenge %q; want the realm https://%s/auth/token", h, resp.status, challenge, compatHost)
		}
		resp, err = rawHTTPRequest(clientIP, registryTCP, uploadStart("hostile/repo", compatHost, h+"\r\nAuthorization: Bearer "+token+"\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		// The valid values beside a hostile one are still used, as
		// upstream uses them.
		loc := resp.header.Get("Location")
		u, err := url.Parse(loc)
		if resp.status != http.StatusAccepted || err != nil || (u.Scheme != "http" && u.Scheme != "https") ||
			(u.Host != compatHost && u.Host != "compat.example") || u.User != nil {
			t.Errorf("%s: %s, Location %q; want 202 on %s", h, resp.describe(), loc, compatHost)
		}
	}
	for i := 0; i < 20; i++ {
		if _, err := rawHTTPRequest(clientIP, registryTCP, "GET /v2/ HTTP/1.1\r\nHost: "+compatHost+"\r\nConnection: close\r\nX-Forwarded-For: not-an-address\r\nX-Real-Ip: nor-this\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
	}
	reg.stop()
	if w := warnings(reg.log); len(w) > 0 {
		t.Errorf("%d warning lines from client requests:\n%s", len(w), strings.Join(w, "\n"))
	}
}
