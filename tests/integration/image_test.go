package integration

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// imageAddr is where the image's registry listens when no proxy is in front.
const imageAddr = "127.0.70.1:5000"

// Local stand-ins for the official base images, which the suite cannot
// pull: the Dockerfile takes both as build arguments.
const (
	builderImage = "local/registry-builder:test"
	baseImage    = "local/registry-base:test"
	builtImage   = "local/registry:test"
)

// buildImage builds the image from the Dockerfile as users build it, with
// two base images made here with docker import: a builder holding this
// machine's Go toolchain, a shell and the CA bundle, and a base holding a
// static busybox and the CA bundle. The build runs without a network: the
// Dockerfile needs only the vendored modules.
func buildImage(t *testing.T) {
	t.Helper()
	d := newDockerCLI(t)
	gorootOut, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(gorootOut))
	ca, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		t.Fatalf("the CA bundle for the base images: %v", err)
	}

	start := time.Now()
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(builderTar(pw, goroot, ca)) }()
	d.must(pr, "import",
		"--change", "ENV PATH=/usr/local/go/bin:/bin",
		"--change", "ENV HOME=/root",
		"-", builderImage)
	base, err := rootfsTar(map[string][]byte{"etc/ssl/certs/ca-certificates.crt": ca})
	if err != nil {
		t.Fatal(err)
	}
	d.must(bytes.NewReader(base), "import", "--change", "ENV PATH=/bin", "-", baseImage)
	t.Logf("base images imported in %s", time.Since(start).Round(time.Second))

	start = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	out, err := dockerCommand(ctx, d.config, nil, "build", "--network", "none",
		"--build-arg", "BUILDER_IMAGE="+builderImage,
		"--build-arg", "BASE_IMAGE="+baseImage,
		"-t", builtImage, suite.root)
	if err != nil {
		t.Fatalf("docker build: %v\n%s", err, tailString(out, 4000))
	}
	size := strings.TrimSpace(d.must(nil, "image", "inspect", "--format", "{{.Size}}", builtImage))
	var n int64
	fmt.Sscan(size, &n)
	t.Logf("image built from the Dockerfile in %s: %.1f MB (%s bytes), dockerd %s",
		time.Since(start).Round(time.Second), float64(n)/1e6, size, daemon.version)
}

// builderTar writes the builder's root file system: the Go toolchain at
// /usr/local/go, a static busybox as /bin/sh, the CA bundle, /tmp and /root.
func builderTar(w io.Writer, goroot string, ca []byte) error {
	rootfs, err := rootfsTar(map[string][]byte{"etc/ssl/certs/ca-certificates.crt": ca, "root/.keep": nil})
	if err != nil {
		return err
	}
	tw := tar.NewWriter(w)
	// The small root first, without its end-of-archive marker.
	tr := tar.NewReader(bytes.NewReader(rootfs))
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := io.Copy(tw, tr); err != nil {
			return err
		}
	}
	for _, dir := range []string{"usr/", "usr/local/"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir, Mode: 0o755}); err != nil {
			return err
		}
	}
	err = filepath.WalkDir(goroot, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(goroot, path)
		if rel == "test" {
			return filepath.SkipDir // the toolchain's own tests: not needed to build
		}
		info, err := de.Info()
		if err != nil {
			return err
		}
		link := ""
		if info.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(path); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(info, link)
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(filepath.Join("usr/local/go", rel))
		if de.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			_, err = io.Copy(tw, f)
			f.Close()
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tw.Close()
}

// container runs the built image detached, as users run registry:3, and
// removes it, with its anonymous volume, when the test ends.
func runContainer(t *testing.T, d *dockerCLI, name string, args ...string) {
	t.Helper()
	d.must(nil, append([]string{"run", "-d", "--name", name}, args...)...)
	t.Cleanup(func() {
		if t.Failed() {
			out, _ := d.run(nil, "logs", name)
			t.Logf("---- %s log (last 3000 bytes):\n%s", name, tailString(out, 3000))
		}
		if out, err := d.run(nil, "rm", "-f", "-v", name); err != nil {
			t.Errorf("%v\n%s", err, out)
		}
	})
}

// TestImage builds the image from the Dockerfile and runs it as users run
// registry:3: the entrypoint's dispatch, the default command and
// configuration with its volume, the http.forwarded keys from the
// environment, a mounted config.yml, garbage-collect and doctor, and pushes
// with the docker client through the double proxy to the container.
func TestImage(t *testing.T) {
	buildImage(t)
	d := newDockerCLI(t)

	version, upstream := thisVersion(t)

	t.Run("labels", func(t *testing.T) {
		// A LABEL cannot read VERSION: the Dockerfile keeps a copy in its
		// VERSION argument, and its build stage refuses a copy that
		// differs. The labels must say this build.
		var labels map[string]string
		if err := json.Unmarshal([]byte(d.must(nil, "image", "inspect", "--format", "{{json .Config.Labels}}", builtImage)), &labels); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"org.opencontainers.image.version":   version,
			"org.opencontainers.image.source":    "https://github.com/proxyaware/registry",
			"org.opencontainers.image.licenses":  "Apache-2.0",
			"org.opencontainers.image.base.name": baseImage,
		}
		for k, v := range want {
			if labels[k] != v {
				t.Errorf("label %s is %q, want %q", k, labels[k], v)
			}
		}
		if d := labels["org.opencontainers.image.description"]; !strings.Contains(d, "Distribution registry "+upstream) {
			t.Errorf("label org.opencontainers.image.description %q does not name upstream %s", d, upstream)
		}
		// Not passed here, as in the README's first build: empty, or a commit.
		if r := labels["org.opencontainers.image.revision"]; r != "" && !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(r) {
			t.Errorf("label org.opencontainers.image.revision %q is not a commit", r)
		}
		// A VERSION argument that differs from the file fails the build.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := dockerCommand(ctx, d.config, nil, "build", "--network", "none",
			"--build-arg", "BUILDER_IMAGE="+builderImage,
			"--build-arg", "BASE_IMAGE="+baseImage,
			"--build-arg", "VERSION="+version+".other",
			"-t", builtImage+"-other", suite.root)
		if err == nil || !strings.Contains(out, "make them equal") {
			t.Errorf("a build with a VERSION argument other than VERSION's: %v\n%s", err, tailString(out, 2000))
		}
	})

	t.Run("entrypoint", func(t *testing.T) {
		if out, err := d.run(nil, "run", "--rm", "--network", "none", builtImage, "--version"); err != nil || strings.TrimSpace(out) != "registry github.com/distribution/distribution/v3 "+version {
			t.Errorf("flags go to the binary, which says this build's version %s: %v\n%s", version, err, out)
		}
		if out, err := d.run(nil, "run", "--rm", "--network", "none", builtImage, "help"); err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "doctor") {
			t.Errorf("help goes to the binary: %v\n%s", err, out)
		}
		if out, err := d.run(nil, "run", "--rm", "--network", "none", builtImage, "echo", "hello from the image"); err != nil || strings.TrimSpace(out) != "hello from the image" {
			t.Errorf("anything else is executed: %v\n%s", err, out)
		}
		// The CA bundle, from the build stage, is where Go looks for it.
		if out, err := d.run(nil, "run", "--rm", "--network", "none", builtImage, "test", "-s", "/etc/ssl/certs/ca-certificates.crt"); err != nil {
			t.Errorf("no CA bundle in the image: %v\n%s", err, out)
		}
	})

	t.Run("default command, configuration and volume", func(t *testing.T) {
		e := newEnv(t)
		// The one change to the default configuration is the listen
		// address, set the way users set it: from the environment.
		name := "registry-default"
		runContainer(t, d, name, "--network", "host", "-e", "REGISTRY_HTTP_ADDR="+imageAddr, builtImage)
		e.waitTCP(imageAddr)
		if err := pushPlain(http.DefaultClient, "http://"+imageAddr, "image-test", "v1", newImage(t, 2, 1024)); err != nil {
			t.Fatal(err)
		}
		mounts := d.must(nil, "container", "inspect", "--format", "{{range .Mounts}}{{.Type}} {{.Destination}};{{end}}", name)
		if strings.TrimSpace(mounts) != "volume /var/lib/registry;" {
			t.Errorf("the container's mounts are %q, want the image's volume /var/lib/registry", mounts)
		}
		// The push is in the volume: the garbage collector, run through
		// the entrypoint on the same volume, finds the repository.
		out, err := d.run(nil, "run", "--rm", "--network", "none", "--volumes-from", name, builtImage,
			"garbage-collect", "--dry-run", "/etc/distribution/config.yml")
		if err != nil || !strings.Contains(out, "image-test") {
			t.Errorf("garbage-collect on the volume: %v\n%s", err, out)
		}
		logs := d.must(nil, "logs", name)
		if strings.Contains(logs, "http.forwarded") {
			t.Errorf("the default configuration, without http.forwarded, logs about it:\n%s", tailString(logs, 3000))
		}
	})

	t.Run("default configuration, http.forwarded from the environment, behind the double proxy", func(t *testing.T) {
		// The proxies as the guide recommends them: an edge that
		// overwrites the forwarding headers, both proxies trusted.
		e := newEnv(t)
		name := "registry-env"
		runContainer(t, d, name, "--network", "host",
			"-e", "REGISTRY_HTTP_ADDR="+registryTCP,
			"-e", "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=["+edgeIP+", "+innerIP+"]",
			"-e", "REGISTRY_HTTP_FORWARDED_SCHEME=https",
			"-e", "REGISTRY_HTTP_FORWARDED_ALLOWEDHOSTS=["+edgeIP+"]",
			builtImage)
		e.waitTCP(registryTCP)
		e.startNginx("inner", "nginx-inner-fieldreport.conf", innerIP+":80")
		e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
		newDockerCLI(t).roundTrip(edgeIP, "image/env")
		pushAndPull(t, edgeIP, []pushPuller{&dockerClient{}})
		if logs := d.must(nil, "logs", name); strings.Contains(logs, "http.forwarded is not configured") {
			t.Errorf("the environment's http.forwarded was not applied:\n%s", tailString(logs, 3000))
		}
	})

	t.Run("mounted config.yml with htpasswd, http.forwarded from the environment, the field report's proxies", func(t *testing.T) {
		// The field report's proxies, unchanged, and the safe fix:
		// no proxy trusted, the scheme and the host stated.
		e := newEnv(t)
		config := filepath.Join(e.dir, "config.yml")
		if err := os.WriteFile(config, []byte(`version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: `+registryTCP+`
auth:
  htpasswd:
    realm: registry
    path: /auth/htpasswd
`), 0o644); err != nil {
			t.Fatal(err)
		}
		name := "registry-mounted"
		runContainer(t, d, name, "--network", "host",
			"-v", config+":/etc/distribution/config.yml:ro",
			"-v", suite.htpasswd+":/auth/htpasswd:ro",
			"-e", "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=[]",
			"-e", "REGISTRY_HTTP_FORWARDED_SCHEME=https",
			"-e", "REGISTRY_HTTP_FORWARDED_ALLOWEDHOSTS="+edgeIP,
			builtImage)
		e.waitTCP(registryTCP)
		e.startNginx("inner", "nginx-inner-fieldreport.conf", innerIP+":80")
		edgeLog := e.startNginx("edge", "nginx-edge-fieldreport.conf", edgeIP+":443", edgeIP+":80")
		newDockerCLI(t).roundTrip(edgeIP, "image/mounted")
		pushAndPull(t, edgeIP, []pushPuller{&dockerClient{}})
		if plain := plainRequests(edgeLog); len(plain) > 0 {
			t.Errorf("the edge's plain listener saw %d requests: %q", len(plain), plain)
		}
		// The doctor, run from the image through its entrypoint, finds
		// nothing wrong at the edge.
		out, err := d.run(strings.NewReader(password+"\n"), "run", "--rm", "-i", "--network", "host",
			"-v", suite.caDir+":/ca:ro", builtImage,
			"doctor", "https://"+edgeIP, "--cacert", "/ca/ca.crt", "--username", username, "--password-stdin")
		if err != nil || !strings.Contains(out, "result: ") {
			t.Errorf("doctor through the entrypoint: %v\n%s", err, out)
		}
	})
}
