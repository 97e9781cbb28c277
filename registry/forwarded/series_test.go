package forwarded

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpstreamSeriesCarriesThisPackage checks that the patch series proposed
// to upstream (docs/upstream) adds this package, file for file and byte for
// byte, as internal/forwarded: the series must not drift from the resolver
// this build runs. scripts/upstream-series.sh refresh rewrites the series
// from this package.
func TestUpstreamSeriesCarriesThisPackage(t *testing.T) {
	patches, err := filepath.Glob(filepath.Join("..", "..", "docs", "upstream", "0001-*.patch"))
	if err != nil || len(patches) != 1 {
		t.Fatalf("want one first patch in docs/upstream, found %v (%v)", patches, err)
	}
	added := newFiles(t, patches[0], "internal/forwarded/")
	ours, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ours {
		if name == "series_test.go" {
			continue // this check, which stays here
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := added[name]
		switch {
		case !ok:
			t.Errorf("the series does not add internal/forwarded/%s", name)
		case got != string(want):
			t.Errorf("internal/forwarded/%s in the series differs from %s here: run scripts/upstream-series.sh refresh", name, name)
		}
		delete(added, name)
	}
	for name := range added {
		t.Errorf("the series adds internal/forwarded/%s, which is not in this package", name)
	}
}

// newFiles returns the content of the files under dir that a git patch
// creates, by base name.
func newFiles(t *testing.T, patch, dir string) map[string]string {
	t.Helper()
	f, err := os.Open(patch)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := map[string]string{}
	var (
		name string
		body strings.Builder
		in   bool
	)
	flush := func() {
		if name != "" {
			files[name] = body.String()
		}
		name, in = "", false
		body.Reset()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			flush()
		case strings.HasPrefix(line, "+++ b/"+dir):
			name = strings.TrimPrefix(line, "+++ b/"+dir)
		case name != "" && strings.HasPrefix(line, "@@ -0,0 "):
			in = true
		case in && strings.HasPrefix(line, "+"):
			body.WriteString(line[1:])
			body.WriteByte('\n')
		case in && line == `\ No newline at end of file`:
			s := strings.TrimSuffix(body.String(), "\n")
			body.Reset()
			body.WriteString(s)
		case in:
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return files
}
