package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var recipeBlock = regexp.MustCompile("(?s)<!-- recipe: (\\S+) -->\n```[a-z]*\n(.*?)```")

// TestDocsShowTheRecipesThatRun checks that every recipe embedded in the docs
// is, byte for byte, the file under docs/proxies, and that every such file is
// both shown in the docs and run by a test of this suite.
func TestDocsShowTheRecipesThatRun(t *testing.T) {
	docs := filepath.Join(suite.root, "docs")
	doc, err := os.ReadFile(filepath.Join(docs, "behind-a-proxy.md"))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, m := range recipeBlock.FindAllStringSubmatch(string(doc), -1) {
		file, err := os.ReadFile(filepath.Join(docs, m[1]))
		if err != nil {
			t.Errorf("docs embed %s, which does not exist", m[1])
			continue
		}
		if string(file) != m[2] {
			t.Errorf("docs show a %s that differs from the file the tests run", m[1])
		}
		shown[filepath.Base(m[1])] = true
	}

	var sources strings.Builder
	tests, _ := filepath.Glob("*_test.go")
	for _, f := range tests {
		b, _ := os.ReadFile(f)
		sources.Write(b)
	}
	recipes, _ := os.ReadDir(filepath.Join(docs, "proxies"))
	if len(recipes) == 0 {
		t.Fatal("no recipes under docs/proxies")
	}
	for _, r := range recipes {
		if !shown[r.Name()] {
			t.Errorf("docs/proxies/%s is not shown in docs/behind-a-proxy.md", r.Name())
		}
		if !strings.Contains(sources.String(), `"`+r.Name()+`"`) {
			t.Errorf("docs/proxies/%s is run by no integration test", r.Name())
		}
	}
}

// runVaries matches what changes from one doctor run to the next: the
// canaries' random part and the documentation addresses.
var runVaries = regexp.MustCompile(`[0-9a-f]{8}\.doctor\.invalid|192\.0\.2\.\d+|198\.51\.100\.\d+`)

func normalizeRun(s string) string {
	return runVaries.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.HasSuffix(m, ".invalid"):
			return "RANDOM.doctor.invalid"
		case strings.HasPrefix(m, "192."):
			return "192.0.2.N"
		}
		return "198.51.100.N"
	})
}

// checkGuideShows fails the test when the guide's troubleshooting section
// does not show this doctor output, as printed but for the run's random
// parts: the outputs the guide shows are the ones the suite gets.
func checkGuideShows(t *testing.T, out string) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(suite.root, "docs", "behind-a-proxy.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(normalizeRun(string(doc)), normalizeRun(strings.TrimRight(out, "\n"))) {
		t.Errorf("docs/behind-a-proxy.md does not show this doctor output; paste it there:\n%s", out)
	}
}
