package integration

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	digest "github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"golang.org/x/crypto/bcrypt"
)

// recorder keeps the last requests a client made, so that a failure says
// what happened on the wire.
type recorder struct {
	mu   sync.Mutex
	reqs []string
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	line := fmt.Sprintf("%s %s", req.Method, req.URL.Redacted())
	if err != nil {
		line += " -> error: " + err.Error()
	} else {
		line += fmt.Sprintf(" -> %d", resp.StatusCode)
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, line)
	r.mu.Unlock()
	return resp, err
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	reqs := r.reqs
	if len(reqs) > 8 {
		reqs = reqs[len(reqs)-8:]
	}
	return "last requests:\n  " + strings.Join(reqs, "\n  ")
}

// blob is content with its descriptor.
type blob struct {
	desc ocispec.Descriptor
	data []byte
}

func newBlob(mediaType string, data []byte) blob {
	return blob{desc: ocispec.Descriptor{MediaType: mediaType, Digest: digest.FromBytes(data), Size: int64(len(data))}, data: data}
}

// image is a small multi-layer OCI image made for one test.
type image struct {
	layers   []blob
	config   blob
	manifest blob
}

// newImage makes an image of n gzipped tar layers of random content.
func newImage(t *testing.T, n, layerSize int) *image {
	t.Helper()
	img := &image{}
	var diffIDs []string
	for i := 0; i < n; i++ {
		var raw, gz bytes.Buffer
		tw := tar.NewWriter(&raw)
		content := make([]byte, layerSize)
		for j := range content {
			content[j] = byte(mrand.IntN(256))
		}
		_ = tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("layer%d.bin", i), Mode: 0o644, Size: int64(len(content))})
		_, _ = tw.Write(content)
		_ = tw.Close()
		diffIDs = append(diffIDs, digest.FromBytes(raw.Bytes()).String())
		zw := gzip.NewWriter(&gz)
		_, _ = zw.Write(raw.Bytes())
		_ = zw.Close()
		img.layers = append(img.layers, newBlob(ocispec.MediaTypeImageLayerGzip, gz.Bytes()))
	}
	config, _ := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"created":      time.Now().UTC().Format(time.RFC3339),
		"rootfs":       map[string]any{"type": "layers", "diff_ids": diffIDs},
	})
	img.config = newBlob(ocispec.MediaTypeImageConfig, config)
	layers := make([]ocispec.Descriptor, len(img.layers))
	for i, l := range img.layers {
		layers[i] = l.desc
	}
	manifest, _ := json.Marshal(ocispec.Manifest{
		Versioned: specsVersion(),
		MediaType: ocispec.MediaTypeImageManifest,
		Config:    img.config.desc,
		Layers:    layers,
	})
	img.manifest = newBlob(ocispec.MediaTypeImageManifest, manifest)
	return img
}

// blobs returns the config and the layers.
func (img *image) blobs() []blob {
	return append([]blob{img.config}, img.layers...)
}

// writeLayout writes the image as an OCI image layout, for skopeo.
func (img *image) writeLayout(dir, tag string) error {
	for _, b := range append(img.blobs(), img.manifest) {
		p := filepath.Join(dir, "blobs", "sha256", b.desc.Digest.Encoded())
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b.data, 0o644); err != nil {
			return err
		}
	}
	desc := img.manifest.desc
	desc.Annotations = map[string]string{ocispec.AnnotationRefName: tag}
	index, _ := json.Marshal(ocispec.Index{Versioned: specsVersion(), MediaType: ocispec.MediaTypeImageIndex, Manifests: []ocispec.Descriptor{desc}})
	if err := os.WriteFile(filepath.Join(dir, "index.json"), index, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "oci-layout"), []byte(`{"imageLayoutVersion":"1.0.0"}`), 0o644)
}

// writeHtpasswd writes the test user's bcrypt entry.
func writeHtpasswd(dir string) (string, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "htpasswd")
	return path, os.WriteFile(path, []byte(username+":"+string(hash)+"\n"), 0o644)
}

// tokenServer issues the JWTs that upstream's token access controller
// accepts, to the test user only, for the scope asked.
type tokenServer struct {
	key      *ecdsa.PrivateKey
	jwksPath string
	issuer   string
	service  string
	srv      *http.Server
	requests atomic.Int64 // requests received, with or without credentials
}

// startTokenServer serves tokens over plain http on tokenTCP, behind the
// inner nginx's /auth/.
func startTokenServer(t testing.TB, dir string) *tokenServer {
	t.Helper()
	return newTokenServer(t, dir, tokenTCP, false)
}

// startTokenServerTLS serves tokens over https on addr, an origin of its
// own, with the suite's certificate.
func startTokenServerTLS(t testing.TB, dir, addr string) *tokenServer {
	t.Helper()
	return newTokenServer(t, dir, addr, true)
}

func newTokenServer(t testing.TB, dir, addr string, useTLS bool) *tokenServer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ts := &tokenServer{key: key, issuer: "test-token-issuer", service: "test-registry"}
	jwks, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "test-key", Algorithm: string(jose.ES256), Use: "sig"}}})
	ts.jwksPath = filepath.Join(dir, "jwks.json")
	if err := os.WriteFile(ts.jwksPath, jwks, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if useTLS {
		cert, err := tls.LoadX509KeyPair(suite.certFile, suite.keyFile)
		if err != nil {
			t.Fatal(err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	ts.srv = &http.Server{Handler: http.HandlerFunc(ts.serveToken)}
	go func() { _ = ts.srv.Serve(ln) }()
	t.Cleanup(func() { _ = ts.srv.Close() })
	return ts
}

type accessEntry struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Actions []string `json:"actions"`
}

func (ts *tokenServer) serveToken(w http.ResponseWriter, r *http.Request) {
	ts.requests.Add(1)
	user, pass, ok := r.BasicAuth()
	if !ok || user != username || pass != password {
		w.Header().Set("WWW-Authenticate", `Basic realm="token"`)
		http.Error(w, "credentials required", http.StatusUnauthorized)
		return
	}
	var access []accessEntry
	for _, scope := range r.URL.Query()["scope"] {
		for _, s := range strings.Split(scope, " ") {
			parts := strings.Split(s, ":")
			if len(parts) == 3 {
				access = append(access, accessEntry{Type: parts[0], Name: parts[1], Actions: strings.Split(parts[2], ",")})
			}
		}
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: ts.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "test-key"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	now := time.Now()
	jti, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	claims := jwt.Claims{
		Issuer:    ts.issuer,
		Subject:   user,
		Audience:  jwt.Audience{r.URL.Query().Get("service")},
		Expiry:    jwt.NewNumericDate(now.Add(5 * time.Minute)),
		NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
		IssuedAt:  jwt.NewNumericDate(now),
		ID:        jti.String(),
	}
	token, err := jwt.Signed(signer).Claims(claims).Claims(map[string]any{"access": access}).Serialize()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"token": token, "access_token": token, "expires_in": 300, "issued_at": now.Format(time.RFC3339)})
}

// authYAML returns the registry's token auth section, with a realm reached
// through the edge at realmHost.
func (ts *tokenServer) authYAML(realmHost string) string {
	return ts.authYAMLRealm("https://" + realmHost + "/auth/token")
}

// authYAMLRealm returns the registry's token auth section with the realm
// given.
func (ts *tokenServer) authYAMLRealm(realm string) string {
	return fmt.Sprintf(`auth:
  token:
    realm: %s
    service: %s
    issuer: %s
    jwks: %s
    signingalgorithms: [ES256]
`, realm, ts.service, ts.issuer, ts.jwksPath)
}

func htpasswdAuthYAML() string {
	return fmt.Sprintf("auth:\n  htpasswd:\n    realm: registry\n    path: %s\n", suite.htpasswd)
}

// pushPlain pushes img to a registry without authentication with plain HTTP
// requests: a monolithic upload per blob, then the manifest.
func pushPlain(hc *http.Client, base, repo, tag string, img *image) error {
	for _, b := range img.blobs() {
		if err := uploadBlob(hc, base, repo, b.data); err != nil {
			return fmt.Errorf("%s: %w", b.desc.Digest, err)
		}
	}
	req, _ := http.NewRequest(http.MethodPut, base+"/v2/"+repo+"/manifests/"+tag, bytes.NewReader(img.manifest.data))
	req.Header.Set("Content-Type", img.manifest.desc.MediaType)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("manifest put: status %d", resp.StatusCode)
	}
	return nil
}

// uploadBlob stores data as a blob with one monolithic PUT.
func uploadBlob(hc *http.Client, base, repo string, data []byte) error {
	loc, err := startUpload(hc, base, repo)
	if err != nil {
		return err
	}
	return finishUpload(hc, loc, digest.FromBytes(data), data)
}

// startUpload begins a blob upload and returns its URL, resolved against
// the request's.
func startUpload(hc *http.Client, base, repo string) (string, error) {
	resp, err := hc.Post(base+"/v2/"+repo+"/blobs/uploads/", "", nil)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return "", fmt.Errorf("upload start: status %d", resp.StatusCode)
	}
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	return loc.String(), nil
}

// finishUpload closes the upload at loc with a PUT of its last data (none
// when data is nil) and the digest of the whole blob.
func finishUpload(hc *http.Client, loc string, dgst digest.Digest, data []byte) error {
	u, err := url.Parse(loc)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("digest", dgst.String())
	u.RawQuery = q.Encode()
	req, _ := http.NewRequest(http.MethodPut, u.String(), bytes.NewReader(data))
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("upload end: status %d", resp.StatusCode)
	}
	return nil
}
