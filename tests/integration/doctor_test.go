package integration

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// guideHost is the name clients use in the guide's quick starts. The
// suite's certificate carries it, and runDoctorAt resolves it to the edge.
const guideHost = "registry.example.com"

// guideHostsYAML is the http.forwarded line that allows guideHost.
const guideHostsYAML = "    allowedhosts: [" + guideHost + "]\n"

// runDoctorAt runs `registry doctor` as runDoctor does, with guideHost
// resolved to addr: in a mount namespace of its own, whose /etc/hosts names
// it (the binary is static, and Go's resolver reads /etc/hosts first).
func runDoctorAt(t *testing.T, addr, target string, extra ...string) (int, string) {
	t.Helper()
	hosts := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(hosts, []byte("127.0.0.1 localhost\n"+addr+" "+guideHost+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := append([]string{"--mount", "--", "sh", "-c", `mount --bind "$HOSTS" /etc/hosts && exec "$@"`, "sh",
		suite.registry, "doctor", target,
		"--cacert", filepath.Join(suite.caDir, "ca.crt"), "--username", username, "--password-stdin"}, extra...)
	cmd := exec.CommandContext(ctx, "unshare", args...)
	cmd.Env = append(os.Environ(), "HOSTS="+hosts)
	cmd.Stdin = strings.NewReader(password + "\n")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running doctor: %v", err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// notCheckedLines are the lines a green run ends with: what no client can
// see, and how to check it.
var notCheckedLines = []string{
	"; what no client can see is not checked (below)\nnot checked from outside, since no response shows it:\n",
	"  - the client address in the access log, request logs and notifications' request.addr: from a client whose address you know, run curl -s -o /dev/null -H 'X-Forwarded-For: 192.0.2.1' https://" + guideHost,
	"  - notifications' request.host, and trace spans' client.address and server.address: they come from the same resolution",
	"  - what the registry refused: the counter registry_forwarded_refused_total on the debug server",
}

// TestDoctorPortTrap is the port trap: allowedhosts lists the name without
// a port, and clients use port 8443. The registry refuses every API request
// with 400 HOST_NOT_ALLOWED; the doctor says so, names the host and port
// to add, and exits 1 (a problem found), not 2 (could not check). With the
// port listed, it is green.
func TestDoctorPortTrap(t *testing.T) {
	for _, c := range []struct {
		name, allowed string
		code          int
		want          []string
	}{
		{"the name without its port", guideHost, 1, []string{
			"[PROBLEM] api: GET /v2/: 400 HOST_NOT_ALLOWED: http.forwarded.allowedhosts refuses " + guideHost + ":8443\n",
			"likely fix: Add " + guideHost + ":8443 to http.forwarded.allowedhosts: an entry without a port allows only the scheme's default port (443 for https), so " + guideHost + " does not cover port 8443",
			"result: problems found: the registry refuses every API request through this URL for its host (api)\n",
		}},
		{"the name with its port", guideHost + ":8443", 0, []string{
			"[ok] upload: upload Location https://" + guideHost + ":8443 matches",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"),
				forwarded: forwardedYAML("", "https") + "    allowedhosts: [" + c.allowed + "]\n", auth: htpasswdAuthYAML()})
			e.startNginx("inner", "nginx-inner-fieldreport.conf", innerIP+":80")
			e.startNginxWith("edge", "nginx-edge-fieldreport.conf", []string{edgeIP + ":443", edgeIP + ":8443"}, edgeIP+":8443")
			code, out := runDoctorAt(t, edgeIP, "https://"+guideHost+":8443")
			t.Logf("doctor exit %d:\n%s", code, out)
			if code == 1 {
				checkGuideShows(t, out)
			}
			if code != c.code {
				t.Errorf("doctor exit %d, want %d", code, c.code)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("doctor output lacks %q", w)
				}
			}
		})
	}
}

// TestGuideQuickStarts runs each quick start of the guide as it stands,
// with the recipes and keys it shows, and the doctor against it: each is
// green, its output is the one the guide shows, it ends with what it could
// not check, and the registry's access log names none of the doctor's
// canary addresses.
func TestGuideQuickStarts(t *testing.T) {
	trusted := func(proxies ...string) string {
		return forwardedYAML("", "https", proxies...) + guideHostsYAML
	}
	for _, c := range []struct {
		name  string
		start func(e *env) *proc
	}{
		{"edge and inner nginx as they are", func(e *env) *proc {
			reg, _ := e.startChain(registryOptions{forwarded: trusted(), auth: htpasswdAuthYAML()},
				"nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
			return reg
		}},
		{"edge and inner nginx from the recipes", func(e *env) *proc {
			reg, _ := e.startChain(registryOptions{forwarded: trusted(edgeIP, innerIP), auth: htpasswdAuthYAML()},
				"nginx-inner.conf", "nginx-edge.conf")
			return reg
		}},
		{"one nginx", func(e *env) *proc {
			reg := e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"),
				forwarded: trusted(edgeIP), auth: htpasswdAuthYAML()})
			e.startNginx("edge", "nginx-single.conf", edgeIP+":443")
			return reg
		}},
		{"HAProxy", func(e *env) *proc {
			reg := e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"),
				forwarded: trusted(edgeIP, innerIP), auth: htpasswdAuthYAML()})
			e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
			e.startHAProxy("haproxy-edge.cfg", edgeIP+":443")
			return reg
		}},
		{"PROXY protocol", func(e *env) *proc {
			reg := e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"),
				forwarded: "  forwarded:\n    proxyprotocol: [" + edgeIP + "]\n    scheme: https\n" + guideHostsYAML,
				auth:      htpasswdAuthYAML()})
			e.startHAProxy("haproxy-proxyprotocol-terminate.cfg", edgeIP+":443")
			return reg
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			reg := c.start(e)
			code, out := runDoctorAt(t, edgeIP, "https://"+guideHost)
			t.Logf("doctor exit %d:\n%s", code, out)
			checkGuideShows(t, out)
			if code != 0 {
				t.Errorf("doctor exit %d, want 0", code)
			}
			for _, w := range notCheckedLines {
				if !strings.Contains(out, w) {
					t.Errorf("doctor output lacks %q", w)
				}
			}
			if canary, lines := accessLogCanaries(reg); len(canary) > 0 {
				t.Errorf("the access log names the doctor's canary addresses:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}
