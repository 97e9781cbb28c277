#!/usr/bin/env bash
# Builds a release of COMMIT (default HEAD) into OUTDIR (absent or empty):
#
#   ./scripts/release.sh OUTDIR [COMMIT]
#
#   registry_<V>_linux_amd64.tar.gz     the static binary, LICENSE, README.md,
#   registry_<V>_linux_arm64.tar.gz     CHANGELOG.md and a sample config.yml
#   registry_<V>_linux_<arch>.cdx.json  the SBOM of each binary (CycloneDX)
#   SHA256SUMS                          checksums of all of the above
#
# <V> is the file VERSION without its leading v (3.1.2+forwarded.1), as
# upstream names its archives (registry_3.1.2_linux_amd64.tar.gz).
#
# The release is built from the commit, cloned from this repository:
# uncommitted changes are not in it, and nothing written to the work tree
# meanwhile reaches it. Two runs for the same commit with the same Go
# release give identical files:
#   - the binaries: -trimpath, no VCS stamping (-buildvcs=false), only the
#     vendored modules, the version from the commit's file VERSION and the
#     revision from the commit, fixed GOAMD64/GOARM64 levels, the caller's
#     go env file and GOFLAGS ignored;
#   - the archives: one mtime for every entry (SOURCE_DATE_EPOCH, by default
#     the commit's time), entries in name order, owner and group 0, fixed
#     modes, gzip without a name or a time stamp;
#   - the SBOMs: no serial number, and SOURCE_DATE_EPOCH as their timestamp.
#
# Why a script and not GoReleaser: GoReleaser v2 is not packaged in Debian,
# and no prebuilt download is reachable from here, so it has to be built
# from its module through the Go module proxy. `go install
# github.com/goreleaser/goreleaser/v2@v2.15.2` downloads several hundred
# modules (cloud SDKs, signing, publishing and packaging back ends) and
# compiles them into a 121 MB binary: about 7 minutes of CPU, and more than
# 30 minutes on a busy 2-core machine. test.sh would pay that on every fresh
# machine, inside CI's time limit, to do what tar, gzip, sha256sum and the Go
# toolchain do here in a page; its SBOM step would call an external
# generator anyway. See CONTRIBUTING.md.
#
# Needs go, git, GNU tar, gzip, sha256sum and jq. Installs cyclonedx-gomod
# (the SBOM generator, maintained by the CycloneDX project) at a fixed
# version into the Go bin directory when it is missing, through the module
# proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

cyclonedx_version=v1.10.0
archs=(amd64 arm64)
files=(CHANGELOG.md LICENSE README.md config.yml registry) # in name order

usage() {
	echo "usage: $0 OUTDIR [COMMIT]" >&2
	exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
commit=${2:-HEAD}
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
	echo "$out is not empty" >&2
	exit 1
fi
for tool in go git tar gzip sha256sum jq; do
	command -v "$tool" >/dev/null || { echo "$tool is not installed (jq: apt-get install jq)" >&2; exit 1; }
done
tar --version | grep -q "GNU tar" || { echo "tar is not GNU tar" >&2; exit 1; }

# The commit's tree, cloned.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
revision=$(git rev-parse --verify "$commit^{commit}")
src="$stage/src"
# A clone, not git archive: the SBOM generator reads the main module's
# version from git (its own reader, which does not follow --shared's
# alternates). Nothing in this repository changes.
git clone -q --no-checkout "$PWD" "$src"
git -C "$src" -c advice.detachedHead=false checkout -q --detach "$revision"
if [ "$commit" = HEAD ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "note: the work tree has uncommitted changes; the release is built from HEAD ($revision) without them" >&2
fi

# The version: the file VERSION, upstream's release and this build's number.
version=$(cat "$src/VERSION")
if ! [[ $version =~ ^(v[0-9]+\.[0-9]+\.[0-9]+)\+forwarded\.[0-9]+$ ]]; then
	echo "VERSION holds \"$version\", not vX.Y.Z+forwarded.N" >&2
	exit 1
fi
upstream=${BASH_REMATCH[1]}
grep -qx "# github.com/distribution/distribution/v3 $upstream" "$src/vendor/modules.txt" ||
	{ echo "VERSION names upstream $upstream, vendor/ holds another" >&2; exit 1; }
grep -qx "ARG VERSION=$version" "$src/Dockerfile" ||
	{ echo "the Dockerfile's ARG VERSION default is not $version (VERSION): make them equal" >&2; exit 1; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct "$revision")}
timestamp=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

# The SBOM generator, at a fixed version, in the Go bin directory.
gobin="$(go env GOBIN)"
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
cyclonedx="$gobin/cyclonedx-gomod"
if ! { [ -x "$cyclonedx" ] && "$cyclonedx" version 2>/dev/null | grep -q "$cyclonedx_version"; }; then
	echo "installing cyclonedx-gomod $cyclonedx_version"
	GOFLAGS= go install "github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@$cyclonedx_version"
fi

# Builds see none of the caller's Go settings but the caches.
build_env=(env GOENV=off GOFLAGS=-mod=vendor GOTOOLCHAIN=local GOEXPERIMENT= CGO_ENABLED=0
	GOOS=linux GOAMD64=v1 GOARM64=v8.0 GOPROXY=off)
pkg=github.com/distribution/distribution/v3/version
ldflags="-s -w -X $pkg.version=$version -X $pkg.revision=$revision"
# The patch folders in the order they apply (docs/upstream/series).
patches=$(sed -e 's/#.*//' "$src/docs/upstream/series" | awk 'NF { print $1 }' | paste -sd, - | sed 's/,/, /g')

mkdir -p "$out"
out=$(cd "$out" && pwd)

for arch in "${archs[@]}"; do
	name="registry_${version#v}_linux_${arch}"
	dir="$stage/$name"
	mkdir -p "$dir"
	echo "building $name"
	(cd "$src" && "${build_env[@]}" GOARCH="$arch" go build -trimpath -buildvcs=false -ldflags "$ldflags" \
		-o "$dir/registry" ./cmd/registry)
	cp "$src/LICENSE" "$src/README.md" "$src/CHANGELOG.md" "$dir/"
	cp "$src/image/config.yml" "$dir/config.yml"
	chmod 0644 "$dir"/*
	chmod 0755 "$dir/registry"
	if [ "$arch" = "$(go env GOHOSTARCH)" ]; then
		got=$("$dir/registry" --version)
		[[ $got == *" $version" ]] || { echo "the built binary says \"$got\", not $version" >&2; exit 1; }
	fi
	tar -C "$dir" --format=ustar --sort=name --mtime="@$SOURCE_DATE_EPOCH" \
		--owner=0 --group=0 --numeric-owner -cf - "${files[@]}" |
		gzip -9 -n >"$out/$name.tar.gz"

	# The SBOM of the binary: the modules it is built from, as go list sees
	# them for this target. Its main component carries this build's
	# version (its purl, the Go module's pseudo-version, names the commit);
	# upstream's module notes the patches applied to it.
	(cd "$src" && "${build_env[@]}" GOARCH="$arch" "$cyclonedx" app -json -licenses -noserial -notimestamp \
		-main cmd/registry -output "$stage/$name.cdx.json" .)
	jq --arg ts "$timestamp" --arg version "$version" \
		--arg notes "Upstream $upstream with the patches of this build applied (docs/upstream/ in its source: $patches); vendor/ holds the patched code." '
		.metadata.timestamp = $ts
		| .metadata.component.version = $version
		| (.components[] | select(.name == "github.com/distribution/distribution/v3")) .pedigree = {notes: $notes}
		' "$stage/$name.cdx.json" >"$out/$name.cdx.json"
done

(cd "$out" && sha256sum -- *.tar.gz *.cdx.json | LC_ALL=C sort -k2 >SHA256SUMS)
echo "release $version ($revision) in $out:"
(cd "$out" && ls -l)
