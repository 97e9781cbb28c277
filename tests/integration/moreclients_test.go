package integration

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	digest "github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

// moreClients are the clients beyond allClients' three: podman and buildah
// from Debian, and crane, oras and regctl built from their Go modules. Like
// skopeo, none of them can choose its source address: they connect from
// 127.0.0.1.
func moreClients(t testing.TB, dir string) []pushPuller {
	return []pushPuller{
		&containersClient{tool: "podman", dir: filepath.Join(dir, "podman"), t: t},
		&containersClient{tool: "buildah", dir: filepath.Join(dir, "buildah"), t: t},
		&craneClient{dir: filepath.Join(dir, "crane")},
		&orasClient{dir: filepath.Join(dir, "oras")},
		&regctlClient{dir: filepath.Join(dir, "regctl")},
	}
}

// everyClient is every client the suite has.
func everyClient(t testing.TB, dir string) []pushPuller {
	return append(allClients(dir), moreClients(t, dir)...)
}

// TestEveryClientThroughTheChains pushes an image with every client and
// pulls it back, digests verified, through the TLS edge and the inner nginx:
// in the field report's chain with the safe fix (no proxy trusted, the
// scheme and the host names stated; the edge's plain listener sees
// nothing), and in the guide's chain with both proxies trusted.
func TestEveryClientThroughTheChains(t *testing.T) {
	for _, tool := range []string{"crane", "oras", "regctl"} {
		t.Logf("%s: %s", tool, toolVersion(suite.tools[tool]))
	}
	for _, tool := range []string{"podman", "buildah"} {
		out, err := runCommand(context.Background(), tool, "--version")
		if err != nil {
			t.Fatalf("%s --version: %v\n%s", tool, err, out)
		}
		t.Logf("%s", strings.TrimSpace(out))
	}
	t.Run("the field report's proxies, the safe fix", func(t *testing.T) {
		e := newEnv(t)
		_, edgeLog := e.startChain(registryOptions{
			forwarded: forwardedYAML("", "https") + "    allowedhosts: [" + edgeIP + "]\n",
			auth:      htpasswdAuthYAML(),
		}, "nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf")
		pushAndPull(t, edgeIP, everyClient(t, e.dir))
		if plain := plainRequests(edgeLog); len(plain) > 0 {
			t.Errorf("the edge's plain listener saw %d requests: %q", len(plain), plain)
		}
	})
	t.Run("the guide's proxies, both trusted", func(t *testing.T) {
		e := newEnv(t)
		e.startChain(registryOptions{
			forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
			auth:      htpasswdAuthYAML(),
		}, "nginx-inner.conf", "nginx-edge.conf")
		pushAndPull(t, edgeIP, everyClient(t, e.dir))
	})
}

// cli runs a command-line client with an environment of its own and keeps
// what its last commands printed, for failure messages.
type cli struct {
	dir  string   // working directory
	env  []string // added to the process environment
	logs []string
}

func (c *cli) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), c.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	c.logs = append(c.logs, fmt.Sprintf("$ %s %s (%v)\n%s%s", filepath.Base(name), strings.Join(args, " "), err,
		tailString(stdout.String(), 1500), tailString(stderr.String(), 1500)))
	if len(c.logs) > 3 {
		c.logs = c.logs[len(c.logs)-3:]
	}
	if err != nil {
		return stdout.Bytes(), fmt.Errorf("%s %s: %v", filepath.Base(name), args[0], err)
	}
	return stdout.Bytes(), nil
}

func (c *cli) trace() string { return "last commands:\n" + strings.Join(c.logs, "\n") }

// containersClient is podman or buildah, from Debian, on containers/image
// and containers/storage like skopeo, but through their own local image
// store: the image is pulled into a store from an OCI layout or archive the
// test writes, pushed from there to the registry, and pulled into a fresh
// store. No container runs.
//
// What a container without most privileges needs: the vfs storage driver;
// the store (--root) under the test's directory, and its run directory
// (--runroot) and, for podman, the libpod state (--tmpdir) under a short
// private directory, since podman refuses a run directory longer than 50
// characters; cgroupfs as the cgroup manager and
// a file for events, which need neither systemd nor journald; and
// containers.conf, registries.conf and storage.conf written by the test and
// named by CONTAINERS_CONF, CONTAINERS_REGISTRIES_CONF and
// CONTAINERS_STORAGE_CONF, with the signature policy passed as
// --signature-policy (these versions do not read CONTAINERS_POLICY_JSON).
// Both still share root's blob-info cache under /var/lib/containers/cache,
// as skopeo does: it records which compressed blobs hold which layers, and
// no option of these versions moves it.
type containersClient struct {
	tool   string // podman or buildah
	dir    string
	t      testing.TB // removes the run directories
	run    string     // short directory for the stores' run directories
	stores int
	cli    cli
	pushed map[string]digest.Digest // the manifest digest of each pushed reference
}

func (c *containersClient) name() string  { return c.tool }
func (c *containersClient) trace() string { return c.cli.trace() }

// setup writes the configuration files once.
func (c *containersClient) setup() error {
	if c.cli.dir != "" {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	run, err := os.MkdirTemp("/tmp", c.tool+"-")
	if err != nil {
		return err
	}
	c.t.Cleanup(func() { os.RemoveAll(run) })
	c.run = run
	files := map[string]string{
		"containers.conf": fmt.Sprintf("[engine]\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\ntmp_dir = %q\n", filepath.Join(run, "libpod")),
		"registries.conf": "unqualified-search-registries = []\n",
		"storage.conf":    fmt.Sprintf("[storage]\ndriver = \"vfs\"\ngraphroot = %q\nrunroot = %q\n", filepath.Join(c.dir, "store-default"), filepath.Join(run, "default")),
		"policy.json":     `{"default":[{"type":"insecureAcceptAnything"}]}`,
		"auth.json":       `{"auths":{}}`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(c.dir, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	c.cli = cli{dir: c.dir, env: []string{
		"CONTAINERS_CONF=" + filepath.Join(c.dir, "containers.conf"),
		"CONTAINERS_REGISTRIES_CONF=" + filepath.Join(c.dir, "registries.conf"),
		"CONTAINERS_STORAGE_CONF=" + filepath.Join(c.dir, "storage.conf"),
		"REGISTRY_AUTH_FILE=" + filepath.Join(c.dir, "auth.json"),
		"TMPDIR=" + c.dir,
	}}
	c.pushed = map[string]digest.Digest{}
	return nil
}

// newStore names a fresh image store.
func (c *containersClient) newStore() string {
	c.stores++
	return fmt.Sprint(c.stores)
}

// exec runs the tool on the image store named store.
func (c *containersClient) exec(ctx context.Context, store string, args ...string) (string, error) {
	global := []string{"--root", filepath.Join(c.dir, "store-"+store), "--runroot", filepath.Join(c.run, store), "--storage-driver", "vfs"}
	if c.tool == "podman" {
		global = append(global, "--tmpdir", filepath.Join(c.run, store+"-libpod"), "--cgroup-manager", "cgroupfs", "--events-backend", "file")
	}
	out, err := c.cli.run(ctx, c.tool, append(global, args...)...)
	return strings.TrimSpace(string(out)), err
}

func (c *containersClient) remote() []string {
	return []string{"--tls-verify=true", "--cert-dir", suite.caDir, "--creds", username + ":" + password,
		"--signature-policy", filepath.Join(c.dir, "policy.json")}
}

func (c *containersClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.setup(); err != nil {
		return err
	}
	store := c.newStore()
	// podman reads the test's OCI layout, buildah an OCI archive of it.
	// podman names the image it reads from a layout after the layout's
	// path, which must then be a valid repository name: lower case, as the
	// short directory's path is and test directories' paths are not.
	layout := filepath.Join(c.run, "layout-"+tag)
	if err := img.writeLayout(layout, tag); err != nil {
		return err
	}
	source := "oci:" + layout + ":" + tag
	if c.tool == "buildah" {
		archive := layout + ".tar"
		if err := tarDir(layout, archive); err != nil {
			return err
		}
		source = "oci-archive:" + archive + ":" + tag
	}
	id, err := c.exec(ctx, store, "pull", "-q", "--signature-policy", filepath.Join(c.dir, "policy.json"), source)
	if err != nil {
		return err
	}
	if id != img.config.desc.Digest.Encoded() {
		return fmt.Errorf("%s stored the image as %q, want its config digest %s", c.tool, id, img.config.desc.Digest.Encoded())
	}
	// The store holds the layers unpacked: the push compresses them anew,
	// so the manifest it writes is the tool's own, named in --digestfile.
	digestFile := filepath.Join(c.dir, "digest-"+tag)
	if _, err := c.exec(ctx, store, append(append([]string{"push", "-q"}, c.remote()...),
		"--digestfile", digestFile, id, "docker://"+host+"/"+repo+":"+tag)...); err != nil {
		return err
	}
	raw, err := os.ReadFile(digestFile)
	if err != nil {
		return err
	}
	dgst, err := digest.Parse(strings.TrimSpace(string(raw)))
	if err != nil {
		return fmt.Errorf("%s --digestfile: %v", c.tool, err)
	}
	c.pushed[host+"/"+repo+":"+tag] = dgst
	return nil
}

func (c *containersClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.setup(); err != nil {
		return err
	}
	ref := host + "/" + repo + ":" + tag
	want, ok := c.pushed[ref]
	if !ok {
		return fmt.Errorf("%s pushed no %s", c.tool, ref)
	}
	// A fresh store: everything comes from the registry.
	store := c.newStore()
	id, err := c.exec(ctx, store, append(append([]string{"pull", "-q"}, c.remote()...), "docker://"+ref)...)
	if err != nil {
		return err
	}
	if id != img.config.desc.Digest.Encoded() {
		return fmt.Errorf("pulled image %q, want the config digest %s", id, img.config.desc.Digest.Encoded())
	}
	var inspect []string
	if c.tool == "podman" {
		inspect = []string{"image", "inspect", "--format", "{{.Id}} {{.Digest}}", ref}
	} else {
		inspect = []string{"inspect", "--type", "image", "--format", "{{.FromImageID}} {{.FromImageDigest}}", ref}
	}
	out, err := c.exec(ctx, store, inspect...)
	if err != nil {
		return err
	}
	if got := id + " " + want.String(); out != got {
		return fmt.Errorf("pulled image is %q, want %q (config digest, pushed manifest digest)", out, got)
	}
	// The content itself: the pulled image written out as an OCI layout,
	// its layers unpacked and compared with the test's.
	export := filepath.Join(c.dir, "export-"+tag)
	if _, err := c.exec(ctx, store, "push", "-q", "--signature-policy", filepath.Join(c.dir, "policy.json"), id, "oci:"+export+":"+tag); err != nil {
		return err
	}
	return img.checkLayoutContent(export)
}

// checkLayoutContent checks that the OCI layout at dir holds this image's
// config and layers, the layers compared uncompressed: for clients that
// compress layers themselves.
func (img *image) checkLayoutContent(dir string) error {
	var index ocispec.Index
	if err := readJSON(filepath.Join(dir, "index.json"), &index); err != nil {
		return err
	}
	if len(index.Manifests) != 1 {
		return fmt.Errorf("layout %s has %d manifests, want 1", dir, len(index.Manifests))
	}
	blobPath := func(d digest.Digest) string { return filepath.Join(dir, "blobs", d.Algorithm().String(), d.Encoded()) }
	var m ocispec.Manifest
	if err := readJSON(blobPath(index.Manifests[0].Digest), &m); err != nil {
		return err
	}
	if m.Config.Digest != img.config.desc.Digest {
		return fmt.Errorf("config %s, want %s", m.Config.Digest, img.config.desc.Digest)
	}
	config, err := os.ReadFile(blobPath(m.Config.Digest))
	if err != nil {
		return err
	}
	if !bytes.Equal(config, img.config.data) {
		return fmt.Errorf("config blob differs")
	}
	if len(m.Layers) != len(img.layers) {
		return fmt.Errorf("%d layers, want %d", len(m.Layers), len(img.layers))
	}
	for i, l := range m.Layers {
		data, err := os.ReadFile(blobPath(l.Digest))
		if err != nil {
			return err
		}
		if digest.FromBytes(data) != l.Digest {
			return fmt.Errorf("layer %d: blob does not match its digest %s", i, l.Digest)
		}
		got, err := gunzip(data)
		if err != nil {
			return fmt.Errorf("layer %d: %v", i, err)
		}
		want, err := gunzip(img.layers[i].data)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("layer %d differs uncompressed", i)
		}
	}
	return nil
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

func readJSON(path string, v any) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// tarDir writes the files under dir to a tar archive at path, names
// relative to dir.
func tarDir(dir, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(f)
	err = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(fi, "")
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if fi.IsDir() {
			hdr.Name += "/"
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if fi.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if cerr := tw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// craneClient is go-containerregistry's crane: it pushes the test's OCI
// layout as it is and pulls it back as an OCI layout. It trusts the suite's
// CA through SSL_CERT_FILE and logs in to a Docker config of its own.
type craneClient struct {
	dir string
	cli cli
}

func (c *craneClient) name() string  { return "crane" }
func (c *craneClient) trace() string { return c.cli.trace() }

func (c *craneClient) login(ctx context.Context, host string) error {
	if err := os.MkdirAll(filepath.Join(c.dir, "docker"), 0o700); err != nil {
		return err
	}
	c.cli.dir = c.dir
	c.cli.env = []string{"DOCKER_CONFIG=" + filepath.Join(c.dir, "docker"), "SSL_CERT_FILE=" + filepath.Join(suite.caDir, "ca.crt")}
	_, err := c.cli.run(ctx, suite.tools["crane"], "auth", "login", host, "-u", username, "-p", password)
	return err
}

func (c *craneClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.login(ctx, host); err != nil {
		return err
	}
	layout := filepath.Join(c.dir, "push-"+tag)
	if err := img.writeLayout(layout, tag); err != nil {
		return err
	}
	out, err := c.cli.run(ctx, suite.tools["crane"], "push", layout, host+"/"+repo+":"+tag)
	if err != nil {
		return err
	}
	if got, want := strings.TrimSpace(string(out)), host+"/"+repo+"@"+img.manifest.desc.Digest.String(); got != want {
		return fmt.Errorf("crane push printed %q, want %q", got, want)
	}
	return nil
}

func (c *craneClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.login(ctx, host); err != nil {
		return err
	}
	ref := host + "/" + repo + ":" + tag
	out, err := c.cli.run(ctx, suite.tools["crane"], "digest", ref)
	if err != nil {
		return err
	}
	if got := strings.TrimSpace(string(out)); got != img.manifest.desc.Digest.String() {
		return fmt.Errorf("crane digest %q, want %s", got, img.manifest.desc.Digest)
	}
	layout := filepath.Join(c.dir, "pull-"+tag)
	if _, err := c.cli.run(ctx, suite.tools["crane"], "pull", "--format", "oci", ref, layout); err != nil {
		return err
	}
	return img.checkLayout(layout)
}

// orasClient is ORAS: it pushes the image's config and layers as files of
// an artifact with an artifact type, in a manifest of its own, and pulls
// them back.
type orasClient struct {
	dir    string
	cli    cli
	pushed map[string]digest.Digest
}

const orasArtifactType = "application/vnd.proxyaware.test.artifact.v1"

func (c *orasClient) name() string  { return "oras" }
func (c *orasClient) trace() string { return c.cli.trace() }

func (c *orasClient) remote() []string {
	return []string{"--ca-file", filepath.Join(suite.caDir, "ca.crt"), "--registry-config", filepath.Join(c.dir, "auth.json"),
		"-u", username, "-p", password}
}

func (c *orasClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	files := filepath.Join(c.dir, "push-"+tag)
	if err := os.MkdirAll(files, 0o755); err != nil {
		return err
	}
	if c.pushed == nil {
		c.pushed = map[string]digest.Digest{}
	}
	// Relative names: oras refuses absolute paths by default, and the
	// names become the files' titles.
	args := append(append([]string{"push"}, c.remote()...), "--artifact-type", orasArtifactType,
		"--config", "config.json:"+img.config.desc.MediaType, "--format", "json", host+"/"+repo+":"+tag)
	if err := os.WriteFile(filepath.Join(files, "config.json"), img.config.data, 0o644); err != nil {
		return err
	}
	for i, l := range img.layers {
		name := fmt.Sprintf("layer%d.tar.gz", i)
		if err := os.WriteFile(filepath.Join(files, name), l.data, 0o644); err != nil {
			return err
		}
		args = append(args, name+":"+l.desc.MediaType)
	}
	c.cli.dir = files
	out, err := c.cli.run(ctx, suite.tools["oras"], args...)
	if err != nil {
		return err
	}
	var result struct {
		Digest       digest.Digest `json:"digest"`
		ArtifactType string        `json:"artifactType"`
	}
	if err := json.Unmarshal(out, &result); err != nil {
		return fmt.Errorf("oras push output %q: %v", out, err)
	}
	if result.ArtifactType != orasArtifactType || result.Digest.Validate() != nil {
		return fmt.Errorf("oras push output %s", out)
	}
	c.pushed[host+"/"+repo+":"+tag] = result.Digest
	return nil
}

func (c *orasClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	ref := host + "/" + repo + ":" + tag
	want, ok := c.pushed[ref]
	if !ok {
		return fmt.Errorf("oras pushed no %s", ref)
	}
	out := filepath.Join(c.dir, "pull-"+tag)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	c.cli.dir = out
	raw, err := c.cli.run(ctx, suite.tools["oras"], append(append([]string{"manifest", "fetch"}, c.remote()...), ref)...)
	if err != nil {
		return err
	}
	if got := digest.FromBytes(raw); got != want {
		return fmt.Errorf("fetched manifest %s, pushed %s", got, want)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	if m.ArtifactType != orasArtifactType || m.Config.Digest != img.config.desc.Digest || len(m.Layers) != len(img.layers) {
		return fmt.Errorf("fetched manifest %s does not describe the pushed artifact", raw)
	}
	for i, l := range m.Layers {
		if l.Digest != img.layers[i].desc.Digest {
			return fmt.Errorf("manifest layer %d is %s, want %s", i, l.Digest, img.layers[i].desc.Digest)
		}
	}
	if _, err := c.cli.run(ctx, suite.tools["oras"], append(append([]string{"pull"}, c.remote()...), "-o", out, ref)...); err != nil {
		return err
	}
	if _, err := c.cli.run(ctx, suite.tools["oras"], append(append([]string{"blob", "fetch"}, c.remote()...),
		"--output", filepath.Join(out, "config.json"), host+"/"+repo+"@"+img.config.desc.Digest.String())...); err != nil {
		return err
	}
	check := map[string][]byte{"config.json": img.config.data}
	for i, l := range img.layers {
		check[fmt.Sprintf("layer%d.tar.gz", i)] = l.data
	}
	for name, want := range check {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("pulled %s differs", name)
		}
	}
	return nil
}

// regctlClient is regclient's regctl: it copies the test's OCI layout to
// the registry and back into a layout of its own. Its configuration file,
// written by the test, holds the registry's CA and the credentials.
type regctlClient struct {
	dir string
	cli cli
}

func (c *regctlClient) name() string  { return "regctl" }
func (c *regctlClient) trace() string { return c.cli.trace() }

func (c *regctlClient) configure(host string) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	ca, err := os.ReadFile(filepath.Join(suite.caDir, "ca.crt"))
	if err != nil {
		return err
	}
	config, _ := json.Marshal(map[string]any{
		"hosts": map[string]any{host: map[string]any{
			"tls": "enabled", "regcert": string(ca), "user": username, "pass": password,
		}},
		"incDockerCert": false,
		"incDockerCred": false,
	})
	path := filepath.Join(c.dir, "regctl.json")
	c.cli.dir = c.dir
	c.cli.env = []string{"REGCTL_CONFIG=" + path, "HOME=" + c.dir}
	return os.WriteFile(path, config, 0o600)
}

func (c *regctlClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.configure(host); err != nil {
		return err
	}
	layout := filepath.Join(c.dir, "push-"+tag)
	if err := img.writeLayout(layout, tag); err != nil {
		return err
	}
	// Relative to the client's directory: regctl refuses some characters
	// that test directories have (commas) in an ocidir path.
	_, err := c.cli.run(ctx, suite.tools["regctl"], "image", "copy", "ocidir://"+filepath.Base(layout)+":"+tag, host+"/"+repo+":"+tag)
	return err
}

func (c *regctlClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	if err := c.configure(host); err != nil {
		return err
	}
	ref := host + "/" + repo + ":" + tag
	out, err := c.cli.run(ctx, suite.tools["regctl"], "image", "digest", ref)
	if err != nil {
		return err
	}
	if got := strings.TrimSpace(string(out)); got != img.manifest.desc.Digest.String() {
		return fmt.Errorf("regctl image digest %q, want %s", got, img.manifest.desc.Digest)
	}
	layout := filepath.Join(c.dir, "pull-"+tag)
	if _, err := c.cli.run(ctx, suite.tools["regctl"], "image", "copy", ref, "ocidir://"+filepath.Base(layout)+":"+tag); err != nil {
		return err
	}
	return img.checkLayout(layout)
}
