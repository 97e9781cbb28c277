package integration

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// forwardedYAML renders an http.forwarded section, indented under http.
// Without trusted proxies it renders "trustedproxies: []": the section is
// present, so the registry is in strict mode and believes no proxy.
func forwardedYAML(header, scheme string, trusted ...string) string {
	var b strings.Builder
	b.WriteString("  forwarded:\n")
	fmt.Fprintf(&b, "    trustedproxies: [%s]\n", strings.Join(trusted, ", "))
	if header != "" {
		fmt.Fprintf(&b, "    header: %s\n", header)
	}
	if scheme != "" {
		fmt.Fprintf(&b, "    scheme: %s\n", scheme)
	}
	return b.String()
}

// authKinds are the two ways the field authenticates: basic auth from an
// htpasswd file, and bearer tokens from a token server reached through the
// same proxies.
type authKind string

const (
	basicAuth authKind = "htpasswd"
	tokenAuth authKind = "token"
)

// authYAML starts the token server when needed and returns the registry's
// auth section.
func (e *env) authYAML(kind authKind, realmHost string) string {
	if kind == tokenAuth {
		return startTokenServer(e.t, e.dir).authYAML(realmHost)
	}
	return htpasswdAuthYAML()
}

// pushAndPull pushes a fresh image with every client and pulls it back,
// each client its own subtest, named in any failure with its last requests.
func pushAndPull(t *testing.T, host string, clients []pushPuller) {
	t.Helper()
	for _, c := range clients {
		t.Run(c.name(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			img := newImage(t, 3, 64<<10)
			repo, tag := "scenario/"+c.name(), fmt.Sprintf("t%d", time.Now().UnixNano())
			if err := c.push(ctx, host, repo, tag, img); err != nil {
				t.Fatalf("%s: %s push to %s failed: %v\n%s", t.Name(), c.name(), host, err, c.trace())
			}
			if err := c.pull(ctx, host, repo, tag, img); err != nil {
				t.Fatalf("%s: %s pull from %s failed: %v\n%s", t.Name(), c.name(), host, err, c.trace())
			}
		})
	}
}

// plainRequests returns the edge access log lines of requests that arrived
// over plain http.
func plainRequests(accessLog string) []string {
	var plain []string
	for _, line := range strings.Split(readFile(accessLog), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[1] == "http" {
			plain = append(plain, line)
		}
	}
	return plain
}

// TestFieldReportSetup is scenario 1: the edge adds nothing, the inner nginx
// writes X-Forwarded-Proto from its own plain-http view. Upstream's
// behaviour breaks every client one way or another; with the proxies
// unchanged, the registry-side fix is to trust none of them and state the
// scheme, which fixes all of them, while trusting the inner nginx would let
// clients choose the host. Scenario 7 runs it with token auth too.
func TestFieldReportSetup(t *testing.T) {
	for _, kind := range []authKind{basicAuth, tokenAuth} {
		t.Run(string(kind), func(t *testing.T) {
			t.Run("without http.forwarded", func(t *testing.T) {
				e := newEnv(t)
				_, edgeLog := e.startChain(registryOptions{auth: e.authYAML(kind, edgeIP)},
					"nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")

				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				img := newImage(t, 2, 32<<10)
				// Docker's client and containerd drop credentials for the
				// http:// upload URL and get 401.
				for _, c := range []pushPuller{&dockerClient{}, &containerdClient{}} {
					err := c.push(ctx, edgeIP, "broken/"+c.name(), "v1", img)
					if !isUnauthorized(err) {
						t.Errorf("%s: %s push: got %v, want a 401 after the upload start\n%s", t.Name(), c.name(), err, c.trace())
					}
					if !strings.Contains(c.trace(), "http://"+edgeIP+"/v2/broken/") {
						t.Errorf("%s: %s never followed an http:// upload URL\n%s", t.Name(), c.name(), c.trace())
					}
				}
				// skopeo follows the http:// URL with the layer and the
				// credentials, in cleartext, through the edge's port 80.
				before := len(plainRequests(edgeLog))
				s := &skopeoClient{dir: e.dir}
				_ = s.push(ctx, edgeIP, "broken/skopeo", "v1", img)
				plain := plainRequests(edgeLog)[before:]
				var leaked int
				for _, line := range plain {
					if strings.Contains(line, "credentials=sent") && strings.Contains(line, "/v2/broken/skopeo/blobs/uploads/") {
						leaked++
					}
				}
				if leaked == 0 {
					t.Errorf("%s: skopeo: the edge's plain listener saw no upload with credentials; plain requests: %q\n%s", t.Name(), plain, s.trace())
				}

				// registry doctor finds it, without sending anything to
				// the plain listener.
				before = len(plainRequests(edgeLog))
				code, out := runDoctor(t, "https://"+edgeIP)
				if code != 1 || !strings.Contains(out, "scheme http, the registry URL uses https") {
					t.Errorf("%s: doctor exit %d, want 1 naming the scheme:\n%s", t.Name(), code, out)
				}
				if n := len(plainRequests(edgeLog)) - before; n != 0 {
					t.Errorf("%s: doctor sent %d requests to the plain listener", t.Name(), n)
				}
			})

			t.Run("with no trusted proxies and scheme https", func(t *testing.T) {
				// The safe fix on the registry's side alone, with the
				// proxies unchanged: the edge passes the client's
				// forwarding headers through, so no proxy's are believed;
				// the scheme is stated and the host is the Host header,
				// which must be the edge's.
				e := newEnv(t)
				_, edgeLog := e.startChain(registryOptions{
					forwarded: forwardedYAML("", "https") + "    allowedhosts: [" + edgeIP + "]\n",
					auth:      e.authYAML(kind, edgeIP),
				}, "nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
				pushAndPull(t, edgeIP, allClients(e.dir))
				if code, out := runDoctor(t, "https://"+edgeIP); code != 0 {
					t.Errorf("%s: doctor exit %d, want 0:\n%s", t.Name(), code, out)
				}
				if plain := plainRequests(edgeLog); len(plain) > 0 {
					t.Errorf("%s: the edge's plain listener saw %d requests: %q", t.Name(), len(plain), plain)
				}
			})
		})
	}

	// Why not trust the inner nginx there: the field report's edge passes a
	// client's X-Forwarded-Host through untouched, the inner nginx passes
	// it on, and a trusted inner nginx makes it the registry's host.
	for _, c := range []struct {
		name, forwarded, wantHost string
	}{
		{"trusting the inner nginx lets a client choose the host", forwardedYAML("", "https", innerIP), "evil.example"},
		{"trusting no proxy keeps the edge's host", forwardedYAML("", "https") + "    allowedhosts: [" + edgeIP + "]\n", edgeIP},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.startChain(registryOptions{forwarded: c.forwarded}, "nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
			req, _ := http.NewRequest(http.MethodPost, "https://"+edgeIP+"/v2/hazard/blobs/uploads/", nil)
			req.Header.Set("X-Forwarded-Host", "evil.example")
			resp, err := httpClient(&recorder{}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc := resp.Header.Get("Location")
			if resp.StatusCode != http.StatusAccepted || !strings.HasPrefix(loc, "https://"+c.wantHost+"/v2/hazard/blobs/uploads/") {
				t.Errorf("client's X-Forwarded-Host evil.example: status %d, Location %q; want 202 on https://%s/", resp.StatusCode, loc, c.wantHost)
			}
		})
	}
}

// runDoctor runs `registry doctor` against target with the test user's
// credentials and returns its exit status and output.
func runDoctor(t *testing.T, target string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, suite.registry, "doctor", target,
		"--cacert", filepath.Join(suite.caDir, "ca.crt"), "--username", username, "--password-stdin")
	cmd.Stdin = strings.NewReader(password + "\n")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running doctor: %v", err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestSingleProxy is the simplest deployment: one nginx, trusted, in front
// of the registry.
func TestSingleProxy(t *testing.T) {
	e := newEnv(t)
	e.startRegistry(registryOptions{
		addr: registryTCP, storage: e.dir + "/storage",
		forwarded: forwardedYAML("x-forwarded", "", edgeIP),
		auth:      htpasswdAuthYAML(),
	})
	e.startNginx("edge", "nginx-single.conf", edgeIP+":443")
	pushAndPull(t, edgeIP, allClients(e.dir))
}

// TestXForwardedChain is scenario 2: the edge overwrites X-Forwarded-Proto
// and -Host, the inner nginx appends X-Forwarded-For; both are trusted.
func TestXForwardedChain(t *testing.T) {
	e := newEnv(t)
	e.startChain(registryOptions{
		forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
		auth:      htpasswdAuthYAML(),
	}, "nginx-inner.conf", "nginx-edge.conf")
	pushAndPull(t, edgeIP, allClients(e.dir))
}

// TestForwardedChain is scenario 3, RFC 7239 end to end, with basic and
// token auth (scenario 7).
func TestForwardedChain(t *testing.T) {
	for _, kind := range []authKind{basicAuth, tokenAuth} {
		t.Run(string(kind), func(t *testing.T) {
			e := newEnv(t)
			e.startChain(registryOptions{
				forwarded: forwardedYAML("forwarded", "", edgeIP, innerIP),
				auth:      e.authYAML(kind, edgeIP),
			}, "nginx-inner-forwarded.conf", "nginx-edge-forwarded.conf")
			pushAndPull(t, edgeIP, allClients(e.dir))
		})
	}
}

// TestOtherEdges is scenario 4: HAProxy and Caddy as the edge, each in front
// of the inner nginx.
func TestOtherEdges(t *testing.T) {
	t.Run("haproxy", func(t *testing.T) {
		e := newEnv(t)
		e.startRegistry(registryOptions{
			addr: registryTCP, storage: e.dir + "/storage",
			forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
			auth:      htpasswdAuthYAML(),
		})
		e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
		e.startHAProxy("haproxy-edge.cfg", edgeIP+":443")
		pushAndPull(t, edgeIP, allClients(e.dir))
	})
	t.Run("caddy", func(t *testing.T) {
		e := newEnv(t)
		// Caddy cannot choose its source address: it reaches the inner
		// nginx from 127.0.0.1, which is therefore the edge to trust.
		e.startRegistry(registryOptions{
			addr: registryTCP, storage: e.dir + "/storage",
			forwarded: forwardedYAML("x-forwarded", "", defaultIP, innerIP),
			auth:      htpasswdAuthYAML(),
		})
		e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
		e.startCaddy("Caddyfile", caddyIP+":443")
		pushAndPull(t, caddyIP, allClients(e.dir))
	})
}

// TestScaleOut is scenario 6: two replicas behind the inner nginx, round
// robin, shared storage and secret, so one push lands on both.
func TestScaleOut(t *testing.T) {
	e := newEnv(t)
	storage := filepath.Join(e.dir, "storage")
	var logs []*proc
	for _, addr := range []string{registryTCP, replicaTCP} {
		logs = append(logs, e.startRegistry(registryOptions{
			addr: addr, storage: storage,
			forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
			auth:      htpasswdAuthYAML(),
		}))
	}
	e.startNginx("inner", "nginx-inner-replicas.conf", innerIP+":80")
	e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
	pushAndPull(t, edgeIP, allClients(e.dir))
	for i, log := range logs {
		if n := strings.Count(readFile(log.log), "\"PATCH /v2/scenario/"); n == 0 && !strings.Contains(readFile(log.log), "\"PUT /v2/scenario/") {
			t.Errorf("replica %d served no upload request: the push did not spread over both", i+1)
		}
	}
}

// TestSpoofing is scenario 5: a client's own forwarding headers never reach a
// Location or the access log's client address, whether it talks to the
// registry directly or through the edge.
func TestSpoofing(t *testing.T) {
	e := newEnv(t)
	regLog, _ := e.startChain(registryOptions{
		forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
	}, "nginx-inner.conf", "nginx-edge.conf")

	spoofs := [][2]string{
		{"X-Forwarded-Host", "evil.example"},
		{"X-Forwarded-Proto", "javascript"},
		{"X-Forwarded-For", "6.6.6.6"},
		{"X-Real-Ip", "6.6.6.7"},
		{"Forwarded", "for=6.6.6.8;proto=http;host=evil.example"},
	}
	for _, target := range []struct{ name, base, wantOrigin string }{
		{"direct", "http://" + registryTCP, "http://" + registryTCP},
		{"through the edge", "https://" + edgeIP, "https://" + edgeIP},
	} {
		rec := &recorder{}
		hc := httpClient(rec)
		req, _ := http.NewRequest("POST", target.base+"/v2/spoof/blobs/uploads/", nil)
		for _, h := range spoofs {
			req.Header.Add(h[0], h[1])
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", target.name, err)
		}
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || resp.StatusCode != http.StatusAccepted {
			t.Fatalf("%s: status %d, Location %q", target.name, resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := loc.Scheme + "://" + loc.Host; got != target.wantOrigin {
			t.Errorf("%s: Location origin %s, want %s", target.name, got, target.wantOrigin)
		}
	}
	// The access log names the real client: itself when direct, the
	// address the edge saw when through the edge. Both are clientIP.
	var lines []string
	for _, line := range strings.Split(readFile(regLog.log), "\n") {
		if strings.Contains(line, "\"POST /v2/spoof/blobs/uploads/") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("access log has %d upload starts, want 2:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, clientIP+" ") {
			t.Errorf("access log line %q does not name the client %s", line, clientIP)
		}
		if strings.Contains(line, "6.6.6.") {
			t.Errorf("access log line %q names a spoofed address", line)
		}
	}
}
