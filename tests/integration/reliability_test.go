package integration

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	digest "github.com/opencontainers/go-digest"
)

// envDuration is the Go duration in the environment variable name, or def
// when it is unset.
func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return d
	}
	return def
}

// loadDuration is how long the load test pushes; LOAD_DURATION overrides it.
func loadDuration(t *testing.T) time.Duration {
	return envDuration(t, "LOAD_DURATION", 60*time.Second)
}

// TestLoad pushes distinct images with 32 concurrent clients through the
// TLS edge and the inner nginx for the load duration, then pulls every one
// back: no operation may fail and every digest must match.
func TestLoad(t *testing.T) {
	e := newEnv(t)
	reg, _ := e.startChain(registryOptions{
		forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
		auth:      htpasswdAuthYAML(),
	}, "nginx-inner.conf", "nginx-edge.conf")
	runLoad(t, loadDuration(t), []*proc{reg})
}

// rssKiB is the resident memory of each process, in KiB.
func rssKiB(procs []*proc) []int {
	var rss []int
	for _, p := range procs {
		rss = append(rss, p.rssKiB())
	}
	return rss
}

// runLoad is the load test against whatever the edge leads to: 32 clients
// push for the duration, then pull every image back. regs are the registry
// processes, whose memory it reports.
func runLoad(t *testing.T, duration time.Duration, regs []*proc) {
	rssBefore := rssKiB(regs)

	const workers = 32
	type pushed struct {
		repo, tag string
		img       *image
	}
	var (
		mu     sync.Mutex
		images []pushed
		failed atomic.Int64
		wg     sync.WaitGroup
	)
	deadline := time.Now().Add(duration)
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c := &dockerClient{}
			for i := 0; time.Now().Before(deadline); i++ {
				img := newImage(t, 2, 16<<10)
				repo, tag := fmt.Sprintf("load/worker%d", w), fmt.Sprintf("i%d", i)
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				err := c.push(ctx, edgeIP, repo, tag, img)
				cancel()
				if err != nil {
					failed.Add(1)
					t.Errorf("worker %d push %s:%s: %v\n%s", w, repo, tag, err, c.trace())
					return
				}
				mu.Lock()
				images = append(images, pushed{repo, tag, img})
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	pushTime := time.Since(start)
	rssAfterPush := rssKiB(regs)

	// Pull every image back, 32 at a time.
	work := make(chan pushed)
	var pulled atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &dockerClient{}
			for p := range work {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				err := c.pull(ctx, edgeIP, p.repo, p.tag, p.img)
				cancel()
				if err != nil {
					failed.Add(1)
					t.Errorf("pull %s:%s: %v\n%s", p.repo, p.tag, err, c.trace())
					continue
				}
				pulled.Add(1)
			}
		}()
	}
	for _, p := range images {
		work <- p
	}
	close(work)
	wg.Wait()

	if failed.Load() != 0 {
		t.Fatalf("%d operations failed", failed.Load())
	}
	if len(images) < workers {
		t.Fatalf("only %d images pushed in %s", len(images), pushTime)
	}
	t.Logf("load: %d clients pushed %d images (3 blobs and a manifest each) in %s (%.1f images/s), pulled and verified %d; 0 failed",
		workers, len(images), pushTime.Round(time.Second), float64(len(images))/pushTime.Seconds(), pulled.Load())
	t.Logf("load: registry RSS (KiB, per process) %v before, %v after pushing, %v after pulling", rssBefore, rssAfterPush, rssKiB(regs))
}

// resumableUpload uploads data in chunks with PATCH, as a careful client
// does: when a request fails it asks the registry where the upload stands
// (GET on the upload URL) and goes on from the offset it reports. To inject
// faults, before runs before chunk i is sent and hook in the middle of
// sending it.
type resumableUpload struct {
	hc      *http.Client
	base    string // https://edge
	repo    string
	data    []byte
	chunk   int
	before  func(i int)
	hook    func(i int)
	resumes int
}

// middleReader calls fn once, after half of r has been read.
type middleReader struct {
	r    io.Reader
	n    int
	half int
	fn   func()
}

func (m *middleReader) Read(p []byte) (int, error) {
	if m.fn != nil && m.n >= m.half {
		m.fn()
		m.fn = nil
	}
	if m.fn != nil && len(p) > m.half-m.n {
		p = p[:m.half-m.n]
	}
	n, err := m.r.Read(p)
	m.n += n
	return n, err
}

func (u *resumableUpload) run() (digest.Digest, error) {
	loc, err := startUpload(u.hc, u.base, u.repo)
	if err != nil {
		return "", err
	}
	offset := 0
	for i := 0; offset < len(u.data); i++ {
		end := min(offset+u.chunk, len(u.data))
		if u.before != nil {
			u.before(i)
		}
		var body io.Reader = bytes.NewReader(u.data[offset:end])
		if u.hook != nil {
			i := i
			body = &middleReader{r: body, half: (end - offset) / 2, fn: func() { u.hook(i) }}
		}
		req, _ := http.NewRequest(http.MethodPatch, loc, body)
		req.ContentLength = int64(end - offset)
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set("Content-Range", fmt.Sprintf("%d-%d", offset, end-1))
		resp, err := u.hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if err == nil && resp.StatusCode == http.StatusAccepted {
			loc = resp.Header.Get("Location")
			offset = end
			continue
		}
		// Ask where the upload stands, and go on from there.
		u.resumes++
		if u.resumes > 20 {
			return "", fmt.Errorf("chunk %d: giving up after %d resumes (last: %v)", i, u.resumes, describe(resp, err))
		}
		newLoc, newOffset, serr := u.status(loc)
		if serr != nil {
			return "", fmt.Errorf("chunk %d failed (%v), then status: %v", i, describe(resp, err), serr)
		}
		loc, offset = newLoc, newOffset
	}
	dgst := digest.FromBytes(u.data)
	return dgst, finishUpload(u.hc, loc, dgst, nil)
}

func describe(resp *http.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return "status " + strconv.Itoa(resp.StatusCode)
}

// status asks the registry for the upload's state, retrying while the path
// to it recovers.
func (u *resumableUpload) status(loc string) (string, int, error) {
	var last error
	for attempt := 0; attempt < 50; attempt++ {
		resp, err := u.hc.Get(loc)
		if err != nil {
			last = err
			time.Sleep(200 * time.Millisecond)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			last = fmt.Errorf("status %d", resp.StatusCode)
			time.Sleep(200 * time.Millisecond)
			continue
		}
		var end int
		if _, err := fmt.Sscanf(resp.Header.Get("Range"), "0-%d", &end); err != nil {
			return "", 0, fmt.Errorf("Range %q: %v", resp.Header.Get("Range"), err)
		}
		offset := end + 1
		if resp.Header.Get("Range") == "0-0" {
			offset = 0 // upstream writes 0-0 for an empty upload
		}
		return resp.Header.Get("Location"), offset, nil
	}
	return "", 0, last
}

// verifyBlob reads the blob back through the edge and checks its digest.
func verifyBlob(hc *http.Client, base, repo string, dgst digest.Digest) error {
	resp, err := hc.Get(base + "/v2/" + repo + "/blobs/" + dgst.String())
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET blob: status %d", resp.StatusCode)
	}
	got, err := digest.FromReader(resp.Body)
	if err != nil {
		return err
	}
	if got != dgst {
		return fmt.Errorf("blob read back as %s, want %s", got, dgst)
	}
	return nil
}

// servingReplica returns which of the addresses has an established
// connection, read from /proc/net/tcp (nginx opens one upstream connection
// per request, and closes it after), waiting up to two seconds for one; ""
// when none appears. It runs inside the client's transport, so it reports
// rather than failing the test.
func servingReplica(addrs ...string) string {
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		raw, err := os.ReadFile("/proc/net/tcp")
		if err != nil {
			return ""
		}
		for _, addr := range addrs {
			ap := netip.MustParseAddrPort(addr)
			ip := ap.Addr().As4()
			local := fmt.Sprintf("%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], ap.Port())
			for _, line := range strings.Split(string(raw), "\n") {
				f := strings.Fields(line)
				if len(f) > 3 && f[1] == local && f[3] == "01" {
					return addr
				}
			}
		}
	}
	return ""
}

func randomData(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFaults runs a chunked upload through the TLS edge and the inner nginx
// while parts of the chain fail, and checks that nothing is lost or
// corrupted: the client resumes from the offset the registry reports.
func TestFaults(t *testing.T) {
	const size, chunk = 24 << 20, 4 << 20
	forwarded := forwardedYAML("x-forwarded", "", edgeIP, innerIP)

	t.Run("inner nginx restarted during a chunk", func(t *testing.T) {
		e := newEnv(t)
		e.startRegistry(registryOptions{addr: registryTCP, storage: e.dir + "/storage", forwarded: forwarded})
		_, inner := e.startNginxProc("inner", "nginx-inner.conf", innerIP+":80")
		e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
		hc := httpClient(&recorder{})
		u := &resumableUpload{hc: hc, base: "https://" + edgeIP, repo: "faults/nginx", data: randomData(t, size), chunk: chunk}
		restarts := 0
		u.hook = func(i int) {
			// From chunk 2 on, until one restart has cut a chunk short: a
			// restart that lands before the edge has connected onward
			// interrupts nothing.
			if i >= 2 && u.resumes == 0 {
				time.Sleep(200 * time.Millisecond) // let the chunk flow to the registry
				inner.kill()
				_, inner = e.startNginxProc("inner", "nginx-inner.conf", innerIP+":80")
				restarts++
			}
		}
		dgst, err := u.run()
		if err != nil {
			t.Fatal(err)
		}
		if u.resumes == 0 {
			t.Errorf("%d restarts interrupted no chunk; the test proved nothing", restarts)
		}
		if err := verifyBlob(hc, u.base, u.repo, dgst); err != nil {
			t.Fatal(err)
		}
		t.Logf("inner nginx restart: %d MiB upload completed after %d resume(s), digest verified", size>>20, u.resumes)
	})

	t.Run("one of two replicas killed mid-push", func(t *testing.T) {
		e := newEnv(t)
		storage := e.dir + "/storage"
		replicas := map[string]*proc{
			registryTCP: e.startRegistry(registryOptions{addr: registryTCP, storage: storage, forwarded: forwarded}),
			replicaTCP:  e.startRegistry(registryOptions{addr: replicaTCP, storage: storage, forwarded: forwarded}),
		}
		e.startNginx("inner", "nginx-inner-replicas.conf", innerIP+":80")
		e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
		hc := httpClient(&recorder{})
		u := &resumableUpload{hc: hc, base: "https://" + edgeIP, repo: "faults/replica", data: randomData(t, size), chunk: chunk}
		killed := ""
		u.hook = func(i int) {
			if i >= 2 && killed == "" {
				// Kill the replica receiving this chunk: the one with a
				// connection open from the inner nginx right now.
				if killed = servingReplica(registryTCP, replicaTCP); killed != "" {
					replicas[killed].kill()
				}
			}
		}
		dgst, err := u.run()
		if err != nil {
			t.Fatal(err)
		}
		if killed == "" || u.resumes == 0 {
			t.Fatalf("killed %q with %d resumes: the kill did not interrupt the push", killed, u.resumes)
		}
		if err := verifyBlob(hc, u.base, u.repo, dgst); err != nil {
			t.Fatal(err)
		}
		t.Logf("replica %s killed mid-chunk: %d MiB upload completed on the other after %d resume(s), digest verified", killed, size>>20, u.resumes)
	})

	t.Run("registry restarted between chunks", func(t *testing.T) {
		e := newEnv(t)
		opts := registryOptions{addr: registryTCP, storage: e.dir + "/storage", forwarded: forwarded}
		reg := e.startRegistry(opts)
		e.startNginx("inner", "nginx-inner.conf", innerIP+":80")
		e.startNginx("edge", "nginx-edge.conf", edgeIP+":443")
		hc := httpClient(&recorder{})
		u := &resumableUpload{hc: hc, base: "https://" + edgeIP, repo: "faults/restart", data: randomData(t, size), chunk: chunk}
		restarted := false
		u.before = func(i int) {
			if i == 3 && !restarted {
				restarted = true
				reg.stop()
				reg = e.startRegistry(opts)
			}
		}
		dgst, err := u.run()
		if err != nil {
			t.Fatal(err)
		}
		if !restarted {
			t.Fatal("the registry was never restarted")
		}
		if err := verifyBlob(hc, u.base, u.repo, dgst); err != nil {
			t.Fatal(err)
		}
		t.Logf("registry restart: %d MiB upload completed after %d resume(s), digest verified", size>>20, u.resumes)
	})
}
