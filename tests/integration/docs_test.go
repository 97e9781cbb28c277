package integration

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var recipeBlock = regexp.MustCompile("(?s)<!-- recipe: (\\S+) -->\n```[a-z]*\n(.*?)```")

// guidePages are the pages that show the recipes and the doctor's output:
// the operator guide, the reference, and the scale-out page.
var guidePages = []string{"behind-a-proxy.md", "reference.md", "scale-out.md"}

// readGuide returns the guide's pages, by name.
func readGuide(t *testing.T) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for _, name := range guidePages {
		doc, err := os.ReadFile(filepath.Join(suite.root, "docs", name))
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = string(doc)
	}
	return pages
}

// TestDocsShowTheRecipesThatRun checks that every recipe embedded in the docs
// is, byte for byte, the file under docs/proxies, and that every such file is
// both shown in the docs and run by a test of this suite.
func TestDocsShowTheRecipesThatRun(t *testing.T) {
	docs := filepath.Join(suite.root, "docs")
	var doc strings.Builder
	for _, page := range readGuide(t) {
		doc.WriteString(page)
	}
	shown := map[string]bool{}
	for _, m := range recipeBlock.FindAllStringSubmatch(doc.String(), -1) {
		file, err := os.ReadFile(filepath.Join(docs, m[1]))
		if err != nil {
			t.Errorf("docs embed %s, which does not exist", m[1])
			continue
		}
		if string(file) != m[2] {
			t.Errorf("docs show a %s that differs from the file the tests run", m[1])
		}
		shown[filepath.Base(m[1])] = true
	}

	var sources strings.Builder
	tests, _ := filepath.Glob("*_test.go")
	for _, f := range tests {
		b, _ := os.ReadFile(f)
		sources.Write(b)
	}
	recipes, _ := os.ReadDir(filepath.Join(docs, "proxies"))
	if len(recipes) == 0 {
		t.Fatal("no recipes under docs/proxies")
	}
	for _, r := range recipes {
		if !shown[r.Name()] {
			t.Errorf("docs/proxies/%s is shown on none of the pages %q", r.Name(), guidePages)
		}
		if !strings.Contains(sources.String(), `"`+r.Name()+`"`) {
			t.Errorf("docs/proxies/%s is run by no integration test", r.Name())
		}
	}
}

// runVaries matches what changes from one doctor run to the next: the
// canaries' random part and the documentation addresses.
var runVaries = regexp.MustCompile(`[0-9a-f]{8}\.doctor\.invalid|192\.0\.2\.\d+|198\.51\.100\.\d+`)

func normalizeRun(s string) string {
	return runVaries.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.HasSuffix(m, ".invalid"):
			return "RANDOM.doctor.invalid"
		case strings.HasPrefix(m, "192."):
			return "192.0.2.N"
		}
		return "198.51.100.N"
	})
}

// checkGuideShows fails the test when neither the guide nor the reference
// shows this doctor output, as printed but for the run's random parts: the
// outputs the docs show are the ones the suite gets.
func checkGuideShows(t *testing.T, out string) {
	t.Helper()
	want := normalizeRun(strings.TrimRight(out, "\n"))
	for _, page := range readGuide(t) {
		if strings.Contains(normalizeRun(page), want) {
			return
		}
	}
	t.Errorf("none of the pages %q under docs/ shows this doctor output; paste it there:\n%s", guidePages, out)
}

// TestRecipesPassConfigTests runs each proxy's own configuration test on
// every recipe under docs/proxies exactly as shipped, byte for byte: nginx -t
// (with the inner recipes both without and with the token server's
// location), haproxy -c, caddy validate, apache2 -t, lighttpd -tt and Traffic
// Server's verify_config. nghttpx has no configuration test; TestEdgeNghttpx
// runs its recipe. The recipes' addresses are loopback addresses, which
// every Linux host can bind, and nginx -t binds its listen addresses: so the
// tests run in network and mount namespaces of their own, where nothing else
// listens, with the suite's certificate at the recipes' paths under
// /etc/ssl/registry.
func TestRecipesPassConfigTests(t *testing.T) {
	proxies := filepath.Join(suite.root, "docs", "proxies")
	recipes, err := os.ReadDir(proxies)
	if err != nil || len(recipes) == 0 {
		t.Fatalf("no recipes under docs/proxies: %v", err)
	}
	tested := map[string]bool{"nghttpx.conf": true} // no configuration test; run by TestEdgeNghttpx
	path := func(name string) string { tested[name] = true; return filepath.Join(proxies, name) }

	for _, r := range recipes {
		name := r.Name()
		switch {
		case name == "nginx-inner-token.conf":
			// Included by the inner recipes, below.
		case strings.HasPrefix(name, "nginx-"):
			recipe, _ := os.ReadFile(path(name))
			variants := []string{"without a token server"}
			if strings.Contains(string(recipe), "include snippets/registry-token*.conf;") {
				variants = append(variants, "with a token server")
			}
			for _, v := range variants {
				t.Run(name+" "+v, func(t *testing.T) {
					dir := configTestDir(t)
					if v == "with a token server" {
						copyFile(t, path("nginx-inner-token.conf"), filepath.Join(dir, "snippets", "registry-token.conf"))
					}
					main := fmt.Sprintf("pid %[1]s/nginx.pid;\nevents {}\nhttp {\n    client_body_temp_path %[1]s/body;\n"+
						"    proxy_temp_path %[1]s/proxy;\n    include %[2]s;\n}\n", dir, path(name))
					writeConfig(t, filepath.Join(dir, "nginx.conf"), main)
					configTest(t, "nginx", "-t", "-q", "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
				})
			}
		case strings.HasPrefix(name, "haproxy-"):
			t.Run(name, func(t *testing.T) { configTest(t, "haproxy", "-c", "-f", path(name)) })
		case name == "Caddyfile":
			t.Run(name, func(t *testing.T) {
				home := configTestDir(t)
				configTestEnv(t, []string{"HOME=" + home, "XDG_DATA_HOME=" + home, "XDG_CONFIG_HOME=" + home},
					"caddy", "validate", "--config", path(name), "--adapter", "caddyfile")
			})
		case name == "apache-edge.conf":
			t.Run(name, func(t *testing.T) {
				dir := configTestDir(t)
				var main strings.Builder
				fmt.Fprintf(&main, "ServerRoot %[1]s\nPidFile %[1]s/apache2.pid\nDefaultRuntimeDir %[1]s\nErrorLog /dev/stderr\n", dir)
				for _, m := range []string{"mpm_event", "authz_core", "proxy", "proxy_http", "ssl", "headers"} {
					fmt.Fprintf(&main, "LoadModule %s_module %s/mod_%s.so\n", m, apacheModules, m)
				}
				fmt.Fprintf(&main, "Include %s\n", path(name))
				writeConfig(t, filepath.Join(dir, "apache2.conf"), main.String())
				configTest(t, "apache2", "-t", "-f", filepath.Join(dir, "apache2.conf"))
			})
		case name == "lighttpd.conf":
			t.Run(name, func(t *testing.T) {
				dir := configTestDir(t)
				main := fmt.Sprintf("server.document-root = %q\ninclude %q\n", dir, path(name))
				writeConfig(t, filepath.Join(dir, "lighttpd.conf"), main)
				configTest(t, "lighttpd", "-tt", "-f", filepath.Join(dir, "lighttpd.conf"))
			})
		case strings.HasPrefix(name, "trafficserver-"):
			// All four files at once, below.
		case name == "nghttpx.conf":
			// No configuration test: TestEdgeNghttpx runs it.
		default:
			t.Errorf("docs/proxies/%s: no configuration test for this kind of recipe", name)
		}
	}

	t.Run("trafficserver", func(t *testing.T) {
		// A configuration directory of the recipe's four files as shipped,
		// and the files every Traffic Server installation has. Traffic
		// Server refuses to run as root: it runs as nobody.
		root, err := os.MkdirTemp("", "trafficserver-config-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(root) })
		etc := filepath.Join(root, "etc")
		for _, sub := range []string{"etc", "run", "log", "cache"} {
			if err := os.MkdirAll(filepath.Join(root, sub), 0o777); err != nil {
				t.Fatal(err)
			}
			_ = os.Chmod(filepath.Join(root, sub), 0o777)
		}
		_ = os.Chmod(root, 0o755)
		for file, recipe := range trafficServerRecipes {
			copyFile(t, path(recipe), filepath.Join(etc, file))
		}
		writeConfig(t, filepath.Join(etc, "ip_allow.yaml"), "ip_allow:\n  - apply: in\n    ip_addrs: 0/0\n    action: allow\n    methods: ALL\n")
		writeConfig(t, filepath.Join(etc, "storage.config"), filepath.Join(root, "cache")+" 64M\n")
		for _, empty := range []string{"plugin.config", "hosting.config", "volume.config", "parent.config", "cache.config",
			"splitdns.config", "socks.config", "logging.yaml", "sni.yaml", "strategies.yaml"} {
			writeConfig(t, filepath.Join(etc, empty), "")
		}
		runroot := fmt.Sprintf("prefix: %[1]s\nexec_prefix: /usr\nbindir: /usr/bin\nsbindir: /usr/sbin\nsysconfdir: %[1]s/etc\n"+
			"datadir: /usr/share/trafficserver\nincludedir: /usr/include\nlibdir: /usr/lib/trafficserver\n"+
			"libexecdir: /usr/lib/trafficserver/modules\nlocalstatedir: %[1]s/run\nruntimedir: %[1]s/run\nlogdir: %[1]s/log\n"+
			"cachedir: %[1]s/cache\n", root)
		writeConfig(t, filepath.Join(root, "runroot.yaml"), runroot)
		configTest(t, "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
			"traffic_server", "--run-root="+filepath.Join(root, "runroot.yaml"), "-C", "verify_config")
	})

	for _, r := range recipes {
		if !tested[r.Name()] && r.Name() != "nginx-inner-token.conf" {
			t.Errorf("docs/proxies/%s was not config-tested", r.Name())
		}
	}
}

// configTestDir is a scratch directory for a main file, with a snippets
// directory for nginx.
func configTestDir(t *testing.T) string {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "snippets"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeConfig(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeConfig(t, to, string(data))
}

func configTest(t *testing.T, args ...string) { t.Helper(); configTestEnv(t, nil, args...) }

// configTestEnv runs a configuration test in network and mount namespaces
// of its own: loopback up and nothing listening, and a tmpfs on /etc/ssl that
// holds the suite's certificate and key at the paths the recipes name.
func configTestEnv(t *testing.T, env []string, args ...string) {
	t.Helper()
	const script = `set -e
ip link set lo up
mount -t tmpfs tmpfs /etc/ssl
mkdir /etc/ssl/registry
cp "$CERT" /etc/ssl/registry/server.crt
cp "$KEY" /etc/ssl/registry/server.key
cp "$PEM" /etc/ssl/registry/server.pem
chmod 644 /etc/ssl/registry/*
exec "$@"`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "unshare", append([]string{"--net", "--mount", "--", "sh", "-c", script, "sh"}, args...)...)
	cmd.Env = append(append(os.Environ(), "CERT="+suite.certFile, "KEY="+suite.keyFile, "PEM="+suite.pemFile), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
