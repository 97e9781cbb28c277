#!/usr/bin/env bash
# Runs the whole test suite: static checks, unit and handler tests, fuzz
# targets for a bounded time, the integration suite with real proxies and
# clients, and the upstream patch series: upstream's tests and linter on it,
# and the trust-boundary scenarios against upstream built with it. Installs what the tests need when it is missing (Debian packages
# through apt-get, Go modules through the module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."

# Fuzzing runs a fixed number of inputs per target rather than a duration:
# a duration's deadline can end a run while an input is being run, which go
# test then reports as a failure ("context deadline exceeded").
FUZZTIME=${FUZZTIME:-300000x}

# Debian packages: the proxies and skopeo the integration suite runs, Redis
# for the scale-out scenario, Docker (the daemon and its client: the suite
# starts a daemon of its own, on its own socket, and stops it), and a static
# busybox and the CA bundle, from which the image test makes the base images
# it builds the Dockerfile with.
need=()
for pkg in nginx haproxy caddy skopeo redis-server docker.io busybox-static ca-certificates; do
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

echo "== static checks"
unformatted=$(gofmt -l cmd registry tests)
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go vet -mod=vendor ./...
(cd tests && go vet ./...)
# staticcheck is installed into a cache-local directory, not the product's
# go.mod; it then checks the vendored build like go vet.
bin="$(go env GOPATH)/bin"
[ -x "$bin/staticcheck" ] || GOFLAGS= go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
"$bin/staticcheck" ./...
(cd tests && "$bin/staticcheck" ./...)

echo "== unit and handler tests"
go test -mod=vendor -count=1 ./...

echo "== fuzz targets, $FUZZTIME each"
for target in FuzzResolve FuzzClientPrefix FuzzForwardedSyntax; do
	go test -mod=vendor -run '^$' -fuzz "^$target\$" -fuzztime "$FUZZTIME" ./registry/forwarded/
done

echo "== integration suite"
# The image test builds the image from the Dockerfile with a cold Go build
# cache: allow for it.
(cd tests && go test -count=1 -timeout 40m ./...)

# The same change as a patch series for upstream (docs/upstream): applied to
# v3.1.2's source, it passes upstream's own tests and linter, and upstream
# built with it passes the trust-boundary scenarios this build passes.
echo "== upstream patch series: upstream's tests of the touched packages, golangci-lint"
./scripts/upstream-series.sh check
echo "== integration scenarios against upstream v3.1.2 with the series"
series_dir=$(mktemp -d)
trap 'rm -rf "$series_dir"' EXIT
./scripts/upstream-series.sh build "$series_dir/registry"
scenarios='TestFieldReportSetup|TestXForwardedChain|TestForwardedChain|TestOtherEdges|TestSpoofing|TestHostileRequests|TestHostileHosts|TestForwardedPortNeverInLocation|TestForwardedClientDamage|TestStrictOriginReachesEveryConsumer|TestCompatMatchesUpstream'
(cd tests && REGISTRY_BINARY="$series_dir/registry" go test -count=1 -timeout 20m -run "^($scenarios)\$" ./integration/)
