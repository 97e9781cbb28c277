package integration

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// versionForm is this build's version: upstream's release, then this
// build's number.
var versionForm = regexp.MustCompile(`^(v\d+\.\d+\.\d+)\+forwarded\.\d+$`)

// thisVersion returns the content of VERSION, the one place that holds
// this build's version, and the upstream release it names.
func thisVersion(t *testing.T) (version, upstream string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(suite.root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	version = strings.TrimSpace(string(b))
	m := versionForm.FindStringSubmatch(version)
	if m == nil {
		t.Fatalf("VERSION holds %q, not vX.Y.Z+forwarded.N", version)
	}
	return version, m[1]
}

// TestVersionIsOnePlace checks that VERSION names the upstream release
// vendor/ holds, and that the Dockerfile's copy of it, which the image's
// labels need, is the same.
func TestVersionIsOnePlace(t *testing.T) {
	version, upstream := thisVersion(t)
	modules, err := os.ReadFile(filepath.Join(suite.root, "vendor", "modules.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(modules), "\n# github.com/distribution/distribution/v3 "+upstream+"\n") {
		t.Errorf("VERSION names upstream %s, which vendor/modules.txt does not hold", upstream)
	}
	dockerfile, err := os.ReadFile(filepath.Join(suite.root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var defaults []string
	sc := bufio.NewScanner(strings.NewReader(string(dockerfile)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "ARG VERSION="); ok {
			defaults = append(defaults, v)
		}
	}
	if len(defaults) != 1 || defaults[0] != version {
		t.Errorf("the Dockerfile's ARG VERSION defaults are %q, want one, %q (VERSION)", defaults, version)
	}
}

// TestVersionSaysThisBuild checks that the binary, built as every
// documented build is, says this build's version, never upstream's
// "+unknown", in --version and in the version field of its log lines.
func TestVersionSaysThisBuild(t *testing.T) {
	version, _ := thisVersion(t)

	out, err := runCommand(t.Context(), suite.registry, "--version")
	if err != nil {
		t.Fatalf("registry --version: %v\n%s", err, out)
	}
	if want := suite.registry + " github.com/distribution/distribution/v3 " + version; strings.TrimSpace(out) != want {
		t.Errorf("registry --version prints %q, want %q", strings.TrimSpace(out), want)
	}
	if strings.Contains(out, "+unknown") {
		t.Errorf("registry --version prints upstream's unstamped version: %q", out)
	}

	code, log := runRegistry(t, startupConfig("127.0.91.1:5000", ""))
	if code != -1 {
		t.Fatalf("the registry did not keep serving (exit status %d):\n%s", code, log)
	}
	field := regexp.MustCompile(`version="?` + regexp.QuoteMeta(version) + `"?(\s|$)`)
	var listening string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "listening on") {
			listening = line
		}
	}
	if listening == "" {
		t.Fatalf("no \"listening on\" line in the log:\n%s", log)
	}
	if !field.MatchString(listening) {
		t.Errorf("the startup line does not carry version=%s:\n%s", version, listening)
	}
}
