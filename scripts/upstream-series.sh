#!/usr/bin/env bash
# The patch series in docs/upstream, applied to Distribution v3.1.2's source
# as the Go module proxy serves it.
#
#   upstream-series.sh tree DIR     fresh git tree of v3.1.2 in DIR, series applied with git am
#   upstream-series.sh build OUT    that tree's registry binary, written to OUT
#   upstream-series.sh check        upstream's tests of the packages the series
#                                   touches, and golangci-lint with upstream's config
#   upstream-series.sh refresh      rewrite the series so that its internal/forwarded
#                                   is registry/forwarded as it is now
#
# Needs go and git; Go modules come through the module proxy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
series="$root/docs/upstream"
version=v3.1.2
lint_version=v2.9.0 # upstream's dockerfiles/lint.Dockerfile pins golangci-lint v2.9
# Packages the series adds or changes, whose tests must pass.
touched=(./internal/forwarded/... ./configuration/... ./registry/ ./registry/api/v2/... ./registry/handlers/...)

export GOFLAGS=
git_id=(-c user.name="Series check" -c user.email="series-check@localhost")

# base DIR: a git tree of the module source, one commit.
base() {
	local dir=$1 src
	src=$(go mod download -json "github.com/distribution/distribution/v3@$version" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -d "$src" ] || { echo "module source of $version not found" >&2; exit 1; }
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r "$src/." "$dir/"
	chmod -R u+w "$dir"
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" "${git_id[@]}" commit -qm "distribution $version (module source)"
}

tree() {
	local dir=$1
	base "$dir"
	git -C "$dir" "${git_id[@]}" am -q "$series"/*.patch
}

case "${1:-}" in
tree)
	tree "$2"
	;;
build)
	out=$(realpath -m "$2")
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	(cd "$work/src" && CGO_ENABLED=0 go build -o "$out" ./cmd/registry)
	;;
check)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$work/src"
	echo "== upstream's tests of the touched packages"
	go test -count=1 "${touched[@]}"
	echo "== golangci-lint $lint_version, upstream's configuration"
	bin="$(go env GOPATH)/bin"
	if ! "$bin/golangci-lint" version 2>/dev/null | grep -q "version ${lint_version#v} "; then
		go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$lint_version"
	fi
	"$bin/golangci-lint" run "${touched[@]}"
	echo "== whitespace and gofmt"
	git diff --check HEAD~"$(ls "$series"/*.patch | wc -l)"
	[ -z "$(gofmt -l internal configuration registry)" ]
	;;
refresh)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$work/src"
	n=$(ls "$series"/*.patch | wc -l)
	tip=$(git rev-parse HEAD)
	first=$(git rev-list --reverse HEAD~"$n"..HEAD | head -1)
	# The first patch adds internal/forwarded: replace its files with ours,
	# then replay the later patches on top.
	git checkout -q "$first"
	rm -f internal/forwarded/*.go
	for f in "$root"/registry/forwarded/*.go; do
		# series_test.go checks this series against the package: ours only.
		[ "$(basename "$f")" = series_test.go ] || cp "$f" internal/forwarded/
	done
	git add -A internal/forwarded
	git "${git_id[@]}" commit -q --amend --no-edit
	git "${git_id[@]}" rebase -q --onto HEAD "$first" "$tip"
	rm -f "$series"/*.patch
	git format-patch -q --zero-commit HEAD~"$n"..HEAD -o "$series"
	echo "refreshed $n patches in docs/upstream"
	;;
*)
	sed -n '2,12p' "$0" >&2
	exit 2
	;;
esac
