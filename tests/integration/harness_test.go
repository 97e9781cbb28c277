// Package integration runs the registry binary behind real proxies (nginx,
// HAProxy, Caddy, Apache httpd, Apache Traffic Server, nghttpx, lighttpd) and
// pushes to it with real clients (Docker's distribution
// client, containerd's pusher, skopeo), all on loopback. Every process has its
// own 127.x address, so trust by address is real.
package integration

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"debug/buildinfo"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Addresses of the parts. 127.0.0.1 is where a process that cannot choose
// its source address comes from (skopeo, Caddy's upstream connections), so
// it stands for "somewhere outside" and is trusted only where Caddy is the
// edge.
const (
	clientIP    = "127.0.10.1"
	edgeIP      = "127.0.20.1" // nginx or HAProxy edge
	caddyIP     = "127.0.20.2" // Caddy edge
	innerIP     = "127.0.30.1"
	registryIP  = "127.0.40.1"
	replicaIP   = "127.0.40.2"
	replica3IP  = "127.0.40.3"
	s3IP        = "127.0.60.1" // the S3 gateway
	redisIP     = "127.0.60.2"
	tokenIP     = "127.0.50.1"
	defaultIP   = "127.0.0.1"
	registryTCP = registryIP + ":5000"
	replicaTCP  = replicaIP + ":5000"
	replica3TCP = replica3IP + ":5000"
	tokenTCP    = tokenIP + ":5001"
	tokenTLS    = tokenIP + ":5443" // a token server on an origin of its own

	username = "alice"
	password = "s3cret-pass"
)

// suite holds what every test shares: the binary, the TLS material, the
// repository root.
var suite struct {
	root     string // repository root
	dir      string // scratch directory for the whole run
	registry string // the built binary: the registry, and the doctor
	// versitygw is the S3 gateway the scale-out scenario stores in: from
	// PATH, or from the Go bin directory the test command installs it to.
	versitygw string
	// tools are the clients built from their Go modules (crane, oras,
	// regctl) and the OCI conformance suite, from the test tools directory
	// scripts/test-tools.sh installs them to, by name.
	tools map[string]string
	// server is the registry binary the scenarios run as a server: the
	// built one, or the one REGISTRY_BINARY names (upstream with the patch
	// series, say), so that one suite holds both to the same behaviour.
	server   string
	caPool   *x509.CertPool
	caDir    string // holds ca.crt, for skopeo
	certFile string
	keyFile  string
	pemFile  string // certificate and key in one file, for HAProxy
	htpasswd string
}

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "integration setup:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	for _, tool := range []string{"nginx", "haproxy", "caddy", "apache2", "traffic_server", "nghttpx", "lighttpd", "skopeo", "podman", "buildah", "redis-server", "dockerd", "docker", "busybox"} {
		if _, err := exec.LookPath(tool); err != nil {
			// Fail loudly: the test command installs these.
			return 0, fmt.Errorf("%s is not installed (run scripts/test.sh, which installs it): %v", tool, err)
		}
	}
	vgw, err := lookGoTool("versitygw")
	if err != nil {
		return 0, fmt.Errorf("versitygw is not installed (run scripts/test.sh, which installs it): %v", err)
	}
	suite.versitygw = vgw
	suite.tools = map[string]string{}
	for _, tool := range []string{"crane", "oras", "regctl", "conformance.test"} {
		path, err := lookTestTool(tool)
		if err != nil {
			return 0, fmt.Errorf("%s is not installed (run scripts/test.sh, which installs it): %v", tool, err)
		}
		suite.tools[tool] = path
	}
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	suite.root = filepath.Dir(filepath.Dir(wd))
	suite.dir, err = os.MkdirTemp("", "registry-integration-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(suite.dir)

	suite.registry = filepath.Join(suite.dir, "registry")
	// Static, as the image builds it, and stamped with VERSION, as every
	// documented build is.
	version, err := os.ReadFile(filepath.Join(suite.root, "VERSION"))
	if err != nil {
		return 0, err
	}
	build := exec.Command("go", "build", "-mod=vendor", "-ldflags",
		"-X github.com/distribution/distribution/v3/version.version="+strings.TrimSpace(string(version)),
		"-o", suite.registry, "./cmd/registry")
	build.Dir = suite.root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building ./cmd/registry: %v\n%s", err, out)
	}
	suite.server = suite.registry
	if bin := os.Getenv("REGISTRY_BINARY"); bin != "" {
		if _, err := os.Stat(bin); err != nil {
			return 0, fmt.Errorf("REGISTRY_BINARY: %v", err)
		}
		suite.server = bin
		fmt.Fprintf(os.Stderr, "integration: registry servers run %s\n", bin)
		// Not for the registries: they warn about REGISTRY_ variables
		// they do not know.
		os.Unsetenv("REGISTRY_BINARY")
	}
	if err := makeTLS(); err != nil {
		return 0, err
	}
	if suite.htpasswd, err = writeHtpasswd(suite.dir); err != nil {
		return 0, err
	}
	// The suite's own Docker daemon, stopped before the scratch directory
	// that holds its data goes.
	stopDockerd, err := startDockerd(suite.dir)
	if err != nil {
		return 0, err
	}
	defer stopDockerd()
	return m.Run(), nil
}

// lookGoTool finds a tool installed with go install: on PATH, or in the Go
// bin directory (GOBIN, or GOPATH's bin).
func lookGoTool(name string) (string, error) {
	if path, err := exec.LookPath(name); err == nil {
		return path, nil
	}
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return "", err
	}
	lines := strings.SplitN(string(out), "\n", 2)
	dirs := []string{strings.TrimSpace(lines[0])}
	if len(lines) == 2 {
		for _, dir := range filepath.SplitList(strings.TrimSpace(lines[1])) {
			dirs = append(dirs, filepath.Join(dir, "bin"))
		}
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		path := filepath.Join(dir, name)
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s is neither on PATH nor in the Go bin directory", name)
}

// testToolsDir is where scripts/test-tools.sh installs the clients and the
// conformance suite it builds from their Go modules: TEST_TOOLS_DIR, or
// registry-test-tools under the first GOPATH entry.
func testToolsDir() (string, error) {
	if dir := os.Getenv("TEST_TOOLS_DIR"); dir != "" {
		return dir, nil
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err != nil {
		return "", err
	}
	gopath := filepath.SplitList(strings.TrimSpace(string(out)))
	if len(gopath) == 0 || gopath[0] == "" {
		return "", fmt.Errorf("no GOPATH")
	}
	return filepath.Join(gopath[0], "registry-test-tools"), nil
}

// lookTestTool finds a tool in the test tools directory only, not on PATH:
// the suite runs the versions the test command installs there.
func lookTestTool(name string) (string, error) {
	dir, err := testToolsDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s is not an executable file", path)
	}
	return path, nil
}

// toolVersion is the module version a Go tool was built from, for the logs.
func toolVersion(path string) string {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return info.Main.Path + " " + info.Main.Version
}

// makeTLS writes a CA and a server certificate for every edge address and
// for the token server that has an origin of its own.
func makeTLS() error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "integration test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "registry edge"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP(edgeIP), net.ParseIP(caddyIP), net.ParseIP(tokenIP)},
		// The name the guide's doctor runs use, resolved to the edge.
		DNSNames: []string{guideHost},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})

	suite.caDir = filepath.Join(suite.dir, "ca")
	suite.certFile = filepath.Join(suite.dir, "server.crt")
	suite.keyFile = filepath.Join(suite.dir, "server.key")
	suite.pemFile = filepath.Join(suite.dir, "server.pem")
	if err := os.MkdirAll(suite.caDir, 0o755); err != nil {
		return err
	}
	for path, data := range map[string][]byte{
		filepath.Join(suite.caDir, "ca.crt"): caPEM,
		suite.certFile:                       certPEM,
		suite.keyFile:                        keyPEM,
		suite.pemFile:                        append(append([]byte{}, certPEM...), keyPEM...),
	} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return err
		}
	}
	suite.caPool = x509.NewCertPool()
	suite.caPool.AddCert(ca)
	return nil
}

// env is one scenario's set of processes, stopped when the test ends.
type env struct {
	t          testing.TB
	dir        string
	registries int // registry processes started, to name their logs
	nginxes    int
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return &env{t: t, dir: t.TempDir()}
}

// proc is a process a test started.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string // combined output
	done chan struct{}
	once sync.Once
}

// stop ends the process group: SIGTERM, then SIGKILL after five seconds.
func (p *proc) stop() {
	p.once.Do(func() {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	})
}

// kill ends the process group at once, as a crash would.
func (p *proc) kill() {
	p.once.Do(func() {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	})
}

// rssKiB is the process's resident memory, in KiB.
func (p *proc) rssKiB() int {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kib int
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kib)
			return kib
		}
	}
	return -1
}

// start runs a process in its own process group, with output in a log file
// that a failing test prints.
func (e *env) start(name string, extraEnv []string, args ...string) *proc {
	e.t.Helper()
	logPath := filepath.Join(e.dir, name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		e.t.Fatal(err)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Dir = e.dir
	cmd.Env = append(os.Environ(), extraEnv...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("starting %s: %v", name, err)
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.done) }()
	e.t.Cleanup(func() {
		p.stop()
		logFile.Close()
		if e.t.Failed() {
			out, _ := os.ReadFile(logPath)
			e.t.Logf("---- %s log (last 3000 bytes):\n%s", name, tail(out, 3000))
		}
	})
	return p
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// waitTCP waits until each address accepts connections.
func (e *env) waitTCP(addrs ...string) {
	e.t.Helper()
	for _, addr := range addrs {
		e.waitOneTCP(addr)
	}
}

func (e *env) waitOneTCP(addr string) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%s never accepted connections: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// registryOptions configure one registry process.
type registryOptions struct {
	binary    string   // the registry binary; the suite's when empty
	addr      string   // ip:port
	storage   string   // shared root directory
	forwarded string   // YAML of http.forwarded, indented by 4; "" for none
	auth      string   // YAML of auth, indented by 2
	env       []string // more environment, after the default's
}

// startRegistry runs the built binary; its log holds the access log too.
func (e *env) startRegistry(o registryOptions) *proc {
	e.t.Helper()
	config := fmt.Sprintf(`version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: %s
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: %s
  secret: shared-secret-for-replicas
%s
%s
`, o.storage, o.addr, o.forwarded, o.auth)
	name := "registry-" + strings.ReplaceAll(o.addr, ":", "-")
	path := filepath.Join(e.dir, name+".yml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.registries++
	binary := o.binary
	if binary == "" {
		binary = suite.server
	}
	// As in the image: no trace exporter, which would otherwise try to
	// reach a collector.
	p := e.start(fmt.Sprintf("%s-%d", name, e.registries), append([]string{"OTEL_TRACES_EXPORTER=none"}, o.env...), binary, "serve", path)
	e.waitTCP(o.addr)
	return p
}

// startChain starts the registry behind the inner nginx and the edge nginx,
// each from its recipe, as most scenarios have them, and returns the
// registry and the edge's access log.
func (e *env) startChain(o registryOptions, innerRecipe, edgeRecipe string) (*proc, string) {
	e.t.Helper()
	if o.addr == "" {
		o.addr = registryTCP
	}
	if o.storage == "" {
		o.storage = filepath.Join(e.dir, "storage")
	}
	reg := e.startRegistry(o)
	e.startNginx("inner", innerRecipe, innerIP+":80")
	listen := []string{edgeIP + ":443"}
	if strings.Contains(edgeRecipe, "fieldreport") {
		listen = append(listen, edgeIP+":80")
	}
	return reg, e.startNginx("edge", edgeRecipe, listen...)
}

// recipe reads a proxy configuration from docs/proxies and fills in the
// test's certificate paths, and any extra old, new pairs. The recipes are
// written with the suite's own addresses (edgeIP, innerIP, registryTCP, ...),
// so nothing else is changed: the file the docs show is the file that runs.
func (e *env) recipe(name string, extra ...string) string {
	e.t.Helper()
	data, err := os.ReadFile(filepath.Join(suite.root, "docs", "proxies", name))
	if err != nil {
		e.t.Fatal(err)
	}
	pairs := []string{
		"/etc/ssl/registry/server.pem", suite.pemFile,
		"/etc/ssl/registry/server.crt", suite.certFile,
		"/etc/ssl/registry/server.key", suite.keyFile,
	}
	// The extra pairs come first: a replacer takes the first pair that
	// matches.
	return strings.NewReplacer(append(extra, pairs...)...).Replace(string(data))
}

// startNginx runs nginx with a recipe as its http-level configuration. The
// main file, written here, holds only what a test run needs: paths, and an
// access log that records the scheme and whether a request carried
// credentials.
func (e *env) startNginx(name, recipe string, listen ...string) string {
	access, _ := e.startNginxProc(name, recipe, listen...)
	return access
}

// startNginxProc is startNginx that also returns the process, to restart it.
func (e *env) startNginxProc(name, recipe string, listen ...string) (string, *proc) {
	e.t.Helper()
	return e.startNginxWith(name, recipe, nil, listen...)
}

// startNginxWith is startNginxProc with extra old, new pairs for the recipe
// (another port, say). Every nginx gets the token server's location as
// snippets/registry-token.conf, which the inner recipes include.
func (e *env) startNginxWith(name, recipe string, extra []string, listen ...string) (string, *proc) {
	e.t.Helper()
	dir := filepath.Join(e.dir, name)
	if err := os.MkdirAll(filepath.Join(dir, "snippets"), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "recipe.conf"), []byte(e.recipe(recipe, extra...)), 0o644); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "snippets", "registry-token.conf"), []byte(e.recipe("nginx-inner-token.conf")), 0o644); err != nil {
		e.t.Fatal(err)
	}
	access := filepath.Join(dir, "access.log")
	main := fmt.Sprintf(`daemon off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log info;
events { worker_connections 256; }
http {
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    map $http_authorization $test_credentials { "" none; default sent; }
    log_format test '$remote_addr $scheme $request_method $request_uri $status credentials=$test_credentials';
    access_log %[2]s test;
    include %[1]s/recipe.conf;
}
`, dir, access)
	mainPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(mainPath, []byte(main), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.nginxes++
	p := e.start(fmt.Sprintf("%s-%d", name, e.nginxes), nil, "nginx", "-c", mainPath, "-p", dir, "-e", filepath.Join(dir, "error.log"))
	e.waitTCP(listen...)
	return access, p
}

// writeRecipe writes a recipe, filled in for the test, to the file name in
// the scenario's directory and returns its path.
func (e *env) writeRecipe(recipe, name string) string {
	e.t.Helper()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, []byte(e.recipe(recipe)), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

func (e *env) startHAProxy(recipe string, listen ...string) {
	e.t.Helper()
	path := e.writeRecipe(recipe, "haproxy.cfg")
	e.start("haproxy", nil, "haproxy", "-db", "-f", path)
	e.waitTCP(listen...)
}

func (e *env) startCaddy(recipe string, listen ...string) {
	e.t.Helper()
	path := e.writeRecipe(recipe, "Caddyfile")
	home := filepath.Join(e.dir, "caddy-home")
	e.start("caddy", []string{"HOME=" + home, "XDG_DATA_HOME=" + home, "XDG_CONFIG_HOME=" + home},
		"caddy", "run", "--config", path, "--adapter", "caddyfile")
	e.waitTCP(listen...)
}

// apacheModules is where Debian's apache2 keeps its loadable modules.
const apacheModules = "/usr/lib/apache2/modules"

// startApache runs Apache httpd in the foreground with a recipe as its
// virtual host. The main file, written here, holds only what a test run
// needs: its own paths, the modules the recipes use, and, when the suite
// runs as root, an unprivileged user for the children (httpd refuses to
// serve as root).
func (e *env) startApache(recipe string, listen ...string) {
	e.t.Helper()
	dir := filepath.Join(e.dir, "apache2")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "recipe.conf"), []byte(e.recipe(recipe)), 0o644); err != nil {
		e.t.Fatal(err)
	}
	var main strings.Builder
	if os.Geteuid() == 0 {
		main.WriteString("User nobody\nGroup nogroup\n")
	}
	fmt.Fprintf(&main, `ServerRoot %[1]s
ServerName %[2]s
PidFile %[1]s/apache2.pid
DefaultRuntimeDir %[1]s
Mutex file:%[1]s default
ErrorLog /dev/stderr
LogLevel info
StartServers 1
`, dir, edgeIP)
	for _, m := range []string{"mpm_event", "authz_core", "proxy", "proxy_http", "ssl", "headers"} {
		fmt.Fprintf(&main, "LoadModule %s_module %s/mod_%s.so\n", m, apacheModules, m)
	}
	fmt.Fprintf(&main, "Include %s/recipe.conf\n", dir)
	path := filepath.Join(dir, "apache2.conf")
	if err := os.WriteFile(path, []byte(main.String()), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.start("apache2", nil, "apache2", "-f", path, "-DFOREGROUND")
	e.waitTCP(listen...)
}

// trafficServerRecipes are the files of the Traffic Server recipe, by the
// name Traffic Server reads each under.
var trafficServerRecipes = map[string]string{
	"records.config":       "trafficserver-records.config",
	"remap.config":         "trafficserver-remap.config",
	"ssl_multicert.config": "trafficserver-ssl_multicert.config",
	"strip-forwarded.conf": "trafficserver-strip-forwarded.conf",
}

// startTrafficServer runs traffic_server on a configuration directory of its
// own (a runroot), made from the recipe's files plus what a test run needs:
// an ip_allow.yaml that admits every method, a small cache, one thread, and
// the user to run as. As root, Traffic Server refuses to serve and switches
// to proxy.config.admin.user_id, so the whole directory, the certificate
// included, is nobody's then, outside the test's private directory.
func (e *env) startTrafficServer(listen ...string) {
	e.t.Helper()
	dir, err := os.MkdirTemp("", "trafficserver-")
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { os.RemoveAll(dir) })
	runAs := "nobody"
	if os.Geteuid() != 0 {
		u, err := user.Current()
		if err != nil {
			e.t.Fatal(err)
		}
		runAs = u.Username
	}
	etc := filepath.Join(dir, "etc")
	for _, sub := range []string{"etc", "run", "log", "cache"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			e.t.Fatal(err)
		}
	}
	files := map[string]string{
		"ip_allow.yaml": "ip_allow:\n  - apply: in\n    ip_addrs: 0/0\n    action: allow\n    methods: ALL\n" +
			"  - apply: out\n    ip_addrs: 0/0\n    action: allow\n    methods: ALL\n",
		"storage.config": filepath.Join(dir, "cache") + " 64M\n",
	}
	for _, empty := range []string{"plugin.config", "hosting.config", "volume.config", "parent.config", "cache.config",
		"splitdns.config", "socks.config", "logging.yaml", "sni.yaml", "strategies.yaml"} {
		files[empty] = ""
	}
	certs := []string{
		"/etc/ssl/registry/server.crt", filepath.Join(dir, "server.crt"),
		"/etc/ssl/registry/server.key", filepath.Join(dir, "server.key"),
	}
	for name, recipe := range trafficServerRecipes {
		files[name] = e.recipe(recipe, certs...)
	}
	files["records.config"] += fmt.Sprintf(`CONFIG proxy.config.admin.user_id STRING %s
CONFIG proxy.config.exec_thread.autoconfig INT 0
CONFIG proxy.config.exec_thread.limit INT 1
CONFIG proxy.config.task_threads INT 1
CONFIG proxy.config.diags.output.error STRING O
CONFIG proxy.config.diags.output.warning STRING O
CONFIG proxy.config.log.logging_enabled INT 0
`, runAs)
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(etc, name), []byte(content), 0o644); err != nil {
			e.t.Fatal(err)
		}
	}
	for _, f := range []string{suite.certFile, suite.keyFile} {
		data, err := os.ReadFile(f)
		if err != nil {
			e.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o600); err != nil {
			e.t.Fatal(err)
		}
	}
	runroot := fmt.Sprintf(`prefix: %[1]s
exec_prefix: /usr
bindir: /usr/bin
sbindir: /usr/sbin
sysconfdir: %[1]s/etc
datadir: /usr/share/trafficserver
includedir: /usr/include
libdir: /usr/lib/trafficserver
libexecdir: /usr/lib/trafficserver/modules
localstatedir: %[1]s/run
runtimedir: %[1]s/run
logdir: %[1]s/log
cachedir: %[1]s/cache
`, dir)
	if err := os.WriteFile(filepath.Join(dir, "runroot.yaml"), []byte(runroot), 0o644); err != nil {
		e.t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if u, err := user.Lookup(runAs); err == nil {
			var uid, gid int
			fmt.Sscan(u.Uid, &uid)
			fmt.Sscan(u.Gid, &gid)
			_ = filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
				if err == nil {
					err = os.Lchown(path, uid, gid)
				}
				return err
			})
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			e.t.Fatal(err)
		}
	}
	e.start("trafficserver", nil, "traffic_server", "--run-root="+filepath.Join(dir, "runroot.yaml"))
	e.waitTCP(listen...)
}

// startNghttpx runs nghttpx with a recipe as its configuration file; the
// command line adds only what a test run needs.
func (e *env) startNghttpx(recipe string, listen ...string) {
	e.t.Helper()
	path := e.writeRecipe(recipe, "nghttpx.conf")
	// The test certificate names no OCSP responder; one worker.
	e.start("nghttpx", nil, "nghttpx", "--conf="+path, "--no-ocsp", "--workers=1", "--errorlog-file=/dev/stderr")
	e.waitTCP(listen...)
}

// startLighttpd runs lighttpd in the foreground with a recipe included by a
// main file that holds only a test run's paths.
func (e *env) startLighttpd(recipe string, listen ...string) {
	e.t.Helper()
	dir := filepath.Join(e.dir, "lighttpd")
	if err := os.MkdirAll(filepath.Join(dir, "htdocs"), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "recipe.conf"), []byte(e.recipe(recipe)), 0o644); err != nil {
		e.t.Fatal(err)
	}
	main := fmt.Sprintf("server.document-root = %q\nserver.errorlog = \"/dev/stderr\"\ninclude %q\n",
		filepath.Join(dir, "htdocs"), filepath.Join(dir, "recipe.conf"))
	path := filepath.Join(dir, "lighttpd.conf")
	if err := os.WriteFile(path, []byte(main), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.start("lighttpd", nil, "lighttpd", "-D", "-f", path)
	e.waitTCP(listen...)
}

// httpClient returns a client that connects from clientIP and trusts the
// test CA, with its requests recorded.
func httpClient(rec *recorder) *http.Client {
	dialer := &net.Dialer{
		LocalAddr: &net.TCPAddr{IP: net.ParseIP(clientIP)},
		Timeout:   10 * time.Second,
	}
	base := &http.Transport{
		DialContext:         dialer.DialContext,
		TLSClientConfig:     &tls.Config{RootCAs: suite.caPool},
		TLSHandshakeTimeout: 10 * time.Second,
		ForceAttemptHTTP2:   false,
	}
	rec.next = base
	return &http.Client{Transport: rec, Timeout: 2 * time.Minute}
}

// readFile returns a file's content, or "" when it does not exist yet.
func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// runCommand runs a short-lived command and returns its combined output.
func runCommand(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}
