package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// dockerfile is what the image test takes from the Dockerfile, so that it
// runs what the image would run.
type dockerfile struct {
	entrypoint, cmd []string
	env             []string
	copies          map[string]string // destination in the image -> source in the repository
}

func readDockerfile(t *testing.T) dockerfile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(suite.root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := dockerfile{copies: map[string]string{}}
	final := false
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "FROM":
			final = !strings.Contains(strings.ToUpper(line), " AS ")
		case "ENTRYPOINT", "CMD":
			var v []string
			if err := json.Unmarshal([]byte(strings.TrimSpace(line[len(f[0]):])), &v); err != nil {
				t.Fatalf("Dockerfile %s is not in exec form: %v", f[0], err)
			}
			if strings.ToUpper(f[0]) == "CMD" {
				df.cmd = v
			} else {
				df.entrypoint = v
			}
		case "ENV":
			if final {
				df.env = append(df.env, f[1:]...)
			}
		case "COPY":
			if final && len(f) == 3 {
				df.copies[f[2]] = f[1]
			}
		}
	}
	return df
}

// imageRoot lays out a root file system as the image has it: the static
// binary at /bin/registry, the entrypoint and default configuration from the
// Dockerfile's COPY lines, a shell, and the storage volume.
func imageRoot(t *testing.T, df dockerfile) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"bin", "etc/distribution", "var/lib/registry", "tmp"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The suite's binary is built static, as the Dockerfile builds it.
	bin, err := os.ReadFile(suite.registry)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "bin", "registry"), bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for dst, src := range df.copies {
		if strings.HasPrefix(src, "--") {
			continue // from another stage: the binary, built above
		}
		data, err := os.ReadFile(filepath.Join(suite.root, src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, dst), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	busybox, err := exec.LookPath("busybox")
	if err != nil {
		t.Fatalf("busybox (static) is needed for the image's shell: %v", err)
	}
	data, err := os.ReadFile(busybox)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "bin", "busybox"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, applet := range []string{"sh", "echo"} {
		if err := os.Symlink("busybox", filepath.Join(root, "bin", applet)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestImage runs the entrypoint and binary exactly as the image would: in a
// root laid out like the image, with the image's default configuration, its
// ENTRYPOINT, CMD and ENV.
func TestImage(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("the image test needs root, for chroot")
	}
	df := readDockerfile(t)
	if len(df.entrypoint) == 0 || len(df.cmd) == 0 || df.copies["/etc/distribution/config.yml"] == "" {
		t.Fatalf("Dockerfile lacks an ENTRYPOINT, CMD or default config: %+v", df)
	}
	root := imageRoot(t, df)
	env := append([]string{"PATH=/bin", "HOME=/"}, df.env...)
	chroot, err := exec.LookPath("chroot")
	if err != nil {
		t.Fatal(err)
	}

	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, chroot, append([]string{root}, append(df.entrypoint, args...)...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	t.Run("flags go to the binary", func(t *testing.T) {
		out, err := run("--version")
		if err != nil || !strings.Contains(out, "v3.1.2") {
			t.Errorf("--version: %v\n%s", err, out)
		}
	})
	t.Run("help goes to the binary", func(t *testing.T) {
		out, err := run("help")
		if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "doctor") {
			t.Errorf("help: %v\n%s", err, out)
		}
	})
	t.Run("anything else is executed", func(t *testing.T) {
		out, err := run("echo", "hello from the image")
		if err != nil || strings.TrimSpace(out) != "hello from the image" {
			t.Errorf("echo: %v\n%s", err, out)
		}
	})

	t.Run("default command serves the default configuration", func(t *testing.T) {
		e := newEnv(t)
		addr := "127.0.70.1:5000"
		// The one change to the default configuration is the listen
		// address, set the way users set it: from the environment.
		cmd := append([]string{"env"}, append(env, "REGISTRY_HTTP_ADDR="+addr)...)
		cmd = append(cmd, chroot, root)
		cmd = append(cmd, df.entrypoint...)
		cmd = append(cmd, df.cmd...)
		image := e.start("image", nil, cmd...)
		e.waitTCP(addr)
		if err := pushPlain(http.DefaultClient, "http://"+addr, "image-test", "v1", newImage(t, 2, 1024)); err != nil {
			t.Fatal(err)
		}
		tags, _ := filepath.Glob(filepath.Join(root, "var/lib/registry/docker/registry/v2/repositories/image-test/_manifests/tags/*"))
		if len(tags) != 1 {
			t.Errorf("push not stored under the image's volume /var/lib/registry: %v", tags)
		}
		log := readFile(image.log)
		if !strings.Contains(log, "http.forwarded is not configured") {
			t.Errorf("the default configuration's compatibility warning is missing:\n%s", log)
		}
	})

	// Upstream's garbage collector needs a repository to exist: run it
	// on the storage the serving test wrote.
	t.Run("garbage-collect", func(t *testing.T) {
		out, err := run("garbage-collect", "--dry-run", "/etc/distribution/config.yml")
		if err != nil {
			t.Errorf("garbage-collect: %v\n%s", err, out)
		}
	})
}
