package integration

// The third attacker pass's findings, each held against the real binary: a
// client that forges access-log records through the userinfo of an
// absolute-form request target; redirects that copy the request target's
// scheme and host past allowedhosts and scheme; a misplaced, miscased or
// misspelt section, or an unknown variable, that leaves the registry
// trusting every client; the request target choosing the scheme under the
// section; refused credentials that no longer reach the default log; and
// configuration values that fail closed without a word.

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	// pass3StartupIP is the network of the startup runs' listeners, apart
	// from the other tests' addresses.
	pass3StartupIP = "127.0.83."
	// pass3Host is the host clients use in these scenarios, allowed where
	// allowedhosts is set.
	pass3Host = "registry.example.com"
	// pass3StrictYAML is the safe fix of the README: no proxy trusted, the
	// scheme stated, the names clients use.
	pass3StrictYAML = "  forwarded:\n    trustedproxies: []\n    scheme: https\n    allowedhosts: [" + pass3Host + "]\n"
)

// pass3ProxyProtocolYAML is pass3StrictYAML behind the PROXY protocol
// balancer that terminates TLS (docs/proxies/haproxy-proxyprotocol-terminate.cfg):
// the preamble is required from the balancer.
func pass3ProxyProtocolYAML() string {
	return pass3StrictYAML + fmt.Sprintf("    proxyprotocol: [%s]\n    proxyprotocoltimeout: 2s\n", edgeIP)
}

// pass3Mode is one way the registry is configured and reached.
type pass3Mode struct {
	name      string
	forwarded string // YAML under http
	// through the PROXY protocol balancer, over TLS; else directly, in
	// plain HTTP.
	balancer bool
}

func pass3Modes() []pass3Mode {
	return []pass3Mode{
		{name: "unconfigured"},
		{name: "strict", forwarded: pass3StrictYAML},
		{name: "PROXY protocol balancer", forwarded: pass3ProxyProtocolYAML(), balancer: true},
	}
}

// start runs the registry for the mode, and the balancer when it has one,
// and returns the registry and a function that sends a request head the way
// the mode's clients reach it.
func (m pass3Mode) start(t *testing.T, extraHTTP string) (*proc, func(head string) (*rawResponse, error)) {
	t.Helper()
	e := newEnv(t)
	reg := e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"), forwarded: m.forwarded + extraHTTP})
	if !m.balancer {
		return reg, func(head string) (*rawResponse, error) { return rawHTTPRequest(clientIP, registryTCP, head) }
	}
	e.startHAProxy("haproxy-proxyprotocol-terminate.cfg", edgeIP+":443")
	return reg, func(head string) (*rawResponse, error) { return rawTLSRequest(clientIP, edgeIP+":443", head) }
}

// pass3LogSince waits up to five seconds for needle to appear in the part of
// a log written after offset, then a moment more for the lines written with
// it, and returns that part.
func pass3LogSince(log string, offset int, needle string) string {
	deadline := time.Now().Add(5 * time.Second)
	for {
		all := readFile(log)
		added := ""
		if len(all) > offset {
			added = all[offset:]
		}
		if strings.Contains(added, needle) {
			time.Sleep(200 * time.Millisecond)
			return readFile(log)[offset:]
		}
		if time.Now().After(deadline) {
			return added
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pass3Records returns the access-log records among log lines: every line
// that is not one of the application's own, which the text formatter starts
// with time=.
func pass3Records(text string) []string {
	var records []string
	for _, line := range strings.Split(text, "\n") {
		if line != "" && !strings.HasPrefix(line, "time=") {
			records = append(records, line)
		}
	}
	return records
}

// pass3ForgedUserinfo is the userinfo of the finding: percent-decoded, it is
// a line break, a whole combined-log record naming 6.6.6.6, and another
// line break.
const pass3ForgedUserinfo = "x%0a6.6.6.6%20-%20-%20%5b06%2fDec%2f2026%3a07%3a30%3a36%20%2b0000%5d%20%22GET%20%2fv2%2fforged%20HTTP%2f1.1%22%20200%202%20%22-%22%20%22-%22%0a"

// TestPass3AccessLogUserinfo: an absolute-form request target whose userinfo
// decodes to line breaks (LF, CR), ESC or NUL and a whole forged record, or
// that carries a password, adds exactly one access-log record, one line,
// that begins with the client's address, whose user field is "-", and that
// holds neither a byte that could end or forge a record nor the userinfo,
// decoded or encoded: unconfigured, in strict mode, and through the PROXY
// protocol balancer, which passes the request line on as the client wrote
// it.
func TestPass3AccessLogUserinfo(t *testing.T) {
	payloads := []struct {
		name, userinfo string
		secrets        []string // what the record must not hold
	}{
		{"LF", pass3ForgedUserinfo, []string{"6.6.6.6", "forged"}},
		{"CR", strings.ReplaceAll(pass3ForgedUserinfo, "%0a", "%0d"), []string{"6.6.6.6", "forged"}},
		{"ESC", strings.ReplaceAll(pass3ForgedUserinfo, "%0a", "%1b"), []string{"6.6.6.6", "forged"}},
		{"NUL", strings.ReplaceAll(pass3ForgedUserinfo, "%0a", "%00"), []string{"6.6.6.6", "forged"}},
		{"password", "user:secret", []string{"secret"}},
	}
	for _, mode := range pass3Modes() {
		t.Run(mode.name, func(t *testing.T) {
			reg, send := mode.start(t, "")
			for i, p := range payloads {
				t.Run(p.name, func(t *testing.T) {
					// The user agent names the record to wait for.
					agent := fmt.Sprintf("pass3-userinfo-%d", i)
					offset := len(readFile(reg.log))
					head := "GET http://" + p.userinfo + "@" + pass3Host + "/v2/ HTTP/1.1\r\nHost: " + pass3Host +
						"\r\nUser-Agent: " + agent + "\r\nConnection: close\r\n\r\n"
					resp, err := send(head)
					if err != nil {
						t.Fatalf("no answer: %v", err)
					}
					added := pass3LogSince(reg.log, offset, agent)
					records := pass3Records(added)
					if len(records) != 1 {
						t.Errorf("answered %s; the access log gained %d lines, want one record:\n%q", resp.describe(), len(records), records)
					}
					// A terminal ends a line at CR as well as at LF.
					for _, line := range strings.FieldsFunc(added, func(r rune) bool { return r == '\n' || r == '\r' }) {
						if strings.HasPrefix(strings.TrimLeft(line, " \x00\x1b"), "6.6.6.6") {
							t.Errorf("a line of the log begins with the address the client chose: %q", line)
						}
					}
					for _, record := range records {
						var wrong []string
						if !strings.HasPrefix(record, clientIP+" ") {
							wrong = append(wrong, "does not begin with the client's address "+clientIP)
						}
						if f := strings.Fields(record); len(f) < 3 || f[2] != "-" {
							wrong = append(wrong, "its user field is not \"-\"")
						}
						if strings.ContainsAny(record, "\r\x1b\x00") {
							wrong = append(wrong, "holds a CR, ESC or NUL byte the client chose")
						}
						for _, s := range p.secrets {
							if strings.Contains(record, s) {
								wrong = append(wrong, fmt.Sprintf("holds the userinfo the client sent (%q)", s))
							}
						}
						if len(wrong) > 0 {
							t.Errorf("record %q: %s", record, strings.Join(wrong, "; "))
						}
					}
				})
			}
		})
	}
}

// TestPass3Redirects: the router's clean-path and trailing-slash redirects
// never send a client to a host or scheme the request target chose. In
// strict mode a request target whose authority is not allowed (absolute
// form in any scheme, CONNECT's authority form, an h2c :path in absolute
// form) gets the same 400 HOST_NOT_ALLOWED as a Host header that is not, and
// nothing in the answer names the host; an allowed authority in absolute
// form is redirected to a path or to the https origin. Unconfigured, a
// redirect's Location is a path. Through the PROXY protocol balancer too.
func TestPass3Redirects(t *testing.T) {
	t.Run("strict", func(t *testing.T) {
		_, send := pass3Mode{forwarded: pass3StrictYAML}.start(t, "  h2c:\n    enabled: true\n")
		control, err := send("GET /v2/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
		if err != nil {
			t.Fatal(err)
		}
		if control.status != http.StatusBadRequest || control.errorCode() != "HOST_NOT_ALLOWED" {
			t.Fatalf("Host: evil.example: %s, want 400 HOST_NOT_ALLOWED", control.describe())
		}
		for _, c := range []struct {
			name string
			send func() (*rawResponse, error)
		}{
			{"absolute form, http", func() (*rawResponse, error) {
				return send("GET http://evil.example/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
			}},
			{"CONNECT", func() (*rawResponse, error) {
				return send("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\nConnection: close\r\n\r\n")
			}},
			{"absolute form, gopher", func() (*rawResponse, error) {
				return send("GET gopher://evil.example/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
			}},
			{"absolute form, javascript", func() (*rawResponse, error) {
				return send("GET javascript://evil.example/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
			}},
			{"h2c prior knowledge, absolute :path", func() (*rawResponse, error) {
				return pass3H2Get(clientIP, registryTCP, pass3Host, "https://evil.example/v2")
			}},
		} {
			t.Run(c.name, func(t *testing.T) {
				resp, err := c.send()
				if err != nil {
					t.Fatalf("no answer: %v", err)
				}
				if resp.status != control.status || resp.errorCode() != control.errorCode() {
					t.Errorf("%s, Location %q; want %s as for Host: evil.example", resp.describe(), resp.header.Get("Location"), control.describe())
				}
				pass3NamesNoHost(t, resp, "evil.example")
			})
		}
		t.Run("allowed authority in absolute form", func(t *testing.T) {
			resp, err := send("GET http://" + pass3Host + "/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
			if err != nil {
				t.Fatal(err)
			}
			loc := resp.header.Get("Location")
			if resp.status < 300 || resp.status > 399 || (loc != "/v2/" && loc != "https://"+pass3Host+"/v2/") {
				t.Errorf("%s, Location %q; want a redirect to /v2/ or https://%s/v2/", resp.describe(), loc, pass3Host)
			}
			if bytes.Contains(resp.body, []byte("http://")) {
				t.Errorf("the redirect's body names an http URL: %q", resp.body)
			}
		})
	})

	t.Run("unconfigured", func(t *testing.T) {
		_, send := pass3Mode{}.start(t, "")
		resp, err := send("GET http://evil.example/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
		if err != nil {
			t.Fatal(err)
		}
		if loc := resp.header.Get("Location"); loc != "" && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//")) {
			t.Errorf("%s with Location %q; want a path", resp.describe(), loc)
		}
		if bytes.Contains(resp.body, []byte("evil.example")) {
			t.Errorf("the body names the request target's host: %q", resp.body)
		}
	})

	t.Run("PROXY protocol balancer", func(t *testing.T) {
		_, send := pass3Mode{forwarded: pass3ProxyProtocolYAML(), balancer: true}.start(t, "")
		resp, err := send("GET http://evil.example/v2 HTTP/1.1\r\nHost: " + pass3Host + "\r\nConnection: close\r\n\r\n")
		if err != nil {
			t.Fatal(err)
		}
		if resp.status != http.StatusBadRequest || resp.errorCode() != "HOST_NOT_ALLOWED" {
			t.Errorf("%s, Location %q; want 400 HOST_NOT_ALLOWED", resp.describe(), resp.header.Get("Location"))
		}
		pass3NamesNoHost(t, resp, "evil.example")
	})
}

// pass3NamesNoHost fails when a response's Location or body names host.
func pass3NamesNoHost(t *testing.T, resp *rawResponse, host string) {
	t.Helper()
	if loc := resp.header.Get("Location"); strings.Contains(loc, host) {
		t.Errorf("Location %q names %s", loc, host)
	}
	if bytes.Contains(resp.body, []byte(host)) {
		t.Errorf("body %q names %s", resp.body, host)
	}
}

// pass3Buffer is the output of a process, read while it runs.
type pass3Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *pass3Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *pass3Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// pass3Serve runs `registry serve` on config with extra environment and
// returns its exit status and output: -1 when it started listening (it is
// then stopped a moment later, its startup lines written) or was still
// running after five seconds.
func pass3Serve(t *testing.T, config string, env ...string) (int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	var out pass3Buffer
	cmd := exec.Command(suite.server, "serve", path)
	cmd.Env = append(append(os.Environ(), "OTEL_TRACES_EXPORTER=none"), env...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stop := func() (int, string) {
		_ = cmd.Process.Kill()
		<-done
		return -1, out.String()
	}
	deadline := time.After(5 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			var exit *exec.ExitError
			switch {
			case errors.As(err, &exit):
				return exit.ExitCode(), out.String()
			case err != nil:
				t.Fatal(err)
			}
			return 0, out.String()
		case <-tick.C:
			if strings.Contains(out.String(), "listening on ") {
				time.Sleep(300 * time.Millisecond)
				return stop()
			}
		case <-deadline:
			return stop()
		}
	}
}

// pass3Config is a configuration listening on addr, with lines under http
// and lines at the top level.
func pass3Config(addr, underHTTP, topLevel string) string {
	return "version: 0.1\nlog:\n  level: info\n  formatter: text\nstorage:\n  inmemory: {}\nhttp:\n  addr: " + addr + "\n" + underHTTP + topLevel
}

// pass3Refused checks that a configuration was refused as a configuration
// error must be: the binary exited non-zero before listening, its message
// names each of want, and the command's usage text does not bury it.
func pass3Refused(t *testing.T, code int, out string, want ...string) {
	t.Helper()
	if code == -1 || code == 0 {
		t.Errorf("the registry started (exit status %d); want it refused:\n%s", code, out)
		return
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the message does not name %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Usage:") || strings.Contains(out, "Flags:") {
		t.Errorf("the message is followed by the command's usage text:\n%s", out)
	}
	if strings.Contains(out, "listening on") {
		t.Errorf("the registry listened before failing:\n%s", out)
	}
}

// TestPass3MisplacedSection: a forwarded section in the wrong case, within
// two edits of its name, or at the top level stops startup naming the key,
// instead of leaving the registry unconfigured, trusting every client's
// headers; the section spelt and placed right starts.
func TestPass3MisplacedSection(t *testing.T) {
	addr := pass3StartupIP + "1:5000"
	for _, c := range []struct {
		name, underHTTP, topLevel, key string
	}{
		{"capitalised", "  Forwarded:\n    trustedproxies: []\n", "", "Forwarded"},
		{"upper case", "  FORWARDED:\n    trustedproxies: []\n", "", "FORWARDED"},
		{"one letter left out", "  fowarded:\n    trustedproxies: []\n", "", "fowarded"},
		{"another left out", "  forwardd:\n    trustedproxies: []\n", "", "forwardd"},
		{"a letter changed", "  forwarder:\n    trustedproxies: []\n", "", "forwarder"},
		{"two letters swapped", "  frowarded:\n    trustedproxies: []\n", "", "frowarded"},
		{"at the top level", "", "forwarded:\n  trustedproxies: []\n", "forwarded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := pass3Serve(t, pass3Config(addr, c.underHTTP, c.topLevel))
			pass3Refused(t, code, out, c.key)
		})
	}
	t.Run("control", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n    trustedproxies: []\n", ""))
		if code != -1 || !strings.Contains(out, "listening on "+addr) {
			t.Errorf("the section spelt right did not start (exit status %d):\n%s", code, out)
		}
	})
}

// pass3StartWithEnv runs the registry as startRegistry does, on a filesystem
// store, with extra environment.
func pass3StartWithEnv(e *env, addr, underHTTP string, environ ...string) *proc {
	e.t.Helper()
	config := fmt.Sprintf(`version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: %s
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: %s
  secret: shared-secret-for-replicas
%s`, filepath.Join(e.dir, "storage"), addr, underHTTP)
	path := filepath.Join(e.dir, "registry-env.yml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		e.t.Fatal(err)
	}
	p := e.start("registry-env", append([]string{"OTEL_TRACES_EXPORTER=none"}, environ...), suite.server, "serve", path)
	e.waitTCP(addr)
	return p
}

// TestPass3Environment: an unknown REGISTRY_HTTP_FORWARDED_ variable stops
// startup naming it, instead of being ignored with a warning; an empty
// REGISTRY_HTTP_FORWARDED is an empty section, which believes no client's
// forwarding headers.
func TestPass3Environment(t *testing.T) {
	addr := pass3StartupIP + "2:5000"
	for _, variable := range []string{"REGISTRY_HTTP_FORWARDED_ALLOWEDHOST", "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXY"} {
		t.Run(variable, func(t *testing.T) {
			code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n    trustedproxies: []\n", ""), variable+"="+pass3Host)
			pass3Refused(t, code, out, variable)
		})
	}

	t.Run("empty REGISTRY_HTTP_FORWARDED", func(t *testing.T) {
		e := newEnv(t)
		reg := pass3StartWithEnv(e, registryTCP, "", "REGISTRY_HTTP_FORWARDED=")
		resp, err := rawHTTPRequest(clientIP, registryTCP, uploadStart("a/b", pass3Host,
			"X-Forwarded-Host: evil2.example\r\nX-Forwarded-For: 6.6.6.6\r\nUser-Agent: pass3-empty-section\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		want := "http://" + pass3Host + "/v2/a/b/blobs/uploads/"
		if loc := resp.header.Get("Location"); resp.status != http.StatusAccepted || !strings.HasPrefix(loc, want) {
			t.Errorf("a client's X-Forwarded-Host: %s, Location %q; want 202 on %s", resp.describe(), loc, want)
		}
		clients := accessLogClients(reg.log, `"pass3-empty-section"`)
		if len(clients) != 1 || clients[0] == "6.6.6.6" {
			t.Errorf("the access log names the client %q, want %s, not the client's X-Forwarded-For", clients, clientIP)
		}
	})
}

// TestPass3SchemeFromTarget: under the section without scheme, on a plain
// listener, the scheme of every URL is http, whatever the request target
// says: an upload started with an https absolute-form target gets the same
// http Location as one in origin form, and the token auto-redirect realm is
// http too, so that a port is judged against the scheme of the URL it ends
// up in (:80 served on http, :443 refused).
func TestPass3SchemeFromTarget(t *testing.T) {
	forwarded := "  forwarded:\n    allowedhosts: [" + pass3Host + "]\n"
	t.Run("upload Location", func(t *testing.T) {
		e := newEnv(t)
		e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"), forwarded: forwarded})
		want := "http://" + pass3Host + "/v2/a/b/blobs/uploads/"
		for _, target := range []string{"/v2/a/b/blobs/uploads/", "https://" + pass3Host + "/v2/a/b/blobs/uploads/", "http://" + pass3Host + "/v2/a/b/blobs/uploads/"} {
			resp, err := rawHTTPRequest(clientIP, registryTCP, "POST "+target+" HTTP/1.1\r\nHost: "+pass3Host+"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			if err != nil {
				t.Fatal(err)
			}
			if loc := resp.header.Get("Location"); resp.status != http.StatusAccepted || !strings.HasPrefix(loc, want) {
				t.Errorf("POST %s: %s, Location %q; want 202 on %s", target, resp.describe(), loc, want)
			}
		}
	})

	t.Run("token realm", func(t *testing.T) {
		e := newEnv(t)
		ts := startTokenServer(t, e.dir)
		e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"), forwarded: forwarded, auth: autoRedirectYAML(ts)})
		for _, c := range []struct {
			host   string
			realms []string // any of these; empty: refused
		}{
			{pass3Host, []string{"http://" + pass3Host + "/"}},
			// The port may stay in the realm as the client sent it, or go
			// as the scheme's default.
			{pass3Host + ":80", []string{"http://" + pass3Host + ":80/", "http://" + pass3Host + "/"}},
			{pass3Host + ":443", nil},
		} {
			resp, err := rawHTTPRequest(clientIP, registryTCP, "GET /v2/ HTTP/1.1\r\nHost: "+c.host+"\r\nConnection: close\r\n\r\n")
			if err != nil {
				t.Fatal(err)
			}
			challenge := resp.header.Get("WWW-Authenticate")
			if c.realms == nil {
				if resp.status != http.StatusBadRequest || resp.errorCode() != "HOST_NOT_ALLOWED" {
					t.Errorf("Host: %s: %s, challenge %q; want 400 HOST_NOT_ALLOWED", c.host, resp.describe(), challenge)
				}
				continue
			}
			ok := false
			for _, realm := range c.realms {
				ok = ok || strings.Contains(challenge, `realm="`+realm)
			}
			if resp.status != http.StatusUnauthorized || !ok {
				t.Errorf("Host: %s: %s, challenge %q; want 401 with the realm on %s", c.host, resp.describe(), challenge, strings.Join(c.realms, " or "))
			}
		}
	})
}

// TestPass3FailedLogins: the challenge to a request without credentials,
// the first request of every push, is routine and stays at debug level; a
// refused credential is logged as v3.1.2 logs it, one warning, so that
// failed logins stay visible in the default log.
func TestPass3FailedLogins(t *testing.T) {
	e := newEnv(t)
	reg := e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"), auth: htpasswdAuthYAML()})
	for _, c := range []struct {
		name, credentials string
		warnings          int
	}{
		{"no credentials", "", 0},
		{"a wrong password", username + ":not-" + password, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			agent := "pass3-login-" + strings.ReplaceAll(c.name, " ", "-")
			extra := "User-Agent: " + agent + "\r\n"
			if c.credentials != "" {
				extra += "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(c.credentials)) + "\r\n"
			}
			offset := len(readFile(reg.log))
			resp, err := rawHTTPRequest(clientIP, registryTCP, "GET /v2/ HTTP/1.1\r\nHost: "+registryTCP+"\r\nConnection: close\r\n"+extra+"\r\n")
			if err != nil {
				t.Fatal(err)
			}
			if resp.status != http.StatusUnauthorized {
				t.Errorf("%s, want 401", resp.describe())
			}
			var warned, info []string
			for _, line := range strings.Split(pass3LogSince(reg.log, offset, agent), "\n") {
				if !strings.Contains(line, "error authorizing context") {
					continue
				}
				switch {
				case strings.Contains(line, "level=warning"):
					warned = append(warned, line)
				case strings.Contains(line, "level=info"):
					info = append(info, line)
				}
			}
			if len(warned) != c.warnings || (c.warnings == 0 && len(info) > 0) {
				t.Errorf("%d warning and %d info lines about \"error authorizing context\", want %d warnings and, without credentials, nothing above debug:\n%s",
					len(warned), len(info), c.warnings, strings.Join(append(warned, info...), "\n"))
			}
		})
	}
}

// TestPass3ConfigValues: a value that would fail closed without a word stops
// startup, naming its key and what is wrong with it, and no configuration
// error is buried under the command's usage text; the startup line names
// everything in force.
func TestPass3ConfigValues(t *testing.T) {
	addr := pass3StartupIP + "3:5000"
	section := func(lines string) string { return "  forwarded:\n" + lines }
	pp := "    proxyprotocol: [" + edgeIP + "]\n"
	for _, c := range []struct {
		name, underHTTP string
		env             []string
		want            []string // named in the message; nil: starts
	}{
		{"timeout without a unit", section(pp + "    proxyprotocoltimeout: 10\n"), nil, []string{"http.forwarded.proxyprotocoltimeout", "unit"}},
		{"timeout 0 without a unit", section(pp + "    proxyprotocoltimeout: 0\n"), nil, []string{"http.forwarded.proxyprotocoltimeout"}},
		{"timeout below the minimum", section(pp + "    proxyprotocoltimeout: 10ms\n"), nil, []string{"http.forwarded.proxyprotocoltimeout"}},
		{"timeout zero", section(pp + "    proxyprotocoltimeout: 0s\n"), nil, []string{"http.forwarded.proxyprotocoltimeout"}},
		{"timeout of seconds", section(pp + "    proxyprotocoltimeout: 2s\n"), nil, nil},
		{"a map for a list", section("    trustedproxies: {a: b}\n"), nil, []string{"http.forwarded.trustedproxies"}},
		{"a comma-separated list from the environment", section("    trustedproxies: []\n"),
			[]string{"REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=10.0.0.1,10.0.0.2"},
			[]string{"http.forwarded.trustedproxies", "[10.0.0.1, 10.0.0.2]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := pass3Serve(t, pass3Config(addr, c.underHTTP, ""), c.env...)
			if c.want == nil {
				if code != -1 || !strings.Contains(out, "listening on "+addr) {
					t.Errorf("did not start (exit status %d):\n%s", code, out)
				}
				return
			}
			pass3Refused(t, code, out, c.want...)
		})
	}

	t.Run("startup line", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, section(`    trustedproxies: [10.0.0.0/8, 192.0.2.7]
    header: forwarded
    scheme: https
    allowedhosts: [registry.example.com, "*.registry.example.org"]
    proxyprotocol: [127.0.20.1]
    proxyprotocoltimeout: 3s
`), ""))
		if code != -1 {
			t.Fatalf("did not start (exit status %d):\n%s", code, out)
		}
		values := []string{"10.0.0.0/8", "192.0.2.7", "https", "registry.example.com", "*.registry.example.org", "127.0.20.1", "3s"}
		// The family's name, and not x-forwarded.
		family := regexp.MustCompile(`(^|[^-\w])forwarded\b`)
		msg := regexp.MustCompile(`msg="http\.forwarded: ([^"]*)"`)
		var lines []string
		for _, line := range strings.Split(out, "\n") {
			m := msg.FindStringSubmatch(line)
			if m == nil || !strings.Contains(line, "level=info") {
				continue
			}
			lines = append(lines, line)
			var missing []string
			for _, v := range values {
				if !strings.Contains(m[1], v) {
					missing = append(missing, v)
				}
			}
			if !family.MatchString(m[1]) {
				missing = append(missing, "header forwarded")
			}
			if len(missing) == 0 {
				return
			}
			sort.Strings(missing)
			t.Logf("line %q lacks %q", line, missing)
		}
		t.Errorf("no info line starting http.forwarded: names every value in force %q and the header family; lines:\n%s", values, strings.Join(lines, "\n"))
	})
}

// HTTP/2 over cleartext with prior knowledge, written by hand so that :path
// can be anything at all: Go's client strips an absolute :path to a path.

// pass3Frame is an HTTP/2 frame.
func pass3Frame(typ, flags byte, stream uint32, payload []byte) []byte {
	b := []byte{byte(len(payload) >> 16), byte(len(payload) >> 8), byte(len(payload)), typ, flags}
	b = binary.BigEndian.AppendUint32(b, stream)
	return append(b, payload...)
}

// HTTP/2 frame types and flags.
const (
	pass3Data         = 0x0
	pass3Headers      = 0x1
	pass3RstStream    = 0x3
	pass3Settings     = 0x4
	pass3Ping         = 0x6
	pass3Goaway       = 0x7
	pass3Continuation = 0x9

	pass3EndStream  = 0x1
	pass3Ack        = 0x1
	pass3EndHeaders = 0x4
	pass3Padded     = 0x8
	pass3Priority   = 0x20
)

// pass3H2Get sends one GET with the pseudo-headers given, from the local
// address from, on a new h2c connection, and reads the response of stream 1.
func pass3H2Get(from, to, authority, path string) (*rawResponse, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", to)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	var block []byte
	for _, f := range [][2]string{{":method", "GET"}, {":scheme", "http"}, {":authority", authority}, {":path", path}} {
		// A literal field without indexing, its name a literal too.
		block = append(block, 0)
		block = pass3HpackString(pass3HpackString(block, f[0]), f[1])
	}
	out := []byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
	out = append(out, pass3Frame(pass3Settings, 0, 0, nil)...)
	out = append(out, pass3Frame(pass3Headers, pass3EndStream|pass3EndHeaders, 1, block)...)
	if _, err := c.Write(out); err != nil {
		return nil, err
	}
	r := bufio.NewReader(c)
	resp := &rawResponse{header: http.Header{}}
	var fragments []byte
	var dynamic []pass3Field
	ended := false
	for {
		head := make([]byte, 9)
		if _, err := io.ReadFull(r, head); err != nil {
			return nil, fmt.Errorf("reading a frame: %w", err)
		}
		payload := make([]byte, int(head[0])<<16|int(head[1])<<8|int(head[2]))
		if _, err := io.ReadFull(r, payload); err != nil {
			return nil, fmt.Errorf("reading a frame: %w", err)
		}
		typ, flags, stream := head[3], head[4], binary.BigEndian.Uint32(head[5:])&0x7fffffff
		if (typ == pass3Data || typ == pass3Headers) && flags&pass3Padded != 0 {
			if len(payload) == 0 || int(payload[0]) >= len(payload) {
				return nil, errors.New("bad padding")
			}
			payload = payload[1 : len(payload)-int(payload[0])]
		}
		switch {
		case typ == pass3Settings && flags&pass3Ack == 0:
			_, _ = c.Write(pass3Frame(pass3Settings, pass3Ack, 0, nil))
		case typ == pass3Ping && flags&pass3Ack == 0:
			_, _ = c.Write(pass3Frame(pass3Ping, pass3Ack, 0, payload))
		case typ == pass3Goaway:
			return nil, fmt.Errorf("GOAWAY %x", payload)
		case stream != 1:
		case typ == pass3RstStream:
			return nil, fmt.Errorf("stream reset: %x", payload)
		case typ == pass3Headers || typ == pass3Continuation:
			if typ == pass3Headers {
				if flags&pass3Priority != 0 && len(payload) >= 5 {
					payload = payload[5:]
				}
				ended = flags&pass3EndStream != 0
			}
			fragments = append(fragments, payload...)
			if flags&pass3EndHeaders == 0 {
				continue
			}
			fields, err := pass3HpackDecode(fragments, &dynamic)
			if err != nil {
				return nil, err
			}
			fragments = nil
			for _, f := range fields {
				if f.name == ":status" {
					fmt.Sscan(f.value, &resp.status)
				} else {
					resp.header.Add(f.name, f.value)
				}
			}
			if ended {
				return resp, nil
			}
		case typ == pass3Data:
			resp.body = append(resp.body, payload...)
			if flags&pass3EndStream != 0 {
				return resp, nil
			}
		}
	}
}

// pass3Field is a decoded header field.
type pass3Field struct{ name, value string }

// pass3StaticTable is HPACK's static table (RFC 7541, appendix A), from
// index 1.
var pass3StaticTable = func() []pass3Field {
	names := strings.Fields(`:authority :method :method :path :path :scheme :scheme :status :status :status :status
		:status :status :status accept-charset accept-encoding accept-language accept-ranges accept
		access-control-allow-origin age allow authorization cache-control content-disposition
		content-encoding content-language content-length content-location content-range content-type
		cookie date etag expect expires from host if-match if-modified-since if-none-match if-range
		if-unmodified-since last-modified link location max-forwards proxy-authenticate
		proxy-authorization range referer refresh retry-after server set-cookie
		strict-transport-security transfer-encoding user-agent vary via www-authenticate`)
	values := map[int]string{2: "GET", 3: "POST", 4: "/", 5: "/index.html", 6: "http", 7: "https",
		8: "200", 9: "204", 10: "206", 11: "304", 12: "400", 13: "404", 14: "500", 16: "gzip, deflate"}
	table := make([]pass3Field, len(names))
	for i, n := range names {
		table[i] = pass3Field{n, values[i+1]}
	}
	return table
}()

// pass3HuffmanLengths are the code lengths of HPACK's Huffman code (RFC
// 7541, appendix B) for bytes 0 to 255, each written as 'a' for 5 bits, 'b'
// for 6 and so on. The code is canonical, so the lengths are the whole of
// it.
const pass3HuffmanLengths = "isxxxxxxxtzxxzxxxxxxxxzxxxxxxxxxbffhibdgffdgdbbbaaabbbbbbbcdkbhf" +
	"ibccccccccccccccccccccccdcdioijbkabababbbaccbbbabcbaabccccckgjix" +
	"prpprrrsrssssststtrstssssqrsrsstrqprrssqsrrtqrssqqrqsrssprrrsrrs" +
	"vvporsruvvvwwvtuoqvwwvwtqqvvxwwwptpqrqqsrruuttvsvwvvwwwwwxwwwwwv"

// pass3HuffmanCodes maps a code's length<<32|code to its byte.
var pass3HuffmanCodes = func() map[uint64]byte {
	syms := make([]int, 256)
	for i := range syms {
		syms[i] = i
	}
	length := func(s int) uint64 { return uint64(pass3HuffmanLengths[s]-'a') + 5 }
	sort.SliceStable(syms, func(i, j int) bool { return length(syms[i]) < length(syms[j]) })
	codes := map[uint64]byte{}
	code, prev := uint64(0), length(syms[0])
	for i, s := range syms {
		if i > 0 {
			code = (code + 1) << (length(s) - prev)
		}
		prev = length(s)
		codes[length(s)<<32|code] = byte(s)
	}
	return codes
}()

// pass3HpackString appends s as an HPACK string literal, not Huffman-coded.
// The names and values sent here are shorter than 127 bytes.
func pass3HpackString(b []byte, s string) []byte {
	return append(append(b, byte(len(s))), s...)
}

// pass3HpackInt reads an HPACK integer with an n-bit prefix.
func pass3HpackInt(b []byte, n uint) (uint64, []byte, error) {
	if len(b) == 0 {
		return 0, nil, errors.New("truncated integer")
	}
	limit := uint64(1)<<n - 1
	v := uint64(b[0]) & limit
	b = b[1:]
	if v < limit {
		return v, b, nil
	}
	for shift := uint(0); shift < 28; shift += 7 {
		if len(b) == 0 {
			return 0, nil, errors.New("truncated integer")
		}
		c := b[0]
		b = b[1:]
		v += uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, b, nil
		}
	}
	return 0, nil, errors.New("integer too large")
}

// pass3HpackReadString reads an HPACK string literal, Huffman-coded or not.
func pass3HpackReadString(b []byte) (string, []byte, error) {
	if len(b) == 0 {
		return "", nil, errors.New("truncated string")
	}
	huffman := b[0]&0x80 != 0
	n, b, err := pass3HpackInt(b, 7)
	if err != nil || uint64(len(b)) < n {
		return "", nil, errors.New("truncated string")
	}
	s, rest := b[:n], b[n:]
	if !huffman {
		return string(s), rest, nil
	}
	var out []byte
	var code, bits uint64
	for _, c := range s {
		for i := 7; i >= 0; i-- {
			code, bits = code<<1|uint64(c>>i&1), bits+1
			if sym, ok := pass3HuffmanCodes[bits<<32|code]; ok {
				out = append(out, sym)
				code, bits = 0, 0
			} else if bits > 30 {
				return "", nil, errors.New("bad Huffman code")
			}
		}
	}
	// What is left is padding: fewer than 8 bits, all ones.
	if bits >= 8 || code != 1<<bits-1 {
		return "", nil, errors.New("bad Huffman padding")
	}
	return string(out), rest, nil
}

// pass3HpackDecode decodes a header block, keeping the connection's dynamic
// table (newest entry first).
func pass3HpackDecode(b []byte, dynamic *[]pass3Field) ([]pass3Field, error) {
	lookup := func(i uint64) (pass3Field, error) {
		switch {
		case i >= 1 && i <= uint64(len(pass3StaticTable)):
			return pass3StaticTable[i-1], nil
		case i > uint64(len(pass3StaticTable)) && i-uint64(len(pass3StaticTable)) <= uint64(len(*dynamic)):
			return (*dynamic)[i-uint64(len(pass3StaticTable))-1], nil
		}
		return pass3Field{}, fmt.Errorf("no table entry %d", i)
	}
	var fields []pass3Field
	for len(b) > 0 {
		var (
			i   uint64
			err error
		)
		switch c := b[0]; {
		case c&0x80 != 0: // indexed
			if i, b, err = pass3HpackInt(b, 7); err != nil {
				return nil, err
			}
			f, err := lookup(i)
			if err != nil {
				return nil, err
			}
			fields = append(fields, f)
			continue
		case c&0xe0 == 0x20: // dynamic table size update
			if i, b, err = pass3HpackInt(b, 5); err != nil {
				return nil, err
			}
			if i == 0 {
				*dynamic = nil
			}
			continue
		}
		// A literal: with incremental indexing (01), or without (0000,
		// 0001).
		indexing := b[0]&0xc0 == 0x40
		prefix := uint(4)
		if indexing {
			prefix = 6
		}
		if i, b, err = pass3HpackInt(b, prefix); err != nil {
			return nil, err
		}
		var f pass3Field
		if i == 0 {
			if f.name, b, err = pass3HpackReadString(b); err != nil {
				return nil, err
			}
		} else {
			named, err := lookup(i)
			if err != nil {
				return nil, err
			}
			f.name = named.name
		}
		if f.value, b, err = pass3HpackReadString(b); err != nil {
			return nil, err
		}
		if indexing {
			*dynamic = append([]pass3Field{f}, *dynamic...)
		}
		fields = append(fields, f)
	}
	return fields, nil
}
