package integration

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readme returns README.md and its first screen: everything before the
// section that lists the documentation.
func readme(t *testing.T) (all, firstScreen string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(suite.root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	all = string(b)
	first, _, ok := strings.Cut(all, "\n## Documentation\n")
	if !ok {
		t.Fatal("README.md has no \"## Documentation\" section")
	}
	return all, first
}

// TestDocsReadmeFirstScreen checks that the README's first screen speaks to
// operators, names this build's version and archives, and that the README
// keeps the test command CI runs.
func TestDocsReadmeFirstScreen(t *testing.T) {
	version, _ := thisVersion(t)
	all, first := readme(t)
	if n := strings.Count(first, "\n"); n > 80 {
		t.Errorf("the README's first screen is %d lines, more than 80", n)
	}
	for _, word := range []string{"field report", "pull request", "the stack", "patch", "PR "} {
		if strings.Contains(strings.ToLower(first), strings.ToLower(word)) {
			t.Errorf("the README's first screen speaks to reviewers (%q): that belongs in CONTRIBUTING.md", word)
		}
	}
	// The decision table's rows; the common case's keys and the port rule
	// beside them; the check; the archive and the image.
	for _, want := range []string{
		"registry:3", "http.relativeurls: true",
		"trustedproxies: []", "scheme: https", "allowedhosts: [registry.example.com]",
		"registry.example.com:8443", "HOST_NOT_ALLOWED",
		"registry doctor https://",
		"sha256sum -c", "registry_" + strings.TrimPrefix(version, "v") + "_linux_amd64.tar.gz",
		"docker build",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("the README's first screen does not show %q", want)
		}
	}
	if !strings.Contains(all, "\n    ./scripts/test.sh\n") {
		t.Error("the README does not show the test command, ./scripts/test.sh, that CI runs")
	}
}

// TestDocsReadmeBuildLine runs the README's go build line as shown, but for
// the output path, and checks that the binary says this build's version.
func TestDocsReadmeBuildLine(t *testing.T) {
	version, _ := thisVersion(t)
	_, first := readme(t)
	var line string
	for _, l := range strings.Split(first, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "CGO_ENABLED=0 go build ") {
			line = l
		}
	}
	if line == "" {
		t.Fatal("the README's first screen shows no \"CGO_ENABLED=0 go build\" line")
	}
	if !strings.Contains(line, `-X github.com/distribution/distribution/v3/version.version=$(cat VERSION)`) {
		t.Errorf("the README's build line does not stamp VERSION: %s", line)
	}
	out := filepath.Join(t.TempDir(), "registry")
	output := regexp.MustCompile(`-o \S+`)
	if !output.MatchString(line) {
		t.Fatalf("the README's build line names no output (-o): %s", line)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", output.ReplaceAllLiteralString(line, "-o "+out))
	cmd.Dir = suite.root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the README's build line: %v\n%s", err, b)
	}
	got, err := runCommand(ctx, out, "--version")
	if err != nil || strings.TrimSpace(got) != out+" github.com/distribution/distribution/v3 "+version {
		t.Errorf("the README's build says %q (%v), want version %s", got, err, version)
	}
}

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// TestDocsReadmeCommonCase runs the registry with the keys the README's
// first screen shows for the common case and checks the port rule beside
// them: an entry without a port allows the scheme's default port only, and
// listing the port allows it.
func TestDocsReadmeCommonCase(t *testing.T) {
	_, first := readme(t)
	blocks := yamlBlock.FindAllStringSubmatch(first, -1)
	if len(blocks) != 1 {
		t.Fatalf("the README's first screen shows %d YAML blocks, want the common case's one", len(blocks))
	}
	keys, ok := strings.CutPrefix(blocks[0][1], "http:\n")
	if !ok {
		t.Fatalf("the README's YAML block does not start with http:\n%s", blocks[0][1])
	}

	const addr = "127.0.91.2:5000"
	start := func(t *testing.T, keys string) {
		e := newEnv(t)
		config := filepath.Join(e.dir, "config.yml")
		if err := os.WriteFile(config, []byte(startupConfig(addr, keys)), 0o644); err != nil {
			t.Fatal(err)
		}
		e.start("registry", []string{"OTEL_TRACES_EXPORTER=none"}, suite.registry, "serve", config)
		e.waitTCP(addr)
	}
	get := func(t *testing.T, host string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+"/v2/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}

	t.Run("as shown", func(t *testing.T) {
		start(t, keys)
		for _, host := range []string{"registry.example.com", "registry.example.com:443"} {
			if code, body := get(t, host); code != http.StatusOK {
				t.Errorf("Host %s: %d %s, want 200", host, code, body)
			}
		}
		if code, body := get(t, "registry.example.com:8443"); code != http.StatusBadRequest || !strings.Contains(body, "HOST_NOT_ALLOWED") {
			t.Errorf("Host registry.example.com:8443: %d %s, want 400 HOST_NOT_ALLOWED", code, body)
		}
	})
	t.Run("with the port listed", func(t *testing.T) {
		listed := strings.Replace(keys, "allowedhosts: [registry.example.com]", `allowedhosts: [registry.example.com, "registry.example.com:8443"]`, 1)
		if listed == keys {
			t.Fatal("the README's keys have no allowedhosts: [registry.example.com]")
		}
		start(t, listed)
		if code, body := get(t, "registry.example.com:8443"); code != http.StatusOK {
			t.Errorf("Host registry.example.com:8443: %d %s, want 200", code, body)
		}
	})
}
