package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/containerd/containerd/v2/core/remotes"
	"github.com/containerd/containerd/v2/core/remotes/docker"
	"github.com/containerd/errdefs"
	"github.com/distribution/reference"
	"github.com/docker/distribution"
	_ "github.com/docker/distribution/manifest/ocischema"
	"github.com/docker/distribution/registry/client"
	"github.com/docker/distribution/registry/client/auth"
	"github.com/docker/distribution/registry/client/auth/challenge"
	"github.com/docker/distribution/registry/client/transport"
	digest "github.com/opencontainers/go-digest"
	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

func specsVersion() specs.Versioned { return specs.Versioned{SchemaVersion: 2} }

// pushPuller is one registry client: it pushes an image under repo:tag to
// the registry at host (reached over https), then pulls it back and checks
// every digest.
type pushPuller interface {
	name() string
	push(ctx context.Context, host, repo, tag string, img *image) error
	pull(ctx context.Context, host, repo, tag string, img *image) error
	// trace describes the last requests, for failure messages.
	trace() string
}

func allClients(dir string) []pushPuller {
	return []pushPuller{&dockerClient{}, &containerdClient{}, &skopeoClient{dir: dir}}
}

// dockerClient is Docker's classic push path: the distribution v2.8.3
// registry client with its challenge manager, as dockerd runs it.
type dockerClient struct{ rec recorder }

func (c *dockerClient) name() string  { return "docker" }
func (c *dockerClient) trace() string { return c.rec.String() }

type staticCreds struct{}

func (staticCreds) Basic(*url.URL) (string, string)          { return username, password }
func (staticCreds) RefreshToken(*url.URL, string) string     { return "" }
func (staticCreds) SetRefreshToken(*url.URL, string, string) {}
func (c *dockerClient) repository(ctx context.Context, host, repo string, actions ...string) (distribution.Repository, error) {
	hc := httpClient(&c.rec)
	base := "https://" + host
	// Ping the endpoint, as dockerd does, to learn its challenges.
	resp, err := hc.Get(base + "/v2/")
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	cm := challenge.NewSimpleManager()
	if err := cm.AddResponse(resp); err != nil {
		return nil, err
	}
	tr := transport.NewTransport(&c.rec, auth.NewAuthorizer(cm,
		auth.NewTokenHandler(&c.rec, staticCreds{}, repo, actions...),
		auth.NewBasicHandler(staticCreds{})))
	named, err := reference.WithName(repo)
	if err != nil {
		return nil, err
	}
	return client.NewRepository(named, base, tr)
}

func (c *dockerClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	r, err := c.repository(ctx, host, repo, "push", "pull")
	if err != nil {
		return err
	}
	bs := r.Blobs(ctx)
	for _, b := range img.blobs() {
		w, err := bs.Create(ctx)
		if err != nil {
			return fmt.Errorf("starting upload of %s: %w", b.desc.Digest, err)
		}
		if _, err := w.Write(b.data); err != nil {
			return fmt.Errorf("uploading %s: %w", b.desc.Digest, err)
		}
		if _, err := w.Commit(ctx, distribution.Descriptor{MediaType: b.desc.MediaType, Digest: b.desc.Digest, Size: b.desc.Size}); err != nil {
			return fmt.Errorf("committing %s: %w", b.desc.Digest, err)
		}
	}
	ms, err := r.Manifests(ctx)
	if err != nil {
		return err
	}
	m, _, err := distribution.UnmarshalManifest(img.manifest.desc.MediaType, img.manifest.data)
	if err != nil {
		return err
	}
	dgst, err := ms.Put(ctx, m, distribution.WithTag(tag))
	if err != nil {
		return fmt.Errorf("putting manifest: %w", err)
	}
	if dgst != img.manifest.desc.Digest {
		return fmt.Errorf("manifest stored as %s, want %s", dgst, img.manifest.desc.Digest)
	}
	return nil
}

func (c *dockerClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	r, err := c.repository(ctx, host, repo, "pull")
	if err != nil {
		return err
	}
	ms, err := r.Manifests(ctx)
	if err != nil {
		return err
	}
	m, err := ms.Get(ctx, "", distribution.WithTag(tag))
	if err != nil {
		return fmt.Errorf("getting manifest: %w", err)
	}
	_, payload, err := m.Payload()
	if err != nil {
		return err
	}
	if got := digest.FromBytes(payload); got != img.manifest.desc.Digest {
		return fmt.Errorf("manifest digest %s, want %s", got, img.manifest.desc.Digest)
	}
	bs := r.Blobs(ctx)
	for _, b := range img.blobs() {
		data, err := bs.Get(ctx, b.desc.Digest)
		if err != nil {
			return fmt.Errorf("getting %s: %w", b.desc.Digest, err)
		}
		if got := digest.FromBytes(data); got != b.desc.Digest {
			return fmt.Errorf("blob digest %s, want %s", got, b.desc.Digest)
		}
	}
	return nil
}

// containerdClient is containerd's resolver and pusher, the path of
// BuildKit, nerdctl and Docker with the containerd image store.
type containerdClient struct{ rec recorder }

func (c *containerdClient) name() string  { return "containerd" }
func (c *containerdClient) trace() string { return c.rec.String() }

func (c *containerdClient) resolver() remotes.Resolver {
	hc := httpClient(&c.rec)
	authorizer := docker.NewDockerAuthorizer(
		docker.WithAuthClient(hc),
		docker.WithAuthCreds(func(string) (string, string, error) { return username, password, nil }))
	return docker.NewResolver(docker.ResolverOptions{
		Hosts: docker.ConfigureDefaultRegistries(docker.WithClient(hc), docker.WithAuthorizer(authorizer)),
	})
}

func (c *containerdClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	pusher, err := c.resolver().Pusher(ctx, host+"/"+repo+":"+tag)
	if err != nil {
		return err
	}
	for _, b := range append(img.blobs(), img.manifest) {
		w, err := pusher.Push(ctx, b.desc)
		if errdefs.IsAlreadyExists(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("pushing %s: %w", b.desc.Digest, err)
		}
		if _, err := w.Write(b.data); err != nil {
			w.Close()
			return fmt.Errorf("writing %s: %w", b.desc.Digest, err)
		}
		if err := w.Commit(ctx, b.desc.Size, b.desc.Digest); err != nil {
			return fmt.Errorf("committing %s: %w", b.desc.Digest, err)
		}
	}
	return nil
}

func (c *containerdClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	resolver := c.resolver()
	name, desc, err := resolver.Resolve(ctx, host+"/"+repo+":"+tag)
	if err != nil {
		return fmt.Errorf("resolving: %w", err)
	}
	if desc.Digest != img.manifest.desc.Digest {
		return fmt.Errorf("resolved %s, want %s", desc.Digest, img.manifest.desc.Digest)
	}
	fetcher, err := resolver.Fetcher(ctx, name)
	if err != nil {
		return err
	}
	for _, b := range append(img.blobs(), img.manifest) {
		rc, err := fetcher.Fetch(ctx, b.desc)
		if err != nil {
			return fmt.Errorf("fetching %s: %w", b.desc.Digest, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("reading %s: %w", b.desc.Digest, err)
		}
		if got := digest.FromBytes(data); got != b.desc.Digest {
			return fmt.Errorf("blob digest %s, want %s", got, b.desc.Digest)
		}
	}
	return nil
}

// skopeoClient runs skopeo from Debian (containers/image, the library of
// podman and buildah). It connects from 127.0.0.1: it cannot choose its
// source address.
type skopeoClient struct {
	dir  string
	last string // output of the last run
}

func (c *skopeoClient) name() string  { return "skopeo" }
func (c *skopeoClient) trace() string { return "skopeo output:\n" + tailString(c.last, 2000) }

func tailString(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func (c *skopeoClient) run(ctx context.Context, args ...string) error {
	policy := filepath.Join(c.dir, "policy.json")
	if err := os.WriteFile(policy, []byte(`{"default":[{"type":"insecureAcceptAnything"}]}`), 0o644); err != nil {
		return err
	}
	out, err := runCommand(ctx, "skopeo", append([]string{"--policy", policy, "--debug"}, args...)...)
	c.last = out
	if err != nil {
		return fmt.Errorf("skopeo %s: %v", args[0], err)
	}
	return nil
}

func (c *skopeoClient) push(ctx context.Context, host, repo, tag string, img *image) error {
	layout := filepath.Join(c.dir, "push-"+strings.ReplaceAll(repo, "/", "-")+"-"+tag)
	if err := img.writeLayout(layout, tag); err != nil {
		return err
	}
	return c.run(ctx, "copy", "--retry-times", "0",
		"--dest-creds", username+":"+password, "--dest-cert-dir", suite.caDir,
		"oci:"+layout+":"+tag, "docker://"+host+"/"+repo+":"+tag)
}

func (c *skopeoClient) pull(ctx context.Context, host, repo, tag string, img *image) error {
	layout := filepath.Join(c.dir, "pull-"+strings.ReplaceAll(repo, "/", "-")+"-"+tag)
	if err := c.run(ctx, "copy", "--retry-times", "0",
		"--src-creds", username+":"+password, "--src-cert-dir", suite.caDir,
		"docker://"+host+"/"+repo+":"+tag, "oci:"+layout+":"+tag); err != nil {
		return err
	}
	return img.checkLayout(layout)
}

// checkLayout checks that the OCI image layout at dir holds this image, blob
// for blob: an index naming its manifest alone, and every blob byte-equal.
func (img *image) checkLayout(dir string) error {
	var index ocispec.Index
	raw, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &index); err != nil {
		return err
	}
	if len(index.Manifests) != 1 || index.Manifests[0].Digest != img.manifest.desc.Digest {
		return fmt.Errorf("pulled index %s, want manifest %s", raw, img.manifest.desc.Digest)
	}
	for _, b := range append(img.blobs(), img.manifest) {
		data, err := os.ReadFile(filepath.Join(dir, "blobs", "sha256", b.desc.Digest.Encoded()))
		if err != nil {
			return err
		}
		if !bytes.Equal(data, b.data) {
			return fmt.Errorf("pulled blob %s differs", b.desc.Digest)
		}
	}
	return nil
}

// isUnauthorized reports whether err is a 401 from the registry, as each Go
// client reports it.
func isUnauthorized(err error) bool {
	if err == nil {
		return false
	}
	var ue *client.UnexpectedHTTPResponseError
	if errors.As(err, &ue) && ue.StatusCode == http.StatusUnauthorized {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "401") || strings.Contains(strings.ToLower(s), "unauthorized")
}
