package integration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
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
	// x-forwarded is the default, left out so that the configuration also
	// runs against the stack's prefixes before the header key exists.
	if header != "" && header != "x-forwarded" {
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

// TestFieldReportTrustedChain is the field report's fix with the first keys
// of the stack alone (trustedproxies and scheme, no allowedhosts), as
// scripts/test.sh also runs it against the stack's prefix that introduces
// them: with the proxies unchanged, trusting none of them and stating the
// scheme lets every client push over TLS only; with the guide's proxies,
// trusting both, the access log names the client and not the address a
// client wrote into X-Forwarded-For.
func TestFieldReportTrustedChain(t *testing.T) {
	t.Run("the field report's proxies, no trusted proxies, scheme https", func(t *testing.T) {
		e := newEnv(t)
		_, edgeLog := e.startChain(registryOptions{forwarded: forwardedYAML("", "https"), auth: e.authYAML(basicAuth, edgeIP)},
			"nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
		pushAndPull(t, edgeIP, allClients(e.dir))
		if plain := plainRequests(edgeLog); len(plain) > 0 {
			t.Errorf("the edge's plain listener saw %d requests: %q", len(plain), plain)
		}
	})
	t.Run("the guide's proxies, both trusted", func(t *testing.T) {
		e := newEnv(t)
		reg, _ := e.startChain(registryOptions{forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP)},
			"nginx-inner.conf", "nginx-edge.conf")
		pushAndPull(t, edgeIP, allClients(e.dir))
		resp, err := rawTLSRequest(clientIP, edgeIP+":443", uploadStart("spoof/xff", edgeIP, "X-Forwarded-For: 6.6.6.6\r\nX-Real-Ip: 6.6.6.7\r\n"))
		if err != nil || resp.status != http.StatusAccepted {
			t.Fatalf("upload start through the edge: %v %v", err, resp)
		}
		clients := accessLogClients(reg.log, `"POST /v2/spoof/xff/blobs/uploads/ HTTP/1.1"`)
		if len(clients) == 0 || clients[len(clients)-1] != clientIP {
			t.Errorf("access log names %q for the spoofed request, want %s", clients, clientIP)
		}
	})
}

// TestFieldReportRelativeURLs is what upstream already has: v3.1.2 itself,
// with http.relativeurls alone, behind the field report's proxies unchanged.
// The upload Location is a path, so every client stays on the https origin
// it used: the pushes work and the edge's plain listener sees nothing. What
// this leaves open (the realm, client addresses, notifications) is what the
// other scenarios test.
func TestFieldReportRelativeURLs(t *testing.T) {
	upstream := buildUpstream(t)
	e := newEnv(t)
	_, edgeLog := e.startChain(registryOptions{binary: upstream, forwarded: "  relativeurls: true\n", auth: e.authYAML(basicAuth, edgeIP)},
		"nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
	pushAndPull(t, edgeIP, allClients(e.dir))
	newDockerCLI(t).roundTrip(edgeIP, "relative/docker-cli")
	if plain := plainRequests(edgeLog); len(plain) > 0 {
		t.Errorf("the edge's plain listener saw %d requests: %q", len(plain), plain)
	}
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

				// The field report itself, with Docker's own client: the
				// login works, the push fails on the layer upload.
				dockerFieldReportFailure(t, edgeLog, edgeIP, "broken/docker-cli")

				// registry doctor finds it, without sending anything to
				// the plain listener.
				before = len(plainRequests(edgeLog))
				code, out := runDoctor(t, "https://"+edgeIP)
				t.Logf("doctor exit %d:\n%s", code, out)
				if kind == basicAuth {
					checkGuideShows(t, out)
				}
				if code != 1 || !strings.Contains(out, "[PROBLEM] upload: upload Location http://"+edgeIP+": scheme http, the registry URL uses https") {
					t.Errorf("%s: doctor exit %d, want 1 naming the scheme:\n%s", t.Name(), code, out)
				}
				// Upstream believes any client's X-Forwarded-Host.
				if !strings.Contains(out, "[PROBLEM] steer-x-forwarded-host: a client can choose your URLs") {
					t.Errorf("%s: doctor did not find the client's X-Forwarded-Host believed:\n%s", t.Name(), out)
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
				newDockerCLI(t).roundTrip(edgeIP, "fixed/docker-cli")
				if code, out := runDoctor(t, "https://"+edgeIP); code != 0 {
					t.Errorf("%s: doctor exit %d, want 0:\n%s", t.Name(), code, out)
				}
				if plain := plainRequests(edgeLog); len(plain) > 0 {
					t.Errorf("%s: the edge's plain listener saw %d requests: %q", t.Name(), len(plain), plain)
				}
			})

			t.Run("trusting the inner nginx with scheme https", func(t *testing.T) {
				// Pushes work, but the inner nginx passes on the
				// X-Forwarded-Host the edge passed from the client: the
				// doctor's steering probe names it.
				e := newEnv(t)
				reg, _ := e.startChain(registryOptions{
					forwarded: forwardedYAML("", "https", innerIP),
					auth:      e.authYAML(kind, edgeIP),
				}, "nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
				code, out := runDoctor(t, "https://"+edgeIP)
				t.Logf("doctor exit %d:\n%s", code, out)
				if kind == basicAuth {
					checkGuideShows(t, out)
				}
				// The client address is not the client's choice here: the
				// inner nginx appends the edge's address, which is not
				// trusted, so the walk stops at it.
				if canary, _ := accessLogCanaries(reg); len(canary) > 0 {
					t.Errorf("%s: the access log names the doctor's canary addresses: %q", t.Name(), canary)
				}
				for _, want := range []string{
					"[ok] upload: upload Location https://" + edgeIP + " matches",
					"[PROBLEM] steer-x-forwarded-host: a client can choose your URLs: its X-Forwarded-Host: ",
					"likely fix: Make the client-facing proxy overwrite X-Forwarded-Host",
					"result: problems found: a client can choose your URLs (X-Forwarded-Host)",
				} {
					if code != 1 || !strings.Contains(out, want) {
						t.Errorf("%s: doctor exit %d, want 1 with %q:\n%s", t.Name(), code, want, out)
					}
				}
				if kind == tokenAuth && !strings.Contains(out, "[ok] realm: token realm https://"+edgeIP+"/auth/token is on the registry URL's origin") {
					t.Errorf("%s: realm not checked:\n%s", t.Name(), out)
				}
				// The same in JSON: each check a name, a verdict and a
				// line of explanation.
				code, out = runDoctor(t, "https://"+edgeIP, "--json")
				t.Logf("doctor --json exit %d:\n%s", code, out)
				if kind == basicAuth {
					checkGuideShows(t, out)
				}
				var report struct {
					Checks []struct {
						Name, Verdict, Detail string
					}
					Result   string
					ExitCode int
				}
				if err := json.Unmarshal([]byte(out), &report); err != nil || code != 1 || report.ExitCode != 1 {
					t.Fatalf("%s: doctor --json exit %d (%v):\n%s", t.Name(), code, err, out)
				}
				var steered bool
				for _, c := range report.Checks {
					if c.Name == "" || c.Verdict == "" || c.Detail == "" {
						t.Errorf("%s: check without name, verdict or detail: %+v", t.Name(), c)
					}
					steered = steered || (c.Name == "steer-x-forwarded-host" && c.Verdict == "problem")
				}
				if !steered || !strings.Contains(report.Result, "X-Forwarded-Host") {
					t.Errorf("%s: --json does not name X-Forwarded-Host:\n%s", t.Name(), out)
				}
			})

			t.Run("with the fixed edge, both trusted", func(t *testing.T) {
				// The edge overwrites the forwarding headers
				// (nginx-edge.conf); the inner nginx is unchanged. Both are
				// trusted, and the scheme stays stated, since the inner
				// nginx still writes its own X-Forwarded-Proto.
				e := newEnv(t)
				reg, _ := e.startChain(registryOptions{
					forwarded: forwardedYAML("", "https", edgeIP, innerIP) + "    allowedhosts: [" + edgeIP + "]\n",
					auth:      e.authYAML(kind, edgeIP),
				}, "nginx-inner-fieldreport.conf", "nginx-edge.conf")
				pushAndPull(t, edgeIP, allClients(e.dir))
				newDockerCLI(t).roundTrip(edgeIP, "fixed/docker-cli")
				code, out := runDoctor(t, "https://"+edgeIP)
				t.Logf("doctor exit %d:\n%s", code, out)
				if code != 0 {
					t.Errorf("%s: doctor exit %d, want 0:\n%s", t.Name(), code, out)
				}
				// The edge replaced the client addresses the doctor sent.
				if canary, _ := accessLogCanaries(reg); len(canary) > 0 {
					t.Errorf("%s: the access log names the doctor's canary addresses: %q", t.Name(), canary)
				}
			})
		})
	}

	// Trusting both of the field report's proxies unchanged: allowedhosts
	// refuses a client's X-Forwarded-Host, which the doctor reports as a
	// warning; the client's X-Forwarded-For is believed, which no client
	// can see, but the access log shows the doctor's canary address.
	t.Run("trusting both proxies unchanged", func(t *testing.T) {
		e := newEnv(t)
		reg, _ := e.startChain(registryOptions{
			forwarded: forwardedYAML("", "https", edgeIP, innerIP) + "    allowedhosts: [" + edgeIP + "]\n",
			auth:      htpasswdAuthYAML(),
		}, "nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
		code, out := runDoctor(t, "https://"+edgeIP)
		t.Logf("doctor exit %d:\n%s", code, out)
		checkGuideShows(t, out)
		if code != 0 || !strings.Contains(out, "[warning] steer-x-forwarded-host: the registry believed a client's X-Forwarded-Host: ") ||
			!strings.Contains(out, "400 HOST_NOT_ALLOWED") {
			t.Errorf("doctor exit %d, want 0 with a warning on X-Forwarded-Host:\n%s", code, out)
		}
		m := regexp.MustCompile(`X-Forwarded-For: (192\.0\.2\.\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("doctor output names no X-Forwarded-For canary:\n%s", out)
		}
		canary, lines := accessLogCanaries(reg)
		t.Logf("access log lines naming a canary address:\n%s", strings.Join(lines, "\n"))
		if !contains(canary, m[1]) {
			t.Errorf("the access log does not name the doctor's X-Forwarded-For %s: %q", m[1], canary)
		}
	})

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
func runDoctor(t *testing.T, target string, extra ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := append([]string{"doctor", target,
		"--cacert", filepath.Join(suite.caDir, "ca.crt"), "--username", username, "--password-stdin"}, extra...)
	cmd := exec.CommandContext(ctx, suite.registry, args...)
	cmd.Stdin = strings.NewReader(password + "\n")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running doctor: %v", err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// accessLogCanaries returns the client addresses from the documentation
// ranges the doctor's probes send (192.0.2.0/24, 198.51.100.0/24) that the
// registry's access log names as clients, and those lines.
func accessLogCanaries(reg *proc) (addrs, lines []string) {
	for _, line := range strings.Split(readFile(reg.log), "\n") {
		addr, _, _ := strings.Cut(line, " ")
		if strings.HasPrefix(addr, "192.0.2.") || strings.HasPrefix(addr, "198.51.100.") {
			addrs, lines = append(addrs, addr), append(lines, line)
		}
	}
	return addrs, lines
}

// TestDoctorTokenRealm runs the doctor against a registry whose token
// server has an origin of its own: over https it gets the credentials, as
// Docker and containerd send them; over http it gets nothing and the doctor
// reports a problem.
func TestDoctorTokenRealm(t *testing.T) {
	for _, c := range []struct {
		name, realm string
		tls         bool
		code        int
		want        string
	}{
		{"on its own origin over https", "https://" + tokenTLS + "/token", true, 0,
			"[ok] realm: token realm https://" + tokenTLS + "/token is on its own origin, over https: credentials go there"},
		{"over http", "http://" + tokenTCP + "/token", false, 1,
			"[PROBLEM] realm: token realm http://" + tokenTCP + "/token is http: the doctor sends no credentials there"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			var ts *tokenServer
			if c.tls {
				ts = startTokenServerTLS(t, e.dir, tokenTLS)
			} else {
				ts = startTokenServer(t, e.dir)
			}
			e.startChain(registryOptions{
				forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
				auth:      ts.authYAMLRealm(c.realm),
			}, "nginx-inner.conf", "nginx-edge.conf")
			if c.tls {
				pushAndPull(t, edgeIP, allClients(e.dir))
			}
			before := ts.requests.Load()
			code, out := runDoctor(t, "https://"+edgeIP)
			t.Logf("doctor exit %d:\n%s", code, out)
			checkGuideShows(t, out)
			if code != c.code || !strings.Contains(out, c.want) {
				t.Errorf("doctor exit %d, want %d with %q:\n%s", code, c.code, c.want, out)
			}
			asked := ts.requests.Load() - before
			if c.tls && asked == 0 {
				t.Errorf("the doctor never asked the token server")
			}
			if !c.tls && asked != 0 {
				t.Errorf("the doctor sent %d requests to the http realm", asked)
			}
		})
	}
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
	newDockerCLI(t).roundTrip(edgeIP, "xforwarded/docker-cli")
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
			newDockerCLI(t).roundTrip(edgeIP, "forwarded/docker-cli")
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
		newDockerCLI(t).roundTrip(edgeIP, "haproxy/docker-cli")
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
		newDockerCLI(t).roundTrip(caddyIP, "caddy/docker-cli")
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
