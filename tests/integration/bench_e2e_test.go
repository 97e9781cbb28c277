package integration

import (
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	digest "github.com/opencontainers/go-digest"
)

// BenchmarkEndToEnd compares this build ("ours": the suite's registry
// server, the one REGISTRY_BINARY names or else the one the suite builds)
// with upstream's registry v3.1.2, built from the module at that version,
// on the same configuration and load, alternating the two binaries round
// after round:
//
//   - CPU time the registry process spends per small-blob GET and per upload
//     start, sent through the TLS edge and the inner nginx;
//   - throughput of pushing and pulling a 256 MiB blob through the same
//     chain.
//
// Run it with scripts/bench.sh. E2E_ROUNDS sets the rounds (default 3).
// E2E_BASELINE, when set to the absolute path of a registry binary, makes
// that binary the comparison ("baseline") instead of upstream v3.1.2, which
// is then not built: two builds of the stack, say with and without one
// patch, or the same binary on both sides, to see the run-to-run noise.
func BenchmarkEndToEnd(b *testing.B) {
	other, otherPath, otherColumn := "upstream", "", "upstream v3.1.2"
	if bin := os.Getenv("E2E_BASELINE"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			b.Fatalf("E2E_BASELINE: %v", err)
		}
		other, otherPath, otherColumn = "baseline", abs, "baseline"
	} else {
		otherPath = buildUpstream(b)
	}
	rounds := 3
	if v := os.Getenv("E2E_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("E2E_ROUNDS: want a positive number of rounds, have %q", v)
		}
		rounds = n
	}
	binaries := []struct{ name, path string }{{"ours", suite.server}, {other, otherPath}}
	results := map[string]map[string][]float64{"ours": {}, other: {}}
	metrics := []string{"GET small blob, CPU µs/request", "upload start, CPU µs/request", "push 256 MiB, MiB/s", "pull 256 MiB, MiB/s"}
	for round := 0; round < rounds; round++ {
		order := binaries
		if round%2 == 1 {
			order = []struct{ name, path string }{binaries[1], binaries[0]}
		}
		for _, bin := range order {
			// A sub-benchmark per run, so that its processes are
			// stopped before the next one starts.
			b.Run(fmt.Sprintf("round%d/%s", round+1, bin.name), func(b *testing.B) {
				for i, v := range e2eRound(b, bin.path) {
					results[bin.name][metrics[i]] = append(results[bin.name][metrics[i]], v)
				}
			})
		}
	}
	fmt.Printf("\nend to end, %d rounds, alternating binaries; median [min, max]\n", rounds)
	fmt.Printf("ours: %s\n%s: %s\n", suite.server, otherColumn, otherPath)
	fmt.Printf("%-32s %-26s %-26s %s\n", "metric", "ours", otherColumn, "ours/"+other)
	for _, m := range metrics {
		o, u := results["ours"][m], results[other][m]
		fmt.Printf("%-32s %-26s %-26s %.3f\n", m, spread(o), spread(u), median(o)/median(u))
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func spread(v []float64) string {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f [%.1f, %.1f]", median(s), s[0], s[len(s)-1])
}

// upstreamBuild is the result of building upstream's binary, once per run.
var upstreamBuild struct {
	once sync.Once
	path string
	err  error
}

// buildUpstream builds upstream's registry command at v3.1.2 from the Go
// module proxy, once per run and, through the Go build cache, in effect once
// per machine. Benchmarks and tests share it.
func buildUpstream(tb testing.TB) string {
	tb.Helper()
	upstreamBuild.once.Do(func() {
		dir := filepath.Join(suite.dir, "upstream")
		cmd := exec.Command("go", "install", "github.com/distribution/distribution/v3/cmd/registry@v3.1.2")
		cmd.Env = append(os.Environ(), "GOBIN="+dir, "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			upstreamBuild.err = fmt.Errorf("building upstream's registry v3.1.2: %v\n%s", err, out)
			return
		}
		upstreamBuild.path = filepath.Join(dir, "registry")
	})
	if upstreamBuild.err != nil {
		tb.Fatal(upstreamBuild.err)
	}
	return upstreamBuild.path
}

// cpuTime is the CPU time, user and system, that a process has used so far,
// summed over its threads from their scheduler statistics (nanoseconds).
func cpuTime(b *testing.B, pid int) time.Duration {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil || len(tasks) == 0 {
		b.Fatalf("no threads listed for %d: %v", pid, err)
	}
	var total int64
	for _, t := range tasks {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
		if err != nil {
			continue // the thread ended
		}
		ns, _ := strconv.ParseInt(strings.Fields(string(raw))[0], 10, 64)
		total += ns
	}
	return time.Duration(total)
}

// e2eRound starts one binary behind the double proxy and returns, in order:
// CPU µs per small-blob GET, CPU µs per upload start, push MiB/s, pull MiB/s.
func e2eRound(b *testing.B, binary string) []float64 {
	e := newEnv(b)
	reg, _ := e.startChain(registryOptions{
		binary:    binary,
		forwarded: forwardedYAML("x-forwarded", "", edgeIP, innerIP),
	}, "nginx-inner.conf", "nginx-edge.conf")
	hc := httpClient(&recorder{})
	hc.Transport.(*recorder).next.(*http.Transport).MaxIdleConnsPerHost = 16
	base := "https://" + edgeIP

	small := []byte("a small blob")
	dgst := digest.FromBytes(small)
	if err := uploadBlob(hc, base, "bench/small", small); err != nil {
		b.Fatal(err)
	}

	perRequest := func(n int, req func() error) float64 {
		// Warm up, then measure n requests from 8 clients.
		for i := 0; i < 50; i++ {
			if err := req(); err != nil {
				b.Fatal(err)
			}
		}
		before := cpuTime(b, reg.cmd.Process.Pid)
		var wg sync.WaitGroup
		work := make(chan struct{})
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range work {
					if err := req(); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for i := 0; i < n; i++ {
			work <- struct{}{}
		}
		close(work)
		wg.Wait()
		return float64(cpuTime(b, reg.cmd.Process.Pid)-before) / float64(n) / 1e3
	}
	get := perRequest(4000, func() error {
		resp, err := hc.Get(base + "/v2/bench/small/blobs/" + dgst.String())
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET blob: %d", resp.StatusCode)
		}
		return nil
	})
	start := perRequest(2000, func() error {
		_, err := startUpload(hc, base, "bench/starts")
		return err
	})

	const size = 256 << 20
	seed := rand.Uint64()
	t0 := time.Now()
	want, err := streamUpload(hc, base, "bench/large", size, seed)
	if err != nil {
		b.Fatal(err)
	}
	push := float64(size>>20) / time.Since(t0).Seconds()
	t0 = time.Now()
	if err := verifyBlob(hc, base, "bench/large", want); err != nil {
		b.Fatal(err)
	}
	pull := float64(size>>20) / time.Since(t0).Seconds()
	return []float64{get, start, push, pull}
}

// streamUpload pushes size pseudo-random bytes as one streamed PATCH and a
// closing PUT, without holding them in memory, and returns their digest.
func streamUpload(hc *http.Client, base, repo string, size int64, seed uint64) (digest.Digest, error) {
	loc, err := startUpload(hc, base, repo)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	src := io.TeeReader(io.LimitReader(&prng{r: rand.New(rand.NewPCG(seed, seed))}, size), h)
	req, _ := http.NewRequest(http.MethodPatch, loc, src)
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return "", fmt.Errorf("PATCH: status %d", resp.StatusCode)
	}
	dgst := digest.NewDigest(digest.SHA256, h)
	return dgst, finishUpload(hc, resp.Header.Get("Location"), dgst, nil)
}

// prng is an io.Reader of pseudo-random bytes.
type prng struct{ r *rand.Rand }

func (p *prng) Read(b []byte) (int, error) {
	for i := 0; i+8 <= len(b); i += 8 {
		v := p.r.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	for i := len(b) &^ 7; i < len(b); i++ {
		b[i] = byte(p.r.Uint64())
	}
	return len(b), nil
}
