package integration

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// conformanceRun is what one run of the OCI distribution-spec conformance
// suite reported in its junit.xml: leaf test cases by status. A name can
// recur (one case per blob of a workflow), so cases are counted by name.
type conformanceRun struct {
	passed   map[string]int
	failed   map[string]int // failure or error
	skipped  map[string]int // skipped or disabled
	messages map[string][]string
	summary  string // what it printed: the results by workflow
}

func (r conformanceRun) counts() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", total(r.passed), total(r.failed), total(r.skipped))
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// runConformance runs the conformance binary against registry (host:port),
// over https through an edge, trusting the suite's CA, or over plain http,
// with the test user's credentials; push, pull, content discovery and
// content management are all on by default. Its exit status is 1 whenever
// a case fails, so the verdict is read from junit.xml.
func runConformance(t *testing.T, dir, registry string, useTLS bool) conformanceRun {
	t.Helper()
	results := filepath.Join(dir, "results")
	if err := os.MkdirAll(results, 0o755); err != nil {
		t.Fatal(err)
	}
	tlsMode := "disabled"
	if useTLS {
		tlsMode = "enabled"
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OCI_") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"OCI_REGISTRY="+registry,
		"OCI_TLS="+tlsMode,
		"OCI_REPO1=conformance/repo1",
		"OCI_REPO2=conformance/repo2",
		"OCI_USERNAME="+username,
		"OCI_PASSWORD="+password,
		"OCI_RESULTS_DIR="+results,
		"OCI_LOG=warn",
		"SSL_CERT_FILE="+filepath.Join(suite.caDir, "ca.crt"),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, suite.tools["conformance.test"], "-test.run", "^TestLegacy$", "-test.timeout", "8m")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err := os.WriteFile(filepath.Join(dir, "conformance.log"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("running the conformance suite against %s: %v\n%s", registry, err, tailString(string(out), 4000))
	}
	raw, rerr := os.ReadFile(filepath.Join(results, "junit.xml"))
	if rerr != nil {
		t.Fatalf("the conformance suite against %s wrote no report (%v): %v\n%s", registry, err, rerr, tailString(string(out), 4000))
	}
	var report struct {
		Suites []struct {
			Cases []struct {
				Name      string `xml:"name,attr"`
				Status    string `xml:"status,attr"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(raw, &report); err != nil {
		t.Fatalf("junit.xml: %v", err)
	}
	run := conformanceRun{passed: map[string]int{}, failed: map[string]int{}, skipped: map[string]int{},
		messages: map[string][]string{}, summary: string(out)}
	for _, s := range report.Suites {
		for _, c := range s.Cases {
			switch c.Status {
			case "passed":
				run.passed[c.Name]++
			case "skipped":
				run.skipped[c.Name]++
			case "failure", "error":
				run.failed[c.Name]++
				run.messages[c.Name] = append(run.messages[c.Name], c.SystemOut)
			default:
				t.Fatalf("junit.xml: case %q has status %q", c.Name, c.Status)
			}
		}
	}
	if total(run.passed)+total(run.failed)+total(run.skipped) == 0 {
		t.Fatalf("the conformance suite against %s reported no case:\n%s", registry, tailString(string(out), 4000))
	}
	return run
}

// TestConformance runs the OCI distribution-spec conformance suite, with
// basic auth, against the registry directly, through the field report's
// chain with the safe fix, and through the guide's chain with both proxies
// trusted. Through each chain it must pass every case it passes directly;
// in the safe fix's chain the edge's plain listener sees nothing. The
// suite connects from 127.0.0.1, which no chain trusts.
func TestConformance(t *testing.T) {
	t.Logf("conformance suite: %s", toolVersion(suite.tools["conformance.test"]))
	// Each run in a subtest of its own, so that its processes are stopped
	// before the next one starts on the same addresses.
	var direct conformanceRun
	if !t.Run("directly", func(t *testing.T) {
		start := time.Now()
		e := newEnv(t)
		e.startRegistry(registryOptions{addr: registryTCP, storage: filepath.Join(e.dir, "storage"), auth: htpasswdAuthYAML()})
		direct = runConformance(t, e.dir, registryTCP, false)
		t.Logf("directly (%s): %s", time.Since(start).Round(time.Millisecond), direct.counts())
		// A floor, so that a run that does nothing cannot pass: the core
		// of the spec passes directly.
		for _, name := range []string{"ping", "image/push/blob-post-put", "image/push/manifest-by-tag",
			"image/pull/manifest-by-tag", "image/pull/blob-get", "image/delete/manifest-delete"} {
			if direct.passed["OCI Conformance Test/"+name] == 0 {
				t.Errorf("directly, %q did not pass", name)
			}
		}
		if t.Failed() {
			t.Logf("conformance summary:\n%s", tailString(direct.summary, 6000))
		}
	}) {
		t.FailNow()
	}

	for _, c := range []struct {
		name, forwarded, inner, edge string
		plainListener                bool
	}{
		{"the field report's proxies, the safe fix", forwardedYAML("", "https") + "    allowedhosts: [" + edgeIP + "]\n",
			"nginx-inner-fieldreport.conf", "nginx-edge-fieldreport.conf", true},
		{"the guide's proxies, both trusted", forwardedYAML("x-forwarded", "", edgeIP, innerIP),
			"nginx-inner.conf", "nginx-edge.conf", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			e := newEnv(t)
			_, edgeLog := e.startChain(registryOptions{forwarded: c.forwarded, auth: htpasswdAuthYAML()}, c.inner, c.edge)
			run := runConformance(t, e.dir, edgeIP, true)
			t.Logf("%s (%s): %s", c.name, time.Since(start).Round(time.Millisecond), run.counts())
			compareConformance(t, direct, run)
			if through := strings.Count(readFile(edgeLog), "/v2/conformance/"); through == 0 {
				t.Errorf("the edge's access log shows no conformance request")
			}
			if c.plainListener {
				if plain := plainRequests(edgeLog); len(plain) > 0 {
					t.Errorf("the edge's plain listener saw %d requests: %q", len(plain), plain[:min(len(plain), 10)])
				}
			}
			if t.Failed() {
				t.Logf("conformance summary through the chain:\n%s", tailString(run.summary, 6000))
			}
		})
	}
}

// compareConformance fails for every case that passed directly as many
// times as it did but not through the chain, and logs what passes through
// the chain only.
func compareConformance(t *testing.T, direct, chain conformanceRun) {
	t.Helper()
	var lost, gained []string
	for name, n := range direct.passed {
		if got := chain.passed[name]; got < n {
			lost = append(lost, fmt.Sprintf("%s (passed %d times directly, %d through the chain): %s",
				name, n, got, strings.Join(chain.messages[name], "; ")))
		}
	}
	for name, n := range chain.passed {
		if direct.passed[name] < n {
			gained = append(gained, name)
		}
	}
	sort.Strings(lost)
	sort.Strings(gained)
	if len(lost) > 0 {
		t.Errorf("%d cases pass directly but not through the chain:\n  %s", len(lost), strings.Join(lost, "\n  "))
	}
	if len(gained) > 0 {
		t.Logf("%d cases pass through the chain only: %s", len(gained), strings.Join(gained, ", "))
	}
}
