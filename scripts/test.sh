#!/usr/bin/env bash
# Runs the whole test suite: static checks; that vendor/ is v3.1.2 with the
# patch stack in docs/upstream and that nothing else compiles; unit tests;
# each prefix of the stack with upstream's tests and linter; the stack's fuzz
# targets for a fixed number of inputs; the integration suite with real
# proxies and clients; and the scenarios that apply to the first pull
# requests alone, against v3.1.2 with just those applied. Installs what the
# tests need when it is missing (Debian packages through apt-get, Go modules
# through the module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."

# Fuzzing runs a fixed number of inputs per target rather than a duration:
# a duration's deadline can end a run while an input is being run, which go
# test then reports as a failure ("context deadline exceeded").
FUZZTIME=${FUZZTIME:-300000x}

# Debian packages: the proxies (nginx, HAProxy, Caddy, Apache httpd, Apache
# Traffic Server, nghttpx, lighttpd), and skopeo, podman and buildah (with
# uidmap and fuse-overlayfs, which they depend on or recommend), that the
# integration suite runs, Redis for the scale-out scenario, Docker (the
# daemon and its client: the suite starts a daemon of its own, on its own
# socket, and stops it), and a static busybox and the CA bundle, from which
# the image test makes the base images it builds the Dockerfile with; and jq,
# with which scripts/release.sh fixes the SBOM's timestamp.
need=()
for pkg in nginx haproxy caddy apache2 trafficserver nghttp2-proxy lighttpd skopeo podman buildah uidmap fuse-overlayfs redis-server docker.io busybox-static ca-certificates jq; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
	echo "installing ${need[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The S3 gateway the scale-out scenario stores in (Versity's, posix
# backend), installed into the Go bin directory, where the suite looks.
gobin="$(go env GOBIN)"
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
[ -x "$gobin/versitygw" ] || GOFLAGS= go install github.com/versity/versitygw/cmd/versitygw@v1.8.0

# The clients built from their Go modules (crane, oras, regctl) and the OCI
# distribution-spec conformance suite, into the test tools directory, where
# the suite looks.
./scripts/test-tools.sh

echo "== static checks"
unformatted=$(gofmt -l cmd registry tests)
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go vet -mod=vendor ./...
(cd tests && go vet ./...)
# staticcheck is installed into the Go bin directory, not the product's
# go.mod; it then checks the vendored build like go vet.
bin="$(go env GOPATH)/bin"
[ -x "$bin/staticcheck" ] || GOFLAGS= go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
"$bin/staticcheck" ./...
(cd tests && "$bin/staticcheck" ./...)

echo "== vendor/ is v3.1.2 with the stack, and nothing else builds"
./scripts/stack.sh verify
# Against unpatched upstream, from the module cache, the command must not
# compile: it would serve without the policy.
if out=$(GOFLAGS=-mod=mod go build -o /dev/null ./cmd/registry 2>&1); then
	echo "cmd/registry compiled against unpatched upstream" >&2
	exit 1
fi
grep -q "configuration.Forwarded" <<<"$out" || { echo "unexpected build failure: $out" >&2; exit 1; }

echo "== unit tests"
go test -mod=vendor -count=1 ./...

echo "== release: two runs give identical archives, with the files they should hold"
# Both runs build the same commit, so a commit landing meanwhile changes
# nothing. The second reuses the first's compiled packages; the link, the
# archives and the SBOMs are made anew.
release_dir=$(mktemp -d)
release_commit=$(git rev-parse HEAD)
./scripts/release.sh "$release_dir/a" "$release_commit" >/dev/null
./scripts/release.sh "$release_dir/b" "$release_commit" >/dev/null
if ! cmp -s "$release_dir/a/SHA256SUMS" "$release_dir/b/SHA256SUMS"; then
	echo "two release runs differ:" >&2
	diff "$release_dir/a/SHA256SUMS" "$release_dir/b/SHA256SUMS" >&2
	exit 1
fi
(cd "$release_dir/a" && sha256sum -c --quiet SHA256SUMS)
release_version=$(git show "$release_commit:VERSION")
for arch in amd64 arm64; do
	archive="$release_dir/a/registry_${release_version#v}_linux_$arch.tar.gz"
	listing=$(tar --numeric-owner -tvzf "$archive" | awk '{ print $1, $2, $6 }')
	want="-rw-r--r-- 0/0 CHANGELOG.md
-rw-r--r-- 0/0 LICENSE
-rw-r--r-- 0/0 README.md
-rw-r--r-- 0/0 config.yml
-rwxr-xr-x 0/0 registry"
	[ "$listing" = "$want" ] || { echo "$archive holds:" >&2; echo "$listing" >&2; exit 1; }
	[ -s "$release_dir/a/registry_${release_version#v}_linux_$arch.cdx.json" ] || { echo "no SBOM for $arch" >&2; exit 1; }
done
rm -rf "$release_dir"

echo "== the stack: each pull request's prefix builds, passes upstream's tests of its packages and golangci-lint"
./scripts/stack.sh check

echo "== the stack's fuzz targets, $FUZZTIME inputs each"
./scripts/stack.sh fuzz "${FUZZTIME%x}"

echo "== integration suite"
# The image test builds the image from the Dockerfile with a cold Go build
# cache: allow for it.
(cd tests && go test -count=1 -timeout 40m ./...)

# Prefixes of the stack, built as upstream plus those pull requests, against
# the scenarios that apply to them.
series_dir=$(mktemp -d)
trap 'rm -rf "$series_dir"' EXIT
echo "== scenarios against v3.1.2 with pull requests 01-02 (hardening without configuration)"
./scripts/stack.sh build "$series_dir/registry-02" 02
(cd tests && REGISTRY_BINARY="$series_dir/registry-02" go test -count=1 -timeout 20m -run '^(TestCompatMatchesUpstream|TestUnconfiguredHostileValues)$' ./integration/)
echo "== scenarios against v3.1.2 with pull requests 01-04 (trusted proxies, a forced scheme and the client's address)"
./scripts/stack.sh build "$series_dir/registry-04" 04
(cd tests && REGISTRY_BINARY="$series_dir/registry-04" go test -count=1 -timeout 20m -run '^(TestCompatMatchesUpstream|TestUnconfiguredHostileValues|TestXForwardedChain|TestSpoofing|TestFieldReportTrustedChain)$' ./integration/)
