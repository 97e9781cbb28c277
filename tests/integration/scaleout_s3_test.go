package integration

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	digest "github.com/opencontainers/go-digest"
)

// The scale-out deployment: replicas of the registry on shared S3 storage,
// with Redis as the blob descriptor cache, behind the field report's two
// proxies.
const (
	s3TCP       = s3IP + ":7070"
	redisTCP    = redisIP + ":6379"
	s3Bucket    = "registry"
	s3AccessKey = "registry-access-key"
	s3SecretKey = "registry-secret-key-for-tests"
	s3RootDir   = "/v3"
)

// startS3 runs the S3 gateway on its posix backend: every directory under
// its root is a bucket, so making the directory makes the bucket. It returns
// the bucket's directory.
func (e *env) startS3() string {
	e.t.Helper()
	root := filepath.Join(e.dir, "s3")
	bucket := filepath.Join(root, s3Bucket)
	if err := os.MkdirAll(bucket, 0o755); err != nil {
		e.t.Fatal(err)
	}
	e.start("versitygw", []string{"ROOT_ACCESS_KEY=" + s3AccessKey, "ROOT_SECRET_KEY=" + s3SecretKey},
		suite.versitygw, "--port", s3TCP, "posix", root)
	e.waitTCP(s3TCP)
	return bucket
}

// startRedis runs a Redis server that keeps nothing on disk.
func (e *env) startRedis() {
	e.t.Helper()
	e.start("redis", nil, "redis-server", "--bind", redisIP, "--port", "6379",
		"--save", "", "--appendonly", "no", "--dir", e.dir)
	e.waitTCP(redisTCP)
}

// s3ReplicaYAML is the configuration of one replica: S3 storage (path
// style, plain http to the gateway), Redis for blob descriptors, the secret
// every replica shares, and the registry-side fix for the field report's
// proxies. The debug server (health checks, metrics) listens on port 5001 of
// the replica's address.
func s3ReplicaYAML(addr string, redirect bool) string {
	host, _, _ := net.SplitHostPort(addr)
	return fmt.Sprintf(`version: 0.1
log:
  level: info
  formatter: text
storage:
  s3:
    accesskey: %s
    secretkey: %s
    region: us-east-1
    regionendpoint: http://%s
    forcepathstyle: true
    bucket: %s
    secure: false
    v4auth: true
    rootdirectory: %s
  cache:
    blobdescriptor: redis
  redirect:
    disable: %t
  maintenance:
    uploadpurging:
      enabled: false
redis:
  addrs: [%s]
http:
  addr: %s
  secret: shared-secret-for-replicas
  debug:
    addr: %s:5001
%s    allowedhosts: [%s]
%s
`, s3AccessKey, s3SecretKey, s3TCP, s3Bucket, s3RootDir, !redirect, redisTCP, addr, host,
		forwardedYAML("", "https"), edgeIP, htpasswdAuthYAML())
}

// startS3Replica runs one replica and waits for its listener.
func (e *env) startS3Replica(addr string, redirect bool) *proc {
	e.t.Helper()
	e.registries++
	name := fmt.Sprintf("replica-%s-%d", strings.ReplaceAll(addr, ":", "-"), e.registries)
	path := filepath.Join(e.dir, name+".yml")
	if err := os.WriteFile(path, []byte(s3ReplicaYAML(addr, redirect)), 0o644); err != nil {
		e.t.Fatal(err)
	}
	p := e.start(name, []string{"OTEL_TRACES_EXPORTER=none"}, suite.server, "serve", path)
	e.waitTCP(addr)
	return p
}

var replicaAddrs = []string{registryTCP, replicaTCP, replica3TCP}

// startScaleOut starts the gateway, Redis, three replicas, the field
// report's inner nginx in front of them (round robin) and its TLS edge. It
// returns the replicas, the bucket's directory and the inner nginx's
// directory.
func (e *env) startScaleOut(redirect bool) ([]*proc, string, string) {
	e.t.Helper()
	bucket := e.startS3()
	e.startRedis()
	var replicas []*proc
	for _, addr := range replicaAddrs {
		replicas = append(replicas, e.startS3Replica(addr, redirect))
	}
	e.startNginx("inner", "nginx-inner-fieldreport-replicas.conf", innerIP+":80")
	e.startNginx("edge", "nginx-edge-fieldreport.conf", edgeIP+":443", edgeIP+":80")
	return replicas, bucket, filepath.Join(e.dir, "inner")
}

// checkHealth checks the health endpoints a load balancer probes: "/" on
// the registry's listener and /debug/health on its debug server.
func checkHealth(t *testing.T, addr string) {
	t.Helper()
	host, _, _ := net.SplitHostPort(addr)
	hc := &http.Client{Timeout: 10 * time.Second}
	for _, u := range []string{"http://" + addr + "/", "http://" + host + ":5001/debug/health"} {
		resp, err := hc.Get(u)
		if err != nil {
			t.Errorf("health check %s: %v", u, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("health check %s: status %d, want 200", u, resp.StatusCode)
		}
	}
}

// uploadRequests counts the upload requests (POST, PATCH, PUT on
// .../blobs/uploads/) in a replica's log.
func uploadRequests(log string) int {
	n := 0
	for _, line := range strings.Split(readFile(log), "\n") {
		for _, m := range []string{`"POST /v2/`, `"PATCH /v2/`, `"PUT /v2/`} {
			if strings.Contains(line, m) && strings.Contains(line, "/blobs/uploads/") {
				n++
			}
		}
	}
	return n
}

// bucketBlobs returns the digests of the blobs stored in the bucket's
// directory, failing the test for any whose content does not match its name.
func bucketBlobs(t *testing.T, bucket string) map[string]bool {
	t.Helper()
	blobs := map[string]bool{}
	root := filepath.Join(bucket, strings.TrimPrefix(s3RootDir, "/"), "docker/registry/v2/blobs/sha256")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "data" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		name := filepath.Base(filepath.Dir(path))
		if hex.EncodeToString(sum[:]) != name {
			t.Errorf("bucket object %s holds content of digest %x", path, sum)
		}
		blobs[name] = true
		return nil
	})
	if err != nil {
		t.Errorf("reading the bucket: %v", err)
	}
	return blobs
}

// localRegistryData returns registry data ("docker/registry/v2") found in
// the scenario's directory outside the S3 gateway's root: there must be
// none.
func localRegistryData(dir string) []string {
	var found []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path == filepath.Join(dir, "s3") {
			return filepath.SkipDir
		}
		if d.IsDir() && strings.HasSuffix(path, filepath.Join("docker", "registry", "v2")) {
			found = append(found, path)
		}
		return nil
	})
	return found
}

// redisKeys asks Redis how many keys it holds (DBSIZE).
func redisKeys(t *testing.T) int {
	t.Helper()
	c, err := net.DialTimeout("tcp", redisTCP, 5*time.Second)
	if err != nil {
		t.Fatalf("redis: %v", err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "DBSIZE\r\n"); err != nil {
		t.Fatalf("redis: %v", err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("redis: %v", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, ":")))
	if err != nil {
		t.Fatalf("redis answered DBSIZE with %q", line)
	}
	return n
}

// TestScaleOutS3 is the scale-out deployment with real parts: three
// replicas sharing an S3 bucket (Versity's gateway on a directory), Redis
// as their blob descriptor cache and one http.secret, behind the field
// report's unchanged proxies with the registry-side fix. Every client pushes
// and pulls with digests verified, every replica serves uploads, the data is
// in the bucket and nowhere else; then a replica is killed and pushes still
// succeed; then, with storage redirects on, blob GETs go to the S3 endpoint.
func TestScaleOutS3(t *testing.T) {
	e := newEnv(t)
	replicas, bucket, innerDir := e.startScaleOut(false)
	for _, addr := range replicaAddrs {
		checkHealth(t, addr)
	}

	pushAndPull(t, edgeIP, allClients(e.dir))
	if t.Failed() {
		return
	}
	for i, r := range replicas {
		if uploadRequests(r.log) == 0 {
			t.Errorf("replica %d (%s) served no upload request: round robin did not reach it", i+1, replicaAddrs[i])
		}
	}
	blobs := bucketBlobs(t, bucket)
	// Three images of a config and three layers, and their manifests.
	if len(blobs) < 3*5 {
		t.Errorf("the bucket holds %d blobs, want at least 15", len(blobs))
	}
	if local := localRegistryData(e.dir); len(local) > 0 {
		t.Errorf("registry data on local disk, outside the bucket: %q", local)
	}
	keys := redisKeys(t)
	if keys == 0 {
		t.Errorf("Redis holds no keys: the replicas did not cache blob descriptors in it")
	}
	var uploads []int
	for _, r := range replicas {
		uploads = append(uploads, uploadRequests(r.log))
	}
	t.Logf("upload requests per replica %v; %d blobs in the bucket, digests verified; %d keys in Redis", uploads, len(blobs), keys)

	t.Run("one replica killed", func(t *testing.T) {
		dead := replicaAddrs[1]
		replicas[1].kill() // SIGKILL, as a crash
		if c, err := net.DialTimeout("tcp", dead, time.Second); err == nil {
			c.Close()
			t.Fatalf("%s still accepts connections after SIGKILL", dead)
		} else if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Logf("dialling the killed replica: %v", err)
		}
		pushAndPull(t, edgeIP, allClients(e.dir))
		// nginx tried the dead replica and passed the request on.
		errLog := readFile(filepath.Join(innerDir, "error.log"))
		if !strings.Contains(errLog, "connect() failed (111: Connection refused) while connecting to upstream") ||
			!strings.Contains(errLog, "upstream: \"http://"+dead) {
			t.Errorf("the inner nginx never tried the killed replica %s; the test proved nothing", dead)
		}
		for _, i := range []int{0, 2} {
			checkHealth(t, replicaAddrs[i])
		}
	})
	if t.Failed() {
		return
	}

	t.Run("storage redirect", func(t *testing.T) {
		// The same bucket and cache, the replicas restarted with
		// redirects on.
		for _, r := range replicas {
			r.stop()
		}
		for _, addr := range replicaAddrs {
			e.startS3Replica(addr, true)
		}
		img := newImage(t, 1, 64<<10)
		c := &dockerClient{}
		ctx := t.Context()
		if err := c.push(ctx, edgeIP, "redirect/docker", "v1", img); err != nil {
			t.Fatalf("push with redirects on: %v\n%s", err, c.trace())
		}
		// A blob GET answers with a presigned URL on the S3 endpoint the
		// replicas were configured with: the forwarded policy does not
		// rewrite it, so clients must reach that endpoint themselves.
		layer := img.layers[0].desc.Digest
		hc := httpClient(&recorder{})
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		req, _ := http.NewRequest(http.MethodGet, "https://"+edgeIP+"/v2/redirect/docker/blobs/"+layer.String(), nil)
		req.SetBasicAuth(username, password)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusTemporaryRedirect || err != nil || loc.Scheme != "http" || loc.Host != s3TCP ||
			!strings.HasPrefix(loc.Path, "/"+s3Bucket+s3RootDir+"/docker/registry/v2/blobs/sha256/") || loc.Query().Get("X-Amz-Signature") == "" {
			t.Fatalf("blob GET: status %d, Location %q; want 307 to a presigned http://%s/%s%s/... URL", resp.StatusCode, resp.Header.Get("Location"), s3TCP, s3Bucket, s3RootDir)
		}
		// That URL serves the blob to a client with no credentials.
		resp, err = httpClient(&recorder{}).Get(loc.String())
		if err != nil {
			t.Fatal(err)
		}
		got, err := digest.FromReader(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil || got != layer {
			t.Fatalf("GET of the presigned URL: status %d, digest %s (%v), want 200 and %s", resp.StatusCode, got, err, layer)
		}
		// And a client pulls through the redirects, digests verified.
		if err := c.pull(ctx, edgeIP, "redirect/docker", "v1", img); err != nil {
			t.Fatalf("pull with redirects on: %v\n%s", err, c.trace())
		}
	})
}

// scaleOutLoadDuration is how long TestLoadScaleOutS3 pushes: 15 s in the
// suite, which checks that the deployment holds 32 clients with no failure;
// SCALEOUT_LOAD_DURATION (a Go duration) sets it, 60s for the figures in
// docs/performance.md.
func scaleOutLoadDuration(t *testing.T) time.Duration {
	return envDuration(t, "SCALEOUT_LOAD_DURATION", 15*time.Second)
}

// TestLoadScaleOutS3 is TestLoad against the scale-out deployment: three
// replicas on S3 with Redis, behind the field report's proxies.
func TestLoadScaleOutS3(t *testing.T) {
	e := newEnv(t)
	replicas, _, _ := e.startScaleOut(false)
	runLoad(t, scaleOutLoadDuration(t), replicas)
	for i, r := range replicas {
		if uploadRequests(r.log) == 0 {
			t.Errorf("replica %d (%s) served no upload request under load", i+1, replicaAddrs[i])
		}
	}
}
