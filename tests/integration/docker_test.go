package integration

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// daemon is the suite's own Docker daemon: its socket, data and state live
// in the suite's scratch directory, and TestMain stops it by its process id.
// The field report's client is Docker's, and Docker pushes from the daemon:
// the scenarios drive it with the docker command, as users do.
var daemon struct {
	host    string // DOCKER_HOST for the client
	version string // the daemon's version, for the log
	log     string
}

// startDockerd runs dockerd with no network setup of its own (containers run
// with --network host or none) and waits until it answers. stop ends it and
// whatever it started.
func startDockerd(dir string) (stop func(), err error) {
	root := filepath.Join(dir, "docker")
	for _, d := range []string{"data", "exec"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o700); err != nil {
			return nil, err
		}
	}
	// An empty daemon configuration of its own, so that the host's, if
	// any, changes nothing.
	configFile := filepath.Join(root, "daemon.json")
	if err := os.WriteFile(configFile, []byte("{}\n"), 0o600); err != nil {
		return nil, err
	}
	sock := filepath.Join(root, "docker.sock")
	daemon.host = "unix://" + sock
	daemon.log = filepath.Join(root, "dockerd.log")
	logFile, err := os.Create(daemon.log)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("dockerd",
		"--config-file", configFile,
		"--iptables=false", "--ip6tables=false", "--bridge=none",
		"--storage-driver=overlay2",
		"--data-root", filepath.Join(root, "data"),
		"--exec-root", filepath.Join(root, "exec"),
		"--pidfile", filepath.Join(root, "dockerd.pid"),
		"-H", daemon.host)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("starting dockerd: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	stop = func() {
		// dockerd stops its containers and its containerd on SIGTERM.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logFile.Close()
		// dockerd leaves its network namespace mount behind, and a killed
		// one its layers: unmount whatever is left under its directory, so
		// that the scratch directory can go.
		unmountUnder(root)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		out, err := dockerCommand(ctx, "", nil, "version", "--format", "{{.Server.Version}}")
		cancel()
		if err == nil {
			daemon.version = strings.TrimSpace(out)
			fmt.Fprintf(os.Stderr, "integration: dockerd %s\n", daemon.version)
			return stop, nil
		}
		select {
		case <-done:
			return nil, fmt.Errorf("dockerd exited:\n%s", tail([]byte(readFile(daemon.log)), 3000))
		default:
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("dockerd did not answer: %v\n%s\n%s", err, out, tail([]byte(readFile(daemon.log)), 3000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// dockerCommand runs the docker client against the suite's daemon, with the
// client configuration (and so the logins) in config, when given.
func dockerCommand(ctx context.Context, config string, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "docker", args...)
	cmd.Env = append(os.Environ(), "DOCKER_HOST="+daemon.host, "DOCKER_BUILDKIT=0")
	if config != "" {
		cmd.Env = append(cmd.Env, "DOCKER_CONFIG="+config)
	}
	cmd.Stdin = stdin
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// dockerCLI is the docker command with a client configuration of its own.
type dockerCLI struct {
	t      testing.TB
	config string
}

func newDockerCLI(t testing.TB) *dockerCLI {
	return &dockerCLI{t: t, config: t.TempDir()}
}

// run runs one docker command, bounded in time.
func (d *dockerCLI) run(stdin io.Reader, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := dockerCommand(ctx, d.config, stdin, args...)
	if err != nil {
		err = fmt.Errorf("docker %s: %v", strings.Join(args, " "), err)
	}
	return out, err
}

// must runs a docker command that has to succeed.
func (d *dockerCLI) must(stdin io.Reader, args ...string) string {
	d.t.Helper()
	out, err := d.run(stdin, args...)
	if err != nil {
		d.t.Fatalf("%v\n%s", err, out)
	}
	return out
}

func (d *dockerCLI) login(host string) (string, error) {
	return d.run(strings.NewReader(password), "login", "--username", username, "--password-stdin", host)
}

// freshImage imports a new image, tagged ref: a static busybox and a file
// with content no other image has, so that every push uploads a layer the
// registry has never seen. It returns that content, which the image prints
// when run.
func (d *dockerCLI) freshImage(ref string) string {
	d.t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		d.t.Fatal(err)
	}
	stamp := "fresh image " + hex.EncodeToString(b)
	layer, err := rootfsTar(map[string][]byte{"etc/stamp": []byte(stamp + "\n")})
	if err != nil {
		d.t.Fatal(err)
	}
	d.must(bytes.NewReader(layer), "import", "--change", `CMD ["/bin/busybox", "cat", "/etc/stamp"]`, "-", ref)
	return stamp
}

// roundTrip is what a user of the field report does: log in, push a freshly
// built image, remove it locally, pull it and run it. Every step must work.
func (d *dockerCLI) roundTrip(host, repo string) {
	d.t.Helper()
	if out, err := d.login(host); err != nil {
		d.t.Fatalf("%v\n%s", err, out)
	}
	ref := host + "/" + repo + ":v1"
	stamp := d.freshImage(ref)
	d.must(nil, "push", ref)
	d.must(nil, "image", "rm", ref)
	d.must(nil, "pull", ref)
	out := d.must(nil, "run", "--rm", "--network", "none", ref)
	if strings.TrimSpace(out) != stamp {
		d.t.Errorf("the pulled image printed %q, want %q", out, stamp)
	}
	d.must(nil, "image", "rm", ref)
}

// rootfsTar is a root file system with a static busybox as /bin/busybox and
// /bin/sh, a /tmp, and the given extra files.
func rootfsTar(files map[string][]byte) ([]byte, error) {
	busybox, err := exec.LookPath("busybox")
	if err != nil {
		return nil, fmt.Errorf("busybox (static) is needed for the test images: %v", err)
	}
	bb, err := os.ReadFile(busybox)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	dirs := map[string]bool{}
	mkdirs := func(name string) error {
		parts := strings.Split(name, "/")
		for i := 1; i < len(parts); i++ {
			d := strings.Join(parts[:i], "/")
			if dirs[d] {
				continue
			}
			dirs[d] = true
			mode := int64(0o755)
			if d == "tmp" {
				mode = 0o1777
			}
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: mode}); err != nil {
				return err
			}
		}
		return nil
	}
	add := func(name string, data []byte, mode int64) error {
		if err := mkdirs(name); err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: mode, Size: int64(len(data))}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := add("bin/busybox", bb, 0o755); err != nil {
		return nil, err
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: "bin/sh", Linkname: "busybox", Mode: 0o777}); err != nil {
		return nil, err
	}
	if err := mkdirs("tmp/x"); err != nil {
		return nil, err
	}
	for name, data := range files {
		if err := add(name, data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dockerFieldReportFailure is the field report with Docker's own client:
// docker login through the edge works, and docker push of a freshly built
// image fails with "unauthorized: authentication required", because the
// daemon sends the layer to the http:// upload URL the registry handed out,
// without the credentials, and gets 401 there.
func dockerFieldReportFailure(t *testing.T, edgeLog, host, repo string) {
	t.Helper()
	d := newDockerCLI(t)
	if out, err := d.login(host); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ref := host + "/" + repo + ":v1"
	d.freshImage(ref)
	defer func() { _, _ = d.run(nil, "image", "rm", ref) }()
	before := len(plainRequests(edgeLog))
	out, err := d.run(nil, "push", ref)
	t.Logf("docker push %s: %v\n%s", ref, err, out)
	if err == nil || !strings.Contains(out, "unauthorized: authentication required") {
		t.Errorf("docker push: got %v, want unauthorized: authentication required\n%s", err, out)
	}
	var uploads int
	for _, line := range plainRequests(edgeLog)[before:] {
		if strings.Contains(line, "/v2/"+repo+"/blobs/uploads/") && strings.Contains(line, " 401 credentials=none") {
			uploads++
		}
	}
	if uploads == 0 {
		t.Errorf("docker push: the edge's plain listener saw no layer upload without credentials answered 401:\n%s", readFile(edgeLog))
	}
}

// unmountUnder detaches every mount at or below dir, deepest first.
func unmountUnder(dir string) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var points []string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			points = append(points, f[4])
		}
	}
	for i := len(points) - 1; i >= 0; i-- {
		_ = syscall.Unmount(points[i], syscall.MNT_DETACH)
	}
}
