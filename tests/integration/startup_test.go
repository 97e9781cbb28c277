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

// runRegistry runs `registry serve` on config with extra environment, for at
// most a few seconds, and returns its exit status (-1 when it was still
// serving and had to be stopped) and output.
func runRegistry(t *testing.T, config string, env ...string) (int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, suite.registry, "serve", path)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return -1, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	case err != nil:
		t.Fatal(err)
	}
	return 0, string(out)
}

func startupConfig(addr, forwarded string) string {
	return "version: 0.1\nlog:\n  level: info\nstorage:\n  inmemory: {}\nhttp:\n  addr: " + addr + "\n" + forwarded
}

// TestBadConfigurationStopsStartup checks that a bad http.forwarded value,
// in the file or the environment, stops the binary with status 1 and a
// message naming the key and the value, before anything listens.
func TestBadConfigurationStopsStartup(t *testing.T) {
	addr := "127.0.60.1:5000"
	tests := []struct {
		name, forwarded string
		env             []string
		key, value      string
	}{
		{"prefix too long", "  forwarded:\n    trustedproxies: [10.0.0.0/33]\n", nil, "http.forwarded.trustedproxies", "10.0.0.0/33"},
		{"unknown family", "  forwarded:\n    header: x-real-ip\n", nil, "http.forwarded.header", "x-real-ip"},
		{"bad scheme", "  forwarded:\n    scheme: ftp\n", nil, "http.forwarded.scheme", "ftp"},
		{"bad host pattern", "  forwarded:\n    allowedhosts: [\"reg.*.example.com\"]\n", nil, "http.forwarded.allowedhosts", "reg.*.example.com"},
		{"unknown key", "  forwarded:\n    trustedproxy: [10.0.0.1]\n", nil, "http.forwarded.trustedproxy", ""},
		{"bad environment value", "", []string{"REGISTRY_HTTP_FORWARDED_SCHEME=gopher"}, "http.forwarded.scheme", "gopher"},
		{"environment beats a good file", "  forwarded:\n    scheme: https\n", []string{"REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=[not-an-ip]"}, "http.forwarded.trustedproxies", "not-an-ip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := runRegistry(t, startupConfig(addr, tt.forwarded), tt.env...)
			if code != 1 {
				t.Fatalf("exit status %d, want 1; output:\n%s", code, out)
			}
			if !strings.Contains(out, tt.key) || !strings.Contains(out, tt.value) {
				t.Errorf("message does not name %s and %q:\n%s", tt.key, tt.value, out)
			}
			if strings.Contains(out, "listening on") {
				t.Errorf("registry started listening before failing:\n%s", out)
			}
		})
	}
}

// TestStartupSaysWhatIsInForce checks the one info line about the policy
// with http.forwarded, and that without it nothing new is logged.
func TestStartupSaysWhatIsInForce(t *testing.T) {
	addr := "127.0.60.2:5000"
	code, out := runRegistry(t, startupConfig(addr, "  forwarded:\n    trustedproxies: [10.0.0.0/8, \"::1\"]\n    header: forwarded\n    scheme: https\n"))
	if code != -1 {
		t.Fatalf("registry exited with %d:\n%s", code, out)
	}
	want := "http.forwarded: trusted proxies [10.0.0.0/8 ::1], header forwarded, scheme https"
	if !strings.Contains(out, want) || !strings.Contains(out, "listening on "+addr) {
		t.Errorf("startup output lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "Ignoring unrecognized environment variable") {
		t.Errorf("upstream warned about our variables:\n%s", out)
	}

	code, out = runRegistry(t, startupConfig(addr, ""), "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=[127.0.0.1]")
	if code != -1 || !strings.Contains(out, "trusted proxies [127.0.0.1], header x-forwarded, scheme derived") {
		t.Errorf("environment-only policy not in force (exit %d):\n%s", code, out)
	}
	if strings.Contains(out, "Ignoring unrecognized environment variable") {
		t.Errorf("upstream warned about our variables:\n%s", out)
	}

	code, out = runRegistry(t, startupConfig(addr, ""))
	// "forwarded" alone is in the version of every line.
	if code != -1 || strings.Contains(out, "http.forwarded") {
		t.Errorf("without http.forwarded, a line about it (exit %d):\n%s", code, out)
	}
}

// TestStartupLinesCarryUpstreamFields checks that this build's startup lines
// about http.forwarded carry the standard fields of upstream's lines around
// them: the service from log.fields, the instance id, the version.
func TestStartupLinesCarryUpstreamFields(t *testing.T) {
	addr := "127.0.60.3:5000"
	config := "version: 0.1\nlog:\n  level: info\n  fields:\n    service: registry\nstorage:\n  inmemory: {}\nhttp:\n  addr: " + addr + "\n"
	fieldsOf := func(out, msg string) string {
		t.Helper()
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, msg) {
				// The text formatter writes the fields after the
				// message, sorted: go.version comes first.
				if i := strings.Index(line, " go.version="); i >= 0 {
					return line[i+1:]
				}
				return ""
			}
		}
		t.Fatalf("no line with %q:\n%s", msg, out)
		return ""
	}
	for _, c := range []struct{ name, forwarded, msg string }{
		{"strict mode", "  forwarded:\n    trustedproxies: [10.0.0.1]\n", "http.forwarded: trusted proxies [10.0.0.1]"},
		{"an empty section", "  forwarded: {}\n", "http.forwarded: trusted proxies [], header x-forwarded, scheme derived"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := runRegistry(t, config+c.forwarded)
			if code != -1 {
				t.Fatalf("registry exited with %d:\n%s", code, out)
			}
			ours, upstream := fieldsOf(out, c.msg), fieldsOf(out, "listening on "+addr)
			if ours != upstream {
				t.Errorf("fields %q, upstream's lines carry %q", ours, upstream)
			}
			for _, f := range []string{"service=registry", "instance.id=", "version="} {
				if !strings.Contains(ours, f) {
					t.Errorf("line %q lacks %s:\n%s", c.msg, f, out)
				}
			}
		})
	}
}
